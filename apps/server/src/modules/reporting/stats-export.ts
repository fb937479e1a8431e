import { type Lang, monthName, PERCENT_FORMAT, type SchoolStats, type Stats, type StatsTable, schoolsTalkMonth, termName, translate } from '@carebridge/shared';
import ExcelJS from 'exceljs';
import { byCodePoint, chineseRanks } from '../../lib/collate.ts';
import { shanghaiTime } from '../../lib/dates.ts';

/** Labels of a breakdown's keys, as the dashboard shows them. */
function keyLabel(dim: string, key: string, lang: Lang): string {
  const t = (k: string) => translate(lang, k);
  if (key === 'unknown') return t('statsExport.unknown');
  if (dim === 'narrow' || dim === 'keySupport') return t(key === 'true' ? 'statsExport.yes' : 'statsExport.no');
  if (dim === 'grade') return translate(lang, `grades.${key}`) === `grades.${key}` ? key : translate(lang, `grades.${key}`);
  if (dim === 'ageBand' && key === 'other') return t('statsExport.otherAge');
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

/** A label of a work kind (care record, activity, incident), or the key itself when it has none. */
function kindLabel(prefix: string, key: string, lang: Lang): string {
  const label = translate(lang, `${prefix}.${key}`);
  return label === `${prefix}.${key}` ? key : label;
}

/** "2025-2026-1" (a trend label) → the term's name, "2025-2026 第一学期（秋季）". */
function termLabel(label: string, lang: Lang): string {
  const m = /^(\d{4}-\d{4})-(\d)$/.exec(label);
  return m ? termName(lang, m[1] as string, m[2] as string) : label;
}

/** A region's schools by name in Chinese order (the service lists them as it found them); schools of one name by id. */
function inNameOrder(schools: SchoolStats[]): SchoolStats[] {
  const rank = chineseRanks(schools.map((x) => x.name));
  return [...schools].sort((a, b) => (rank.get(a.name) as number) - (rank.get(b.name) as number) || byCodePoint(a.schoolId, b.schoolId));
}

/**
 * When a school sent its roster, in Beijing time ("2026-12-01 11:14"), as the schools table shows it: only
 * for a roster sent (submitted, returned or approved); a draft may still carry the time of an earlier one.
 */
function rosterTime(x: SchoolStats): string {
  return x.rosterAt && x.roster !== 'none' && x.roster !== 'draft' ? shanghaiTime(x.rosterAt) : '';
}

/**
 * The dashboard's tables as a workbook: totals, every breakdown (with a total row equal to the sum of
 * its parts), care coverage by month, the trend by term, compliance by rule (with the total row of
 * every rule together: the report's overall counts and rate), the work done (care records by kind,
 * activities by kind, incidents counted by kind — never children) and for a region the table of
 * schools, whose total row is `s.schoolsTotal` (its talk coverage's heading names the month when every school
 * counts the same one; each school's days are in its last column). `table` exports one of them alone (a chart card's own
 * table). Coverage by month and the trend by term have no total: a child counts in every month and
 * term, so their rows do not add up.
 */
export async function statsWorkbook(s: Stats, lang: Lang, table?: StatsTable): Promise<{ data: Buffer; fileName: string }> {
  const t = (k: string, p?: Record<string, string | number>) => translate(lang, `statsExport.${k}`, p);
  const wants = (name: StatsTable) => !table || table === name;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'CareBridge';
  const sheet = (name: string, header: string[]) => {
    const ws = wb.addWorksheet(name.slice(0, 31));
    ws.addRow([`${s.scope.name} · ${s.from} — ${s.to}`]).font = { bold: true };
    ws.addRow(header).font = { bold: true };
    return ws;
  };
  const totalRow = (ws: ExcelJS.Worksheet, values: (string | number)[]) => {
    const row = ws.addRow([t('total'), ...values]);
    row.font = { italic: true };
    return row;
  };
  // Shares and rates are the fractions themselves in per-cent cells (20.9%, 14.0%), blank where there is none.
  const pct = (v: number | null) => (v === null ? '' : v);
  /** Formats the cells of `columns` (1-based) of `row` as per cent: the page's one decimal, the value still a number to sum or sort. */
  const percentCells = (row: ExcelJS.Row, columns: number[]) => {
    for (const c of columns) row.getCell(c).numFmt = PERCENT_FORMAT;
  };
  if (wants('totals')) {
    const totals = sheet(t('sheetTotals'), [t('item'), t('value')]);
    totals.addRows([
      [t('children'), s.totals.children],
      [t('pupils'), s.totals.pupils],
    ]);
    percentCells(totals.addRow([t('sharePct'), pct(s.totals.share)]), [2]);
    totals.addRows([
      [t('keySupport'), s.totals.keySupport],
      [t('narrow'), s.totals.narrow],
      [t('schools'), s.totals.schools],
    ]);
    totals.getColumn(1).width = 28;
  }
  const dims = Object.entries(s.breakdowns).filter(([dim]) => wants(dim as StatsTable));
  if (dims.length) {
    const one = table && dims.length === 1 ? translate(lang, `statsExport.dims.${dims[0]?.[0]}`) : null;
    const breakdowns = sheet(one ?? t('sheetBreakdowns'), [t('dimension'), t('item'), t('value')]);
    for (const [dim, buckets] of dims) {
      for (const b of buckets) breakdowns.addRow([translate(lang, `statsExport.dims.${dim}`), keyLabel(dim, b.key, lang), b.count]);
      // Multi-valued 困境 categories need not add up to the children; every other dimension does.
      breakdowns.addRow([translate(lang, `statsExport.dims.${dim}`), t('total'), buckets.reduce((n, b) => n + b.count, 0)]).font = { italic: true };
    }
    breakdowns.getColumn(1).width = 20;
    breakdowns.getColumn(2).width = 26;
  }
  if (wants('coverage')) {
    const coverage = sheet(t('sheetCoverage'), [t('month'), t('children'), t('leftBehind'), t('talk'), t('familyContact'), t('homeVisitTerm')]);
    for (const c of s.coverage) coverage.addRow([c.month, c.children, c.leftBehind, c.talk, c.familyContact, c.homeVisitTerm]);
  }
  if (wants('trend')) {
    const trend = sheet(t('sheetTrend'), [t('term'), t('from'), t('to'), t('children'), t('talked'), t('talkTermPct')]);
    for (const x of s.trend) percentCells(trend.addRow([termLabel(x.label, lang), x.from, x.to, x.children, x.talked, pct(x.talkCoverage)]), [6]);
    trend.getColumn(1).width = 22;
  }
  if (wants('compliance')) {
    const rules = sheet(t('sheetCompliance'), [t('rule'), t('done'), t('overdue'), t('due'), t('excused'), t('ratePct')]);
    for (const r of s.compliance.byRule) percentCells(rules.addRow([r.name, r.done, r.overdue, r.due, r.excused, pct(r.rate)]), [6]);
    // Every rule together: the compliance report's overall counts and rate (none before the period begins).
    const all = s.compliance.overall;
    if (s.compliance.readable) percentCells(totalRow(rules, [all.done, all.overdue, all.due, all.excused, pct(all.rate)]), [6]);
    rules.getColumn(1).width = 60;
  }
  const work = [
    { name: 'care', sheet: 'sheetCare', head: 'careKind', count: 'records', prefix: 'care.kinds', rows: s.work.care },
    { name: 'activities', sheet: 'sheetActivities', head: 'activityKind', count: 'held', prefix: 'activities.kinds', rows: s.work.activities },
    { name: 'incidents', sheet: 'sheetIncidents', head: 'incidentKind', count: 'incidents', prefix: 'incidents.kinds', rows: s.work.incidents },
  ] as const;
  for (const w of work) {
    if (!wants(w.name)) continue;
    const ws = sheet(t(w.sheet), [t(w.head), t(w.count)]);
    for (const b of w.rows) ws.addRow([kindLabel(w.prefix, b.key, lang), b.count]);
    totalRow(ws, [w.rows.reduce((n, b) => n + b.count, 0)]);
    ws.getColumn(1).width = 24;
  }
  if (s.scope.kind === 'region' && wants('schools')) {
    // The heading names the month the talks are of when every school counts the same one; each row's days are in the last column.
    const talkMonth = schoolsTalkMonth(s.schools);
    const schools = sheet(t('sheetSchools'), [
      t('school'),
      t('children'),
      t('pupils'),
      t('sharePct'),
      t('keySupport'),
      t('highRisk'),
      talkMonth ? t('talkPctMonth', { month: monthName(lang, talkMonth) }) : t('talkPct'),
      t('ratePct'),
      t('roster'),
      t('rosterAt'),
      t('talkDays'),
    ]);
    const rates = [4, 7, 8];
    for (const x of inNameOrder(s.schools))
      percentCells(
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
          rosterTime(x),
          x.talkDays ? `${x.talkDays.from} — ${x.talkDays.to}` : '',
        ]),
        rates,
      );
    // The rates of all schools together (StatsService.schoolsTotal, from the summed counts), formatted as the rows'.
    const all = s.schoolsTotal;
    if (!all) throw new Error("statsWorkbook: a region's schools table needs its total row (StatsService.schoolsTotal)");
    percentCells(
      totalRow(schools, [all.children, all.pupils, pct(all.share), all.keySupport, all.highRisk, pct(all.talkCoverage), pct(all.complianceRate)]),
      rates,
    );
    schools.getColumn(1).width = 24;
    schools.getColumn(7).width = 16;
    schools.getColumn(10).width = 17;
    schools.getColumn(11).width = 24;
  }
  const part = table ? `-${wb.worksheets[0]?.name ?? table}` : '';
  return { data: Buffer.from(await wb.xlsx.writeBuffer()), fileName: `${s.scope.name}${part}-${s.from}-${s.to}.xlsx` };
}
