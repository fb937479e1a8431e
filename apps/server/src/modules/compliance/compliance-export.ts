import { type ComplianceReport, classesInSchoolOrder, compareClasses, joinList, type Lang, PERCENT_FORMAT, termName, translate } from '@carebridge/shared';
import ExcelJS from 'exceljs';
import type { Auth } from '../../access/auth.ts';
import { pathUnder } from '../../access/scope-sql.ts';
import type { Ctx } from '../../context.ts';
import { byCodePoint, chineseRanks } from '../../lib/collate.ts';
import { shanghaiTime } from '../../lib/dates.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { monthLabel } from '../reporting/charts.ts';
import type { ComplianceService } from './compliance.service.ts';
import { monthEnd } from './dates.ts';

/** The leader's compliance view as a workbook: rates by rule, class, mentor (and school), and the overdue items. */
export class ComplianceExportService {
  constructor(
    private readonly ctx: Ctx,
    private readonly audit: AuditService,
    private readonly compliance: ComplianceService,
  ) {}

  async export(
    auth: Auth,
    q: { schoolId?: string | undefined; regionId?: string | undefined; period?: string | undefined; view?: 'full' | 'schools' | undefined },
    lang: Lang,
  ) {
    // A school given is the report's, as on the page (compliance.service.ts): a region beside it is not asked of.
    if (q.schoolId) q = { ...q, regionId: undefined };
    const schoolsOnly = q.view === 'schools';
    // The whole report (a query's `ruleKey`, one rule's rates on the page, is not an export of its own).
    const report = await this.compliance.compliance(auth, { schoolId: q.schoolId, regionId: q.regionId, period: q.period }, lang, { byRuleOnly: schoolsOnly });
    const t = (key: string, params?: Record<string, string>) => translate(lang, `complianceExport.${key}`, params);
    // Whose figures, which period and as of when: a printed or forwarded sheet still says so.
    const place = await this.place(q);
    const about = [
      t(place.kind, { name: place.name }),
      t('period', { label: await this.periodLabel(q.period, report.from, report.to, lang), from: report.from, to: report.to }),
      t('exportedAt', { time: shanghaiTime(this.ctx.clock().toISOString()) }),
    ];
    const wb = new ExcelJS.Workbook();
    wb.creator = 'CareBridge';
    /** A new sheet with the block above its table: its title, the school or region, the period, the time of export. */
    const addSheet = (title: string) => {
      const ws = wb.addWorksheet(title);
      ws.addRow([t('title', { sheet: title })]).font = { bold: true, size: 13 };
      for (const line of about) ws.addRow([line]);
      return ws;
    };
    // 其中提前完成 after the rate: part of 已完成, done before it fell due, so not in the rate (the others add up to 应完成).
    const head = ['name', 'total', 'done', 'overdue', 'due', 'upcoming', 'excused', 'rate', 'doneEarly'].map((k) => t(`columns.${k}`));
    /** `schoolOf`: in a region's workbook, the school of each row (two schools each have a 五年级1班). */
    const sheet = (title: string, rows: ComplianceReport['byRule'], schoolOf?: (r: Row) => string | undefined) => {
      const ws = addSheet(title);
      ws.addRow(schoolOf ? [t('columns.school'), ...head] : head).font = { bold: true };
      // The total under the rows it sums, as on the page and in the statistics export.
      const total = { ...report.overall, id: null, name: t('total') };
      for (const r of [...rows, total]) {
        // The rate a number in a per-cent cell (27.6%, 30.0%), as the page writes it; a dash where there is none.
        const cells = [r.name, r.total, r.done, r.overdue, r.due, r.upcoming, r.excused, r.rate ?? '—', r.doneEarly];
        const row = ws.addRow(schoolOf ? [r === total ? '' : (schoolOf(r) ?? ''), ...cells] : cells);
        if (r.rate !== null) row.getCell(schoolOf ? 9 : 8).numFmt = PERCENT_FORMAT;
        if (r === total) row.font = { bold: true };
      }
      const first = schoolOf ? 2 : 1;
      if (schoolOf) ws.getColumn(1).width = 28;
      ws.getColumn(first).width = 48;
      for (let i = first + 1; i < first + head.length; i++) ws.getColumn(i).width = 10;
      ws.getColumn(first + head.length - 1).width = 16;
    };
    sheet(t('sheets.byRule'), report.byRule);
    if (!schoolsOnly) {
      if (q.regionId) {
        // A region's classes and teachers school by school, each row naming its school: every school has its
        // 一年级1班, and its own 没有班级 and 没有帮扶教师 rows (`schoolId`).
        const schoolNames = new Map(report.bySchool.map((r) => [r.id ?? '', r.name]));
        const of = (byId: Map<string, string>) => (r: Row) => (r.id ? byId.get(r.id) : r.schoolId ? schoolNames.get(r.schoolId) : undefined);
        const classSchools = of(await this.classSchools(report.byClass));
        const mentorSchools = of(await this.mentorSchools(report.byMentor, q.regionId, lang));
        const classOrder = [...new Set(report.byClass.map((r) => r.name))].sort((a, b) => compareClasses({ name: a }, { name: b }));
        sheet(t('sheets.byClass'), bySchool(report.byClass, classSchools, new Map(classOrder.map((name, i) => [name, i]))), classSchools);
        sheet(t('sheets.byMentor'), bySchool(report.byMentor, mentorSchools, chineseRanks(report.byMentor.map((r) => r.name))), mentorSchools);
      } else {
        // Classes of equal rate as a school lists them (一年级2班 before 一年级10班 and 二年级1班), as on the page.
        sheet(t('sheets.byClass'), classesInSchoolOrder(report.byClass));
        sheet(t('sheets.byMentor'), report.byMentor);
      }
    }
    if (report.bySchool.length) sheet(t('sheets.bySchool'), report.bySchool);
    if (q.schoolId) {
      const overdue = await this.compliance.dueItems(auth, { schoolId: q.schoolId, from: report.from, to: report.to, status: 'overdue', limit: 5000 }, lang);
      const ws = addSheet(t('sheets.overdue'));
      ws.addRow(['child', 'class', 'rule', 'window', 'responsible', 'count'].map((k) => t(`overdueColumns.${k}`))).font = { bold: true };
      for (const i of overdue.items)
        ws.addRow([
          i.childName,
          i.className,
          i.description,
          `${i.windowStart} — ${i.windowEnd}`,
          i.responsibleName ?? translate(lang, 'policy.signals.noMentor'),
          `${i.count}/${i.required}`,
        ]);
      ws.getColumn(3).width = 48;
      ws.getColumn(4).width = 24;
    }
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    await this.audit.record(this.ctx.db, auth, {
      action: 'compliance.export',
      entity: 'compliance',
      schoolId: q.schoolId ?? null,
      regionId: q.regionId ?? null,
      summary: { period: `${report.from}..${report.to}`, ...(q.schoolId ? { schoolId: q.schoolId } : { regionId: q.regionId ?? null }) },
    });
    return { fileName: `${t('file')}-${report.from}-${report.to}.xlsx`, data };
  }

