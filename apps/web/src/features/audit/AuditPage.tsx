import type { AuditEntry } from '@carebridge/shared';
import { Button, Card, Flex, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { useMemo, useState } from 'react';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { useT } from '../../i18n/lang.tsx';
import { AuditDetailsLine, AuditDetailsPanel } from './AuditDetails.tsx';
import { AuditFilterBar } from './AuditFilterBar.tsx';
import { AuditActor } from './AuditPeople.tsx';
import { AuditSubject } from './AuditSubject.tsx';
import { type AuditFilters, useAuditPages } from './audit.api.ts';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Times are shown in Beijing time whatever the browser's zone (DOMAIN.md: Asia/Shanghai). */
const shanghai = (at: string) => dayjs(at).tz('Asia/Shanghai').format('YYYY-MM-DD HH:mm:ss');

/** Who did what, when, from where; newest first with "load more". */
export default function AuditPage() {
  const t = useT();
  const labels = useLabels();
  const [filters, setFilters] = useState<AuditFilters>({});
  const pages = useAuditPages(filters);
  const entries = useMemo(() => pages.data?.pages.flatMap((p) => p.items) ?? [], [pages.data]);

  return (
    <>
      <PageHeader title={t('audit.title')}>
        <AuditFilterBar onApply={setFilters} />
      </PageHeader>
      <QueryError error={pages.error} onRetry={() => pages.refetch()} />
      <Card styles={{ body: { padding: 0 } }}>
        <Table<AuditEntry>
          rowKey="id"
          size="middle"
          loading={pages.isLoading || (pages.isFetching && !pages.isFetchingNextPage)}
          dataSource={entries}
          pagination={false}
          scroll={{ x: 'max-content' }}
          expandable={{
            expandedRowRender: (e) => <AuditDetailsPanel entry={e} />,
            rowExpandable: (e) => !!e.summary && Object.keys(e.summary).length > 0,
          }}
          columns={[
            { title: t('audit.time'), dataIndex: 'at', render: (at: string) => <span style={{ whiteSpace: 'nowrap' }}>{shanghai(at)}</span> },
            { title: t('audit.user'), key: 'actor', render: (_, e) => <AuditActor entry={e} /> },
            { title: t('audit.action'), dataIndex: 'action', render: (a: string) => labels.action(a) },
            { title: t('audit.entity'), dataIndex: 'entity', render: (e: string) => labels.entity(e) },
            { title: t('audit.entityId'), key: 'entityId', render: (_, e) => <AuditSubject entry={e} /> },
            { title: t('audit.summary'), key: 'summary', render: (_, e) => <AuditDetailsLine entry={e} /> },
            { title: t('audit.ip'), dataIndex: 'ip', render: (ip: string | null) => ip ?? '—' },
          ]}
        />
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
