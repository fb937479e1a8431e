import { DatePicker, Flex, Grid } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useT } from '../i18n/lang.tsx';

interface Props {
  /** 'YYYY-MM-DD', or undefined for an open end. */
  from: string | undefined;
  to: string | undefined;
  onChange: (from: string | undefined, to: string | undefined) => void;
  /** Width on a computer (one range picker). */
  width?: number;
  /** `${testId}-from` and `${testId}-to` on a phone. */
  testId: string;
}

const day = (d: Dayjs | null | undefined) => d?.format('YYYY-MM-DD');

/**
 * A list's date range filter, either end open. On a computer antd's range picker; on a phone two day
 * pickers side by side, each opening a one-month calendar: the range picker's two months are 576 px wide
 * and, at 390 px, started off the screen's left edge with this month and the arrows back out of reach.
 */
export function DateRangeFilter({ from, to, onChange, width = 260, testId }: Props) {
  const t = useT();
  const phone = Grid.useBreakpoint().md === false;
  if (!phone)
    return (
      <DatePicker.RangePicker
        value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
        onChange={(v) => onChange(day(v?.[0]), day(v?.[1]))}
        allowEmpty={[true, true]}
        style={{ width }}
        data-testid={testId}
      />
    );
  const half = { width: 'calc(50% - 4px)' };
  return (
    <Flex gap={8} style={{ width: '100%' }}>
      <DatePicker
        value={from ? dayjs(from) : null}
        onChange={(d) => onChange(day(d), to)}
        placeholder={t('fields.startDate')}
        disabledDate={(d) => !!to && (day(d) ?? '') > to}
        inputReadOnly
        placement="bottomLeft"
        style={half}
        data-testid={`${testId}-from`}
      />
      <DatePicker
        value={to ? dayjs(to) : null}
        onChange={(d) => onChange(from, day(d))}
        placeholder={t('fields.endDate')}
        disabledDate={(d) => !!from && (day(d) ?? '') < from}
        inputReadOnly
        placement="bottomRight"
        style={half}
        data-testid={`${testId}-to`}
      />
    </Flex>
  );
}
