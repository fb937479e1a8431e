import {
  AGE_BANDS,
  CHILD_FIELD_META,
  type ChildFieldKey,
  type ChildValues,
  type CodeListName,
  joinList,
  type Lang,
  type RosterExportQuery,
  termName,
  translate,
} from '@carebridge/shared';
import ExcelJS from 'exceljs';
import type { Auth } from '../../access/auth.ts';
import { seesPlace } from '../../access/policy.ts';
import type { Ctx } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import { shanghaiTime } from '../../lib/dates.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { type ChildRowView, derivedOf, maskValues, valuesOf } from '../children/child.mapper.ts';
import { exportsOfficial, reveals } from '../children/child.policy.ts';
import { childRepo } from '../children/child.repository.ts';
import type { ChildService } from '../children/child.service.ts';
import { DERIVED_COLUMNS, headerOf, labelOf, ROSTER_FIELDS } from './roster.columns.ts';
import { inRosterOrder } from './roster-order.ts';
import { checkSummary, type SummaryLine, summarise } from './roster-summary.ts';

const MAX_EXPORT = 50_000;
/** One sheet per child is only practical for a school-sized export. */
const MAX_CHILD_SHEETS = 1_000;

/** The official registration form's sections and their fields, in its order (POLICY.md). */
const OFFICIAL_SECTIONS: [section: string, fields: ChildFieldKey[]][] = [
  [
    'child',
    [
      'name',
      'gender',
      'ethnicity',
      'birthDate',
      'idNumber',
      'hukouRegistered',
      'hukouPlace',
      'address',
      'health',
      'disabilityCategory',
      'disabilityGrade',
      'illness',
      'boarding',
      'schooling',
    ],
  ],
  [
    'family',
    [
      'paternalGrandfatherName',
      'paternalGrandfatherBirthDate',
      'paternalGrandmotherName',
      'paternalGrandmotherBirthDate',
      'maternalGrandfatherName',
      'maternalGrandfatherBirthDate',
      'maternalGrandmotherName',
      'maternalGrandmotherBirthDate',
    ],
  ],
  ['father', ['fatherName', 'fatherBirthDate', 'fatherIdNumber', 'fatherStatus', 'fatherWorkProvince', 'fatherWorkCity', 'fatherPhone']],
  ['mother', ['motherName', 'motherBirthDate', 'motherIdNumber', 'motherStatus', 'motherWorkProvince', 'motherWorkCity', 'motherPhone']],
  ['guardian', ['guardianEntrusted', 'guardianName', 'guardianRelation', 'guardianPhone', 'guardianIdNumber', 'guardianAddress', 'custodyQuality']],
  ['economy', ['incomeSources', 'assistance']],
];

/** The official form's fields in its order: the roster's columns. */
const OFFICIAL_FIELDS: ChildFieldKey[] = OFFICIAL_SECTIONS.flatMap(([, fields]) => fields);

/** A stored value as a reader sees it: labels for codes, 是/否 for flags; a deceased parent's details are "—". */
export function display(field: ChildFieldKey, v: unknown, lang: Lang): string | number | null {
  const meta = CHILD_FIELD_META[field];
  if (v === null || v === undefined || (Array.isArray(v) && !v.length)) return null;
  if (meta.kind === 'bool') return translate(lang, `codes.yesNo.${v ? 'yes' : 'no'}`);
  if (meta.kind === 'enum' && meta.codes) return labelOf(meta.codes, String(v), lang);
  if (meta.kind === 'multi' && meta.codes)
    return joinList(
      lang,
      (v as string[]).map((x) => labelOf(meta.codes as CodeListName, x, lang)),
    );
  if (meta.kind === 'int') return Number(v);
  return String(v);
}

/** A text of the roster's workbooks (`rosterExport.*`) in the language of the export. */
function text(lang: Lang, key: string, params?: Record<string, string | number>): string {
  return translate(lang, `rosterExport.${key}`, params);
}

