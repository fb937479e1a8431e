import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasKey, messages } from '@carebridge/shared';
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

  it('has a name in both languages for every action it records', () => {
    const actions = new Set<string>();
    for (const file of sources(join(import.meta.dirname, '../..'))) {
      const text = readFileSync(file, 'utf8');
      for (const line of text.split('\n').filter((l) => l.includes('action: ')))
        for (const m of line.matchAll(/'([a-z]+\.[a-z_]+)'/g)) actions.add(m[1] as string);
      // Actions passed to a service's own writer: `this.change(auth, id, version, 'camp.sessions', …)`.
      for (const m of text.matchAll(/this\.(?:change|write)\([^)']*'([a-z]+\.[a-z_]+)'/g)) actions.add(m[1] as string);
    }
    expect(actions.size).toBeGreaterThan(90);
    const missing = [...actions].flatMap((a) =>
      (['zh-CN', 'en-US'] as const).filter((lang) => !(a in messages(lang).audit.actions)).map((lang) => `${lang} ${a}`),
    );
    expect(missing).toEqual([]);
  });

  it('speaks English one way: things in sentence case, what was done in the past tense', () => {
    const en = messages('en-US');
    // Words after the first stay lower case but for initialisms ("IP address").
    const shouting = Object.values(en.entities).filter(
      (t) =>
        !/^[A-Z]/.test(t) ||
        t
          .split(' ')
          .slice(1)
          .some((w) => /^[A-Z][a-z]/.test(w)),
    );
    expect(shouting).toEqual([]);
    const irregular = new Set(['Took', 'Gave', 'Reset', 'Withdrew']);
    const present = Object.entries(en.audit.actions).filter(([key, t]) => {
      const first = t.split(' ')[0] as string;
      return !(first.endsWith('ed') || irregular.has(first) || (key === 'auth.locked' && t.startsWith('Sign-in was ')));
    });
    expect(present).toEqual([]);
  });
});
