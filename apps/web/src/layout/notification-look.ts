import {
  AlertOutlined,
  AuditOutlined,
  CheckCircleOutlined,
  ClockCircleOutlined,
  FlagOutlined,
  MessageOutlined,
  SendOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { ComponentType } from 'react';

/** How a notification shows in the bell's list: its icon and the icon's colour. */
export interface NotificationLook {
  Icon: ComponentType;
  color: string;
}

/** Due items and incident deadlines: the clock. */
const DEADLINE: NotificationLook = { Icon: ClockCircleOutlined, color: '#d46b08' };

/**
 * By the notification's kind (the server's `notifications.kind`): a rising risk level, the leaders'
 * alarms about a case (a new report, a police report the law asks for), a case reported to the bureau
 * awaiting its 签收 and the bureau's 签收 have their own icon, the last two in the colours of the
 * case's 待教育局签收 / 教育局已签收 tags, the roster's submission steps theirs, and a care record's
 * follow-up falling due the flag of the workbench's 我的待跟进 card; everything else — incident rows stored before the alarms had
 * a kind of their own among them — is a deadline.
 */
const LOOKS: Record<string, NotificationLook> = {
  risk: { Icon: AlertOutlined, color: '#cf1322' },
  incident_urgent: { Icon: WarningOutlined, color: '#a8071a' },
  incident_to_bureau: { Icon: AuditOutlined, color: '#d48806' },
  incident_acknowledged: { Icon: CheckCircleOutlined, color: '#389e0d' },
  // The bureau's later instructions (批示) and the school's replies: the case's conversation with the bureau.
  incident_instruction: { Icon: AuditOutlined, color: '#1677ff' },
  incident_reply: { Icon: MessageOutlined, color: '#1677ff' },
  // A roster submitted, returned or approved (submission-notify.ts on the server).
  roster: { Icon: SendOutlined, color: '#1677ff' },
  // A care record's follow-up date has come (care-records/follow-ups.ts on the server): the flag and
  // colour of the workbench's follow-up card (FollowUpsPanel), not the deadline clock.
  follow_up: { Icon: FlagOutlined, color: '#c2410c' },
};

export function notificationLook(kind: string): NotificationLook {
  return LOOKS[kind] ?? DEADLINE;
}
