import { DatePicker, type DatePickerProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import { type FocusEvent, type FormEvent, type KeyboardEvent, useRef } from 'react';
import { enterStaysInField } from './enter-key.ts';

dayjs.extend(customParseFormat);

/**
 * How a date is shown, and the ways of writing it the picker reads as it is typed. Every one has a
 * two-digit month and day: the picker reads the text after each key and, once it is a date, shows it
 * in the first format, so a one-digit day would turn "2026-11-3", on the way to the 30th, into the 3rd
 * (the box then read "2026-11-030" and the 3rd was saved).
 */
export const DATE_INPUT_FORMATS = ['YYYY-MM-DD', 'YYYY/MM/DD', 'YYYY.MM.DD', 'YYYYMMDD'];

/** Read only once the entry is done (Enter, Tab, leaving the field): "2026/11/7", "2026.11.7", "2026年11月7日". */
const SHORT_FORMATS = ['YYYY-M-D', 'YYYY/M/D', 'YYYY.M.D', 'YYYY年M月D日'];

/** The day a finished entry names in one of the short ways of writing it, or null. */
export function readShortDate(text: string): Dayjs | null {
  const t = text.trim();
  if (!t) return null;
  const d = dayjs(t, SHORT_FORMATS, true);
  return d.isValid() ? d : null;
}

/**
 * A day picker for forms: the usual ways of writing a date are understood, and Enter in it confirms
 * the date without sending the form (a record saved with the wrong day is worse than a second tap).
 */
export function DateInput(props: Omit<DatePickerProps, 'format' | 'picker'>) {
  const { onKeyDown, onBlur, placeholder, ...rest } = props;
  // What is in the box as typed: a short date ("2026/11/7") the picker does not read until it is done.
  const typed = useRef<string | null>(null);
  const finish = () => {
    const text = typed.current;
    typed.current = null;
    if (text === null) return;
    const d = readShortDate(text);
    if (!d || (props.value && dayjs.isDayjs(props.value) && props.value.isSame(d, 'day'))) return;
    (props.onChange as ((date: Dayjs, text: string) => void) | undefined)?.(d, d.format(DATE_INPUT_FORMATS[0] as string));
  };
  return (
    <span style={{ display: 'contents' }} onInput={(e: FormEvent<HTMLSpanElement>) => (typed.current = (e.target as HTMLInputElement).value)}>
      <DatePicker
        format={DATE_INPUT_FORMATS}
        placeholder={placeholder ?? 'YYYY-MM-DD'}
        {...rest}
        onKeyDown={enterStaysInField<KeyboardEvent<HTMLElement>, [preventDefault: () => void]>(finish, onKeyDown)}
        onBlur={(e: FocusEvent<HTMLElement>, info: { range?: 'start' | 'end' }) => {
          finish();
          onBlur?.(e, info);
        }}
      />
    </span>
  );
}
