/**
 * Dataset generator for the benchmarks (issue 9): regions, schools, classes, staff, children
 * (realistic names, valid ID numbers, mostly grandparents, a boarding mix), pairings, a school
 * year of care records with a plausible diligence mix, activities with attendance, incidents.
 * Reproducible: the same scale and size give the same data (seeded). Writes through the project's
 * own row builders and multi-row inserts, one transaction per school.
 *
 *   npm run bench:seed -w bench -- --scale school|county|province [--children N] [--db URL]
 */
import { newId } from '@carebridge/db';
import { systemAuth } from '../../apps/server/src/access/auth.ts';
import type { App } from '../../apps/server/src/app.ts';
import { hashPassword } from '../../apps/server/src/modules/auth/password.ts';
import { demoChild, rng } from '../../apps/server/src/modules/setup/demo-children.ts';
import { careRecordRow } from './record-row.ts';

export type Scale = 'school' | 'county' | 'province';
export const DEFAULT_CHILDREN: Record<Scale, number> = { school: 330, county: 20_000, province: 1_000_000 };
/** Left-behind children per school (POLICY.md: 50-500). */
export const PER_SCHOOL = 330;
export const BENCH_PASSWORD = 'Bench2026';
/** "Today" of every generated dataset and benchmark, so that runs compare. */
export const BENCH_TODAY = new Date('2026-11-20T02:00:00Z');

const MONTHS = ['2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-03', '2026-04', '2026-05', '2026-06', '2026-09', '2026-10', '2026-11'];
const TERMS = [
  ['2025-2026', 1, '2025-09-01', '2026-01-20'],
  ['2025-2026', 2, '2026-02-24', '2026-07-10'],
  ['2026-2027', 1, '2026-09-01', '2027-01-22'],
] as const;

export interface SeedResult {
  provinceId: string;
  countyIds: string[];
  schoolIds: string[];
  children: number;
  records: number;
  rows: number;
  seconds: number;
  /** A bureau officer over the whole dataset and a school leader of the first school (password BENCH_PASSWORD). */
  users: { bureau: string; leader: string };
}

function bar(done: number, total: number, started: number, rows: number) {
  const width = 30;
  const filled = Math.round((done / total) * width);
  const secs = (performance.now() - started) / 1000;
  process.stdout.write(
    `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} children · ${Math.round(rows / Math.max(secs, 0.001)).toLocaleString()} rows/s`,
  );
}

