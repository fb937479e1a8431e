import { Alert } from 'antd';

/** The form-level error: a server message or errors that belong to no single field. */
export function FormError({ error }: { error: string | null | undefined }) {
  if (!error) return null;
  return <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="form-error" />;
}
