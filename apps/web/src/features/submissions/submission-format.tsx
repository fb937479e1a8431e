import '../../i18n/reports.ts';
import { Tag } from 'antd';
import { useT } from '../../i18n/lang.tsx';
import { shanghaiTime } from '../../lib/dates.ts';

export type SubmissionState = 'none' | 'draft' | 'submitted' | 'returned' | 'approved';

const COLOR: Record<SubmissionState, string> = { none: 'default', draft: 'default', submitted: 'processing', returned: 'error', approved: 'success' };

/** "未报送 / 已报送 / 已退回 / 已通过" (a draft is still unsent), with the day it was sent when given; the same on both sides. */
export function SubmissionTag({ status, at, testId }: { status: SubmissionState; at?: string | null | undefined; testId?: string }) {
  const t = useT();
  return (
    <Tag color={COLOR[status]} style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }} data-testid={testId}>
      {t(`submissions.status.${status}`)}
      {at ? ` ${shanghaiTime(at).slice(0, 10)}` : ''}
    </Tag>
  );
}

/** "张立新 2026-11-20 09:30", or "—". */
export function byAt(by: string | null | undefined, at: string | null | undefined): string {
  if (!by && !at) return '—';
  return [by, at ? shanghaiTime(at) : null].filter(Boolean).join(' ');
}
