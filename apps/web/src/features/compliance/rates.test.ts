import '../../i18n/compliance.ts';
import { describe, expect, it } from 'vitest';
import { type TFunction, translateWeb } from '../../i18n/translate.ts';
import { BLUE, GREEN, GREY, ORANGE, RED, rateColor, rateNote, rateText, shownRate } from './rates.ts';

const report = (from: string, rate: number | null, due = 0) => ({ from, to: `${from.slice(0, 7)}-28`, overall: { rate, due } });

describe('completion rates', () => {
  it('shows no rate for a period that has not begun, even if an item counted in it is done early', () => {
    // 25 November: December's first key-support talk (24 Nov – 7 Dec) is done already.
    expect(shownRate(report('2026-12-01', 1, 4), '2026-11-25')).toEqual({ rate: null, note: 'notStarted', due: 0, doneEarly: 0 });
    expect(shownRate(report('2026-12-01', null), '2026-11-25')).toEqual({ rate: null, note: 'notStarted', due: 0, doneEarly: 0 });
    expect(rateText(shownRate(report('2026-12-01', 1), '2026-11-25').rate)).toBe('—');
  });

  it('keeps the rate of a period begun, and says when nothing in it has fallen due yet', () => {
    expect(shownRate(report('2026-11-01', 0.8), '2026-11-25')).toEqual({ rate: 0.8, note: null, due: 0, doneEarly: 0 });
    expect(shownRate(report('2026-11-24', 1, 3), '2026-11-25')).toEqual({ rate: 1, note: null, due: 3, doneEarly: 0 });
    expect(shownRate(report('2026-11-01', null, 2), '2026-11-25')).toEqual({ rate: null, note: 'nothingDue', due: 0, doneEarly: 0 });
    expect(shownRate(undefined, '2026-11-25')).toEqual({ rate: null, note: null, due: 0, doneEarly: 0 });
  });

  it('shows no rate on the first day of a period — nothing in it can have fallen due — even when items counted in it are done early, never 100 %', () => {
    // 1 December: a key-support talk done on 25 November fills the window 24 Nov – 7 Dec, counted in December.
    const december = { from: '2026-12-01', to: '2026-12-31', overall: { rate: 1, due: 40 } };
    expect(shownRate(december, '2026-12-01')).toEqual({ rate: null, note: 'nothingDueMonth', due: 0, doneEarly: 0 });
    expect(rateText(shownRate(december, '2026-12-01').rate)).toBe('—');
    // A range or a term starting today says the same without "this month".
    expect(shownRate({ ...december, to: '2027-01-31' }, '2026-12-01')).toEqual({ rate: null, note: 'nothingDue', due: 0, doneEarly: 0 });
    // From the second day, what has fallen due gives the rate.
    expect(shownRate({ ...december, overall: { rate: 0.5, due: 40 } }, '2026-12-02')).toEqual({ rate: 0.5, note: null, due: 40, doneEarly: 0 });
    // This month with nothing judged yet says so of the month; a past month of nothing judged does not.
    expect(shownRate({ ...december, overall: { rate: null, due: 40 } }, '2026-12-10').note).toBe('nothingDueMonth');
    expect(shownRate({ from: '2026-11-01', to: '2026-11-30', overall: { rate: null, due: 0 } }, '2026-12-10').note).toBe('nothingDue');
    for (const lang of ['zh-CN', 'en-US'] as const) {
      const t: TFunction = (key, params) => translateWeb(lang, key, params);
      expect(rateNote(t, shownRate(december, '2026-12-01'))).toBe(lang === 'zh-CN' ? '本月尚无到期事项' : 'Nothing due yet this month');
    }
  });

  it('says beside a rate, or where there is none yet, how many items were done before they fell due (outside the rate)', () => {
    // 2 December: nothing has fallen due this month; 9 talks are done already, 222 still to do.
    const december = { from: '2026-12-01', to: '2026-12-31', overall: { rate: null, due: 222, doneEarly: 9 } };
    expect(shownRate(december, '2026-12-02')).toEqual({ rate: null, note: 'nothingDueMonth', due: 0, doneEarly: 9 });
    const term = { from: '2026-09-01', to: '2027-01-31', overall: { rate: 0.5, due: 222, doneEarly: 9 } };
    for (const lang of ['zh-CN', 'en-US'] as const) {
      const t: TFunction = (key, params) => translateWeb(lang, key, params);
      const zh = lang === 'zh-CN';
      expect(rateNote(t, shownRate(december, '2026-12-02'))).toBe(zh ? '本月尚无到期事项，9 项已提前完成' : 'Nothing due yet this month; 9 done early');
      expect(rateNote(t, shownRate(term, '2026-12-02'))).toBe(zh ? '另有 222 项待完成，9 项已提前完成' : '222 still to do; 9 done early');
      // A table row without a rate: the items done early alone.
      expect(rateNote(t, { rate: null, note: null, due: 0, doneEarly: 3 })).toBe(zh ? '3 项已提前完成' : '3 done early');
    }
  });

  it('formats and colours a rate, and none as a grey dash', () => {
    expect(rateText(0.553)).toBe('55.3%');
    // One decimal always, as the statistics and the Excel cells show rates: 30.0% beside 27.6%.
    expect(rateText(0.3)).toBe('30.0%');
    expect(rateText(1)).toBe('100.0%');
    expect(rateText(0)).toBe('0.0%');
    expect(rateText(null)).toBe('—');
    expect(rateColor(null)).toBe('#8c8c8c');
    expect(rateColor(0.95)).toBe('#389e0d');
    expect(rateColor(0.75)).toBe('#d46b08');
    expect(rateColor(0.5)).toBe('#cf1322');
  });

  it('does not show a rate as good while items are still in progress: 100 % is blue then, as the items in progress, not green', () => {
    expect(rateColor(1, 3)).toBe(BLUE);
    expect(rateColor(0.95, 1)).toBe(BLUE);
    expect(rateColor(1, 0)).toBe(GREEN);
    expect(rateColor(1)).toBe(GREEN);
    // A low rate stays a warning: the overdue items behind it are missed already, whatever is still open.
    expect(rateColor(0.75, 2)).toBe(ORANGE);
    expect(rateColor(0.5, 2)).toBe(RED);
    expect(rateColor(null, 2)).toBe(GREY);
  });

  it('says under a rate why there is none, or how many items are still in progress', () => {
    for (const lang of ['zh-CN', 'en-US'] as const) {
      const t: TFunction = (key, params) => translateWeb(lang, key, params);
      const zh = lang === 'zh-CN';
      expect(rateNote(t, shownRate(report('2026-11-01', 1, 3), '2026-11-25'))).toBe(zh ? '另有 3 项待完成' : '3 still to do');
      expect(rateNote(t, shownRate(report('2026-11-01', 0.5, 1), '2026-11-25'))).toBe(zh ? '另有 1 项待完成' : '1 still to do');
      expect(rateNote(t, shownRate(report('2026-11-01', 1), '2026-11-25'))).toBeUndefined();
      expect(rateNote(t, shownRate(report('2026-12-01', null, 3), '2026-11-25'))).toBe(zh ? '尚未开始' : 'Not started');
      expect(rateNote(t, shownRate(report('2026-11-01', null, 3), '2026-11-25'))).toBe(zh ? '尚无到期的待办' : 'Nothing due yet');
    }
  });
});
