import '../../i18n/incidents.ts';
import {
  AlertOutlined,
  AuditOutlined,
  CarOutlined,
  ClockCircleOutlined,
  ExclamationCircleOutlined,
  EyeInvisibleOutlined,
  FrownOutlined,
  HomeOutlined,
  LockOutlined,
  MedicineBoxOutlined,
  QuestionCircleOutlined,
  StopOutlined,
  UserDeleteOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { IncidentKind, IncidentSummary, Severity } from '@carebridge/shared';
import { DatePicker, type DatePickerProps, Flex, Grid, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { KeyboardEvent, ReactNode } from 'react';
import { Link } from 'react-router';
import { enterStaysInField } from '../../components/enter-key.ts';
import { useT } from '../../i18n/lang.tsx';
import { shanghaiTime } from '../../lib/dates.ts';
import { momentLimits } from './moment-limits.ts';

export const RED = '#cf1322';
const tight = { marginInlineEnd: 0 };

/** An icon per kind, the same on every page (kind buttons, tags). */
export const KIND_ICON: Record<IncidentKind, ReactNode> = {
  injury: <MedicineBoxOutlined />,
  illness: <ExclamationCircleOutlined />,
  missing: <QuestionCircleOutlined />,
  bullying: <FrownOutlined />,
  abuse_neglect: <WarningOutlined />,
  self_harm: <AlertOutlined />,
  unsupervised: <HomeOutlined />,
  dropout: <UserDeleteOutlined />,
  other: <EyeInvisibleOutlined />,
};

/** minor grey, moderate orange, serious red, critical magenta. */
export const SEVERITY_COLOR: Record<Severity, string | undefined> = { minor: undefined, moderate: 'orange', serious: 'red', critical: 'magenta' };

/** A restricted summary carries only the day ("2026-11-20"); everyone else the instant, shown in Beijing time. */
export const occurredText = (at: string) => (/^\d{4}-\d{2}-\d{2}$/.test(at) ? at : shanghaiTime(at));

/** Needs attention: a police report the law requires is missing, or a notification is overdue. */
export const needsAttention = (i: IncidentSummary) => i.status === 'open' && ((!!i.mandatory && !i.policeReported) || (i.overdueNotifications ?? 0) > 0);

export function KindTag({ kind }: { kind: IncidentKind }) {
  const t = useT();
  return (
    <Tag icon={KIND_ICON[kind]} color="blue" style={tight} data-testid="incident-kind-tag">
      {t(`incidents.kinds.${kind}`)}
    </Tag>
  );
}

export function SeverityTag({ severity }: { severity: Severity }) {
  const t = useT();
  return (
    <Tag color={SEVERITY_COLOR[severity]} style={tight} data-testid="incident-severity-tag">
      {t(`incidents.severities.${severity}`)}
    </Tag>
  );
}

export function StatusTag({ status }: { status: 'open' | 'closed' }) {
  const t = useT();
  return (
    <Tag color={status === 'open' ? 'processing' : 'success'} icon={status === 'open' ? <ClockCircleOutlined /> : undefined} style={tight}>
      {t(`incidents.status.${status}`)}
    </Tag>
  );
}

/** The red flags of a case: "须报警·未登记" and "通知逾期 N". */
export function AttentionTags({ incident: i }: { incident: IncidentSummary }) {
  const t = useT();
  if (i.restricted || i.status !== 'open') return null;
  const police = !!i.mandatory && !i.policeReported;
  const overdue = i.overdueNotifications ?? 0;
  if (!police && !overdue) return null;
  return (
    <>
      {police && (
        <Tag color="red" icon={<CarOutlined />} style={tight} data-testid="incident-police-missing">
          {t('incidentList.policeMissing')}
        </Tag>
      )}
      {overdue > 0 && (
        <Tag color="red" icon={<StopOutlined />} style={tight} data-testid="incident-overdue">
          {t('incidentList.overdue', { count: overdue })}
        </Tag>
      )}
    </>
  );
}

/** Reported to the bureau: "待教育局签收" until it acknowledges, then "教育局已签收". */
export function AcknowledgementTag({ incident: i }: { incident: IncidentSummary }) {
  const t = useT();
  if (i.restricted || !i.reportedToBureau) return null;
  return i.acknowledgement ? (
    <Tag color="green" icon={<AuditOutlined />} style={tight} data-testid="incident-acknowledged">
      {t('incidentList.acknowledged')}
    </Tag>
  ) : (
    <Tag color="gold" icon={<AuditOutlined />} style={tight} data-testid="incident-awaiting-acknowledgement">
      {t('incidentList.awaitingAcknowledgement')}
    </Tag>
  );
}

/**
 * The children of an incident: as links to the archives the caller may open; a child the caller no
 * longer sees, named to those who keep the case as the case named it, with its class then, is not a
 * link. Those who read the case see 已转学 by a child that left its school (a restricted reader, the
 * child's new school, sees its own pupil as before).
 */
export function ChildLinks({ incident: i, link = true }: { incident: IncidentSummary; link?: boolean }) {
  const t = useT();
  return (
    <Flex gap={8} wrap align="center" style={{ minWidth: 0 }}>
      {i.children.map((c) => (
        <Flex key={c.id} gap={4} align="center" data-testid="incident-child">
          {link && c.visible ? (
            <Link to={`/children/${c.id}`} onClick={(e) => e.stopPropagation()} style={{ fontWeight: 600 }}>
              {c.name}
            </Link>
          ) : (
            <Typography.Text strong>{c.name}</Typography.Text>
          )}
          {!c.visible && c.className && <Typography.Text type="secondary">{c.className}</Typography.Text>}
          {c.transferred && !i.restricted && (
            <Tag style={tight} data-testid="incident-child-transferred">
              {t('incidentList.transferred')}
            </Tag>
          )}
        </Flex>
      ))}
    </Flex>
  );
}

/** For callers who may only know that an incident exists. */
export function RestrictedNote({ short }: { short?: boolean }) {
  const t = useT();
  return (
    <Typography.Text type="secondary" data-testid="incident-restricted">
      <LockOutlined /> {t(short ? 'incidentList.restrictedShort' : 'incidentList.restricted')}
    </Typography.Text>
  );
}

/**
 * A moment (date and minute) up to now, as a Form.Item control; on phones the calendar opens without
 * the keyboard. Enter takes the moment typed (the picker confirms it) without sending the form, as in
 * `DateInput` and `TimeInput`: typing when it happened and Enter must not send a report whose
 * description is still to come (the incident report, and the notice, action and police forms).
 */
export function MomentPicker({ notBefore, ...props }: DatePickerProps & { notBefore?: string | undefined }) {
  const touch = Grid.useBreakpoint().md === false;
  const { onKeyDown, ...rest } = props;
  // Moments after now, and before the incident (`notBefore`: what was done about it, whom it was told) cannot be picked.
  const limits = momentLimits(dayjs(), notBefore ? dayjs(notBefore) : null);
  // On a phone its popup lays the hours under the calendar (index.html's `.cb-moment-popup` rules).
  return (
    <DatePicker
      showTime={{ format: 'HH:mm' }}
      format="YYYY-MM-DD HH:mm"
      allowClear={false}
      inputReadOnly={touch}
      disabledDate={limits.disabledDate}
      disabledTime={limits.disabledTime}
      classNames={{ popup: { root: 'cb-moment-popup' } }}
      style={{ width: '100%' }}
      {...rest}
      onKeyDown={enterStaysInField<KeyboardEvent<HTMLElement>, [preventDefault: () => void]>(undefined, onKeyDown)}
    />
  );
}

/** A picked moment as the API wants it (`Date.toISOString()`). */
export const toInstant = (d: Dayjs | null | undefined) => (d ? d.toDate().toISOString() : undefined);
