import { ClassCreate, ClassUpdate, GRADE_MAX, GRADE_MIN, type SchoolClass, translate } from '@carebridge/shared';
import { Form, Input, InputNumber, Select, Switch } from 'antd';
import type { z } from 'zod';
import type { ApiError } from '../../api/client.ts';
import { useSchoolUsers } from '../../api/queries.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { FormError } from '../../components/FormError.tsx';
import { useSchemaForm } from '../../forms/schema-form.ts';
import { useLabels } from '../../i18n/labels.ts';
import { useT } from '../../i18n/lang.tsx';
import { classesApi } from './classes.api.ts';
import { headTeacherChoices } from './head-teacher-options.ts';

interface Values {
  grade: number;
  name: string;
  headTeacherId?: string | null;
  pupilCount?: number | null;
  active?: boolean;
}

interface Props {
  schoolId: string;
  schoolClass?: SchoolClass | undefined;
  defaultGrade?: number | undefined;
  onDone: (c: SchoolClass) => void;
  onCancel: () => void;
  onConflict?: ((err: ApiError) => void) | undefined;
}

export const GRADES = Array.from({ length: GRADE_MAX - GRADE_MIN + 1 }, (_, i) => GRADE_MIN + i);

/** Create or edit a class; the head teacher is one of the school's users. */
export function ClassForm({ schoolId, schoolClass, defaultGrade, onDone, onCancel, onConflict }: Props) {
  const t = useT();
  const labels = useLabels();
  const users = useSchoolUsers(schoolId);
  const schema: z.ZodType = schoolClass ? ClassUpdate : ClassCreate;
  const { form, onFinish, submitting, formError } = useSchemaForm<z.ZodType, Values, SchoolClass>({
    schema,
    toPayload: (v) => ({
      ...(schoolClass ? { version: schoolClass.version, active: v.active } : { schoolId }),
      grade: v.grade,
      name: v.name ?? '',
      headTeacherId: v.headTeacherId ?? null,
      pupilCount: v.pupilCount ?? 0,
    }),
    submit: (body) => (schoolClass ? classesApi.update(schoolClass.id, body as ClassUpdate) : classesApi.create(body as ClassCreate)),
    onSuccess: onDone,
    onConflict,
  });
  const initial: Partial<Values> = schoolClass
    ? {
        grade: schoolClass.grade,
        name: schoolClass.name,
        headTeacherId: schoolClass.headTeacherId,
        pupilCount: schoolClass.pupilCount,
        active: schoolClass.active,
      }
    : { grade: defaultGrade ?? 1, pupilCount: 0 };
  // Schools call a class by its full name (三年级1班), which the placeholder shows for the grade chosen.
  const grade: number | undefined = Form.useWatch('grade', form);
  const example = `${translate('zh-CN', `grades.${grade ?? initial.grade ?? 1}`)}1班`;

  return (
    <Form form={form} layout="vertical" onFinish={onFinish} initialValues={initial}>
      <FormError error={formError} />
      <Form.Item name="grade" label={t('fields.grade')} required>
        <Select options={GRADES.map((g) => ({ value: g, label: labels.grade(g) }))} data-testid="class-grade" />
      </Form.Item>
      <Form.Item name="name" label={t('fields.name')} extra={t('classes.nameHint')} required>
        <Input maxLength={30} placeholder={t('classes.namePlaceholder', { example })} data-testid="class-name" />
      </Form.Item>
      <Form.Item name="headTeacherId" label={t('fields.headTeacherId')} extra={t('classes.headTeacherHint')}>
        <Select
          allowClear
          loading={users.isLoading}
          showSearch={{ optionFilterProp: 'label' }}
          options={headTeacherChoices(users.data ?? [], schoolClass?.headTeacherId).map(({ user: u, disabled }) => ({
            value: u.id,
            label: disabled ? t('classes.inactiveUser', { name: `${u.name} · ${u.username}` }) : `${u.name} · ${u.username}`,
            disabled,
          }))}
          placeholder={t('classes.noHeadTeacher')}
          data-testid="class-head-teacher"
        />
      </Form.Item>
      <Form.Item name="pupilCount" label={t('fields.pupilCount')} required>
        <InputNumber min={0} max={200} precision={0} style={{ width: '100%' }} data-testid="class-pupils" />
      </Form.Item>
      {schoolClass && (
        <Form.Item name="active" label={t('fields.active')} valuePropName="checked">
          <Switch checkedChildren={t('common.active')} unCheckedChildren={t('common.inactive')} />
        </Form.Item>
      )}
      <FormActions submitting={submitting} onCancel={onCancel} testId="class-submit" />
    </Form>
  );
}