  /** The school or region the workbook is about, by name. */
  private async place(q: { schoolId?: string | undefined; regionId?: string | undefined }): Promise<{ kind: 'school' | 'region'; name: string }> {
    const db = this.ctx.db;
    if (q.schoolId) {
      const s = await db.selectFrom('schools').select('name').where('id', '=', q.schoolId).executeTakeFirst();
      return { kind: 'school', name: s?.name ?? '' };
    }
    const r = await db
      .selectFrom('regions')
      .select('name')
      .where('id', '=', q.regionId ?? '')
      .executeTakeFirst();
    return { kind: 'region', name: r?.name ?? '' };
  }

  /**
   * The period's name as the page offers it: a month ("2026年10月"), a term — a school's own, or the
   * calendar's for a region (autumn 1 September – 31 January, spring 1 February – 31 August) — or any range.
   */
  private async periodLabel(period: string | undefined, from: string, to: string, lang: Lang): Promise<string> {
    if (period?.startsWith('term:')) {
      const term = await this.ctx.db.selectFrom('terms').select(['academic_year', 'semester']).where('id', '=', period.slice(5)).executeTakeFirst();
      if (term) return termName(lang, term.academic_year, term.semester);
    }
    if (from.endsWith('-01') && to === monthEnd(from)) return monthLabel(from.slice(0, 7), lang);
    const y = Number(from.slice(0, 4));
    if (from === `${y}-09-01` && to === `${y + 1}-01-31`) return termName(lang, `${y}-${y + 1}`, 1);
    if (from === `${y}-02-01` && to === `${y}-08-31`) return termName(lang, `${y - 1}-${y}`, 2);
    return translate(lang, 'complianceExport.range');
  }

