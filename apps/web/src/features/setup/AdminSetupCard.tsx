import { SetupBody } from '@carebridge/shared';
import { useQueryClient } from '@tanstack/react-query';
import { App, Card, Form, Input, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { keys } from '../../api/queries.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { FormError } from '../../components/FormError.tsx';
import { newPasswordRule } from '../../forms/password-rule.ts';
import { useSchemaForm } from '../../forms/schema-form.ts';
import { useLang, useT } from '../../i18n/lang.tsx';
import { setupApi } from './setup.api.ts';

interface Values {
  admin: { username: string; name: string; password: string };
  confirm: string;
}

/** Create the first administrator (POST /api/setup), then sign in as it. */
export function AdminSetupCard({ disabled }: { disabled: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { form, onFinish, submitting, formError } = useSchemaForm<typeof SetupBody, Values>({
    schema: SetupBody,
    toPayload: (v) => ({ admin: v.admin }),
    submit: (body) => setupApi.createAdmin(body),
    onSuccess: () => {
      qc.setQueryData(keys.setup, { needed: false });
      message.success(t('setup.adminCreated'));
      navigate('/login', { replace: true, state: { username: form.getFieldValue(['admin', 'username']) } });
    },
  });
  return (
    <Card title={t('setup.adminTitle')} style={{ height: '100%' }}>
      <Typography.Paragraph type="secondary">{t('setup.adminHint')}</Typography.Paragraph>
      <FormError error={formError} />
      <Form form={form} layout="vertical" onFinish={onFinish} disabled={disabled}>
        <Form.Item name={['admin', 'username']} label={t('fields.username')} required>
          <Input autoComplete="username" data-testid="setup-username" />
        </Form.Item>
        <Form.Item name={['admin', 'name']} label={t('users.name')} required>
          <Input autoComplete="name" data-testid="setup-name" />
        </Form.Item>
        {/* The rule when the field is left and on submit, before the confirmation's check can stop the submit. */}
        <Form.Item
          name={['admin', 'password']}
          label={t('fields.password')}
          extra={t('password.rule')}
          required
          rules={[newPasswordRule(lang)]}
          validateTrigger="onBlur"
        >
          <Input.Password autoComplete="new-password" data-testid="setup-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('setup.confirm')}
          dependencies={[['admin', 'password']]}
          required
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, value) => (value === getFieldValue(['admin', 'password']) ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="setup-confirm" />
        </Form.Item>
        <FormActions submitting={submitting} submitText={t('setup.submit')} testId="setup-admin-submit" />
      </Form>
    </Card>
  );
}
