import { PlusOutlined } from '@ant-design/icons';
import { compareClasses, DUTY_AREAS, type SafetyDuty } from '@carebridge/shared';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Grid, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import type { ApiError } from '../../api/client.ts';
import { useClasses } from '../../api/queries.ts';
import { EditRemoveButtons } from '../../components/EditRemoveButtons.tsx';
import { FormModal } from '../../components/Overlay.tsx';
import { PhoneRows } from '../../components/PhoneRows.tsx';
import { conflictText } from '../../forms/conflict.ts';
import { useT } from '../../i18n/lang.tsx';
import { DutyForm } from './DutyForm.tsx';
import { safetyApi, safetyKeys, useDuties } from './safety.api.ts';

type Editor = { mode: 'create' } | { mode: 'edit'; duty: SafetyDuty };

const AREA_COLOR: Record<SafetyDuty['area'], string> = {
  class: 'blue',
  boarding: 'purple',
  route: 'orange',
  area: 'cyan',
  event: 'magenta',
  other: 'default',
};

/** 安全工作责任制: who answers for which class, boarding house, route or area; leaders add, change and remove. */
export function DutiesCard({ schoolId, editable }: { schoolId: string; editable: boolean }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const duties = useDuties(schoolId);
  const [editor, setEditor] = useState<Editor | null>(null);
  // The school's classes give each class duty its grade (the same list as the form's class picker).
  const classes = useClasses({ schoolId });
  const sorted = useMemo(() => {
    const grade = new Map((classes.data ?? []).map((k) => [k.id, k.grade]));
    const ofClass = (d: SafetyDuty) => ({ name: d.name, grade: d.classId ? grade.get(d.classId) : undefined });
    return [...(duties.data ?? [])].sort(
      (a, b) =>
        DUTY_AREAS.indexOf(a.area) - DUTY_AREAS.indexOf(b.area) ||
        (a.area === 'class' ? compareClasses(ofClass(a), ofClass(b)) : a.name.localeCompare(b.name, 'zh-CN', { numeric: true })),
    );
  }, [duties.data, classes.data]);
  const phone = Grid.useBreakpoint().md === false;
  const store = (list: SafetyDuty[]) => qc.setQueryData(safetyKeys.duties(schoolId), list);

  const remove = async (id: string) => {
    try {
      store(await safetyApi.removeDuty(id));
      message.success(t('safetyDuties.deleted'));
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
  };
  /** Someone changed it first: reopen the editor on theirs. */
  const conflict = (id: string) => async (err: ApiError) => {
    const fresh = await duties.refetch();
    const duty = fresh.data?.find((d) => d.id === id);
    setEditor(duty ? { mode: 'edit', duty } : null);
    message.warning({ content: conflictText(err, t('common.reloaded')), duration: 8 });
  };

  /** Edit and delete: with their words in the table, as the organisation's other cards; icons named for screen readers on a phone. */
  const actions = (d: SafetyDuty, iconOnly = true) => (
    <EditRemoveButtons
      onEdit={() => setEditor({ mode: 'edit', duty: d })}
      onRemove={() => remove(d.id)}
      removeWord="delete"
      iconOnly={iconOnly}
      editTestId="safety-duty-edit"
      removeTestId="safety-duty-delete"
    />
  );
  const areaTag = (d: SafetyDuty) => (
    <Tag color={AREA_COLOR[d.area]} style={{ marginInlineEnd: 0 }}>
      {t(`activities.dutyAreas.${d.area}`)}
    </Tag>
  );
  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={duties.error ? duties.error.message : t('safetyDuties.empty')} />;

  const columns: ColumnsType<SafetyDuty> = [
    { key: 'person', title: t('safetyDuties.person'), render: (_, d) => <Typography.Text strong>{d.userName}</Typography.Text> },
    { key: 'area', title: t('safetyDuties.area'), render: (_, d) => areaTag(d) },
    { key: 'target', title: t('safetyDuties.target'), render: (_, d) => d.name },
    {
      key: 'note',
      title: t('safetyDuties.note'),
      render: (_, d) => <div style={{ minWidth: 120, maxWidth: 320, whiteSpace: 'normal' }}>{d.note ?? ''}</div>,
    },
    ...(editable ? [{ key: 'actions', title: t('common.actions'), render: (_: unknown, d: SafetyDuty) => actions(d, false) }] : []),
  ];

  return (
    <Card
      size="small"
      title={t('safetyDuties.title')}
      extra={
        editable && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setEditor({ mode: 'create' })} data-testid="safety-duty-add">
            {t('safetyDuties.add')}
          </Button>
        )
      }
      styles={{ body: { padding: 0 } }}
      data-testid="safety-duties"
    >
      <Typography.Paragraph type="secondary" style={{ margin: 0, padding: '8px 12px', fontSize: 12 }}>
        {t('safetyDuties.intro')}
      </Typography.Paragraph>
      {phone ? (
        <PhoneRows
          items={sorted}
          rowKey={(d) => d.id}
          loading={duties.isLoading}
          empty={empty}
          testId="safety-duty-row"
          actions={editable ? (d) => actions(d) : undefined}
          render={(d) => (
            <>
              <Flex gap={8} wrap align="center">
                <Typography.Text strong>{d.userName}</Typography.Text>
                {areaTag(d)}
              </Flex>
              <div style={{ marginTop: 4 }}>{d.name}</div>
              {d.note && (
                <Typography.Text type="secondary" style={{ display: 'block', marginTop: 2, fontSize: 13 }}>
                  {t('safetyDuties.noteLine', { note: d.note })}
                </Typography.Text>
              )}
            </>
          )}
        />
      ) : (
        <Table<SafetyDuty>
          rowKey="id"
          size="small"
          loading={duties.isLoading}
          dataSource={sorted}
          columns={columns}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: empty }}
          onRow={() => ({ 'data-testid': 'safety-duty-row' }) as React.HTMLAttributes<HTMLTableRowElement>}
        />
      )}
      <FormModal open={!!editor} title={t(editor?.mode === 'edit' ? 'safetyDuties.editTitle' : 'safetyDuties.createTitle')} onClose={() => setEditor(null)}>
        {editor && (
          <DutyForm
            key={editor.mode === 'edit' ? `${editor.duty.id}-${editor.duty.version}` : 'new'}
            schoolId={schoolId}
            duty={editor.mode === 'edit' ? editor.duty : undefined}
            onCancel={() => setEditor(null)}
            onConflict={editor.mode === 'edit' ? conflict(editor.duty.id) : undefined}
            onDone={(list) => {
              store(list);
              setEditor(null);
              message.success(t(editor.mode === 'edit' ? 'safetyDuties.saved' : 'safetyDuties.created'));
            }}
          />
        )}
      </FormModal>
    </Card>
  );
}
