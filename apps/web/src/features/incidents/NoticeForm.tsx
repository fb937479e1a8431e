import {
  type Incident,
  type IncidentNotice,
  NOTICE_REACH,
  NOTIFY_METHODS,
  NOTIFY_TARGETS,
  NoticeCreate,
  type NoticeReach,
  type NotifyTarget,
} from '@carebridge/shared';
import { Alert, Form, Input, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { FormActions } from '../../components/FormActions.tsx';
import { FormError } from '../../components/FormError.tsx';
import { useSchemaForm } from '../../forms/schema-form.ts';
import { useT } from '../../i18n/lang.tsx';
import { MomentPicker, toInstant } from './incident-format.tsx';
import { incidentsApi } from './incidents.api.ts';
import { withholdable } from './notice-state.ts';

interface NoticeValues {
  target: NotifyTarget;
  method: (typeof NOTIFY_METHODS)[number];
  reach: NoticeReach;
  notifiedAt: Dayjs;
  contactName?: string;
  note?: string;
}

const text = (v: string | undefined) => (v?.trim() ? v.trim() : null);

/**
 * Who was told, how, when: a step of the chain (its target fixed) or an extra notification (any target);
 * or tried without reaching anyone (未联系上): the step then still waits, and the note says what was tried;
 * or, for the guardian or the parents, deliberately not told (不宜通知): nobody is told, so no method or
 * person, and the note is the reason, which the server requires.
 */
export function NoticeForm({
  incident,
  step,
  onSaved,
  onCancel,
}: {
  incident: Incident;
  step: IncidentNotice | null;
  onSaved: (i: Incident) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const { form, onFinish, submitting, formError } = useSchemaForm<typeof NoticeCreate, NoticeValues, Incident>({
    schema: NoticeCreate,
    toPayload: (v) => {
      const withheld = v.reach === 'withheld';
      return {
        ...(step ? { stepId: step.id } : {}),
        target: step?.target ?? v.target,
        // The API asks for a method; for a step not told, the server records none.
        method: withheld ? 'other' : v.method,
        reach: v.reach,
        notifiedAt: toInstant(v.notifiedAt),
        contactName: withheld ? null : text(v.contactName),
        note: text(v.note),
      };
    },
    check: (v) => (v.reach === 'withheld' && !text(v.note) ? [{ path: 'note', message: t('errors.incident_withhold_reason') }] : []),
    submit: (body) => incidentsApi.notify(incident.id, body),
    onSuccess: onSaved,
  });
  const reach = Form.useWatch('reach', form) as NoticeReach | undefined;
  const picked = (Form.useWatch('target', form) as NotifyTarget | undefined) ?? 'other';
  const target = step?.target ?? picked;
  const mayWithhold = withholdable(incident, target);
  const withheld = reach === 'withheld' && mayWithhold;
  return (
    <Form<NoticeValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      // Another target may not be withheld (the school leaders, the bureau): back to the usual outcome.
      onValuesChange={(changed: Partial<NoticeValues>, all) => {
        if (changed.target && all.reach === 'withheld' && !withholdable(incident, changed.target)) form.setFieldValue('reach', 'reached');
      }}
      initialValues={{ target: step?.target ?? 'other', method: 'phone', reach: 'reached', notifiedAt: dayjs() }}
      data-testid="notice-form"
    >
      <FormError error={formError} />
      {!step && (
        <Form.Item name="target" label={t('incidentFields.target')} required>
          <Select options={NOTIFY_TARGETS.map((x) => ({ value: x, label: t(`incidents.targets.${x}`) }))} data-testid="notice-target" />
        </Form.Item>
      )}
      <Form.Item name="reach" label={t('incidentFields.reach')} required>
        <Radio.Group
          optionType="button"
          options={NOTICE_REACH.filter((r) => r !== 'withheld' || mayWithhold).map((r) => ({ value: r, label: t(`incidents.reach.${r}`) }))}
          data-testid="notice-reach"
        />
      </Form.Item>
      {withheld && <Alert type="info" showIcon title={t('incidentDetail.withheldHint')} style={{ marginBottom: 16 }} data-testid="notice-withheld-hint" />}
      {!withheld && (
        <Form.Item name="method" label={t('incidentFields.method')} required>
          <Radio.Group options={NOTIFY_METHODS.map((m) => ({ value: m, label: t(`incidents.methods.${m}`) }))} data-testid="notice-method" />
        </Form.Item>
      )}
      <Form.Item name="notifiedAt" label={withheld ? t('incidentDetail.withheldAtLabel') : t('incidentFields.notifiedAt')} required>
        <MomentPicker notBefore={incident.occurredAt} data-testid="notice-at" />
      </Form.Item>
      {!withheld && (
        <Form.Item name="contactName" label={t('incidentFields.contactName')}>
          <Input maxLength={100} placeholder={t('incidentDetail.contactPlaceholder')} data-testid="notice-contact" />
        </Form.Item>
      )}
      <Form.Item
        name="note"
        label={withheld ? t('incidentDetail.withheldReasonLabel') : t('incidentFields.note')}
        required={withheld}
        extra={reach === 'not_reached' ? t('incidentDetail.notReachedHint') : undefined}
      >
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={500}
          placeholder={withheld ? t('incidentDetail.withheldPlaceholder') : undefined}
          data-testid="notice-note"
        />
      </Form.Item>
      <FormActions submitting={submitting} onCancel={onCancel} testId="notice-submit" />
    </Form>
  );
}
