import { AlertOutlined, DeleteOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { type Camp, type CampChild, CampChildrenBody, type FieldError } from '@carebridge/shared';
import { App, Button, Card, Empty, Flex, Form, Grid, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { ApiError } from '../../api/client.ts';
import { canManage } from '../../auth/permissions.ts';
import { useMe } from '../../auth/session.ts';
import { FormError } from '../../components/FormError.tsx';
import { useSchemaForm } from '../../forms/schema-form.ts';
import { useT } from '../../i18n/lang.tsx';
import { ChildSelect, type KnownChild } from '../care-records/ChildSelect.tsx';
import { readsArchive } from './camp-access.ts';
import { nextId } from './camp-format.ts';
import { campsApi } from './camps.api.ts';
import { clearErrorsOnEdit } from './form-errors.ts';

interface ChildRow {
  id: string;
  childId?: string | null;
  name?: string;
  grade?: string | null;
  groupId?: string;
}

interface Values {
  items?: ChildRow[];
}

function toItems(rows: readonly ChildRow[]) {
  return rows.map((r) => ({ id: r.id, childId: r.childId || null, name: r.name?.trim() ?? '', grade: r.grade?.trim() || null, groupId: r.groupId ?? '' }));
}

/** Names pasted one per line (or separated by commas / spaces of a copied roster column). */
function namesOf(text: string): string[] {
  return text
    .split(/[\n,，、;；\t]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

interface Props {
  camp: Camp;
  readOnly: boolean;
  onSaved: (camp: Camp) => void;
  onConflict: (err: ApiError) => void;
}

/**
 * 学员: the children at the camp, each in a group. Staff who read the archive pick children from it;
 * volunteers (who see no archive child before it is in a camp) type names.
 */
export function ChildrenEditor({ camp, readOnly, onSaved, onConflict }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const me = useMe().data;
  const navigate = useNavigate();
  const archive = readsArchive(me);
  // Volunteers report incidents about the children at their camp: the archive children saved in it (the server sees those).
  const saved = new Set(camp.children.map((c) => c.childId).filter(Boolean));
  const reports = canManage(me, 'incidents') && saved.size > 0;
  // On a phone each child is a block (a table of inputs is wider than the screen); the short report label keeps the button beside the name.
  const phone = Grid.useBreakpoint().md === false;
  const report = (row: ChildRow) => navigate(`/incidents/new?childId=${row.childId}`, { state: { childName: row.name, schoolId: camp.schoolId } });
  const [groupId, setGroupId] = useState<string | undefined>(camp.groups[0]?.id);
  const [picked, setPicked] = useState<string | null>(null);
  const [bulk, setBulk] = useState<string | null>(null);
  const { form, onFinish, submitting, formError } = useSchemaForm<typeof CampChildrenBody, Values, Camp>({
    schema: CampChildrenBody,
    // All values, not only those of rendered fields: ids and archive links have no field of their own.
    toPayload: (): unknown => ({ items: toItems((form.getFieldsValue(true) as Values).items ?? []), version: camp.version }),
    mapPath: (p) => p.replace(/^(items\.\d+)\.(id|childId)$/, '$1.name'),
    // A full group, said before sending (the server names each row beyond the size, on its group).
    check: (): FieldError[] => {
      const rows: ChildRow[] = (form.getFieldsValue(true) as Values).items ?? [];
      return camp.groups
        .filter((g) => g.size && rows.filter((r) => r.groupId === g.id).length > g.size)
        .map((g) => ({ path: '', message: t('campChildren.groupFull', { group: g.name, size: g.size ?? 0 }) }));
    },
    submit: (body) => campsApi.setChildren(camp.id, body.items as CampChild[], body.version),
    onSuccess: (saved) => {
      message.success(t('common.saved'));
      onSaved(saved);
    },
    onConflict,
  });
  // preserve: the archive link has no field of its own, and without it the watch leaves it out.
  const rows = (Form.useWatch('items', { form, preserve: true }) as ChildRow[] | undefined) ?? [];
  const groupOptions = camp.groups.map((g) => ({ value: g.id, label: g.name }));
  // With children not named to this reader, the list is not the camp's whole: no "no children yet", no group counts.
  const empty = camp.childrenHidden > 0 ? 'campChildren.noneSeen' : 'campChildren.empty';
  const current = () => (form.getFieldValue('items') as ChildRow[] | undefined) ?? [];

  const addRows = (list: Omit<ChildRow, 'id'>[]) => {
    const items = [...current()];
    for (const r of list)
      items.push({
        id: nextId(
          'k',
          items.map((x) => x.id),
        ),
        ...r,
      });
    form.setFieldsValue({ items });
  };
  const addArchiveChild = (c: KnownChild | undefined) => {
    setPicked(null);
    if (!c) return;
    if (current().some((r) => r.childId === c.id)) {
      message.info(t('campChildren.already', { name: c.name }));
      return;
    }
    addRows([{ childId: c.id, name: c.name, grade: c.className ?? null, groupId }]);
  };

  return (
    <Form<Values>
      form={form}
      onFinish={onFinish}
      onValuesChange={clearErrorsOnEdit(form)}
      initialValues={{ items: camp.children.map((c) => ({ ...c })) }}
      disabled={readOnly || submitting}
      data-testid="camp-children-form"
    >
      <FormError error={formError} />
      <Card size="small" title={t('campChildren.title', { count: rows.length + camp.childrenHidden })} styles={{ body: { padding: 0 } }}>
        {camp.childrenHidden > 0 && (
          // Children outside what this reader sees elsewhere (another class's, a village child) are counted, not named.
          <Typography.Paragraph type="secondary" style={{ margin: 0, padding: 12 }} data-testid="camp-children-hidden">
            {t('campChildren.hidden', { count: camp.childrenHidden })}
          </Typography.Paragraph>
        )}
        {!readOnly && (
          <Flex gap={8} wrap align="center" style={{ padding: 12 }}>
            <Select
              value={groupId}
              onChange={setGroupId}
              options={groupOptions}
              style={{ width: 180 }}
              placeholder={t('campFields.groupId')}
              data-testid="camp-child-group"
            />
            {archive && (
              <ChildSelect
                value={picked}
                schoolId={camp.schoolId}
                onPick={(c) => addArchiveChild(c[0])}
                placeholder={t('campChildren.pickArchive')}
                style={{ width: 220 }}
                data-testid="camp-child-pick"
              />
            )}
            <Button icon={<PlusOutlined />} onClick={() => addRows([{ childId: null, name: '', grade: null, groupId }])} data-testid="camp-child-add">
              {t('campChildren.addTyped')}
            </Button>
            <Button icon={<UnorderedListOutlined />} onClick={() => setBulk('')} data-testid="camp-child-bulk">
              {t('campChildren.bulk')}
            </Button>
          </Flex>
        )}
        {(!readOnly || reports) && (
          // How to add children is for those who may; how to report an incident for whoever reports.
          <Typography.Paragraph type="secondary" style={{ fontSize: 13, padding: '0 12px' }}>
            {!readOnly && (archive ? t('campChildren.hintArchive') : t('campChildren.hintTyped'))}
            {reports && <span style={{ display: 'block', marginTop: readOnly ? 0 : 4 }}>{t('campChildren.reportHint')}</span>}
          </Typography.Paragraph>
        )}
        <Form.List name="items">
          {(fields, { remove }, { errors }) => {
            type Field = { name: number };
            const nameCell = (f: Field) => (
              <Flex gap={6} align="center" style={phone ? { flex: '1 1 0', minWidth: 0 } : undefined}>
                <Form.Item name={[f.name, 'name']} style={{ margin: 0, ...(phone ? { flex: '1 1 0', minWidth: 64 } : {}) }}>
                  <Input
                    maxLength={50}
                    style={phone ? undefined : { width: 120 }}
                    placeholder={phone ? t('campChildren.name') : undefined}
                    aria-label={t('campChildren.name')}
                    disabled={!!rows[f.name]?.childId || readOnly}
                  />
                </Form.Item>
                {rows[f.name]?.childId && (
                  <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                    {t('campChildren.fromArchive')}
                  </Tag>
                )}
              </Flex>
            );
            const reportCell = (f: Field) => {
              const row = rows[f.name];
              if (!reports || !row?.childId || !saved.has(row.childId)) return null;
              // Not a change to the list: usable when the list is read-only to this user.
              return (
                <Button
                  size="small"
                  danger
                  icon={<AlertOutlined />}
                  disabled={false}
                  onClick={() => report(row)}
                  aria-label={t('campChildren.reportFor', { name: row.name ?? '' })}
                  data-testid="camp-child-report"
                >
                  {phone ? t('campChildren.reportShort') : t('campChildren.reportIncident')}
                </Button>
              );
            };
            const gradeCell = (f: Field) => (
              <Form.Item name={[f.name, 'grade']} style={{ margin: 0, ...(phone ? { flex: '1 1 96px', minWidth: 0 } : {}) }}>
                <Input
                  maxLength={20}
                  style={phone ? undefined : { width: 120 }}
                  placeholder={phone ? t('campFields.grade') : undefined}
                  aria-label={t('campFields.grade')}
                />
              </Form.Item>
            );
            const groupCell = (f: Field) => (
              <Form.Item name={[f.name, 'groupId']} style={{ margin: 0, ...(phone ? { flex: '1 1 150px', minWidth: 0 } : {}) }}>
                <Select
                  options={groupOptions}
                  style={phone ? { width: '100%' } : { width: 180 }}
                  placeholder={phone ? t('campFields.groupId') : undefined}
                  aria-label={t('campFields.groupId')}
                />
              </Form.Item>
            );
            const removeCell = (f: Field) =>
              readOnly ? null : <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.remove')} onClick={() => remove(f.name)} />;
            return (
              <>
                {phone ? (
                  // On a phone a block per child: number, name, report and remove; under them grade and group.
                  <div data-testid="camp-children-table">
                    {fields.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(empty)} />}
                    {fields.map((f) => (
                      <Flex key={f.key} vertical gap={8} style={{ padding: '10px 12px', borderBlockStart: '1px solid #f0f0f0' }}>
                        <Flex gap={6} align="center">
                          <Typography.Text type="secondary" style={{ minWidth: 18, fontVariantNumeric: 'tabular-nums' }}>
                            {f.name + 1}
                          </Typography.Text>
                          {nameCell(f)}
                          {reportCell(f)}
                          {removeCell(f)}
                        </Flex>
                        <Flex gap={8} style={{ paddingInlineStart: 24 }}>
                          {gradeCell(f)}
                          {groupCell(f)}
                        </Flex>
                      </Flex>
                    ))}
                  </div>
                ) : (
                  <Table
                    rowKey="key"
                    size="small"
                    dataSource={fields}
                    pagination={false}
                    scroll={{ x: 'max-content' }}
                    locale={{ emptyText: t(empty) }}
                    data-testid="camp-children-table"
                    columns={[
                      { title: '#', key: 'n', width: 48, render: (_, f) => f.name + 1 },
                      { title: t('campChildren.name'), key: 'name', render: (_, f) => nameCell(f) },
                      ...(reports ? [{ key: 'report', render: (_: unknown, f: Field) => reportCell(f) }] : []),
                      { title: t('campFields.grade'), key: 'grade', render: (_, f) => gradeCell(f) },
                      { title: t('campFields.groupId'), key: 'groupId', render: (_, f) => groupCell(f) },
                      ...(readOnly ? [] : [{ key: 'remove', width: 48, render: (_: unknown, f: Field) => removeCell(f) }]),
                    ]}
                  />
                )}
                <Form.ErrorList errors={errors} />
              </>
            );
          }}
        </Form.List>
      </Card>
      {camp.childrenHidden === 0 && (
        <Flex gap={8} wrap style={{ marginTop: 12 }} data-testid="camp-children-groups">
          {camp.groups.map((g) => {
            const n = rows.filter((r) => r?.groupId === g.id).length;
            return (
              <Tag key={g.id} color={g.size && n > g.size ? 'red' : 'default'}>
                {g.size ? t('campChildren.groupCountOf', { group: g.name, count: n, size: g.size }) : t('campChildren.groupCount', { group: g.name, count: n })}
              </Tag>
            );
          })}
        </Flex>
      )}
      {!readOnly && (
        <Flex justify="end" style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" size="large" loading={submitting} data-testid="camp-children-submit">
            {t('common.save')}
          </Button>
        </Flex>
      )}
      <Modal
        open={bulk !== null}
        title={t('campChildren.bulkTitle')}
        onCancel={() => setBulk(null)}
        okText={t('campChildren.bulkAdd', { count: namesOf(bulk ?? '').length })}
        okButtonProps={{ disabled: !namesOf(bulk ?? '').length || !groupId }}
        onOk={() => {
          addRows(namesOf(bulk ?? '').map((name) => ({ childId: null, name, grade: null, groupId })));
          setBulk(null);
        }}
        destroyOnHidden
      >
        <Flex vertical gap={8}>
          <Select value={groupId} onChange={setGroupId} options={groupOptions} placeholder={t('campFields.groupId')} />
          <Input.TextArea
            value={bulk ?? ''}
            onChange={(e) => setBulk(e.target.value)}
            autoSize={{ minRows: 6, maxRows: 14 }}
            placeholder={t('campChildren.bulkPlaceholder')}
            data-testid="camp-child-bulk-text"
          />
        </Flex>
      </Modal>
    </Form>
  );
}
