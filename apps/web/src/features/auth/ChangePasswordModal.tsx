import { ChangePasswordBody } from '@carebridge/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal } from 'antd';
import { api } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { FormError } from '../../components/FormError.tsx';
import { newPasswordRule } from '../../forms/password-rule.ts';
import { useSchemaForm } from '../../forms/schema-form.ts';
import { useLang, useT } from '../../i18n/lang.tsx';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

function ChangePasswordForm({ onDone, onCancel }: { onDone: () => void; onCancel?: (() => void) | undefined }) {
  const t = useT();
  const { lang } = useLang();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { form, onFinish, submitting, formError } = useSchemaForm<typeof ChangePasswordBody, Values>({
    schema: ChangePasswordBody,
    toPayload: ({ currentPassword, newPassword }) => ({ currentPassword, newPassword }),
    submit: (body) => api.post('/auth/password', body),
    onSuccess: () => {
      message.success(t('password.changed'));
      void qc.invalidateQueries({ queryKey: keys.me });
      onDone();
    },
  });
  return (
    <Form form={form} layout="vertical" onFinish={onFinish}>
      <FormError error={formError} />
      <Form.Item name="currentPassword" label={t('password.current')} required>
        <Input.Password autoComplete="current-password" data-testid="password-current" />
      </Form.Item>
      {/* The rule when the field is left and on submit, before the confirmation's check can stop the submit. */}
      <Form.Item name="newPassword" label={t('password.next')} extra={t('password.rule')} required rules={[newPasswordRule(lang)]} validateTrigger="onBlur">
        <Input.Password autoComplete="new-password" data-testid="password-new" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        required
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, value) => (value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-confirm" />
      </Form.Item>
      <FormActions submitting={submitting} onCancel={onCancel} testId="password-submit" />
    </Form>
  );
}

/** Change one's own password; `forced` (must change after first sign-in or a reset) cannot be dismissed. */
export function ChangePasswordModal({ open, forced, onClose }: { open: boolean; forced: boolean; onClose: () => void }) {
  const t = useT();
  return (
    <Modal
      open={open}
      title={t('password.title')}
      footer={null}
      destroyOnHidden
      closable={!forced}
      mask={{ closable: false }}
      keyboard={!forced}
      onCancel={onClose}
    >
      {forced && <Alert type="warning" showIcon title={t('password.mustChange')} style={{ marginBottom: 16 }} />}
      <ChangePasswordForm onDone={onClose} onCancel={forced ? undefined : onClose} />
    </Modal>
  );
}
