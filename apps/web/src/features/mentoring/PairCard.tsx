import { CheckOutlined, PlusOutlined } from '@ant-design/icons';
import { type MentorLoad, PairingCreate } from '@carebridge/shared';
import { App, Button, Card, DatePicker, Empty, Flex, Form, Input, Select, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo } from 'react';
import { FormError } from '../../components/FormError.tsx';
import { useSchemaForm } from '../../forms/schema-form.ts';
import { useT } from '../../i18n/lang.tsx';
import { todayInShanghai } from '../../lib/dates.ts';
import { useCareLabels } from '../care-records/care-format.tsx';
import { useTerms } from '../terms/terms.api.ts';
import { loadColor } from './MentorLoads.tsx';
import { type Created, type Overview, pairingsApi, usePairingInvalidate } from './pairings.api.ts';

interface Values {
  mentorId?: string;
  childIds: string[];
  startDate: string;
  termId?: string;
  note?: string;
}

const dateItemProps = {
  getValueProps: (v: unknown) => ({ value: typeof v === 'string' && v ? dayjs(v) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null),
};

/** "王老师（已带 2/3）", coloured by load, for the mentor selects. */
export function mentorOptions(mentors: readonly MentorLoad[], label: (m: MentorLoad) => string) {
  return mentors.map((m) => ({
    value: m.id,
    label: label(m),
    title: m.name,
    count: m.count,
    limit: m.limit,
  }));
}

export function MentorOptionLabel({ label, count, limit }: { label: string; count: number; limit: number }) {
  return <span style={{ color: count >= limit ? loadColor(count, limit) : undefined }}>{label}</span>;
}

interface Props {
  schoolId: string;
  overview: Overview;
  onCreated: (result: Created) => void;
}

/**
 * 结对: one mentor with one or more children without a mentor (key-support children first), from a
 * start date. Below the form the waiting children; a tap adds one to the form.
 */
export function PairCard({ schoolId, overview, onCreated }: Props) {
  const t = useT();
  const labels = useCareLabels();
  const { message } = App.useApp();
  const invalidate = usePairingInvalidate();
  const terms = useTerms(schoolId);
  const today = todayInShanghai();
  const currentTerm = useMemo(() => terms.data?.find((x) => x.startDate <= today && today <= x.endDate)?.id, [terms.data, today]);
  const { form, onFinish, submitting, formError } = useSchemaForm<typeof PairingCreate, Values, Created>({
    schema: PairingCreate,
    toPayload: (v) => ({
      mentorId: v.mentorId ?? '',
      childIds: v.childIds ?? [],
      startDate: v.startDate || undefined,
      termId: v.termId ?? null,
      note: v.note?.trim() || null,
    }),
    submit: (body) => pairingsApi.create(body),
    onSuccess: (result) => {
      const mentor = overview.mentors.find((m) => m.id === form.getFieldValue('mentorId'))?.name ?? '';
      message.success(t('pairings.created', { count: result.items.length, mentor }));
      form.setFieldsValue({ childIds: [], note: '' });
      invalidate();
      onCreated(result);
    },
  });
  // The terms arrive after the form: default to the term that is on now.
  useEffect(() => {
    if (currentTerm && !form.getFieldValue('termId')) form.setFieldValue('termId', currentTerm);
  }, [currentTerm, form]);
  const chosen = (Form.useWatch('childIds', form) as string[] | undefined) ?? [];
  const toggle = (id: string) => {
    const next = chosen.includes(id) ? chosen.filter((c) => c !== id) : [...chosen, id];
    form.setFieldValue('childIds', next);
    form.setFields([{ name: 'childIds', errors: [] }]);
  };

  return (
    <Card size="small" title={t('pairings.pairTitle')} data-testid="pairing-form">
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} initialValues={{ childIds: [], startDate: today }}>
        <FormError error={formError} />
        <Form.Item name="mentorId" label={labels.field('mentorId')} required>
          <Select
            placeholder={t('pairings.mentorPlaceholder')}
            showSearch={{ optionFilterProp: 'title' }}
            options={mentorOptions(overview.mentors, (m) => t('pairings.mentorOption', { name: m.name, count: m.count, limit: m.limit }))}
            optionRender={(o) => <MentorOptionLabel label={String(o.label)} count={o.data.count} limit={o.data.limit} />}
            notFoundContent={t('pairings.noMentors')}
            data-testid="pairing-mentor"
          />
        </Form.Item>
        <Form.Item name="childIds" label={labels.field('childIds')} required>
          <Select
            mode="multiple"
            placeholder={t('pairings.childrenPlaceholder')}
            showSearch={{ optionFilterProp: 'title' }}
            options={overview.unpaired.map((c) => ({
              value: c.id,
              title: `${c.name} ${c.className ?? ''}`,
              label: c.name,
              keySupport: c.keySupport,
              klass: c.className ?? '',
            }))}
            optionRender={(o) => (
              <Flex gap={6} align="center">
                {o.data.keySupport && (
                  <Tag color="magenta" style={{ marginInlineEnd: 0 }}>
                    {t('pairings.keySupport')}
                  </Tag>
                )}
                <span>{o.data.label}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {o.data.klass}
                </Typography.Text>
              </Flex>
            )}
            notFoundContent={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pairings.allPaired')} />}
            data-testid="pairing-children"
          />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="startDate" label={labels.field('startDate')} {...dateItemProps} style={{ flex: '1 1 140px' }}>
            <DatePicker format="YYYY-MM-DD" allowClear={false} inputReadOnly style={{ width: '100%' }} data-testid="pairing-start" />
          </Form.Item>
          <Form.Item name="termId" label={t('pairings.term')} style={{ flex: '1 1 180px' }}>
            <Select
              allowClear
              loading={terms.isLoading}
              placeholder={t('pairings.termHint')}
              options={(terms.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
              data-testid="pairing-term"
            />
          </Form.Item>
        </Flex>
        <Form.Item name="note" label={t('pairings.note')}>
          <Input maxLength={200} placeholder={t('pairings.notePlaceholder')} data-testid="pairing-note" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={submitting} icon={<PlusOutlined />} data-testid="pairing-submit">
          {t('pairings.submit')}
        </Button>
      </Form>
      <Typography.Title level={5} style={{ margin: '20px 0 8px' }}>
        {t('pairings.unpaired')}{' '}
        <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
          ({overview.unpaired.length}){overview.unpaired.some((c) => c.keySupport) && <span style={{ color: '#c41d7f' }}> ★ {t('pairings.keySupport')}</span>}
        </Typography.Text>
      </Typography.Title>
      {overview.unpaired.length === 0 ? (
        <Typography.Text type="success">
          <CheckOutlined /> {t('pairings.allPaired')}
        </Typography.Text>
      ) : (
        <div style={{ maxHeight: 320, overflowY: 'auto', marginInline: -4 }} data-testid="pairing-unpaired">
          <Flex gap={6} wrap style={{ padding: 4 }}>
            {overview.unpaired.map((c) => {
              const on = chosen.includes(c.id);
              return (
                <Tag.CheckableTag
                  key={c.id}
                  checked={on}
                  onChange={() => toggle(c.id)}
                  style={{ border: '1px solid', borderColor: on ? '#c2410c' : c.keySupport ? '#ffadd2' : '#d9d9d9', marginInlineEnd: 0, padding: '2px 8px' }}
                  data-testid="pairing-unpaired-child"
                >
                  {c.keySupport && <span style={{ color: on ? '#fff' : '#c41d7f' }}>★ </span>}
                  {c.name}
                  {c.className && <span style={{ opacity: 0.65, marginInlineStart: 4, fontSize: 12 }}>{c.className}</span>}
                </Tag.CheckableTag>
              );
            })}
          </Flex>
        </div>
      )}
    </Card>
  );
}
