import '../../i18n/compliance.ts';
import '../../i18n/reports.ts';
import { type Lang, percentText, termName } from '@carebridge/shared';
import { useCallback } from 'react';
import { useLang } from '../../i18n/lang.tsx';
import { type TFunction, translateWeb } from '../../i18n/translate.ts';
import { rateColor, rateNote, shownRate } from '../compliance/rates.ts';
import type { SchoolsTotal } from './stats.api.ts';

/** Breakdowns the children page reads from its URL: a bar opens the list filtered (/children?leftBehindType=father). */
export const LIST_DIMENSIONS = [
  'leftBehindType',
  'xuejiCode',
  'narrow',
  'difficulty',
  'guardianRelation',
  'custodyQuality',
  'boarding',
  'grade',
  'ageBand',
  'keySupport',
] as const;
/** Filters of GET /api/children that the children page does not offer: a bar opens a drawer listing them instead. */
export const DRAWER_DIMENSIONS = ['gender', 'riskLevel'] as const;
export const DIMENSIONS = [...LIST_DIMENSIONS, ...DRAWER_DIMENSIONS] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Buckets that are no filter value: children without a class, without the field, older than the official bands. */
export function drillable(dim: string, key: string): boolean {
  if (key === 'unknown') return false;
  if (dim === 'ageBand' && key === 'other') return false;
  return (DIMENSIONS as readonly string[]).includes(dim);
}

export const opensList = (dim: string) => (LIST_DIMENSIONS as readonly string[]).includes(dim);

/** The children page for a scope and filters: `?school=<id>`, or every school of a region (`?school=all&regionId=…`). */
export function childrenLink(scope: { schoolId?: string | undefined; regionId?: string | undefined }, filters: Record<string, string>): string {
  const p = new URLSearchParams();
  if (scope.schoolId) p.set('school', scope.schoolId);
  else {
    p.set('school', 'all');
    if (scope.regionId) p.set('regionId', scope.regionId);
  }
  for (const [k, v] of Object.entries(filters)) p.set(k, v);
  return `/children?${p.toString()}`;
}

/** A link to another list with the scope: its school (`?school=`), or its region (`?region=`), and more parameters. */
export function listLink(
  path: string,
  scope: { schoolId?: string | undefined; regionId?: string | undefined },
  params: Record<string, string | undefined>,
): string {
  const p = new URLSearchParams();
  if (scope.schoolId) p.set('school', scope.schoolId);
  else if (scope.regionId) p.set('region', scope.regionId);
  for (const [k, v] of Object.entries(params)) if (v) p.set(k, v);
  return `${path}?${p.toString()}`;
}

/** 0.203 → "20.3%", 0.14 → "14.0%" (one decimal always, as every rate: `percentText`); null → "—". */
export function pct(v: number | null | undefined): string {
  return percentText(v);
}

/**
 * The schools table's total row, by column key: the region's figures as GET /api/stats gives them
 * (`schoolsTotal`: shares and rates of the summed counts, never an average of the rows), formatted as
 * the rows are.
 */
export function schoolsTotalCells(total: SchoolsTotal): Record<string, string | number> {
  return {
    children: total.children,
    pupils: total.pupils,
    share: pct(total.share),
    keySupport: total.keySupport,
    highRisk: total.highRisk,
    talk: pct(total.talkCoverage),
    compliance: pct(total.complianceRate),
  };
}

/**
 * A compliance rate of the schools table (a school's row, or the total row) as the compliance page
 * shows rates: not good while items of the period are still in progress (rateColor), and on hover how
 * many are (另有 3 项待完成), or why there is no rate — nothing judged yet, or a period not begun (shownRate).
 */
export function complianceCell(
  t: TFunction,
  figures: { complianceRate: number | null; complianceDue: number },
  period: { from: string; to?: string },
  today: string,
): { text: string; color: string; note: string | undefined } {
  const shown = shownRate({ ...period, overall: { rate: figures.complianceRate, due: figures.complianceDue } }, today);
  return { text: pct(shown.rate), color: rateColor(shown.rate, shown.due), note: rateNote(t, shown) };
}

/** "2025-2026-2" (the trend's label) → the term's name, "2025-2026 第二学期（春季）". */
export function termLabel(label: string, lang: Lang): string {
  const m = /^(\d{4}-\d{4})-(\d)$/.exec(label);
  return m ? termName(lang, m[1] as string, m[2] as string) : label;
}

/**
 * Labels of breakdown keys and work kinds in the current language: coded values from the shared
 * dictionary (codes.*, grades.*, care.kinds.*, …), yes/no splits and "unknown" from the report texts.
 */
export function useBucketLabel() {
  const { lang } = useLang();
  return useCallback(
    (dim: string, key: string): string => {
      const tr = (k: string) => {
        const text = translateWeb(lang, k);
        return text === k ? key : text;
      };
      if (key === 'unknown') return tr(dim === 'grade' ? 'stats.noClass' : 'stats.unknown');
      switch (dim) {
        case 'grade':
          return tr(`grades.${key}`);
        case 'ageBand':
          return key === 'other' ? tr('stats.ageOther') : tr(`codes.ageBand.${key}`);
        case 'narrow':
        case 'keySupport':
        case 'riskLevel':
          return tr(`stats.values.${dim}.${key}`);
        case 'care':
          return tr(`care.kinds.${key}`);
        case 'activities':
          return tr(`activities.kinds.${key}`);
        case 'incidents':
          return tr(`incidents.kinds.${key}`);
        default:
          return tr(`codes.${dim}.${key}`);
      }
    },
    [lang],
  );
}
