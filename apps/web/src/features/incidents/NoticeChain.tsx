import {
  CheckCircleFilled,
  ClockCircleOutlined,
  DisconnectOutlined,
  ExclamationCircleFilled,
  MinusCircleOutlined,
  NotificationOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import {
  type Incident,
  type IncidentNotice,
  NOTICE_REACH,
  NOTIFY_METHODS,
  NOTIFY_TARGETS,
  NoticeCreate,
  type NoticeReach,
  type NotifyTarget,
} from '@carebridge/shared';
import { App, Button, Card, Empty, Flex, Form, Input, Radio, Select, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { FormActions } from '../../components/FormActions.tsx';
import { FormError } from '../../components/FormError.tsx';
import { FormModal } from '../../components/Overlay.tsx';
import { useSchemaForm } from '../../forms/schema-form.ts';
import { useT } from '../../i18n/lang.tsx';
import type { TKey } from '../../i18n/translate.ts';
import { shanghaiTime } from '../../lib/dates.ts';
import { MomentPicker, RED, toInstant } from './incident-format.tsx';
import { incidentsApi } from './incidents.api.ts';
import { lateMinutes, type StepState, stepState } from './notice-state.ts';

interface NoticeValues {
  target: NotifyTarget;
  method: (typeof NOTIFY_METHODS)[number];
  reach: NoticeReach;
  notifiedAt: Dayjs;
  contactName?: string;
  note?: string;
}

const text = (v: string | undefined) => (v?.trim() ? v.trim() : null);

/**
 * Who was told, how, when: a step of the chain (its target fixed) or an extra notification (any target);
 * or tried without reaching anyone (未联系上): the step then still waits, and the note says what was tried.
 */
function NoticeForm({
  incident,
  step,
  onSaved,
  onCancel,
}: {
  incident: Incident;
  step: IncidentNotice | null;
  onSaved: (i: Incident) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const { form, onFinish, submitting, formError } = useSchemaForm<typeof NoticeCreate, NoticeValues, Incident>({
    schema: NoticeCreate,
    toPayload: (v) => ({
      ...(step ? { stepId: step.id } : {}),
      target: step?.target ?? v.target,
      method: v.method,
      reach: v.reach,
      notifiedAt: toInstant(v.notifiedAt),
      contactName: text(v.contactName),
      note: text(v.note),
    }),
    submit: (body) => incidentsApi.notify(incident.id, body),
    onSuccess: onSaved,
  });
  const notReached = Form.useWatch('reach', form) === 'not_reached';
  return (
    <Form<NoticeValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      initialValues={{ target: step?.target ?? 'other', method: 'phone', reach: 'reached', notifiedAt: dayjs() }}
      data-testid="notice-form"
    >
      <FormError error={formError} />
      {!step && (
        <Form.Item name="target" label={t('incidentFields.target')} required>
          <Select options={NOTIFY_TARGETS.map((x) => ({ value: x, label: t(`incidents.targets.${x}`) }))} data-testid="notice-target" />
        </Form.Item>
      )}
      <Form.Item name="method" label={t('incidentFields.method')} required>
        <Radio.Group options={NOTIFY_METHODS.map((m) => ({ value: m, label: t(`incidents.methods.${m}`) }))} data-testid="notice-method" />
      </Form.Item>
      <Form.Item name="reach" label={t('incidentFields.reach')} required>
        <Radio.Group optionType="button" options={NOTICE_REACH.map((r) => ({ value: r, label: t(`incidents.reach.${r}`) }))} data-testid="notice-reach" />
      </Form.Item>
      <Form.Item name="notifiedAt" label={t('incidentFields.notifiedAt')} required>
        <MomentPicker data-testid="notice-at" />
      </Form.Item>
      <Form.Item name="contactName" label={t('incidentFields.contactName')}>
        <Input maxLength={100} placeholder={t('incidentDetail.contactPlaceholder')} data-testid="notice-contact" />
      </Form.Item>
      <Form.Item name="note" label={t('incidentFields.note')} extra={notReached ? t('incidentDetail.notReachedHint') : undefined}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} data-testid="notice-note" />
      </Form.Item>
      <FormActions submitting={submitting} onCancel={onCancel} testId="notice-submit" />
    </Form>
  );
}

/** The look of each state: done green, overdue red, waiting gold, not reached orange, left waiting by a closed case grey. */
const STATE_LOOK: Record<StepState, { color: string; tag: string; label: TKey; testId: string }> = {
  done: { color: '#389e0d', tag: 'success', label: 'incidentDetail.done', testId: 'notice-done' },
  overdue: { color: RED, tag: 'error', label: 'incidentDetail.overdue', testId: 'notice-overdue' },
  pending: { color: '#d46b08', tag: 'warning', label: 'incidentDetail.pending', testId: 'notice-pending' },
  unreachable: { color: '#d46b08', tag: 'orange', label: 'incidents.reach.not_reached', testId: 'notice-unreachable' },
  not_notified: { color: '#8c8c8c', tag: 'default', label: 'incidentDetail.notNotified', testId: 'notice-not-notified' },
};

const STATE_ICON: Record<StepState, ReactNode> = {
  done: <CheckCircleFilled />,
  overdue: <ExclamationCircleFilled />,
  pending: <ClockCircleOutlined />,
  unreachable: <DisconnectOutlined />,
  not_notified: <MinusCircleOutlined />,
};

type Recorded = Pick<IncidentNotice, 'recordedByName' | 'byReporter'>;

/**
 * What a row says under its name: when, how and whom it told (or tried, for an extra notice that reached
 * nobody); for a step still waiting, its tries and the last of them; the note to show below.
 */
function useNoticeDetail(n: IncidentNotice) {
  const t = useT();
  const method = (m: IncidentNotice['method']) => (m ? t(`incidents.methods.${m}`) : '');
  const by = (x: Recorded) =>
    x.recordedByName || x.byReporter ? t('incidentDetail.recordedBy', { name: x.recordedByName ?? t('incidentDetail.theReporter') }) : '';
  const told = (name: string | null) => (name ? t('incidentDetail.told', { name }) : '');
  const last = n.attempts.at(-1);
  if (n.reach === 'not_reached')
    return {
      lines: [t('incidentDetail.triedAt', { at: shanghaiTime(n.doneAt ?? ''), method: method(n.method) }), told(n.contactName), by(n)],
      note: n.note,
      before: null,
    };
  if (!n.doneAt)
    return last
      ? {
          lines: [
            n.attempts.length === 1 ? t('incidentDetail.attemptsOne') : t('incidentDetail.attempts', { count: n.attempts.length }),
            t('incidentDetail.lastAttempt', { at: shanghaiTime(last.at), method: method(last.method) }),
            told(last.contactName),
            by(last),
          ],
          note: last.note,
          before: null,
        }
      : { lines: [], note: n.note, before: null };
  const before = !n.attempts.length
    ? null
    : n.attempts.length === 1
      ? t('incidentDetail.attemptsBeforeOne')
      : t('incidentDetail.attemptsBefore', { count: n.attempts.length });
  // A leader who opened the case has been told by the app: who and when says it all.
  if (n.method === 'app') return { lines: [t('incidentDetail.openedInApp', { at: shanghaiTime(n.doneAt), name: n.contactName ?? '' })], note: n.note, before };
  return { lines: [t('incidentDetail.doneAt', { at: shanghaiTime(n.doneAt), method: method(n.method) }), told(n.contactName), by(n)], note: n.note, before };
}

function NoticeRow({ n, status, canEdit, onRecord }: { n: IncidentNotice; status: Incident['status']; canEdit: boolean; onRecord: () => void }) {
  const t = useT();
  // A step waits until someone is reached; an extra notice that reached nobody has nothing to record.
  const waits = !n.doneAt;
  const state = stepState(n, status);
  const look = STATE_LOOK[state];
  const overdue = state === 'overdue';
  const late = lateMinutes(n);
  const { lines, note, before } = useNoticeDetail(n);
  const detail = lines.filter(Boolean);
  return (
    <div
      style={{ padding: '10px 12px', borderRadius: 8, border: `1px solid ${overdue ? '#ffa39e' : '#f0f0f0'}`, background: overdue ? '#fff1f0' : undefined }}
      data-testid={look.testId}
    >
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Flex align="center" gap={8} style={{ minWidth: 0 }}>
          <span style={{ color: look.color, fontSize: 16 }}>{STATE_ICON[state]}</span>
          <Typography.Text strong>{t(`incidents.targets.${n.target}`)}</Typography.Text>
          <Tag color={look.tag} style={{ marginInlineEnd: 0 }}>
            {t(look.label)}
          </Tag>
        </Flex>
        {waits && canEdit && (
          <Button size="small" type={overdue ? 'primary' : 'default'} danger={overdue} onClick={onRecord} data-testid="notice-record">
            {t('incidentDetail.notify')}
          </Button>
        )}
      </Flex>
      <div style={{ marginTop: 4, paddingInlineStart: 24, fontSize: 13 }}>
        {n.dueAt && (
          <Typography.Text type={overdue ? 'danger' : 'secondary'} style={{ display: 'block', fontVariantNumeric: 'tabular-nums' }}>
            {t('incidentDetail.dueBy', { at: shanghaiTime(n.dueAt) })}
          </Typography.Text>
        )}
        {late !== null && (
          <Typography.Text type="warning" style={{ display: 'block' }} data-testid="notice-late">
            {late < 120 ? t('incidentDetail.doneLate', { count: late }) : t('incidentDetail.doneLateHours', { count: Math.floor(late / 60) })}
          </Typography.Text>
        )}
        {detail.length > 0 && (
          <Typography.Text style={{ display: 'block' }} data-testid="notice-detail">
            {detail.join(' · ')}
          </Typography.Text>
        )}
        {note && (
          <Typography.Text type="secondary" style={{ display: 'block', whiteSpace: 'pre-wrap' }}>
            {note}
          </Typography.Text>
        )}
        {before && (
          <Typography.Text type="secondary" style={{ display: 'block' }} data-testid="notice-attempts-before">
            {before}
          </Typography.Text>
        )}
      </div>
    </div>
  );
}

/**
 * 通知流程: each step of the chain with its deadline (Beijing time), done or the button that records it
 * (while the case is open), with the tries that reached nobody; extra notifications after. Telling, as
 * an extra, whom a step still waits for completes that step (the server's doing), so each shows once.
 */
export function NoticeChain({
  incident: i,
  recording,
  onRecord,
  onSaved,
  records,
}: {
  incident: Incident;
  /** Whether the reader may record notifications here (`incidentButtons(…).notify`: not on a closed case). */
  records: boolean;
  /** The open form: a step, `'extra'`, or null. */
  recording: IncidentNotice | 'extra' | null;
  onRecord: (step: IncidentNotice | 'extra' | null) => void;
  onSaved: (i: Incident) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const step = recording && recording !== 'extra' ? recording : null;
  return (
    <Card
      size="small"
      title={
        <Flex align="center" gap={8}>
          <NotificationOutlined style={{ color: '#c2410c' }} />
          {t('incidentDetail.chainTitle')}
        </Flex>
      }
      extra={
        records && (
          <Button type="link" size="small" icon={<PlusOutlined />} onClick={() => onRecord('extra')} style={{ paddingInline: 0 }} data-testid="notice-extra">
            {t('incidentDetail.notifyExtra')}
          </Button>
        )
      }
      data-testid="incident-chain"
    >
      {i.notifications.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('incidentDetail.noChain')} />
      ) : (
        <Flex vertical gap={8}>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('incidentDetail.chainHint')}
          </Typography.Text>
          {i.notifications.map((n) => (
            <NoticeRow key={n.id} n={n} status={i.status} canEdit={records} onRecord={() => onRecord(n)} />
          ))}
        </Flex>
      )}
      <FormModal
        open={!!recording}
        title={step ? t('incidentDetail.notifyTitle', { target: t(`incidents.targets.${step.target}`) }) : t('incidentDetail.notifyExtraTitle')}
        onClose={() => onRecord(null)}
      >
        <NoticeForm
          incident={i}
          step={step}
          onCancel={() => onRecord(null)}
          onSaved={(next) => {
            onSaved(next);
            message.success(t('incidentDetail.notifySaved'));
            onRecord(null);
          }}
        />
      </FormModal>
    </Card>
  );
}
