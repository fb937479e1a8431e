import { hasMessages, type Lang, enUS as sharedEnUS, translate } from '@carebridge/shared';
import { describe, expect, it, vi } from 'vitest';
import { BUILT_IN as BROWSER_BUILT_IN } from './built-in.browser.ts';
import { english } from './english.ts';
import { isLoaded, languageSwitcher, loadLang, messageLoader } from './load.ts';
import { translateWeb } from './translate.ts';

/** A promise to settle by hand. */
function deferred() {
  let resolve!: () => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Dotted paths of the string leaves of a dictionary. */
function leaves(dict: object, prefix = ''): string[] {
  return Object.entries(dict).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : leaves(v as object, `${prefix}${k}.`)));
}

describe('loading the texts of a language', () => {
  it('fetches a language once, shares a fetch under way, and tries again after a failure', async () => {
    const loaded = new Set<Lang>(['zh-CN']);
    let next = deferred();
    const fetch = vi.fn(() => next.promise.then(() => void loaded.add('en-US')));
    const load = messageLoader({ 'en-US': fetch }, (lang) => loaded.has(lang));

    await load('zh-CN');
    expect(fetch).not.toHaveBeenCalled();

    const first = load('en-US');
    const second = load('en-US');
    next.reject(new Error('offline'));
    await expect(first).rejects.toThrow('offline');
    await expect(second).rejects.toThrow('offline');
    expect(fetch).toHaveBeenCalledTimes(1);

    next = deferred();
    const again = load('en-US');
    expect(fetch).toHaveBeenCalledTimes(2);
    next.resolve();
    await again;
    expect(loaded.has('en-US')).toBe(true);
    await load('en-US');
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('shows a language only once its texts are here, and only the latest choice', async () => {
    const english = deferred();
    const load = (lang: Lang) => (lang === 'en-US' ? english.promise : Promise.resolve());
    const shown: Lang[] = [];
    const switchTo = languageSwitcher((lang) => shown.push(lang), load);

    const toEnglish = switchTo('en-US');
    await Promise.resolve();
    expect(shown).toEqual([]); // Chinese stays until English has arrived
    await expect(switchTo('zh-CN')).resolves.toBe(true); // changed their mind meanwhile
    english.resolve();
    await expect(toEnglish).resolves.toBe(false);
    expect(shown).toEqual(['zh-CN']);

    await expect(switchTo('en-US')).resolves.toBe(true);
    expect(shown).toEqual(['zh-CN', 'en-US']);
  });

  it('keeps the language shown when the texts cannot be fetched', async () => {
    const shown: Lang[] = [];
    const switchTo = languageSwitcher(
      (lang) => shown.push(lang),
      () => Promise.reject(new Error('offline')),
    );
    await expect(switchTo('en-US')).rejects.toThrow('offline');
    expect(shown).toEqual([]);
  });
});

describe('the English chunk', () => {
  it('has every text of every Chinese web dictionary, and the shared English one', () => {
    // A page's small dictionary may live beside the page (features/users/users.zh-CN.ts says why).
    const chinese = import.meta.glob<Record<string, object>>(['./zh-CN.ts', './*.zh-CN.ts', '../features/*/*.zh-CN.ts'], { eager: true });
    const zhKeys = Object.values(chinese).flatMap((mod) => Object.values(mod).flatMap((dict) => leaves(dict)));
    expect(Object.keys(chinese).length).toBeGreaterThan(5);
    // Groups are merged into one object: a top-level key in two of them would lose texts.
    expect(new Set(zhKeys).size).toBe(zhKeys.length);
    expect(leaves(english.web).sort()).toEqual([...zhKeys].sort());
    expect(english.shared).toBe(sharedEnUS);
  });

  it('is built in under Node (server, tests) but not in the browser build', async () => {
    expect(BROWSER_BUILT_IN).toEqual({});
    expect(isLoaded('en-US')).toBe(true);
    expect(hasMessages('en-US')).toBe(true);
    await loadLang('en-US');
    expect(translateWeb('en-US', 'login.title')).toBe(english.web.login.title);
    expect(translateWeb('en-US', 'roles.school_leader')).toBe(translate('en-US', 'roles.school_leader'));
    expect(translateWeb('zh-CN', 'login.title')).not.toBe(english.web.login.title);
  });
});
