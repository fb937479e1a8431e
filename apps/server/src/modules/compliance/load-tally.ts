import type { Db } from '@carebridge/db';
import type { CareRule } from '@carebridge/shared';
import { type CompiledQuery, sql } from 'kysely';
import type { Auth } from '../../access/auth.ts';
import type { Tx } from '../../context.ts';
import { chunks } from '../../lib/chunks.ts';
import { shanghaiDayOf } from '../../lib/dates.ts';
import { addDays, daysBetween } from './dates.ts';
import { type EngineChild, type Term, windows } from './engine.ts';
import { CHUNK, ENGINE_CHILD_COLUMNS, group, LOOKBACK_DAYS, periodChildren, prepared, type SchoolRef } from './load.ts';
import type { PolicyService, ResolvedPolicy } from './policy.service.ts';
import { type KindDays, KindDaysBuilder } from './tally.ts';

/**
 * The counting path's loader (`school-tallies.ts`): the same children, policies, terms and excuses as
 * `loadSchools` (load.ts), but only what the rules need, rows as arrays and records packed per child.
 */

/** By period and calendar, by rule: the earliest start of the rule's windows that reach into `from` and end by `to` (`from` itself when none starts before). */
export type ReachMemo = Map<string, Map<CareRule, string>>;

/** What the counting path (`tally`) needs for one school: no names, levels or record ids. */
export interface TallyLoaded {
  policy: ResolvedPolicy;
  children: EngineChild[];
  /** Each child's class (for rates by class), by child index. */
  classIds: (string | null)[];
  classNames: Map<string, string>;
  records: KindDays;
  terms: Term[];
  excuses: Map<string, string>;
}

type Compilable = { compile(): CompiledQuery };

/** A Kysely query's rows as arrays in select order: on SQLite straight from better-sqlite3 (no row objects), elsewhere through Kysely. */
async function arrays<R extends unknown[]>(db: Tx, sqlite: Db['sqlite'], q: Compilable): Promise<R[]> {
  const c = q.compile();
  if (sqlite) return prepared(sqlite, c.sql).all(c.parameters as unknown[]) as R[];
  return (await db.executeQuery(c)).rows.map((r) => Object.values(r as object) as R);
}

/**
 * A school's record links of a period, one row per child with its records packed as kind + date
 * pairs (SQLite's group_concat), read from a covering index: a few thousand rows per school instead
 * of one per record. Over a long period the index by child needs no sort; over a short one the index
 * by date reads only the period.
 */
function packedRecords(sqlite: NonNullable<Db['sqlite']>, byChild: boolean) {
  const index = byChild ? 'care_record_children_school_child_cover_idx' : 'care_record_children_school_date_cover_idx';
  return prepared(
    sqlite,
    `select child_id, group_concat(kind || date, '') from care_record_children indexed by ${index} where school_id = ? and date >= ? and date <= ? and withdrawn = 0 group by child_id`,
  );
}
/** Periods (from the earliest record read to the last) longer than this read the index by child. */
const BY_CHILD_DAYS = 120;

/**
 * Load many schools for counting: the same reads as `loadSchools` (same children, same order, same
 * policies, terms and excuses) but only the columns the rules need, rows as arrays, and each child's
 * records as sorted day numbers of the kinds the rules count, up to `to`.
 */
