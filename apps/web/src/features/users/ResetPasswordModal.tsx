import { PasswordReset, type User } from '@carebridge/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input } from 'antd';
import { FormActions } from '../../components/FormActions.tsx';
import { FormError } from '../../components/FormError.tsx';
import { FormModal } from '../../components/Overlay.tsx';
import { newPasswordRule } from '../../forms/password-rule.ts';
import { useSchemaForm } from '../../forms/schema-form.ts';
import { useLang, useT } from '../../i18n/lang.tsx';
import { usersApi } from './users.api.ts';

function ResetForm({ user, onClose }: { user: User; onClose: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { form, onFinish, submitting, formError } = useSchemaForm<typeof PasswordReset, { newPassword?: string; confirm?: string }>({
    schema: PasswordReset,
    // Left empty, the schema says 必填 (an empty string would be called weak), as the other password forms do.
    toPayload: (v) => ({ newPassword: v.newPassword || undefined }),
    submit: (body) => usersApi.resetPassword(user.id, body),
    onSuccess: () => {
      message.success(t('users.resetDone'));
      // A reset unlocks the account: the list's 已锁定 goes at once, not on the next reload.
      void qc.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
  });
  return (
    <Form form={form} layout="vertical" onFinish={onFinish}>
      <Alert type="info" showIcon title={t('users.resetHint')} style={{ marginBottom: 16 }} />
      <FormError error={formError} />
      {/* The rule when the field is left and on submit, before the confirmation's check can stop the submit (as ChangePasswordModal). */}
      <Form.Item name="newPassword" label={t('password.next')} extra={t('password.rule')} required rules={[newPasswordRule(lang)]} validateTrigger="onBlur">
        <Input.Password autoComplete="new-password" data-testid="reset-password-new" />
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
        <Input.Password autoComplete="new-password" data-testid="reset-password-confirm" />
      </Form.Item>
      <FormActions submitting={submitting} onCancel={onClose} submitText={t('users.resetPassword')} testId="reset-password-submit" />
    </Form>
  );
}

/** An administrator sets a new password for a user (POST /api/users/:id/reset-password). */
export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const t = useT();
  return (
    <FormModal open={!!user} title={user ? t('users.resetTitle', { name: user.name }) : ''} onClose={onClose}>
      {user && <ResetForm user={user} onClose={onClose} />}
    </FormModal>
  );
}
