import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildClass, buildRegion, buildSchool, buildUser, type Client, type TestApp } from '../../test/index.ts';
import { type County, county } from './reporting.test-helpers.ts';

let app: TestApp | undefined;
afterEach(async () => app?.close());

async function setUp(): Promise<County> {
  const s = await county();
  app = s.app;
  return s;
}

type Sub = { id: string; version: number; status: string };
type Awaiting = {
  id: string;
  level: string;
  schoolId: string;
  schoolName: string;
  classId: string | null;
  className: string | null;
  termId: string;
  termLabel: string;
  status: string;
  submittedBy: string | null;
  submittedAt: string | null;
  canReview: boolean;
};

/** Open a class's roster (or, without a class, the school's) for the term and send it up. */
async function send(c: Client, termId: string, classId?: string): Promise<Sub> {
  const open = (await c.post('/api/roster-submissions', classId ? { termId, classId } : { termId })).json() as Sub;
  const sent = await c.post(`/api/roster-submissions/${open.id}/submit`, { version: open.version });
  expect(sent.statusCode, sent.body).toBe(200);
  return sent.json();
}

async function awaiting(c: Client, query = ''): Promise<Awaiting[]> {
  const res = await c.get(`/api/roster-submissions?review=awaiting${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

/** A term of the school, opened by its leader. */
async function termOf(c: Client, schoolId: string): Promise<string> {
  const res = await c.post('/api/terms', { schoolId, academicYear: '2026-2027', semester: 1, startDate: '2026-09-01', endDate: '2027-01-20' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

/** Ten minutes apart by the submission time, so that "newest first" can be told from the order rows were written in. */
async function sentAt(s: County, id: string, at: string) {
  await s.app.ctx.db.updateTable('roster_submissions').set({ submitted_at: at }).where('id', '=', id).execute();
}

describe('rosters awaiting my review (GET /api/roster-submissions?review=awaiting)', () => {
  it("gives a school's leaders its class rosters sent up, newest first: not drafts, returned or approved ones, nor another school's", async () => {
    const s = await setUp();
    const teacher = await s.app.as(s.teacher.username);
    const k3 = await buildClass(s.app, { schoolId: s.school.id, grade: 6 });
    const k4 = await buildClass(s.app, { schoolId: s.school.id, grade: 6 });
    await buildChild(s.app, { schoolId: s.school.id, classId: k3.id });
    const older = await send(teacher, s.term.id, s.klass.id);
    const newer = await send(s.leader, s.term.id, k3.id);
    await sentAt(s, older.id, '2026-11-20T01:00:00.000Z');
    await sentAt(s, newer.id, '2026-11-20T01:10:00.000Z');
    // Returned, approved and a draft: not awaiting anyone.
    const returned = await send(s.leader, s.term.id, s.k2.id);
    expect((await s.leader.post(`/api/roster-submissions/${returned.id}/return`, { comment: '缺监护人电话', version: returned.version })).statusCode).toBe(200);
    const again = (await s.leader.post('/api/roster-submissions', { termId: s.term.id, classId: s.k2.id })).json() as Sub;
    expect(again.status).toBe('returned');
    const approved = await send(s.leader, s.term.id, k4.id);
    expect((await s.leader.post(`/api/roster-submissions/${approved.id}/approve`, { version: approved.version })).statusCode).toBe(200);
    // Another school of the county sends a class roster to its own leader.
    const otherClass = await buildClass(s.app, { schoolId: s.other.id });
    await buildChild(s.app, { schoolId: s.other.id, classId: otherClass.id });
    const other = await s.app.as(s.otherLeader.username);
    const otherTerm = await termOf(other, s.other.id);
    const elsewhere = await send(other, otherTerm, otherClass.id);

    const mine = await awaiting(s.leader);
    expect(mine.map((x) => x.id)).toEqual([newer.id, older.id]);
    expect(mine[1]).toMatchObject({
      level: 'class',
      schoolId: s.school.id,
      schoolName: s.school.name,
      classId: s.klass.id,
      className: s.klass.name,
      termId: s.term.id,
      termLabel: '2026-2027 第一学期（秋季）',
      status: 'submitted',
      submittedBy: `测试${s.teacher.username}`,
      submittedAt: '2026-11-20T01:00:00.000Z',
      canReview: true,
    });
    // The moral-education office reviews alongside the leader; the other school's leader sees its own only.
    const moral = await s.app.as((await buildUser(s.app, 'moral_education', s.school.id)).username);
    expect((await awaiting(moral)).map((x) => x.id)).toEqual([newer.id, older.id]);
    expect((await awaiting(other)).map((x) => x.id)).toEqual([elsewhere.id]);
    // It narrows the list's other filters as it narrows the whole.
    expect((await awaiting(s.leader, `&schoolId=${s.school.id}&level=class`)).map((x) => x.id)).toEqual([newer.id, older.id]);
    expect(await awaiting(s.leader, '&level=school')).toEqual([]);
    // A counsellor reads the school's rosters but reviews none.
    const counsellor = await s.app.as((await buildUser(s.app, 'counsellor', s.school.id)).username);
    expect((await counsellor.get(`/api/roster-submissions?schoolId=${s.school.id}`)).json().items.length).toBeGreaterThan(0);
    expect(await awaiting(counsellor)).toEqual([]);
    // Once reviewed, it awaits no longer.
    expect((await s.leader.post(`/api/roster-submissions/${newer.id}/approve`, { version: newer.version })).statusCode).toBe(200);
    expect((await awaiting(s.leader)).map((x) => x.id)).toEqual([older.id]);
  });

  it("gives the bureau the school rosters sent up by its region's schools, not their class rosters nor those of another region", async () => {
    const s = await setUp();
    const bureau = await s.app.as(s.bureau.username);
    const teacher = await s.app.as(s.teacher.username);
    // A class roster awaiting the school's leader: not the bureau's to review.
    const klass = await send(teacher, s.term.id, s.klass.id);
    expect(await awaiting(bureau)).toEqual([]);
    // School A sends its roster once its classes are approved; school B (no classes with children) at once.
    expect((await s.leader.post(`/api/roster-submissions/${klass.id}/approve`, { version: klass.version })).statusCode).toBe(200);
    const k2 = await send(s.leader, s.term.id, s.k2.id);
    expect((await s.leader.post(`/api/roster-submissions/${k2.id}/approve`, { version: k2.version })).statusCode).toBe(200);
    const schoolA = await send(s.leader, s.term.id);
    const other = await s.app.as(s.otherLeader.username);
    const schoolB = await send(other, await termOf(other, s.other.id));
    await sentAt(s, schoolA.id, '2026-11-20T01:30:00.000Z');
    await sentAt(s, schoolB.id, '2026-11-20T01:00:00.000Z');
    // A school of another county sends its roster to its own bureau.
    const county2 = await buildRegion(s.app, { level: 'county' });
    const far = await buildSchool(s.app, { regionId: county2.id });
    const farLeader = await s.app.as((await buildUser(s.app, 'school_leader', far.id)).username);
    const farRoster = await send(farLeader, await termOf(farLeader, far.id));
    const farBureau = await s.app.as((await buildUser(s.app, 'bureau_officer', county2.id)).username);

    const items = await awaiting(bureau);
    expect(items.map((x) => x.id)).toEqual([schoolA.id, schoolB.id]);
    expect(items[0]).toMatchObject({ level: 'school', schoolId: s.school.id, schoolName: s.school.name, classId: null, className: null, canReview: true });
    expect((await awaiting(farBureau)).map((x) => x.id)).toEqual([farRoster.id]);
    // A school does not review its own roster: nothing awaits its leader now.
    expect(await awaiting(s.leader)).toEqual([]);
    // An administrator may act for any bureau.
    const admin = await s.app.as((await buildUser(s.app, 'system_admin', null)).username);
    expect((await awaiting(admin)).map((x) => x.id)).toEqual([farRoster.id, schoolA.id, schoolB.id]);
  });

  it('gives a class teacher an empty list, even with its own roster sent up', async () => {
    const s = await setUp();
    const teacher = await s.app.as(s.teacher.username);
    await send(teacher, s.term.id, s.klass.id);
    expect((await teacher.get(`/api/roster-submissions?schoolId=${s.school.id}`)).json().items).toHaveLength(1);
    expect(await awaiting(teacher)).toEqual([]);
  });

  it('answers another value of review with a 400 naming the field in the reader’s language', async () => {
    const s = await setUp();
    for (const [lang, label] of [
      ['zh-CN', '审核情况'],
      ['en-US', 'Review'],
    ] as const) {
      const res = await s.leader.get('/api/roster-submissions?review=all', { 'accept-language': lang });
      expect(res.statusCode).toBe(400);
      const body = res.json() as { error: string; message: string; fields: { path: string; message: string }[] };
      expect(body.fields.map((f) => f.path)).toEqual(['review']);
      expect(body.message).toContain(label);
    }
  });
});
