import type { Db } from '@carebridge/db';
import type { Auth } from '../../access/auth.ts';
import type { Tx } from '../../context.ts';
import { chunks } from '../../lib/chunks.ts';
import { shanghaiDayOf } from '../../lib/dates.ts';
import { childVisible } from '../children/child.policy.ts';
import { addDays } from './dates.ts';
import { type EngineChild, type EngineRecord, type Term, windows } from './engine.ts';
import type { PolicyService, ResolvedPolicy } from './policy.service.ts';

/** How far back windows may start before the asked period (a term). */
export const LOOKBACK_DAYS = 200;
/** Schools per query, well inside both dialects' parameter limits. */
export const CHUNK = 300;

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

/** A bounded cache of prepared statements by SQL text (IN-lists of different lengths make different texts). */
type Statement = ReturnType<NonNullable<Db['sqlite']>['prepare']>;
const rawByText = new WeakMap<object, Map<string, Statement>>();
export function prepared(sqlite: NonNullable<Db['sqlite']>, text: string, raw = true): Statement {
  let cache = rawByText.get(sqlite);
  if (!cache) {
    cache = new Map();
    rawByText.set(sqlite, cache);
  }
  let stmt = cache.get(text);
  if (!stmt) {
    if (cache.size > 200) cache.clear();
    stmt = sqlite.prepare(text);
    if (raw) stmt.raw(true);
    cache.set(text, stmt);
  }
  return stmt;
}

/**
 * On SQLite the largest read (a county's records of a period) skips Kysely: a cached statement
 * returning arrays, not objects, costs a fraction of the time at county scale (bench/RESULTS.md).
 */
function rawRecords(sqlite: NonNullable<Db['sqlite']>, n: number) {
  const marks = Array.from({ length: n }, () => '?').join(', ');
  return prepared(
    sqlite,
    `select school_id, child_id, record_id, kind, date from care_record_children where school_id in (${marks}) and date >= ? and withdrawn = 0`,
  );
}

export const group = <T, K>(rows: T[], key: (r: T) => K) => {
  const m = new Map<K, T[]>();
  for (const r of rows) {
    const list = m.get(key(r));
    if (list) list.push(r);
    else m.set(key(r), [r]);
  }
  return m;
};

/**
 * Children who left count for windows ending on or after the (Shanghai) day they left, so those who
 * left on `since` or later are read. `updated_at` is UTC: a child who left on `since` in Shanghai may
 * carry the evening before in UTC, hence a day earlier. Reading more who left before is harmless (no
 * window of the period ends while they are in the archive) and keeps each school's result the same
 * whichever schools are loaded with it (`since` is the earliest of a chunk).
 */
const leftSince = (since: string) => `${addDays(since, -1)}T00:00:00`;

/** The columns the engine needs of a child, in the order `loadForTally` reads them as arrays. */
export const ENGINE_CHILD_COLUMNS = [
  'c.id',
  'c.school_id',
  'c.class_id',
  'c.key_support',
  'c.boarding',
  'c.xueji_code',
  'c.birth_date',
  'c.created_at',
  'c.updated_at',
  'c.status',
  'c.entered_on',
] as const;

/** The children of `ids` the caller sees and the period reaches: the same rows for both loaders (`loadSchools`, `loadForTally`). */
export const periodChildren = (db: Tx, auth: Auth, ids: string[], since: string) =>
  db
    .selectFrom('children as c')
    .where('c.school_id', 'in', ids)
    .where(childVisible(auth, 'c'))
    .where((eb) => eb.or([eb('c.status', '=', 'active'), eb('c.updated_at', '>=', leftSince(since))]));

/**
 * Load many schools at once: the same five indexed reads as for one school, each over all the
 * schools (in chunks), so a county costs a handful of queries instead of five per school.
 */
