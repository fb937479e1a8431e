import { CARE_KINDS, type CareKind, type CareRecord, CareRecordCreate, CareRecordUpdate, CONFIDENTIAL_KINDS, type FieldError } from '@carebridge/shared';
import { Alert, Button, Card, Col, Flex, Form, Grid, Input, Row, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useRef, useState } from 'react';
import type { z } from 'zod';
import type { ApiError } from '../../api/client.ts';
import { readsConfidential } from '../../auth/permissions.ts';
import { useMe } from '../../auth/session.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { FormError } from '../../components/FormError.tsx';
import { useSchemaForm } from '../../forms/schema-form.ts';
import { scrollToError } from '../../forms/scroll-to-error.ts';
import { useT } from '../../i18n/lang.tsx';
import { todayInShanghai } from '../../lib/dates.ts';
import { PhotoThumbs } from './CareParts.tsx';
import { ChildSelect, type KnownChild } from './ChildSelect.tsx';
import { detailSpecs, useCareLabels } from './care-format.tsx';
import { careApi } from './care-records.api.ts';
import { KindFields, KindPicker } from './KindFields.tsx';
import { PhotoPicker, UploadBar, type UploadProgress } from './photos.tsx';
import { VisitWindowHint } from './VisitWindowHint.tsx';

export interface CareValues {
  kind: CareKind;
  childIds: string[];
  date: string;
  participants?: string | null;
  summary?: string;
  followUpNeeded?: boolean;
  followUpDate?: string | null;
  followUpDone?: boolean;
  details?: Record<string, unknown>;
}

/** Dates live in the form as 'YYYY-MM-DD' strings; the picker gets a dayjs. */
const dateItemProps = {
  getValueProps: (v: unknown) => ({ value: typeof v === 'string' && v ? dayjs(v) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null),
};

const empty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
const text = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

/** The kind's own fields as sent: only its fields, blanks left out, a letter's text only with the child's consent. */
export function cleanDetails(kind: CareKind, details: Record<string, unknown> | undefined | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of detailSpecs(kind)) {
    const v = details?.[s.name];
    if (empty(v)) continue;
    out[s.name] = typeof v === 'string' ? v.trim() : v;
  }
  if (kind === 'family_letter' && !out.childConsents) delete out.text;
  return out;
}

/** Comparable form of details: keys sorted, lists sorted. */
const canonical = (d: Record<string, unknown>) =>
  JSON.stringify(
    Object.keys(d)
      .sort()
      .map((k) => [k, Array.isArray(d[k]) ? [...(d[k] as unknown[])].map(String).sort() : d[k]]),
  );

export function toCareValues(r: CareRecord): CareValues {
  return {
    kind: r.kind,
    childIds: r.children.map((c) => c.id),
    date: r.date,
    participants: r.participants ?? '',
    summary: r.summary ?? '',
    followUpNeeded: r.followUpNeeded,
    followUpDate: r.followUpDate,
    followUpDone: r.followUpDone,
    details: { ...(r.details ?? {}) },
  };
}

function createPayload(v: CareValues) {
  const follow = !!v.followUpNeeded;
  return {
    kind: v.kind,
    childIds: v.childIds ?? [],
    date: v.date,
    participants: text(v.participants),
    summary: v.summary?.trim() ?? '',
    followUpNeeded: follow,
    followUpDate: follow ? (v.followUpDate ?? null) : null,
    details: cleanDetails(v.kind, v.details),
  };
}

/** Which top-level fields of an edit differ from the record as loaded. */
export function changedCareFields(v: CareValues, base: CareRecord): string[] {
  const b = toCareValues(base);
  const out: string[] = [];
  const sameSet = (x: string[], y: string[]) => x.length === y.length && x.every((id) => y.includes(id));
  if (!sameSet(v.childIds ?? [], b.childIds)) out.push('childIds');
  if (v.date !== b.date) out.push('date');
  if (text(v.participants) !== text(b.participants)) out.push('participants');
  if ((v.summary ?? '').trim() !== (b.summary ?? '').trim()) out.push('summary');
  const follow = !!v.followUpNeeded;
  if (follow !== b.followUpNeeded) out.push('followUpNeeded');
  if ((follow ? (v.followUpDate ?? null) : null) !== (b.followUpNeeded ? b.followUpDate : null)) out.push('followUpDate');
  if (!!v.followUpDone !== b.followUpDone) out.push('followUpDone');
  if (canonical(cleanDetails(base.kind, v.details)) !== canonical(cleanDetails(base.kind, base.details))) out.push('details');
  return out;
}

