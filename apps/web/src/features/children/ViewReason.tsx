import { FileSearchOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { FormError } from '../../components/FormError.tsx';
import { NoteBox } from '../../components/NoteBox.tsx';
import { useT } from '../../i18n/lang.tsx';
import { childrenApi } from './children.api.ts';

/**
 * A bureau officer opens one child's details only with a reason (DOMAIN.md): asked here, sent to the
 * audit log, then the archive opens. `onGiven` reloads it.
 */
export function ViewReason({ childId, onGiven, onBack }: { childId: string; onGiven: () => void; onBack: () => void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const send = async () => {
    setSending(true);
    setError(null);
    try {
      await childrenApi.giveViewReason(childId, reason.trim());
      onGiven();
    } catch (err) {
      setError(err instanceof ApiError && err.fields[0] ? err.fields[0].message : err instanceof Error ? err.message : String(err));
    } finally {
      setSending(false);
    }
  };
  return (
    <Card style={{ maxWidth: 560, margin: '24px auto' }} data-testid="view-reason">
      <Flex vertical gap={12}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          <FileSearchOutlined /> {t('childDetail.reasonTitle')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('childDetail.reasonHint')}</Typography.Text>
        <FormError error={error} />
        <NoteBox
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('childDetail.reasonPlaceholder')}
          aria-label={t('childDetail.reasonTitle')}
          // Room for the count antd puts under the box.
          style={{ marginBottom: 16 }}
          data-testid="view-reason-text"
        />
        <Flex gap={8} justify="end">
          <Button onClick={onBack}>{t('childDetail.backToList')}</Button>
          <Button type="primary" loading={sending} disabled={reason.trim().length < 2} onClick={send} data-testid="view-reason-submit">
            {t('childDetail.reasonSubmit')}
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
}
