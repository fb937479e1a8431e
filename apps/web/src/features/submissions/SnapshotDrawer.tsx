import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Drawer, Empty, Grid, Skeleton, Table, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { download } from '../../api/files.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useT } from '../../i18n/lang.tsx';
import { useChildLabels } from '../children/child-format.ts';
import { byAt, SubmissionTag } from './submission-format.tsx';
import { useSubmission } from './submissions.api.ts';

/** The columns of the roster as the bureau reads it (no identity numbers on screen). */
const COLUMNS = [
  'name',
  'gender',
  'birthDate',
  'className',
  'fatherStatus',
  'motherStatus',
  'guardianRelation',
  'guardianName',
  'guardianPhone',
  'boarding',
  'keySupport',
];
/** The official summary: children of the narrow definition by age band and sex. */
const SUMMARY = ['narrow', '0-5', '6-13', '14-16', 'male', 'female'];

type Row = Record<string, unknown>;

/** A submitted roster as it was frozen: its summary and every child in it. */
export function SnapshotDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const t = useT();
  const labels = useChildLabels();
  const wide = Grid.useBreakpoint().lg;
  const { message } = App.useApp();
  const detail = useSubmission(id);
  const d = detail.data;
  const [downloading, setDownloading] = useState(false);
  /** The roster as it was sent, in the official form (花名册, 汇总表, 一人一表); a draft has not been sent. */
  const downloadForm = () => {
    if (!d) return;
    setDownloading(true);
    download(`/roster-submissions/${d.id}.xlsx`, undefined, `${d.schoolName}${d.className ?? ''}.xlsx`)
      .catch((err: Error) => message.error(err.message))
      .finally(() => setDownloading(false));
  };
  const summaryLabel = (k: string) =>
    k === 'narrow' ? t('submissions.summaryNarrow') : k === 'male' || k === 'female' ? labels.code('gender', k) : labels.code('ageBand', k);
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      destroyOnHidden
      size={wide ? 1000 : '100%'}
      title={d ? t('submissions.snapshotTitle', { name: d.className ?? d.schoolName, term: d.termLabel }) : t('submissions.snapshot')}
      extra={
        d && d.status !== 'draft' ? (
          <Tooltip title={t('submissions.downloadFormHint')}>
            {/* On a phone the icon alone, so that the roster's name keeps the header's width. */}
            <Button
              icon={<DownloadOutlined />}
              loading={downloading}
              onClick={downloadForm}
              aria-label={t('submissions.downloadForm')}
              data-testid="submission-download"
            >
              {wide ? t('submissions.downloadForm') : null}
            </Button>
          </Tooltip>
        ) : null
      }
      data-testid="submission-snapshot"
    >
      <QueryError error={detail.error} onRetry={() => detail.refetch()} />
      {detail.isLoading || !d ? (
        <Skeleton active />
      ) : (
        <>
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, sm: 2, lg: 4 }}
            style={{ marginBottom: 16 }}
            items={[
              { key: 'status', label: t('submissions.state'), children: <SubmissionTag status={d.status} /> },
              { key: 'children', label: t('submissions.children'), children: d.children },
              { key: 'submitted', label: t('submissions.submittedBy'), children: byAt(d.submittedBy, d.submittedAt) },
              { key: 'reviewed', label: t('submissions.reviewedBy'), children: byAt(d.reviewedBy, d.reviewedAt) },
            ]}
          />
          <Typography.Text strong>{t('submissions.summaryTitle')}</Typography.Text>{' '}
          <Typography.Text type="secondary" data-testid="submission-age-on">
            {t('submissions.ageOn', { date: d.ageOn })}
          </Typography.Text>
          <Descriptions
            size="small"
            bordered
            column={{ xs: 2, sm: 3, lg: 6 }}
            layout="vertical"
            style={{ margin: '8px 0 16px' }}
            items={SUMMARY.map((k) => ({ key: k, label: summaryLabel(k), children: d.summary[k] ?? 0 }))}
            data-testid="submission-summary"
          />
          <Table<Row>
            size="small"
            rowKey={(_, i) => String(i)}
            dataSource={d.rows}
            scroll={{ x: 'max-content' }}
            pagination={d.rows.length > 50 ? { pageSize: 50, size: 'small', showSizeChanger: false } : false}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('submissions.snapshotEmpty')} /> }}
            columns={[
              { key: 'no', title: t('submissions.no'), width: 56, align: 'right', render: (_, r) => d.rows.indexOf(r) + 1 },
              ...COLUMNS.map((k) => ({
                key: k,
                title: labels.field(k === 'className' ? 'classId' : k),
                render: (_: unknown, r: Row) => <span style={{ whiteSpace: 'nowrap' }}>{labels.value(k, r[k]) || '—'}</span>,
              })),
            ]}
            data-testid="submission-rows"
          />
        </>
      )}
    </Drawer>
  );
}
