import { AGE_BANDS, type AgeBand, ageBand, type ChildValues, isNarrow } from '@carebridge/shared';
import { byChinese } from '../../lib/collate.ts';

/** One line of the official summary table (by age band, with its breakdowns). */
export interface SummaryLine {
  unit: string;
  total: number;
  bands: Record<AgeBand, number>;
  male: number;
  female: number;
  bothAway: number;
  oneAwayOtherIncapable: number;
  entrusted: number;
  notEntrusted: number;
}

const emptyLine = (unit: string): SummaryLine => ({
  unit,
  total: 0,
  bands: { '0-5': 0, '6-13': 0, '14-16': 0 },
  male: 0,
  female: 0,
  bothAway: 0,
  oneAwayOtherIncapable: 0,
  entrusted: 0,
  notEntrusted: 0,
});

/** Count the narrow-definition children per unit (school) on the cut-off date, and the total line. */
export function summarise(children: { unit: string; values: ChildValues }[], cutOff: string, totalLabel: string): SummaryLine[] {
  const lines = new Map<string, SummaryLine>();
  for (const { unit, values } of children) {
    if (!values.birthDate || !isNarrow(values, cutOff)) continue;
    const band = ageBand(values.birthDate, cutOff);
    if (!band) continue;
    const l = lines.get(unit) ?? emptyLine(unit);
    lines.set(unit, l);
    l.total++;
    l.bands[band]++;
    if (values.gender === 'male') l.male++;
    else l.female++;
    if (values.fatherStatus === 'away' && values.motherStatus === 'away') l.bothAway++;
    else l.oneAwayOtherIncapable++;
    if (values.guardianEntrusted) l.entrusted++;
    else l.notEntrusted++;
  }
  const units = [...lines.values()].sort((a, b) => byChinese(a.unit, b.unit));
  const total = emptyLine(totalLabel);
  for (const l of units) {
    total.total += l.total;
    for (const b of AGE_BANDS) total.bands[b] += l.bands[b];
    total.male += l.male;
    total.female += l.female;
    total.bothAway += l.bothAway;
    total.oneAwayOtherIncapable += l.oneAwayOtherIncapable;
    total.entrusted += l.entrusted;
    total.notEntrusted += l.notEntrusted;
  }
  return [total, ...units];
}

/**
 * The 勾稽 checks of the official table: in every line the total equals the sum of the age bands,
 * of the genders, of the custody types and of entrusted/not; the total line equals the sum of units.
 * Returns the failures in words (empty when the table holds).
 */
export function checkSummary(lines: SummaryLine[]): string[] {
  const out: string[] = [];
  for (const l of lines) {
    const bands = AGE_BANDS.reduce((s, b) => s + l.bands[b], 0);
    if (bands !== l.total) out.push(`${l.unit}: ${l.total} ≠ Σ年龄段 ${bands}`);
    if (l.male + l.female !== l.total) out.push(`${l.unit}: ${l.total} ≠ 男 ${l.male} + 女 ${l.female}`);
    if (l.bothAway + l.oneAwayOtherIncapable !== l.total) out.push(`${l.unit}: ${l.total} ≠ 监护类型之和`);
    if (l.entrusted + l.notEntrusted !== l.total) out.push(`${l.unit}: ${l.total} ≠ 委托监护之和`);
  }
  const [total, ...units] = lines;
  if (total && units.length) {
    const sum = units.reduce((s, l) => s + l.total, 0);
    if (sum !== total.total) out.push(`${total.unit}: ${total.total} ≠ Σ ${sum}`);
    for (const b of AGE_BANDS) {
      const sb = units.reduce((s, l) => s + l.bands[b], 0);
      if (sb !== total.bands[b]) out.push(`${total.unit} ${b}: ${total.bands[b]} ≠ Σ ${sb}`);
    }
  }
  return out;
}
