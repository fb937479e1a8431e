import type { ImportPreview, ImportRow } from '@carebridge/shared';
import { Segmented, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useT } from '../../i18n/lang.tsx';
import { useChildLabels } from '../children/child-format.ts';

type RowFilter = ImportRow['status'] | 'all';

const STATUS_COLORS: Record<ImportRow['status'], string> = { create: 'green', update: 'blue', unchanged: 'default', error: 'red' };

/** A row's errors, each with the column of the file it is in. */
function RowErrors({ errors }: { errors: ImportRow['errors'] }) {
  const t = useT();
  const labels = useChildLabels();
  if (!errors.length) return t('rosters.noErrors');
  return (
    <ul style={{ margin: 0, paddingInlineStart: 16, maxWidth: 560 }} data-testid="roster-row-errors">
      {errors.map((e) => (
        <li key={`${e.column}:${e.message}`}>
          <Typography.Text strong>{e.column}</Typography.Text>
          {labels.colon}
          <Typography.Text type="danger">{e.message}</Typography.Text>
        </li>
      ))}
    </ul>
  );
}

type Column = TableColumnsType<ImportRow>[number];

/** The row number, name (linked to an archive found) and errors of a file's rows. */
function useRowColumns(): { row: Column; name: Column; errors: Column } {
  const t = useT();
  return {
    row: { title: t('rosters.row'), dataIndex: 'row', width: 72, align: 'right' },
    name: {
      title: t('rosters.name'),
      dataIndex: 'name',
      render: (v: string | null, r: ImportRow) => (r.childId ? <Link to={`/children/${r.childId}`}>{v}</Link> : (v ?? '—')),
    },
    errors: { title: t('rosters.errors'), dataIndex: 'errors', render: (errors: ImportRow['errors']) => <RowErrors errors={errors} /> },
  };
}

const pagination = (t: ReturnType<typeof useT>) => ({
  pageSize: 50,
  showSizeChanger: false,
  hideOnSinglePage: true,
  showTotal: (n: number) => t('common.total', { count: n }),
});

/** The preview's rows, filtered by outcome: rows with errors first when there are any. */
export function PreviewRows({ preview }: { preview: ImportPreview }) {
  const t = useT();
  const labels = useChildLabels();
  const { row, name, errors } = useRowColumns();
  const [filter, setFilter] = useState<RowFilter>(preview.summary.error > 0 ? 'error' : 'all');
  const rows = useMemo(() => (filter === 'all' ? preview.rows : preview.rows.filter((r) => r.status === filter)), [preview.rows, filter]);
  const count = (f: RowFilter) => (f === 'all' ? preview.rows.length : preview.rows.filter((r) => r.status === f).length);
  return (
    <>
      <div style={{ overflowX: 'auto', marginBottom: 12 }}>
        <Segmented<RowFilter>
          value={filter}
          onChange={setFilter}
          options={(['error', 'create', 'update', 'unchanged', 'all'] as const).map((f) => ({
            value: f,
            label: `${f === 'all' ? t('rosters.filterAll') : t(`rosters.summary.${f}`)} ${count(f)}`,
          }))}
          data-testid="roster-row-filter"
        />
      </div>
      <Table<ImportRow>
        rowKey="row"
        size="small"
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        pagination={pagination(t)}
        data-testid="roster-rows"
        columns={[
          row,
          name,
          {
            title: t('rosters.status'),
            dataIndex: 'status',
            render: (s: ImportRow['status']) => (
              <Tag color={STATUS_COLORS[s]} style={{ marginInlineEnd: 0 }}>
                {t(`rosters.summary.${s}`)}
              </Tag>
            ),
          },
          errors,
          {
            title: t('rosters.changed'),
            dataIndex: 'changed',
            render: (changed: string[]) =>
              changed.length ? <span style={{ display: 'inline-block', maxWidth: 420 }}>{changed.map(labels.field).join(labels.sep)}</span> : '—',
          },
        ]}
      />
    </>
  );
}

/** The rows an import skipped for their errors, kept on the result so that the school can correct them. */
export function SkippedRows({ rows }: { rows: ImportRow[] }) {
  const t = useT();
  const { row, name, errors } = useRowColumns();
  return (
    <div data-testid="roster-skipped">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('rosters.skippedTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('rosters.skippedHint')}</Typography.Paragraph>
      <Table<ImportRow>
        rowKey="row"
        size="small"
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        pagination={pagination(t)}
        columns={[row, name, errors]}
        data-testid="roster-skipped-rows"
      />
    </div>
  );
}
