import { DUTY_AREAS, type FieldError, type SafetyDuty, SafetyDutyCreate, SafetyDutyUpdate } from '@carebridge/shared';
import { Form, Input, Select } from 'antd';
import { useMemo } from 'react';
import type { z } from 'zod';
import type { ApiError } from '../../api/client.ts';
import { useClasses, useSchoolUsers } from '../../api/queries.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { FormError } from '../../components/FormError.tsx';
import { useSchemaForm } from '../../forms/schema-form.ts';
import { useT } from '../../i18n/lang.tsx';
import { safetyApi } from './safety.api.ts';

type Area = (typeof DUTY_AREAS)[number];

interface Values {
  userId?: string;
  area?: Area;
  classId?: string | null;
  name?: string | null;
  note?: string | null;
}

interface Props {
  schoolId: string;
  duty?: SafetyDuty | undefined;
  onDone: (duties: SafetyDuty[]) => void;
  onCancel: () => void;
  onConflict?: ((err: ApiError) => void) | undefined;
}

const text = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

/** One responsibility: a staff member, the area (a class is named after itself; a route, a boarding house or an area needs a name), a note. */
export function DutyForm({ schoolId, duty, onDone, onCancel, onConflict }: Props) {
  const t = useT();
  const users = useSchoolUsers(schoolId);
  const classes = useClasses({ schoolId });
  const active = useMemo(() => (classes.data ?? []).filter((k) => k.active), [classes.data]);
  const schema: z.ZodType = duty ? SafetyDutyUpdate : SafetyDutyCreate;
  const { form, onFinish, submitting, formError } = useSchemaForm<z.ZodType, Values, SafetyDuty[]>({
    schema,
    toPayload: (v) => {
      const body = {
        userId: v.userId ?? '',
        area: v.area,
        classId: v.area === 'class' ? (v.classId ?? null) : null,
        name: v.area === 'class' ? null : text(v.name),
        note: text(v.note),
      };
      return duty ? { ...body, version: duty.version } : { schoolId, ...body };
    },
    check: (v) => {
      const problems: FieldError[] = [];
      if (v.area === 'class' && !v.classId) problems.push({ path: 'classId', message: t('errors.duty_class_required') });
      if (v.area && v.area !== 'class' && !text(v.name)) problems.push({ path: 'name', message: t('errors.duty_name_required') });
      return problems;
    },
    submit: (body) =>
      duty ? safetyApi.updateDuty(duty.id, body as z.input<typeof SafetyDutyUpdate>) : safetyApi.addDuty(body as z.input<typeof SafetyDutyCreate>),
    onSuccess: onDone,
    onConflict,
  });
  const area = Form.useWatch('area', form) as Area | undefined;
  const initial: Values = duty
    ? { userId: duty.userId ?? undefined, area: duty.area, classId: duty.classId, name: duty.area === 'class' ? null : duty.name, note: duty.note ?? '' }
    : { area: 'class' };

  return (
    <Form form={form} layout="vertical" onFinish={onFinish} initialValues={initial}>
      <FormError error={formError} />
      <Form.Item name="userId" label={t('safetyDuties.person')} required>
        <Select
          loading={users.isLoading}
          showSearch={{ optionFilterProp: 'label' }}
          options={(users.data ?? []).map((u) => ({ value: u.id, label: `${u.name} · ${u.username}` }))}
          placeholder={t('safetyDuties.personPlaceholder')}
          data-testid="safety-duty-user"
        />
      </Form.Item>
      <Form.Item name="area" label={t('safetyDuties.area')} required>
        <Select options={DUTY_AREAS.map((a) => ({ value: a, label: t(`activities.dutyAreas.${a}`) }))} data-testid="safety-duty-area" />
      </Form.Item>
      {area === 'class' ? (
        <Form.Item name="classId" label={t('activityFields.classId')} required>
          <Select
            loading={classes.isLoading}
            showSearch={{ optionFilterProp: 'label' }}
            options={active.map((k) => ({ value: k.id, label: k.name }))}
            placeholder={t('safetyDuties.classPlaceholder')}
            data-testid="safety-duty-class"
          />
        </Form.Item>
      ) : (
        <Form.Item name="name" label={t('safetyDuties.areaName')} required>
          <Input maxLength={100} placeholder={t('safetyDuties.namePlaceholder')} data-testid="safety-duty-name" />
        </Form.Item>
      )}
      <Form.Item name="note" label={t('safetyDuties.note')}>
        <Input.TextArea
          maxLength={300}
          showCount
          autoSize={{ minRows: 2, maxRows: 5 }}
          placeholder={t('safetyDuties.notePlaceholder')}
          data-testid="safety-duty-note"
        />
      </Form.Item>
      <FormActions submitting={submitting} onCancel={onCancel} testId="safety-duty-submit" />
    </Form>
  );
}
