import { type Duty, DutyCreate, DutyUpdate, OFFICES } from '@carebridge/shared';
import { Form, Select } from 'antd';
import type { z } from 'zod';
import type { ApiError } from '../../api/client.ts';
import { useSchoolUsers } from '../../api/queries.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { FormError } from '../../components/FormError.tsx';
import { NoteBox } from '../../components/NoteBox.tsx';
import { useSchemaForm } from '../../forms/schema-form.ts';
import { useLabels } from '../../i18n/labels.ts';
import { useT } from '../../i18n/lang.tsx';
import { organisationApi } from './organisation.api.ts';

interface Values {
  office?: Duty['office'];
  duty?: string;
  userId?: string | null;
}

interface Props {
  schoolId: string;
  duty?: Duty | undefined;
  onDone: () => void;
  onCancel: () => void;
  onConflict?: ((err: ApiError) => void) | undefined;
}

/** A care duty of an office (政教处, 少先大队部 …) and, optionally, the person responsible. */
export function DutyForm({ schoolId, duty, onDone, onCancel, onConflict }: Props) {
  const t = useT();
  const labels = useLabels();
  const users = useSchoolUsers(schoolId);
  const schema: z.ZodType = duty ? DutyUpdate : DutyCreate;
  const { form, onFinish, submitting, formError } = useSchemaForm<z.ZodType, Values>({
    schema,
    toPayload: (v) => ({ office: v.office, duty: v.duty ?? '', userId: v.userId ?? null, ...(duty ? { version: duty.version } : {}) }),
    submit: (body) => (duty ? organisationApi.updateDuty(duty.id, body as DutyUpdate) : organisationApi.addDuty(schoolId, body as DutyCreate)),
    onSuccess: onDone,
    onConflict,
  });
  const initial: Values = duty ? { office: duty.office, duty: labels.duty(duty.duty), userId: duty.userId } : { office: 'political_education', userId: null };

  return (
    <Form form={form} layout="vertical" onFinish={onFinish} initialValues={initial}>
      <FormError error={formError} />
      <Form.Item name="office" label={t('fields.office')} required>
        <Select options={OFFICES.map((o) => ({ value: o, label: labels.office(o) }))} data-testid="duty-office" />
      </Form.Item>
      <Form.Item name="duty" label={t('fields.duty')} required>
        <NoteBox data-testid="duty-text" />
      </Form.Item>
      <Form.Item name="userId" label={t('org.responsible')} extra={t('common.optional')}>
        <Select
          allowClear
          loading={users.isLoading}
          showSearch={{ optionFilterProp: 'label' }}
          options={(users.data ?? []).map((u) => ({ value: u.id, label: `${u.name} · ${u.username}` }))}
          data-testid="duty-user"
        />
      </Form.Item>
      <FormActions submitting={submitting} onCancel={onCancel} testId="duty-submit" />
    </Form>
  );
}