/** Generate `children` children (about PER_SCHOOL per school, 60 schools per county). */
export async function seed(app: App, children: number, opts: { quiet?: boolean } = {}): Promise<SeedResult> {
  const { db } = app.ctx;
  const ts = BENCH_TODAY.toISOString();
  const r = rng(20261128);
  const t0 = performance.now();
  const auth = systemAuth('bench');
  const password = await hashPassword(BENCH_PASSWORD);
  const region = async (level: string, name: string, parent: { id: string; path: string } | null) => {
    const id = newId();
    const path = `${parent?.path ?? '/'}${id}/`;
    await db
      .insertInto('regions')
      .values({ id, parent_id: parent?.id ?? null, level, name, code: null, path, version: 1, created_at: ts, updated_at: ts })
      .execute();
    return { id, path };
  };
  const user = async (tx: typeof db, username: string, name: string) => {
    const id = newId();
    await tx
      .insertInto('users')
      .values({
        id,
        username,
        name,
        phone: null,
        password_hash: password,
        active: 1,
        must_change_password: 0,
        failed_logins: 0,
        locked_until: null,
        password_changed_at: ts,
        version: 1,
        created_at: ts,
        updated_at: ts,
      })
      .execute();
    return id;
  };
  const province = await region('province', '基准省', null);
  const schools = Math.max(1, Math.ceil(children / PER_SCHOOL));
  const schoolsPerCounty = 60;
  const counties: { id: string; path: string }[] = [];
  let city: { id: string; path: string } | null = null;
  for (let c = 0; c < Math.ceil(schools / schoolsPerCounty); c++) {
    if (c % 10 === 0) city = await region('city', `基准市${c / 10 + 1}`, province);
    counties.push(await region('county', `基准县${c + 1}`, city));
  }
  const bureauId = await user(db, 'bench-bureau', '省教育厅基准账号');
  await db
    .insertInto('role_assignments')
    .values({
      id: newId(),
      user_id: bureauId,
      role: 'bureau_officer',
      scope_kind: 'region',
      scope_id: province.id,
      school_id: null,
      region_path: province.path,
      created_at: ts,
    })
    .execute();
  const schoolIds: string[] = [];
  let made = 0;
  let records = 0;
  let rows = 0;
  let leader = '';
  for (let s = 0; s < schools; s++) {
    const county = counties[Math.floor(s / schoolsPerCounty)] as { id: string; path: string };
    const schoolId = newId();
    schoolIds.push(schoolId);
    await db.transaction().execute(async (tx) => {
      await tx
        .insertInto('schools')
        .values({
          id: schoolId,
          region_id: county.id,
          region_path: county.path,
          name: `基准学校${s + 1}`,
          code: null,
          kind: 'primary',
          address: null,
          phone: null,
          version: 1,
          created_at: ts,
          updated_at: ts,
        })
        .execute();
      await tx
        .insertInto('terms')
        .values(
          TERMS.map(([y, sem, start, end]) => ({
            id: newId(),
            school_id: schoolId,
            academic_year: y,
            semester: sem,
            start_date: start,
            end_date: end,
            version: 1,
            created_at: ts,
            updated_at: ts,
          })),
        )
        .execute();
      // Staff: a leader (a login for the first school), 30 teachers who are mentors, 12 of them class teachers.
      const leaderId = await user(tx, s === 0 ? 'bench-leader' : `bl${s}`, `校长${s + 1}`);
      if (s === 0) leader = 'bench-leader';
      const mentors: string[] = [];
      const users = [];
      for (let m = 0; m < 30; m++) {
        const id = newId();
        mentors.push(id);
        users.push({
          id,
          username: `b${s}m${m}`,
          name: `教师${s}-${m}`,
          phone: null,
          password_hash: password,
          active: 1,
          must_change_password: 0,
          failed_logins: 0,
          locked_until: null,
          password_changed_at: ts,
          version: 1,
          created_at: ts,
          updated_at: ts,
        });
      }
      await tx.insertInto('users').values(users).execute();
      const classes: string[] = [];
      const classRows = [];
      for (let k = 0; k < 12; k++) {
        const id = newId();
        classes.push(id);
        classRows.push({
          id,
          school_id: schoolId,
          grade: 1 + (k % 6),
          name: `${1 + (k % 6)}年级${1 + Math.floor(k / 6)}班`,
          head_teacher_id: mentors[k] ?? null,
          pupil_count: 45 + (k % 7),
          active: 1,
          version: 1,
          created_at: ts,
          updated_at: ts,
        });
      }
      await tx.insertInto('classes').values(classRows).execute();
      const roles = [
        {
          id: newId(),
          user_id: leaderId,
          role: 'school_leader',
          scope_kind: 'school',
          scope_id: schoolId,
          school_id: schoolId,
          region_path: county.path,
          created_at: ts,
        },
        ...mentors.map((m) => ({
          id: newId(),
          user_id: m,
          role: 'mentor',
          scope_kind: 'school',
          scope_id: schoolId,
          school_id: schoolId,
          region_path: county.path,
          created_at: ts,
        })),
        ...classes.map((k, i) => ({
          id: newId(),
          user_id: mentors[i] as string,
          role: 'class_teacher',
          scope_kind: 'class',
          scope_id: k,
          school_id: schoolId,
          region_path: county.path,
          created_at: ts,
        })),
      ];
      await tx.insertInto('role_assignments').values(roles).execute();

      const kids = [];
      const pairings = [];
      const recs: Record<string, unknown>[] = [];
      const links: { record_id: string; child_id: string; school_id: string; kind: string; date: string }[] = [];
      const n = Math.min(PER_SCHOOL, children - made);
      for (let i = 0; i < n; i++) {
        const k = i % classes.length;
        const v = demoChild(r, { schoolId, classId: classes[k] as string, grade: 1 + (k % 6), area: '511021', kind: 'primary', year: 2026 }, made + i);
        const id = newId();
        kids.push(app.services.children.newRow(auth, id, v, '2025-08-25T00:00:00.000Z'));
        const mentor = mentors[i % mentors.length] as string;
        pairings.push({
          id: newId(),
          school_id: schoolId,
          child_id: id,
          mentor_id: mentor,
          term_id: null,
          start_date: '2025-09-01',
          end_date: null,
          note: null,
          end_reason: null,
          created_by: null,
          version: 1,
          created_at: ts,
          updated_at: ts,
        });
        // Diligence mix: a third of mentors nearly always, a third mostly, a third half the time.
        const diligence = [0.95, 0.8, 0.5][i % 3] as number;
        const add = (kind: string, date: string) => {
          const rid = newId();
          recs.push(careRecordRow({ id: rid, schoolId, kind, date, authorId: mentor, authorName: null, summary: '基准记录', details: null, ts }));
          links.push({ record_id: rid, child_id: id, school_id: schoolId, kind, date });
        };
        for (const month of MONTHS) {
          const day = () => `${month}-${String(r.int(1, month === '2026-11' ? 19 : 28)).padStart(2, '0')}`;
          if (r.chance(diligence)) add('talk', day());
          if (r.chance(diligence)) add(r.chance(0.8) ? 'family_call' : 'family_letter', day());
        }
        for (const term of ['2025-10', '2026-04', '2026-10']) if (r.chance(diligence)) add('home_visit', `${term}-${String(r.int(1, 28)).padStart(2, '0')}`);
      }
      for (let i = 0; i < kids.length; i += 100)
        await tx
          .insertInto('children')
          .values(kids.slice(i, i + 100) as never)
          .execute();
      for (let i = 0; i < pairings.length; i += 300)
        await tx
          .insertInto('pairings')
          .values(pairings.slice(i, i + 300))
          .execute();
      for (let i = 0; i < recs.length; i += 300)
        await tx
          .insertInto('care_records')
          .values(recs.slice(i, i + 300) as never)
          .execute();
      for (let i = 0; i < links.length; i += 1000)
        await tx
          .insertInto('care_record_children')
          .values(links.slice(i, i + 1000))
          .execute();
      // A monthly discussion meeting with its attendance, and an incident now and then.
      const acts = [];
      const people = [];
      for (const month of MONTHS.slice(-3)) {
        const aid = newId();
        acts.push({
          id: aid,
          school_id: schoolId,
          kind: 'discussion',
          custom_kind: null,
          title: `${month} 留守儿童座谈会`,
          date: `${month}-15`,
          start_time: '15:00',
          end_time: '16:00',
          place: '会议室',
          organiser_id: leaderId,
          organiser_name: null,
          target_scope: 'all',
          target_value: null,
          description: null,
          capacity: null,
          topics: '[]',
          status: 'done',
          outcome: '孩子们畅谈学习和生活',
          minutes: null,
          decisions: null,
          series_id: null,
          created_by: leaderId,
          version: 1,
          created_at: ts,
          updated_at: ts,
        });
        for (const kid of kids.slice(0, 40))
          people.push({
            id: newId(),
            activity_id: aid,
            school_id: schoolId,
            child_id: kid.id,
            name: String((kid as unknown as { name: string }).name),
            person_kind: 'child',
            kind: 'activity.discussion',
            date: `${month}-15`,
            present: 1,
          });
      }
      await tx.insertInto('activities').values(acts).execute();
      for (let i = 0; i < people.length; i += 300)
        await tx
          .insertInto('activity_people')
          .values(people.slice(i, i + 300))
          .execute();
      if (s % 3 === 0 && kids.length) {
        const iid = newId();
        await tx
          .insertInto('incidents')
          .values({
            id: iid,
            school_id: schoolId,
            kind: 'injury',
            severity: 'minor',
            occurred_at: '2026-11-10T02:00:00.000Z',
            place: '操场',
            description: '课间摔倒擦伤',
            immediate_actions: '校医处理',
            answers: '{}',
            situations: '[]',
            mandatory: 0,
            reporter_id: leaderId,
            reporter_name: `校长${s + 1}`,
            status: 'closed',
            closed_at: ts,
            version: 1,
            created_at: ts,
            updated_at: ts,
          })
          .execute();
        await tx
          .insertInto('incident_children')
          .values({
            incident_id: iid,
            child_id: (kids[0] as { id: string }).id,
            school_id: schoolId,
            child_name: String((kids[0] as unknown as { name: string }).name),
          })
          .execute();
      }
      made += n;
      records += recs.length;
      rows += kids.length + pairings.length + recs.length + links.length + users.length + roles.length + people.length + 20;
    });
    if (!opts.quiet) bar(made, children, t0, rows);
  }
  const seconds = (performance.now() - t0) / 1000;
  if (!opts.quiet) process.stdout.write('\n');
  return {
    provinceId: province.id,
    countyIds: counties.map((c) => c.id),
    schoolIds,
    children: made,
    records,
    rows,
    seconds,
    users: { bureau: 'bench-bureau', leader },
  };
}
