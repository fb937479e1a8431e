import { Button } from 'antd';
import { Component, type ReactNode } from 'react';
import { useT } from '../i18n/lang.tsx';

// Plain markup on purpose: this wraps the login page too, which must stay light (no antd Result).
function PageFailed() {
  const t = useT();
  return (
    <div role="alert" style={{ padding: '48px 16px', textAlign: 'center' }}>
      <h2 style={{ fontWeight: 600 }}>{t('errors.pageFailed')}</h2>
      <p style={{ color: 'rgba(0,0,0,0.55)' }}>{t('errors.pageFailedHint')}</p>
      <Button type="primary" onClick={() => window.location.reload()}>
        {t('errors.reload')}
      </Button>
    </div>
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
