import { Alert, App, Button, Flex, Form, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { FormError } from '../../components/FormError.tsx';
import { FormModal } from '../../components/Overlay.tsx';
import { useT } from '../../i18n/lang.tsx';
import { todayInShanghai } from '../../lib/dates.ts';
import { useTerms } from '../terms/terms.api.ts';
import { pairingsApi, usePairingInvalidate } from './pairings.api.ts';

/** 顺延到新学期: every active pairing of the school ends before the chosen term and starts again in it. */
export function CarryModal({ schoolId, open, onClose }: { schoolId: string; open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const invalidate = usePairingInvalidate();
  const terms = useTerms(open ? schoolId : undefined);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const today = todayInShanghai();
  const sorted = useMemo(() => [...(terms.data ?? [])].sort((a, b) => b.startDate.localeCompare(a.startDate)), [terms.data]);
  /** The next term to start, else the current one, else the latest. */
  const suggested = useMemo(
    () => [...sorted].reverse().find((x) => x.startDate > today)?.id ?? sorted.find((x) => x.startDate <= today && today <= x.endDate)?.id ?? sorted[0]?.id,
    [sorted, today],
  );
  const submit = async ({ toTermId }: { toTermId: string }) => {
    setBusy(true);
    setError(null);
    try {
      const { carried } = await pairingsApi.carry(schoolId, toTermId);
      message.success(t('pairings.carryDone', { count: carried }));
      invalidate();
      onClose();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <FormModal open={open} title={t('pairings.carryTitle')} onClose={onClose}>
      <Typography.Paragraph type="secondary">{t('pairings.carryHint')}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('pairings.carrySkips')}</Typography.Paragraph>
      {!terms.isLoading && sorted.length === 0 ? (
        <Alert type="info" showIcon title={t('pairings.noTerms')} />
      ) : (
        <Form<{ toTermId: string }> layout="vertical" onFinish={submit} initialValues={{ toTermId: suggested }} key={suggested ?? 'none'}>
          <FormError error={error} />
          <Form.Item name="toTermId" label={t('pairings.carryTerm')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select
              loading={terms.isLoading}
              options={sorted.map((x) => ({ value: x.id, label: t('terms.withDates', { name: x.name, start: x.startDate, end: x.endDate }) }))}
              data-testid="pairing-carry-term"
            />
          </Form.Item>
          <Flex justify="end" gap={8}>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="pairing-carry-submit">
              {t('pairings.carrySubmit')}
            </Button>
          </Flex>
        </Form>
      )}
    </FormModal>
  );
}
