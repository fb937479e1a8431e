import { escapeLike, type NewRow } from '@carebridge/db';
import { type AgeBand, birthRangeOfBand, bornFromForAgeAtMost, type ChildQuery, DIMENSIONS, NARROW_MAX_AGE } from '@carebridge/shared';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Auth } from '../../access/auth.ts';
import { pathUnder } from '../../access/scope-sql.ts';
import type { Tx } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { nulPaths } from '../../lib/nul.ts';
import { type ChildRowView, type ChildSummaryRow, SUMMARY_COLUMNS } from './child.mapper.ts';
import { childVisible } from './child.policy.ts';

/** Children (alias `c`) with their school's and class's names. */
function withPlaces(db: Tx) {
  return db
    .selectFrom('children as c')
    .innerJoin('schools as s', 's.id', 'c.school_id')
    .leftJoin('classes as k', 'k.id', 'c.class_id')
    .select(['s.name as school_name', 's.region_path', 'k.name as class_name', 'k.grade']);
}

/** Children with their school and class names; every read goes through the caller's visibility. */
function base(db: Tx, auth: Auth, summary = false) {
  const q = withPlaces(db).where(childVisible(auth, 'c'));
  return summary ? q.select(SUMMARY_COLUMNS.map((c) => `c.${c}` as const)) : q.selectAll('c');
}

/** The most children `total` counts: past it, the list says "more than" (TOTAL_CAP is then `total`, with `totalCapped`). */
export const TOTAL_CAP = 10_000;

/** Sort keys per sort option: the row's values, then the id, so the cursor is unique. */
const SORT_KEYS: Record<ChildQuery['sort'], string[]> = {
  name: ['c.name_pinyin', 'c.id'],
  birthDate: ['c.birth_date', 'c.id'],
  updatedAt: ['c.updated_at', 'c.id'],
  class: ['grade_key', 'class_key', 'c.name_pinyin', 'c.id'],
};

/**
 * The cursor: the sort and order it was made for, then the last row's sort keys, opaque to the caller. One
 * that is not ours, or was made for another sort or order, is a 400 naming `cursor` (not a silent first page).
 */
const encodeCursor = (sortOrder: string, values: unknown[]) => Buffer.from(JSON.stringify([sortOrder, ...values])).toString('base64url');
function decodeCursor(cursor: string | undefined, sortOrder: string, keys: readonly string[]): unknown[] | null {
  if (!cursor) return null;
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    v = null;
  }
  // Each key of its own type: a grade compared with a string is an error on PostgreSQL (a 500, not a 400).
  const ok =
    Array.isArray(v) &&
    v.length === keys.length + 1 &&
    v[0] === sortOrder &&
    !nulPaths(v).length &&
    keys.every((k, i) => (k === 'grade_key' ? Number.isInteger(v[i + 1]) : typeof v[i + 1] === 'string'));
  if (!ok) throw new AppError('validation_failed', 400, {}, [{ path: 'cursor', message: 'validation.invalid' }]);
  return (v as unknown[]).slice(1);
}

/** (a, b, c) > (x, y, z) written out, so it works the same on SQLite and PostgreSQL. */
function after(keys: Expression<unknown>[], values: unknown[], desc: boolean): Expression<SqlBool> {
  const op = desc ? sql`<` : sql`>`;
  const ors: Expression<SqlBool>[] = [];
  for (let i = 0; i < keys.length; i++) {
    const eqs = keys.slice(0, i).map((k, j) => sql<SqlBool>`${k} = ${values[j]}`);
    ors.push(sql<SqlBool>`(${sql.join([...eqs, sql<SqlBool>`${keys[i]} ${op} ${values[i]}`], sql` and `)})`);
  }
  return sql<SqlBool>`(${sql.join(ors, sql` or `)})`;
}

export interface ListFilters extends ChildQuery {
  today: string;
  /** `true`: read the summary columns only (the list page), rows typed `ChildSummaryRow`. */
  summary?: boolean;
  regionPath?: string;
  /** A further condition on the children (alias `c`), e.g. the children behind a statistic. */
  where?: Expression<SqlBool>;
  /** The most `total` counts (TOTAL_CAP; smaller in tests). */
  totalCap?: number;
}

