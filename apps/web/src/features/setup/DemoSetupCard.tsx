import type { DemoResponse } from '@carebridge/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Spin, Table, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { keys } from '../../api/queries.ts';
import { useLabels } from '../../i18n/labels.ts';
import { useT } from '../../i18n/lang.tsx';
import { setupApi } from './setup.api.ts';

type Account = DemoResponse['accounts'][number];

/** Load the demo county (POST /api/setup/demo) and list the accounts it created. */
export function DemoSetupCard({ onBusyChange }: { onBusyChange: (busy: boolean) => void }) {
  const t = useT();
  const labels = useLabels();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const demo = useMutation({
    mutationFn: setupApi.loadDemo,
    onMutate: () => onBusyChange(true),
    onError: () => onBusyChange(false),
    onSuccess: () => qc.setQueryData(keys.setup, { needed: false }),
  });
  const accounts = demo.data?.accounts;

  return (
    <Card title={t('setup.demoTitle')} style={{ height: '100%' }}>
      <Typography.Paragraph type="secondary">{t('setup.demoHint')}</Typography.Paragraph>
      {demo.error && <Alert type="error" showIcon title={demo.error.message} style={{ marginBottom: 16 }} />}
      {demo.isPending && (
        <Flex align="center" gap={12} style={{ marginBottom: 16 }}>
          <Spin />
          <Typography.Text>{t('setup.demoLoading')}</Typography.Text>
        </Flex>
      )}
      {!accounts && (
        <Button onClick={() => demo.mutate()} loading={demo.isPending} data-testid="setup-demo-submit">
          {t('setup.demoSubmit')}
        </Button>
      )}
      {accounts && (
        <>
          <Alert type="success" showIcon title={t('setup.demoDone')} style={{ marginBottom: 12 }} />
          <Table<Account>
            size="small"
            rowKey="username"
            dataSource={accounts}
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="setup-demo-accounts"
            columns={[
              { title: t('fields.role'), dataIndex: 'role', render: (r: string) => <Tag color="orange">{labels.role(r)}</Tag> },
              { title: t('users.name'), dataIndex: 'name' },
              { title: t('fields.username'), dataIndex: 'username', render: (u: string) => <Typography.Text copyable>{u}</Typography.Text> },
              {
                title: t('fields.password'),
                dataIndex: 'password',
                render: (p: string) => (
                  <Typography.Text code copyable>
                    {p}
                  </Typography.Text>
                ),
              },
            ]}
          />
          <Button type="primary" style={{ marginTop: 16 }} onClick={() => navigate('/login')} data-testid="setup-go-login">
            {t('setup.goLogin')}
          </Button>
        </>
      )}
    </Card>
  );
}
