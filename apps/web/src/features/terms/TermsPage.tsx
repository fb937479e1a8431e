import { CalendarOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { RegionTermResult, Term } from '@carebridge/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, List, Modal, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useMemo, useState } from 'react';
import { canManage } from '../../auth/permissions.ts';
import { hasRole, useMe } from '../../auth/session.ts';
import { AdaptiveTable } from '../../components/AdaptiveTable.tsx';
import { DeleteButton } from '../../components/DeleteButton.tsx';
import { FormModal } from '../../components/Overlay.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { SchoolPicker, useSelectedSchool } from '../../components/SchoolPicker.tsx';
import { useConflictReload } from '../../forms/conflict.ts';
import { useLabels } from '../../i18n/labels.ts';
import { useT } from '../../i18n/lang.tsx';
import { RegionTermForm, TermForm } from './TermForm.tsx';
import { termsApi, useTerms } from './terms.api.ts';

type Editor = { mode: 'create' } | { mode: 'edit'; term: Term };

/** A school's terms (学年 + 学期, explicit start and end dates). */
export default function TermsPage() {
  const t = useT();
  const labels = useLabels();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const me = useMe().data;
  const manage = canManage(me, 'terms');
  // A county's calendar at once: for those who manage a region's schools.
  const regionRole = me?.roles.find((r) => r.role === 'bureau_officer' && r.regionId);
  const forRegion = hasRole(me, 'system_admin', 'bureau_officer');
  const [regionForm, setRegionForm] = useState(false);
  const [regionResult, setRegionResult] = useState<RegionTermResult | null>(null);
  const { schoolId, setSchoolId, schools } = useSelectedSchool();
  const terms = useTerms(schoolId);
  const [editor, setEditor] = useState<Editor | null>(null);
  const sorted = useMemo(() => [...(terms.data ?? [])].sort((a, b) => b.startDate.localeCompare(a.startDate)), [terms.data]);
  const today = dayjs().format('YYYY-MM-DD');

  const reload = useCallback(() => terms.refetch().then((r) => r.data), [terms]);
  const onConflict = useConflictReload(reload, (term) => setEditor(term ? { mode: 'edit', term } : null));
  const done = (text: string) => {
    setEditor(null);
    message.success(text);
    void qc.invalidateQueries({ queryKey: ['terms'] });
  };

  return (
    <>
      <PageHeader
        title={t('terms.title')}
        extra={
          <>
            {forRegion && (
              <Button icon={<CalendarOutlined />} onClick={() => setRegionForm(true)} data-testid="terms-for-region">
                {t('terms.forRegion')}
              </Button>
            )}
            {manage && schoolId && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditor({ mode: 'create' })} data-testid="terms-create">
                {t('terms.create')}
              </Button>
            )}
          </>
        }
      >
        <SchoolPicker value={schoolId} onChange={setSchoolId} schools={schools.data ?? []} loading={schools.isLoading} />
      </PageHeader>
      <QueryError error={terms.error ?? schools.error} onRetry={() => terms.refetch()} />
      <Card styles={{ body: { padding: 0 } }}>
        <AdaptiveTable<Term>
          rowKey="id"
          loading={terms.isFetching || schools.isLoading}
          dataSource={sorted}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('fields.academicYear'), dataIndex: 'academicYear' },
            {
              title: t('fields.semester'),
              dataIndex: 'semester',
              render: (s: number, term) => (
                <>
                  {labels.semester(s)}
                  {term.startDate <= today && today <= term.endDate && (
                    <Tag color="green" style={{ marginInlineStart: 8 }}>
                      {t('terms.current')}
                    </Tag>
                  )}
                </>
              ),
            },
            { title: t('fields.startDate'), dataIndex: 'startDate' },
            { title: t('fields.endDate'), dataIndex: 'endDate' },
            ...(manage
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    render: (_: unknown, term: Term) => (
                      <Space size={0}>
                        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditor({ mode: 'edit', term })}>
                          {t('common.edit')}
                        </Button>
                        <DeleteButton
                          title={t('terms.deleteConfirm', { name: term.name })}
                          description={t('terms.deleteHint')}
                          onDelete={() => termsApi.remove(term.id)}
                          onDeleted={() => void qc.invalidateQueries({ queryKey: ['terms'] })}
                          testId={`term-delete-${term.id}`}
                        />
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <FormModal open={!!editor} title={t(editor?.mode === 'edit' ? 'terms.editTitle' : 'terms.createTitle')} onClose={() => setEditor(null)}>
        {editor && schoolId && (
          <TermForm
            key={editor.mode === 'edit' ? `${editor.term.id}-${editor.term.version}` : 'new'}
            schoolId={schoolId}
            term={editor.mode === 'edit' ? editor.term : undefined}
            onCancel={() => setEditor(null)}
            onConflict={editor.mode === 'edit' ? onConflict(editor.term.id) : undefined}
            onDone={() => done(t(editor.mode === 'edit' ? 'common.saved' : 'common.created'))}
          />
        )}
      </FormModal>
      <FormModal open={regionForm} title={t('terms.forRegionTitle')} onClose={() => setRegionForm(false)}>
        {regionForm && (
          <RegionTermForm
            regionId={regionRole?.regionId ?? undefined}
            onCancel={() => setRegionForm(false)}
            onDone={(r) => {
              setRegionForm(false);
              setRegionResult(r);
              void qc.invalidateQueries({ queryKey: ['terms'] });
            }}
          />
        )}
      </FormModal>
      <Modal
        open={!!regionResult}
        width={600}
        title={t('terms.forRegionResult')}
        onCancel={() => setRegionResult(null)}
        footer={
          <Button type="primary" onClick={() => setRegionResult(null)} data-testid="term-region-result-ok">
            {t('terms.forRegionClose')}
          </Button>
        }
      >
        {regionResult && (
          <Flex vertical gap={12} data-testid="term-region-result">
            <Alert
              type={regionResult.created.length ? 'success' : 'info'}
              showIcon
              title={regionResult.created.length ? t('terms.forRegionDone', { count: regionResult.created.length }) : t('terms.forRegionNone')}
            />
            {regionResult.skipped.length > 0 && (
              <>
                <Typography.Text strong>{t('terms.forRegionSkipped', { count: regionResult.skipped.length })}</Typography.Text>
                <List
                  size="small"
                  bordered
                  dataSource={regionResult.skipped}
                  style={{ maxHeight: 320, overflowY: 'auto' }}
                  renderItem={(k) => (
                    // The school, and under it why: the term it has already, or the one its dates clash with, with that term's dates.
                    <List.Item data-testid="term-region-skipped">
                      <Flex vertical gap={2}>
                        <Typography.Text strong>{k.schoolName}</Typography.Text>
                        <Typography.Text>{keepDates(k.reason)}</Typography.Text>
                      </Flex>
                    </List.Item>
                  )}
                />
              </>
            )}
          </Flex>
        )}
      </Modal>
    </>
  );
}

/** A text with each date (2027-09-01) kept on one line: the browser would break it at a hyphen. */
function keepDates(text: string) {
  return text.split(/(\d{4}-\d{2}-\d{2})/).map((part, i) =>
    i % 2 ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text, in order
      <span key={i} style={{ whiteSpace: 'nowrap' }}>
        {part}
      </span>
    ) : (
      part
    ),
  );
}
