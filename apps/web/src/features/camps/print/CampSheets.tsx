import { type Camp, type CampUnit, joinList } from '@carebridge/shared';
import { Fragment, type ReactNode } from 'react';
import { useLang, useT } from '../../../i18n/lang.tsx';
import { PRINT_FONTS } from '../../children/print/PrintShell.tsx';
import { dateRange, dayLabel, type SubjectColour } from '../camp-format.ts';

/**
 * A4 landscape. PrintShell's own rules set portrait and a 210 mm sheet; these come after them in the
 * page and win. The fonts are PrintShell's (PRINT_FONTS: Chinese fonts only, so one font draws a sheet's
 * digits and characters alike). On screen the sheets sit on the grey desk; in print only they remain.
 */
export const LANDSCAPE_CSS = `
@page { size: A4 landscape; margin: 10mm; }
.cb-print-page.cb-landscape { width: 297mm; min-height: 210mm; padding: 10mm 12mm; font-family: ${PRINT_FONTS}, sans-serif; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.cb-landscape h1 { font-size: 16pt; margin-bottom: 1mm; }
.cb-landscape .cb-sub { margin-bottom: 3mm; }
.cb-landscape table.cb-tt th, .cb-landscape table.cb-tt td { padding: 0.8mm 1.2mm; text-align: center; font-size: 9.5pt; line-height: 1.25; height: 10.5mm; }
.cb-landscape table.cb-tt th.cb-time { font-size: 9pt; white-space: nowrap; }
.cb-landscape table.cb-tt tr.cb-win-start > * { border-top: 1.6pt solid #000; }
.cb-landscape .cb-main { font-weight: bold; display: block; }
.cb-landscape .cb-game .cb-main { font-style: italic; }
.cb-landscape .cb-minor { font-size: 8pt; color: #333; display: block; }
.cb-landscape td.cb-event { background: #ededed; font-weight: bold; letter-spacing: 1px; }
.cb-landscape table.cb-att th, .cb-landscape table.cb-att td { padding: 0.6mm 1mm; font-size: 9.5pt; height: 7.6mm; text-align: center; }
.cb-landscape table.cb-att td.cb-name { text-align: left; padding-left: 2mm; }
.cb-landscape .cb-box { display: inline-block; width: 3.6mm; height: 3.6mm; border: 0.6pt solid #000; vertical-align: middle; }
.cb-landscape .cb-legend { margin-top: 2mm; font-size: 8.5pt; display: flex; flex-wrap: wrap; gap: 2mm 4mm; }
.cb-landscape .cb-legend span { padding: 0 1.5mm; border: 0.4pt solid #999; }
@media print {
  .cb-print-page.cb-landscape { width: auto; min-height: 0; padding: 0; margin: 0; box-shadow: none; }
}
`;

/** Days in pages of at most a week, so that a long camp still fits the sheet's width. */
export function weeks(days: readonly string[], size = 7): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < days.length; i += size) out.push(days.slice(i, i + size));
  return out;
}

/** The camp's times of day in order, each with the window it belongs to. */
function timesOf(units: readonly CampUnit[]) {
  const seen = new Map<string, { start: string; end: string; window: number }>();
  for (const u of units) {
    const key = `${u.start}-${u.end}`;
    if (!seen.has(key)) seen.set(key, { start: u.start, end: u.end, window: Number(u.half.slice(u.half.indexOf('#') + 1)) });
  }
  return [...seen.values()].sort((a, b) => a.start.localeCompare(b.start));
}

export interface SheetCell {
  /** Equal keys in a row of a window are drawn as one merged cell. */
  key: string;
  main: string;
  minor?: string;
  game?: boolean;
  event?: boolean;
  colour?: SubjectColour;
}

interface TimetableSheetProps {
  camp: Camp;
  units: readonly CampUnit[];
  title: string;
  subtitle: string;
  days: readonly string[];
  cellAt: (unit: CampUnit) => SheetCell | null;
  footer: ReactNode;
  legend?: ReactNode;
}

