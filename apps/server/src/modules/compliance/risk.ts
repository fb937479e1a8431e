import { DIMENSIONS, type RiskConfig } from '@carebridge/shared';
import { daysBetween } from './dates.ts';

export type RiskLevel = 'low' | 'medium' | 'high';

export interface RiskFacts {
  custodyQuality: string | null;
  boarding: string | null;
  levels: Record<string, string | null>;
  /** When the child is in the archive from (signals do not count days before it). */
  since: string;
  /** Whether a parent is away (学籍 code 1 or 2): a child living with both parents has none to contact. */
  parentAway: boolean;
  lastParentContact: string | null;
  lastTalk: string | null;
  /** Overdue care items in the last 90 days. */
  overdue: number;
  hasMentor: boolean;
  /** Safety incidents still open, or beyond minor (轻微) and reported in the last 90 days. */
  incidents: number;
}

export interface RiskReason {
  signal: string;
  weight: number;
  params: Record<string, string | number>;
}

const WEAK_CUSTODY = ['unsupervised', 'parent_incapable', 'guardian_insufficient'];

/**
 * The early-warning level from transparent signals, each with its weight and shown as a reason.
 * Pure: the thresholds and weights come from the school's policy.
 */
export function riskOf(f: RiskFacts, cfg: RiskConfig, today: string): { level: RiskLevel; score: number; reasons: RiskReason[] } {
  const reasons: RiskReason[] = [];
  const w = cfg.weights;
  // Days since the last record, or since the archive began when there is none since (`never`: said so).
  const quiet = (last: string | null): { days: number; never?: number } =>
    last && last > f.since ? { days: daysBetween(last, today) } : { days: daysBetween(f.since, today), never: 1 };
  const noContact = quiet(f.lastParentContact);
  if (f.parentAway && noContact.days >= cfg.noParentContactDays)
    reasons.push({ signal: 'noParentContact', weight: w.noParentContact, params: { ...noContact } });
  const noTalk = quiet(f.lastTalk);
  if (noTalk.days >= cfg.noTalkDays) reasons.push({ signal: 'noTalk', weight: w.noTalk, params: { ...noTalk } });
  if (f.custodyQuality && WEAK_CUSTODY.includes(f.custodyQuality))
    reasons.push({ signal: 'weakCustody', weight: w.weakCustody, params: { custody: f.custodyQuality } });
  if (f.boarding === 'host') reasons.push({ signal: 'host', weight: w.host, params: {} });
  for (const d of DIMENSIONS) if (f.levels[d] === 'serious') reasons.push({ signal: 'seriousDimension', weight: w.seriousDimension, params: { dimension: d } });
  if (f.overdue >= cfg.repeatedOverdue) reasons.push({ signal: 'repeatedOverdue', weight: w.repeatedOverdue, params: { count: f.overdue } });
  if (f.incidents > 0) reasons.push({ signal: 'incident', weight: w.incident, params: { count: f.incidents } });
  const score = reasons.reduce((s, r) => s + r.weight, 0);
  const level: RiskLevel = score >= cfg.high ? 'high' : score >= cfg.medium ? 'medium' : 'low';
  // Not a weight: a child without a mentor is shown as such beside its level.
  if (!f.hasMentor) reasons.push({ signal: 'noMentor', weight: 0, params: {} });
  return { level, score, reasons: reasons.filter((r) => r.weight > 0 || r.signal === 'noMentor') };
}
