import '../../i18n/reports.ts';
import { AuditOutlined, CheckCircleFilled, RightOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Flex, Grid, Skeleton, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { QueryError } from '../../components/QueryError.tsx';
import { useT } from '../../i18n/lang.tsx';
import { shanghaiTime } from '../../lib/dates.ts';
import { type Submission, useAwaitingReview } from './submissions.api.ts';

const SHOWN = 8;

/** The submissions page at the roster's school and term (`?school=…&term=…`, as useReportScope and SchoolSubmissions read them), where its review buttons are. */
const reviewLink = (s: Pick<Submission, 'schoolId' | 'termId'>) => `/submissions?school=${encodeURIComponent(s.schoolId)}&term=${encodeURIComponent(s.termId)}`;

function AwaitingRow({ s }: { s: Submission }) {
  const t = useT();
  return (
    <Link
      to={reviewLink(s)}
      style={{ display: 'block', padding: '8px 10px', borderRadius: 8, border: '1px solid #f0f0f0', color: 'inherit' }}
      data-testid="awaiting-review-item"
    >
      <Flex justify="space-between" align="center" gap={8}>
        <Flex vertical gap={2} style={{ minWidth: 0, flex: 1 }}>
          <Flex gap={6} wrap align="center" style={{ minWidth: 0 }}>
            <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
              {s.schoolName}
            </Typography.Text>
            <Tag color={s.level === 'school' ? 'gold' : 'blue'} style={{ marginInlineEnd: 0, whiteSpace: 'normal' }} data-testid="awaiting-review-unit">
              {s.level === 'school' ? t('submissions.awaitingWholeSchool') : s.className}
            </Tag>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {s.termLabel}
          </Typography.Text>
          {s.submittedAt && (
            <Typography.Text type="secondary" style={{ fontSize: 13, fontVariantNumeric: 'tabular-nums' }} data-testid="awaiting-review-sent">
              {t('submissions.awaitingSent', { who: s.submittedBy ?? '—', at: shanghaiTime(s.submittedAt) })}
            </Typography.Text>
          )}
        </Flex>
        <RightOutlined style={{ color: '#8c8c8c', flex: 'none' }} />
      </Flex>
    </Link>
  );
}

/**
 * 待审核的花名册 on the workbench of those who review rosters: the class rosters a school's leaders
 * approve or return, the school rosters the bureau does (the server's `canReview`), newest sent first,
 * each opening the submissions page at its school and term.
 */
export function AwaitingReviewPanel() {
  const t = useT();
  const navigate = useNavigate();
  const awaiting = useAwaitingReview();
  const items = awaiting.data ?? [];
  // Beside the title where there is room; on a phone under the list, where it cannot cut the title off.
  const wide = Grid.useBreakpoint().sm !== false;
  const all = (
    <Button type="link" onClick={() => navigate('/submissions')} style={{ paddingInline: 0 }} data-testid="awaiting-review-all">
      {t('submissions.awaitingAll')} <RightOutlined />
    </Button>
  );
  return (
    <Card
      title={
        <Flex align="center" gap={8} style={{ minWidth: 0 }}>
          <AuditOutlined style={{ color: '#c2410c' }} />
          <span style={{ whiteSpace: 'normal' }}>{t('submissions.awaitingTitle')}</span>
          {items.length > 0 && <Badge count={items.length} overflowCount={99} color="#c2410c" data-testid="awaiting-review-count" />}
        </Flex>
      }
      extra={wide && all}
      styles={{ body: { padding: 12 } }}
      data-testid="awaiting-review"
    >
      <QueryError error={awaiting.error} onRetry={() => void awaiting.refetch()} />
      {awaiting.isLoading ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : items.length === 0 ? (
        !awaiting.error && (
          <Typography.Text type="success" data-testid="awaiting-review-empty">
            <CheckCircleFilled /> {t('submissions.awaitingEmpty')}
          </Typography.Text>
        )
      ) : (
        <Flex vertical gap={8}>
          {items.slice(0, SHOWN).map((s) => (
            <AwaitingRow key={s.id} s={s} />
          ))}
          {items.length > SHOWN && (
            <Typography.Text type="secondary" data-testid="awaiting-review-more">
              {t('submissions.awaitingMore', { count: items.length - SHOWN })}
            </Typography.Text>
          )}
        </Flex>
      )}
      {!wide && <div style={{ marginTop: 8 }}>{all}</div>}
    </Card>
  );
}
