import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { LoginBody } from '@carebridge/shared';
import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, theme } from 'antd';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { keys } from '../../api/queries.ts';
import { useLogin } from '../../auth/session.ts';
import { FormError } from '../../components/FormError.tsx';
import { useSchemaForm } from '../../forms/schema-form.ts';
import { useT } from '../../i18n/lang.tsx';
import { setupApi } from '../setup/setup.api.ts';
import { AuthShell, Panel } from './AuthShell.tsx';

interface LoginState {
  from?: string;
  username?: string;
}

export default function LoginPage() {
  const t = useT();
  const navigate = useNavigate();
  const state = (useLocation().state ?? {}) as LoginState;
  const setup = useQuery({ queryKey: keys.setup, queryFn: setupApi.status, staleTime: 0 });
  const login = useLogin();
  const { token } = theme.useToken();
  const { form, onFinish, submitting, formError } = useSchemaForm({
    schema: LoginBody,
    submit: (body) => login.mutateAsync(body),
    onSuccess: () => navigate(state.from && state.from !== '/login' ? state.from : '/', { replace: true }),
  });

  if (setup.data?.needed) return <Navigate to="/setup" replace />;

  return (
    <AuthShell>
      <Panel title={t('login.title')}>
        <FormError error={formError} />
        <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ username: state.username ?? '' }} requiredMark={false}>
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={submitting} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Panel>
      <p style={{ marginTop: 16, fontSize: 12, textAlign: 'center', color: token.colorTextSecondary }}>{t('login.footer')}</p>
    </AuthShell>
  );
}
