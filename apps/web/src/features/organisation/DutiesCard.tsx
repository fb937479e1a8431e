import { PlusOutlined } from '@ant-design/icons';
import { type Duty, OFFICES } from '@carebridge/shared';
import { Button, Card, Empty, Flex, Grid, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { ApiError } from '../../api/client.ts';
import { EditRemoveButtons } from '../../components/EditRemoveButtons.tsx';
import { FormModal } from '../../components/Overlay.tsx';
import { PhoneRows } from '../../components/PhoneRows.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { useT } from '../../i18n/lang.tsx';
import { DutyForm } from './DutyForm.tsx';
import { organisationApi } from './organisation.api.ts';
import { useRemove } from './useRemove.ts';

interface Props {
  schoolId: string;
  duties: Duty[];
  loading: boolean;
  manage: boolean;
  onSaved: (text: string) => void;
  reloadDuty: (id: string) => Promise<Duty | null>;
  onConflictMessage: (err: ApiError) => void;
}

type Editor = { mode: 'create' } | { mode: 'edit'; duty: Duty };

/** 分工: each office's care duty and who is responsible. */
export function DutiesCard({ schoolId, duties, loading, manage, onSaved, reloadDuty, onConflictMessage }: Props) {
  const t = useT();
  const labels = useLabels();
  const [editor, setEditor] = useState<Editor | null>(null);
  const remove = useRemove(schoolId, organisationApi.removeDuty);
  const sorted = useMemo(() => [...duties].sort((a, b) => OFFICES.indexOf(a.office) - OFFICES.indexOf(b.office) || a.sortOrder - b.sortOrder), [duties]);
  const phone = Grid.useBreakpoint().md === false;
  const conflict = (id: string) => async (err: ApiError) => {
    const fresh = await reloadDuty(id);
    setEditor(fresh ? { mode: 'edit', duty: fresh } : null);
    onConflictMessage(err);
  };

  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.noDuties')} />;
  const officeTag = (o: string) => (
    <Tag color="geekblue" style={{ marginInlineEnd: 0 }}>
      {labels.office(o)}
    </Tag>
  );
  /** Edit and delete: with their words in the table, as icons named for screen readers on a phone. */
  const actions = (d: Duty, iconOnly: boolean) => (
    <EditRemoveButtons
      onEdit={() => setEditor({ mode: 'edit', duty: d })}
      onRemove={() => remove.mutateAsync(d.id)}
      removeWord="delete"
      iconOnly={iconOnly}
      editTestId="org-duty-edit"
      removeTestId="org-duty-remove"
    />
  );

  return (
    <Card
      title={t('org.duties')}
      extra={
        manage && (
          <Button icon={<PlusOutlined />} onClick={() => setEditor({ mode: 'create' })} data-testid="org-add-duty">
            {t('org.addDuty')}
          </Button>
        )
      }
      styles={{ body: { padding: 0 } }}
    >
      {phone ? (
        <PhoneRows
          items={sorted}
          rowKey={(d) => d.id}
          loading={loading}
          empty={empty}
          testId="org-duty-row"
          actions={manage ? (d) => actions(d, true) : undefined}
          render={(d) => (
            <>
              <Flex gap={8} wrap align="center">
                {officeTag(d.office)}
                {d.userName && <Typography.Text strong>{d.userName}</Typography.Text>}
              </Flex>
              <div style={{ marginTop: 4 }}>{labels.duty(d.duty)}</div>
            </>
          )}
        />
      ) : (
        <Table<Duty>
          rowKey="id"
          size="middle"
          loading={loading}
          dataSource={sorted}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: empty }}
          columns={[
            { title: t('fields.office'), dataIndex: 'office', render: (o: string) => officeTag(o) },
            {
              title: t('fields.duty'),
              dataIndex: 'duty',
              render: (d: string) => <div style={{ minWidth: 200, maxWidth: 480, whiteSpace: 'normal' }}>{labels.duty(d)}</div>,
            },
            { title: t('org.responsible'), dataIndex: 'userName', render: (v: string | null) => v ?? '—' },
            ...(manage
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    render: (_: unknown, d: Duty) => actions(d, false),
                  },
                ]
              : []),
          ]}
        />
      )}
      <FormModal open={!!editor} title={t('org.dutyTitle')} onClose={() => setEditor(null)}>
        {editor && (
          <DutyForm
            key={editor.mode === 'edit' ? `${editor.duty.id}-${editor.duty.version}` : 'new'}
            schoolId={schoolId}
            duty={editor.mode === 'edit' ? editor.duty : undefined}
            onCancel={() => setEditor(null)}
            onConflict={editor.mode === 'edit' ? conflict(editor.duty.id) : undefined}
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
