import { Button, Flex } from 'antd';
import { useT } from '../i18n/lang.tsx';

interface Props {
  submitting: boolean;
  onCancel?: () => void;
  submitText?: string;
  testId?: string;
  /** The submit button cannot be used (the form says why). */
  disabled?: boolean;
}

/** Cancel + submit at the foot of a form (the forms live inside modals and drawers). */
export function FormActions({ submitting, onCancel, submitText, testId = 'form-submit', disabled }: Props) {
  const t = useT();
  return (
    <Flex justify="end" gap={8} style={{ marginTop: 8 }}>
      {onCancel && <Button onClick={onCancel}>{t('common.cancel')}</Button>}
      <Button type="primary" htmlType="submit" loading={submitting} disabled={disabled} data-testid={testId}>
        {submitText ?? t('common.save')}
      </Button>
    </Flex>
  );
}
