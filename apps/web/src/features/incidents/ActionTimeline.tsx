import { CheckCircleFilled, EditOutlined, ExclamationCircleFilled, FileAddOutlined, HistoryOutlined, PlusOutlined } from '@ant-design/icons';
import {
  ActionCreate,
  type ActionKind,
  INCIDENT_TEXT_MAX,
  type Incident,
  type IncidentAction,
  joinList,
  type NotifyTarget,
  PERSUASION_OUTCOMES,
} from '@carebridge/shared';
import { useQueries } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, Radio, Select, Tag, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate } from 'react-router';
import { closesIncidents } from '../../auth/permissions.ts';
import { useMe } from '../../auth/session.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { FormError } from '../../components/FormError.tsx';
import { FormDrawer } from '../../components/Overlay.tsx';
import { useSchemaForm } from '../../forms/schema-form.ts';
import { useLang, useT } from '../../i18n/lang.tsx';
import { shanghaiTime } from '../../lib/dates.ts';
import { actionKindsFor } from './incident-buttons.ts';
import { MomentPicker, toInstant } from './incident-format.tsx';
import { incidentKeys, incidentsApi } from './incidents.api.ts';
import { closeNotes } from './notice-state.ts';

const KIND_COLOR: Record<ActionKind, string> = {
  action: 'blue',
  follow_up: 'green',
  persuasion: 'orange',
  written_report: 'purple',
  note: 'gray',
  close: 'green',
  reopen: 'orange',
  // The bureau's instruction and the school's answer to it.
  instruction: 'red',
  reply: 'cyan',
};

interface ActionValues {
  kind: ActionKind;
  at: Dayjs;
  text?: string;
  outcome?: (typeof PERSUASION_OUTCOMES)[number] | null;
  documentNo?: string;
  careRecordId?: string | null;
}

/**
 * Before 结案: what the server would refuse to close over (`refuseEarlyClose`), each reason once — the
 * police report the law asks for, the steps of the chain still waiting for someone — so that the leader
 * records them first; those only tried, in vain, which do not hold the case open but will read 未联系上;
 * those deliberately not told (不宜通知), which do not hold it open either; and the generic reminder only
 * when nothing blocks, lest it repeat the refusal.
 */
/** The steps the close form names, each in its own box: still waiting (blocks closing), only tried, deliberately not told. */
const CLOSE_NOTES = [
  ['waiting', 'warning', 'closeWaiting'],
  ['tried', 'info', 'closeTried'],
  ['withheld', 'info', 'closeWithheld'],
] as const;

function CloseNotesView({ incident: i }: { incident: Incident }) {
  const t = useT();
  const { lang } = useLang();
  const names = (targets: NotifyTarget[]) =>
    joinList(
      lang,
      targets.map((x) => t(`incidents.targets.${x}`)),
    );
  const notes = closeNotes(i);
  return (
    <>
      {notes.police && (
        <Alert
          type="error"
          showIcon
          title={t('incidentDetail.closePolice')}
          description={t('incidentDetail.closePoliceHint')}
          style={{ marginBottom: 16 }}
          data-testid="close-police"
        />
      )}
      {CLOSE_NOTES.map(([part, type, key]) =>
        notes[part].length > 0 ? (
          <Alert
            key={part}
            type={type}
            showIcon
            title={t(`incidentDetail.${key}`, { steps: names(notes[part]) })}
            description={t(`incidentDetail.${key}Hint`)}
            style={{ marginBottom: 16 }}
            data-testid={`close-${part}`}
          />
        ) : null,
      )}
      {notes.hint && (
        <Typography.Paragraph type="warning" data-testid="close-hint">
          {t('incidentDetail.closeHint')}
        </Typography.Paragraph>
      )}
    </>
  );
}

/** The children's recent care records, to link one to a follow-up: of those the reader sees now (not a child that left). */
function useChildRecords(i: Incident, enabled: boolean) {
  return useQueries({
    queries: i.children
      .filter((c) => c.visible)
      .map((c) => ({
        queryKey: incidentKeys.records(c.id),
        queryFn: () => incidentsApi.careRecords(c.id),
        enabled,
        staleTime: 0,
      })),
    combine: (results) => {
      const seen = new Set<string>();
      const items = results.flatMap((r) => r.data ?? []).filter((r) => !seen.has(r.id) && seen.add(r.id));
      return { items: items.sort((a, b) => (a.date < b.date ? 1 : -1)), loading: results.some((r) => r.isLoading) };
    },
  });
}

