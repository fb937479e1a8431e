import { TimePicker, type TimePickerProps } from 'antd';
import type { KeyboardEvent } from 'react';
import { enterStaysInField } from './enter-key.ts';

/**
 * A time of day for forms ('HH:mm', five-minute steps in the list): Enter in it takes the time typed
 * without sending the form, as in `DateInput` — typing "15:30" and Enter must not save an activity
 * whose end time and place are still to come.
 */
export function TimeInput(props: Omit<TimePickerProps, 'format'>) {
  const { onKeyDown, ...rest } = props;
  return (
    <TimePicker
      format="HH:mm"
      minuteStep={5}
      needConfirm={false}
      {...rest}
      onKeyDown={enterStaysInField<KeyboardEvent<HTMLElement>, [preventDefault: () => void]>(undefined, onKeyDown)}
    />
  );
}
