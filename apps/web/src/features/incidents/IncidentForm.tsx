import {
  type FieldError,
  INCIDENT_KINDS,
  type Incident,
  IncidentCreate,
  type IncidentKind,
  IncidentUpdate,
  KIND_QUESTIONS,
  MANDATORY_QUESTIONS,
  type MandatoryAnswers,
  type MandatoryQuestion,
  mandatorySituations,
  type ReportedChild,
  SEVERITIES,
  type Severity,
} from '@carebridge/shared';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Col, Collapse, Flex, Form, Grid, Input, Radio, Row, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useRef, useState } from 'react';
import type { z } from 'zod';
import type { ApiError } from '../../api/client.ts';
import { FormError } from '../../components/FormError.tsx';
import { countNearLimit } from '../../forms/count-near-limit.ts';
import { useSchemaForm } from '../../forms/schema-form.ts';
import { scrollToError } from '../../forms/scroll-to-error.ts';
import { useT } from '../../i18n/lang.tsx';
import { todayInShanghai } from '../../lib/dates.ts';
import { ChildSelect, type KnownChild } from '../care-records/ChildSelect.tsx';
import { KIND_ICON, MomentPicker, toInstant } from './incident-format.tsx';
import { incidentKeys, incidentsApi } from './incidents.api.ts';

export interface IncidentValues {
  childIds: string[];
  kind?: IncidentKind | undefined;
  severity?: Severity | undefined;
  occurredAt: Dayjs | null;
  place?: string | null;
  description?: string;
  immediateActions?: string | null;
  answers?: MandatoryAnswers;
}

const text = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

/** Only the questions answered yes, in the shared order (so that two answer sets compare as strings). */
export function yesAnswers(a: MandatoryAnswers | undefined): MandatoryAnswers {
  const out: MandatoryAnswers = {};
  for (const q of MANDATORY_QUESTIONS) if (a?.[q]) out[q] = true;
  return out;
}

export function toIncidentValues(i: Incident): IncidentValues {
  return {
    childIds: i.children.map((c) => c.id),
    kind: i.kind ?? undefined,
    severity: i.severity ?? undefined,
    occurredAt: dayjs(i.occurredAt),
    place: i.place ?? '',
    description: i.description,
    immediateActions: i.immediateActions ?? '',
    answers: yesAnswers(i.answers),
  };
}

function createPayload(v: IncidentValues) {
  return {
    childIds: v.childIds ?? [],
    kind: v.kind,
    severity: v.severity,
    occurredAt: toInstant(v.occurredAt),
    place: text(v.place),
    description: v.description?.trim() ?? '',
    immediateActions: text(v.immediateActions),
    answers: yesAnswers(v.answers),
  };
}

/** Which fields of an edit differ from the incident as loaded (the PATCH sends only those, so the audit names them). */
export function changedIncidentFields(v: IncidentValues, base: Incident): (keyof IncidentValues)[] {
  const b = toIncidentValues(base);
  const out: (keyof IncidentValues)[] = [];
  if (v.kind !== b.kind) out.push('kind');
  if (v.severity !== b.severity) out.push('severity');
  if ((v.occurredAt?.valueOf() ?? null) !== (b.occurredAt?.valueOf() ?? null)) out.push('occurredAt');
  for (const k of ['place', 'description', 'immediateActions'] as const) if (text(v[k]) !== text(b[k])) out.push(k);
  if (JSON.stringify(yesAnswers(v.answers)) !== JSON.stringify(yesAnswers(b.answers))) out.push('answers');
  return out;
}

function updatePayload(v: IncidentValues, base: Incident): Record<string, unknown> {
  const full = createPayload(v);
  const out: Record<string, unknown> = { version: base.version };
  for (const k of changedIncidentFields(v, base)) out[k] = full[k as keyof typeof full];
  return out;
}

/** The kinds as big buttons, two or more to a row, wrapping long names (a radio group underneath). */
function KindButtons({ value, onChange, id }: { value?: IncidentKind; onChange?: (kind: IncidentKind) => void; id?: string }) {
  const t = useT();
  return (
    <div
      id={id}
      role="radiogroup"
      style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(136px, 1fr))', gap: 8 }}
      data-testid="incident-kind"
    >
      {INCIDENT_KINDS.map((k) => {
        const on = value === k;
        return (
          <Button
            key={k}
            role="radio"
            aria-checked={on}
            type={on ? 'primary' : 'default'}
            icon={KIND_ICON[k]}
            onClick={() => onChange?.(k)}
            style={{ height: 'auto', minHeight: 44, whiteSpace: 'normal', lineHeight: 1.3, paddingBlock: 8, justifyContent: 'flex-start', textAlign: 'start' }}
            data-testid={`incident-kind-${k}`}
          >
            {t(`incidents.kinds.${k}`)}
          </Button>
        );
      })}
    </div>
  );
}

