import { App } from 'antd';
import { useCallback, useEffect } from 'react';
import { useT } from '../i18n/lang.tsx';

/**
 * Leaving a form with something typed in it asks first: a tap on 返回 or 取消 (or closing the tab)
 * would otherwise throw away a talk written down on a phone. Returns `guard(go)`: `go` at once when
 * nothing is typed, else after the user confirms.
 */
export function useLeaveGuard(dirty: boolean): (go: () => void) => void {
  const t = useT();
  const { modal } = App.useApp();
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  return useCallback(
    (go: () => void) => {
      if (!dirty) return go();
      modal.confirm({
        title: t('common.leaveTitle'),
        content: t('common.leaveText'),
        okText: t('common.leaveOk'),
        cancelText: t('common.stay'),
        okButtonProps: { danger: true },
        onOk: go,
      });
    },
    [dirty, modal, t],
  );
}
