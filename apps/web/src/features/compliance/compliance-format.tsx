import '../../i18n/compliance.ts';
import { Progress, Tag, Tooltip, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { useT } from '../../i18n/lang.tsx';
import type { TFunction } from '../../i18n/translate.ts';
import { daysBetween } from '../../lib/dates.ts';
import type { DueItem, DueStatus, Risk } from './compliance.api.ts';
import { ORANGE, RED, rateColor, rateNote, rateText } from './rates.ts';

export { BLUE, GREEN, ORANGE, RED, rateColor, rateNote, rateText, shownRate } from './rates.ts';

/**
 * A completion rate as a bar in its colour (an empty grey bar when nothing was judged yet); with items
 * still in progress (`due`) it is not shown as good or finished (rateColor), and says on hover how many
 * are in progress and how many were done early (outside the rate until their window ends).
 */
export function RateBar({
  rate,
  due = 0,
  doneEarly = 0,
  style,
}: {
  rate: number | null | undefined;
  due?: number | undefined;
  doneEarly?: number | undefined;
  style?: CSSProperties;
}) {
  const t = useT();
  const percent = rate === null || rate === undefined ? 0 : Math.round(rate * 1000) / 10;
  const color = rateColor(rate, due);
  const bar = (
    <Progress
      percent={percent}
      size="small"
      // Not antd's own "success" at 100 % while items are still in progress.
      status={due > 0 ? 'normal' : undefined}
      strokeColor={color}
      format={() => <span style={{ color, fontVariantNumeric: 'tabular-nums' }}>{rateText(rate)}</span>}
      style={{ margin: 0, minWidth: 110, ...style }}
    />
  );
  const note = rateNote(t, { rate: rate ?? null, note: null, due, doneEarly });
  return note ? <Tooltip title={note}>{bar}</Tooltip> : bar;
}

const STATUS_COLOR: Record<DueStatus, string> = { done: 'success', due: 'processing', overdue: 'error', upcoming: 'default', excused: 'purple' };

/** A drill-down drawer's title: the row's name (a rule's sentence wraps) over the period's dates. */
export function DrawerTitle({ name, from, to, testId }: { name: string; from: string | undefined; to: string | undefined; testId?: string }) {
  const t = useT();
  return (
    <div style={{ minWidth: 0 }}>
      <div style={{ whiteSpace: 'normal', lineHeight: 1.4 }} data-testid={testId}>
        {name}
      </div>
      {from && to && (
        <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
          {t('compliance.range', { from, to })}
        </Typography.Text>
      )}
    </div>
  );
}

export function StatusTag({ status }: { status: DueStatus }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLOR[status]} style={{ marginInlineEnd: 0 }}>
      {t(`policy.status.${status}`)}
    </Tag>
  );
}

const RISK_COLOR: Record<Risk['level'], string> = { high: 'red', medium: 'orange', low: 'green' };

export function RiskTag({ level, style }: { level: Risk['level']; style?: CSSProperties }) {
  const t = useT();
  return (
    <Tag color={RISK_COLOR[level]} style={{ marginInlineEnd: 0, ...style }} data-testid="risk-level">
      {t('risk.level', { level: t(`policy.risk.${level}`) })}
    </Tag>
  );
}

/** "09-01 至 09-30" within the current year, with the year otherwise. */
export function windowText(t: TFunction, item: Pick<DueItem, 'windowStart' | 'windowEnd'>, today: string): string {
  const short = (d: string) => (d.slice(0, 4) === today.slice(0, 4) ? d.slice(5) : d);
  if (item.windowStart === item.windowEnd) return short(item.windowEnd);
  return t('due.window', { start: short(item.windowStart), end: short(item.windowEnd) });
}

/** "逾期 12 天" / "今天截止" / "还剩 3 天" / "5 天后开始", and its colour. */
export function deadlineText(t: TFunction, item: DueItem, today: string): { text: string; color?: string } {
  if (item.status === 'overdue') {
    const days = daysBetween(item.windowEnd, today);
    return { text: days === 1 ? t('due.overdueByOne') : t('due.overdueBy', { days }), color: RED };
  }
  if (item.status === 'upcoming') {
    const days = daysBetween(today, item.windowStart);
    return { text: days === 1 ? t('due.startsInOne') : t('due.startsIn', { days }) };
  }
  if (item.status !== 'due') return { text: '' };
  const left = daysBetween(today, item.windowEnd);
  if (left <= 0) return { text: t('due.dueToday'), color: ORANGE };
  return { text: left === 1 ? t('due.daysLeftOne') : t('due.daysLeft', { days: left }), color: left <= 3 ? ORANGE : undefined };
}

/**
 * The record form prefilled to satisfy an item: its child and first kind; for an overdue item a date
 * inside the window (its last day), since only records dated in the window count.
 */
export function logLink(item: DueItem, today: string): { to: string; state: { childName: string; schoolId: string } } {
  // An activity rule is kept by attending one: open the school's activities of that kind.
  const activity = item.kinds.find((k) => k.startsWith('activity.'));
  if (activity)
    return { to: `/activities?${new URLSearchParams({ kind: activity.slice(9) }).toString()}`, state: { childName: item.childName, schoolId: item.schoolId } };
  const params = new URLSearchParams({ childId: item.childId });
  if (item.kinds[0]) params.set('kind', item.kinds[0]);
  if (item.status === 'overdue') params.set('date', item.windowEnd < today ? item.windowEnd : today);
  params.set('window', `${item.windowStart}..${item.windowEnd}`);
  return { to: `/care-records/new?${params.toString()}`, state: { childName: item.childName, schoolId: item.schoolId } };
}

/** Today plus n days (YYYY-MM-DD). */
export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The last day of the month of `date`. */
export function monthEnd(date: string): string {
  const d = new Date(`${date.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1, 0);
  return d.toISOString().slice(0, 10);
}
