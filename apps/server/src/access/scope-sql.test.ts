import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../test/index.ts';
import { pathUnder } from './scope-sql.ts';

let app: TestApp;
afterEach(async () => app?.close());

const SRC = join(import.meta.dirname, '..');
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}

describe('region paths in LIKE', () => {
  it('match a subtree by its path taken literally (LIKE wildcards in it are escaped)', async () => {
    app = await buildTestApp();
    const paths = sql`(select '/a_b/c/' as p union all select '/axb/c/' as p union all select '/a%/c/' as p) t`;
    const under = async (path: string) =>
      (await sql<{ p: string }>`select p from ${paths} where ${pathUnder(path, 't.p')} order by p`.execute(app.ctx.db)).rows.map((r) => r.p);
    expect(await under('/a_b/')).toEqual(['/a_b/c/']);
    expect(await under('/a%/')).toEqual(['/a%/c/']);
    expect(await under('/')).toHaveLength(3);
  });

  it('go through pathUnder everywhere, not a LIKE of their own', () => {
    const own = /region_path['"]?,\s*'like'|(region_path|scope_path) like \$\{/;
    const found = sources(SRC).flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .flatMap((line, i) => (own.test(line) ? [`${relative(SRC, f)}:${i + 1}`] : [])),
    );
    expect(found).toEqual([]);
  });
});