/** A text with a note after it, in the brackets of the language: 否（儿童、父母） / No (child, parents); the text alone without a note. */
/** A sheet's title: the unit, the term (when the export is of one) and what the sheet is — "石桥小学 2026-2027 第一学期（秋季）留守儿童花名册". */
function titled(lang: Lang, unit: string, title: string, term: string): string {
  return term ? translate(lang, 'rosterExport.titleOfTerm', { unit, term, title }) : `${unit} ${title}`;
}

function aside(lang: Lang, text: string, note: string): string {
  return note ? translate(lang, 'validation.aside', { text, note }) : text;
}

/** A row of the official form: a child's values where they were counted (the archive today, or a submitted snapshot). */
export interface OfficialRow {
  schoolId: string;
  schoolName: string;
  classId: string | null;
  className: string | null;
  values: ChildValues;
}

/** What a submitted roster holds (reporting/submission.service.ts): its school, class, term and frozen rows. */
export interface SubmittedRoster {
  id: string;
  schoolId: string;
  schoolName: string;
  className: string | null;
  regionPath: string;
  termLabel: string;
  /** Ages are counted on the term's first day, as when the roster was sent. */
  ageOn: string;
  submittedAt: string | null;
  rows: { values: ChildValues; className: string | null; classId: string | null }[];
}

const border: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };

export class RosterExportService {
  constructor(
    private readonly ctx: Ctx,
    private readonly audit: AuditService,
    private readonly children: ChildService,
  ) {}

  /** The roster of a class, school or region as .xlsx; audited with its size. */
  async export(auth: Auth, q: RosterExportQuery, lang: Lang): Promise<{ fileName: string; data: Buffer }> {
    const { db } = this.ctx;
    if (!q.schoolId && !q.regionId && !q.classId) throw new AppError('missing_scope', 422, {}, [{ path: 'schoolId', message: 'errors.missing_scope' }]);
    let unitName = '';
    let schoolId = q.schoolId;
    let regionPath: string | undefined;
    if (q.classId) {
      const k = (await db.selectFrom('classes').select(['school_id', 'name']).where('id', '=', q.classId).executeTakeFirst()) ?? notFound('class');
      schoolId = k.school_id;
      unitName = k.name;
    }
    if (schoolId) {
      const s = (await db.selectFrom('schools').select(['name', 'region_path']).where('id', '=', schoolId).executeTakeFirst()) ?? notFound('school');
      if (!seesPlace(auth, { schoolId, regionPath: s.region_path })) notFound('school');
      unitName = q.classId ? `${s.name}${unitName}` : s.name;
    } else if (q.regionId) {
      const r = (await db.selectFrom('regions').select(['name', 'path']).where('id', '=', q.regionId).executeTakeFirst()) ?? notFound('region');
      if (!seesPlace(auth, { regionPath: r.path })) notFound('region');
      unitName = r.name;
      regionPath = r.path;
    }
    let cutOff = this.children.today();
    let termLabel = '';
    if (q.termId) {
      const t =
        (await db.selectFrom('terms').select(['school_id', 'start_date', 'academic_year', 'semester']).where('id', '=', q.termId).executeTakeFirst()) ??
        notFound('term');
      // A school's roster uses that school's terms.
      if (schoolId && t.school_id !== schoolId) notFound('term');
      cutOff = t.start_date;
      termLabel = termName(lang, t.academic_year, t.semester);
    }
    const { rows: found } = await childRepo.list(db, auth, {
      ...(schoolId ? { schoolId } : {}),
      ...(q.classId ? { classId: q.classId } : {}),
      ...(regionPath ? { regionPath } : {}),
      status: 'active',
      sort: 'class',
      order: 'asc',
      limit: MAX_EXPORT,
      today: cutOff,
    } as never);
    if (found.length >= MAX_EXPORT) throw new AppError('export_too_large', 422, { count: found.length });
    // School by school, then class, then name: the list's class order runs across a region's schools.
    const rows = inRosterOrder(found);
    const official = q.layout === 'official';
    const wb = new ExcelJS.Workbook();
    wb.creator = 'CareBridge';
    if (official) this.officialSheets(wb, auth, rows.map(officialRow), lang, unitName, termLabel, cutOff);
    else this.schoolSheet(wb, auth, rows, lang, unitName, termLabel, cutOff);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    await this.audit.record(db, auth, {
      action: 'roster.export',
      entity: 'roster',
      entityId: null,
      schoolId: schoolId ?? null,
      regionPath: regionPath ?? null,
      summary: {
        layout: q.layout,
        count: rows.length,
        schoolId: q.schoolId ?? null,
        classId: q.classId ?? null,
        regionId: q.regionId ?? null,
        termId: q.termId ?? null,
      },
    });
    const kind = text(lang, official ? 'files.official' : 'files.roster');
    return { fileName: `${unitName}-${kind}-${cutOff}.xlsx`, data };
  }