export async function loadSchools(
  db: Tx,
  sqlite: Db['sqlite'],
  auth: Auth,
  policies: PolicyService,
  schools: SchoolRef[],
  from: string,
  filter: { classId?: string; childId?: string } = {},
): Promise<Map<string, Loaded>> {
  const out = new Map<string, Loaded>();
  for (const part of chunks(schools, CHUNK)) {
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
    // Classes separately: a few hundred rows instead of a join per child.
    const classRows = await db.selectFrom('classes').select(['id', 'school_id', 'name', 'head_teacher_id']).where('school_id', 'in', ids).execute();
    const classOf = new Map(classRows.map((k) => [k.id, k]));
    // A child's class, pairings and records count where they belong to the child's school (see `sameSchool`).
    const classIn = (schoolId: string, classId: string | null) => {
      const k = classId ? classOf.get(classId) : undefined;
      return k && k.school_id === schoolId ? k : undefined;
    };
    let q = periodChildren(db, auth, ids, since).select([
      ...ENGINE_CHILD_COLUMNS,
      'c.name',
      'c.custody_quality',
      'c.study_level',
      'c.psychology_level',
      'c.safety_level',
      'c.conduct_level',
      'c.life_level',
    ]);
    if (filter.classId) q = q.where('c.class_id', '=', filter.classId);
    if (filter.childId) q = q.where('c.id', '=', filter.childId);
    const rows = await q.execute();
    const pairings = rows.length
      ? await db.selectFrom('pairings').select(['school_id', 'child_id', 'mentor_id', 'start_date', 'end_date']).where('school_id', 'in', ids).execute()
      : [];
    const recs: [string, string, string, string, string][] = !rows.length
      ? []
      : sqlite
        ? (rawRecords(sqlite, ids.length).all([...ids, since]) as [string, string, string, string, string][])
        : (
            await db
              .selectFrom('care_record_children as l')
              .select(['l.school_id', 'l.child_id', 'l.record_id', 'l.kind', 'l.date'])
              .where('l.school_id', 'in', ids)
              .where('l.date', '>=', since)
              .where('l.withdrawn', '=', 0)
              .execute()
          ).map((r) => [r.school_id, r.child_id, r.record_id, r.kind, r.date]);
    // Attendance of activities counts only where a rule names an activity kind ("a guardian meeting each term").
    const countsActivities = part.some((s) =>
      (resolved.get(s.id) as ResolvedPolicy).timeline.some((v) => v.rules.some((r) => r.kinds.some((k) => k.startsWith('activity.')))),
    );
    if (rows.length && countsActivities) {
      const attended = await db
        .selectFrom('activity_people')
        .select(['school_id', 'child_id', 'activity_id', 'kind', 'date'])
        .where('school_id', 'in', ids)
        .where('date', '>=', since)
        .where('present', '=', 1)
        .where('child_id', 'is not', null)
        .execute();
      for (const a of attended) recs.push([a.school_id, a.child_id as string, a.activity_id, a.kind, a.date]);
    }
    const excuseRows = await db
      .selectFrom('due_excuses')
      .select(['school_id', 'child_id', 'rule_key', 'window_start', 'reason'])
      .where('school_id', 'in', ids)
      .execute();
    // By school, then child: a child transferred in keeps its records and pairings at the old school there.
    const recordsIn = new Map<string, Map<string, EngineRecord[]>>(part.map((s) => [s.id, new Map()]));
    for (const [schoolId, childId, id, kind, date] of recs) {
      const item = { id, kind, date };
      const records = recordsIn.get(schoolId) as Map<string, EngineRecord[]>;
      const list = records.get(childId);
      if (list) list.push(item);
      else records.set(childId, [item]);
    }
    const pairingsOf = group(pairings, (p) => `${p.school_id}|${p.child_id}`);
    const childrenOf = group(rows, (r) => r.school_id);
    const excusesOf = group(excuseRows, (e) => e.school_id);
    for (const s of part) {
      const info = new Map<string, ChildInfo>();
      const children: EngineChild[] = (childrenOf.get(s.id) ?? []).map((r) => {
        const activeFrom = r.entered_on ?? shanghaiDayOf(r.created_at);
        info.set(r.id, {
          name: r.name,
          classId: r.class_id,
          className: classIn(s.id, r.class_id)?.name || null,
          keySupport: r.key_support === 1,
          custody: r.custody_quality,
          boarding: r.boarding,
          levels: { study: r.study_level, psychology: r.psychology_level, safety: r.safety_level, conduct: r.conduct_level, life: r.life_level },
          since: activeFrom,
        });
        return {
          id: r.id,
          classTeacherId: classIn(s.id, r.class_id)?.head_teacher_id || null,
          keySupport: r.key_support === 1,
          boarding: r.boarding,
          xuejiCode: r.xueji_code,
          birthDate: r.birth_date,
          activeFrom,
          activeTo: r.status === 'active' ? null : shanghaiDayOf(r.updated_at),
          pairings: (pairingsOf.get(`${s.id}|${r.id}`) ?? []).map((p) => ({ mentorId: p.mentor_id, start: p.start_date, end: p.end_date })),
        };
      });
      out.set(s.id, {
        schoolId: s.id,
        schoolName: s.name,
        regionPath: s.region_path,
        policy: resolved.get(s.id) as ResolvedPolicy,
        children,
        info,
        records: recordsIn.get(s.id) as Map<string, EngineRecord[]>,
        terms: (termsOf.get(s.id) ?? []).map((t) => ({ start: t.start_date, end: t.end_date })),
        excuses: new Map((excusesOf.get(s.id) ?? []).map((e) => [`${e.child_id}|${e.rule_key}|${e.window_start}`, e.reason])),
      });
    }
  }
  return out;
}
