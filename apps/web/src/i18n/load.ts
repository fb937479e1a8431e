import { addMessages, type Lang } from '@carebridge/shared';
import { addWebMessages, hasWebMessages } from './translate.ts';

/**
 * A loader that fetches the texts of a language at most once at a time: calls made while a fetch is
 * under way share it; once it has arrived the language counts as loaded; a failed fetch (offline, a
 * new deployment) is tried again on the next call. A language without a fetcher is always at hand.
 */
export function messageLoader(fetchers: Partial<Record<Lang, () => Promise<void>>>, isLoaded: (lang: Lang) => boolean) {
  const pending = new Map<Lang, Promise<void>>();
  return (lang: Lang): Promise<void> => {
    const fetcher = fetchers[lang];
    if (!fetcher || isLoaded(lang)) return Promise.resolve();
    let loading = pending.get(lang);
    if (!loading) {
      loading = fetcher().finally(() => pending.delete(lang));
      pending.set(lang, loading);
    }
    return loading;
  };
}

/** Whether the texts of a language are at hand: Chinese always, English once its chunk has arrived. */
export const isLoaded = hasWebMessages;

/**
 * Fetch the texts of a language: for English one chunk (english.ts) with the web's and the shared
 * package's texts, added to both dictionaries. Chinese is part of the main bundle.
 */
export const loadLang = messageLoader(
  {
    'en-US': () =>
      import('./english.ts').then(({ english }) => {
        addMessages('en-US', english.shared);
        addWebMessages('en-US', english.web);
      }),
  },
  isLoaded,
);

/**
 * Switching languages: `show` is called once the texts of the chosen language are at hand, so the
 * page keeps its language until then (no raw keys), and only for the latest choice (Chinese chosen
 * while English is still on its way stays Chinese). Resolves to whether the language is now shown;
 * rejects when its texts could not be fetched, the page staying as it was.
 */
export function languageSwitcher(show: (lang: Lang) => void, load: (lang: Lang) => Promise<void> = loadLang) {
  let latest: Lang | undefined;
  return async (lang: Lang): Promise<boolean> => {
    latest = lang;
    await load(lang);
    if (latest !== lang) return false;
    show(lang);
    return true;
  };
}