  /**
   * A submitted roster (class or school) as it was sent, in the official form: 花名册, 汇总表 and one
   * sheet per child from the frozen snapshot, not from the archive of today. Full ID numbers for the
   * roles that report upward, as in the official export; audited as an export.
   */
  async exportSubmitted(auth: Auth, sub: SubmittedRoster, lang: Lang): Promise<{ fileName: string; data: Buffer }> {
    const unit = `${sub.schoolName}${sub.className ?? ''}`;
    const rows: OfficialRow[] = sub.rows.map((r) => ({
      schoolId: sub.schoolId,
      schoolName: sub.schoolName,
      classId: r.classId,
      className: r.className,
      values: r.values,
    }));
    const wb = new ExcelJS.Workbook();
    wb.creator = 'CareBridge';
    const sent = sub.submittedAt ? shanghaiTime(sub.submittedAt) : '';
    this.officialSheets(wb, auth, rows, lang, unit, sub.termLabel, sub.ageOn, sent);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    await this.audit.record(this.ctx.db, auth, {
      action: 'roster.export',
      entity: 'roster_submission',
      entityId: sub.id,
      schoolId: sub.schoolId,
      regionPath: sub.regionPath,
      summary: { layout: 'official', count: rows.length, submissionId: sub.id },
    });
    const kind = text(lang, 'files.submitted');
    return { fileName: `${unit}-${kind}-${sub.ageOn}.xlsx`, data };
  }

  /** The school's own roster: every archive field and the derived flags, one row per child. */
  private schoolSheet(wb: ExcelJS.Workbook, auth: Auth, rows: ChildRowView[], lang: Lang, unit: string, term: string, cutOff: string) {
    const ws = wb.addWorksheet(text(lang, 'sheets.roster'), { views: [{ state: 'frozen', ySplit: 3, xSplit: 3 }] });
    const fields = ROSTER_FIELDS.filter((f) => f !== 'classId');
    const derivedHeaders = DERIVED_COLUMNS.map((k) => translate(lang, `childFields.${k}`));
    const headers = [
      text(lang, 'no'),
      text(lang, 'school'),
      translate(lang, 'childFields.classId'),
      ...fields.map((f) => headerOf(f, lang)),
      ...derivedHeaders,
    ];
    ws.mergeCells(1, 1, 1, Math.min(headers.length, 20));
    ws.getCell(1, 1).value = titled(lang, unit, text(lang, 'schoolTitle'), term);
    ws.getCell(1, 1).font = { bold: true, size: 14 };
    ws.getCell(2, 1).value = text(lang, 'schoolNote', {
      count: rows.length,
      date: cutOff,
      name: auth.name,
      time: shanghaiTime(this.ctx.clock().toISOString()),
    });
    const head = ws.getRow(3);
    headers.forEach((h, i) => {
      const c = head.getCell(i + 1);
      c.value = h;
      c.font = { bold: true };
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
      c.border = border;
      c.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    });
    head.height = 30;
    rows.forEach((r, i) => {
      // ID numbers stay masked in this layout; phones as the role needs (the official layout carries IDs for upward reporting).
      const v = maskValues(valuesOf(r), { idNumbers: false, phones: reveals(auth, { schoolId: r.school_id, classId: r.class_id }).phones });
      const d = derivedOf(valuesOf(r), cutOff);
      const tc = d.threeClear;
      const gaps = (['child', 'parents', 'guardian'] as const).filter((p) => !tc[p]).map((p) => translate(lang, `threeClear.${p}`));
      const missing = gaps.length ? translate(lang, 'threeClear.todo', { parts: joinList(lang, gaps) }) : '';
      ws.addRow([
        i + 1,
        r.school_name,
        r.class_name,
        ...fields.map((f) => display(f, v[f], lang)),
        d.age,
        d.ageBand ? labelOf('ageBand', d.ageBand, lang) : null,
        labelOf('leftBehindType', d.leftBehindType, lang),
        d.xuejiCode,
        translate(lang, `codes.yesNo.${d.narrow ? 'yes' : 'no'}`),
        joinList(
          lang,
          d.difficulty.map((x) => labelOf('difficulty', x, lang)),
        ),
        tc.complete ? translate(lang, 'codes.yesNo.yes') : aside(lang, translate(lang, 'codes.yesNo.no'), missing),
        labelOf('childStatus', r.status, lang),
      ]);
    });
    headers.forEach((_, i) => {
      ws.getColumn(i + 1).width = i === 0 ? 6 : 14;
    });
  }

