import { type Term, TermCreate, TermUpdate } from '@carebridge/shared';
import { Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { z } from 'zod';
import type { ApiError } from '../../api/client.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { FormError } from '../../components/FormError.tsx';
import { useSchemaForm } from '../../forms/schema-form.ts';
import { useLabels } from '../../i18n/labels.ts';
import { useT } from '../../i18n/lang.tsx';
import { termsApi } from './terms.api.ts';

interface Values {
  academicYear: string;
  semester: 1 | 2;
  startDate?: Dayjs | null;
  endDate?: Dayjs | null;
}

interface Props {
  schoolId: string;
  term?: Term | undefined;
  onDone: (term: Term) => void;
  onCancel: () => void;
  onConflict?: ((err: ApiError) => void) | undefined;
}

const ISO = 'YYYY-MM-DD';
const iso = (d: Dayjs | null | undefined) => (d ? d.format(ISO) : '');

/** The academic year a new term most likely belongs to: from August (when the autumn term is prepared) this year-next year. */
function guessYear(): string {
  const now = dayjs();
  const start = now.month() >= 7 ? now.year() : now.year() - 1;
  return `${start}-${start + 1}`;
}

export function TermForm({ schoolId, term, onDone, onCancel, onConflict }: Props) {
  const t = useT();
  const labels = useLabels();
  const schema: z.ZodType = term ? TermUpdate : TermCreate;
  const { form, onFinish, submitting, formError } = useSchemaForm<z.ZodType, Values, Term>({
    schema,
    toPayload: (v) => ({
      ...(term ? { version: term.version } : { schoolId }),
      academicYear: v.academicYear?.trim() ?? '',
      semester: v.semester,
      startDate: iso(v.startDate),
      endDate: iso(v.endDate),
    }),
    submit: (body) => (term ? termsApi.update(term.id, body as TermUpdate) : termsApi.create(body as TermCreate)),
    onSuccess: onDone,
    onConflict,
  });
  const initial: Partial<Values> = term
    ? { academicYear: term.academicYear, semester: term.semester, startDate: dayjs(term.startDate), endDate: dayjs(term.endDate) }
    : { academicYear: guessYear(), semester: 1 };

  return (
    <Form form={form} layout="vertical" onFinish={onFinish} initialValues={initial}>
      <FormError error={formError} />
      <Form.Item name="academicYear" label={t('fields.academicYear')} required>
        <Input placeholder={t('terms.yearPlaceholder')} maxLength={9} data-testid="term-year" />
      </Form.Item>
      <Form.Item name="semester" label={t('fields.semester')} required>
        <Select options={[1, 2].map((s) => ({ value: s, label: labels.semester(s) }))} data-testid="term-semester" />
      </Form.Item>
      <Form.Item name="startDate" label={t('fields.startDate')} required>
        <DateInput style={{ width: '100%' }} data-testid="term-start" />
      </Form.Item>
      <Form.Item name="endDate" label={t('fields.endDate')} required>
        <DateInput style={{ width: '100%' }} data-testid="term-end" />
      </Form.Item>
      <FormActions submitting={submitting} onCancel={onCancel} testId="term-submit" />
    </Form>
  );
}
