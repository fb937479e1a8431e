import { Alert, Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useT } from '../i18n/lang.tsx';

/** A failed load, with the server's message and a retry button. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Alert
      type="error"
      showIcon
      title={message}
      style={{ marginBottom: 16 }}
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )
      }
    />
  );
}

/**
 * A record that did not load: a 404 or 403 is a page that says so (the title, with the server's reason
 * beneath) and leads back to the list; anything else is a retryable error.
 */
export function LoadFailed({
  error,
  onRetry,
  title,
  back,
  testId,
}: {
  error: unknown;
  onRetry: () => void;
  /** Defaults to the server's message. */
  title?: string;
  back?: { to: string; label: string };
  testId?: string;
}) {
  const navigate = useNavigate();
  if (!(error instanceof ApiError) || (error.status !== 403 && error.status !== 404)) return <QueryError error={error} onRetry={onRetry} />;
  return (
    <Result
      status={error.status === 404 ? '404' : '403'}
      title={title ?? error.message}
      subTitle={title && title !== error.message ? error.message : undefined}
      extra={
        back && (
          <Button type="primary" onClick={() => navigate(back.to)}>
            {back.label}
          </Button>
        )
      }
      data-testid={testId}
    />
  );
}