function Question({ q }: { q: MandatoryQuestion }) {
  const t = useT();
  return (
    <Form.Item name={['answers', q]} valuePropName="checked" style={{ marginBottom: 6 }}>
      <Checkbox data-testid={`incident-q-${q}`}>{t(`incidents.questions.${q}`)}</Checkbox>
    </Form.Item>
  );
}

/** The yes/no questions: those that matter for the kind first, the rest under "更多情况". */
function Questions({ kind }: { kind: IncidentKind | undefined }) {
  const t = useT();
  const form = Form.useFormInstance<IncidentValues>();
  const first = kind ? KIND_QUESTIONS[kind] : [];
  const rest = MANDATORY_QUESTIONS.filter((q) => !first.includes(q));
  // Open "more" at once when one of its questions is already answered (an edit).
  const [open, setOpen] = useState<string[]>(() => (rest.some((q) => form.getFieldValue(['answers', q])) ? ['more'] : []));
  return (
    <>
      {first.map((q) => (
        <Question key={q} q={q} />
      ))}
      <Collapse
        ghost
        size="small"
        activeKey={first.length ? open : ['more']}
        onChange={(keys) => setOpen(keys as string[])}
        style={{ marginInline: -8 }}
        items={[
          {
            key: 'more',
            label: <span data-testid="incident-more-questions">{t('incidentForm.moreQuestions')}</span>,
            showArrow: first.length > 0,
            children: rest.map((q) => <Question key={q} q={q} />),
          },
        ]}
      />
    </>
  );
}

/**
 * The red warning as soon as the answers make a police report mandatory, computed here with the same
 * shared rule the server applies (its answer after submitting is authoritative).
 */
function MandatoryAlert() {
  const t = useT();
  const form = Form.useFormInstance<IncidentValues>();
  const answers = Form.useWatch('answers', form) as MandatoryAnswers | undefined;
  const kind = Form.useWatch('kind', form) as IncidentKind | undefined;
  const childIds = (Form.useWatch('childIds', form) as string[] | undefined) ?? [];
  const occurredAt = Form.useWatch('occurredAt', form) as Dayjs | null | undefined;
  const ids = useMemo(() => [...childIds].sort(), [childIds]);
  const facts = useQuery({
    queryKey: incidentKeys.facts(ids.join(',')),
    queryFn: () => incidentsApi.childFacts(ids),
    enabled: ids.length > 0,
    staleTime: 5 * 60_000,
  });
  const known = new Map((facts.data ?? []).map((c) => [c.id, c]));
  // A child whose sex and age are unknown counts as the stricter case (see mandatorySituations).
  const children: ReportedChild[] = ids.map((id) => {
    const c = known.get(id);
    return { gender: c?.gender ?? null, birthDate: c?.birthDate ?? null };
  });
  const on = todayInShanghai(occurredAt ? occurredAt.toDate() : new Date());
  const situations = mandatorySituations(answers ?? {}, children.length ? children : [{ gender: null, birthDate: null }], on, kind);
  if (!situations.length) return null;
  const unknown = facts.isError || ids.some((id) => !known.has(id));
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginTop: 8 }}
      title={<strong>{t('incidentForm.mandatoryTitle')}</strong>}
      description={
        <>
          <div>{t('incidentForm.mandatoryText')}</div>
          <div style={{ marginTop: 6 }}>{t('incidentForm.mandatoryMatches')}</div>
          <ul style={{ margin: '2px 0 0', paddingInlineStart: 18 }}>
            {situations.map((s) => (
              <li key={s} data-testid="mandatory-situation">
                {t(`incidents.situations.${s}`)}
              </li>
            ))}
          </ul>
          {unknown && !facts.isLoading && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('incidentForm.mandatoryUnknownChild')}
            </Typography.Text>
          )}
        </>
      }
      data-testid="mandatory-alert"
    />
  );
}

interface Props {
  /** The incident being edited; absent when reporting. */
  incident?: Incident | undefined;
  initialValues: Partial<IncidentValues>;
  initialChildren: readonly KnownChild[];
  /** The school of the prefilled child (keeps the search within it: one incident, one school). */
  initialSchoolId?: string | undefined;
  onSaved: (incident: Incident | null) => void;
  onCancel: () => void;
  /** Told once something is typed or chosen (the page then asks before it is left: useLeaveGuard). */
  onDirty?: () => void;
  onConflict?: (err: ApiError, values: IncidentValues) => void;
}

