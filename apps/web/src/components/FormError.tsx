import { Alert } from 'antd';
import { useEffect, useRef } from 'react';

/**
 * The form-level error: a server message or errors that belong to no single field. Brought into view
 * when it appears or changes: it sits above the fields, far from a save button at the foot of a long
 * form on a phone.
 */
export function FormError({ error }: { error: string | null | undefined }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!error || !el) return;
    const box = el.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [error]);
  if (!error) return null;
  return (
    <div ref={ref}>
      <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="form-error" />
    </div>
  );
}