  /** The official layout: the roster in the form's columns, the summary by age band (checked), one sheet per child. */
  private officialSheets(wb: ExcelJS.Workbook, auth: Auth, rows: OfficialRow[], lang: Lang, unit: string, term: string, cutOff: string, sentAt = '') {
    // The form needs full ID numbers: only roles that report upward get them; others stay masked.
    const full = exportsOfficial(auth);
    const narrow = rows.filter((r) => derivedOf(r.values, cutOff).narrow);
    const valuesFor = (r: OfficialRow) =>
      full ? r.values : maskValues(r.values, { idNumbers: false, phones: reveals(auth, { schoolId: r.schoolId, classId: r.classId }).phones });
    const lines = summarise(
      narrow.map((r) => ({ unit: r.schoolName, values: r.values })),
      cutOff,
      text(lang, 'total'),
    );
    const failures = checkSummary(lines);
    if (failures.length) throw new AppError('export_check_failed', 422, { detail: failures.slice(0, 3).join('；') });

    const roster = wb.addWorksheet(text(lang, 'sheets.roster'), { views: [{ state: 'frozen', ySplit: 3 }] });
    const headers = [text(lang, 'no'), text(lang, 'school'), ...OFFICIAL_FIELDS.map((f) => headerOf(f as never, lang))];
    roster.mergeCells(1, 1, 1, 12);
    roster.getCell(1, 1).value = titled(lang, unit, text(lang, 'officialTitle'), term);
    roster.getCell(1, 1).font = { bold: true, size: 14 };
    const note = text(lang, 'officialNote', { date: cutOff });
    roster.getCell(2, 1).value = sentAt ? text(lang, 'officialNoteSent', { note, time: sentAt }) : note;
    roster.getRow(3).values = headers;
    roster.getRow(3).font = { bold: true };
    roster.getRow(3).eachCell((c) => {
      c.border = border;
      c.alignment = { wrapText: true, horizontal: 'center', vertical: 'middle' };
    });
    narrow.forEach((r, i) => {
      const v = valuesFor(r);
      roster.addRow([i + 1, r.schoolName, ...OFFICIAL_FIELDS.map((f) => officialValue(f, v, lang))]);
    });
    headers.forEach((_, i) => {
      roster.getColumn(i + 1).width = i === 0 ? 6 : 13;
    });

    this.summarySheet(wb, lines, lang, unit, term, cutOff);

    if (narrow.length <= MAX_CHILD_SHEETS) {
      const used = new Set<string>();
      narrow.forEach((r, i) => {
        let name = `${String(i + 1).padStart(3, '0')} ${r.values.name}`.slice(0, 31).replace(/[\\/?*[\]:]/g, '');
        while (used.has(name)) name = `${name.slice(0, 28)}-${used.size}`;
        used.add(name);
        this.childSheet(wb.addWorksheet(name), r, valuesFor(r), lang, cutOff);
      });
    }
  }

