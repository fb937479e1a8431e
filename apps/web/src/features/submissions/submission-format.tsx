import '../../i18n/reports.ts';
import { Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
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

/**
 * `byAt` for a narrow table column: the name over the day, each cut to the cell, the whole in a tooltip.
 * A function, not a component, so that a phone's block sees its bare "—" and leaves the line out.
 */
export function byAtCell(by: string | null | undefined, at: string | null | undefined): ReactNode {
  if (!by && !at) return '—';
  return (
    <Tooltip title={byAt(by, at)}>
      <div style={{ lineHeight: 1.35 }}>
        {by && <div style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{by}</div>}
        {at && (
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
            {shanghaiTime(at).slice(0, 10)}
          </Typography.Text>
        )}
      </div>
    </Tooltip>
  );
}

/** A review's comment on one line, cut short with the whole in a tooltip; in red when the roster was returned (a function, as `byAtCell`). */
export function commentCell(sub: { status: SubmissionState; comment: string | null } | undefined): ReactNode {
  if (!sub?.comment) return '—';
  return (
    <Typography.Text
      type={sub.status === 'returned' ? 'danger' : undefined}
      ellipsis={{ tooltip: sub.comment }}
      style={{ display: 'block' }}
      data-testid="submission-row-comment"
    >
      {sub.comment}
    </Typography.Text>
  );
}