  private async classSchools(rows: ComplianceReport['byClass']): Promise<Map<string, string>> {
    const ids = rows.flatMap((r) => (r.id ? [r.id] : []));
    if (!ids.length) return new Map();
    const found = await this.ctx.db
      .selectFrom('classes as k')
      .innerJoin('schools as s', 's.id', 'k.school_id')
      .select(['k.id', 's.name'])
      .where('k.id', 'in', ids)
      .execute();
    return new Map(found.map((r) => [r.id, r.name]));
  }

  /** The schools of the region where each teacher holds a role (usually one), in Chinese order. */
  private async mentorSchools(rows: ComplianceReport['byMentor'], regionId: string, lang: Lang): Promise<Map<string, string>> {
    const ids = rows.flatMap((r) => (r.id ? [r.id] : []));
    if (!ids.length) return new Map();
    const region = await this.ctx.db.selectFrom('regions').select('path').where('id', '=', regionId).executeTakeFirstOrThrow();
    const found = await this.ctx.db
      .selectFrom('role_assignments as r')
      .innerJoin('schools as s', 's.id', 'r.school_id')
      .select(['r.user_id', 's.name'])
      .distinct()
      .where('r.user_id', 'in', ids)
      .where(pathUnder(region.path, 's.region_path'))
      .execute();
    const names = new Map<string, string[]>();
    const rank = chineseRanks(found.map((r) => r.name));
    for (const r of found.sort((a, b) => (rank.get(a.name) as number) - (rank.get(b.name) as number)))
      names.set(r.user_id, [...(names.get(r.user_id) ?? []), r.name]);
    return new Map([...names].map(([id, list]) => [id, joinList(lang, list)]));
  }
}

type Row = ComplianceReport['byRule'][number];

/**
 * A region's rows school by school: by the school's name in Chinese order (`schoolOf`; a teacher in
 * several schools by the first), then by the row's name in the order `names` ranks them (classes as a
 * school lists them, teachers in Chinese order; a school's 没有班级 or 没有帮扶教师 after them), then
 * id; rows of no school last. Ranks, not a collator per comparison: a province has tens of thousands of rows.
 */
function bySchool(rows: readonly Row[], school: (r: Row) => string | undefined, names: Map<string, number>): Row[] {
  const schools = chineseRanks(rows.flatMap((r) => school(r) ?? []));
  const place = (r: Row) => {
    const name = school(r);
    return name === undefined ? schools.size : (schools.get(name) as number);
  };
  // A school's row without an id (没有班级, 没有帮扶教师) after its named rows.
  const unnamed = (r: Row) => (r.id === null ? 1 : 0);
  return [...rows].sort(
    (a, b) =>
      place(a) - place(b) || unnamed(a) - unnamed(b) || (names.get(a.name) as number) - (names.get(b.name) as number) || byCodePoint(a.id ?? '', b.id ?? ''),
  );
}
