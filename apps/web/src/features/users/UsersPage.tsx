import { EditOutlined, KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { maskMiddle, ROLES, type User } from '@carebridge/shared';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Input, Select, Space, Tag, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { canManage } from '../../auth/permissions.ts';
import { hasRole, useMe } from '../../auth/session.ts';
import { AdaptiveTable } from '../../components/AdaptiveTable.tsx';
import { FormDrawer } from '../../components/Overlay.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { useLeaveGuard } from '../../components/useLeaveGuard.ts';
import { useConflictReload } from '../../forms/conflict.ts';
import { useLabels } from '../../i18n/labels.ts';
import { useT } from '../../i18n/lang.tsx';
import { usePairingInvalidate } from '../mentoring/pairings.api.ts';
import { ResetPasswordModal } from './ResetPasswordModal.tsx';
import { UserForm } from './UserForm.tsx';
import { type UserFilters, usersApi, useUserPages } from './users.api.ts';

/** A role in a place the caller does not see: the API leaves out its place (users.service.ts). */
const outsideArea = (r: User['roles'][number]) => r.scopeKind !== 'global' && !r.scopeId;

type Editor = { mode: 'create' } | { mode: 'edit'; user: User };

/**
 * Users with search, role filter and (for a bureau officer or an administrator) region filter, paged by
 * cursor; create, edit (roles included) and reset password.
 */
export default function UsersPage() {
  const t = useT();
  const labels = useLabels();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const me = useMe().data;
  const manage = canManage(me, 'users');
  const regional = hasRole(me, 'bureau_officer', 'system_admin');
  const [filters, setFilters] = useState<UserFilters>({});
  const pages = useUserPages(filters);
  const users = useMemo(() => pages.data?.pages.flatMap((p) => p.items) ?? [], [pages.data]);
  const [editor, setEditorNow] = useState<Editor | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  // The drawer asks before closing (✕, 取消, the mask, Esc, the tab) with something typed in it.
  const [dirty, setDirty] = useState(false);
  const guard = useLeaveGuard(dirty);
  const setEditor = useCallback((next: Editor | null) => {
    setDirty(false);
    setEditorNow(next);
  }, []);
  const close = () => guard(() => setEditor(null));

  const editingId = editor?.mode === 'edit' ? editor.user.id : undefined;
  const reload = useCallback(async () => (editingId ? [await usersApi.get(editingId)] : []), [editingId]);
  const onConflict = useConflictReload(reload, (u) => setEditor(u ? { mode: 'edit', user: u } : null));
  const pairingsChanged = usePairingInvalidate();
  const done = (text: string) => {
    setEditor(null);
    message.success(text);
    void qc.invalidateQueries({ queryKey: ['users'] });
    // A class-teacher role given or taken, or an account deactivated, may change a class's head teacher.
    void qc.invalidateQueries({ queryKey: ['classes'] });
    // A mentor deactivated or taken off a school's mentors: its pairings ended, its children wait again.
    pairingsChanged();
  };
  const now = new Date().toISOString();

  return (
    <>
      <PageHeader
        title={t('users.title')}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditor({ mode: 'create' })} data-testid="users-create">
              {t('users.create')}
            </Button>
          )
        }
      >
        <Flex gap={8} wrap>
          <Input.Search
            allowClear
            placeholder={t('users.searchPlaceholder')}
            onSearch={(v) => setFilters((f) => ({ ...f, q: v.trim() || undefined }))}
            style={{ width: 280 }}
            data-testid="users-search"
          />
          <Select
            allowClear
            placeholder={t('users.roleFilter')}
            value={filters.role}
            onChange={(role) => setFilters((f) => ({ ...f, role }))}
            options={ROLES.map((r) => ({ value: r, label: labels.role(r) }))}
            style={{ width: 200 }}
            data-testid="users-role-filter"
          />
          {regional && (
            <RegionTreeSelect
              value={filters.regionId ?? null}
              onChange={(regionId) => setFilters((f) => ({ ...f, regionId }))}
              allowClear
              placeholder={t('users.regionFilter')}
              style={{ width: 240 }}
              data-testid="users-region-filter"
            />
          )}
        </Flex>
      </PageHeader>
      <QueryError error={pages.error} onRetry={() => pages.refetch()} />
      <Card styles={{ body: { padding: 0 } }}>
        <AdaptiveTable<User>
          rowKey="id"
          loading={pages.isLoading}
          dataSource={users}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            // The person's name first (a phone's block leads with it), then the name they sign in with.
            { title: t('users.name'), dataIndex: 'name' },
            { title: t('fields.username'), dataIndex: 'username' },
            { title: t('fields.phone'), dataIndex: 'phone', render: (p: string | null) => maskMiddle(p) ?? '—' },
            {
              title: t('fields.roles'),
              dataIndex: 'roles',
              render: (roles: User['roles']) => (
                <Flex gap={4} wrap style={{ maxWidth: 360 }}>
                  {roles.map((r) => (
                    <Tag key={r.id} color="orange" style={{ marginInlineEnd: 0 }}>
                      {labels.role(r.role)}
                      {r.scopeName ? ` · ${r.scopeName}` : outsideArea(r) ? ` · ${t('users.outsideArea')}` : ''}
                    </Tag>
                  ))}
                </Flex>
              ),
            },
            {
              title: t('fields.active'),
              key: 'status',
              render: (_: unknown, u) => (
                <Flex gap={4} wrap>
                  <Tag color={u.active ? 'green' : 'default'}>{t(u.active ? 'common.active' : 'common.inactive')}</Tag>
                  {u.lockedUntil && u.lockedUntil > now && <Tag color="red">{t('users.locked')}</Tag>}
                  {u.mustChangePassword && <Tag color="gold">{t('users.mustChange')}</Tag>}
                </Flex>
              ),
            },
            ...(manage
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    // A user who also holds a role outside the caller's area is managed by that area's
                    // administrator or by both together; here it is read only (the API answers 403).
                    render: (_: unknown, u: User) =>
                      u.roles.some(outsideArea) ? (
                        <Typography.Text type="secondary">{t('users.outsideAreaReadOnly')}</Typography.Text>
                      ) : (
                        <Space size={0} wrap>
                          <Button
                            type="link"
                            size="small"
                            icon={<EditOutlined />}
                            onClick={() => setEditor({ mode: 'edit', user: u })}
                            data-testid={`user-edit-${u.username}`}
                          >
                            {t('common.edit')}
                          </Button>
                          <Button type="link" size="small" icon={<KeyOutlined />} onClick={() => setResetting(u)} data-testid={`user-reset-${u.username}`}>
                            {t('users.resetPassword')}
                          </Button>
                        </Space>
                      ),
                  },
                ]
              : []),
          ]}
        />
        <Flex justify="center" style={{ padding: 12 }}>
          {pages.hasNextPage ? (
            <Button onClick={() => pages.fetchNextPage()} loading={pages.isFetchingNextPage} data-testid="users-load-more">
              {t('common.loadMore')}
            </Button>
          ) : (
            users.length > 0 && <Typography.Text type="secondary">{t('common.noMore')}</Typography.Text>
          )}
        </Flex>
      </Card>
      <FormDrawer open={!!editor} title={t(editor?.mode === 'edit' ? 'users.editTitle' : 'users.createTitle')} onClose={close} width={640}>
        {editor?.mode === 'create' && <UserForm onCancel={close} onDirty={() => setDirty(true)} onDone={() => done(t('common.created'))} />}
        {editor?.mode === 'edit' && (
          <UserForm
            key={`${editor.user.id}-${editor.user.version}`}
            user={editor.user}
            onCancel={close}
            onDirty={() => setDirty(true)}
            onConflict={onConflict(editor.user.id)}
            onDone={() => done(t('common.saved'))}
          />
        )}
      </FormDrawer>
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
