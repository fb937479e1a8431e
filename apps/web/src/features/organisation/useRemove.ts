import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { keys } from '../../api/queries.ts';
import { useT } from '../../i18n/lang.tsx';

/** Delete a member or duty, then reload the school's organisation; errors become a toast. */
export function useRemove(schoolId: string | undefined, remove: (id: string) => Promise<unknown>) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: remove,
    onSuccess: () => message.success(t('common.deleted')),
    onError: (err) => message.error(err.message),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.organisation(schoolId) }),
  });
}