export const childRepo = {
  async findById(db: Tx, auth: Auth, id: string): Promise<ChildRowView | undefined> {
    return (await base(db, auth).where('c.id', '=', id).executeTakeFirst()) as ChildRowView | undefined;
  },

  /** Visible children among these ids, in one query (absent ids are not visible or do not exist). */
  async findManyById(db: Tx, auth: Auth, ids: readonly string[]): Promise<ChildRowView[]> {
    if (!ids.length) return [];
    return (await base(db, auth)
      .where('c.id', 'in', [...new Set(ids)])
      .execute()) as ChildRowView[];
  },

  /** Each child's mentor now (its active pairing's), for a batch of children in one query; unpaired children are absent. */
  async activeMentors(db: Tx, childIds: readonly string[]): Promise<Map<string, { name: string; phone: string | null }>> {
    const out = new Map<string, { name: string; phone: string | null }>();
    if (!childIds.length) return out;
    const rows = await db
      .selectFrom('pairings as p')
      .innerJoin('users as u', 'u.id', 'p.mentor_id')
      .select(['p.child_id', 'u.name', 'u.phone'])
      .where('p.child_id', 'in', [...new Set(childIds)])
      .where('p.end_date', 'is', null)
      .orderBy('p.start_date', 'asc')
      .execute();
    // One active pairing per child; were there two, the later one is the mentor now.
    for (const r of rows) out.set(r.child_id, { name: r.name, phone: r.phone });
    return out;
  },

  /** The head teacher of each of these classes, in one query; classes without one are absent. */
  async headTeachers(db: Tx, classIds: readonly string[]): Promise<Map<string, { name: string; phone: string | null }>> {
    const ids = [...new Set(classIds)];
    if (!ids.length) return new Map();
    const rows = await db
      .selectFrom('classes as k')
      .innerJoin('users as u', 'u.id', 'k.head_teacher_id')
      .select(['k.id', 'u.name', 'u.phone'])
      .where('k.id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, { name: r.name, phone: r.phone }]));
  },

  /**
   * Archives with this name and birth date in schools under `regionPath` (a county), regardless of scope,
   * each saying whether the caller sees it: the likely duplicates of a new archive (at most `limit`).
   */
  async sameNameAndBirth(db: Tx, auth: Auth, f: { name: string; birthDate: string; regionPath: string; limit?: number }) {
    const rows = await withPlaces(db)
      .select(['c.id', 'c.school_id', sql<number>`case when ${childVisible(auth, 'c')} then 1 else 0 end`.as('visible')])
      .where('c.name', '=', f.name)
      .where('c.birth_date', '=', f.birthDate)
      .where(pathUnder(f.regionPath, 's.region_path'))
      .orderBy('c.created_at')
      .limit(f.limit ?? 5)
      .execute();
    return rows.map((r) => ({ ...r, visible: Number(r.visible) === 1 }));
  },

  /** A child regardless of scope, for deciding between 404 and 403 and for admin actions. */
  async findAnyById(db: Tx, id: string): Promise<ChildRowView | undefined> {
    return (await withPlaces(db).selectAll('c').where('c.id', '=', id).executeTakeFirst()) as ChildRowView | undefined;
  },

  /** A school's children regardless of scope (the roster import matches rows to them; its caller checks the school). */
  async allOfSchool(db: Tx, schoolId: string): Promise<ChildRowView[]> {
    return (await withPlaces(db).selectAll('c').where('c.school_id', '=', schoolId).execute()) as ChildRowView[];
  },

  /**
   * The schools holding a child the caller sees within the list's place filters (school, region, class,
   * ids): those whose stored risk levels a list filtered by level reads. One key look-up per school.
   */
  async schoolsReached(db: Tx, auth: Auth, f: Pick<ListFilters, 'ids' | 'schoolId' | 'regionPath' | 'classId'>): Promise<string[]> {
    let q = db.selectFrom('schools as s').select('s.id');
    if (f.schoolId) q = q.where('s.id', '=', f.schoolId);
    if (f.regionPath) q = q.where(pathUnder(f.regionPath, 's.region_path'));
    const ids = f.ids ? f.ids.split(',').filter(Boolean).slice(0, 200) : undefined;
    const rows = await q
      .where(({ exists, selectFrom }) => {
        let c = selectFrom('children as c').select('c.id').whereRef('c.school_id', '=', 's.id').where(childVisible(auth, 'c'));
        if (f.classId) c = c.where('c.class_id', '=', f.classId);
        if (ids) c = c.where('c.id', 'in', ids.length ? ids : ['']);
        return exists(c);
      })
      .orderBy('s.id')
      .execute();
    return rows.map((r) => r.id);
  },

  /** One page (limit + 1 rows, to know whether there is a next one) of visible children; with `total`, how many match in all. */
  async list<F extends ListFilters>(
    db: Tx,
    auth: Auth,
    f: F,
  ): Promise<{ rows: (F['summary'] extends true ? ChildSummaryRow : ChildRowView)[]; nextCursor: string | null; total?: number; totalCapped?: true }> {
    let q = base(db, auth, f.summary).select([sql<number>`coalesce(k.grade, 99)`.as('grade_key'), sql<string>`coalesce(k.name, '')`.as('class_key')]);
    if (f.ids) q = q.where('c.id', 'in', f.ids.split(',').filter(Boolean).slice(0, 200));
    if (f.schoolId) q = q.where('c.school_id', '=', f.schoolId);
    if (f.regionPath) q = q.where(pathUnder(f.regionPath, 's.region_path'));
    if (f.classId) q = q.where('c.class_id', '=', f.classId);
    if (f.grade !== undefined) q = q.where('k.grade', '=', f.grade);
    if (f.status !== 'all') q = q.where('c.status', '=', f.status);
    if (f.leftBehindType) q = q.where('c.left_behind_type', '=', f.leftBehindType);
    if (f.xuejiCode !== undefined) q = q.where('c.xueji_code', '=', f.xuejiCode);
    if (f.guardianRelation) q = q.where('c.guardian_relation', '=', f.guardianRelation);
    if (f.boarding) q = q.where('c.boarding', '=', f.boarding);
    if (f.custodyQuality) q = q.where('c.custody_quality', '=', f.custodyQuality);
    if (f.keySupport !== undefined)
      q = f.keySupport ? q.where('c.key_support', '=', 1) : q.where((eb) => eb.or([eb('c.key_support', '=', 0), eb('c.key_support', 'is', null)]));
    if (f.threeClear !== undefined) q = q.where('c.three_clear', '=', f.threeClear ? 1 : 0);
    if (f.gender) q = q.where('c.gender', '=', f.gender);
    // Levels as stored by compliance/risk-levels.ts, brought up to date by the caller first (`ChildService.list`); none stored counts as low.
    if (f.riskLevel) {
      const level = sql<string>`coalesce((select r.level from child_risks r where r.child_id = c.id), 'low')`;
      q = q.where(sql<SqlBool>`${level} = ${f.riskLevel}`);
    }
    if (f.difficulty) q = q.where('c.difficulty', 'like', `%,${f.difficulty},%`);
    for (const d of DIMENSIONS) {
      const level = f[`${d}Level`];
      if (level) q = q.where(sql.ref(`c.${d}_level`), '=', level);
    }
    if (f.ageBand) {
      const r = birthRangeOfBand(f.ageBand as AgeBand, f.today);
      q = q.where('c.birth_date', '>=', r.from).where('c.birth_date', '<=', r.to);
    }
    if (f.narrow !== undefined) {
      const bornAfter = bornFromForAgeAtMost(NARROW_MAX_AGE, f.today);
      q = f.narrow
        ? q.where('c.narrow_base', '=', 1).where('c.birth_date', '>=', bornAfter)
        : q.where((eb) => eb.or([eb('c.narrow_base', '=', 0), eb('c.birth_date', '<', bornAfter)]));
    }
    if (f.q) q = q.where(searchCondition(f.q));
    if (f.where) q = q.where(f.where);
    // 共 N 名: the same children counted, with the first page only (a later page has it already), up to
    // TOTAL_CAP: a province's million is "more than 10,000" at the cost of reading 10,001 index entries.
    let total: { total: number; totalCapped?: true } | undefined;
    if (f.total && !f.cursor) {
      const cap = f.totalCap ?? TOTAL_CAP;
      const matching = q
        .clearSelect()
        .select(sql<number>`1`.as('one'))
        .limit(cap + 1);
      const counted = await db.selectFrom(matching.as('m')).select(sql<number>`count(*)`.as('n')).executeTakeFirst();
      const n = Number(counted?.n ?? 0);
      total = n > cap ? { total: cap, totalCapped: true } : { total: n };
    }
    const keys = SORT_KEYS[f.sort].map((k) => (k.includes('.') ? sql.ref(k) : k === 'grade_key' ? sql`coalesce(k.grade, 99)` : sql`coalesce(k.name, '')`));
    const desc = f.order === 'desc';
    const sortOrder = `${f.sort}:${f.order}`;
    const cur = decodeCursor(f.cursor, sortOrder, SORT_KEYS[f.sort]);
    if (cur) q = q.where(after(keys, cur, desc));
    for (const k of keys) q = q.orderBy(k, desc ? 'desc' : 'asc');
    const rows = (await q.limit(f.limit + 1).execute()) as (ChildRowView & { grade_key: number; class_key: string })[];
    const page = rows.slice(0, f.limit);
    const last = page[page.length - 1];
    let nextCursor: string | null = null;
    if (rows.length > f.limit && last) {
      const byKey: Record<string, unknown> = {
        'c.name_pinyin': last.name_pinyin,
        'c.id': last.id,
        'c.birth_date': last.birth_date,
        'c.updated_at': last.updated_at,
        grade_key: Number(last.grade_key),
        class_key: last.class_key,
      };
      nextCursor = encodeCursor(
        sortOrder,
        SORT_KEYS[f.sort].map((k) => byKey[k]),
      );
    }
    return { rows: page as (F['summary'] extends true ? ChildSummaryRow : ChildRowView)[], nextCursor, ...total };
  },

  async insert(db: Tx, row: NewRow<'children'>): Promise<void> {
    await db.insertInto('children').values(row).execute();
  },

  async insertMany(db: Tx, rows: NewRow<'children'>[], batch = 100): Promise<void> {
    for (let i = 0; i < rows.length; i += batch)
      await db
        .insertInto('children')
        .values(rows.slice(i, i + batch))
        .execute();
  },

  /** Update when the version matches; false when someone else saved first. */
  async update(db: Tx, id: string, version: number, set: Record<string, unknown>): Promise<boolean> {
    const res = await db
      .updateTable('children')
      .set({ ...set, version: sql`version + 1` } as never)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },

  async addHistory(db: Tx, rows: NewRow<'child_history'>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 200)
      await db
        .insertInto('child_history')
        .values(rows.slice(i, i + 200))
        .execute();
  },

  async history(db: Tx, childId: string) {
    return db.selectFrom('child_history').selectAll().where('child_id', '=', childId).orderBy('at', 'desc').orderBy('id', 'desc').execute();
  },

  /** PIPL erasure: the archive and its history are removed; audit rows keep only that it happened. */
  /** Returns the photo files to remove once the transaction has committed. */
  async erase(db: Tx, id: string): Promise<string[]> {
    // Care records about this child alone go with it; shared ones (a group talk) lose only the link.
    const own = await db
      .selectFrom('care_record_children as l')
      .select('l.record_id')
      .where('l.child_id', '=', id)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('care_record_children as o').select('o.child_id').whereRef('o.record_id', '=', 'l.record_id').where('o.child_id', '!=', id))),
      )
      .execute();
    const recordIds = own.map((r) => r.record_id);
    let files: string[] = [];
    if (recordIds.length) {
      files = (await db.selectFrom('care_record_photos').select('path').where('record_id', 'in', recordIds).execute()).map((p) => p.path);
      await db.deleteFrom('care_records').where('id', 'in', recordIds).execute();
    }
    // So do safety incidents about this child alone (their text describes the child).
    const incidents = await db
      .selectFrom('incident_children as l')
      .select('l.incident_id')
      .where('l.child_id', '=', id)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('incident_children as o').select('o.child_id').whereRef('o.incident_id', '=', 'l.incident_id').where('o.child_id', '!=', id))),
      )
      .execute();
    if (incidents.length)
      await db
        .deleteFrom('incidents')
        .where(
          'id',
          'in',
          incidents.map((i) => i.incident_id),
        )
        .execute();
    // Notices name the child (an overdue talk, a risk rise) or lead to it or to its removed incidents.
    const links = [`/children/${id}`, ...incidents.map((i) => `/incidents/${i.incident_id}`)];
    await db.deleteFrom('notifications').where('link', 'in', links).execute();
    await db.deleteFrom('child_history').where('child_id', '=', id).execute();
    await db.deleteFrom('children').where('id', '=', id).execute();
    await db
      .updateTable('audit_log')
      .set({ summary: JSON.stringify({ erased: true }) })
      .where('entity', '=', 'child')
      .where('entity_id', '=', id)
      .execute();
    return files;
  },
};

/** Name fragment, full pinyin or initials, or ID number digits. */
function searchCondition(raw: string): Expression<SqlBool> {
  const q = raw.trim().replace(/\s+/g, '');
  const like = (s: string) => `%${escapeLike(s)}%`;
  if (/^\d{4,17}[\dXx]?$/.test(q)) return sql<SqlBool>`c.id_number like ${like(q.toUpperCase())} escape '\\'`;
  if (/^[A-Za-z]+$/.test(q)) {
    const l = q.toLowerCase();
    return sql<SqlBool>`(c.name_pinyin like ${like(l)} escape '\\' or c.name_initials like ${like(l)} escape '\\')`;
  }
  return sql<SqlBool>`c.name like ${like(q)} escape '\\'`;
}
