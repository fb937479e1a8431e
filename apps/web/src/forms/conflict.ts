import { App } from 'antd';
import { createElement, useCallback } from 'react';
import type { ApiError } from '../api/client.ts';
import { useT } from '../i18n/lang.tsx';

/** The server's conflict message and our note that the fresh record is now shown, on two lines. */
export function conflictText(err: ApiError, reloaded: string) {
  return createElement('span', null, err.message, createElement('br'), reloaded);
}

/**
 * For a 409 version_conflict (someone else saved first): say so, reload the list, and put the fresh
 * record into the open editor (its form is keyed by version, so it re-mounts with the new values).
 */
export function useConflictReload<T extends { id: string }>(reload: () => Promise<readonly T[] | undefined>, setRecord: (record: T | null) => void) {
  const { message } = App.useApp();
  const t = useT();
  return useCallback(
    (id: string) => async (err: ApiError) => {
      const list = await reload();
      setRecord(list?.find((r) => r.id === id) ?? null);
      message.warning({ content: conflictText(err, t('common.reloaded')), duration: 8 });
    },
    [reload, setRecord, message, t],
  );
}
