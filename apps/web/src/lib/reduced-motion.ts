import { useSyncExternalStore } from 'react';

const QUERY = '(prefers-reduced-motion: reduce)';

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia?.(QUERY);
  media?.addEventListener('change', onChange);
  return () => media?.removeEventListener('change', onChange);
}

const reduced = () => window.matchMedia?.(QUERY).matches ?? false;

/**
 * Whether the person asked their system for less motion (an accessibility setting, WCAG 2.3.3). antd's
 * dialogs, drawers and menus then open and close without zooming or sliding (`App.tsx`), and the
 * dashboard's charts are drawn without growing bars (`EChart.tsx`); both follow the setting as it changes.
 */
export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, reduced, () => false);
}
