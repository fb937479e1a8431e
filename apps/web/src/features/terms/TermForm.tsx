import { RegionTermCreate, type RegionTermResult, type Term, TermCreate, TermUpdate } from '@carebridge/shared';
import { Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { z } from 'zod';
import type { ApiError } from '../../api/client.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { FormError } from '../../components/FormError.tsx';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
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
      <TermFields />
      <FormActions submitting={submitting} onCancel={onCancel} testId="term-submit" />
    </Form>
  );
}

/** 学年, 学期 and the dates: a school's term and a region's alike. */
function TermFields() {
  const t = useT();
  const labels = useLabels();
  return (
    <>
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
    </>
  );
}

/**
 * 为各校设置学期: one term for every school of a region (a county's calendar), for the bureau and the
 * administrator. Each school gets it unless it has that term already or its terms clash (`onDone` gets
 * what happened in each school).
 */
export function RegionTermForm({ regionId, onDone, onCancel }: { regionId: string | undefined; onDone: (r: RegionTermResult) => void; onCancel: () => void }) {
  const t = useT();
  const { form, onFinish, submitting, formError } = useSchemaForm<typeof RegionTermCreate, Values & { regionId?: string }, RegionTermResult>({
    schema: RegionTermCreate,
    toPayload: (v) => ({
      regionId: v.regionId ?? '',
      academicYear: v.academicYear?.trim() ?? '',
      semester: v.semester,
      startDate: iso(v.startDate),
      endDate: iso(v.endDate),
    }),
    submit: (body) => termsApi.createForRegion(body),
    onSuccess: onDone,
  });
  return (
    <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ regionId, academicYear: guessYear(), semester: 1 }}>
      <FormError error={formError} />
      <Form.Item name="regionId" label={t('terms.region')} extra={t('terms.regionHint')} required>
        <RegionTreeSelect managedOnly style={{ width: '100%' }} data-testid="term-region" />
      </Form.Item>
      <TermFields />
      <FormActions submitting={submitting} onCancel={onCancel} testId="term-region-submit" />
    </Form>
  );
}
