import { type Activity, ActivityCreate, type ActivityKind, ActivityUpdate, type FieldError, RECURRENCE } from '@carebridge/shared';
import { Alert, Button, Card, Col, Flex, Form, Grid, Input, InputNumber, Row, Select, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useMemo, useRef, useState } from 'react';
import type { z } from 'zod';
import type { ApiError } from '../../api/client.ts';
import { useSchools } from '../../api/queries.ts';
import { useMe } from '../../auth/session.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { FormError } from '../../components/FormError.tsx';
import { SchoolPicker } from '../../components/SchoolPicker.tsx';
import { TimeInput } from '../../components/TimeInput.tsx';
import { useSchemaForm } from '../../forms/schema-form.ts';
import { scrollToError } from '../../forms/scroll-to-error.ts';
import { useT } from '../../i18n/lang.tsx';
import { todayInShanghai } from '../../lib/dates.ts';
import { submitGuard } from '../../lib/submit-guard.ts';
import { activitiesApi } from './activities.api.ts';
import { organisesAt, ownClasses, useKindOptions } from './activity-format.tsx';
import { type ActivityValues, createPayload, needsTargetValue, updatePayload } from './activity-values.ts';
import { TargetFields } from './TargetFields.tsx';
import { TopicGrid } from './TopicGrid.tsx';

