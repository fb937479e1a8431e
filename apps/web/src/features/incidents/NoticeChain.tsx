import {
  CheckCircleFilled,
  ClockCircleOutlined,
  DisconnectOutlined,
  ExclamationCircleFilled,
  MinusCircleOutlined,
  NotificationOutlined,
  PlusOutlined,
  SafetyOutlined,
} from '@ant-design/icons';
import type { Incident, IncidentNotice } from '@carebridge/shared';
import { App, Button, Card, Empty, Flex, Grid, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { FormModal } from '../../components/Overlay.tsx';
import { useT } from '../../i18n/lang.tsx';
import type { TKey } from '../../i18n/translate.ts';
import { shanghaiTime } from '../../lib/dates.ts';
import { RED } from './incident-format.tsx';
import { NoticeForm } from './NoticeForm.tsx';
import { lateMinutes, type StepState, stepState } from './notice-state.ts';

/**
 * The look of each state: done green, overdue red, waiting gold, not reached orange, left waiting by a
 * closed case grey, deliberately not told (不宜通知) purple — a decision, neither late nor to do.
 */
const STATE_LOOK: Record<StepState, { color: string; tag: string; label: TKey; testId: string }> = {
  done: { color: '#389e0d', tag: 'success', label: 'incidentDetail.done', testId: 'notice-done' },
  overdue: { color: RED, tag: 'error', label: 'incidentDetail.overdue', testId: 'notice-overdue' },
  pending: { color: '#d46b08', tag: 'warning', label: 'incidentDetail.pending', testId: 'notice-pending' },
  unreachable: { color: '#d46b08', tag: 'orange', label: 'incidents.reach.not_reached', testId: 'notice-unreachable' },
  not_notified: { color: '#8c8c8c', tag: 'default', label: 'incidentDetail.notNotified', testId: 'notice-not-notified' },
  withheld: { color: '#531dab', tag: 'purple', label: 'incidents.reach.withheld', testId: 'notice-withheld' },
};

const STATE_ICON: Record<StepState, ReactNode> = {
  done: <CheckCircleFilled />,
  overdue: <ExclamationCircleFilled />,
  pending: <ClockCircleOutlined />,
  unreachable: <DisconnectOutlined />,
  not_notified: <MinusCircleOutlined />,
  withheld: <SafetyOutlined />,
};

type Recorded = Pick<IncidentNotice, 'recordedByName' | 'byReporter'>;

interface NoticeDetail {
  reason?: string;
  lines: string[];
  note: string | null;
  before: string | null;
}

/**
 * What a row says under its name: when, how and whom it told (or tried, for an extra notice that reached
 * nobody); for a step still waiting, its tries and the last of them; for a step deliberately not told,
 * why (`reason`, first and in full) and when it was decided; the note to show below.
 */
function useNoticeDetail(n: IncidentNotice): NoticeDetail {
  const t = useT();
  const method = (m: IncidentNotice['method']) => (m ? t(`incidents.methods.${m}`) : '');
  const by = (x: Recorded) =>
    x.recordedByName || x.byReporter ? t('incidentDetail.recordedBy', { name: x.recordedByName ?? t('incidentDetail.theReporter') }) : '';
  const told = (name: string | null) => (name ? t('incidentDetail.told', { name }) : '');
  const last = n.attempts.at(-1);
  const before = !n.attempts.length
    ? null
    : n.attempts.length === 1
      ? t('incidentDetail.attemptsBeforeOne')
      : t('incidentDetail.attemptsBefore', { count: n.attempts.length });
  if (n.reach === 'withheld')
    return {
      reason: t('incidentDetail.withheldReason', { reason: n.note ?? '' }),
      lines: [t('incidentDetail.withheldAt', { at: shanghaiTime(n.doneAt ?? '') }), by(n)],
      note: null,
      before,
    };
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
  const { reason, lines, note, before } = useNoticeDetail(n);
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
        {/* A step not told on purpose has no deadline left to meet. */}
        {n.dueAt && state !== 'withheld' && (
          <Typography.Text type={overdue ? 'danger' : 'secondary'} style={{ display: 'block', fontVariantNumeric: 'tabular-nums' }}>
            {t('incidentDetail.dueBy', { at: shanghaiTime(n.dueAt) })}
          </Typography.Text>
        )}
        {late !== null && (
          <Typography.Text type="warning" style={{ display: 'block' }} data-testid="notice-late">
            {late < 120 ? t('incidentDetail.doneLate', { count: late }) : t('incidentDetail.doneLateHours', { count: Math.floor(late / 60) })}
          </Typography.Text>
        )}
        {reason && (
          <Typography.Text style={{ display: 'block', whiteSpace: 'pre-wrap', color: look.color }} data-testid="notice-withheld-reason">
            {reason}
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
  // Beside the title where there is room; on a phone under the chain, where it cannot cut the title.
  const wide = Grid.useBreakpoint().sm !== false;
  const extra = records && (
    <Button type="link" size="small" icon={<PlusOutlined />} onClick={() => onRecord('extra')} style={{ paddingInline: 0 }} data-testid="notice-extra">
      {t('incidentDetail.notifyExtra')}
    </Button>
  );
  return (
    <Card
      size="small"
      title={
        <Flex align="center" gap={8}>
          <NotificationOutlined style={{ color: '#c2410c' }} />
          {t('incidentDetail.chainTitle')}
        </Flex>
      }
      extra={wide && extra}
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
      {!wide && extra && <div style={{ marginTop: 8 }}>{extra}</div>}
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
