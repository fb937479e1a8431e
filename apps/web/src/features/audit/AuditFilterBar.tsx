import { SearchOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Grid, Input, Select } from 'antd';
import { DateRangeFilter } from '../../components/DateRangeFilter.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { useT } from '../../i18n/lang.tsx';
import type { AuditFilters } from './audit.api.ts';

/** 'YYYY-MM-DD' ends, either open. */
type Range = [string | undefined, string | undefined];

interface Values {
  range?: Range;
  action?: string;
  entity?: string;
  actor?: string;
}

/** Date range, action, entity and actor (name or login) filters; applied on "查询". On a phone the dates and the actor take a row each, action and entity half a row. */
export function AuditFilterBar({ onApply }: { onApply: (filters: AuditFilters) => void }) {
  const t = useT();
  const labels = useLabels();
  const [form] = Form.useForm<Values>();
  const phone = Grid.useBreakpoint().md === false;
  const item = (share: '100%' | 'calc(50% - 4px)') => (phone ? { width: share, marginInlineEnd: 0 } : { marginInlineEnd: 8 });
  const field = (width: number) => ({ width: phone ? '100%' : width });
  const apply = (v: Values) =>
    onApply({
      from: v.range?.[0],
      to: v.range?.[1],
      action: v.action || undefined,
      entity: v.entity || undefined,
      q: v.actor?.trim() || undefined,
    });
  return (
    <Form form={form} onFinish={apply} layout="inline" style={{ rowGap: 8, columnGap: phone ? 8 : 0 }}>
      <Form.Item name="range" style={item('100%')}>
        <RangeField />
      </Form.Item>
      <Form.Item name="action" style={item('calc(50% - 4px)')}>
        <Select
          allowClear
          placeholder={t('audit.action')}
          showSearch={{ optionFilterProp: 'label' }}
          options={labels.actions.map((a) => ({ value: a, label: labels.action(a) }))}
          style={field(180)}
          data-testid="audit-action"
        />
      </Form.Item>
      <Form.Item name="entity" style={item('calc(50% - 4px)')}>
        <Select
          allowClear
          placeholder={t('audit.entity')}
          options={labels.entities.map((e) => ({ value: e, label: labels.entity(e) }))}
          style={field(150)}
          data-testid="audit-entity"
        />
      </Form.Item>
      <Form.Item name="actor" style={item('100%')}>
        <Input allowClear placeholder={t('audit.actor')} style={field(190)} data-testid="audit-username" />
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

/** The date range as a form field (Form.Item passes `value` and `onChange`); two pickers on a phone. */
function RangeField({ value, onChange }: { value?: Range; onChange?: (range: Range) => void }) {
  return <DateRangeFilter from={value?.[0]} to={value?.[1]} onChange={(from, to) => onChange?.([from, to])} testId="audit-range" />;
}
