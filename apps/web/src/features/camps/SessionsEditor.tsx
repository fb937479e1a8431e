import { DeleteOutlined, ExperimentOutlined, PlusOutlined } from '@ant-design/icons';
import { buildCampModel, type Camp, type CampSession, CampSessionsBody, campInput, SESSION_KINDS, type SessionKind, seedCamp } from '@carebridge/shared';
import { App, AutoComplete, Button, Card, Flex, Form, Input, InputNumber, Select, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import type { ApiError } from '../../api/client.ts';
import { FormError } from '../../components/FormError.tsx';
import { useSchemaForm } from '../../forms/schema-form.ts';
import { useT } from '../../i18n/lang.tsx';
import { nextId } from './camp-format.ts';
import { campsApi } from './camps.api.ts';
import { clearErrorsOnEdit } from './form-errors.ts';

interface SessionRow {
  id: string;
  subject?: string;
  title?: string;
  kind?: SessionKind;
  groupIds?: string[];
  unitsPerGroup?: number | null;
  allowConsecutive?: boolean;
  allowRepeatInHalf?: boolean;
}

interface Values {
  items?: SessionRow[];
}

/** Restrictions to groups that still exist; none left means "all groups". */
function knownGroups(ids: readonly string[] | undefined, groups: Set<string>): string[] {
  return (ids ?? []).filter((g) => groups.has(g));
}

function toRows(sessions: readonly CampSession[], groups: Set<string>): SessionRow[] {
  return sessions.map((s) => ({ ...s, groupIds: knownGroups(s.groupIds, groups), allowRepeatInHalf: !!s.allowRepeatInHalf }));
}

function toItems(rows: readonly SessionRow[]) {
  return rows.map((r) => ({
    id: r.id,
    subject: r.subject?.trim() ?? '',
    title: r.title?.trim() ?? '',
    kind: r.kind,
    ...(r.groupIds?.length ? { groupIds: r.groupIds } : {}),
    unitsPerGroup: r.unitsPerGroup ?? undefined,
    allowConsecutive: !!r.allowConsecutive,
    allowRepeatInHalf: !!r.allowRepeatInHalf,
  }));
}

/** Per group: units its sessions require against the units it has (fixed events taken off). */
function useDemand(camp: Camp, rows: readonly SessionRow[] | undefined) {
  const model = useMemo(() => buildCampModel({ ...campInput(camp), sessions: [], volunteers: [] }), [camp]);
  return camp.groups.map((g, gi) => {
    let free = 0;
    for (let u = 0; u < model.U; u++) if (model.blocked[gi * model.U + u] === null) free++;
    const need = (rows ?? []).reduce((sum, r) => sum + (!r?.groupIds?.length || r.groupIds.includes(g.id) ? (r?.unitsPerGroup ?? 0) : 0), 0);
    return { id: g.id, name: g.name, need, free };
  });
}

interface Props {
  camp: Camp;
  readOnly: boolean;
  onSaved: (camp: Camp) => void;
  onConflict: (err: ApiError) => void;
}

/** 课程目录: what is taught, of which kind, to which groups, how many units each group needs, and the repeat rules. */
export function SessionsEditor({ camp, readOnly, onSaved, onConflict }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const groupSet = useMemo(() => new Set(camp.groups.map((g) => g.id)), [camp.groups]);
  const { form, onFinish, submitting, formError } = useSchemaForm<typeof CampSessionsBody, Values, Camp>({
    schema: CampSessionsBody,
    // All values, not only those of rendered fields: the ids have no field of their own.
    toPayload: (): unknown => ({ items: toItems((form.getFieldsValue(true) as Values).items ?? []), version: camp.version }),
    mapPath: (p) => p.replace(/^(items\.\d+)\.id$/, '$1.title'),
    submit: (body) => campsApi.setSessions(camp.id, body.items, body.version),
    onSuccess: (saved) => {
      message.success(t('common.saved'));
      onSaved(saved);
    },
    onConflict,
  });
  const rows = Form.useWatch('items', form) as SessionRow[] | undefined;
  const demand = useDemand(camp, rows);
  const subjects = [...new Set((rows ?? []).map((r) => r?.subject?.trim()).filter((s): s is string => !!s))];
  const groupOptions = camp.groups.map((g) => ({ value: g.id, label: g.name }));

  const loadSeed = () => {
    const seed = seedCamp().sessions;
    form.setFieldsValue({ items: toRows(seed, groupSet) });
    const lost = seed.filter((s) => s.groupIds?.length && !knownGroups(s.groupIds, groupSet).length).length;
    if (lost) message.info(t('campSessions.seedGroupsLost', { count: lost }));
  };

  return (
    <Form<Values>
      form={form}
      onFinish={onFinish}
      onValuesChange={clearErrorsOnEdit(form)}
      initialValues={{ items: toRows(camp.sessions, groupSet) }}
      disabled={readOnly || submitting}
      data-testid="camp-sessions-form"
    >
      <FormError error={formError} />
      <Form.List name="items">
        {(fields, { add, remove }, { errors }) => (
          <Card
            size="small"
            title={t('campSessions.title', { count: fields.length })}
            extra={
              !readOnly && (
                <Flex gap={8} wrap>
                  {fields.length === 0 && (
                    <Button icon={<ExperimentOutlined />} onClick={loadSeed} data-testid="camp-seed-sessions">
                      {t('campSessions.loadSeed')}
                    </Button>
                  )}
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() => {
                      const taken = ((form.getFieldValue('items') as SessionRow[] | undefined) ?? []).map((r) => r.id);
                      add({
                        id: nextId('s', taken),
                        subject: '',
                        title: '',
                        kind: 'lesson',
                        groupIds: [],
                        unitsPerGroup: 2,
                        allowConsecutive: false,
                        allowRepeatInHalf: false,
                      });
                    }}
                    data-testid="camp-session-add"
                  >
                    {t('campSessions.add')}
                  </Button>
                </Flex>
              )
            }
            styles={{ body: { padding: 0 } }}
          >
            <Typography.Paragraph type="secondary" style={{ fontSize: 13, padding: '12px 12px 0' }}>
              {t('campSessions.hint')}
            </Typography.Paragraph>
            <Table
              rowKey="key"
              size="small"
              dataSource={fields}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('campSessions.empty') }}
              data-testid="camp-sessions-table"
              columns={[
                {
                  title: t('campFields.subject'),
                  key: 'subject',
                  width: 120,
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'subject']} style={{ margin: 0 }}>
                      <AutoComplete options={subjects.map((s) => ({ value: s }))} style={{ width: 110 }} placeholder={t('campSessions.subjectPlaceholder')} />
                    </Form.Item>
                  ),
                },
                {
                  title: t('campSessions.sessionTitle'),
                  key: 'title',
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'title']} style={{ margin: 0 }}>
                      <Input maxLength={100} style={{ minWidth: 180 }} data-testid={`camp-session-title-${f.name}`} />
                    </Form.Item>
                  ),
                },
                {
                  title: t('campFields.kind'),
                  key: 'kind',
                  width: 100,
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'kind']} style={{ margin: 0 }}>
                      <Select style={{ width: 92 }} options={SESSION_KINDS.map((k) => ({ value: k, label: t(`campSessions.kind.${k}`) }))} />
                    </Form.Item>
                  ),
                },
                {
                  title: t('campFields.groupIds'),
                  key: 'groupIds',
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'groupIds']} style={{ margin: 0 }}>
                      <Select
                        mode="multiple"
                        allowClear
                        options={groupOptions}
                        placeholder={t('campForm.allGroups')}
                        maxTagCount="responsive"
                        style={{ width: 220 }}
                      />
                    </Form.Item>
                  ),
                },
                {
                  title: <Tooltip title={t('campSessions.unitsHint')}>{t('campFields.unitsPerGroup')}</Tooltip>,
                  key: 'unitsPerGroup',
                  width: 100,
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'unitsPerGroup']} style={{ margin: 0 }}>
                      <InputNumber min={0} max={500} style={{ width: 80 }} />
                    </Form.Item>
                  ),
                },
                {
                  title: <Tooltip title={t('campSessions.consecutiveHint')}>{t('campSessions.consecutive')}</Tooltip>,
                  key: 'allowConsecutive',
                  width: 90,
                  align: 'center',
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'allowConsecutive']} valuePropName="checked" style={{ margin: 0 }}>
                      <Switch size="small" />
                    </Form.Item>
                  ),
                },
                {
                  title: <Tooltip title={t('campSessions.repeatHint')}>{t('campSessions.repeat')}</Tooltip>,
                  key: 'allowRepeatInHalf',
                  width: 90,
                  align: 'center',
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'allowRepeatInHalf']} valuePropName="checked" style={{ margin: 0 }}>
                      <Switch size="small" />
                    </Form.Item>
                  ),
                },
                ...(readOnly
                  ? []
                  : [
                      {
                        key: 'remove',
                        width: 48,
                        render: (_: unknown, f: { name: number }) => (
                          <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.remove')} onClick={() => remove(f.name)} />
                        ),
                      },
                    ]),
              ]}
            />
            <Form.ErrorList errors={errors} />
          </Card>
        )}
      </Form.List>
      <Card size="small" title={t('campSessions.demand')} style={{ marginTop: 16 }}>
        <Flex gap={8} wrap data-testid="camp-sessions-demand">
          {demand.map((d) => (
            <Tag key={d.id} color={d.need > d.free ? 'red' : d.need === 0 ? 'default' : 'green'}>
              {t('campSessions.demandOf', { group: d.name, need: d.need, free: d.free })}
            </Tag>
          ))}
          {!demand.length && <Typography.Text type="secondary">{t('campSessions.noGroups')}</Typography.Text>}
        </Flex>
      </Card>
      {!readOnly && (
        <Flex justify="end" style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" size="large" loading={submitting} data-testid="camp-sessions-submit">
            {t('common.save')}
          </Button>
        </Flex>
      )}
    </Form>
  );
}
