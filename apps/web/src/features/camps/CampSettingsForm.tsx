import { DeleteOutlined, ExperimentOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type Camp,
  CampCreate,
  CampUpdate,
  ClockTime,
  campUnits,
  DEFAULT_MAX_LESSONS_IN_ROW,
  DEFAULT_UNIT_MINUTES,
  type FieldError,
  type School,
  SEED_GROUP_AGES,
  seedCamp,
  seedCampDates,
} from '@carebridge/shared';
import { Alert, Button, Card, Col, Flex, Form, type FormInstance, Grid, Input, InputNumber, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import type { z } from 'zod';
import type { ApiError } from '../../api/client.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { FormError } from '../../components/FormError.tsx';
import { SchoolPicker } from '../../components/SchoolPicker.tsx';
import { useSchemaForm } from '../../forms/schema-form.ts';
import { scrollToError } from '../../forms/scroll-to-error.ts';
import { useLang, useT } from '../../i18n/lang.tsx';
import { todayInShanghai } from '../../lib/dates.ts';
import { datesBetween, dayLabel, nextId, normalizeTime } from './camp-format.ts';
import { campsApi } from './camps.api.ts';
import { clearErrorsOnEdit, noEnterSubmit, settingsFieldPath } from './form-errors.ts';

interface WindowRow {
  start?: string;
  end?: string;
}
interface EventRow {
  title?: string;
  date?: string;
  start?: string;
  end?: string;
  groupIds?: string[];
}
interface GroupRow {
  id: string;
  name?: string;
  size?: number | null;
}

export interface SettingsValues {
  schoolId?: string;
  title?: string;
  place?: string | null;
  startDate?: string | null;
  endDate?: string | null;
  windows?: WindowRow[];
  unitMinutes?: number | null;
  maxLessonsInRow?: number | null;
  fixedEvents?: EventRow[];
  groups?: GroupRow[];
}

/** Dates live in the form as 'YYYY-MM-DD' strings; the picker gets a dayjs. */
const dateItemProps = {
  getValueProps: (v: unknown) => ({ value: typeof v === 'string' && v ? dayjs(v) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null),
};

export function toSettingsValues(c: Camp): SettingsValues {
  return {
    title: c.title,
    place: c.place ?? '',
    startDate: c.startDate,
    endDate: c.endDate,
    windows: c.windows.map((w) => ({ ...w })),
    unitMinutes: c.unitMinutes,
    maxLessonsInRow: c.maxLessonsInRow,
    fixedEvents: c.fixedEvents.map((e) => ({ ...e, groupIds: e.groupIds ? [...e.groupIds] : [] })),
    groups: c.groups.map((g) => ({ ...g })),
  };
}

const text = (v: string | null | undefined) => v?.trim() ?? '';
const isTime = (v: string | undefined): v is string => !!v && ClockTime.safeParse(v).success;

function settingsPayload(v: SettingsValues) {
  return {
    title: text(v.title),
    place: text(v.place) || null,
    startDate: v.startDate ?? undefined,
    endDate: v.endDate ?? undefined,
    windows: (v.windows ?? []).map((w) => ({ start: text(w.start), end: text(w.end) })),
    unitMinutes: v.unitMinutes ?? undefined,
    maxLessonsInRow: v.maxLessonsInRow ?? undefined,
    fixedEvents: (v.fixedEvents ?? []).map((e) => ({
      title: text(e.title),
      date: e.date,
      start: text(e.start),
      end: text(e.end),
      ...(e.groupIds?.length ? { groupIds: e.groupIds } : {}),
    })),
    groups: (v.groups ?? []).map((g) => ({ id: g.id, name: text(g.name), ...(g.size ? { size: g.size } : {}) })),
  };
}

/** The units a day and over the camp, from what is typed so far (incomplete rows ignored). */
function useUnitCount(form: FormInstance<SettingsValues>) {
  const windows = Form.useWatch('windows', form) as WindowRow[] | undefined;
  const minutes = Form.useWatch('unitMinutes', form) as number | null | undefined;
  const start = Form.useWatch('startDate', form) as string | null | undefined;
  const end = Form.useWatch('endDate', form) as string | null | undefined;
  return useMemo(() => {
    const valid = (windows ?? []).filter((w): w is { start: string; end: string } => isTime(w?.start) && isTime(w?.end) && w.start < w.end);
    const days = datesBetween(start ?? undefined, end ?? undefined);
    const perDay = valid.length ? campUnits(['2000-01-01'], valid, minutes || DEFAULT_UNIT_MINUTES).length : 0;
    return { days, perDay, total: perDay * days.length };
  }, [windows, minutes, start, end]);
}

interface Props {
  /** The camp being changed; absent when creating. */
  camp?: Camp | undefined;
  /** Creating: the schools the user may create a camp at. */
  schools?: readonly School[];
  initialSchoolId?: string | undefined;
  readOnly?: boolean;
  onSaved: (camp: Camp) => void;
  onCancel?: () => void;
  onConflict?: (err: ApiError) => void;
  /** Extra buttons on the left of the footer (delete). */
  extra?: React.ReactNode;
}

/** 基本设置: name, place, dates, the daily windows cut into units, rules of the grid, groups and fixed events. */
export function CampSettingsForm({ camp, schools, initialSchoolId, readOnly, onSaved, onCancel, onConflict, extra }: Props) {
  const t = useT();
  const { lang } = useLang();
  const touch = Grid.useBreakpoint().md === false;
  const schema: z.ZodType = camp ? CampUpdate : CampCreate;

  const { form, onFinish, submitting, formError } = useSchemaForm<z.ZodType, SettingsValues, Camp>({
    schema,
    toPayload: () => {
      // All values, not only those of rendered fields (a single school has no picker).
      const v = form.getFieldsValue(true) as SettingsValues;
      return camp ? { ...settingsPayload(v), version: camp.version } : { schoolId: v.schoolId, ...settingsPayload(v) };
    },
    mapPath: settingsFieldPath,
    check: (v) => {
      const problems: FieldError[] = [];
      const days = datesBetween(v.startDate ?? undefined, v.endDate ?? undefined, 61);
      if (v.startDate && v.endDate && v.endDate < v.startDate) problems.push({ path: 'endDate', message: t('validation.date_order') });
      else if (days.length > 60) problems.push({ path: 'endDate', message: t('errors.camp_too_long') });
      // Overlaps are judged in time order but shown on the row as typed.
      const order = (v.windows ?? []).map((w, i) => ({ ...w, i })).sort((a, b) => (a.start ?? '').localeCompare(b.start ?? ''));
      for (let k = 1; k < order.length; k++) {
        const prev = order[k - 1]!;
        const cur = order[k]!;
        if (isTime(prev.end) && isTime(cur.start) && cur.start < prev.end)
          problems.push({ path: `windows.${cur.i}.start`, message: t('errors.camp_windows_overlap') });
      }
      (v.fixedEvents ?? []).forEach((e, i) => {
        if (e.date && !days.includes(e.date)) problems.push({ path: `fixedEvents.${i}.date`, message: t('errors.camp_date_outside') });
      });
      return problems;
    },
    submit: (body) => (camp ? campsApi.update(camp.id, body as CampUpdate) : campsApi.create(body as CampCreate)),
    onSuccess: onSaved,
    ...(onConflict ? { onConflict } : {}),
  });

  const units = useUnitCount(form);
  const groups = (Form.useWatch('groups', form) as GroupRow[] | undefined) ?? [];
  const startDate = Form.useWatch('startDate', form) as string | null | undefined;
  const endDate = Form.useWatch('endDate', form) as string | null | undefined;
  const dayOptions = datesBetween(startDate ?? undefined, endDate ?? undefined).map((d) => ({ value: d, label: dayLabel(d, lang) }));
  const groupOptions = groups.filter((g) => g?.name?.trim()).map((g) => ({ value: g.id, label: g.name }));

  /** 载入示例: the seed camp's settings into whatever is still empty (typed values stay). */
  const fillSeed = () => {
    const seed = seedCamp();
    const v = form.getFieldsValue(true) as SettingsValues;
    const patch: SettingsValues = {};
    // The seed's days in the coming summer, not a summer gone by.
    const dates = seedCampDates(todayInShanghai());
    if (!text(v.title)) patch.title = t('campForm.seedTitle', { year: dates.year });
    if (!text(v.place)) patch.place = t('campForm.seedPlace');
    if (!v.startDate || !v.endDate) {
      patch.startDate = dates.startDate;
      patch.endDate = dates.endDate;
    }
    if (!(v.windows ?? []).some((w) => text(w.start) || text(w.end))) patch.windows = seed.windows.map((w) => ({ ...w }));
    if (!(v.groups ?? []).some((g) => text(g.name)))
      patch.groups = seed.groups.map((g, i) => ({ ...g, name: t('campForm.seedGroup', { n: i + 1, ages: SEED_GROUP_AGES[i] ?? '' }) }));
    const days = datesBetween(patch.startDate ?? v.startDate ?? undefined, patch.endDate ?? v.endDate ?? undefined);
    if (!(v.fixedEvents ?? []).length) {
      // The opening session on the first day, whatever the dates.
      patch.fixedEvents = (seed.fixedEvents ?? []).map((e) => ({ ...e, title: t('campForm.seedEvent'), date: days[0] ?? e.date, groupIds: [] }));
    }
    form.setFieldsValue(patch);
  };

  const initialValues: SettingsValues = camp
    ? toSettingsValues(camp)
    : {
        schoolId: initialSchoolId,
        windows: [{ start: '', end: '' }],
        unitMinutes: DEFAULT_UNIT_MINUTES,
        maxLessonsInRow: DEFAULT_MAX_LESSONS_IN_ROW,
        fixedEvents: [],
        groups: [],
      };

  return (
    <Form<SettingsValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      onValuesChange={clearErrorsOnEdit(form)}
      onKeyDown={noEnterSubmit}
      initialValues={initialValues}
      scrollToFirstError={scrollToError}
      disabled={readOnly || submitting}
      style={{ maxWidth: 1000 }}
      data-testid="camp-settings-form"
    >
      <FormError error={formError} />
      <Card
        size="small"
        title={t('campForm.basics')}
        style={{ marginBottom: 16 }}
        extra={
          !readOnly && (
            <Button size="small" icon={<ExperimentOutlined />} onClick={fillSeed} data-testid="camp-seed-settings">
              {t('campForm.fillSeed')}
            </Button>
          )
        }
      >
        {!camp && (
          <Form.Item name="schoolId" label={t('campFields.schoolId')} required hidden={!schools || schools.length < 2}>
            <SchoolPicker schools={schools ?? []} data-testid="camp-school" />
          </Form.Item>
        )}
        {!camp && schools && schools.length === 1 && (
          <Typography.Paragraph type="secondary">
            {t('campFields.schoolId')}
            {lang === 'zh-CN' ? '：' : ': '}
            {schools[0]?.name}
          </Typography.Paragraph>
        )}
        <Row gutter={16}>
          <Col xs={24} md={14}>
            <Form.Item name="title" label={t('campFields.title')} required>
              <Input maxLength={100} placeholder={t('campForm.titlePlaceholder')} data-testid="camp-title" />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="place" label={t('campFields.place')}>
              <Input maxLength={100} placeholder={t('campForm.placePlaceholder')} data-testid="camp-place" />
            </Form.Item>
          </Col>
          <Col xs={12} md={7}>
            <Form.Item name="startDate" label={t('campFields.startDate')} required {...dateItemProps}>
              <DateInput style={{ width: '100%' }} inputReadOnly={touch} data-testid="camp-start-date" />
            </Form.Item>
          </Col>
          <Col xs={12} md={7}>
            <Form.Item name="endDate" label={t('campFields.endDate')} required {...dateItemProps}>
              <DateInput style={{ width: '100%' }} inputReadOnly={touch} data-testid="camp-end-date" />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Typography.Text type="secondary" style={{ display: 'block', paddingTop: touch ? 0 : 34 }} data-testid="camp-unit-count">
              {units.days.length > 0 && units.perDay > 0
                ? t('campForm.unitCount', { days: units.days.length, perDay: units.perDay, total: units.total })
                : t('campForm.unitCountEmpty')}
            </Typography.Text>
          </Col>
        </Row>
      </Card>

      <Card size="small" title={t('campForm.daily')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('campForm.windowsHint')}
        </Typography.Paragraph>
        <Form.List name="windows">
          {(fields, { add, remove }) => (
            <Flex vertical gap={0}>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="start" wrap data-testid={`camp-window-${field.name}`}>
                  <Form.Item
                    name={[field.name, 'start']}
                    label={field.name === 0 ? t('campFields.start') : undefined}
                    normalize={normalizeTime}
                    style={{ width: 120, marginBottom: 12 }}
                  >
                    <Input placeholder="09:00" maxLength={5} inputMode="numeric" data-testid={`camp-window-start-${field.name}`} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'end']}
                    label={field.name === 0 ? t('campFields.end') : undefined}
                    normalize={normalizeTime}
                    style={{ width: 120, marginBottom: 12 }}
                  >
                    <Input placeholder="11:30" maxLength={5} inputMode="numeric" data-testid={`camp-window-end-${field.name}`} />
                  </Form.Item>
                  {fields.length > 1 && !readOnly && (
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('common.remove')}
                      onClick={() => remove(field.name)}
                      style={{ marginTop: field.name === 0 ? 30 : 0 }}
                    />
                  )}
                </Flex>
              ))}
              {!readOnly && fields.length < 8 && (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ start: '', end: '' })}
                  style={{ alignSelf: 'flex-start', marginBottom: 16 }}
                  data-testid="camp-window-add"
                >
                  {t('campForm.addWindow')}
                </Button>
              )}
            </Flex>
          )}
        </Form.List>
        <Row gutter={16}>
          <Col xs={12} md={8}>
            <Form.Item name="unitMinutes" label={t('campFields.unitMinutes')} extra={t('campForm.unitMinutesHint')}>
              <InputNumber min={10} max={120} step={5} style={{ width: '100%' }} data-testid="camp-unit-minutes" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="maxLessonsInRow" label={t('campFields.maxLessonsInRow')} extra={t('campForm.maxLessonsHint')}>
              <InputNumber min={1} max={20} style={{ width: '100%' }} data-testid="camp-max-lessons" />
            </Form.Item>
          </Col>
        </Row>
        {camp?.solvedAt && <Alert type="warning" showIcon title={t('campForm.resolveHint')} />}
      </Card>

      <Card size="small" title={t('campFields.groups')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('campForm.groupsHint')}
        </Typography.Paragraph>
        <Form.List name="groups">
          {(fields, { add, remove }, { errors }) => (
            <Flex vertical>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="start" wrap data-testid={`camp-group-${field.name}`}>
                  <Form.Item name={[field.name, 'id']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[field.name, 'name']} style={{ flex: '1 1 220px', marginBottom: 12 }}>
                    <Input maxLength={50} placeholder={t('campForm.groupNamePlaceholder')} data-testid={`camp-group-name-${field.name}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'size']} style={{ width: 140, marginBottom: 12 }}>
                    <InputNumber min={1} max={200} placeholder={t('campFields.size')} style={{ width: '100%' }} data-testid={`camp-group-size-${field.name}`} />
                  </Form.Item>
                  {!readOnly && <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.remove')} onClick={() => remove(field.name)} />}
                </Flex>
              ))}
              {!readOnly && fields.length < 50 && (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  style={{ alignSelf: 'flex-start' }}
                  onClick={() => {
                    const taken = ((form.getFieldValue('groups') as GroupRow[] | undefined) ?? []).map((g) => g.id);
                    add({ id: nextId('g', taken), name: '', size: null });
                  }}
                  data-testid="camp-group-add"
                >
                  {t('campForm.addGroup')}
                </Button>
              )}
              {/* What concerns the groups as a whole (a group removed or made smaller with children in it, a session left without its groups). */}
              {/* Inside a Form.Item, as antd's dynamic lists do: there the list reads as an error (red). */}
              <Form.Item style={{ marginTop: 8, marginBottom: 0 }} data-testid="camp-groups-errors">
                <Form.ErrorList errors={errors} />
              </Form.Item>
            </Flex>
          )}
        </Form.List>
      </Card>

      <Card size="small" title={t('campFields.fixedEvents')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('campForm.eventsHint')}
        </Typography.Paragraph>
        <Form.List name="fixedEvents">
          {(fields, { add, remove }) => (
            <Flex vertical>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="start" wrap data-testid={`camp-event-${field.name}`}>
                  <Form.Item name={[field.name, 'title']} style={{ flex: '1 1 180px', marginBottom: 12 }}>
                    <Input maxLength={100} placeholder={t('campForm.eventTitlePlaceholder')} data-testid={`camp-event-title-${field.name}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'date']} style={{ width: 160, marginBottom: 12 }}>
                    <Select options={dayOptions} placeholder={t('campFields.date')} notFoundContent={t('campForm.datesFirst')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'start']} normalize={normalizeTime} style={{ width: 90, marginBottom: 12 }}>
                    <Input placeholder="09:00" maxLength={5} inputMode="numeric" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'end']} normalize={normalizeTime} style={{ width: 90, marginBottom: 12 }}>
                    <Input placeholder="11:30" maxLength={5} inputMode="numeric" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'groupIds']} style={{ flex: '1 1 200px', marginBottom: 12 }}>
                    <Select mode="multiple" allowClear options={groupOptions} placeholder={t('campForm.allGroups')} maxTagCount="responsive" />
                  </Form.Item>
                  {!readOnly && <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.remove')} onClick={() => remove(field.name)} />}
                </Flex>
              ))}
              {!readOnly && fields.length < 100 && (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  style={{ alignSelf: 'flex-start' }}
                  onClick={() => add({ title: '', date: dayOptions[0]?.value, start: '', end: '', groupIds: [] })}
                  data-testid="camp-event-add"
                >
                  {t('campForm.addEvent')}
                </Button>
              )}
            </Flex>
          )}
        </Form.List>
      </Card>

      {!readOnly && (
        <Flex justify="space-between" gap={8} wrap>
          <div>{extra}</div>
          <Flex gap={8}>
            {onCancel && <Button onClick={onCancel}>{t('common.cancel')}</Button>}
            <Button type="primary" htmlType="submit" loading={submitting} size="large" data-testid="camp-settings-submit">
              {camp ? t('common.save') : t('campForm.create')}
            </Button>
          </Flex>
        </Flex>
      )}
    </Form>
  );
}
