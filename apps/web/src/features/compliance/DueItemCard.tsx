import { EditOutlined, StopOutlined, TeamOutlined } from '@ant-design/icons';
import { Button, Flex, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { useT } from '../../i18n/lang.tsx';
import { KIND_META, useCareLabels } from '../care-records/care-format.tsx';
import type { DueItem } from './compliance.api.ts';
import { deadlineText, logLink, RED, StatusTag, windowText } from './compliance-format.tsx';

interface Props {
  item: DueItem;
  today: string;
  /** The child's name and class (not on the child's own page). */
  showChild?: boolean;
  /** Who is responsible (leaders' views). */
  showResponsible?: boolean;
  /** The button that opens the record form prefilled to satisfy the item. */
  canLog?: boolean;
  /** Leaders: excuse the item. */
  onExcuse?: ((item: DueItem) => void) | undefined;
  extra?: ReactNode;
}

/**
 * One due item: the child, the rule in plain words, the window, how many records so far, and the one
 * button that writes the record it needs. Made to fit a 360 px phone.
 */
export function DueItemCard({ item, today, showChild = true, showResponsible = false, canLog = false, onExcuse, extra }: Props) {
  const t = useT();
  const labels = useCareLabels();
  const navigate = useNavigate();
  const deadline = deadlineText(t, item, today);
  const open = item.status === 'overdue' || item.status === 'due';
  const kind = item.kinds[0];
  // A care-record kind has its icon; an activity kind (`activity.reading`, kept by attending) has none of its own.
  const icon = (kind && KIND_META[kind as keyof typeof KIND_META]?.icon) || (kind?.startsWith('activity.') ? <TeamOutlined /> : <EditOutlined />);
  const rule = (
    <Typography.Text style={{ display: 'block', fontSize: 13, lineHeight: 1.5, marginTop: showChild ? 2 : 0 }} data-testid="due-item-rule">
      {item.description}
    </Typography.Text>
  );
  const log = () => {
    const { to, state } = logLink(item, today);
    navigate(to, { state });
  };
  return (
    <div
      data-testid="due-item"
      data-status={item.status}
      data-rule={item.ruleKey}
      data-window={`${item.windowStart}..${item.windowEnd}`}
      style={{
        padding: '10px 12px',
        border: '1px solid #f0f0f0',
        borderInlineStart: `3px solid ${item.status === 'overdue' ? RED : item.status === 'due' ? '#1677ff' : '#d9d9d9'}`,
        borderRadius: 6,
        background: '#fff',
      }}
    >
      <Flex justify="space-between" align="start" gap={8}>
        <div style={{ minWidth: 0 }}>
          {showChild ? (
            <Flex align="baseline" gap={8} wrap>
              <Link to={`/children/${item.childId}?tab=timeline`} style={{ fontSize: 16, fontWeight: 600 }} data-testid="due-item-child">
                {item.childName}
              </Link>
              {item.className && (
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {item.className}
                </Typography.Text>
              )}
            </Flex>
          ) : (
            rule
          )}
        </div>
        {open ? (
          deadline.text && (
            <Typography.Text strong style={{ color: deadline.color, whiteSpace: 'nowrap', fontSize: 13 }} data-testid="due-item-deadline">
              {deadline.text}
            </Typography.Text>
          )
        ) : (
          <StatusTag status={item.status} />
        )}
      </Flex>
      {showChild && rule}
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginTop: 6 }}>
        <Flex gap={8} wrap align="center" style={{ fontSize: 12, minWidth: 0 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontVariantNumeric: 'tabular-nums' }} data-testid="due-item-window">
            {windowText(t, item, today)}
          </Typography.Text>
          <Typography.Text type={item.count >= item.required ? 'success' : 'secondary'} style={{ fontSize: 12 }}>
            {t('due.progress', { count: item.count, required: item.required })}
          </Typography.Text>
          {showResponsible && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {item.responsibleName ? t('due.responsible', { name: item.responsibleName }) : t('due.noResponsible')}
            </Typography.Text>
          )}
          {!canLog &&
            item.kinds.map((k) => (
              <Tag key={k} style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px' }} color={KIND_META[k as keyof typeof KIND_META]?.color}>
                {labels.kind(k)}
              </Tag>
            ))}
        </Flex>
        {(canLog || onExcuse || extra) && open && (
          <Flex gap={6} style={{ marginInlineStart: 'auto' }}>
            {extra}
            {onExcuse && (
              <Button size="small" icon={<StopOutlined />} onClick={() => onExcuse(item)} data-testid="due-item-excuse">
                {t('due.excuse')}
              </Button>
            )}
            {canLog && (
              <Button
                type={item.status === 'overdue' ? 'primary' : 'default'}
                danger={item.status === 'overdue'}
                icon={icon}
                onClick={log}
                title={item.status === 'overdue' ? t('due.logHint', { start: item.windowStart, end: item.windowEnd }) : undefined}
                data-testid="due-item-log"
              >
                {t(item.status === 'overdue' ? 'due.logLate' : 'due.log')}
                {kind ? ` · ${labels.kind(kind)}` : ''}
              </Button>
            )}
          </Flex>
        )}
      </Flex>
      {item.excuse && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 4 }}>
          {t('due.excusedBecause', { reason: item.excuse })}
        </Typography.Text>
      )}
    </div>
  );
}
