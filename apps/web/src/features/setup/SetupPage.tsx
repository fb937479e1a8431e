import { useQuery } from '@tanstack/react-query';
import { Alert, App, Col, Row, Typography } from 'antd';
import { useState } from 'react';
import { Navigate } from 'react-router';
import { keys } from '../../api/queries.ts';
import { PageLoading } from '../../components/PageLoading.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useT } from '../../i18n/lang.tsx';
import { AuthShell } from '../auth/AuthShell.tsx';
import { AdminSetupCard } from './AdminSetupCard.tsx';
import { DemoSetupCard } from './DemoSetupCard.tsx';
import { setupApi } from './setup.api.ts';

/** First run: create the first administrator or load the demo county; afterwards it sends everyone to /login. */
export default function SetupPage() {
  const t = useT();
  // Once the demo is loaded the page must stay to show its accounts, although setup is then no longer needed.
  const [busy, setBusy] = useState(false);
  const status = useQuery({ queryKey: keys.setup, queryFn: setupApi.status, staleTime: Number.POSITIVE_INFINITY, enabled: !busy });

  if (status.isLoading) return <PageLoading />;
  if (status.data && !status.data.needed && !busy) return <Navigate to="/login" replace />;

  return (
    <App style={{ height: '100%' }}>
      <AuthShell maxWidth={1040}>
        <Typography.Title level={3} style={{ textAlign: 'center' }}>
          {t('setup.title')}
        </Typography.Title>
        <QueryError error={status.error} onRetry={() => status.refetch()} />
        <Alert type="info" showIcon title={t('setup.intro')} style={{ marginBottom: 16 }} />
        <Row gutter={[16, 16]}>
          <Col xs={24} md={10}>
            <AdminSetupCard disabled={busy} />
          </Col>
          <Col xs={24} md={14}>
            <DemoSetupCard onBusyChange={setBusy} />
          </Col>
        </Row>
      </AuthShell>
    </App>
  );
}