/** One page of a timetable: times down, days across, fixed events and back-to-back units merged. */
export function TimetableSheet({ camp, units, title, subtitle, days, cellAt, footer, legend }: TimetableSheetProps) {
  const t = useT();
  const { lang } = useLang();
  const times = timesOf(units);
  const byDayTime = new Map(units.map((u) => [`${u.date}|${u.start}-${u.end}`, u]));
  // Per day: the content of each time row, and how many rows each merged cell covers.
  const grid = days.map((d) => {
    const contents = times.map((tm) => {
      const u = byDayTime.get(`${d}|${tm.start}-${tm.end}`);
      return u ? cellAt(u) : null;
    });
    const span = contents.map(() => 1);
    for (let r = times.length - 1; r > 0; r--) {
      const a = contents[r - 1];
      const b = contents[r];
      if (a && b && a.key === b.key && times[r - 1]?.window === times[r]?.window) {
        span[r - 1] = (span[r - 1] ?? 1) + (span[r] ?? 1);
        span[r] = 0;
      }
    }
    return { contents, span };
  });
  return (
    <section className="cb-print-page cb-landscape" data-testid="print-page">
      <h1>{camp.title}</h1>
      <p className="cb-sub">
        {title}　{subtitle}
      </p>
      <table className="cb-tt">
        <colgroup>
          <col style={{ width: '12%' }} />
          {days.map((d) => (
            <col key={d} style={{ width: `${88 / Math.max(days.length, 1)}%` }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th className="cb-time">{t('camps.time')}</th>
            {days.map((d) => (
              <th key={d}>{dayLabel(d, lang)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {times.map((tm, r) => (
            <tr key={`${tm.start}-${tm.end}`} className={r > 0 && times[r - 1]?.window !== tm.window ? 'cb-win-start' : undefined}>
              <th className="cb-time">
                {tm.start}–{tm.end}
              </th>
              {days.map((d, di) => {
                const span = grid[di]?.span[r] ?? 1;
                if (span === 0) return null;
                const c = grid[di]?.contents[r];
                if (!c) return <td key={d} rowSpan={span} />;
                return (
                  <td
                    key={d}
                    rowSpan={span}
                    className={c.event ? 'cb-event' : c.game ? 'cb-game' : undefined}
                    style={c.colour ? { background: c.colour.bg } : undefined}
                  >
                    <span className="cb-main">{c.main}</span>
                    {c.minor && <span className="cb-minor">{c.minor}</span>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {legend}
      <div className="cb-foot">{footer}</div>
    </section>
  );
}

/** "上午 / 下午" for two windows (by their start), else their start times. */
function windowLabels(windows: readonly { start: string }[], t: ReturnType<typeof useT>): string[] {
  const sorted = [...windows].sort((a, b) => a.start.localeCompare(b.start));
  const named = sorted.map((w) => (w.start < '12:00' ? t('campPrint.am') : w.start < '18:00' ? t('campPrint.pm') : t('campPrint.evening')));
  return new Set(named).size === named.length ? named : sorted.map((w) => w.start);
}

/** 考勤表: the group's children down, the days (and their half-days) across, a box to tick; blank rows for late comers. */
export function AttendanceSheet({ camp, groupId, days, today }: { camp: Camp; groupId: string; days: readonly string[]; today: string }) {
  const t = useT();
  const { lang } = useLang();
  const group = camp.groups.find((g) => g.id === groupId);
  const children = camp.children.filter((c) => c.groupId === groupId);
  const halves = windowLabels(camp.windows, t);
  const rows = Math.max(children.length + 2, group?.size ?? 0, 8);
  const blank = Array.from({ length: rows - children.length }, (_, i) => `blank-${i}`);
  const box = <span className="cb-box" />;
  const leaders = camp.volunteers.filter((v) => v.leader).map((v) => v.name);
  return (
    <section className="cb-print-page cb-landscape" data-testid="print-page">
      <h1>
        {camp.title} · {t('camps.attendance')}
      </h1>
      <p className="cb-sub">
        {group?.name ?? groupId}　{dateRange(camp.startDate, camp.endDate, lang)}
        {camp.place ? `　${camp.place}` : ''}
      </p>
      <table className="cb-att">
        <colgroup>
          <col style={{ width: '4%' }} />
          <col style={{ width: '12%' }} />
          <col style={{ width: '8%' }} />
        </colgroup>
        <thead>
          <tr>
            <th rowSpan={halves.length > 1 ? 2 : 1}>#</th>
            <th rowSpan={halves.length > 1 ? 2 : 1}>{t('camps.child')}</th>
            <th rowSpan={halves.length > 1 ? 2 : 1}>{t('campFields.grade')}</th>
            {days.map((d) => (
              <th key={d} colSpan={halves.length}>
                {dayLabel(d, lang)}
              </th>
            ))}
            <th rowSpan={halves.length > 1 ? 2 : 1}>{t('campPrint.note')}</th>
          </tr>
          {halves.length > 1 && (
            <tr>
              {days.map((d) => (
                <Fragment key={d}>
                  {halves.map((h) => (
                    <th key={h} style={{ fontSize: '8pt' }}>
                      {h}
                    </th>
                  ))}
                </Fragment>
              ))}
            </tr>
          )}
        </thead>
        <tbody>
          {children.map((c, i) => (
            <tr key={c.id} data-testid="attendance-row">
              <td>{i + 1}</td>
              <td className="cb-name">{c.name}</td>
              <td>{c.grade ?? ''}</td>
              {days.map((d) => (
                <Fragment key={d}>
                  {halves.map((h) => (
                    <td key={h}>{box}</td>
                  ))}
                </Fragment>
              ))}
              <td />
            </tr>
          ))}
          {blank.map((k, i) => (
            <tr key={k}>
              <td>{children.length + i + 1}</td>
              <td className="cb-name" />
              <td />
              {days.map((d) => (
                <Fragment key={d}>
                  {halves.map((h) => (
                    <td key={h}>{box}</td>
                  ))}
                </Fragment>
              ))}
              <td />
            </tr>
          ))}
        </tbody>
      </table>
      <div className="cb-signs">
        <span>
          {t('campPrint.leader')}
          {lang === 'zh-CN' ? '：' : ': '}
          {leaders.length ? joinList(lang, leaders) : <span className="cb-line" />}
        </span>
        <span>
          {t('campPrint.checkedBy')}
          {lang === 'zh-CN' ? '：' : ': '}
          <span className="cb-line" />
        </span>
      </div>
      <div className="cb-foot">
        <span>{t('campPrint.attendanceHint')}</span>
        <span>{t('campPrint.printedAt', { date: today })}</span>
      </div>
    </section>
  );
}