function updatePayload(v: CareValues, base: CareRecord): Record<string, unknown> {
  const out: Record<string, unknown> = { version: base.version };
  const full = createPayload({ ...v, kind: base.kind });
  for (const k of changedCareFields(v, base)) {
    if (k === 'followUpDone') out.followUpDone = !!v.followUpDone;
    else out[k] = full[k as keyof typeof full];
  }
  return out;
}

interface Props {
  /** The record being edited; absent when creating. */
  record?: CareRecord | undefined;
  initialValues: Partial<CareValues>;
  initialChildren: readonly KnownChild[];
  /** The school the prefilled children belong to (keeps the search within it). */
  initialSchoolId?: string | undefined;
  notice?: ReactNode;
  /** Saved: the record, and the photos still to upload after it (create and edit alike). */
  onSaved: (record: CareRecord | null, photos: File[]) => void;
  onCancel: () => void;
  /** Told once something is typed, chosen or added (the page asks before leaving then: useLeaveGuard). */
  onDirty?: () => void;
  onConflict?: (err: ApiError, values: CareValues) => void;
  progress: UploadProgress | null;
}

/** A care record: kind, children, date, what happened, follow-up, the kind's own fields, photos. */
export function CareRecordForm({ record, initialValues, initialChildren, initialSchoolId, notice, onSaved, onCancel, onDirty, onConflict, progress }: Props) {
  const t = useT();
  const labels = useCareLabels();
  const me = useMe().data;
  const today = todayInShanghai();
  // On phones the pickers open a calendar without the keyboard; on computers a date can be typed.
  const touch = Grid.useBreakpoint().md === false;
  const [photos, setPhotos] = useState<File[]>([]);
  const [schoolId, setSchoolId] = useState<string | undefined>(record?.schoolId ?? initialSchoolId);
  const schema: z.ZodType = record ? CareRecordUpdate : CareRecordCreate;
  const latest = useRef<CareValues | null>(null);

  const { form, onFinish, submitting, formError } = useSchemaForm<z.ZodType, CareValues, CareRecord | null>({
    schema,
    toPayload: (v) => {
      latest.current = v;
      return record ? updatePayload(v, record) : createPayload(v);
    },
    check: (v) => {
      const problems: FieldError[] = [];
      if (v.date && v.date > today) problems.push({ path: 'date', message: t('careForm.future') });
      if (v.followUpNeeded && !v.followUpDate) problems.push({ path: 'followUpDate', message: t('validation.required') });
      if (v.followUpNeeded && v.followUpDate && v.date && v.followUpDate < v.date)
        problems.push({ path: 'followUpDate', message: t('careForm.followUpBefore') });
      return problems;
    },
    submit: (body) => {
      if (!record) return careApi.create(body as CareRecordCreate);
      // Only the version: nothing changed (photos may still be added).
      if (Object.keys(body as object).length === 1) return Promise.resolve(null);
      return careApi.update(record.id, body as CareRecordUpdate);
    },
    onSuccess: (saved) => onSaved(saved, photos),
    onConflict: onConflict && ((err) => latest.current && onConflict(err, latest.current)),
  });

  const kind = (Form.useWatch('kind', form) as CareKind | undefined) ?? record?.kind ?? initialValues.kind ?? 'talk';
  const followUp = Form.useWatch('followUpNeeded', form) as boolean | undefined;
  const visitDate = Form.useWatch('date', form) as string | undefined;
  const visitPoint = Form.useWatch(['details', 'termPoint'], form) as string | null | undefined;
  const kinds = readsConfidential(me) ? CARE_KINDS : CARE_KINDS.filter((k) => !CONFIDENTIAL_KINDS.includes(k));
  const busy = submitting || !!progress;

  return (
    <Form<CareValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      onValuesChange={() => onDirty?.()}
      initialValues={{ kind: 'talk', date: today, childIds: [], followUpNeeded: false, ...initialValues }}
      scrollToFirstError={scrollToError}
      disabled={busy}
      style={{ maxWidth: 980 }}
    >
      {notice}
      <FormError error={formError} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form.Item name="kind" label={labels.field('kind')} required extra={record ? t('careForm.kindFixed') : undefined}>
          <KindPicker kinds={record ? [record.kind] : kinds} disabled={!!record} />
        </Form.Item>
        {CONFIDENTIAL_KINDS.includes(kind) && <Alert type="info" showIcon title={t('careForm.confidential')} style={{ marginBottom: 16 }} />}
        <Form.Item name="childIds" label={labels.field('childIds')} required extra={t('careForm.childrenHint')}>
          <ChildSelect
            mode="multiple"
            initial={initialChildren}
            schoolId={schoolId}
            onPick={(c) => setSchoolId(c.find((x) => x.schoolId)?.schoolId ?? (record?.schoolId || undefined))}
            placeholder={t('careForm.childrenPlaceholder')}
            style={{ width: '100%' }}
            data-testid="care-children"
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={10} md={8}>
            {/* A day after today is refused at once, in words: a disabled day typed in would be dropped silently. */}
            <Form.Item
              name="date"
              label={labels.field('date')}
              required
              {...dateItemProps}
              rules={[
                { validator: (_, v) => (typeof v === 'string' && v > today ? Promise.reject(new Error(t('validation.date_future'))) : Promise.resolve()) },
              ]}
            >
              <DateInput style={{ width: '100%' }} allowClear={false} inputReadOnly={touch} data-testid="care-date" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={14} md={16}>
            <Form.Item name="participants" label={labels.field('participants')}>
              <Input maxLength={200} placeholder={t('careForm.participantsPlaceholder')} data-testid="care-participants" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="summary" label={labels.field('summary')} required>
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 12 }}
            maxLength={2000}
            showCount
            placeholder={t('careForm.summaryPlaceholder')}
            data-testid="care-summary"
          />
        </Form.Item>
        <Flex gap={16} wrap align="start">
          <Form.Item
            name="followUpNeeded"
            label={labels.field('followUpNeeded')}
            valuePropName="checked"
            extra={followUp ? undefined : t('careForm.followUpHint')}
          >
            <Switch data-testid="care-follow-up-needed" />
          </Form.Item>
          {followUp && (
            <Form.Item
              name="followUpDate"
              label={labels.field('followUpDate')}
              required
              {...dateItemProps}
              dependencies={['date']}
              rules={[
                {
                  validator: (_, v) =>
                    typeof v === 'string' && v < (form.getFieldValue('date') ?? today)
                      ? Promise.reject(new Error(t('validation.follow_up_before_date')))
                      : Promise.resolve(),
                },
              ]}
            >
              <DateInput inputReadOnly={touch} style={{ width: 180 }} data-testid="care-follow-up-date" />
            </Form.Item>
          )}
          {followUp && record && (
            <Form.Item name="followUpDone" label={labels.field('followUpDone')} valuePropName="checked">
              <Switch data-testid="care-follow-up-done-switch" />
            </Form.Item>
          )}
        </Flex>
      </Card>
      {detailSpecs(kind).length > 0 && (
        <Card size="small" title={t('careRecords.kindDetails', { kind: labels.kind(kind) })} style={{ marginBottom: 16 }}>
          <KindFields kind={kind} />
          {kind === 'home_visit' && <VisitWindowHint schoolId={schoolId} date={visitDate} point={visitPoint} />}
        </Card>
      )}
      <Card size="small" title={t('careForm.photos')} style={{ marginBottom: 16 }}>
        {record && record.photos.length > 0 && (
          <div style={{ marginBottom: 12 }}>
            <PhotoThumbs photos={record.photos} size={72} />
          </div>
        )}
        <PhotoPicker
          files={photos}
          onChange={(files) => {
            setPhotos(files);
            onDirty?.();
          }}
          existing={record?.photos.length ?? 0}
          label={t('careForm.pickPhotos')}
          testId="care-photos"
          disabled={busy}
        />
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
          {t('careForm.photosHint')}
        </Typography.Paragraph>
        <UploadBar progress={progress} text={progress ? t('careForm.uploading', { index: progress.index, count: progress.count }) : ''} />
      </Card>
      <Flex justify="end" gap={8}>
        <Button onClick={onCancel} disabled={false}>
          {t('common.cancel')}
        </Button>
        <Button type="primary" htmlType="submit" loading={busy} size="large" data-testid="care-submit">
          {t(record ? 'careForm.submitEdit' : 'careForm.submitCreate')}
        </Button>
      </Flex>
    </Form>
  );
}
