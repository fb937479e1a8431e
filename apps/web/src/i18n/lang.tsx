import { LANGS, type Lang } from '@carebridge/shared';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { setApiLang } from '../api/client.ts';
import { type TFunction, translateWeb } from './translate.ts';

const STORAGE_KEY = 'carebridge.lang';

function initialLang(): Lang {
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

/** Holds the chosen language, remembers it, and keeps dayjs, <html lang> and the API client in step. */
export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const l = initialLang();
    applyLang(l);
    return l;
  });
  useEffect(() => applyLang(lang), [lang]);
  const setLang = useCallback((next: Lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembered, but still switched.
    }
    applyLang(next);
    setLangState(next);
  }, []);
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
