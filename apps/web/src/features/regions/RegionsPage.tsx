import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { REGION_LEVELS, type Region } from '@carebridge/shared';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Space, Table, Tag } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { keys, useRegions } from '../../api/queries.ts';
import { canManage, createsRootRegions, deletesRegion, managesRegion } from '../../auth/permissions.ts';
import { useMe } from '../../auth/session.ts';
import { AdaptiveTable } from '../../components/AdaptiveTable.tsx';
import { DeleteButton } from '../../components/DeleteButton.tsx';
import { FormModal } from '../../components/Overlay.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { buildRegionTree, type RegionNode } from '../../components/region-tree.ts';
import { useConflictReload } from '../../forms/conflict.ts';
import { useLabels } from '../../i18n/labels.ts';
import { useT } from '../../i18n/lang.tsx';
import { RegionCreateForm, RegionEditForm } from './RegionForms.tsx';
import { regionsApi } from './regions.api.ts';

const LEVEL_COLOURS = { province: 'red', city: 'volcano', county: 'orange', township: 'gold' } as const;
const LOWEST = REGION_LEVELS[REGION_LEVELS.length - 1];

/** The region tree (built from the flat list), with sub-region creation, renaming and deletion of what nothing uses yet. */
export default function RegionsPage() {
  const t = useT();
  const labels = useLabels();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const me = useMe().data;
  const manage = canManage(me, 'regions');
  const regions = useRegions();
  const tree = useMemo(() => buildRegionTree(regions.data ?? []), [regions.data]);
  const [creating, setCreating] = useState<{ parent: Region | null } | null>(null);
  const [editing, setEditing] = useState<Region | null>(null);

  const reload = useCallback(() => regions.refetch().then((r) => r.data), [regions]);
  const onConflict = useConflictReload(reload, setEditing);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: keys.regions });
    void qc.invalidateQueries({ queryKey: ['schools'] });
  };
  const saved = (text: string) => {
    message.success(text);
    refresh();
  };

  return (
    <>
      <PageHeader
        title={t('regions.title')}
        extra={
          createsRootRegions(me) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating({ parent: null })} data-testid="regions-create">
              {t('regions.createRoot')}
            </Button>
          )
        }
      />
      <QueryError error={regions.error} onRetry={() => regions.refetch()} />
      <Card styles={{ body: { padding: 0 } }}>
        {regions.data && (
          <AdaptiveTable<RegionNode>
            rowKey="id"
            dataSource={tree}
            pagination={false}
            expandable={{ defaultExpandAllRows: true }}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty description={t('regions.empty')} /> }}
            columns={[
              { title: t('fields.name'), dataIndex: 'name' },
              {
                title: t('fields.level'),
                dataIndex: 'level',
                render: (level: Region['level']) => <Tag color={LEVEL_COLOURS[level]}>{labels.regionLevel(level)}</Tag>,
              },
              { title: t('fields.code'), dataIndex: 'code', render: (c: string | null) => c ?? '—' },
              ...(manage
                ? [
                    {
                      title: t('common.actions'),
                      key: 'actions',
                      render: (_: unknown, r: RegionNode) =>
                        managesRegion(me, r) && (
                          <Space size={0} wrap>
                            {r.level !== LOWEST && (
                              <Button type="link" size="small" icon={<PlusOutlined />} onClick={() => setCreating({ parent: r })}>
                                {t('regions.addChild')}
                              </Button>
                            )}
                            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(r)} data-testid={`region-edit-${r.id}`}>
                              {t('regions.rename')}
                            </Button>
                            {deletesRegion(me, r, regions.data ?? []) && (
                              <DeleteButton
                                title={t('regions.deleteConfirm', { name: r.name })}
                                description={t('regions.deleteHint')}
                                onDelete={() => regionsApi.remove(r.id)}
                                onDeleted={refresh}
                                testId={`region-delete-${r.id}`}
                              />
                            )}
                          </Space>
                        ),
                    },
                  ]
                : []),
            ]}
          />
        )}
        {regions.isLoading && <Table loading dataSource={[]} columns={[]} />}
      </Card>
      <FormModal open={!!creating} title={t('regions.createTitle')} onClose={() => setCreating(null)}>
        {creating && (
          <RegionCreateForm
            parent={creating.parent}
            onCancel={() => setCreating(null)}
            onDone={() => {
              setCreating(null);
              saved(t('common.created'));
            }}
          />
        )}
      </FormModal>
      <FormModal open={!!editing} title={t('regions.renameTitle')} onClose={() => setEditing(null)}>
        {editing && (
          <RegionEditForm
            key={`${editing.id}-${editing.version}`}
            region={editing}
            onCancel={() => setEditing(null)}
            onConflict={onConflict(editing.id)}
            onDone={() => {
              setEditing(null);
              saved(t('common.saved'));
            }}
          />
        )}
      </FormModal>
    </>
  );
}
