import type { Auth } from '../../access/auth.ts';
import type { Tx } from '../../context.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import { childVisible } from '../children/child.policy.ts';
import { addDays } from './dates.ts';
import { type EngineChild, type EngineRecord, type Term, windows } from './engine.ts';
import type { PolicyService, ResolvedPolicy } from './policy.service.ts';

/** How far back windows may start before the asked period (a term). */
const LOOKBACK_DAYS = 200;
/** Schools per query, well inside both dialects' parameter limits. */
const CHUNK = 300;

export interface ChildInfo {
  name: string;
  classId: string | null;
  className: string | null;
  keySupport: boolean;
  custody: string | null;
  boarding: string | null;
  levels: Record<string, string | null>;
  since: string;
}

/** What the engine needs for the children of one school the caller sees. */
export interface Loaded {
  schoolId: string;
  schoolName: string;
  regionPath: string;
  policy: ResolvedPolicy;
  children: EngineChild[];
  info: Map<string, ChildInfo>;
  records: Map<string, EngineRecord[]>;
  terms: Term[];
  excuses: Map<string, string>;
}

export type SchoolRef = { id: string; name: string; region_path: string };

const chunks = <T>(xs: T[]) => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));
const group = <T, K>(rows: T[], key: (r: T) => K) => {
  const m = new Map<K, T[]>();
  for (const r of rows) {
    const list = m.get(key(r));
    if (list) list.push(r);
    else m.set(key(r), [r]);
  }
  return m;
};

/**
 * Load many schools at once: the same five indexed reads as for one school, each over all the
 * schools (in chunks), so a county costs a handful of queries instead of five per school.
 */
export async function loadSchools(
  db: Tx,
  auth: Auth,
  policies: PolicyService,
  schools: SchoolRef[],
  from: string,
  filter: { classId?: string; childId?: string } = {},
): Promise<Map<string, Loaded>> {
  const out = new Map<string, Loaded>();
  for (const part of chunks(schools)) {
    const ids = part.map((s) => s.id);
    const termRows = await db.selectFrom('terms').select(['school_id', 'start_date', 'end_date']).where('school_id', 'in', ids).orderBy('start_date').execute();
    const termsOf = group(termRows, (t) => t.school_id);
    const resolved = await policies.resolveMany(db, part);
    // Records are read from the earliest window that reaches into the period, not further back.
    let since = from;
    for (const s of part) {
      const terms = (termsOf.get(s.id) ?? []).map((t) => ({ start: t.start_date, end: t.end_date }));
      for (const v of (resolved.get(s.id) as ResolvedPolicy).timeline)
        for (const rule of v.rules)
          for (const w of windows(rule, terms, addDays(from, -LOOKBACK_DAYS), from)) if (w.end >= from && w.start < since) since = w.start;
    }
    let q = db
      .selectFrom('children as c')
      .leftJoin('classes as k', 'k.id', 'c.class_id')
      .select([
        'c.id',
        'c.school_id',
        'c.name',
        'c.class_id',
        'k.name as class_name',
        'k.head_teacher_id',
        'c.key_support',
        'c.boarding',
        'c.xueji_code',
        'c.birth_date',
        'c.created_at',
        'c.updated_at',
        'c.status',
        'c.custody_quality',
        'c.study_level',
        'c.psychology_level',
        'c.safety_level',
        'c.conduct_level',
        'c.life_level',
        'c.entered_on',
      ])
      .where('c.school_id', 'in', ids)
      .where(childVisible(auth, 'c'))
      .where((eb) => eb.or([eb('c.status', '=', 'active'), eb('c.updated_at', '>=', `${since}T00:00:00`)]));
    if (filter.classId) q = q.where('c.class_id', '=', filter.classId);
    if (filter.childId) q = q.where('c.id', '=', filter.childId);
    const rows = await q.execute();
    const pairings = rows.length
      ? await db.selectFrom('pairings').select(['school_id', 'child_id', 'mentor_id', 'start_date', 'end_date']).where('school_id', 'in', ids).execute()
      : [];
    const recs = rows.length
      ? await db
          .selectFrom('care_record_children as l')
          .select(['l.child_id', 'l.record_id', 'l.kind', 'l.date'])
          .where('l.school_id', 'in', ids)
          .where('l.date', '>=', since)
          .where('l.withdrawn', '=', 0)
          .execute()
      : [];
    const excuseRows = await db
      .selectFrom('due_excuses')
      .select(['school_id', 'child_id', 'rule_key', 'window_start', 'reason'])
      .where('school_id', 'in', ids)
      .execute();
    const records = new Map<string, EngineRecord[]>();
    for (const r of recs) {
      const item = { id: r.record_id, kind: r.kind, date: r.date };
      const list = records.get(r.child_id);
      if (list) list.push(item);
      else records.set(r.child_id, [item]);
    }
    const pairingsOf = group(pairings, (p) => p.child_id);
    const childrenOf = group(rows, (r) => r.school_id);
    const excusesOf = group(excuseRows, (e) => e.school_id);
    for (const s of part) {
      const info = new Map<string, ChildInfo>();
      const children: EngineChild[] = (childrenOf.get(s.id) ?? []).map((r) => {
        const activeFrom = r.entered_on ?? shanghaiDate(new Date(r.created_at));
        info.set(r.id, {
          name: r.name,
          classId: r.class_id,
          className: r.class_name,
          keySupport: r.key_support === 1,
          custody: r.custody_quality,
          boarding: r.boarding,
          levels: { study: r.study_level, psychology: r.psychology_level, safety: r.safety_level, conduct: r.conduct_level, life: r.life_level },
          since: activeFrom,
        });
        return {
          id: r.id,
          classTeacherId: r.head_teacher_id,
          keySupport: r.key_support === 1,
          boarding: r.boarding,
          xuejiCode: r.xueji_code,
          birthDate: r.birth_date,
          activeFrom,
          activeTo: r.status === 'active' ? null : shanghaiDate(new Date(r.updated_at)),
          pairings: (pairingsOf.get(r.id) ?? []).map((p) => ({ mentorId: p.mentor_id, start: p.start_date, end: p.end_date })),
        };
      });
      out.set(s.id, {
        schoolId: s.id,
        schoolName: s.name,
        regionPath: s.region_path,
        policy: resolved.get(s.id) as ResolvedPolicy,
        children,
        info,
        records,
        terms: (termsOf.get(s.id) ?? []).map((t) => ({ start: t.start_date, end: t.end_date })),
        excuses: new Map((excusesOf.get(s.id) ?? []).map((e) => [`${e.child_id}|${e.rule_key}|${e.window_start}`, e.reason])),
      });
    }
  }
  return out;
}