  private summarySheet(wb: ExcelJS.Workbook, lines: SummaryLine[], lang: Lang, unit: string, term: string, cutOff: string) {
    const ws = wb.addWorksheet(text(lang, 'sheets.summary'));
    ws.mergeCells(1, 1, 1, 10);
    ws.getCell(1, 1).value = titled(lang, unit, text(lang, 'summaryTitle'), term);
    ws.getCell(1, 1).font = { bold: true, size: 14 };
    ws.getCell(2, 1).value = text(lang, 'summaryNote', { date: cutOff });
    const column = (k: string) => text(lang, `summary.${k}`);
    const head = [
      column('unit'),
      column('total'),
      ...AGE_BANDS.map((b) => labelOf('ageBand', b, lang)),
      ...['male', 'female', 'bothAway', 'oneAwayOtherIncapable', 'entrusted', 'notEntrusted'].map(column),
    ];
    ws.getRow(3).values = head;
    ws.getRow(3).font = { bold: true };
    for (const l of lines)
      ws.addRow([l.unit, l.total, ...AGE_BANDS.map((b) => l.bands[b]), l.male, l.female, l.bothAway, l.oneAwayOtherIncapable, l.entrusted, l.notEntrusted]);
    ws.eachRow((row, n) => {
      if (n >= 3)
        row.eachCell((c) => {
          c.border = border;
        });
    });
    ws.getColumn(1).width = 24;
    for (let i = 2; i <= head.length; i++) ws.getColumn(i).width = 12;
  }

  /** 一人一表: the registration form for one child. */
  private childSheet(ws: ExcelJS.Worksheet, r: OfficialRow, v: ChildValues, lang: Lang, cutOff: string) {
    ws.mergeCells('A1:F1');
    ws.getCell('A1').value = text(lang, 'form.title');
    ws.getCell('A1').font = { bold: true, size: 14 };
    ws.getCell('A1').alignment = { horizontal: 'center' };
    ws.getCell('A2').value = text(lang, 'form.place', { school: r.schoolName, class: r.className ?? '', date: cutOff });
    let row = 3;
    for (const [section, fields] of OFFICIAL_SECTIONS) {
      ws.mergeCells(row, 1, row, 6);
      const t = ws.getCell(row, 1);
      t.value = translate(lang, `childGroups.${section}`);
      t.font = { bold: true };
      t.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
      row++;
      for (let i = 0; i < fields.length; i += 3) {
        fields.slice(i, i + 3).forEach((f, j) => {
          const label = ws.getCell(row, j * 2 + 1);
          label.value = headerOf(f as never, lang);
          label.font = { color: { argb: 'FF595959' } };
          ws.getCell(row, j * 2 + 2).value = officialValue(f, v, lang);
        });
        row++;
      }
    }
    row++;
    ws.getCell(row, 1).value = text(lang, 'form.filledBy');
    ws.getCell(row, 3).value = text(lang, 'form.checkedBy');
    ws.getCell(row, 5).value = text(lang, 'form.headOfUnit');
    ws.getCell(row + 1, 1).value = text(lang, 'form.confirmedBy');
    ws.eachRow((rr, n) => {
      if (n >= 3 && n < row)
        rr.eachCell({ includeEmpty: true }, (c) => {
          c.border = border;
        });
    });
    for (let i = 1; i <= 6; i++) ws.getColumn(i).width = i % 2 ? 16 : 22;
    ws.pageSetup = { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 1 };
  }
}

/** A child of the archive as a row of the official form. */
function officialRow(r: ChildRowView): OfficialRow {
  return { schoolId: r.school_id, schoolName: r.school_name, classId: r.class_id, className: r.class_name, values: valuesOf(r) };
}

/** The form marks a deceased parent's details with "—". */
function officialValue(f: ChildFieldKey, v: ChildValues, lang: Lang) {
  const parent = f.startsWith('father') ? 'father' : f.startsWith('mother') ? 'mother' : null;
  if (parent && !f.endsWith('Name') && !f.endsWith('Status') && v[`${parent}Status`] === 'deceased') return '—';
  return display(f, v[f], lang);
}
