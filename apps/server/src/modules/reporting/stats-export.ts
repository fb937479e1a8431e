import { type Lang, type Stats, translate } from '@carebridge/shared';
import ExcelJS from 'exceljs';

/** Labels of a breakdown's keys, as the dashboard shows them. */
function keyLabel(dim: string, key: string, lang: Lang): string {
  const t = (k: string) => translate(lang, k);
  if (key === 'unknown') return t('statsExport.unknown');
  if (dim === 'narrow' || dim === 'keySupport') return t(key === 'true' ? 'statsExport.yes' : 'statsExport.no');
  if (dim === 'grade') return translate(lang, `grades.${key}`) === `grades.${key}` ? key : translate(lang, `grades.${key}`);
  if (dim === 'ageBand') return key === 'other' ? t('statsExport.otherAge') : key;
  if (dim === 'riskLevel') return t(`policy.risk.${key}`);
  const code: Record<string, string> = {
    leftBehindType: 'leftBehindType',
    xuejiCode: 'xuejiCode',
    difficulty: 'difficulty',
    guardianRelation: 'guardianRelation',
    custodyQuality: 'custodyQuality',
    boarding: 'boarding',
    gender: 'gender',
  };
  const label = translate(lang, `codes.${code[dim] ?? dim}.${key}`);
  return label.startsWith('codes.') ? key : label;
}

/**
 * The dashboard's tables as a workbook: totals, every breakdown (with a total row equal to the sum of
 * its parts), care coverage by month, compliance by rule, and for a region the table of schools.
 */
export async function statsWorkbook(s: Stats, lang: Lang): Promise<Buffer> {
  const t = (k: string, p?: Record<string, string | number>) => translate(lang, `statsExport.${k}`, p);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'CareBridge';
  const sheet = (name: string, header: string[]) => {
    const ws = wb.addWorksheet(name.slice(0, 31));
    ws.addRow([`${s.scope.name} · ${s.from} — ${s.to}`]).font = { bold: true };
    ws.addRow(header).font = { bold: true };
    return ws;
  };
  const pct = (v: number | null) => (v === null ? '' : Math.round(v * 1000) / 10);
  const totals = sheet(t('sheetTotals'), [t('item'), t('value')]);
  totals.addRows([
    [t('children'), s.totals.children],
    [t('pupils'), s.totals.pupils],
    [t('sharePct'), pct(s.totals.share)],
    [t('keySupport'), s.totals.keySupport],
    [t('narrow'), s.totals.narrow],
    [t('schools'), s.totals.schools],
  ]);
  totals.getColumn(1).width = 28;
  const breakdowns = sheet(t('sheetBreakdowns'), [t('dimension'), t('item'), t('value')]);
  for (const [dim, buckets] of Object.entries(s.breakdowns)) {
    for (const b of buckets) breakdowns.addRow([translate(lang, `statsExport.dims.${dim}`), keyLabel(dim, b.key, lang), b.count]);
    // Multi-valued 困境 categories need not add up to the children; every other dimension does.
    breakdowns.addRow([translate(lang, `statsExport.dims.${dim}`), t('total'), buckets.reduce((n, b) => n + b.count, 0)]).font = { italic: true };
  }
  breakdowns.getColumn(1).width = 20;
  breakdowns.getColumn(2).width = 26;
  const coverage = sheet(t('sheetCoverage'), [t('month'), t('children'), t('talk'), t('familyContact'), t('homeVisitTerm')]);
  for (const c of s.coverage) coverage.addRow([c.month, c.children, c.talk, c.familyContact, c.homeVisitTerm]);
  const rules = sheet(t('sheetCompliance'), [t('rule'), t('done'), t('overdue'), t('due'), t('excused'), t('ratePct')]);
  for (const r of s.compliance.byRule) rules.addRow([r.name, r.done, r.overdue, r.due, r.excused, pct(r.rate)]);
  rules.getColumn(1).width = 60;
  if (s.scope.kind === 'region') {
    const schools = sheet(t('sheetSchools'), [
      t('school'),
      t('children'),
      t('pupils'),
      t('sharePct'),
      t('keySupport'),
      t('highRisk'),
      t('talkPct'),
      t('ratePct'),
      t('roster'),
      t('rosterAt'),
    ]);
    for (const x of s.schools)
      schools.addRow([
        x.name,
        x.children,
        x.pupils,
        pct(x.share),
        x.keySupport,
        x.highRisk,
        pct(x.talkCoverage),
        pct(x.complianceRate),
        translate(lang, `statsExport.rosterStates.${x.roster}`),
        x.rosterAt ?? '',
      ]);
    schools.addRow([t('total'), s.schools.reduce((n, x) => n + x.children, 0), s.schools.reduce((n, x) => n + x.pupils, 0)]).font = { italic: true };
    schools.getColumn(1).width = 24;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
