/** The camp's timetable as an Excel workbook: a sheet per group and per volunteer, and attendance sheets. */

import { type Camp, type CampUnit, type Lang, type TimetableCell, translate } from '@carebridge/shared';
import ExcelJS from 'exceljs';

const BORDER = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
const box = { top: BORDER, left: BORDER, bottom: BORDER, right: BORDER };
/** A4 landscape, one page wide. */
const PAGE = { pageSetup: { paperSize: 9, orientation: 'landscape' as const, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } };

/** "7.28" for 2026-07-28. */
const dayLabel = (d: string) => `${Number(d.slice(5, 7))}.${Number(d.slice(8, 10))}`;

/** Thin borders on every cell below the title row. */
function boxCells(ws: ExcelJS.Worksheet) {
  ws.eachRow((row, n) => {
    if (n > 1) row.eachCell({ includeEmpty: true }, (c) => (c.border = box));
  });
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
function sheetName(wb: ExcelJS.Workbook, raw: string): string {
  const base = raw.replace(/[:\\/?*[\]]/g, ' ').slice(0, 28) || 'sheet';
  let name = base;
  for (let n = 2; wb.getWorksheet(name); n++) name = `${base}(${n})`;
  return name;
}

/**
 * A grid of the camp: one row per time of day, one column per day, the cell text from `label`.
 * Fixed events fill their units. Laid out for A4 landscape.
 */
function grid(wb: ExcelJS.Workbook, title: string, camp: Camp, units: CampUnit[], label: (u: CampUnit) => string, lang: Lang) {
  const ws = wb.addWorksheet(sheetName(wb, title), PAGE);
  const days = camp.days;
  const times = [...new Set(units.map((u) => `${u.start}-${u.end}`))].sort();
  ws.addRow([`${camp.title} · ${title}`]).font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, days.length + 1);
  const head = ws.addRow([translate(lang, 'camps.time'), ...days.map(dayLabel)]);
  head.font = { bold: true };
  for (const t of times) {
    const row = ws.addRow([
      t,
      ...days.map((d) => {
        const u = units.find((x) => x.date === d && `${x.start}-${x.end}` === t);
        if (!u) return '';
        const ev = camp.fixedEvents.find((e) => e.date === d && e.start < u.end && e.end > u.start);
        return ev ? ev.title : label(u);
      }),
    ]);
    row.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    row.height = 30;
  }
  ws.getColumn(1).width = 13;
  for (let i = 2; i <= days.length + 1; i++) ws.getColumn(i).width = 22;
  boxCells(ws);
  return ws;
}

/** The timetable workbook: one sheet per group, one per volunteer, and a daily attendance sheet per group. */
export async function campWorkbook(camp: Camp, units: CampUnit[], cells: TimetableCell[], lang: Lang): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'CareBridge';
  const session = new Map(camp.sessions.map((s) => [s.id, s]));
  const volunteer = new Map(camp.volunteers.map((v) => [v.id, v]));
  const group = new Map(camp.groups.map((g) => [g.id, g]));
  // A unit's text: the session, and under it who teaches (a group's sheet) or whom (a volunteer's sheet).
  const label = (mine: TimetableCell[], who: (c: TimetableCell) => string | undefined) => {
    const at = new Map(mine.map((c) => [c.unitIndex, c]));
    return (u: CampUnit) => {
      const c = at.get(u.index);
      return c ? `${session.get(c.sessionId)?.title ?? ''}\n${who(c) ?? ''}` : '';
    };
  };
  for (const g of camp.groups)
    grid(
      wb,
      g.name,
      camp,
      units,
      label(
        cells.filter((c) => c.groupId === g.id),
        (c) => volunteer.get(c.volunteerId)?.name,
      ),
      lang,
    );
  for (const v of camp.volunteers)
    grid(
      wb,
      v.name,
      camp,
      units,
      label(
        cells.filter((c) => c.volunteerId === v.id),
        (c) => group.get(c.groupId)?.name,
      ),
      lang,
    );
  // Daily attendance: names down, days across, a box to tick.
  for (const g of camp.groups) {
    const ws = wb.addWorksheet(sheetName(wb, `${translate(lang, 'camps.attendance')}-${g.name}`), PAGE);
    ws.addRow([`${camp.title} · ${g.name} · ${translate(lang, 'camps.attendance')}`]).font = { bold: true, size: 14 };
    ws.mergeCells(1, 1, 1, camp.days.length + 2);
    ws.addRow(['#', translate(lang, 'camps.child'), ...camp.days.map(dayLabel)]).font = { bold: true };
    camp.children
      .filter((c) => c.groupId === g.id)
      .forEach((c, i) => {
        ws.addRow([i + 1, c.name, ...camp.days.map(() => '')]);
      });
    ws.getColumn(2).width = 14;
    boxCells(ws);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
