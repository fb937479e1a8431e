import { Flex, Switch } from 'antd';
import { useId } from 'react';

interface Props {
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: React.ReactNode;
  'data-testid'?: string;
}

/**
 * A filter switch with its words beside it (只看待签收, 只看我写的): the switch is a button, so the words
 * are its `<label>` — a click on them flips it, and a screen reader names it by them.
 */
export function LabelledSwitch({ checked, onChange, label, ...rest }: Props) {
  const id = useId();
  const testId = rest['data-testid'];
  return (
    <Flex align="center" gap={6}>
      <Switch id={id} size="small" checked={checked} onChange={onChange} data-testid={testId} />
      <label htmlFor={id} style={{ cursor: 'pointer', userSelect: 'none' }} data-testid={testId ? `${testId}-label` : undefined}>
        {label}
      </label>
    </Flex>
  );
}