function ActionForm({
  incident: i,
  kinds,
  initialKind,
  onSaved,
  onCancel,
}: {
  incident: Incident;
  kinds: ActionKind[];
  initialKind: ActionKind;
  onSaved: (i: Incident, kind: ActionKind) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const { form, onFinish, submitting, formError } = useSchemaForm<typeof ActionCreate, ActionValues, Incident>({
    schema: ActionCreate,
    toPayload: (v) => ({
      kind: v.kind,
      at: toInstant(v.at),
      text: v.text?.trim() ?? '',
      ...(v.kind === 'persuasion' ? { outcome: v.outcome ?? null } : {}),
      ...(v.kind === 'written_report' && v.documentNo?.trim() ? { documentNo: v.documentNo.trim() } : {}),
      ...(v.kind === 'follow_up' && v.careRecordId ? { careRecordId: v.careRecordId } : {}),
    }),
    check: (v) => (v.kind === 'persuasion' && !v.outcome ? [{ path: 'outcome', message: t('validation.required') }] : []),
    submit: (body) => incidentsApi.act(i.id, body),
    onSuccess: (next) => onSaved(next, form.getFieldValue('kind') as ActionKind),
  });
  const kind = (Form.useWatch('kind', form) as ActionKind | undefined) ?? initialKind;
  const records = useChildRecords(i, kind === 'follow_up');
  // A care record is written for a child the reader sees (not one that left the school).
  const first = i.children.find((c) => c.visible);
  return (
    <Form<ActionValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      initialValues={{ kind: initialKind, at: dayjs(), careRecordId: null }}
      data-testid="action-form"
    >
      <FormError error={formError} />
      <Form.Item name="kind" label={t('incidentDetail.actionKind')} required>
        <Radio.Group
          optionType="button"
          options={kinds.map((k) => ({ value: k, label: t(`incidents.actionKinds.${k}`) }))}
          style={{ display: 'flex', flexWrap: 'wrap', rowGap: 8 }}
          data-testid="action-kind"
        />
      </Form.Item>
      {kind === 'close' && <CloseNotesView incident={i} />}
      <Form.Item name="at" label={t('incidentFields.at')} required>
        <MomentPicker notBefore={i.occurredAt} data-testid="action-at" />
      </Form.Item>
      {kind === 'persuasion' && (
        <Form.Item name="outcome" label={t('incidentFields.outcome')} required>
          <Radio.Group options={PERSUASION_OUTCOMES.map((o) => ({ value: o, label: t(`incidents.outcomes.${o}`) }))} data-testid="action-outcome" />
        </Form.Item>
      )}
      {kind === 'written_report' && (
        <Form.Item name="documentNo" label={t('incidentFields.documentNo')}>
          <Input maxLength={100} data-testid="action-document" />
        </Form.Item>
      )}
      <Form.Item name="text" label={kind === 'close' ? t('incidentDetail.closeText') : t('incidentFields.text')} required>
        <Input.TextArea
          autoSize={{ minRows: 3, maxRows: 10 }}
          maxLength={INCIDENT_TEXT_MAX}
          placeholder={t('incidentDetail.textPlaceholder')}
          data-testid="action-text"
        />
      </Form.Item>
      {kind === 'follow_up' && (
        <Form.Item name="careRecordId" label={t('incidentFields.careRecordId')} extra={t('incidentDetail.careRecordHint')}>
          <Select
            allowClear
            loading={records.loading}
            placeholder={t('incidentDetail.careRecordNone')}
            options={records.items.map((r) => ({
              value: r.id,
              label: `${r.date} ${t(`care.kinds.${r.kind}`)} ${joinList(
                lang,
                r.children.map((c) => c.name),
              )}${r.summary ? ` · ${r.summary.slice(0, 24)}` : ''}`,
            }))}
            data-testid="action-care-record"
          />
        </Form.Item>
      )}
      {kind === 'follow_up' && first && (
        <Button
          icon={<FileAddOutlined />}
          onClick={() => navigate(`/care-records/new?childId=${first.id}`, { state: { childName: first.name, schoolId: i.schoolId } })}
          style={{ marginBottom: 16 }}
          data-testid="action-write-care"
        >
          {t('incidentDetail.writeCareRecord')}
        </Button>
      )}
      {/* What blocks closing is said above, once; the server still refuses a close that slips through. */}
      <FormActions submitting={submitting} onCancel={onCancel} disabled={kind === 'close' && closeNotes(i).blocked} testId="action-submit" />
    </Form>
  );
}

/** 控辍保学 (未保法 §28): persuasion visits, whether the child is back, the written report to the bureau. */
export function DropoutPanel({ dropout }: { dropout: NonNullable<Incident['dropout']> }) {
  const t = useT();
  const ok = (on: boolean, yes: string, no: string) => (
    <Typography.Text type={on ? 'success' : 'warning'}>
      {on ? <CheckCircleFilled /> : <ExclamationCircleFilled />} {on ? yes : no}
    </Typography.Text>
  );
  return (
    <Card size="small" title={t('incidentDetail.dropoutTitle')} data-testid="incident-dropout">
      <Flex gap={16} wrap>
        <Typography.Text strong>{t('incidentDetail.persuasions', { count: dropout.persuasions })}</Typography.Text>
        {ok(dropout.returned, t('incidentDetail.returned'), t('incidentDetail.notReturned'))}
        {ok(dropout.writtenReport, t('incidentDetail.writtenReport'), t('incidentDetail.noWrittenReport'))}
      </Flex>
    </Card>
  );
}

function ActionEntry({ a }: { a: IncidentAction }) {
  const t = useT();
  return (
    <div data-testid="incident-action">
      <Flex gap={8} wrap align="baseline">
        <Typography.Text strong>{t(`incidents.actionKinds.${a.kind}`)}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {shanghaiTime(a.at)}
        </Typography.Text>
        {(a.authorName || a.byReporter) && <Typography.Text type="secondary">{a.authorName ?? t('incidentDetail.theReporter')}</Typography.Text>}
        {a.outcome && (
          <Tag color={a.outcome === 'returned' ? 'green' : 'orange'} style={{ marginInlineEnd: 0 }}>
            {t(`incidents.outcomes.${a.outcome}`)}
          </Tag>
        )}
      </Flex>
      <Typography.Paragraph style={{ margin: '2px 0 0', whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{a.text}</Typography.Paragraph>
      {a.documentNo && <Typography.Text type="secondary">{t('incidentDetail.documentNo', { no: a.documentNo })}</Typography.Text>}
      {a.careRecordId && (
        <Link to={`/care-records/${a.careRecordId}`} style={{ fontSize: 13 }}>
          {t('incidentDetail.careRecordOpen')}
        </Link>
      )}
    </div>
  );
}

/** 处置记录: every step of the case in time order, and the form that adds one. */
export function ActionTimeline({
  incident: i,
  adding,
  onAdd,
  onSaved,
}: {
  incident: Incident;
  /** The kind the open form starts with, or null when closed. */
  adding: ActionKind | null;
  onAdd: (kind: ActionKind | null) => void;
  onSaved: (i: Incident) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const me = useMe().data;
  const kinds = i.canEdit ? actionKindsFor(i, closesIncidents(me, i.schoolId)) : [];
  const addable = kinds.filter((k) => k !== 'close' && k !== 'reopen');
  return (
    <Card
      size="small"
      title={
        <Flex align="center" gap={8}>
          <HistoryOutlined style={{ color: '#c2410c' }} />
          {t('incidentDetail.actionsTitle')}
        </Flex>
      }
      extra={
        addable.length > 0 && (
          <Button
            type="link"
            size="small"
            icon={<PlusOutlined />}
            onClick={() => onAdd(addable[0] ?? 'action')}
            style={{ paddingInline: 0 }}
            data-testid="action-add"
          >
            {t('incidentDetail.addAction')}
          </Button>
        )
      }
      data-testid="incident-actions"
    >
      {i.actions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('incidentDetail.noActions')} />
      ) : (
        <Timeline
          style={{ marginTop: 8 }}
          items={i.actions.map((a) => ({
            key: a.id,
            color: KIND_COLOR[a.kind],
            icon: a.kind === 'close' ? <CheckCircleFilled /> : a.kind === 'note' ? <EditOutlined /> : undefined,
            content: <ActionEntry a={a} />,
          }))}
        />
      )}
      <FormDrawer
        open={!!adding}
        title={t(adding === 'close' ? 'incidentDetail.closeCase' : adding === 'reopen' ? 'incidentDetail.reopenCase' : 'incidentDetail.addActionTitle')}
        onClose={() => onAdd(null)}
      >
        {adding && (
          <ActionForm
            incident={i}
            kinds={kinds}
            initialKind={adding}
            onCancel={() => onAdd(null)}
            onSaved={(next, kind) => {
              onSaved(next);
              message.success(t(kind === 'close' ? 'incidentDetail.closed' : kind === 'reopen' ? 'incidentDetail.reopened' : 'incidentDetail.actionSaved'));
              onAdd(null);
            }}
          />
        )}
      </FormDrawer>
    </Card>
  );
}
