import { type Child, ChildPsychology, DIMENSION_LEVELS } from '@carebridge/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Radio, Typography } from 'antd';
import type { ApiError } from '../../api/client.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { FormError } from '../../components/FormError.tsx';
import { FormModal } from '../../components/Overlay.tsx';
import { conflictText } from '../../forms/conflict.ts';
import { useSchemaForm } from '../../forms/schema-form.ts';
import { useT } from '../../i18n/lang.tsx';
import { useChildLabels } from './child-format.ts';
import { childKeys, childrenApi } from './children.api.ts';

/** The radio value of "not assessed" (the API's null). */
const NONE = 'none';

/**
 * 设置心理状况: the school's counsellor sets the child's psychology level (its psychological risk flag)
 * without keeping the rest of the archive. Kept in the archive's history; 重点关注 counts towards the
 * child's warning level like any dimension marked serious.
 */
export function PsychologyModal({ child, open, onClose }: { child: Child; open: boolean; onClose: () => void }) {
  const t = useT();
  return (
    <FormModal open={open} title={t('psychologyFlag.title', { name: child.name ?? '' })} onClose={onClose}>
      <PsychologyForm child={child} onClose={onClose} />
    </FormModal>
  );
}

function PsychologyForm({ child, onClose }: { child: Child; onClose: () => void }) {
  const t = useT();
  const labels = useChildLabels();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { form, onFinish, submitting, formError } = useSchemaForm<typeof ChildPsychology, { level?: string }, Child>({
    schema: ChildPsychology,
    toPayload: (v) => ({ psychologyLevel: !v.level || v.level === NONE ? null : v.level, version: child.version }),
    submit: (body) => childrenApi.setPsychology(child.id, body),
    onSuccess: (updated) => {
      qc.setQueryData(childKeys.one(child.id), updated);
      void qc.invalidateQueries({ queryKey: childKeys.lists });
      void qc.invalidateQueries({ queryKey: childKeys.history(child.id) });
      // The warning level and its reasons (compliance queries) follow the new level.
      void qc.invalidateQueries({ queryKey: ['compliance'] });
      message.success(t('psychologyFlag.saved'));
      onClose();
    },
    onConflict: (err: ApiError) => {
      onClose();
      void qc.invalidateQueries({ queryKey: childKeys.one(child.id) });
      message.warning({ content: conflictText(err, t('common.reloaded')), duration: 8 });
    },
  });
  const level = Form.useWatch('level', form) as string | undefined;
  return (
    <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ level: child.psychologyLevel ?? NONE }}>
      <Typography.Paragraph type="secondary">{t('psychologyFlag.hint')}</Typography.Paragraph>
      <FormError error={formError} />
      <Form.Item name="level" label={labels.field('psychologyLevel')} required>
        <Radio.Group
          style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
          options={[...DIMENSION_LEVELS.map((l) => ({ value: l, label: labels.code('dimensionLevel', l) })), { value: NONE, label: t('psychologyFlag.none') }]}
          data-testid="psychology-level"
        />
      </Form.Item>
      {level === 'serious' && child.psychologyLevel !== 'serious' && (
        <Alert type="warning" showIcon title={t('psychologyFlag.serious')} style={{ marginBottom: 16 }} data-testid="psychology-serious" />
      )}
      <FormActions submitting={submitting} onCancel={onClose} testId="psychology-submit" />
    </Form>
  );
}
