import { SCHOOL_KINDS, type School, SchoolCreate, SchoolUpdate } from '@carebridge/shared';
import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import type { z } from 'zod';
import type { ApiError } from '../../api/client.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { FormError } from '../../components/FormError.tsx';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { useSchemaForm } from '../../forms/schema-form.ts';
import { useLabels } from '../../i18n/labels.ts';
import { useT } from '../../i18n/lang.tsx';
import { schoolsApi } from './schools.api.ts';

interface Values {
  regionId?: string;
  name: string;
  code?: string;
  kind: School['kind'];
  address?: string;
  phone?: string;
  mentorLimit?: number | null;
  recordEditDays?: number | null;
}

interface Props {
  /** The school to edit; absent when creating. */
  school?: School | undefined;
  defaultRegionId?: string | undefined;
  onDone: (school: School) => void;
  onCancel: () => void;
  onConflict?: ((err: ApiError) => void) | undefined;
}

const blankToNull = (v: string | undefined) => (v?.trim() ? v : null);

/** Create a school (region fixed afterwards) or edit its name, code, kind, address and phone. */
export function SchoolForm({ school, defaultRegionId, onDone, onCancel, onConflict }: Props) {
  const t = useT();
  const labels = useLabels();
  const schema: z.ZodType = school ? SchoolUpdate : SchoolCreate;
  const { form, onFinish, submitting, formError } = useSchemaForm<z.ZodType, Values, School>({
    schema,
    toPayload: (v) => ({
      ...(school ? { version: school.version } : { regionId: v.regionId }),
      name: v.name,
      code: blankToNull(v.code),
      kind: v.kind,
      address: blankToNull(v.address),
      phone: v.phone ?? '',
      // Left empty on a new school: the server's defaults (3 children, 7 days).
      ...(typeof v.mentorLimit === 'number' ? { mentorLimit: v.mentorLimit } : {}),
      ...(typeof v.recordEditDays === 'number' ? { recordEditDays: v.recordEditDays } : {}),
    }),
    submit: (body) => (school ? schoolsApi.update(school.id, body as SchoolUpdate) : schoolsApi.create(body as SchoolCreate)),
    onSuccess: onDone,
    onConflict,
  });
  const initial: Partial<Values> = school
    ? {
        name: school.name,
        code: school.code ?? '',
        kind: school.kind,
        address: school.address ?? '',
        phone: school.phone ?? '',
        mentorLimit: school.mentorLimit,
        recordEditDays: school.recordEditDays,
      }
    : { regionId: defaultRegionId, kind: 'primary', mentorLimit: 3, recordEditDays: 7 };

  return (
    <Form form={form} layout="vertical" onFinish={onFinish} initialValues={initial}>
      <FormError error={formError} />
      {school ? (
        <Form.Item label={t('fields.regionId')} extra={t('schools.regionFixed')}>
          <Input disabled value={school.regionName ?? ''} />
        </Form.Item>
      ) : (
        <Form.Item name="regionId" label={t('fields.regionId')} required>
          <RegionTreeSelect managedOnly data-testid="school-region" />
        </Form.Item>
      )}
      <Form.Item name="name" label={t('fields.name')} required>
        <Input maxLength={80} data-testid="school-name" />
      </Form.Item>
      <Form.Item name="kind" label={t('fields.kind')} required>
        <Select options={SCHOOL_KINDS.map((k) => ({ value: k, label: labels.schoolKind(k) }))} data-testid="school-kind" />
      </Form.Item>
      <Form.Item name="code" label={t('fields.code')} extra={t('common.optional')}>
        <Input maxLength={20} data-testid="school-code" />
      </Form.Item>
      <Form.Item name="address" label={t('fields.address')} extra={t('common.optional')}>
        <Input maxLength={200} data-testid="school-address" />
      </Form.Item>
      <Form.Item name="phone" label={t('fields.phone')} extra={t('common.optional')}>
        <Input maxLength={20} inputMode="tel" data-testid="school-phone" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name="mentorLimit" label={t('fields.mentorLimit')} extra={t('schools.mentorLimitHint')}>
            <InputNumber min={1} max={20} precision={0} style={{ width: '100%' }} data-testid="school-mentor-limit" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="recordEditDays" label={t('fields.recordEditDays')} extra={t('schools.recordEditDaysHint')}>
            <InputNumber min={0} max={365} precision={0} style={{ width: '100%' }} data-testid="school-record-edit-days" />
          </Form.Item>
        </Col>
      </Row>
      <FormActions submitting={submitting} onCancel={onCancel} testId="school-submit" />
    </Form>
  );
}
