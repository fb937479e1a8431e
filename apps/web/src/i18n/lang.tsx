import { LANGS, type Lang } from '@carebridge/shared';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { setApiLang } from '../api/client.ts';
import { isLoaded, languageSwitcher } from './load.ts';
import { type TFunction, translateWeb } from './translate.ts';

const STORAGE_KEY = 'carebridge.lang';

/** The language chosen last time (remembered in this browser), else Chinese. */
export function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && (LANGS as readonly string[]).includes(saved)) return saved as Lang;
  } catch {
    // Storage may be blocked (private mode); fall back to Chinese.
  }
  return 'zh-CN';
}

interface LangContextValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

const LangContext = createContext<LangContextValue | null>(null);

function applyLang(lang: Lang) {
  setApiLang(lang);
  dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = lang;
}

/**
 * Holds the language shown, remembers the one chosen, and keeps dayjs, <html lang> and the API client
 * in step. English texts come in a chunk of their own (load.ts): a language is shown once its texts
 * have arrived, Chinese until then. main.tsx fetches them before the first render when English was
 * chosen last time, so that page starts in English.
 */
export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const chosen = initialLang();
    const l = isLoaded(chosen) ? chosen : 'zh-CN';
    applyLang(l);
    return l;
  });
  useEffect(() => applyLang(lang), [lang]);
  const switchTo = useMemo(
    () =>
      languageSwitcher((next) => {
        applyLang(next);
        setLangState(next);
      }),
    [],
  );
  const show = useCallback(
    (next: Lang) => {
      switchTo(next).catch((err: unknown) => console.warn(`The ${next} texts could not be loaded; the page stays as it is.`, err));
    },
    [switchTo],
  );
  // English chosen last time but not fetched before the first render (main.tsx): switch when it arrives.
  useEffect(() => {
    const chosen = initialLang();
    if (!isLoaded(chosen)) show(chosen);
  }, [show]);
  const setLang = useCallback(
    (next: Lang) => {
      try {
        localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // Not remembered, but still switched.
      }
      show(next);
    },
    [show],
  );
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function useLang(): LangContextValue {
  const ctx = useContext(LangContext);
  if (!ctx) throw new Error('useLang outside LangProvider');
  return ctx;
}

/** `t(key, params)` in the current language: web strings first, then the shared dictionary. */
export function useT(): TFunction {
  const { lang } = useLang();
  return useCallback<TFunction>((key, params) => translateWeb(lang, key, params), [lang]);
}
