import { CalendarOutlined, DeleteOutlined, ExperimentOutlined, PlusOutlined } from '@ant-design/icons';
import { type Camp, type CampVolunteerEntry, CampVolunteersBody, type DatedSpan, MAX_VOLUNTEER_UNITS, seedCamp } from '@carebridge/shared';
import { App, Button, Card, Checkbox, Flex, Form, Input, InputNumber, Modal, Radio, Select, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { ApiError } from '../../api/client.ts';
import { FormError } from '../../components/FormError.tsx';
import { useSchemaForm } from '../../forms/schema-form.ts';
import { useLang, useT } from '../../i18n/lang.tsx';
import { dayLabel, nextId } from './camp-format.ts';
import { campsApi, useVolunteerUsers } from './camps.api.ts';
import { clearErrorsOnEdit } from './form-errors.ts';

interface VolunteerRow {
  id: string;
  name?: string;
  userId?: string | null;
  phone?: string | null;
  leader?: boolean;
  sessionIds?: string[];
  /** null: the whole camp. */
  available?: DatedSpan[] | null;
  maxUnits?: number | null;
}

interface Values {
  items?: VolunteerRow[];
}

type Window = { start: string; end: string };

/** The camp's half-days: each date with each daily window, windows by start time. */
function halvesOf(camp: Pick<Camp, 'days' | 'windows'>) {
  const windows = [...camp.windows].sort((a, b) => a.start.localeCompare(b.start));
  return { days: camp.days, windows };
}

const covers = (spans: readonly DatedSpan[], date: string, w: Window) => spans.some((s) => s.date === date && s.start <= w.start && s.end >= w.end);

function toRows(camp: Camp): VolunteerRow[] {
  const sessions = new Set(camp.sessions.map((s) => s.id));
  return camp.volunteers.map((v) => ({
    ...v,
    // Sessions removed from the catalogue since are dropped (the server would refuse them).
    sessionIds: v.sessionIds.filter((s) => sessions.has(s)),
    available: v.available ?? null,
    maxUnits: v.maxUnits ?? null,
  }));
}

function toItems(rows: readonly VolunteerRow[]) {
  return rows.map((r) => ({
    id: r.id,
    name: r.name?.trim() ?? '',
    userId: r.userId || null,
    phone: r.phone?.trim() || null,
    leader: !!r.leader,
    sessionIds: r.sessionIds ?? [],
    ...(r.available ? { available: r.available } : {}),
    ...(r.maxUnits !== null && r.maxUnits !== undefined ? { maxUnits: r.maxUnits } : {}),
  }));
}

/** The seed's volunteers, their sessions limited to this catalogue and their days moved onto this camp's days (by position). */
function seedRows(camp: Camp): VolunteerRow[] {
  const seed = seedCamp();
  const sessions = new Set(camp.sessions.map((s) => s.id));
  const dayOf = new Map(seed.days.map((d, i) => [d, camp.days[i]]));
  return seed.volunteers.map((v) => ({
    id: v.id,
    name: v.name,
    userId: null,
    phone: null,
    leader: false,
    sessionIds: v.sessionIds.filter((s) => sessions.has(s)),
    available: v.available
      ? v.available.flatMap((a) => {
          const date = dayOf.get(a.date);
          return date ? [{ ...a, date }] : [];
        })
      : null,
    maxUnits: v.maxUnits ?? null,
  }));
}

/** When a volunteer is there: the whole camp, or chosen half-days (a Form.Item control). */
function AvailabilityField({
  camp,
  value,
  onChange,
  id,
  disabled,
}: {
  camp: Camp;
  value?: DatedSpan[] | null;
  onChange?: (v: DatedSpan[] | null) => void;
  id?: string;
  disabled?: boolean;
}) {
  const t = useT();
  const { lang } = useLang();
  const { days, windows } = halvesOf(camp);
  const [open, setOpen] = useState(false);
  const [whole, setWhole] = useState(true);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const total = days.length * windows.length;
  const count = value ? days.reduce((n, d) => n + windows.filter((w) => covers(value, d, w)).length, 0) : total;

  const start = () => {
    setWhole(!value);
    const next = new Set<string>();
    for (const d of days) for (const w of windows) if (!value || covers(value, d, w)) next.add(`${d}|${w.start}`);
    setChecked(next);
    setOpen(true);
  };
  const toggle = (key: string, on: boolean) =>
    setChecked((s) => {
      const next = new Set(s);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });
  const done = () => {
    if (whole) onChange?.(null);
    else onChange?.(days.flatMap((d) => windows.filter((w) => checked.has(`${d}|${w.start}`)).map((w) => ({ date: d, start: w.start, end: w.end }))));
    setOpen(false);
  };

  return (
    <>
      <Button id={id} size="small" icon={<CalendarOutlined />} onClick={start} disabled={disabled} data-testid="camp-volunteer-available">
        {value ? t('campVolunteers.someHalves', { count, total }) : t('campVolunteers.wholeCamp')}
      </Button>
      <Modal open={open} title={t('campVolunteers.availableTitle')} onCancel={() => setOpen(false)} onOk={done} okText={t('common.save')} destroyOnHidden>
        <Radio.Group value={whole ? 'whole' : 'some'} onChange={(e) => setWhole(e.target.value === 'whole')} style={{ marginBottom: 12 }}>
          <Radio value="whole">{t('campVolunteers.wholeCamp')}</Radio>
          <Radio value="some">{t('campVolunteers.chosenHalves')}</Radio>
        </Radio.Group>
        {!whole && (
          <table style={{ borderCollapse: 'collapse', width: '100%' }}>
            <thead>
              <tr>
                <th />
                {windows.map((w) => (
                  <th key={w.start} style={{ fontWeight: 500, padding: 4 }}>
                    {w.start}–{w.end}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d}>
                  <td style={{ padding: 4, whiteSpace: 'nowrap' }}>{dayLabel(d, lang)}</td>
                  {windows.map((w) => (
                    <td key={w.start} style={{ textAlign: 'center', padding: 4 }}>
                      <Checkbox checked={checked.has(`${d}|${w.start}`)} onChange={(e) => toggle(`${d}|${w.start}`, e.target.checked)} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {!whole && checked.size === 0 && <Typography.Text type="warning">{t('campVolunteers.neverThere')}</Typography.Text>}
      </Modal>
    </>
  );
}

interface Props {
  camp: Camp;
  readOnly: boolean;
  onSaved: (camp: Camp) => void;
  onConflict: (err: ApiError) => void;
}

/** 志愿者: who teaches what, when they are there, at most how many units, and who leads (leaders edit the camp). */
export function VolunteersEditor({ camp, readOnly, onSaved, onConflict }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const users = useVolunteerUsers(camp.schoolId, !readOnly);
  const initialRows = useMemo(() => toRows(camp), [camp]);
  const { form, onFinish, submitting, formError } = useSchemaForm<typeof CampVolunteersBody, Values, Camp>({
    schema: CampVolunteersBody,
    // All values, not only those of rendered fields: the ids have no field of their own.
    toPayload: (): unknown => ({ items: toItems((form.getFieldsValue(true) as Values).items ?? []), version: camp.version }),
    mapPath: (p) => p.replace(/^(items\.\d+)\.id$/, '$1.name').replace(/^(items\.\d+\.available)\..*$/, '$1'),
    submit: (body) => campsApi.setVolunteers(camp.id, body.items as CampVolunteerEntry[], body.version),
    onSuccess: (saved) => {
      message.success(t('common.saved'));
      onSaved(saved);
    },
    onConflict,
  });
  const sessionOptions = camp.sessions.map((s) => ({ value: s.id, label: s.title, title: s.subject }));
  const userOptions = (users.data ?? []).map((u) => ({ value: u.id, label: t('validation.aside', { text: u.name, note: u.username }) }));
  const rows = Form.useWatch('items', form) as VolunteerRow[] | undefined;
  /** Sessions nobody can teach yet. */
  const uncovered = camp.sessions.filter((s) => !(rows ?? []).some((r) => r?.sessionIds?.includes(s.id)));

  const pickUser = (index: number, userId: string | undefined) => {
    const user = users.data?.find((u) => u.id === userId);
    if (!user) return;
    const row = form.getFieldValue(['items', index]) as VolunteerRow;
    // The account is the person: its name and (if none typed) phone.
    form.setFieldValue(['items', index], { ...row, userId, name: user.name, phone: row.phone || user.phone || null });
  };

  return (
    <Form<Values>
      form={form}
      onFinish={onFinish}
      onValuesChange={clearErrorsOnEdit(form)}
      initialValues={{ items: initialRows }}
      disabled={readOnly || submitting}
      data-testid="camp-volunteers-form"
    >
      <FormError error={formError} />
      <Form.List name="items">
        {(fields, { add, remove }, { errors }) => (
          <Card
            size="small"
            title={t('campVolunteers.title', { count: fields.length })}
            styles={{ body: { padding: 0 } }}
            extra={
              !readOnly && (
                <Flex gap={8} wrap>
                  {fields.length === 0 && camp.sessions.length > 0 && (
                    <Button icon={<ExperimentOutlined />} onClick={() => form.setFieldsValue({ items: seedRows(camp) })} data-testid="camp-seed-volunteers">
                      {t('campVolunteers.loadSeed')}
                    </Button>
                  )}
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() => {
                      const taken = ((form.getFieldValue('items') as VolunteerRow[] | undefined) ?? []).map((r) => r.id);
                      add({ id: nextId('v', taken), name: '', userId: null, phone: null, leader: false, sessionIds: [], available: null, maxUnits: null });
                    }}
                    data-testid="camp-volunteer-add"
                  >
                    {t('campVolunteers.add')}
                  </Button>
                </Flex>
              )
            }
          >
            <Typography.Paragraph type="secondary" style={{ fontSize: 13, padding: '12px 12px 0' }}>
              {camp.sessions.length ? t('campVolunteers.hint') : t('campVolunteers.sessionsFirst')}
            </Typography.Paragraph>
            <Table
              rowKey="key"
              size="small"
              dataSource={fields}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('campVolunteers.empty') }}
              data-testid="camp-volunteers-table"
              columns={[
                {
                  title: t('campVolunteers.name'),
                  key: 'name',
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'name']} style={{ margin: 0 }}>
                      <Input maxLength={50} style={{ width: 110 }} data-testid={`camp-volunteer-name-${f.name}`} />
                    </Form.Item>
                  ),
                },
                {
                  title: <Tooltip title={t('campVolunteers.accountHint')}>{t('campFields.userId')}</Tooltip>,
                  key: 'userId',
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'userId']} style={{ margin: 0 }}>
                      <Select
                        allowClear
                        showSearch={{ optionFilterProp: 'label' }}
                        options={userOptions}
                        loading={users.isLoading}
                        placeholder={t('campVolunteers.noAccount')}
                        notFoundContent={t('campVolunteers.noAccounts')}
                        onChange={(v: string | undefined) => pickUser(f.name, v)}
                        style={{ width: 170 }}
                        data-testid={`camp-volunteer-user-${f.name}`}
                      />
                    </Form.Item>
                  ),
                },
                {
                  title: t('campFields.sessionIds'),
                  key: 'sessionIds',
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'sessionIds']} style={{ margin: 0 }}>
                      <Select
                        mode="multiple"
                        allowClear
                        options={sessionOptions}
                        showSearch={{ optionFilterProp: 'label' }}
                        maxTagCount="responsive"
                        placeholder={t('common.select')}
                        style={{ width: 260 }}
                      />
                    </Form.Item>
                  ),
                },
                {
                  title: t('campFields.available'),
                  key: 'available',
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'available']} style={{ margin: 0 }}>
                      <AvailabilityField camp={camp} />
                    </Form.Item>
                  ),
                },
                {
                  title: t('campFields.maxUnits'),
                  key: 'maxUnits',
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'maxUnits']} style={{ margin: 0 }}>
                      <InputNumber min={0} max={MAX_VOLUNTEER_UNITS} placeholder={t('campVolunteers.unlimited')} style={{ width: 90 }} />
                    </Form.Item>
                  ),
                },
                {
                  title: t('campVolunteers.phone'),
                  key: 'phone',
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'phone']} style={{ margin: 0 }}>
                      <Input maxLength={30} style={{ width: 130 }} />
                    </Form.Item>
                  ),
                },
                {
                  title: <Tooltip title={t('campVolunteers.leaderHint')}>{t('campVolunteers.leader')}</Tooltip>,
                  key: 'leader',
                  align: 'center',
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'leader']} valuePropName="checked" style={{ margin: 0 }}>
                      <Switch size="small" data-testid={`camp-volunteer-leader-${f.name}`} />
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
      {uncovered.length > 0 && (rows?.length ?? 0) > 0 && (
        <Flex gap={6} wrap align="center" style={{ marginTop: 12 }} data-testid="camp-volunteers-uncovered">
          <Typography.Text type="warning">{t('campVolunteers.uncovered')}</Typography.Text>
          {uncovered.map((s) => (
            <Tag key={s.id} color="orange">
              {s.title}
            </Tag>
          ))}
        </Flex>
      )}
      {!readOnly && (
        <Flex justify="end" style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" size="large" loading={submitting} data-testid="camp-volunteers-submit">
            {t('common.save')}
          </Button>
        </Flex>
      )}
    </Form>
  );
}
