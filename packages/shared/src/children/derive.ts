import { isIdNumber } from '../validators.ts';
import type { AgeBand, Difficulty, LeftBehindType, ParentStatus } from './codes.ts';

/** The facts the derivations read; every field may be unknown (null/undefined). */
export interface ChildFacts {
  name?: string | null;
  gender?: string | null;
  birthDate?: string | null;
  address?: string | null;
  hukouRural?: boolean | null;
  health?: string | null;
  fatherStatus?: string | null;
  motherStatus?: string | null;
  fatherPhone?: string | null;
  motherPhone?: string | null;
  fatherWorkProvince?: string | null;
  fatherWorkCity?: string | null;
  motherWorkProvince?: string | null;
  motherWorkCity?: string | null;
  guardianName?: string | null;
  guardianPhone?: string | null;
  guardianAddress?: string | null;
  custodyQuality?: string | null;
  assistance?: readonly string[] | null;
  incomeSources?: readonly string[] | null;
  studyLevel?: string | null;
  psychologyLevel?: string | null;
  safetyLevel?: string | null;
  conductLevel?: string | null;
  lifeLevel?: string | null;
}

/** Full years between a YYYY-MM-DD birth date and a reference date. */
export function ageAt(birthDate: string, on: string): number {
  const by = Number(birthDate.slice(0, 4));
  const y = Number(on.slice(0, 4));
  // Month and day compare as text (both are written MM-DD): no split arrays for every child checked.
  return y - by - (on.slice(5, 10) < birthDate.slice(5, 10) ? 1 : 0);
}

/** The official age band (0-5, 6-13, 14-16), or null for 17 and over. */
export function ageBand(birthDate: string, on: string): AgeBand | null {
  const age = ageAt(birthDate, on);
  if (age < 0) return null;
  if (age <= 5) return '0-5';
  if (age <= 13) return '6-13';
  if (age <= 16) return '14-16';
  return null;
}

/** Birth-date range (inclusive) of children in an age band on a date, for SQL filters. */
export function birthRangeOfBand(band: AgeBand, on: string): { from: string; to: string } {
  const [lo, hi] = band.split('-').map(Number) as [number, number];
  const shift = (years: number, plusDay: boolean) => {
    const [y, mth, d] = on.split('-').map(Number) as [number, number, number];
    const dt = new Date(Date.UTC(y - years, mth - 1, d));
    if (plusDay) dt.setUTCDate(dt.getUTCDate() + 1);
    return dt.toISOString().slice(0, 10);
  };
  // Age ≤ hi ⇔ born after (on − (hi+1) years); age ≥ lo ⇔ born on or before (on − lo years).
  return { from: shift(hi + 1, true), to: shift(lo, false) };
}

/** The earliest birth date of a child aged at most `maxAge` on `on` (the narrow definition: under 16, so at most 15). */
export function bornFromForAgeAtMost(maxAge: number, on: string): string {
  const [y, mth, d] = on.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y - maxAge - 1, mth - 1, d));
  dt.setUTCDate(dt.getUTCDate() + 1);
  return dt.toISOString().slice(0, 10);
}

/** Under 16 on the day: the age test of the narrow definition, as a birth-date bound. */
export const NARROW_MAX_AGE = 15;

const isAway = (s: string | null | undefined) => s === 'away';
const isIncapable = (s: string | null | undefined) => s === 'home_incapable';
const isGone = (s: string | null | undefined) => s === 'deceased' || s === 'unknown' || s === 'home_incapable';

/** Which parents are away working (DOMAIN.md left-behind type). */
export function leftBehindType(f: ChildFacts): LeftBehindType {
  const fa = isAway(f.fatherStatus);
  const mo = isAway(f.motherStatus);
  if (fa && mo) return 'both';
  if (fa) return 'father';
  if (mo) return 'mother';
  return 'none';
}

/** The 学籍 code: 0 not left-behind, 1 one parent away (单亲留守), 2 both away (双亲留守). */
export function xuejiCode(f: ChildFacts): 0 | 1 | 2 {
  const t = leftBehindType(f);
  return t === 'both' ? 2 : t === 'none' ? 0 : 1;
}

/**
 * The narrow (civil-affairs, 国发〔2016〕13号) definition: rural hukou, under 16 on the cut-off date,
 * both parents away, or one away and the other without guardianship capacity.
 */
export function isNarrow(f: ChildFacts, cutOff: string): boolean {
  if (!f.birthDate || ageAt(f.birthDate, cutOff) >= 16) return false;
  return narrowByFamily(f);
}

/** The narrow definition without its age test (stored per child; the age test is applied on the day asked). */
export function narrowByFamily(f: ChildFacts): boolean {
  if (f.hukouRural === false) return false;
  const fa = f.fatherStatus;
  const mo = f.motherStatus;
  if (isAway(fa) && isAway(mo)) return true;
  return (isAway(fa) && isIncapable(mo)) || (isAway(mo) && isIncapable(fa));
}

/** 困境 categories (国发〔2016〕36号 and the local lists in POLICY.md); a child can be left-behind too. */
export function difficulties(f: ChildFacts): Difficulty[] {
  const out: Difficulty[] = [];
  const aid = f.assistance ?? [];
  if (aid.includes('dibao') || (f.incomeSources ?? []).includes('government_aid')) out.push('poverty');
  if (f.health === 'disabled') out.push('disability');
  if (f.custodyQuality === 'unsupervised' || f.custodyQuality === 'parent_incapable' || f.custodyQuality === 'guardian_insufficient') out.push('guardianship');
  if (f.fatherStatus === 'deceased' && f.motherStatus === 'deceased') out.push('orphan');
  else if (isGone(f.fatherStatus) && isGone(f.motherStatus)) out.push('unsupported');
  return out;
}

