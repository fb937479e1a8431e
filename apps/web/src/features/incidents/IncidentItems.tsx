import { LockOutlined } from '@ant-design/icons';
import type { IncidentSummary } from '@carebridge/shared';
import { Card, Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useNavigate } from 'react-router';
import { useT } from '../../i18n/lang.tsx';
import {
  AcknowledgementTag,
  AttentionTags,
  ChildLinks,
  KindTag,
  needsAttention,
  occurredText,
  RED,
  RestrictedNote,
  SeverityTag,
  StatusTag,
} from './incident-format.tsx';

const when = (i: IncidentSummary) => (
  <Typography.Text style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }} type={i.restricted ? 'secondary' : undefined}>
    {i.restricted && <LockOutlined style={{ marginInlineEnd: 4 }} />}
    {occurredText(i.occurredAt)}
  </Typography.Text>
);

/** Incidents as a table (computers): restricted rows show only the date, the children and the status. */
export function IncidentTable({ items, showSchool }: { items: IncidentSummary[]; showSchool: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const columns: ColumnsType<IncidentSummary> = [
    { key: 'at', title: t('incidentFields.occurredAt'), width: 150, render: (_, i) => when(i) },
    { key: 'children', title: t('incidentFields.childIds'), render: (_, i) => <ChildLinks incident={i} /> },
    ...(showSchool ? [{ key: 'school', title: t('incidentDetail.school'), render: (_: unknown, i: IncidentSummary) => i.schoolName }] : []),
    {
      key: 'kind',
      title: t('incidentFields.kind'),
      render: (_, i) => (i.restricted ? <RestrictedNote short /> : i.kind && <KindTag kind={i.kind} />),
      onCell: (i) => ({ colSpan: i.restricted ? 2 : 1 }),
    },
    {
      key: 'severity',
      title: t('incidentFields.severity'),
      width: 100,
      render: (_, i) => i.severity && <SeverityTag severity={i.severity} />,
      onCell: (i) => ({ colSpan: i.restricted ? 0 : 1 }),
    },
    { key: 'status', title: t('incidentList.status'), width: 100, render: (_, i) => <StatusTag status={i.status} /> },
    {
      key: 'flags',
      title: t('incidentList.flags'),
      render: (_, i) => (
        <Flex gap={4} wrap>
          <AttentionTags incident={i} />
          <AcknowledgementTag incident={i} />
        </Flex>
      ),
    },
  ];
  return (
    <Table<IncidentSummary>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={items}
      pagination={false}
      // `children` are the incident's children, not nested rows.
      expandable={{ childrenColumnName: 'subRows' }}
      scroll={{ x: 760 }}
      onRow={(i) => ({
        onClick: () => !i.restricted && navigate(`/incidents/${i.id}`),
        style: { cursor: i.restricted ? 'default' : 'pointer', background: needsAttention(i) ? '#fff1f0' : undefined },
        'data-testid': 'incident-row',
      })}
    />
  );
}

/** One incident as a card (phones and short lists). */
export function IncidentCard({ incident: i, showSchool }: { incident: IncidentSummary; showSchool?: boolean }) {
  const navigate = useNavigate();
  const open = () => !i.restricted && navigate(`/incidents/${i.id}`);
  const red = needsAttention(i);
  return (
    <Card
      size="small"
      hoverable={!i.restricted}
      onClick={open}
      role={i.restricted ? undefined : 'button'}
      tabIndex={i.restricted ? undefined : 0}
      onKeyDown={(e) => {
        if (e.key === 'Enter') open();
      }}
      style={{ background: i.restricted ? '#fafafa' : undefined, borderColor: red ? RED : undefined }}
      data-testid="incident-row"
    >
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Flex gap={8} wrap align="center" style={{ minWidth: 0 }}>
          {when(i)}
          <ChildLinks incident={i} />
        </Flex>
        <StatusTag status={i.status} />
      </Flex>
      {i.restricted ? (
        <div style={{ marginTop: 6 }}>
          <RestrictedNote />
        </div>
      ) : (
        <Flex gap={6} wrap align="center" style={{ marginTop: 8 }}>
          {i.kind && <KindTag kind={i.kind} />}
          {i.severity && <SeverityTag severity={i.severity} />}
          <AttentionTags incident={i} />
          <AcknowledgementTag incident={i} />
        </Flex>
      )}
      {showSchool && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 6, fontSize: 12 }}>
          {i.schoolName}
        </Typography.Text>
      )}
    </Card>
  );
}
