import type { Activity } from '@carebridge/shared';
import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { conflictText } from '../../forms/conflict.ts';
import { useT } from '../../i18n/lang.tsx';
import { activityKeys, useActivityInvalidate } from './activities.api.ts';

/**
 * Run one change to an activity (status, minutes, a task, an entry, a file): on success refresh what
 * it changed and say so; a 409 (someone saved first) reloads the activity with the server's message;
 * any other error becomes a toast. `sheet: false` for changes that leave the version (and so the
 * attendance sheet) alone.
 */
export function useActivityAction(activityId: string) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const invalidate = useActivityInvalidate();
  const [busy, setBusy] = useState(false);

  const failed = (err: unknown) => {
    if (err instanceof ApiError && err.isVersionConflict) {
      void qc.invalidateQueries({ queryKey: activityKeys.one(activityId) });
      message.warning({ content: conflictText(err, t('common.reloaded')), duration: 8 });
    } else message.error(err instanceof Error ? err.message : String(err));
  };

  const run = async (fn: () => Promise<Activity>, success?: string, opts: { sheet?: boolean } = {}): Promise<Activity | null> => {
    setBusy(true);
    try {
      const next = await fn();
      invalidate(next, opts);
      if (success) message.success(success);
      return next;
    } catch (err) {
      failed(err);
      return null;
    } finally {
      setBusy(false);
    }
  };

  return { run, busy, failed };
}
