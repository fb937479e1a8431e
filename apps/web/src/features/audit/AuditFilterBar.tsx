import { SearchOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useLabels } from '../../i18n/labels.ts';
import { useT } from '../../i18n/lang.tsx';
import type { AuditFilters } from './audit.api.ts';

interface Values {
  range?: [Dayjs | null, Dayjs | null] | null;
  action?: string;
  entity?: string;
  actor?: string;
}

/** Date range, action, entity and actor (name or login) filters; applied on "查询". */
export function AuditFilterBar({ onApply }: { onApply: (filters: AuditFilters) => void }) {
  const t = useT();
  const labels = useLabels();
  const [form] = Form.useForm<Values>();
  const apply = (v: Values) =>
    onApply({
      from: v.range?.[0]?.format('YYYY-MM-DD'),
      to: v.range?.[1]?.format('YYYY-MM-DD'),
      action: v.action || undefined,
      entity: v.entity || undefined,
      q: v.actor?.trim() || undefined,
    });
  return (
    <Form form={form} onFinish={apply} layout="inline" style={{ rowGap: 8 }}>
      <Form.Item name="range" style={{ marginInlineEnd: 8 }}>
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          placeholder={[t('fields.startDate'), t('fields.endDate')]}
          style={{ width: 260 }}
          data-testid="audit-range"
        />
      </Form.Item>
      <Form.Item name="action" style={{ marginInlineEnd: 8 }}>
        <Select
          allowClear
          placeholder={t('audit.action')}
          showSearch={{ optionFilterProp: 'label' }}
          options={labels.actions.map((a) => ({ value: a, label: labels.action(a) }))}
          style={{ width: 180 }}
          data-testid="audit-action"
        />
      </Form.Item>
      <Form.Item name="entity" style={{ marginInlineEnd: 8 }}>
        <Select
          allowClear
          placeholder={t('audit.entity')}
          options={labels.entities.map((e) => ({ value: e, label: labels.entity(e) }))}
          style={{ width: 150 }}
          data-testid="audit-entity"
        />
      </Form.Item>
      <Form.Item name="actor" style={{ marginInlineEnd: 8 }}>
        <Input allowClear placeholder={t('audit.actor')} style={{ width: 190 }} data-testid="audit-username" />
      </Form.Item>
      <Flex gap={8}>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">
          {t('audit.filter')}
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            onApply({});
          }}
        >
          {t('common.reset')}
        </Button>
      </Flex>
    </Form>
  );
}
