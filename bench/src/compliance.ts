/**
 * Compliance benchmark: the engine over a school-month and a county-year on a generated county
 * (default 20,000 children, a school year of care records), against one hand-written SQL anti-join
 * answering "children with no talk this month". Prints milliseconds; not part of `npm test`.
 *
 *   npm run bench:compliance -w bench                     # SQLite, 20,000 children
 *   CHILDREN=5000 npm run bench:compliance -w bench
 *   DATABASE_URL=postgres://… npm run bench:compliance -w bench
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId } from '@carebridge/db';
import { sql } from 'kysely';
import { systemAuth } from '../../apps/server/src/access/auth.ts';
import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { demoChild, rng } from '../../apps/server/src/modules/setup/demo-children.ts';
import { careRecordRow } from './record-row.ts';

const CHILDREN = Number(process.env.CHILDREN ?? 20_000);
const PER_SCHOOL = 330;
const TODAY = new Date('2026-11-20T02:00:00Z');

const dir = mkdtempSync(join(tmpdir(), 'carebridge-bench-'));
const url = process.env.DATABASE_URL ?? `file:${join(dir, 'bench.db')}`;
const app = await buildApp({
  config: loadConfig({ ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent', NOTIFY_INTERVAL_MINUTES: '0' }),
  logger: false,
  clock: () => TODAY,
});
const time = async <T>(label: string, fn: () => Promise<T>): Promise<{ label: string; ms: number; value: T }> => {
  const t0 = performance.now();
  const value = await fn();
  return { label, ms: Math.round(performance.now() - t0), value };
};

try {
  const { db } = app.ctx;
  const ts = TODAY.toISOString();
  const r = rng(7);
  const t0 = performance.now();
  const county = { id: newId(), path: '' };
  county.path = `/${county.id}/`;
  await db
    .insertInto('regions')
    .values({ id: county.id, parent_id: null, level: 'county', name: '基准县', code: null, path: county.path, version: 1, created_at: ts, updated_at: ts })
    .execute();
  const schools = Math.ceil(CHILDREN / PER_SCHOOL);
  let made = 0;
  let records = 0;
  const auth = systemAuth('bench');
  for (let s = 0; s < schools; s++) {
    const schoolId = newId();
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
      for (const [y, sem, start, end] of [
        ['2025-2026', 2, '2026-02-24', '2026-07-10'],
        ['2026-2027', 1, '2026-09-01', '2027-01-22'],
        ['2025-2026', 1, '2025-09-01', '2026-01-20'],
      ] as const)
        await tx
          .insertInto('terms')
          .values({
            id: newId(),
            school_id: schoolId,
            academic_year: y,
            semester: sem,
            start_date: start,
            end_date: end,
            version: 1,
            created_at: ts,
            updated_at: ts,
          })
          .execute();
      const mentors: string[] = [];
      for (let m = 0; m < 30; m++) {
        const id = newId();
        mentors.push(id);
        await tx
          .insertInto('users')
          .values({
            id,
            username: `b${s}m${m}`,
            name: `教师${s}-${m}`,
            phone: null,
            password_hash: 'x',
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
      }
      const classes: string[] = [];
      for (let k = 0; k < 12; k++) {
        const id = newId();
        classes.push(id);
        await tx
          .insertInto('classes')
          .values({
            id,
            school_id: schoolId,
            grade: 1 + (k % 6),
            name: `${1 + (k % 6)}年级${1 + Math.floor(k / 6)}班`,
            head_teacher_id: mentors[k] ?? null,
            pupil_count: 45,
            active: 1,
            version: 1,
            created_at: ts,
            updated_at: ts,
          })
          .execute();
      }
      const rows = [];
      const pairings = [];
      const recs = [];
      const links = [];
      const n = Math.min(PER_SCHOOL, CHILDREN - made);
      for (let i = 0; i < n; i++) {
        const k = i % classes.length;
        const v = demoChild(r, { schoolId, classId: classes[k] as string, grade: 1 + (k % 6), area: '511021', kind: 'primary', year: 2026 }, made + i);
        const id = newId();
        rows.push({ ...app.services.children.newRow(auth, id, v, '2025-08-25T00:00:00.000Z') });
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
        const diligence = [0.95, 0.8, 0.5][i % 3] as number;
        for (const month of [
          '2025-09',
          '2025-10',
          '2025-11',
          '2025-12',
          '2026-01',
          '2026-03',
          '2026-04',
          '2026-05',
          '2026-06',
          '2026-09',
          '2026-10',
          '2026-11',
        ]) {
          for (const kind of ['talk', 'family_call'] as const) {
            if (!r.chance(diligence)) continue;
            const date = `${month}-${String(r.int(1, month === '2026-11' ? 19 : 28)).padStart(2, '0')}`;
            const rid = newId();
            recs.push(careRecordRow({ id: rid, schoolId, kind, date, authorId: mentor, authorName: null, summary: '基准记录', details: null, ts }));
            links.push({ record_id: rid, child_id: id, school_id: schoolId, kind, date });
          }
        }
      }
      for (let i = 0; i < rows.length; i += 100)
        await tx
          .insertInto('children')
          .values(rows.slice(i, i + 100) as never)
          .execute();
      for (let i = 0; i < pairings.length; i += 300)
        await tx
          .insertInto('pairings')
          .values(pairings.slice(i, i + 300))
          .execute();
      for (let i = 0; i < recs.length; i += 300)
        await tx
          .insertInto('care_records')
          .values(recs.slice(i, i + 300))
          .execute();
      for (let i = 0; i < links.length; i += 1000)
        await tx
          .insertInto('care_record_children')
          .values(links.slice(i, i + 1000))
          .execute();
      made += n;
      records += recs.length;
    });
    process.stdout.write(`\rgenerating: ${made}/${CHILDREN} children, ${records} records`);
  }
  const genSeconds = (performance.now() - t0) / 1000;
  console.log(`\ngenerated ${made} children and ${records} care records in ${genSeconds.toFixed(1)} s (${Math.round((made + records) / genSeconds)} rows/s)`);
  const firstSchool = await db.selectFrom('schools').select('id').where('region_id', '=', county.id).orderBy('name').executeTakeFirstOrThrow();

  const results = [];
  // Warm-up so that the first measurement does not pay for module loading.
  await app.services.compliance.compliance(auth, { schoolId: firstSchool.id, period: '2026-11' }, 'zh-CN');
  results.push(
    await time('school-month compliance (engine)', () => app.services.compliance.compliance(auth, { schoolId: firstSchool.id, period: '2026-11' }, 'zh-CN')),
  );
  results.push(
    await time('school-month due items, open (engine)', () =>
      app.services.compliance.dueItems(auth, { schoolId: firstSchool.id, from: '2026-11-01', to: '2026-11-30', status: 'open', limit: 5000 }, 'zh-CN'),
    ),
  );
  results.push(
    await time('county-month compliance (engine)', () => app.services.compliance.compliance(auth, { regionId: county.id, period: '2026-11' }, 'zh-CN')),
  );
  results.push(
    await time('county-year compliance (engine)', () =>
      app.services.compliance.compliance(auth, { regionId: county.id, period: '2025-12-01..2026-11-30' }, 'zh-CN'),
    ),
  );
  results.push(
    await time('baseline: SQL anti-join, county children with no talk this month', async () =>
      db
        .selectFrom('children as c')
        .select(sql<number>`count(*)`.as('n'))
        .where('c.status', '=', 'active')
        .where(
          sql<boolean>`not exists (select 1 from care_record_children l where l.child_id = c.id and l.kind = 'talk' and l.date between '2026-11-01' and '2026-11-30')`,
        )
        .executeTakeFirstOrThrow(),
    ),
  );
  const county12 = results[3]?.value as { overall: { total: number; rate: number | null } };
  console.log(`\n${app.ctx.dialect}, ${made} children, ${records} records`);
  console.table(results.map((x) => ({ scenario: x.label, ms: x.ms })));
  console.log(`county-year: ${county12.overall.total} due items judged, rate ${county12.overall.rate}`);
} finally {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}
