import JSZip from 'jszip';
import { expect } from 'vitest';
import { buildChild, buildClass, buildSchool, buildSchoolWithStaff, buildTestApp, buildUser, type Client, type TestApp } from '../../test/index.ts';

export const clock = () => new Date('2026-11-20T02:00:00Z');

/**
 * A county with two schools. School A has a term from 7 September (after the calendar's 1 September),
 * two classes, children of several kinds (custody, boarding, a child without a class, one who left),
 * talks, a family call, home visits, an activity and an incident; school B one child. Children
 * arrived at the start of the school year.
 */
export async function county() {
  const app: TestApp = await buildTestApp({ clock });
  const s = await buildSchoolWithStaff(app);
  const other = await buildSchool(app, { regionId: s.county.id });
  const otherLeader = await buildUser(app, 'school_leader', other.id);
  await app.ctx.db.updateTable('classes').set({ pupil_count: 40 }).where('id', '=', s.klass.id).execute();
  const k2 = await buildClass(app, { schoolId: s.school.id, grade: 5 });
  await app.ctx.db.updateTable('classes').set({ pupil_count: 35 }).where('id', '=', k2.id).execute();
  const leader = await app.as(s.leader.username);
  const term = (
    await leader.post('/api/terms', { schoolId: s.school.id, academicYear: '2026-2027', semester: 1, startDate: '2026-09-07', endDate: '2027-01-20' })
  ).json() as { id: string };
  const kids = [
    await buildChild(app, {
      schoolId: s.school.id,
      classId: s.klass.id,
      name: '陈小雨',
      gender: 'female',
      birthDate: '2018-03-01',
      custodyQuality: 'good',
    }),
    await buildChild(app, {
      schoolId: s.school.id,
      classId: s.klass.id,
      name: '李明',
      gender: 'male',
      birthDate: '2017-06-01',
      keySupport: true,
      keySupportReason: '父母离异',
      custodyQuality: 'guardian_insufficient',
    }),
    await buildChild(app, { schoolId: s.school.id, classId: k2.id, name: '王芳', gender: 'female', birthDate: '2014-01-10', motherStatus: 'home' }),
    await buildChild(app, {
      schoolId: s.school.id,
      classId: k2.id,
      name: '赵强',
      gender: 'male',
      birthDate: '2013-09-09',
      boarding: 'boarding',
      custodyQuality: 'fair',
    }),
  ];
  const unclassed = await buildChild(app, { schoolId: s.school.id, classId: null, name: '周子涵', gender: 'female', birthDate: '2011-05-05', boarding: 'day' });
  const left = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '吴离校', gender: 'male', birthDate: '2016-02-02' });
  const outside = await buildChild(app, { schoolId: other.id, name: '外校儿童' });
  await app.ctx.db.updateTable('children').set({ entered_on: '2026-09-01' }).execute();
  for (const c of kids.slice(0, 3))
    await leader.post('/api/care-records', { kind: 'talk', childIds: [c.id], date: '2026-11-10', summary: '谈心', details: {} });
  await leader.post('/api/care-records', { kind: 'talk', childIds: [left.id], date: '2026-10-12', summary: '谈心', details: {} });
  await leader.post('/api/care-records', { kind: 'family_call', childIds: [kids[0]?.id], date: '2026-10-05', summary: '视频', details: {} });
  // A home visit before the school's term began (inside the calendar's term), and one in it.
  await leader.post('/api/care-records', { kind: 'home_visit', childIds: [kids[1]?.id], date: '2026-09-03', summary: '开学前家访', details: {} });
  await leader.post('/api/care-records', {
    kind: 'home_visit',
    childIds: [kids[2]?.id],
    date: '2026-10-20',
    summary: '家访',
    details: { guardianCapacity: 'weak' },
    followUpNeeded: true,
  });
  // The pupil who left in October is no longer active.
  await app.ctx.db.updateTable('children').set({ status: 'left', updated_at: '2026-10-25T08:00:00.000Z' }).where('id', '=', left.id).execute();
  const inc = await leader.post('/api/incidents', {
    childIds: [kids[3]?.id],
    kind: 'bullying',
    severity: 'moderate',
    occurredAt: '2026-11-12T02:00:00.000Z',
    description: '赵强在操场被高年级学生推搡',
  });
  expect(inc.statusCode).toBe(201);
  return { ...s, app, other, otherLeader, k2, leaderUser: s.leader, leader, kids, unclassed, left, outside, term };
}
export type County = Awaited<ReturnType<typeof county>>;

/** The text of the Word file's body. */
export async function docXml(c: Client, id: string): Promise<string> {
  const res = await c.get(`/api/briefings/${id}.docx`);
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('wordprocessingml');
  const zip = await JSZip.loadAsync(res.rawPayload);
  return (await zip.file('word/document.xml')?.async('string')) ?? '';
}

/** The rows of the first table of a Word body, as the text of each cell. */
export function firstTable(xml: string): string[][] {
  const table = /<w:tbl>([\s\S]*?)<\/w:tbl>/.exec(xml)?.[1] ?? '';
  const text = (s: string) => [...s.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  return [...table.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((row) => [...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((cell) => text(cell[0])));
}

/** All the visible text of a Word body. */
export const docText = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
