import { GiftOutlined, PlusOutlined } from '@ant-design/icons';
import { DonationCreate, type EventView } from '@carebridge/shared';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Empty, Flex, Form, Grid, Input, InputNumber, List, Modal, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { z } from 'zod';
import { DateInput } from '../../components/DateInput.tsx';
import { FormError } from '../../components/FormError.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useSchemaForm } from '../../forms/schema-form.ts';
import { useLang, useT } from '../../i18n/lang.tsx';
import { todayInShanghai } from '../../lib/dates.ts';
import { nums } from './event-format.tsx';
import { type DonationInput, eventKeys, eventsApi, useDonations } from './events.api.ts';

interface DonationValues {
  schoolId?: string;
  item?: string;
  quantity?: number | null;
  value?: number | null;
  donor?: string;
  date?: string | null;
  note?: string | null;
}

const dateItemProps = {
  getValueProps: (v: unknown) => ({ value: typeof v === 'string' && v ? dayjs(v) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null),
};

/** 登记捐赠: school, item, quantity, value, donor, date and note, linked to the event. */
function DonationModal({ event, open, onClose }: { event: EventView; open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const touch = Grid.useBreakpoint().md === false;
  const today = todayInShanghai();
  const { form, onFinish, submitting, formError } = useSchemaForm<typeof DonationCreate, DonationValues, unknown>({
    schema: DonationCreate,
    toPayload: (v): Partial<DonationInput> => ({
      schoolId: v.schoolId,
      eventId: event.id,
      item: v.item?.trim() ?? '',
      quantity: v.quantity ?? null,
      value: v.value ?? null,
      donor: v.donor?.trim() ?? '',
      date: v.date ?? '',
      note: v.note?.trim() || null,
    }),
    submit: (body: z.output<typeof DonationCreate>) => eventsApi.addDonation(body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: eventKeys.donations(event.id) });
      message.success(t('donations.saved'));
      form.resetFields();
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      title={t('donations.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ loading: submitting, 'data-testid': 'donation-save' } as Record<`data-${string}`, string> & { loading: boolean }}
      cancelText={t('common.cancel')}
      mask={{ closable: false }}
      forceRender
    >
      <Form<DonationValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ schoolId: event.units.length === 1 ? event.units[0]?.id : undefined, date: today }}
        disabled={submitting}
      >
        <FormError error={formError} />
        <Form.Item name="schoolId" label={t('donations.school')} required>
          <Select
            options={event.units.map((u) => ({ value: u.id, label: u.name }))}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('common.pickSchool')}
            data-testid="donation-school"
          />
        </Form.Item>
        <Form.Item name="item" label={t('eventFields.item')} required>
          <Input maxLength={100} placeholder={t('donations.itemPlaceholder')} data-testid="donation-item" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="quantity" label={t('eventFields.quantity')}>
              <InputNumber min={1} max={1_000_000} precision={0} style={{ width: '100%' }} data-testid="donation-quantity" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="value" label={t('eventFields.value')}>
              <InputNumber min={0} max={100_000_000} precision={2} style={{ width: '100%' }} data-testid="donation-value" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} sm={14}>
            <Form.Item name="donor" label={t('eventFields.donor')} required>
              <Input maxLength={100} placeholder={t('donations.donorPlaceholder')} data-testid="donation-donor" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="date" label={t('eventFields.date')} required {...dateItemProps}>
              <DateInput
                style={{ width: '100%' }}
                allowClear={false}
                inputReadOnly={touch}
                disabledDate={(d) => d.format('YYYY-MM-DD') > today}
                data-testid="donation-date"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label={t('eventFields.note')} style={{ marginBottom: 0 }}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={300} data-testid="donation-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The welfare donations linked to the event (公益行动), and for the organiser a form to record one. */
export function DonationsPanel({ event }: { event: EventView }) {
  const t = useT();
  const { lang } = useLang();
  const donations = useDonations(event.id);
  const [adding, setAdding] = useState(false);
  const rows = donations.data ?? [];
  const total = rows.reduce((sum, d) => sum + (d.value ?? 0), 0);
  const money = (v: number) => v.toLocaleString(lang, { maximumFractionDigits: 2 });
  return (
    <Card
      size="small"
      title={
        <span>
          <GiftOutlined /> {t('donations.title')}
        </span>
      }
      extra={
        event.canManage && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="donation-add">
            {t('donations.add')}
          </Button>
        )
      }
      data-testid="event-donations"
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0, fontSize: 13 }}>
        {t('donations.intro')}
      </Typography.Paragraph>
      <QueryError error={donations.error} onRetry={() => donations.refetch()} />
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('donations.empty')} />
      ) : (
        <>
          <List
            size="small"
            dataSource={rows}
            renderItem={(d) => (
              <List.Item data-testid="donation-row">
                <Flex justify="space-between" gap={8} wrap style={{ width: '100%' }}>
                  <div style={{ minWidth: 0 }}>
                    <Typography.Text strong>{d.item}</Typography.Text>
                    {d.quantity !== null && <Typography.Text style={nums}> × {d.quantity}</Typography.Text>}
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {d.donor} → {d.schoolName}
                      {d.note ? ` · ${d.note}` : ''}
                    </Typography.Text>
                  </div>
                  <div style={{ textAlign: 'end' }}>
                    {d.value !== null && <Typography.Text style={nums}>{t('donations.yuan', { value: money(d.value) })}</Typography.Text>}
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, ...nums }}>
                      {d.date}
                    </Typography.Text>
                  </div>
                </Flex>
              </List.Item>
            )}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('donations.total', { count: rows.length, value: money(total) })}
          </Typography.Text>
        </>
      )}
      {event.canManage && <DonationModal event={event} open={adding} onClose={() => setAdding(false)} />}
    </Card>
  );
}
