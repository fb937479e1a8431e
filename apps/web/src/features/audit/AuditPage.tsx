import type { AuditEntry } from '@carebridge/shared';
import { Button, Card, Empty, Flex, Grid, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { useMemo, useState } from 'react';
import { useMe } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PhoneRows } from '../../components/PhoneRows.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { useT } from '../../i18n/lang.tsx';
import { AuditDetailsLine, AuditDetailsPanel } from './AuditDetails.tsx';
import { AuditFilterBar } from './AuditFilterBar.tsx';
import { AuditActor } from './AuditPeople.tsx';
import { AuditPhoneRow } from './AuditPhoneRow.tsx';
import { AuditSubject } from './AuditSubject.tsx';
import { type AuditFilters, useAuditPages } from './audit.api.ts';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Times are shown in Beijing time whatever the browser's zone (DOMAIN.md: Asia/Shanghai): the day over the time. */
const shanghai = (at: string) => {
  const d = dayjs(at).tz('Asia/Shanghai');
  return (
    <div style={{ whiteSpace: 'nowrap', lineHeight: 1.35, fontVariantNumeric: 'tabular-nums' }}>
      <div>{d.format('YYYY-MM-DD')}</div>
      <div>{d.format('HH:mm:ss')}</div>
    </div>
  );
};

/**
 * Widths of every column but 详情, which takes the rest: labels wrap in their column (an action such
 * as "Scheduled the camp timetable automatically" no longer widens it), so that 详情 is in view on a
 * 1366 px screen in both languages. Narrower, the table scrolls sideways rather than crush 详情.
 */
const WIDTHS = { expand: 40, time: 108, user: 128, action: 150, entity: 104, subject: 160, ip: 124 };
const DETAILS_MIN = 220;
const TABLE_MIN = Object.values(WIDTHS).reduce((a, b) => a + b, 0) + DETAILS_MIN;

/** Who did what, when, from where; newest first with "load more". */
export default function AuditPage() {
  const t = useT();
  const labels = useLabels();
  const [filters, setFilters] = useState<AuditFilters>({});
  const pages = useAuditPages(filters);
  const entries = useMemo(() => pages.data?.pages.flatMap((p) => p.items) ?? [], [pages.data]);
  const roles = useMe().data?.roles ?? [];
  // Administrators and bureau officers read many schools' entries: each names its school.
  const manySchools =
    roles.some((r) => r.role === 'system_admin' || r.role === 'bureau_officer') ||
    new Set(roles.filter((r) => r.role === 'school_leader').map((r) => r.scopeId)).size > 1;
  const phone = Grid.useBreakpoint().md === false;
  const loading = pages.isLoading || (pages.isFetching && !pages.isFetchingNextPage);

  return (
    <>
      <PageHeader title={t('audit.title')}>
        <AuditFilterBar onApply={setFilters} />
      </PageHeader>
      <QueryError error={pages.error} onRetry={() => pages.refetch()} />
      <Card styles={{ body: { padding: 0 } }}>
        {phone ? (
          <PhoneRows
            items={entries}
            rowKey={(e) => e.id}
            loading={loading}
            empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} style={{ padding: 24 }} />}
            testId="audit-phone-row"
            render={(e) => <AuditPhoneRow entry={e} showSchool={manySchools} />}
          />
        ) : (
          <Table<AuditEntry>
            rowKey="id"
            size="middle"
            loading={loading}
            dataSource={entries}
            pagination={false}
            tableLayout="fixed"
            scroll={{ x: TABLE_MIN }}
            expandable={{
              columnWidth: WIDTHS.expand,
              expandedRowRender: (e) => <AuditDetailsPanel entry={e} />,
              rowExpandable: (e) => !!e.summary && Object.keys(e.summary).length > 0,
            }}
            columns={[
              { title: t('audit.time'), dataIndex: 'at', width: WIDTHS.time, render: (at: string) => shanghai(at) },
              { title: t('audit.user'), key: 'actor', width: WIDTHS.user, render: (_, e) => <AuditActor entry={e} /> },
              { title: t('audit.action'), dataIndex: 'action', width: WIDTHS.action, render: (a: string) => labels.action(a) },
              { title: t('audit.entity'), dataIndex: 'entity', width: WIDTHS.entity, render: (e: string) => labels.entity(e) },
              { title: t('audit.entityId'), key: 'entityId', width: WIDTHS.subject, render: (_, e) => <AuditSubject entry={e} showSchool={manySchools} /> },
              { title: t('audit.summary'), key: 'summary', render: (_, e) => <AuditDetailsLine entry={e} /> },
              {
                title: t('audit.ip'),
                dataIndex: 'ip',
                width: WIDTHS.ip,
                render: (ip: string | null) => <span style={{ overflowWrap: 'anywhere' }}>{ip ?? '—'}</span>,
              },
            ]}
          />
        )}
        <Flex justify="center" style={{ padding: 12 }}>
          {pages.hasNextPage ? (
            <Button onClick={() => pages.fetchNextPage()} loading={pages.isFetchingNextPage} data-testid="audit-load-more">
              {t('common.loadMore')}
            </Button>
          ) : (
            entries.length > 0 && <Typography.Text type="secondary">{t('common.noMore')}</Typography.Text>
          )}
        </Flex>
      </Card>
    </>
  );
}
