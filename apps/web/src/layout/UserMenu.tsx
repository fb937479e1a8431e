import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import type { MeResponse } from '@carebridge/shared';
import { App, Button, Dropdown, Flex, Tag } from 'antd';
import { useNavigate } from 'react-router';
import { useLogout } from '../auth/session.ts';
import { useLeaveAnyForm } from '../components/useLeaveGuard.ts';
import { useLabels } from '../i18n/labels.ts';
import { useT } from '../i18n/lang.tsx';

/** "role · scope" for a role assignment. */
export function useRoleText() {
  const labels = useLabels();
  return (r: MeResponse['roles'][number]) => (r.scopeName ? `${labels.role(r.role)} · ${r.scopeName}` : labels.role(r.role));
}

/** Role tags (wide screens) and the user's menu: roles, change password, sign out. */
export function UserMenu({ me, compact, onChangePassword }: { me: MeResponse; compact: boolean; onChangePassword: () => void }) {
  const t = useT();
  const labels = useLabels();
  const roleText = useRoleText();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const logout = useLogout();
  // A form with typed work asks first: the way to the sign-in page is never held (leave-guards.ts).
  const leave = useLeaveAnyForm();
  const doLogout = () =>
    leave(() =>
      logout.mutate(undefined, {
        onSettled: () => {
          message.success(t('header.loggedOut'));
          navigate('/login', { replace: true });
        },
      }),
    );

  return (
    <Flex align="center" gap={8} style={{ minWidth: 0 }}>
      {!compact && (
        <Flex gap={4} style={{ minWidth: 0, overflow: 'hidden' }} data-testid="header-roles">
          {me.roles.slice(0, 2).map((r) => (
            <Tag key={r.id} color="orange" style={{ marginInlineEnd: 0 }}>
              {labels.role(r.role)}
            </Tag>
          ))}
          {me.roles.length > 2 && <Tag>+{me.roles.length - 2}</Tag>}
        </Flex>
      )}
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            {
              type: 'group',
              key: 'roles',
              label: t('header.roles'),
              children: me.roles.map((r) => ({ key: `role-${r.id}`, label: roleText(r), disabled: true })),
            },
            { type: 'divider' },
            { key: 'password', icon: <KeyOutlined />, label: <span data-testid="menu-change-password">{t('header.changePassword')}</span> },
            { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="menu-logout">{t('header.logout')}</span>, danger: true },
          ],
          onClick: ({ key }) => (key === 'password' ? onChangePassword() : key === 'logout' ? doLogout() : undefined),
        }}
      >
        <Button type="text" icon={<UserOutlined />} data-testid="user-menu" style={{ maxWidth: compact ? 120 : 200 }}>
          <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{me.user.name}</span>
          <DownOutlined style={{ fontSize: 10 }} />
        </Button>
      </Dropdown>
    </Flex>
  );
}
