import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasKey } from '@carebridge/shared';
import { describe, expect, it } from 'vitest';

/** Every source file of the server but the tests. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}

describe('audit log', () => {
  it('has a name in both languages for every kind of thing an audit row can be about', () => {
    const entities = new Set<string>();
    for (const file of sources(join(import.meta.dirname, '../..')))
      for (const m of readFileSync(file, 'utf8').matchAll(/entity: (?:[^,\n]*\? )?'([a-z_]+)'(?: : '([a-z_]+)')?/g))
        for (const e of [m[1], m[2]]) if (e) entities.add(e);
    expect(entities.size).toBeGreaterThan(20);
    const missing = [...entities].flatMap((e) => (['zh-CN', 'en-US'] as const).filter((lang) => !hasKey(lang, `entities.${e}`)).map((lang) => `${lang} ${e}`));
    expect(missing).toEqual([]);
  });
});
