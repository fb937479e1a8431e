import { REGION_LEVELS, type Region, RegionCreate, type RegionLevel, RegionUpdate } from '@carebridge/shared';
import { Alert, Form, Input, Select } from 'antd';
import type { ApiError } from '../../api/client.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { FormError } from '../../components/FormError.tsx';
import { useSchemaForm } from '../../forms/schema-form.ts';
import { useLabels } from '../../i18n/labels.ts';
import { useT } from '../../i18n/lang.tsx';
import { regionsApi } from './regions.api.ts';

interface CreateProps {
  parent: Region | null;
  onDone: (region: Region) => void;
  onCancel: () => void;
}

/** Levels a child of `parent` may have: anything below the parent's level (a county may hold townships directly). */
function childLevels(parent: Region | null): readonly RegionLevel[] {
  if (!parent) return REGION_LEVELS;
  return REGION_LEVELS.slice(REGION_LEVELS.indexOf(parent.level) + 1);
}

export function RegionCreateForm({ parent, onDone, onCancel }: CreateProps) {
  const t = useT();
  const labels = useLabels();
  const levels = childLevels(parent);
  const { form, onFinish, submitting, formError } = useSchemaForm({
    schema: RegionCreate,
    toPayload: (v: Record<string, unknown>) => ({ ...v, parentId: parent?.id ?? null, code: v.code || null }),
    submit: (body) => regionsApi.create(body),
    onSuccess: onDone,
  });
  return (
    <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ level: levels[0] }}>
      {parent && <Alert type="info" title={t('regions.childOf', { name: parent.name })} style={{ marginBottom: 16 }} />}
      <FormError error={formError} />
      <Form.Item name="level" label={t('fields.level')} required>
        <Select options={levels.map((l) => ({ value: l, label: labels.regionLevel(l) }))} data-testid="region-level" />
      </Form.Item>
      <Form.Item name="name" label={t('fields.name')} required>
        <Input maxLength={50} data-testid="region-name" />
      </Form.Item>
      <Form.Item name="code" label={t('fields.code')} extra={t('common.optional')}>
        <Input maxLength={20} data-testid="region-code" />
      </Form.Item>
      <FormActions submitting={submitting} onCancel={onCancel} testId="region-submit" />
    </Form>
  );
}

interface EditProps {
  region: Region;
  onDone: (region: Region) => void;
  onCancel: () => void;
  onConflict: (err: ApiError) => void;
}

export function RegionEditForm({ region, onDone, onCancel, onConflict }: EditProps) {
  const t = useT();
  const { form, onFinish, submitting, formError } = useSchemaForm({
    schema: RegionUpdate,
    toPayload: (v: Record<string, unknown>) => ({ name: v.name, code: v.code || null, version: region.version }),
    submit: (body) => regionsApi.update(region.id, body),
    onSuccess: onDone,
    onConflict,
  });
  return (
    <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ name: region.name, code: region.code ?? '' }}>
      <FormError error={formError} />
      <Form.Item name="name" label={t('fields.name')} required>
        <Input maxLength={50} data-testid="region-name" />
      </Form.Item>
      <Form.Item name="code" label={t('fields.code')} extra={t('common.optional')}>
        <Input maxLength={20} data-testid="region-code" />
      </Form.Item>
      <FormActions submitting={submitting} onCancel={onCancel} testId="region-submit" />
    </Form>
  );
}
