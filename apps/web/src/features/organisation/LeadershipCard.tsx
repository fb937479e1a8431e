import { LinkOutlined, PlusOutlined } from '@ant-design/icons';
import { LEADERSHIP_POSITIONS, type LeadershipMember } from '@carebridge/shared';
import { Button, Card, Empty, Flex, Grid, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { ApiError } from '../../api/client.ts';
import { EditRemoveButtons } from '../../components/EditRemoveButtons.tsx';
import { FormModal } from '../../components/Overlay.tsx';
import { PhoneRows } from '../../components/PhoneRows.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { useT } from '../../i18n/lang.tsx';
import { MemberForm } from './MemberForm.tsx';
import { organisationApi } from './organisation.api.ts';
import { useRemove } from './useRemove.ts';

const POSITION_COLOURS = { leader: 'volcano', deputy: 'orange', member: 'blue', service: 'green' } as const;

interface Props {
  schoolId: string;
  members: LeadershipMember[];
  loading: boolean;
  manage: boolean;
  onSaved: (text: string) => void;
  /** Reload after a version conflict; resolves to the fresh member (or null if it is gone). */
  reloadMember: (id: string) => Promise<LeadershipMember | null>;
  onConflictMessage: (err: ApiError) => void;
}

type Editor = { mode: 'create' } | { mode: 'edit'; member: LeadershipMember };

/** 领导小组: 组长, 副组长, 成员 and the service team, in that order. */
export function LeadershipCard({ schoolId, members, loading, manage, onSaved, reloadMember, onConflictMessage }: Props) {
  const t = useT();
  const labels = useLabels();
  const [editor, setEditor] = useState<Editor | null>(null);
  const remove = useRemove(schoolId, organisationApi.removeMember);
  const sorted = useMemo(
    () => [...members].sort((a, b) => LEADERSHIP_POSITIONS.indexOf(a.position) - LEADERSHIP_POSITIONS.indexOf(b.position) || a.sortOrder - b.sortOrder),
    [members],
  );
  const phone = Grid.useBreakpoint().md === false;
  const conflict = (id: string) => async (err: ApiError) => {
    const fresh = await reloadMember(id);
    setEditor(fresh ? { mode: 'edit', member: fresh } : null);
    onConflictMessage(err);
  };

  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.noMembers')} />;
  /** Edit and remove: with their words in the table, as icons named for screen readers on a phone. */
  const actions = (m: LeadershipMember, iconOnly: boolean) => (
    <EditRemoveButtons
      onEdit={() => setEditor({ mode: 'edit', member: m })}
      onRemove={() => remove.mutateAsync(m.id)}
      iconOnly={iconOnly}
      editTestId="org-member-edit"
      removeTestId="org-member-remove"
    />
  );

  return (
    <Card
      title={t('org.leadership')}
      extra={
        manage && (
          <Button icon={<PlusOutlined />} onClick={() => setEditor({ mode: 'create' })} data-testid="org-add-member">
            {t('org.addMember')}
          </Button>
        )
      }
      styles={{ body: { padding: 0 } }}
    >
      {phone ? (
        <PhoneRows
          items={sorted}
          rowKey={(m) => m.id}
          loading={loading}
          empty={empty}
          testId="org-member-row"
          actions={manage ? (m) => actions(m, true) : undefined}
          render={(m) => (
            <Flex gap={8} wrap align="center">
              <Tag color={POSITION_COLOURS[m.position]} style={{ marginInlineEnd: 0 }}>
                {labels.position(m.position)}
              </Tag>
              <Typography.Text strong>
                {m.name}
                {m.userId && <LinkOutlined title={t('org.linkedUser')} style={{ marginInlineStart: 6, color: '#999' }} />}
              </Typography.Text>
              {m.title && <Typography.Text type="secondary">{m.title}</Typography.Text>}
            </Flex>
          )}
        />
      ) : (
        <Table<LeadershipMember>
          rowKey="id"
          size="middle"
          loading={loading}
          dataSource={sorted}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: empty }}
          columns={[
            {
              title: t('fields.position'),
              dataIndex: 'position',
              render: (p: LeadershipMember['position']) => <Tag color={POSITION_COLOURS[p]}>{labels.position(p)}</Tag>,
            },
            {
              title: t('org.typedName'),
              dataIndex: 'name',
              render: (name: string, m) => (
                <>
                  {name}
                  {m.userId && <LinkOutlined title={t('org.linkedUser')} style={{ marginInlineStart: 6, color: '#999' }} />}
                </>
              ),
            },
            { title: t('fields.title'), dataIndex: 'title', render: (v: string | null) => v ?? '—' },
            ...(manage
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    render: (_: unknown, m: LeadershipMember) => actions(m, false),
                  },
                ]
              : []),
          ]}
        />
      )}
      <FormModal open={!!editor} title={t('org.memberTitle')} onClose={() => setEditor(null)}>
        {editor && (
          <MemberForm
            key={editor.mode === 'edit' ? `${editor.member.id}-${editor.member.version}` : 'new'}
            schoolId={schoolId}
            member={editor.mode === 'edit' ? editor.member : undefined}
            onCancel={() => setEditor(null)}
            onConflict={editor.mode === 'edit' ? conflict(editor.member.id) : undefined}
            onDone={() => {
              setEditor(null);
              onSaved(t(editor.mode === 'edit' ? 'common.saved' : 'common.created'));
            }}
          />
        )}
      </FormModal>
    </Card>
  );
}
