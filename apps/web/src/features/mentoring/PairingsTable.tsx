import { StopOutlined } from '@ant-design/icons';
import type { MentorLoad, Pairing } from '@carebridge/shared';
import { App, Button, DatePicker, Flex, Form, Input, Select, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { type HTMLAttributes, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { AdaptiveTable } from '../../components/AdaptiveTable.tsx';
import { FormError } from '../../components/FormError.tsx';
import { LabelledSwitch } from '../../components/LabelledSwitch.tsx';
import { FormModal } from '../../components/Overlay.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useLang, useT } from '../../i18n/lang.tsx';
import { todayInShanghai } from '../../lib/dates.ts';
import { useCareLabels } from '../care-records/care-format.tsx';
import { pairingsApi, usePairingInvalidate, usePairingPages } from './pairings.api.ts';
import { pairingEndReason, pairingTableWidth, PAIRING_COLUMN_WIDTHS as W } from './pairings-layout.ts';

interface EndValues {
  endDate: Dayjs;
  reason: string;
}

/** End one pairing: the date (not before it started, not in the future) and why. */
function EndModal({ pairing, onClose }: { pairing: Pairing | null; onClose: () => void }) {
  const t = useT();
  const labels = useCareLabels();
  const { message } = App.useApp();
  const invalidate = usePairingInvalidate();
  const [form] = Form.useForm<EndValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const today = todayInShanghai();
  if (!pairing) return null;
  const submit = async (v: EndValues) => {
    setBusy(true);
    setError(null);
    try {
      await pairingsApi.end(pairing.id, { endDate: v.endDate.format('YYYY-MM-DD'), reason: v.reason.trim(), version: pairing.version });
      message.success(t('pairings.endDone'));
      invalidate();
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        // Someone else ended or changed it meanwhile: show the list as it is now.
        message.warning(err.message);
        invalidate();
        onClose();
      } else if (err instanceof ApiError && err.fields.length) {
        form.setFields(err.fields.map((f) => ({ name: f.path === 'endDate' ? 'endDate' : 'reason', errors: [f.message] })));
      } else setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <FormModal open title={t('pairings.endTitle', { child: pairing.childName, mentor: pairing.mentorName })} onClose={onClose}>
      <Typography.Paragraph type="secondary">{t('pairings.endHint')}</Typography.Paragraph>
      <Form<EndValues> form={form} layout="vertical" onFinish={submit} initialValues={{ endDate: dayjs(today) }}>
        <FormError error={error} />
        <Form.Item name="endDate" label={labels.field('endDate')} rules={[{ required: true, message: t('validation.required') }]}>
          <DatePicker
            format="YYYY-MM-DD"
            allowClear={false}
            inputReadOnly
            style={{ width: '100%' }}
            disabledDate={(d) => {
              const s = d.format('YYYY-MM-DD');
              return s > today || s < pairing.startDate;
            }}
            data-testid="pairing-end-date"
          />
        </Form.Item>
        <Form.Item name="reason" label={labels.field('reason')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input.TextArea
            maxLength={200}
            autoSize={{ minRows: 2, maxRows: 4 }}
            placeholder={t('pairings.endReasonPlaceholder')}
            data-testid="pairing-end-reason"
          />
        </Form.Item>
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" danger htmlType="submit" loading={busy} data-testid="pairing-end-submit">
            {t('pairings.endSubmit')}
          </Button>
        </Flex>
      </Form>
    </FormModal>
  );
}

interface Props {
  schoolId: string;
  mentors: readonly MentorLoad[];
  mentorId: string | undefined;
  onMentor: (id: string | undefined) => void;
  manage: boolean;
}

/** The school's pairings (active, or all with the ended ones), filterable by mentor; each active one can be ended. */
export function PairingsTable({ schoolId, mentors, mentorId, onMentor, manage }: Props) {
  const t = useT();
  const { lang } = useLang();
  const [all, setAll] = useState(false);
  const [ending, setEnding] = useState<Pairing | null>(null);
  const pages = usePairingPages({ schoolId, active: all ? 'all' : 'true', mentorId }, !!schoolId);
  const rows = useMemo(
    () =>
      (pages.data?.pages.flatMap((p) => p.items) ?? []).sort(
        (a, b) =>
          Number(!!a.endDate) - Number(!!b.endDate) ||
          a.mentorName.localeCompare(b.mentorName, 'zh-CN') ||
          (a.className ?? '').localeCompare(b.className ?? '', 'zh-CN', { numeric: true }) ||
          a.childName.localeCompare(b.childName, 'zh-CN'),
      ),
    [pages.data],
  );

  const date = (v: string) => <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{v}</span>;
  // Fixed widths that fit the card at 1366 px (pairings-layout.ts): the class and the mentor cut
  // short with their full text on hover, the end date and its reason in one column.
  const columns: ColumnsType<Pairing> = [
    {
      title: t('pairings.child'),
      dataIndex: 'childName',
      width: W.child,
      render: (name: string, p) => (
        <Flex gap={6} align="center" wrap>
          <Link to={`/children/${p.childId}`} style={{ fontWeight: 500, whiteSpace: 'nowrap' }}>
            {name}
          </Link>
          {p.keySupport && (
            <Tag color="magenta" style={{ marginInlineEnd: 0 }}>
              {t('pairings.keySupport')}
            </Tag>
          )}
        </Flex>
      ),
    },
    { title: t('pairings.class'), dataIndex: 'className', width: W.className, ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: t('pairings.mentor'), dataIndex: 'mentorName', width: W.mentor, ellipsis: true },
    { title: t('pairings.since'), dataIndex: 'startDate', width: W.since, render: date },
    ...(all
      ? [
          {
            title: t('pairings.endedColumn'),
            key: 'ended',
            width: W.ended,
            render: (_: unknown, p: Pairing) => {
              if (!p.endDate) return '—';
              const reason = pairingEndReason(p.endReason, lang);
              return (
                <>
                  {date(p.endDate)}
                  {reason && (
                    <Typography.Text
                      type="secondary"
                      ellipsis={{ tooltip: reason }}
                      style={{ display: 'block', fontSize: 12 }}
                      data-testid="pairing-end-reason-text"
                    >
                      {reason}
                    </Typography.Text>
                  )}
                </>
              );
            },
          },
        ]
      : []),
    ...(manage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: W.actions,
            render: (_: unknown, p: Pairing) =>
              p.endDate ? (
                <Tag style={{ marginInlineEnd: 0 }}>{t('pairings.ended')}</Tag>
              ) : (
                <Button size="small" type="text" icon={<StopOutlined />} onClick={() => setEnding(p)} data-testid="pairing-end">
                  {t('pairings.end')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <Select
          allowClear
          value={mentorId}
          onChange={(v: string | undefined) => onMentor(v)}
          placeholder={t('pairings.mentorFilter')}
          options={mentors.map((m) => ({ value: m.id, label: m.name }))}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 180 }}
          data-testid="pairing-filter-mentor"
        />
        <LabelledSwitch checked={all} onChange={setAll} label={t('pairings.showEnded')} data-testid="pairing-show-ended" />
      </Flex>
      <QueryError error={pages.error} onRetry={() => pages.refetch()} />
      <AdaptiveTable<Pairing>
        rowKey="id"
        size="small"
        loading={pages.isLoading || (pages.isFetching && !pages.isFetchingNextPage)}
        dataSource={rows}
        columns={columns}
        tableLayout="fixed"
        scroll={{ x: pairingTableWidth({ ended: all, actions: manage }) }}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false, showTotal: (n) => t('common.total', { count: n }) }}
        locale={{ emptyText: t('pairings.empty') }}
        onRow={(p) =>
          ({
            'data-testid': p.endDate ? 'pairing-row-ended' : 'pairing-row',
            style: p.endDate ? { color: 'rgba(0,0,0,0.45)' } : undefined,
          }) as HTMLAttributes<HTMLElement>
        }
        data-testid="pairing-table"
      />
      {pages.hasNextPage && (
        <Flex justify="center" style={{ padding: 12 }}>
          <Button onClick={() => pages.fetchNextPage()} loading={pages.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </Flex>
      )}
      <EndModal key={ending?.id ?? 'none'} pairing={ending} onClose={() => setEnding(null)} />
    </>
  );
}