export async function loadForTally(
  db: Tx,
  sqlite: Db['sqlite'],
  auth: Auth,
  policies: PolicyService,
  schools: SchoolRef[],
  from: string,
  to: string,
  /** The schools' policies when the caller has resolved them already. */
  known?: Map<string, ResolvedPolicy>,
  /** Kept by a caller loading batch after batch from the same `from`: how far back each rule reaches, by calendar (`reachMemo`). */
  reach: ReachMemo = new Map(),
): Promise<Map<string, TallyLoaded>> {
  const out = new Map<string, TallyLoaded>();
  for (const part of chunks(schools, CHUNK)) {
    const ids = part.map((s) => s.id);
    const termRows = await arrays<[string, string, string]>(
      db,
      sqlite,
      db.selectFrom('terms').select(['school_id', 'start_date', 'end_date']).where('school_id', 'in', ids).orderBy('start_date'),
    );
    const termsOf = group(termRows, (t) => t[0]);
    const resolved = known && part.every((s) => known.has(s.id)) ? known : await policies.resolveMany(db, part);
    let since = from;
    const kinds = new Set<string>();
    // Whether a rule's windows reach back before `from` depends only on the rule and the calendar:
    // worked out once for the schools that share both (a county's schools usually do), in every batch.
    // Only windows ending by `to` count (an item belongs to the period its window ends in): this
    // month's counts read no records of a term whose window ends after it.
    for (const s of part) {
      const terms = (termsOf.get(s.id) ?? []).map((t) => ({ start: t[1], end: t[2] }));
      const calendar = `${from}|${to}|${terms.map((t) => `${t.start}${t.end}`).join()}`;
      let earliest = reach.get(calendar);
      if (!earliest) {
        earliest = new Map();
        reach.set(calendar, earliest);
      }
      for (const v of (resolved.get(s.id) as ResolvedPolicy).timeline)
        for (const rule of v.rules) {
          for (const k of rule.kinds) kinds.add(k);
          let start = earliest.get(rule);
          if (start === undefined) {
            start = from;
            for (const w of windows(rule, terms, addDays(from, -LOOKBACK_DAYS), from)) if (w.end >= from && w.end <= to && w.start < start) start = w.start;
            earliest.set(rule, start);
          }
          if (start < since) since = start;
        }
    }
    const kindList = [...kinds];
    const plainKinds = kindList.filter((k) => !k.startsWith('activity.'));
    // Attendance of activities counts only where a rule names an activity kind ("a guardian meeting each term").
    const countsActivities = kindList.some((k) => k.startsWith('activity.'));
    // Sent together: on PostgreSQL the server reads them on the pool's connections at once, and while
    // the caller counts the schools it loaded before (school-tallies.ts). SQLite answers each in turn.
    const [classRows, rows, pairings, packedRows, attended, excuseRows] = await Promise.all([
      arrays<[string, string, string | null, string]>(
        db,
        sqlite,
        db.selectFrom('classes').select(['id', 'name', 'head_teacher_id', 'school_id']).where('school_id', 'in', ids),
      ),
      // The same rows as `loadSchools` in the same order, fewer columns.
      arrays<[string, string, string | null, number, string | null, number, string, string, string, string, string | null]>(
        db,
        sqlite,
        periodChildren(db, auth, ids, since).select(ENGINE_CHILD_COLUMNS),
      ),
      arrays<[string, string, string, string | null, string]>(
        db,
        sqlite,
        db.selectFrom('pairings').select(['child_id', 'mentor_id', 'start_date', 'end_date', 'school_id']).where('school_id', 'in', ids),
      ),
      // Packed per child as on SQLite (string_agg): a county-year is ≈ 30,000 rows instead of
      // ≈ 400,000, each of which the driver would parse into an object. SQLite's are read per school below.
      sqlite || !plainKinds.length
        ? []
        : arrays<[string, string, string]>(
            db,
            sqlite,
            db
              .selectFrom('care_record_children as l')
              .select(['l.school_id', 'l.child_id', sql<string>`string_agg(l.kind || l.date, '')`.as('packed')])
              .where('l.school_id', 'in', ids)
              .where('l.kind', 'in', plainKinds)
              .where('l.date', '>=', since)
              .where('l.date', '<=', to)
              .where('l.withdrawn', '=', 0)
              .groupBy(['l.school_id', 'l.child_id']),
          ),
      countsActivities
        ? arrays<[string, string, string, string]>(
            db,
            sqlite,
            db
              .selectFrom('activity_people')
              .select(['child_id', 'kind', 'date', 'school_id'])
              .where('school_id', 'in', ids)
              .where('date', '>=', since)
              .where('date', '<=', to)
              .where('present', '=', 1)
              .where('child_id', 'is not', null),
          )
        : [],
      arrays<[string, string, string, string, string]>(
        db,
        sqlite,
        db.selectFrom('due_excuses').select(['school_id', 'child_id', 'rule_key', 'window_start', 'reason']).where('school_id', 'in', ids),
      ),
    ]);
    const classOf = new Map(classRows.map((k) => [k[0], k]));
    // Each school's own: a child transferred in keeps its pairings and records at the old school there,
    // so a school's result does not depend on the schools loaded with it (the compliance cache relies on that).
    const pairingsOf = group(pairings, (p) => `${p[4]}|${p[0]}`);
    const childrenOf = group(rows, (r) => r[1]);
    // Where each child sits in its school: the school's builder and the child's index there.
    const placeIn = new Map<string, Map<string, { b: KindDaysBuilder; i: number }>>();
    const builders = new Map<string, KindDaysBuilder>();
    for (const s of part) {
      const list = childrenOf.get(s.id) ?? [];
      const b = new KindDaysBuilder(kindList, list.length);
      builders.set(s.id, b);
      const place = new Map<string, { b: KindDaysBuilder; i: number }>();
      placeIn.set(s.id, place);
      for (let i = 0; i < list.length; i++) place.set((list[i] as (typeof list)[number])[0], { b, i });
    }
    if (sqlite && rows.length && plainKinds.length) {
      const stmt = packedRecords(sqlite, daysBetween(since, to) > BY_CHILD_DAYS);
      for (const s of part) {
        if (!childrenOf.has(s.id)) continue;
        const place = placeIn.get(s.id) as Map<string, { b: KindDaysBuilder; i: number }>;
        for (const [childId, packed] of stmt.all([s.id, since, to]) as [string, string][]) {
          const at = place.get(childId);
          if (at) at.b.addPacked(at.i, packed);
        }
      }
    }
    for (const [schoolId, childId, packed] of packedRows) {
      const at = placeIn.get(schoolId)?.get(childId);
      if (at) at.b.addPacked(at.i, packed);
    }
    for (const [childId, kind, date, schoolId] of attended) {
      const at = placeIn.get(schoolId)?.get(childId);
      if (at) at.b.add(at.i, kind, date);
    }
    const excusesOf = group(excuseRows, (e) => e[0]);
    for (const s of part) {
      const list = childrenOf.get(s.id) ?? [];
      const classIds: (string | null)[] = [];
      const classNames = new Map<string, string>();
      const children: EngineChild[] = list.map((r) => {
        const [id, , classId, keySupport, boarding, xuejiCode, birthDate, createdAt, updatedAt, status, enteredOn] = r;
        const found = classId ? classOf.get(classId) : undefined;
        const k = found && found[3] === s.id ? found : undefined;
        classIds.push(classId);
        if (classId && k?.[1]) classNames.set(classId, k[1]);
        return {
          id,
          classTeacherId: k?.[2] || null,
          keySupport: keySupport === 1,
          boarding,
          xuejiCode,
          birthDate,
          activeFrom: enteredOn ?? shanghaiDayOf(createdAt),
          activeTo: status === 'active' ? null : shanghaiDayOf(updatedAt),
          pairings: (pairingsOf.get(`${s.id}|${id}`) ?? []).map((p) => ({ mentorId: p[1], start: p[2], end: p[3] })),
        };
      });
      out.set(s.id, {
        policy: resolved.get(s.id) as ResolvedPolicy,
        children,
        classIds,
        classNames,
        records: (builders.get(s.id) as KindDaysBuilder).build(),
        terms: (termsOf.get(s.id) ?? []).map((t) => ({ start: t[1], end: t[2] })),
        excuses: new Map((excusesOf.get(s.id) ?? []).map((e) => [`${e[1]}|${e[2]}|${e[3]}`, e[4]])),
      });
    }
  }
  return out;
}
