import { DatePicker, type DatePickerProps } from 'antd';
import type { KeyboardEvent } from 'react';

/**
 * How a typed date may be written: shown as the first, and also read as teachers type dates
 * ("2026/11/7", "2026.11.7", "20261107"); an entry in none of these stays as typed until put right.
 */
export const DATE_INPUT_FORMATS = ['YYYY-MM-DD', 'YYYY/M/D', 'YYYY.M.D', 'YYYY-M-D', 'YYYYMMDD'];

/**
 * A day picker for forms: the usual ways of writing a date are understood, and Enter in it confirms
 * the date without sending the form (a record saved with the wrong day is worse than a second tap).
 */
export function DateInput(props: Omit<DatePickerProps, 'format' | 'picker'>) {
  const { onKeyDown, placeholder, ...rest } = props;
  return (
    <DatePicker
      format={DATE_INPUT_FORMATS}
      placeholder={placeholder ?? 'YYYY-MM-DD'}
      {...rest}
      onKeyDown={(e: KeyboardEvent<HTMLElement>, preventDefault: () => void) => {
        if (e.key === 'Enter') e.preventDefault();
        onKeyDown?.(e, preventDefault);
      }}
    />
  );
}
