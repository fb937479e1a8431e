import { CHILD_FIELD_META, type ChildFieldKey, type School, type SchoolClass } from '@carebridge/shared';
import { Checkbox, Form, Input, InputNumber, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { DateInput } from '../../components/DateInput.tsx';
import { SchoolPicker } from '../../components/SchoolPicker.tsx';
import { useT } from '../../i18n/lang.tsx';
import { isLongText, useChildLabels } from './child-format.ts';

/** Required by ChildCreate; the rest may be filled in later. */
export const REQUIRED: ReadonlySet<string> = new Set(['name', 'gender', 'birthDate', 'schoolId']);

const MAX_LENGTH: Record<string, number> = { remarks: 500, leftBehindReason: 200 };
const maxLengthOf = (key: string) => MAX_LENGTH[key] ?? (key.endsWith('Note') ? 500 : key.endsWith('WorkAddress') ? 100 : undefined);

export interface FieldContext {
  today: string;
  schools: readonly School[];
  schoolsLoading: boolean;
  classes: readonly SchoolClass[];
  classesLoading: boolean;
  /** Editing: the school is fixed (a move is a transfer). */
  schoolLocked: boolean;
  /** Extra help under an item (e.g. "the number is partly hidden"). */
  extra?: ReactNode;
}

/** Dates live in the form as 'YYYY-MM-DD' strings; the picker gets a dayjs. */
const dateItemProps = {
  getValueProps: (v: unknown) => ({ value: typeof v === 'string' && v ? dayjs(v) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null),
};

/** One archive field as a Form.Item, its input chosen by CHILD_FIELD_META kind. */
export function ChildFieldItem({ field, ctx }: { field: ChildFieldKey; ctx: FieldContext }) {
  const t = useT();
  const labels = useChildLabels();
  const meta = CHILD_FIELD_META[field];
  const testId = `child-field-${field}`;
  const common = { name: field, label: labels.field(field), required: REQUIRED.has(field), extra: ctx.extra, style: { marginBottom: 16 } };

  switch (meta.kind) {
    case 'date':
      return (
        <Form.Item {...common} {...dateItemProps}>
          <DateInput style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') > ctx.today} data-testid={testId} />
        </Form.Item>
      );
    case 'enum':
      return (
        <Form.Item {...common}>
          <Select
            allowClear
            placeholder={t('common.select')}
            options={meta.codes ? labels.options(meta.codes) : []}
            showSearch={{ optionFilterProp: 'label' }}
            data-testid={testId}
          />
        </Form.Item>
      );
    case 'multi':
      return (
        <Form.Item {...common}>
          <Checkbox.Group options={meta.codes ? labels.options(meta.codes) : []} data-testid={testId} />
        </Form.Item>
      );
    case 'bool':
      return (
        <Form.Item {...common}>
          <Radio.Group
            options={[
              { value: true, label: labels.yesNo(true) },
              { value: false, label: labels.yesNo(false) },
            ]}
            data-testid={testId}
          />
        </Form.Item>
      );
    case 'int':
      // No min/max/precision here: antd would quietly change 300 into 110 (or 14.5 into 15) on blur;
      // the shared schema refuses it instead, and the message shows under the field.
      return (
        <Form.Item {...common}>
          <InputNumber style={{ width: '100%' }} data-testid={testId} />
        </Form.Item>
      );
    case 'id_number':
      return (
        <Form.Item {...common} normalize={(v: string | undefined) => v?.toUpperCase()}>
          <Input maxLength={18} autoComplete="off" inputMode="text" style={{ fontVariantNumeric: 'tabular-nums' }} data-testid={testId} />
        </Form.Item>
      );
    case 'phone':
      return (
        <Form.Item {...common}>
          <Input maxLength={20} inputMode="tel" autoComplete="off" data-testid={testId} />
        </Form.Item>
      );
    case 'ref':
      if (field === 'schoolId')
        return (
          <Form.Item {...common} extra={ctx.schoolLocked ? t('childForm.schoolFixed') : ctx.extra}>
            <SchoolPicker schools={ctx.schools} loading={ctx.schoolsLoading} disabled={ctx.schoolLocked} style={{ width: '100%' }} data-testid={testId} />
          </Form.Item>
        );
      return (
        <Form.Item {...common}>
          <Select
            allowClear
            placeholder={t('childForm.classPlaceholder')}
            loading={ctx.classesLoading}
            options={ctx.classes.map((c) => ({ value: c.id, label: c.name }))}
            showSearch={{ optionFilterProp: 'label' }}
            data-testid={testId}
          />
        </Form.Item>
      );
    default: {
      const max = maxLengthOf(field);
      return (
        <Form.Item {...common}>
          {isLongText(field) ? (
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} maxLength={max} showCount={!!max && max >= 200} data-testid={testId} />
          ) : (
            <Input maxLength={field === 'name' ? 30 : undefined} autoComplete="off" data-testid={testId} />
          )}
        </Form.Item>
      );
    }
  }
}
