import { DatePicker, Flex, Grid } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useT } from '../i18n/lang.tsx';

interface Props {
  /** 'YYYY-MM-DD', or undefined for an open end. */
  from: string | undefined;
  to: string | undefined;
  onChange: (from: string | undefined, to: string | undefined) => void;
  /** Days (the default) or whole months: a month range starts on its first month's 1st and ends on its last month's last day. */
  picker?: 'date' | 'month';
  /** The two ends' placeholders (default: 开始日期, 结束日期). */
  placeholder?: [string, string];
  /** Width on a computer (one range picker). */
  width?: number;
  /** `${testId}-from` and `${testId}-to` on a phone. */
  testId: string;
  /** Both ends always set (a report's period): nothing to clear, and the range picker waits for both ends. */
  required?: boolean;
}

const day = (d: Dayjs | null | undefined) => d?.format('YYYY-MM-DD');

/**
 * A list's date range filter, either end open. On a computer antd's range picker; on a phone two
 * pickers side by side, each opening one month's calendar (or one year's months): the range picker's
 * two panels are 576 px wide and, at 390 px, started off the screen's left edge with this month and
 * the arrows back out of reach.
 */
export function DateRangeFilter({ from, to, onChange, picker = 'date', placeholder, width = 260, testId, required = false }: Props) {
  const t = useT();
  const phone = Grid.useBreakpoint().md === false;
  const months = picker === 'month';
  const start = (d: Dayjs | null | undefined) => day(months ? d?.startOf('month') : d);
  const end = (d: Dayjs | null | undefined) => day(months ? d?.endOf('month') : d);
  const format = months ? 'YYYY-MM' : 'YYYY-MM-DD';
  const [fromText, toText] = placeholder ?? [t('fields.startDate'), t('fields.endDate')];
  if (!phone)
    return (
      <DatePicker.RangePicker
        picker={picker}
        format={format}
        value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
        onChange={(v) => onChange(start(v?.[0]), end(v?.[1]))}
        allowEmpty={[!required, !required]}
        allowClear={!required}
        placeholder={[fromText, toText]}
        style={{ width }}
        data-testid={testId}
      />
    );
  const half = { width: 'calc(50% - 4px)' };
  // A month picker compares months: the end's month may be the start's.
  const unit = months ? 'month' : 'day';
  return (
    <Flex gap={8} style={{ width: '100%' }}>
      <DatePicker
        picker={picker}
        format={format}
        value={from ? dayjs(from) : null}
        onChange={(d) => onChange(start(d), to)}
        placeholder={fromText}
        disabledDate={(d) => !!to && d.isAfter(dayjs(to), unit)}
        allowClear={!required}
        inputReadOnly
        placement="bottomLeft"
        style={half}
        data-testid={`${testId}-from`}
      />
      <DatePicker
        picker={picker}
        format={format}
        value={to ? dayjs(to) : null}
        onChange={(d) => onChange(from, end(d))}
        placeholder={toText}
        disabledDate={(d) => !!from && d.isBefore(dayjs(from), unit)}
        allowClear={!required}
        inputReadOnly
        placement="bottomRight"
        style={half}
        data-testid={`${testId}-to`}
      />
    </Flex>
  );
}
