import { type ComplianceReport, type Lang, translate } from '@carebridge/shared';
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
      zh ? '免除' : 'Excused',
      zh ? '完成率' : 'Rate',
    ];
    const sheet = (title: string, rows: ComplianceReport['byRule']) => {
      const ws = wb.addWorksheet(title);
      ws.addRow([`${title}（${report.from} — ${report.to}）`]).font = { bold: true, size: 13 };
      ws.addRow(head).font = { bold: true };
      for (const r of [{ ...report.overall, id: null, name: zh ? '合计' : 'Total' }, ...rows])
        ws.addRow([r.name, r.total, r.done, r.overdue, r.due, r.excused, r.rate === null ? '—' : `${Math.round(r.rate * 1000) / 10}%`]);
      ws.getColumn(1).width = 48;
      for (let i = 2; i <= head.length; i++) ws.getColumn(i).width = 10;
    };
    sheet(zh ? '按制度' : 'By rule', report.byRule);
    if (!schoolsOnly) {
      sheet(zh ? '按班级' : 'By class', report.byClass);
      sheet(zh ? '按帮扶教师' : 'By mentor', report.byMentor);
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
}
