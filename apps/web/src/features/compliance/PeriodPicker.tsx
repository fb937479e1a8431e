import { termName } from '@carebridge/shared';
import { DatePicker, Flex, Segmented, Select, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { DateRangeFilter } from '../../components/DateRangeFilter.tsx';
import { useLang, useT } from '../../i18n/lang.tsx';
import { monthStart, todayInShanghai } from '../../lib/dates.ts';
import { useTerms } from '../terms/terms.api.ts';
import { type CalendarTerm, calendarTerms, isCalendarTerm, type PeriodMode, periodMode } from './periods.ts';

interface Props {
  value: string;
  onChange: (period: string) => void;
  /** Terms belong to a school: without one, "by term" offers the calendar's terms. */
  schoolId?: string | undefined;
}

/** The period of a report: a month, a term (the school's own, or the calendar's for a region), or any range — as the API spells it. */
export function PeriodPicker({ value, onChange, schoolId }: Props) {
  const t = useT();
  const { lang } = useLang();
  const terms = useTerms(schoolId);
  const [mode, setMode] = useState<PeriodMode>(() => periodMode(value, schoolId));
  const today = todayInShanghai();
  const range = value.includes('..') ? (value.split('..') as [string, string]) : null;

  const switchTo = (m: PeriodMode) => {
    setMode(m);
    if (m === 'month') onChange(today.slice(0, 7));
    if (m === 'range') onChange(`${monthStart(today)}..${today}`);
    if (m === 'term' && !schoolId) onChange((calendarTerms(today, 1)[0] as CalendarTerm).period);
    else if (m === 'term') {
      const list = terms.data ?? [];
      const current = list.find((x) => x.startDate <= today && today <= x.endDate) ?? list[list.length - 1];
      if (current) onChange(`term:${current.id}`);
    }
  };

  return (
    <Flex gap={8} wrap align="center">
      <Segmented<PeriodMode>
        value={mode}
        onChange={switchTo}
        options={[
          { value: 'month', label: t('compliance.periodMonth') },
          {
            value: 'term',
            label: schoolId ? t('compliance.periodTerm') : <Tooltip title={t('compliance.calendarTermsHint')}>{t('compliance.periodTerm')}</Tooltip>,
          },
          { value: 'range', label: t('compliance.periodRange') },
        ]}
        data-testid="compliance-period-mode"
      />
      {mode === 'month' && (
        <DatePicker
          picker="month"
          value={/^\d{4}-\d{2}$/.test(value) ? dayjs(`${value}-01`) : dayjs(`${today.slice(0, 7)}-01`)}
          onChange={(d) => d && onChange(d.format('YYYY-MM'))}
          allowClear={false}
          inputReadOnly
          format="YYYY-MM"
          style={{ width: 130 }}
          data-testid="compliance-month"
        />
      )}
      {mode === 'term' && !schoolId && (
        <Select
          value={isCalendarTerm(value) ? value : undefined}
          onChange={onChange}
          placeholder={t('compliance.pickTerm')}
          options={calendarTerms(today).map((x) => {
            const [from, to] = x.period.split('..') as [string, string];
            return {
              value: x.period,
              label: termName(lang, x.year, x.semester),
              title: t('compliance.range', { from, to }),
            };
          })}
          style={{ minWidth: 260 }}
          data-testid="compliance-term"
        />
      )}
      {mode === 'term' && schoolId && (
        <Select
          value={value.startsWith('term:') ? value.slice(5) : undefined}
          onChange={(id: string) => onChange(`term:${id}`)}
          loading={terms.isLoading}
          placeholder={t('compliance.pickTerm')}
          notFoundContent={t('compliance.noTerms')}
          options={(terms.data ?? []).map((x) => ({ value: x.id, label: t('terms.withDates', { name: x.name, start: x.startDate, end: x.endDate }) }))}
          style={{ minWidth: 240 }}
          data-testid="compliance-term"
        />
      )}
      {mode === 'range' && (
        <DateRangeFilter
          required
          from={range?.[0]}
          to={range?.[1]}
          onChange={(from, to) => from && to && onChange(`${from}..${to}`)}
          testId="compliance-range"
        />
      )}
    </Flex>
  );
}
