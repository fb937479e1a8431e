import '../../i18n/compliance.ts';
import '../../i18n/reports.ts';
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, type ButtonProps, Card, Empty, Form, Input, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { hasRole, useMe } from '../../auth/session.ts';
import { AdaptiveTable } from '../../components/AdaptiveTable.tsx';
import { FormError } from '../../components/FormError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useT } from '../../i18n/lang.tsx';
import { previousMonth, shanghaiTime } from '../../lib/dates.ts';
import { PeriodPicker } from '../compliance/PeriodPicker.tsx';
import { periodMode } from '../compliance/periods.ts';
import { type ReportScopeState, ScopePicker, useReportScope } from '../stats/report-scope.tsx';
import { type BriefingItem, briefingsApi, useBriefings } from './briefings.api.ts';

/** Leaders and the moral-education office write their school's briefings, the bureau its region's (the server decides). */
export const writesBriefings = (me: ReturnType<typeof useMe>['data']) => hasRole(me, 'school_leader', 'moral_education', 'bureau_officer', 'system_admin');

/** 起草简报: for the scope on the page and a period, the server drafts the text and figures; the editor opens on it. */
function DraftModal({ open, scope, onClose }: { open: boolean; scope: ReportScopeState; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  // Last month, which is over: a briefing drafted on 1 December is of November's work.
  const [period, setPeriod] = useState(() => previousMonth());
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const draft = async () => {
    setSaving(true);
    setError(null);
    try {
      const b = await briefingsApi.create({ ...scope.query, period, title: title.trim() || undefined });
      message.success(t('briefingList.drafted'));
      navigate(`/briefings/${b.id}`);
    } catch (err) {
      setError(err instanceof ApiError || err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('briefingList.draftTitle')}
      onCancel={onClose}
      onOk={draft}
      okText={t('briefingList.draftOk')}
      confirmLoading={saving}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'briefing-draft-submit' } as ButtonProps}
      width={600}
    >
      <Typography.Paragraph type="secondary">{t('briefingList.draftHint')}</Typography.Paragraph>
      <FormError error={error} />
      <Form layout="vertical" component="div">
        <Form.Item label={t('briefingList.scope')}>
          <Typography.Text strong data-testid="briefing-draft-scope">
            {scope.name ?? '—'}
          </Typography.Text>
        </Form.Item>
        <Form.Item label={t('briefingList.period')} required>
          <PeriodPicker key={periodMode(period, scope.schoolId)} value={period} onChange={setPeriod} schoolId={scope.schoolId} />
        </Form.Item>
        <Form.Item label={t('briefingList.titleLabel')} extra={t('briefingList.titleHint')}>
          <Input
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            maxLength={100}
            placeholder={t('briefings.defaultTitle', { unit: scope.name ?? '' })}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 工作简报: the briefings of a school or a region, newest first, and the way to draft one. */
export default function BriefingsPage() {
  const t = useT();
  const me = useMe().data;
  const scope = useReportScope();
  const list = useBriefings(scope.query, scope.ready);
  const [drafting, setDrafting] = useState(false);

  if (scope.schools.isLoading) return <PageLoading />;
  return (
    <div data-testid="briefings-page">
      <PageHeader
        title={t('briefingList.title')}
        extra={
          writesBriefings(me) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrafting(true)} disabled={!scope.ready} data-testid="briefing-create">
              {t('briefingList.create')}
            </Button>
          )
        }
      >
        <ScopePicker scope={scope} testId="briefings" />
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 13 }}>
          {t('briefingList.intro')}
        </Typography.Paragraph>
      </PageHeader>
      <QueryError error={list.error} onRetry={() => list.refetch()} />
      <Card styles={{ body: { padding: 0 } }}>
        <AdaptiveTable<BriefingItem>
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('briefingList.empty')} /> }}
          columns={[
            {
              key: 'title',
              title: t('briefingList.titleLabel'),
              render: (_, b) => (
                <Link to={`/briefings/${b.id}`} style={{ fontWeight: 500 }} data-testid="briefing-link">
                  {b.title}
                </Link>
              ),
            },
            {
              key: 'period',
              title: t('briefingList.period'),
              render: (_, b) => <span style={{ whiteSpace: 'nowrap' }}>{t('briefings.period', { from: b.from, to: b.to })}</span>,
            },
            { key: 'by', title: t('briefingList.createdBy'), dataIndex: 'createdBy' },
            { key: 'at', title: t('briefingList.createdAt'), render: (_, b) => <span style={{ whiteSpace: 'nowrap' }}>{shanghaiTime(b.createdAt)}</span> },
            {
              key: 'generated',
              title: t('briefingList.generatedAt'),
              render: (_, b) =>
                b.generatedAt ? (
                  <span style={{ whiteSpace: 'nowrap' }}>{shanghaiTime(b.generatedAt)}</span>
                ) : (
                  <Tag style={{ marginInlineEnd: 0 }}>{t('briefingList.notGenerated')}</Tag>
                ),
            },
          ]}
          data-testid="briefing-list"
        />
      </Card>
      {drafting && <DraftModal open={drafting} scope={scope} onClose={() => setDrafting(false)} />}
    </div>
  );
}
