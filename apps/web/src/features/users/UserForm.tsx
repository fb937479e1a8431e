import { type User, UserCreate, UserUpdate } from '@carebridge/shared';
import { Alert, Divider, Form, Input, Switch } from 'antd';
import type { z } from 'zod';
import type { ApiError } from '../../api/client.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { FormError } from '../../components/FormError.tsx';
import { useSchemaForm } from '../../forms/schema-form.ts';
import { useLang, useT } from '../../i18n/lang.tsx';
import { headshipsEnding, headshipsWarning } from './headships-ending.ts';
import { endingWarning, pairingsEnding } from './pairings-ending.ts';
import { RoleAssignments, type RoleRow, toAssignments } from './RoleAssignments.tsx';
import { useClassesHeadedBy, useOpenPairings, usersApi } from './users.api.ts';

interface Values {
  username?: string;
  name?: string;
  phone?: string;
  password?: string;
  active?: boolean;
  roles?: RoleRow[];
}

interface Props {
  user?: User | undefined;
  onDone: (user: User) => void;
  onCancel: () => void;
  onConflict?: ((err: ApiError) => void) | undefined;
  /** Told once something is typed or chosen (the page then asks before closing the drawer: useLeaveGuard). */
  onDirty?: (() => void) | undefined;
}

/** Create a user (with an initial password) or edit name, phone, status and roles. */
export function UserForm({ user, onDone, onCancel, onConflict, onDirty }: Props) {
  const t = useT();
  const schema: z.ZodType = user ? UserUpdate : UserCreate;
  const { form, onFinish, submitting, formError } = useSchemaForm<z.ZodType, Values, User>({
    schema,
    toPayload: (v) =>
      user
        ? { name: v.name ?? '', phone: v.phone ?? '', active: v.active, roles: toAssignments(v.roles), version: user.version }
        : { username: v.username ?? '', name: v.name ?? '', phone: v.phone ?? '', password: v.password ?? '', roles: toAssignments(v.roles) },
    submit: (body) => (user ? usersApi.update(user.id, body as UserUpdate) : usersApi.create(body as UserCreate)),
    onSuccess: onDone,
    onConflict,
  });
  // A mentor deactivated or taken off a school's mentors: its pairings end on saving. Said first.
  const { lang } = useLang();
  const open = useOpenPairings(user?.id);
  const active: boolean | undefined = Form.useWatch('active', form);
  const roles: RoleRow[] | undefined = Form.useWatch('roles', form);
  const ending = user && open.data ? pairingsEnding(user.roles, { active, roles }, open.data) : null;
  // Likewise a head teacher: the classes it heads are left without one (org/head-teacher.ts on the server).
  const headed = useClassesHeadedBy(user);
  const headships = user && headed ? headshipsEnding(user.id, { active, roles }, headed) : null;
  const endingAlert = (why: 'deactivated' | 'role_removed') => (
    <>
      {ending?.why === why && (
        <Alert type="warning" showIcon title={endingWarning(lang, ending)} style={{ marginBottom: 16 }} data-testid="user-pairings-ending" />
      )}
      {headships?.why === why && (
        <Alert type="warning" showIcon title={headshipsWarning(lang, headships)} style={{ marginBottom: 16 }} data-testid="user-headship-ending" />
      )}
    </>
  );
  const initial: Values = user
    ? {
        name: user.name,
        phone: user.phone ?? '',
        active: user.active,
        roles: user.roles.map((r) => ({ role: r.role, scopeId: r.scopeId, schoolId: r.schoolId })),
      }
    : { roles: [{ role: undefined, scopeId: null }] };

  return (
    <Form form={form} layout="vertical" onFinish={onFinish} initialValues={initial} onValuesChange={() => onDirty?.()}>
      <FormError error={formError} />
      {user ? (
        <Form.Item label={t('fields.username')}>
          <Input value={user.username} disabled />
        </Form.Item>
      ) : (
        <Form.Item name="username" label={t('fields.username')} required>
          <Input autoComplete="off" maxLength={32} data-testid="user-username" />
        </Form.Item>
      )}
      <Form.Item name="name" label={t('users.name')} required>
        <Input maxLength={50} data-testid="user-name" />
      </Form.Item>
      <Form.Item name="phone" label={t('fields.phone')} extra={t('common.optional')}>
        <Input maxLength={20} inputMode="tel" data-testid="user-phone" />
      </Form.Item>
      {!user && (
        <Form.Item
          name="password"
          label={t('users.initialPassword')}
          extra={
            <>
              {t('password.rule')}
              <br />
              {t('users.initialPasswordHint')}
            </>
          }
          required
        >
          <Input.Password autoComplete="new-password" data-testid="user-password" />
        </Form.Item>
      )}
      {user && (
        <Form.Item name="active" label={t('fields.active')} valuePropName="checked">
          <Switch checkedChildren={t('common.active')} unCheckedChildren={t('common.inactive')} data-testid="user-active" />
        </Form.Item>
      )}
      {endingAlert('deactivated')}
      <Divider titlePlacement="start">{t('users.roles')}</Divider>
      <RoleAssignments userId={user?.id} />
      {endingAlert('role_removed')}
      <FormActions submitting={submitting} onCancel={onCancel} testId="user-submit" />
    </Form>
  );
}
