import { CarOutlined } from '@ant-design/icons';
import { type Incident, MandatoryReportCreate, POLICE_METHODS } from '@carebridge/shared';
import { Alert, App, Button, Form, Input, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { FormActions } from '../../components/FormActions.tsx';
import { FormError } from '../../components/FormError.tsx';
import { FormModal } from '../../components/Overlay.tsx';
import { useSchemaForm } from '../../forms/schema-form.ts';
import { useT } from '../../i18n/lang.tsx';
import { shanghaiTime } from '../../lib/dates.ts';
import { MomentPicker, toInstant } from './incident-format.tsx';
import { incidentsApi } from './incidents.api.ts';

interface PoliceValues {
  reportedAt: Dayjs;
  unit?: string;
  receiptNumber?: string;
  method: (typeof POLICE_METHODS)[number];
  reporterName?: string;
}

const text = (v: string | undefined) => (v?.trim() ? v.trim() : null);

/** 登记报案情况: when, to which unit, how, the receipt number and who called. */
function PoliceForm({ incident, onSaved, onCancel }: { incident: Incident; onSaved: (i: Incident) => void; onCancel: () => void }) {
  const t = useT();
  const { form, onFinish, submitting, formError } = useSchemaForm<typeof MandatoryReportCreate, PoliceValues, Incident>({
    schema: MandatoryReportCreate,
    toPayload: (v) => ({
      reportedAt: toInstant(v.reportedAt),
      unit: v.unit?.trim() ?? '',
      receiptNumber: text(v.receiptNumber),
      method: v.method,
      reporterName: text(v.reporterName),
    }),
    submit: (body) => incidentsApi.reportToPolice(incident.id, body),
    onSuccess: onSaved,
  });
  return (
    <Form<PoliceValues> form={form} layout="vertical" onFinish={onFinish} initialValues={{ reportedAt: dayjs(), method: 'call_110' }}>
      <FormError error={formError} />
      <Form.Item name="method" label={t('incidentFields.method')} required>
        <Radio.Group options={POLICE_METHODS.map((m) => ({ value: m, label: t(`incidents.policeMethods.${m}`) }))} data-testid="police-method" />
      </Form.Item>
      <Form.Item name="reportedAt" label={t('incidentFields.reportedAt')} required>
        <MomentPicker data-testid="police-reported-at" />
      </Form.Item>
      <Form.Item name="unit" label={t('incidentFields.unit')} required>
        <Input maxLength={200} placeholder={t('incidentDetail.policeUnitPlaceholder')} data-testid="police-unit" />
      </Form.Item>
      <Form.Item name="receiptNumber" label={t('incidentFields.receiptNumber')}>
        <Input maxLength={100} data-testid="police-receipt" />
      </Form.Item>
      <Form.Item name="reporterName" label={t('incidentFields.reporterName')} extra={t('incidentDetail.policeReporterHint')}>
        <Input maxLength={100} data-testid="police-reporter" />
      </Form.Item>
      <FormActions submitting={submitting} onCancel={onCancel} testId="police-submit" />
    </Form>
  );
}

/**
 * The police report at the top of an incident: a red alert while the law requires one and none is
 * recorded (with the situations that require it; its button only given `onRecord`, not on a closed
 * case), a green line once it is.
 */
export function PoliceAlert({ incident: i, onRecord }: { incident: Incident; onRecord?: () => void }) {
  const t = useT();
  if (i.police) {
    const p = i.police;
    const details = [
      p.reporterName
        ? t('incidentDetail.policeBy', { name: p.reporterName, method: t(`incidents.policeMethods.${p.method as (typeof POLICE_METHODS)[number]}`) })
        : '',
      p.recordedByName ? t('incidentDetail.policeRecordedBy', { name: p.recordedByName, at: shanghaiTime(p.recordedAt) }) : '',
    ].filter(Boolean);
    return (
      <Alert
        type="success"
        showIcon
        icon={<CarOutlined />}
        style={{ marginBottom: 16 }}
        title={`${t('incidentDetail.policeRecorded', { at: shanghaiTime(p.reportedAt), unit: p.unit })}${p.receiptNumber ? t('incidentDetail.policeReceipt', { receipt: p.receiptNumber }) : ''}`}
        description={details.length ? details.join(' · ') : undefined}
        data-testid="police-recorded"
      />
    );
  }
  if (!i.mandatory) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16, borderWidth: 2 }}
      title={<strong style={{ fontSize: 16 }}>{t('incidentDetail.policeRequiredTitle')}</strong>}
      description={
        <>
          <div>{t('incidentDetail.policeRequiredText')}</div>
          <ul style={{ margin: '6px 0 0', paddingInlineStart: 18 }}>
            {i.situations.map((s) => (
              <li key={s}>{t(`incidents.situations.${s}`)}</li>
            ))}
          </ul>
          {onRecord && (
            <Button type="primary" danger size="large" icon={<CarOutlined />} onClick={onRecord} style={{ marginTop: 10 }} data-testid="police-record">
              {t('incidentDetail.policeRecord')}
            </Button>
          )}
        </>
      }
      data-testid="police-required"
    />
  );
}

export function PoliceModal({ incident, open, onClose, onSaved }: { incident: Incident; open: boolean; onClose: () => void; onSaved: (i: Incident) => void }) {
  const t = useT();
  const { message } = App.useApp();
  return (
    <FormModal open={open} title={t('incidentDetail.policeRecord')} onClose={onClose}>
      <PoliceForm
        incident={incident}
        onCancel={onClose}
        onSaved={(next) => {
          onSaved(next);
          message.success(t('incidentDetail.policeSaved'));
          onClose();
        }}
      />
    </FormModal>
  );
}
