import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider, type ThemeConfig } from 'antd';
// The ES modules: antd's own components import es/locale/en_US as their default, so English costs
// nothing more; `antd/locale/*` are CommonJS and added a second copy of it (≈ 1 kB gzip).
import antdEnUS from 'antd/es/locale/en_US';
import antdZhCN from 'antd/es/locale/zh_CN';
import { useEffect, useMemo, useRef } from 'react';
import { createBrowserRouter, RouterProvider, useNavigate } from 'react-router';
import { ApiError, setUnauthorizedHandler } from './api/client.ts';
import { AppRoutes } from './app/routes.tsx';
import { LangProvider, useLang } from './i18n/lang.tsx';
import { usePrefersReducedMotion } from './lib/reduced-motion.ts';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not get better by asking again; network and 5xx errors get one more try.
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 1,
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
  },
});

const TOKEN = { colorPrimary: '#c2410c', colorLink: '#c2410c', borderRadius: 6 };

/** A 401 from any API call (session ended) sends the user to the login page. */
function UnauthorizedRedirect() {
  const navigate = useNavigate();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      const { pathname, search } = window.location;
      if (pathname === '/login' || pathname === '/setup') return;
      queryClient.removeQueries({ queryKey: ['me'] });
      navigate('/login', { replace: true, state: { from: pathname + search } });
    });
    return () => setUnauthorizedHandler(null);
  }, [navigate]);
  return null;
}

/**
 * A data router (its routes are the `<Routes>` of AppRoutes, under one splat route): only it can hold a
 * navigation while a form with typed work asks whether to leave (`useBlocker`, components/useLeaveGuard.ts)
 * — the browser's back button included, which a BrowserRouter only hears of once it has happened.
 */
const router = createBrowserRouter([
  {
    path: '*',
    element: (
      <>
        <UnauthorizedRedirect />
        <AppRoutes />
      </>
    ),
  },
]);

/** antd's App (message, modal contexts) is mounted by the layout and the setup page, not here, to keep the login chunk small. */
function Localised() {
  const { lang } = useLang();
  // Some texts are built by the server in the language asked for (target labels, guardians' lines,
  // statuses in lists): after a switch every query is asked again, so the page does not mix languages.
  const shown = useRef(lang);
  useEffect(() => {
    if (shown.current === lang) return;
    shown.current = lang;
    void queryClient.invalidateQueries();
  }, [lang]);
  // Less motion asked for in the system's settings: no zooming dialogs or sliding drawers.
  const still = usePrefersReducedMotion();
  const theme = useMemo<ThemeConfig>(() => ({ token: { ...TOKEN, motion: !still } }), [still]);
  return (
    <ConfigProvider locale={lang === 'zh-CN' ? antdZhCN : antdEnUS} theme={theme}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <LangProvider>
      <Localised />
    </LangProvider>
  );
}
