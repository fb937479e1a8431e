import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { type ChainStep, IncidentChain, NOTIFY_TARGETS, SEVERITIES } from '@carebridge/shared';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Form, InputNumber, Select, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useSchools } from '../../api/queries.ts';
import { canManage } from '../../auth/permissions.ts';
import { useMe } from '../../auth/session.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { FormError } from '../../components/FormError.tsx';
import { FormDrawer } from '../../components/Overlay.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { SchoolPicker } from '../../components/SchoolPicker.tsx';
import { useSchemaForm } from '../../forms/schema-form.ts';
import { useT } from '../../i18n/lang.tsx';
import { incidentKeys, incidentsApi, useChain } from './incidents.api.ts';

interface Values {
  steps: ChainStep[];
}

/** The steps as a list of rows: whom to tell, within how many minutes, from which severity on. */
function ChainForm({ schoolId, steps, editable, onDone }: { schoolId: string; steps: ChainStep[]; editable: boolean; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { form, onFinish, submitting, formError } = useSchemaForm<typeof IncidentChain, Values, IncidentChain>({
    schema: IncidentChain,
    submit: (body) => incidentsApi.saveChain(schoolId, body),
    onSuccess: (chain) => {
      qc.setQueryData(incidentKeys.chain(schoolId), chain);
      message.success(t('incidentChain.saved'));
      onDone();
    },
  });
  return (
    <Form<Values> form={form} layout="vertical" onFinish={onFinish} initialValues={{ steps }} disabled={!editable} data-testid="chain-form">
      <FormError error={formError} />
      <Form.List name="steps">
        {(fields, { add, remove }) => (
          <Flex vertical gap={8}>
            {fields.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('incidentChain.empty')} />}
            {fields.map((f) => (
              <Card key={f.key} size="small" styles={{ body: { padding: '10px 12px 0' } }} data-testid="chain-step">
                <Flex gap={8} wrap align="start">
                  <Form.Item name={[f.name, 'target']} label={t('incidentFields.target')} style={{ flex: '1 1 120px', marginBottom: 10 }}>
                    <Select options={NOTIFY_TARGETS.map((x) => ({ value: x, label: t(`incidents.targets.${x}`) }))} data-testid="chain-target" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'minutes']} label={t('incidentFields.minutes')} style={{ flex: '1 1 100px', marginBottom: 10 }}>
                    <InputNumber min={0} max={10_080} precision={0} inputMode="numeric" style={{ width: '100%' }} data-testid="chain-minutes" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'minSeverity']} label={t('incidentFields.minSeverity')} style={{ flex: '1 1 120px', marginBottom: 10 }}>
                    <Select
                      options={SEVERITIES.map((s) => ({ value: s, label: t('incidentChain.from', { severity: t(`incidents.severities.${s}`) }) }))}
                      data-testid="chain-severity"
                    />
                  </Form.Item>
                  {editable && (
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() => remove(f.name)}
                      aria-label={t('common.remove')}
                      style={{ marginTop: 30 }}
                      data-testid="chain-remove"
                    />
                  )}
                </Flex>
              </Card>
            ))}
            {editable && fields.length < 12 && (
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ target: 'other', minutes: 60, minSeverity: 'minor' } satisfies ChainStep)}
                data-testid="chain-add"
              >
                {t('incidentChain.add')}
              </Button>
            )}
          </Flex>
        )}
      </Form.List>
      {editable && <FormActions submitting={submitting} onCancel={onDone} testId="chain-submit" />}
    </Form>
  );
}

/** 通知流程设置: the school's notification chain (the leader changes it; a leader has one school). */
export function ChainDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const me = useMe().data;
  const schools = useSchools();
  const list = schools.data ?? [];
  const [picked, setPicked] = useState<string | undefined>();
  const schoolId = picked ?? list[0]?.id;
  const chain = useChain(open ? schoolId : undefined);
  const editable = canManage(me, 'incidentChain');
  return (
    <FormDrawer open={open} title={t('incidentChain.title')} onClose={onClose} width={640}>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('incidentChain.intro')}
      </Typography.Paragraph>
      {list.length > 1 && (
        <SchoolPicker value={schoolId} onChange={setPicked} schools={list} style={{ width: '100%', marginBottom: 12 }} data-testid="chain-school" />
      )}
      {!editable && <Typography.Paragraph type="warning">{t('incidentChain.readOnly')}</Typography.Paragraph>}
      <QueryError error={chain.error} onRetry={() => chain.refetch()} />
      {chain.isLoading || !schoolId ? (
        <Skeleton active />
      ) : (
        chain.data && <ChainForm key={`${schoolId}-${chain.dataUpdatedAt}`} schoolId={schoolId} steps={chain.data.steps} editable={editable} onDone={onClose} />
      )}
    </FormDrawer>
  );
}
