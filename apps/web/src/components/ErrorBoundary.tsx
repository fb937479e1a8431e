import { Button, Result } from 'antd';
import { Component, type ReactNode } from 'react';
import { useT } from '../i18n/lang.tsx';

function PageFailed() {
  const t = useT();
  return (
    <Result
      status="warning"
      title={t('errors.pageFailed')}
      subTitle={t('errors.pageFailedHint')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('errors.reload')}
        </Button>
      }
    />
  );
}

/** Catches a page that failed to load or render (a lazy chunk missing after an update, a bug). */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch(error: unknown) {
    console.error(error);
  }

  override render() {
    return this.state.failed ? <PageFailed /> : this.props.children;
  }
}
