import { EventCreate, EventUpdate, type EventView, type FieldError, type TeamRules } from '@carebridge/shared';
import { Button, Card, Col, Flex, Form, Grid, Input, InputNumber, Row, Select, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useRef } from 'react';
import type { z } from 'zod';
import type { ApiError } from '../../api/client.ts';
import { useRegions, useSchools } from '../../api/queries.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { FormError } from '../../components/FormError.tsx';
import { useSchemaForm } from '../../forms/schema-form.ts';
import { scrollToError } from '../../forms/scroll-to-error.ts';
import { useT } from '../../i18n/lang.tsx';
import { type Organiser, RuleList } from './event-format.tsx';
import { createPayload, DEFAULT_RULES, type EventValues, updatePayload } from './event-values.ts';
import { eventsApi } from './events.api.ts';

/** Dates live in the form as 'YYYY-MM-DD' strings; the pickers get a dayjs. */
const dateItemProps = {
  getValueProps: (v: unknown) => ({ value: typeof v === 'string' && v ? dayjs(v) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null),
};

interface Props {
  /** The event being edited; absent when creating. */
  event?: EventView | undefined;
  /** Where the user may organise (create only). */
  organisers: Organiser[];
  initialValues: EventValues;
  onSaved: (event: EventView) => void;
  onCancel: () => void;
  onConflict?: (err: ApiError) => void;
}

/** One number of the team rules, with its unit ("人") after it. */
function RuleNumber({
  name,
  label,
  min,
  max,
  suffix,
  testId,
}: {
  name: keyof TeamRules;
  label: string;
  min: number;
  max: number;
  suffix: string;
  testId: string;
}) {
  return (
    <Form.Item name={['rules', name]} label={label} required style={{ marginBottom: 12 }}>
      <InputNumber min={min} max={max} precision={0} suffix={suffix || undefined} style={{ width: 120 }} data-testid={testId} />
    </Form.Item>
  );
}

/** An event with team registration: what, when, who may register, and the team rules explained beside their inputs. */
export function EventForm({ event, organisers, initialValues, onSaved, onCancel, onConflict }: Props) {
  const t = useT();
  const touch = Grid.useBreakpoint().md === false;
  const schools = useSchools();
  const regions = useRegions();
  const unitsChanged = useRef(false);
  const schema: z.ZodType = event ? EventUpdate : EventCreate;

  const { form, onFinish, submitting, formError } = useSchemaForm<z.ZodType, EventValues, EventView>({
    schema,
    toPayload: (v) => (event ? updatePayload(v, event.version, unitsChanged.current) : createPayload(v)),
    check: (v) => {
      const problems: FieldError[] = [];
      if (v.registrationOpens && v.registrationDeadline && v.registrationDeadline < v.registrationOpens)
        problems.push({ path: 'registrationDeadline', message: t('validation.date_order') });
      if (v.registrationDeadline && v.eventDate && v.eventDate < v.registrationDeadline)
        problems.push({ path: 'eventDate', message: t('errors.event_before_deadline') });
      return problems;
    },
    submit: (body) => (event ? eventsApi.update(event.id, body as z.output<typeof EventUpdate>) : eventsApi.create(body as EventCreate)),
    onSuccess: onSaved,
    ...(onConflict ? { onConflict } : {}),
  });

  const organiser = (Form.useWatch('organiser', form) as string | undefined) ?? initialValues.organiser;
  const watchedRules = Form.useWatch('rules', form) as Partial<TeamRules> | undefined;
  const rules: TeamRules = { ...DEFAULT_RULES, ...initialValues.rules, ...watchedRules };
  const opens = Form.useWatch('registrationOpens', form) as string | undefined;
  const deadline = Form.useWatch('registrationDeadline', form) as string | undefined;

  /** Schools that may be listed: those under the chosen region (creating), else every school the user sees. */
  const unitOptions = useMemo(() => {
    const all = schools.data ?? [];
    let list = all;
    if (!event) {
      const [kind, id] = (organiser ?? '').split(':');
      if (kind === 'school') return [];
      const path = regions.data?.find((r) => r.id === id)?.path;
      const paths = new Map((regions.data ?? []).map((r) => [r.id, r.path]));
      if (path) list = all.filter((s) => (paths.get(s.regionId) ?? '').startsWith(path));
    }
    const options = list.map((s) => ({ value: s.id, label: s.name }));
    for (const u of event?.units ?? []) if (!options.some((o) => o.value === u.id)) options.push({ value: u.id, label: u.name });
    return options;
  }, [schools.data, regions.data, organiser, event]);
  const organiserName = event?.organiser ?? organisers.find((o) => `${o.kind}:${o.id}` === organiser)?.name ?? '';

  return (
    <Form<EventValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      onValuesChange={(changed: Partial<EventValues>) => {
        if ('unitIds' in changed) unitsChanged.current = true;
      }}
      initialValues={initialValues}
      scrollToFirstError={scrollToError}
      disabled={submitting}
      style={{ maxWidth: 980 }}
    >
      <FormError error={formError} />
      <Card size="small" title={t('eventForm.basics')} style={{ marginBottom: 16 }}>
        {!event && organisers.length > 1 && (
          <Form.Item name="organiser" label={t('eventForm.organiser')} required>
            <Select
              options={organisers.map((o) => ({ value: `${o.kind}:${o.id}`, label: o.name }))}
              onChange={() => form.setFieldValue('unitIds', [])}
              data-testid="event-organiser"
            />
          </Form.Item>
        )}
        {!event && organisers.length <= 1 && (
          <Form.Item name="organiser" hidden>
            <Input />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('eventFields.title')} required>
          <Input maxLength={100} placeholder={t('eventForm.titlePlaceholder')} data-testid="event-title" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={8}>
            <Form.Item name="sport" label={t('eventFields.sport')}>
              <Input maxLength={30} placeholder={t('eventForm.sportPlaceholder')} data-testid="event-sport" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item name="place" label={t('eventFields.place')}>
              <Input maxLength={100} placeholder={t('eventForm.placePlaceholder')} data-testid="event-place" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={t('eventFields.description')}>
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 10 }}
            maxLength={4000}
            showCount
            placeholder={t('eventForm.descriptionPlaceholder')}
            data-testid="event-description"
          />
        </Form.Item>
      </Card>
      <Card size="small" title={t('eventForm.dates')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary" style={{ marginTop: 0, fontSize: 13 }}>
          {t('eventForm.intro')}
        </Typography.Paragraph>
        <Row gutter={16}>
          {(
            [
              ['registrationOpens', 'event-opens', undefined],
              ['registrationDeadline', 'event-deadline', opens],
              ['eventDate', 'event-date', deadline],
            ] as const
          ).map(([name, testId, after]) => (
            <Col xs={24} sm={8} key={name}>
              <Form.Item name={name} label={t(`eventFields.${name}`)} required {...dateItemProps}>
                <DateInput
                  style={{ width: '100%' }}
                  allowClear={false}
                  inputReadOnly={touch}
                  disabledDate={after ? (d) => d.format('YYYY-MM-DD') < after : undefined}
                  data-testid={testId}
                />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Card>
      {unitOptions.length > 1 && (
        <Card size="small" title={t('eventForm.units')} style={{ marginBottom: 16 }}>
          <Form.Item name="unitIds" extra={t('eventForm.unitsHint', { organiser: organiserName })} style={{ marginBottom: 0 }}>
            <Select
              mode="multiple"
              allowClear
              options={unitOptions}
              loading={schools.isLoading}
              placeholder={t('eventForm.unitsPlaceholder')}
              showSearch={{ optionFilterProp: 'label' }}
              aria-label={t('eventForm.units')}
              data-testid="event-units"
            />
          </Form.Item>
        </Card>
      )}
      <Card size="small" title={t('eventForm.rules')} style={{ marginBottom: 16 }}>
        <Row gutter={24}>
          <Col xs={24} md={13}>
            <Flex gap={16} wrap>
              <RuleNumber name="leaders" label={t('eventForm.leaders')} min={0} max={5} suffix={t('eventForm.persons')} testId="event-rule-leaders" />
              <RuleNumber name="maxCoaches" label={t('eventForm.maxCoaches')} min={0} max={5} suffix={t('eventForm.persons')} testId="event-rule-coaches" />
              <RuleNumber name="minPlayers" label={t('eventForm.minPlayers')} min={1} max={100} suffix={t('eventForm.persons')} testId="event-rule-min" />
              <RuleNumber name="maxPlayers" label={t('eventForm.maxPlayers')} min={1} max={100} suffix={t('eventForm.persons')} testId="event-rule-max" />
            </Flex>
            <Flex gap={24} wrap>
              <Form.Item name={['rules', 'leaderMayPlay']} label={t('eventForm.leaderMayPlay')} valuePropName="checked" style={{ marginBottom: 12 }}>
                <Switch data-testid="event-rule-leader-plays" />
              </Form.Item>
              <Form.Item name={['rules', 'coachMayPlay']} label={t('eventForm.coachMayPlay')} valuePropName="checked" style={{ marginBottom: 12 }}>
                <Switch data-testid="event-rule-coach-plays" />
              </Form.Item>
            </Flex>
            <Form.Item name={['rules', 'maxJointUnits']} label={t('eventForm.maxJointUnits')} extra={t('eventForm.jointHint')} required>
              <InputNumber min={1} max={10} precision={0} suffix={t('eventForm.unitsSuffix')} style={{ width: 140 }} data-testid="event-rule-joint" />
            </Form.Item>
          </Col>
          <Col xs={24} md={11}>
            <div style={{ background: '#f6ffed', border: '1px solid #b7eb8f', borderRadius: 8, padding: '10px 12px' }} data-testid="event-rule-text">
              <Typography.Text strong>{t('teamForm.rulesTitle')}</Typography.Text>
              <div style={{ marginTop: 6 }}>
                <RuleList rules={rules} />
              </div>
              <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
                {t('eventForm.rulesHint')}
              </Typography.Paragraph>
            </div>
          </Col>
        </Row>
      </Card>
      <Flex justify="end" gap={8}>
        <Button onClick={onCancel} disabled={false}>
          {t('common.cancel')}
        </Button>
        <Button type="primary" htmlType="submit" loading={submitting} size="large" data-testid="event-submit">
          {t(event ? 'eventForm.submitEdit' : 'eventForm.submitCreate')}
        </Button>
      </Flex>
    </Form>
  );
}
