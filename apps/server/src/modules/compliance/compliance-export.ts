import { type ComplianceReport, classesInSchoolOrder, joinList, type Lang, translate } from '@carebridge/shared';
import ExcelJS from 'exceljs';
import type { Auth } from '../../access/auth.ts';
import type { Ctx } from '../../context.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { ComplianceService } from './compliance.service.ts';

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
    const schoolsOnly = q.view === 'schools';
    const report = await this.compliance.compliance(auth, q, lang, { byRuleOnly: schoolsOnly });
    const zh = lang === 'zh-CN';
    const wb = new ExcelJS.Workbook();
    wb.creator = 'CareBridge';
    const head = [
      zh ? '名称' : 'Name',
      zh ? '应完成' : 'Items',
      zh ? '已完成' : 'Done',
      zh ? '逾期' : 'Overdue',
      zh ? '进行中' : 'Due',
      zh ? '未开始' : 'Not started',
      zh ? '免除' : 'Excused',
      zh ? '完成率' : 'Rate',
    ];
    /** `schoolOf`: in a region's workbook, the school of each row (two schools each have a 五年级1班). */
    const sheet = (title: string, rows: ComplianceReport['byRule'], schoolOf?: Map<string, string>) => {
      const ws = wb.addWorksheet(title);
      ws.addRow([translate(lang, 'validation.aside', { text: title, note: `${report.from} — ${report.to}` })]).font = { bold: true, size: 13 };
      ws.addRow(schoolOf ? [zh ? '学校' : 'School', ...head] : head).font = { bold: true };
      // The total under the rows it sums, as on the page and in the statistics export.
      const total = { ...report.overall, id: null, name: zh ? '合计' : 'Total' };
      for (const r of [...rows, total]) {
        const cells = [r.name, r.total, r.done, r.overdue, r.due, r.upcoming, r.excused, r.rate === null ? '—' : `${Math.round(r.rate * 1000) / 10}%`];
        const row = ws.addRow(schoolOf ? [r.id ? (schoolOf.get(r.id) ?? '') : '', ...cells] : cells);
        if (r === total) row.font = { bold: true };
      }
      const first = schoolOf ? 2 : 1;
      if (schoolOf) ws.getColumn(1).width = 28;
      ws.getColumn(first).width = 48;
      for (let i = first + 1; i < first + head.length; i++) ws.getColumn(i).width = 10;
    };
    sheet(zh ? '按制度' : 'By rule', report.byRule);
    if (!schoolsOnly) {
      const region = !!q.regionId;
      // Classes of equal rate as a school lists them (一年级2班 before 一年级10班 and 二年级1班), as on the page.
      const byClass = classesInSchoolOrder(report.byClass);
      sheet(zh ? '按班级' : 'By class', byClass, region ? await this.classSchools(byClass) : undefined);
      sheet(zh ? '按帮扶教师' : 'By mentor', report.byMentor, region ? await this.mentorSchools(report.byMentor, q.regionId as string, lang) : undefined);
    }
    if (report.bySchool.length) sheet(zh ? '按学校' : 'By school', report.bySchool);
    if (q.schoolId) {
      const overdue = await this.compliance.dueItems(auth, { schoolId: q.schoolId, from: report.from, to: report.to, status: 'overdue', limit: 5000 }, lang);
      const ws = wb.addWorksheet(zh ? '逾期清单' : 'Overdue');
      ws.addRow([
        zh ? '儿童' : 'Child',
        zh ? '班级' : 'Class',
        zh ? '要求' : 'Rule',
        zh ? '时段' : 'Window',
        zh ? '负责人' : 'Responsible',
        zh ? '已有/应有' : 'Have/need',
      ]).font = { bold: true };
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
      summary: { period: `${report.from}..${report.to}`, regionId: q.regionId ?? null },
    });
    return { fileName: `${zh ? '关爱工作完成情况' : 'compliance'}-${report.from}-${report.to}.xlsx`, data };
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

  /** The schools of the region where each teacher holds a role (usually one). */
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
      .where('s.region_path', 'like', `${region.path}%`)
      .orderBy('s.name')
      .execute();
    const names = new Map<string, string[]>();
    for (const r of found) names.set(r.user_id, [...(names.get(r.user_id) ?? []), r.name]);
    return new Map([...names].map(([id, list]) => [id, joinList(lang, list)]));
  }
}