/** Dates live in the form as 'YYYY-MM-DD' strings, times as 'HH:mm'; the pickers get a dayjs. */
const dateItemProps = {
  getValueProps: (v: unknown) => ({ value: typeof v === 'string' && v ? dayjs(v) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null),
};
const timeItemProps = {
  getValueProps: (v: unknown) => ({ value: typeof v === 'string' && v ? dayjs(`2000-01-01T${v}`) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('HH:mm') : null),
};

interface Props {
  /** The activity being edited; absent when creating. */
  activity?: Activity | undefined;
  initialValues: ActivityValues;
  notice?: ReactNode;
  onSaved: (activity: Activity | null) => void;
  onCancel: () => void;
  onConflict?: (err: ApiError, values: ActivityValues) => void;
}

/** An activity or meeting: kind, title, when and where, who it is for, places, safety topics, and (new ones) a repeating plan. */
export function ActivityForm({ activity, initialValues, notice, onSaved, onCancel, onConflict }: Props) {
  const t = useT();
  const me = useMe().data;
  const schools = useSchools();
  const kindOptions = useKindOptions();
  const touch = Grid.useBreakpoint().md === false;
  const latest = useRef<ActivityValues | null>(null);
  const schema: z.ZodType = activity ? ActivityUpdate : ActivityCreate;
  // One activity per form, however often Enter or the button is pressed (see submitGuard).
  const [guard] = useState(submitGuard);

  const { form, onFinish, submitting, formError } = useSchemaForm<z.ZodType, ActivityValues, Activity | null>({
    schema,
    toPayload: (v) => {
      latest.current = v;
      return activity ? updatePayload(v, activity) : createPayload(v);
    },
    check: (v) => {
      const problems: FieldError[] = [];
      if (v.kind === 'other' && !v.customKind?.trim()) problems.push({ path: 'customKind', message: t('errors.activity_custom_kind') });
      if (v.kind === 'safety_education' && !v.topics?.length) problems.push({ path: 'topics', message: t('errors.activity_topics_required') });
      if (v.startTime && v.endTime && v.endTime < v.startTime) problems.push({ path: 'endTime', message: t('errors.activity_end_before_start') });
      if (needsTargetValue(v.target?.scope) && !v.target?.value) problems.push({ path: 'target.value', message: t('errors.activity_target_value') });
      if (v.repeatOn && v.repeat?.until && v.date && v.repeat.until < v.date) problems.push({ path: 'repeat.until', message: t('validation.date_order') });
      return problems;
    },
    submit: (body) => {
      if (!activity) return activitiesApi.create(body as ActivityCreate);
      // Only the version: nothing changed.
      if (Object.keys(body as object).length === 1) return Promise.resolve(null);
      return activitiesApi.update(activity.id, body as ActivityUpdate);
    },
    onSuccess: (saved) => {
      guard.succeeded();
      onSaved(saved);
    },
    onConflict: onConflict && ((err) => latest.current && onConflict(err, latest.current)),
  });

  // Saved: the page is on its way to the activity; the form stays as it was sent.
  const busy = submitting || guard.done();
  const kind = (Form.useWatch('kind', form) as ActivityKind | undefined) ?? initialValues.kind;
  const schoolId = (Form.useWatch('schoolId', form) as string | undefined) ?? initialValues.schoolId;
  const repeatOn = Form.useWatch('repeatOn', form) as boolean | undefined;
  const date = Form.useWatch('date', form) as string | undefined;
  /** Schools where this user may plan something (organisers anywhere in it, class teachers for their class). */
  const plannable = useMemo(
    () => (schools.data ?? []).filter((s) => organisesAt(me, s.id) || ownClasses(me).some((k) => k.schoolId === s.id)),
    [schools.data, me],
  );
  const onlyClasses = schoolId && !organisesAt(me, schoolId) ? ownClasses(me).filter((k) => k.schoolId === schoolId) : undefined;

  return (
    <Form<ActivityValues>
      form={form}
      layout="vertical"
      onFinish={(v) => guard.run(() => onFinish(v))}
      initialValues={initialValues}
      scrollToFirstError={scrollToError}
      disabled={busy}
      style={{ maxWidth: 980 }}
    >
      {notice}
      <FormError error={formError} />
      <Card size="small" title={t('activityForm.basics')} style={{ marginBottom: 16 }}>
        {!activity && plannable.length > 1 && (
          <Form.Item name="schoolId" label={t('activityFields.schoolId')} required>
            <SchoolPicker
              schools={plannable}
              loading={schools.isLoading}
              onChange={(id) => {
                const own = organisesAt(me, id) ? undefined : ownClasses(me).find((k) => k.schoolId === id);
                form.setFieldValue('target', own ? { scope: 'class', value: own.id } : { scope: 'all', value: null });
              }}
              style={{ width: '100%' }}
              data-testid="activity-school"
            />
          </Form.Item>
        )}
        {(activity || plannable.length <= 1) && (
          <Form.Item name="schoolId" hidden>
            <Input />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="kind" label={t('activityFields.kind')} required>
              <Select<ActivityKind> options={kindOptions} placeholder={t('activityForm.kindPlaceholder')} data-testid="activity-kind" />
            </Form.Item>
          </Col>
          {kind === 'other' && (
            <Col xs={24} sm={12}>
              <Form.Item name="customKind" label={t('activityFields.customKind')} required>
                <Input maxLength={40} placeholder={t('activityForm.customKindPlaceholder')} data-testid="activity-custom-kind" />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Form.Item name="title" label={t('activityFields.title')} required>
          <Input maxLength={100} placeholder={t('activityForm.titlePlaceholder')} data-testid="activity-title" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={8}>
            <Form.Item name="date" label={t('activityFields.date')} required {...dateItemProps}>
              <DateInput style={{ width: '100%' }} allowClear={false} inputReadOnly={touch} data-testid="activity-date" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="startTime" label={t('activityFields.startTime')} {...timeItemProps}>
              <TimeInput inputReadOnly={touch} placeholder={t('activityForm.timePlaceholder')} style={{ width: '100%' }} data-testid="activity-start" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="endTime" label={t('activityFields.endTime')} {...timeItemProps}>
              <TimeInput inputReadOnly={touch} placeholder={t('activityForm.timePlaceholder')} style={{ width: '100%' }} data-testid="activity-end" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="place" label={t('activityFields.place')}>
              <Input maxLength={100} placeholder={t('activityForm.placePlaceholder')} data-testid="activity-place" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="organiserName" label={t('activityFields.organiserName')}>
              <Input maxLength={50} placeholder={t('activityForm.organiserPlaceholder')} data-testid="activity-organiser" />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card size="small" title={t('activityForm.audience')} style={{ marginBottom: 16 }}>
        {onlyClasses && <Alert type="info" showIcon title={t('activityForm.ownClassOnly')} style={{ marginBottom: 16 }} />}
        <TargetFields schoolId={schoolId} onlyClasses={onlyClasses} />
        <Form.Item name="capacity" label={t('activityFields.capacity')} extra={t('activityForm.capacityHint')}>
          <InputNumber
            min={1}
            max={2000}
            precision={0}
            placeholder={t('activityForm.capacityPlaceholder')}
            style={{ width: 160 }}
            data-testid="activity-capacity"
          />
        </Form.Item>
      </Card>
      <Card size="small" title={t('activityForm.content')} style={{ marginBottom: 16 }}>
        {kind === 'safety_education' && (
          <Form.Item name="topics" label={t('activityFields.topics')} required extra={t('activityForm.topicsHint')}>
            <TopicGrid testId="activity-topics" />
          </Form.Item>
        )}
        <Form.Item name="description" label={t('activityFields.description')}>
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 12 }}
            maxLength={4000}
            showCount
            placeholder={t('activityForm.descriptionPlaceholder')}
            data-testid="activity-description"
          />
        </Form.Item>
      </Card>
      {!activity && (
        <Card size="small" title={t('activityForm.repeatTitle')} style={{ marginBottom: 16 }}>
          <Flex gap={16} wrap align="start">
            <Form.Item name="repeatOn" label={t('activityForm.repeatSwitch')} valuePropName="checked" style={{ marginBottom: repeatOn ? undefined : 0 }}>
              <Switch
                onChange={(on) => {
                  if (on && !form.getFieldValue(['repeat', 'until']))
                    form.setFieldValue(
                      ['repeat', 'until'],
                      dayjs(date ?? todayInShanghai())
                        .add(3, 'month')
                        .format('YYYY-MM-DD'),
                    );
                }}
                data-testid="activity-repeat"
              />
            </Form.Item>
            {repeatOn && (
              <>
                <Form.Item name={['repeat', 'every']} label={t('activityForm.repeatEvery')} required>
                  <Select
                    options={RECURRENCE.map((r) => ({ value: r, label: t(`activities.recurrence.${r}`) }))}
                    style={{ width: 140 }}
                    data-testid="activity-repeat-every"
                  />
                </Form.Item>
                <Form.Item name={['repeat', 'until']} label={t('activityFields.until')} required {...dateItemProps}>
                  <DateInput
                    inputReadOnly={touch}
                    disabledDate={(d) => !!date && d.format('YYYY-MM-DD') < date}
                    style={{ width: 180 }}
                    data-testid="activity-repeat-until"
                  />
                </Form.Item>
              </>
            )}
          </Flex>
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
            {t('activityForm.repeatHint')}
          </Typography.Paragraph>
        </Card>
      )}
      <Flex justify="end" gap={8}>
        <Button onClick={onCancel} disabled={false}>
          {t('common.cancel')}
        </Button>
        <Button type="primary" htmlType="submit" loading={busy} size="large" data-testid="activity-submit">
          {t(activity ? 'activityForm.submitEdit' : 'activityForm.submitCreate')}
        </Button>
      </Flex>
    </Form>
  );
}