/** The report: children, kind, severity, when and where, what happened and what was done, then the questions of the law. */
export function IncidentForm({ incident, initialValues, initialChildren, initialSchoolId, onSaved, onCancel, onDirty, onConflict }: Props) {
  const t = useT();
  const touch = Grid.useBreakpoint().md === false;
  const [schoolId, setSchoolId] = useState<string | undefined>(incident?.schoolId ?? initialSchoolId);
  const schema: z.ZodType = incident ? IncidentUpdate : IncidentCreate;
  const latest = useRef<IncidentValues | null>(null);

  const { form, onFinish, submitting, formError } = useSchemaForm<z.ZodType, IncidentValues, Incident | null>({
    schema,
    toPayload: (v) => {
      latest.current = v;
      return incident ? updatePayload(v, incident) : createPayload(v);
    },
    check: (v) => {
      const problems: FieldError[] = [];
      // A few minutes of clock difference are tolerated by the server as well.
      if (v.occurredAt && v.occurredAt.valueOf() > Date.now() + 5 * 60_000) problems.push({ path: 'occurredAt', message: t('incidentForm.future') });
      return problems;
    },
    submit: (body) => {
      if (!incident) return incidentsApi.create(body as IncidentCreate);
      if (Object.keys(body as object).length === 1) return Promise.resolve(null);
      return incidentsApi.update(incident.id, body as IncidentUpdate);
    },
    onSuccess: onSaved,
    onConflict: onConflict && ((err) => latest.current && onConflict(err, latest.current)),
  });
  const kind = Form.useWatch('kind', form) as IncidentKind | undefined;

  return (
    <Form<IncidentValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      initialValues={{ childIds: [], occurredAt: dayjs(), answers: {}, ...initialValues }}
      onValuesChange={() => onDirty?.()}
      scrollToFirstError={scrollToError}
      disabled={submitting}
      style={{ maxWidth: 980 }}
      data-testid="incident-form"
    >
      <FormError error={formError} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form.Item name="childIds" label={t('incidentFields.childIds')} required extra={incident ? t('incidentForm.childrenFixed') : undefined}>
          <ChildSelect
            mode="multiple"
            initial={initialChildren}
            schoolId={schoolId}
            onPick={(c) => setSchoolId(c.find((x) => x.schoolId)?.schoolId ?? incident?.schoolId ?? undefined)}
            placeholder={t('incidentForm.childrenPlaceholder')}
            disabled={!!incident}
            style={{ width: '100%', minWidth: 0 }}
            data-testid="incident-children"
          />
        </Form.Item>
        <Form.Item name="kind" label={t('incidentFields.kind')} required>
          <KindButtons />
        </Form.Item>
        <Form.Item name="severity" label={t('incidentFields.severity')} required>
          {/* Four equal buttons across the form: on a phone in English "Critical" wrapped alone onto a second row. */}
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            size="large"
            style={{ display: 'flex', width: '100%', maxWidth: 480 }}
            data-testid="incident-severity"
          >
            {SEVERITIES.map((s) => (
              <Radio.Button key={s} value={s} style={{ flex: 1, textAlign: 'center', paddingInline: 4, whiteSpace: 'nowrap', fontSize: 'min(16px, 4vw)' }}>
                {t(`incidents.severities.${s}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="occurredAt" label={t('incidentFields.occurredAt')} required>
              <MomentPicker data-testid="incident-occurred-at" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="place" label={t('incidentFields.place')}>
              <Input maxLength={200} placeholder={t('incidentForm.placePlaceholder')} data-testid="incident-place" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={t('incidentFields.description')} required>
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 12 }}
            maxLength={4000}
            showCount={countNearLimit}
            placeholder={t('incidentForm.descriptionPlaceholder')}
            data-testid="incident-description"
          />
        </Form.Item>
        <Form.Item name="immediateActions" label={t('incidentFields.immediateActions')} style={{ marginBottom: 0 }}>
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 8 }}
            maxLength={2000}
            showCount={countNearLimit}
            placeholder={t('incidentForm.actionsPlaceholder')}
            data-testid="incident-immediate-actions"
          />
        </Form.Item>
      </Card>
      <Card
        size="small"
        title={t('incidentForm.questionsTitle')}
        style={{ marginBottom: 12 }}
        styles={{ title: { whiteSpace: 'normal' } }}
        data-testid="incident-questions"
      >
        <Typography.Paragraph type="secondary" style={{ marginTop: 0, fontSize: 13 }}>
          {t('incidentForm.questionsHint')}
        </Typography.Paragraph>
        <Questions key={kind ?? 'none'} kind={kind} />
        <MandatoryAlert />
      </Card>
      <Flex justify="end" gap={8}>
        <Button onClick={onCancel} disabled={false} size="large">
          {t('common.cancel')}
        </Button>
        <Button type="primary" htmlType="submit" loading={submitting} size="large" style={touch ? { flex: 1 } : undefined} data-testid="incident-submit">
          {t(incident ? 'incidentForm.submitEdit' : 'incidentForm.submitCreate')}
        </Button>
      </Flex>
    </Form>
  );
}
