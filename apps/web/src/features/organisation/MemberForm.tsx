import { LEADERSHIP_POSITIONS, type LeadershipMember, LeadershipMemberCreate, LeadershipMemberUpdate } from '@carebridge/shared';
import { Form, Input, Select } from 'antd';
import type { z } from 'zod';
import type { ApiError } from '../../api/client.ts';
import { useSchoolUsers } from '../../api/queries.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { FormError } from '../../components/FormError.tsx';
import { useSchemaForm } from '../../forms/schema-form.ts';
import { useLabels } from '../../i18n/labels.ts';
import { useT } from '../../i18n/lang.tsx';
import { organisationApi } from './organisation.api.ts';

interface Values {
  position?: LeadershipMember['position'];
  userId?: string | null;
  name?: string;
  title?: string;
}

interface Props {
  schoolId: string;
  member?: LeadershipMember | undefined;
  onDone: () => void;
  onCancel: () => void;
  onConflict?: ((err: ApiError) => void) | undefined;
}

/** A leadership group member: a user of the school, or just a typed name (e.g. a village cadre). */
export function MemberForm({ schoolId, member, onDone, onCancel, onConflict }: Props) {
  const t = useT();
  const labels = useLabels();
  const users = useSchoolUsers(schoolId);
  const schema: z.ZodType = member ? LeadershipMemberUpdate : LeadershipMemberCreate;
  const { form, onFinish, submitting, formError } = useSchemaForm<z.ZodType, Values>({
    schema,
    toPayload: (v) => ({
      position: v.position,
      userId: v.userId ?? null,
      name: v.name?.trim() ? v.name : undefined,
      title: v.title?.trim() ? v.title : null,
      ...(member ? { version: member.version } : {}),
    }),
    submit: (body) =>
      member ? organisationApi.updateMember(member.id, body as LeadershipMemberUpdate) : organisationApi.addMember(schoolId, body as LeadershipMemberCreate),
    onSuccess: onDone,
    onConflict,
  });
  const initial: Values = member
    ? { position: member.position, userId: member.userId, name: member.name, title: member.title ?? '' }
    : { position: 'member', userId: null };

  return (
    <Form form={form} layout="vertical" onFinish={onFinish} initialValues={initial}>
      <FormError error={formError} />
      <Form.Item name="position" label={t('fields.position')} required>
        <Select options={LEADERSHIP_POSITIONS.map((p) => ({ value: p, label: labels.position(p) }))} data-testid="member-position" />
      </Form.Item>
      <Form.Item name="userId" label={t('org.linkedUser')} extra={t('org.linkedUserHint')}>
        <Select
          allowClear
          loading={users.isLoading}
          showSearch={{ optionFilterProp: 'label' }}
          options={(users.data ?? []).map((u) => ({ value: u.id, label: `${u.name} · ${u.username}` }))}
          onChange={(id?: string) => {
            const user = users.data?.find((u) => u.id === id);
            if (user) form.setFieldValue('name', user.name);
          }}
          data-testid="member-user"
        />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('org.typedName')}
        dependencies={['userId']}
        rules={[({ getFieldValue }) => ({ required: !getFieldValue('userId'), whitespace: true, message: t('org.nameOrUser') })]}
      >
        <Input maxLength={50} data-testid="member-name" />
      </Form.Item>
      <Form.Item name="title" label={t('fields.title')} extra={t('common.optional')}>
        <Input maxLength={50} data-testid="member-title" />
      </Form.Item>
      <FormActions submitting={submitting} onCancel={onCancel} testId="member-submit" />
    </Form>
  );
}
