import '../../i18n/activities.ts';
import {
  AppstoreOutlined,
  BookOutlined,
  CheckCircleOutlined,
  ClockCircleOutlined,
  CommentOutlined,
  CompassOutlined,
  EditOutlined,
  FlagOutlined,
  GiftOutlined,
  HomeOutlined,
  ReadOutlined,
  SafetyOutlined,
  ScheduleOutlined,
  SmileOutlined,
  StopOutlined,
  TeamOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import {
  ACTIVITY_KINDS,
  ACTIVITY_STATUSES,
  type ActivityKind,
  type ActivitySummary,
  MEETING_KINDS,
  type MeResponse,
  type SafetyTopic,
} from '@carebridge/shared';
import { Flex, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/lang.tsx';

export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** Colour and icon of each kind, the same on every page (tags, the kind select). */
export const KIND_META: Record<ActivityKind, { color: string; icon: ReactNode }> = {
  discussion: { color: 'volcano', icon: <CommentOutlined /> },
  class_meeting: { color: 'blue', icon: <TeamOutlined /> },
  guardian_meeting: { color: 'green', icon: <HomeOutlined /> },
  work_meeting: { color: 'geekblue', icon: <ScheduleOutlined /> },
  flag_speech: { color: 'red', icon: <FlagOutlined /> },
  safety_education: { color: 'orange', icon: <SafetyOutlined /> },
  reading: { color: 'cyan', icon: <ReadOutlined /> },
  essay_contest: { color: 'purple', icon: <EditOutlined /> },
  club: { color: 'magenta', icon: <SmileOutlined /> },
  tutoring_group: { color: 'lime', icon: <BookOutlined /> },
  social_practice: { color: 'gold', icon: <CompassOutlined /> },
  sports_day: { color: 'green', icon: <TrophyOutlined /> },
  childrens_day: { color: 'pink', icon: <GiftOutlined /> },
  other: { color: 'default', icon: <AppstoreOutlined /> },
};

/** The kinds in groups for the selects: meetings first (the most frequent), then education, reading, other activities. */
export const KIND_GROUPS: { key: 'meetings' | 'education' | 'reading' | 'activities' | 'other'; kinds: ActivityKind[] }[] = [
  { key: 'meetings', kinds: [...MEETING_KINDS] },
  { key: 'education', kinds: ['safety_education', 'flag_speech'] },
  { key: 'reading', kinds: ['reading', 'essay_contest'] },
  { key: 'activities', kinds: ['club', 'tutoring_group', 'social_practice', 'sports_day', 'childrens_day'] },
  { key: 'other', kinds: ['other'] },
];

export const isActivityKind = (v: unknown): v is ActivityKind => typeof v === 'string' && (ACTIVITY_KINDS as readonly string[]).includes(v);
export const isActivityStatus = (v: unknown): v is ActivityStatus => typeof v === 'string' && (ACTIVITY_STATUSES as readonly string[]).includes(v);

/** The kind options of a Select, grouped, each with its icon. */
export function useKindOptions() {
  const t = useT();
  return KIND_GROUPS.map((g) => ({
    label: t(`activityKindGroups.${g.key}`),
    title: t(`activityKindGroups.${g.key}`),
    options: g.kinds.map((k) => ({
      value: k,
      label: (
        <span>
          <span style={{ marginInlineEnd: 6 }}>{KIND_META[k].icon}</span>
          {t(`activities.kinds.${k}`)}
        </span>
      ),
    })),
  }));
}

/** "书法社展示" for an activity of the school's own kind, else the kind's label. */
export function useKindLabel() {
  const t = useT();
  return (a: Pick<ActivitySummary, 'kind' | 'customKind'>) => (a.kind === 'other' && a.customKind ? a.customKind : t(`activities.kinds.${a.kind}`));
}

const tight = { marginInlineEnd: 0 };

export function KindTag({ activity }: { activity: Pick<ActivitySummary, 'kind' | 'customKind'> }) {
  const label = useKindLabel();
  const meta = KIND_META[activity.kind];
  return (
    <Tag color={meta.color} icon={meta.icon} style={tight} data-testid="activity-kind-tag">
      {label(activity)}
    </Tag>
  );
}

const STATUS_META: Record<ActivityStatus, { color: string; icon: ReactNode }> = {
  planned: { color: 'blue', icon: <ClockCircleOutlined /> },
  done: { color: 'green', icon: <CheckCircleOutlined /> },
  cancelled: { color: 'default', icon: <StopOutlined /> },
};

export function StatusTag({ status }: { status: ActivityStatus }) {
  const t = useT();
  return (
    <Tag color={STATUS_META[status].color} icon={STATUS_META[status].icon} style={tight} data-testid="activity-status">
      {t(`activities.statuses.${status}`)}
    </Tag>
  );
}

export function TopicTags({ topics, max }: { topics: readonly SafetyTopic[]; max?: number }) {
  const t = useT();
  if (!topics.length) return null;
  const shown = max && topics.length > max ? topics.slice(0, max) : topics;
  return (
    <Flex gap={4} wrap>
      {shown.map((topic) => (
        <Tag key={topic} color="orange" variant="outlined" style={tight}>
          {t(`activities.topics.${topic}`)}
        </Tag>
      ))}
      {shown.length < topics.length && <Tag style={tight}>+{topics.length - shown.length}</Tag>}
    </Flex>
  );
}

/** "15:00–16:00", "15:00" or "". */
export function timeText(a: { startTime: string | null; endTime?: string | null }): string {
  if (!a.startTime) return '';
  return a.endTime ? `${a.startTime}–${a.endTime}` : a.startTime;
}

/** The three priorities' labels (shared dictionary activities.priority.0|1|2) and their colours. */
export const PRIORITY = [
  { key: 'activities.priority.0', color: 'red' },
  { key: 'activities.priority.1', color: 'orange' },
  { key: 'activities.priority.2', color: 'default' },
] as const;

// ---- Who may do what (a hint for the buttons, mirroring activity.policy.ts; the server decides) ----

const schoolRole = (me: MeResponse | undefined, roles: readonly string[], schoolId: string) =>
  !!me?.roles.some((r) => roles.includes(r.role) && r.scopeId === schoolId);
const isAdmin = (me: MeResponse | undefined) => !!me?.roles.some((r) => r.role === 'system_admin');

/** The classes a class teacher runs: their ids, their scope names ("<school> 一年级1班") and schools. */
export function ownClasses(me: MeResponse | undefined): { id: string; name: string; schoolId: string | null }[] {
  return (me?.roles ?? [])
    .filter((r) => r.role === 'class_teacher' && r.scopeId)
    .map((r) => ({ id: r.scopeId as string, name: r.scopeName ?? '', schoolId: r.schoolId }));
}

/** Whether a sheet line's class (its plain name, "一年级1班") is one of the class teacher's own. */
export function ownClassMatcher(me: MeResponse | undefined): (className: string | null) => boolean {
  const names = ownClasses(me).map((k) => k.name);
  return (className) => !!className && names.some((n) => n === className || n.endsWith(` ${className}`));
}

/** Leaders, the moral-education office and counsellors organise any activity of their school; class teachers one for their class. */
export function organisesAt(me: MeResponse | undefined, schoolId: string): boolean {
  return isAdmin(me) || schoolRole(me, ['school_leader', 'moral_education', 'counsellor'], schoolId);
}

/** Whether the user can plan some activity at all (the "新建活动" button). */
export function plansActivities(me: MeResponse | undefined): boolean {
  return isAdmin(me) || !!me?.roles.some((r) => ['school_leader', 'moral_education', 'counsellor', 'class_teacher'].includes(r.role));
}

/** 'all' for the activity's editors, 'own_classes' for a class teacher of the school, else 'none'. */
export function marksAttendance(me: MeResponse | undefined, a: { canEdit: boolean; schoolId: string }): 'all' | 'own_classes' | 'none' {
  if (a.canEdit) return 'all';
  return me?.roles.some((r) => r.role === 'class_teacher' && r.schoolId === a.schoolId) ? 'own_classes' : 'none';
}

/** Leaders and the moral-education office keep the safety plan and the responsibilities of their school. */
export function leadsSafety(me: MeResponse | undefined, schoolId: string | undefined): boolean {
  return !!schoolId && (isAdmin(me) || schoolRole(me, ['school_leader', 'moral_education'], schoolId));
}