export interface ThreeClear {
  /** The child's own situation: address and all five dimensions assessed. */
  child: boolean;
  /** Every parent away: work province and city and a phone number. */
  parents: boolean;
  /** The guardian's name, address and phone. */
  guardian: boolean;
  complete: boolean;
}

const known = (v: string | null | undefined) => typeof v === 'string' && v.trim() !== '';

const parentClear = (status: string | null | undefined, province?: string | null, city?: string | null, phone?: string | null) =>
  !isAway(status) || (known(province) && known(city) && known(phone));

/** The seed's "三个清楚": the child's situation, the parents' workplace and phone, the guardian's name, address and phone. */
export function threeClear(f: ChildFacts): ThreeClear {
  const child =
    known(f.name) && known(f.birthDate) && known(f.address) && [f.studyLevel, f.psychologyLevel, f.safetyLevel, f.conductLevel, f.lifeLevel].every(known);
  const parents =
    known(f.fatherStatus) &&
    known(f.motherStatus) &&
    parentClear(f.fatherStatus, f.fatherWorkProvince, f.fatherWorkCity, f.fatherPhone) &&
    parentClear(f.motherStatus, f.motherWorkProvince, f.motherWorkCity, f.motherPhone);
  const guardian = known(f.guardianName) && known(f.guardianAddress) && known(f.guardianPhone);
  return { child, parents, guardian, complete: child && parents && guardian };
}

/** Birth date (YYYY-MM-DD) and gender encoded in a valid ID number. */
export function idNumberFacts(id: string): { birthDate: string; gender: 'male' | 'female' } | null {
  if (!isIdNumber(id)) return null;
  const b = id.slice(6, 14);
  return { birthDate: `${b.slice(0, 4)}-${b.slice(4, 6)}-${b.slice(6, 8)}`, gender: Number(id[16]) % 2 === 1 ? 'male' : 'female' };
}

export interface Problem {
  path: string;
  /** An i18n key. */
  message: string;
  params?: Record<string, string | number>;
}

type Facts = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

/**
 * Rules across fields of a whole archive (after a PATCH is merged, or a spreadsheet row parsed):
 * ID numbers agree with birth dates and gender, dates are in range, details match their switch.
 */
export function checkChild(f: Facts, today: string): Problem[] {
  const out: Problem[] = [];
  const birth = str(f.birthDate);
  if (birth) {
    if (birth > today) out.push({ path: 'birthDate', message: 'validation.date_future' });
    else if (ageAt(birth, today) > 25) out.push({ path: 'birthDate', message: 'validation.child_too_old' });
  }
  const id = str(f.idNumber);
  const facts = id ? idNumberFacts(id) : null;
  if (facts) {
    if (birth && facts.birthDate !== birth) out.push({ path: 'idNumber', message: 'validation.id_birth_mismatch', params: { date: facts.birthDate } });
    if (str(f.gender) && facts.gender !== f.gender) out.push({ path: 'idNumber', message: 'validation.id_gender_mismatch' });
  }
  for (const p of ['father', 'mother'] as const) {
    const pid = str(f[`${p}IdNumber`]);
    const pf = pid ? idNumberFacts(pid) : null;
    const pb = str(f[`${p}BirthDate`]);
    if (pf && pb && pf.birthDate !== pb) out.push({ path: `${p}IdNumber`, message: 'validation.id_birth_mismatch', params: { date: pf.birthDate } });
    if (pf && pf.gender !== (p === 'father' ? 'male' : 'female')) out.push({ path: `${p}IdNumber`, message: 'validation.id_gender_mismatch' });
    const since = str(f[`${p}AwaySince`]);
    if (since && since > today) out.push({ path: `${p}AwaySince`, message: 'validation.date_future' });
    if (pb && birth && pb >= birth) out.push({ path: `${p}BirthDate`, message: 'validation.parent_younger' });
  }
  for (const k of [
    'fatherBirthDate',
    'motherBirthDate',
    'paternalGrandfatherBirthDate',
    'paternalGrandmotherBirthDate',
    'maternalGrandfatherBirthDate',
    'maternalGrandmotherBirthDate',
  ]) {
    const d = str(f[k]);
    if (d && d > today) out.push({ path: k, message: 'validation.date_future' });
  }
  if (f.health === 'disabled' && !str(f.disabilityCategory)) out.push({ path: 'disabilityCategory', message: 'validation.required_when_disabled' });
  if (f.boarding === 'host' && !str(f.hostName)) out.push({ path: 'hostName', message: 'validation.required_when_host' });
  const gid = str(f.guardianIdNumber);
  const gf = gid ? idNumberFacts(gid) : null;
  if (gf && typeof f.guardianAge === 'number' && Math.abs(ageAt(gf.birthDate, today) - f.guardianAge) > 1)
    out.push({ path: 'guardianAge', message: 'validation.guardian_age_mismatch', params: { age: ageAt(gf.birthDate, today) } });
  return out;
}

/** Whether a parent status counts as away (exported for SQL-side stats and tests). */
export const parentAway = (s: ParentStatus | string | null | undefined) => isAway(s);
