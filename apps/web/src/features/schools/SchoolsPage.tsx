import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { School } from '@carebridge/shared';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Input, Space, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useSchools } from '../../api/queries.ts';
import { canManage } from '../../auth/permissions.ts';
import { useMe } from '../../auth/session.ts';
import { AdaptiveTable } from '../../components/AdaptiveTable.tsx';
import { DeleteButton } from '../../components/DeleteButton.tsx';
import { FormDrawer } from '../../components/Overlay.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { useConflictReload } from '../../forms/conflict.ts';
import { useLabels } from '../../i18n/labels.ts';
import { useT } from '../../i18n/lang.tsx';
import { SchoolForm } from './SchoolForm.tsx';
import { schoolsApi } from './schools.api.ts';

type Editor = { mode: 'create' } | { mode: 'edit'; school: School };

/** Schools filtered by region and name; create and edit in a drawer; delete one created by mistake (the server refuses one in use). */
export default function SchoolsPage() {
  const t = useT();
  const labels = useLabels();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const me = useMe().data;
  const manage = canManage(me, 'schools');
  // Who creates schools deletes them (the administrator, the bureau), not a school's own leader.
  const deletes = canManage(me, 'schoolCreate');
  const [regionId, setRegionId] = useState<string | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const schools = useSchools({ regionId, q });
  const [editor, setEditor] = useState<Editor | null>(null);
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  // ?edit=<id>&return=<path>: opened from another page (e.g. the pairing page's "change the limit"); go back there when done.
  const editId = params.get('edit');
  const returnTo = params.get('return');
  const safeReturn = returnTo?.startsWith('/') && !returnTo.startsWith('//') ? returnTo : null;
  useEffect(() => {
    const wanted = editId ? schools.data?.find((s) => s.id === editId) : undefined;
    if (!wanted) return;
    setEditor({ mode: 'edit', school: wanted });
    setParams(
      (p) => {
        p.delete('edit');
        return p;
      },
      { replace: true },
    );
  }, [editId, schools.data, setParams]);
  const close = () => {
    setEditor(null);
    if (safeReturn) navigate(safeReturn);
  };

  const reload = useCallback(() => schools.refetch().then((r) => r.data), [schools]);
  const onConflict = useConflictReload(reload, (s) => setEditor(s ? { mode: 'edit', school: s } : null));
  const done = (text: string) => {
    message.success(text);
    void qc.invalidateQueries({ queryKey: ['schools'] });
    void qc.invalidateQueries({ queryKey: ['pairings'] });
    close();
  };

  return (
    <>
      <PageHeader
        title={t('schools.title')}
        extra={
          canManage(me, 'schoolCreate') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditor({ mode: 'create' })} data-testid="schools-create">
              {t('schools.create')}
            </Button>
          )
        }
      >
        <Flex gap={8} wrap>
          <RegionTreeSelect
            value={regionId}
            onChange={setRegionId}
            allowClear
            placeholder={t('schools.regionFilter')}
            style={{ width: 240 }}
            data-testid="schools-region-filter"
          />
          <Input.Search
            allowClear
            placeholder={t('schools.searchPlaceholder')}
            onSearch={(v) => setQ(v.trim() || undefined)}
            style={{ width: 240 }}
            data-testid="schools-search"
          />
        </Flex>
      </PageHeader>
      <QueryError error={schools.error} onRetry={() => schools.refetch()} />
      <Card styles={{ body: { padding: 0 } }}>
        <AdaptiveTable<School>
          rowKey="id"
          loading={schools.isFetching}
          dataSource={schools.data ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { count: n }) }}
          columns={[
            { title: t('fields.name'), dataIndex: 'name' },
            { title: t('fields.kind'), dataIndex: 'kind', render: (k: string) => <Tag>{labels.schoolKind(k)}</Tag> },
            { title: t('fields.regionId'), dataIndex: 'regionName', render: (v: string | null) => v ?? '—' },
            { title: t('fields.code'), dataIndex: 'code', render: (v: string | null) => v ?? '—' },
            { title: t('fields.address'), dataIndex: 'address', render: (v: string | null) => v ?? '—' },
            { title: t('fields.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
            ...(manage
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    render: (_: unknown, s: School) => (
                      <Space size={0}>
                        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditor({ mode: 'edit', school: s })}>
                          {t('common.edit')}
                        </Button>
                        {deletes && (
                          <DeleteButton
                            title={t('schools.deleteConfirm', { name: s.name })}
                            description={t('schools.deleteHint')}
                            onDelete={() => schoolsApi.remove(s.id)}
                            onDeleted={() => void qc.invalidateQueries({ queryKey: ['schools'] })}
                            testId={`school-delete-${s.id}`}
                          />
                        )}
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <FormDrawer open={!!editor} title={t(editor?.mode === 'edit' ? 'schools.editTitle' : 'schools.createTitle')} onClose={close}>
        {editor?.mode === 'create' && <SchoolForm defaultRegionId={regionId} onCancel={close} onDone={() => done(t('common.created'))} />}
        {editor?.mode === 'edit' && (
          <SchoolForm
            key={`${editor.school.id}-${editor.school.version}`}
            school={editor.school}
            onCancel={close}
            onConflict={onConflict(editor.school.id)}
            onDone={() => done(t('common.saved'))}
          />
        )}
      </FormDrawer>
    </>
  );
}
