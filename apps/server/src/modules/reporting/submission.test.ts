import { newId } from '@carebridge/db';
import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildClass, buildRegion, buildUser, type Client, type TestApp } from '../../test/index.ts';
import { type County, county } from './reporting.test-helpers.ts';

let app: TestApp | undefined;
afterEach(async () => app?.close());

async function setUp(): Promise<County> {
  const s = await county();
  app = s.app;
  return s;
}

type Sub = {
  id: string;
  version: number;
  status: string;
  children: number;
  summary: Record<string, number>;
  rows: { name: string; className: string | null; guardianPhone?: string }[];
};

/** Open, submit and approve a class's roster as the leader. */
async function approveClass(c: Client, termId: string, classId: string): Promise<Sub> {
  const open = (await c.post('/api/roster-submissions', { termId, classId })).json() as Sub;
  const sent = (await c.post(`/api/roster-submissions/${open.id}/submit`, { version: open.version })).json() as Sub;
  const ok = await c.post(`/api/roster-submissions/${open.id}/approve`, { version: sent.version });
  expect(ok.statusCode).toBe(200);
  return ok.json();
}

describe('roster submission', () => {
  it('class teacher submits, leader returns then approves, the school submits a frozen snapshot to the bureau', async () => {
    const s = await setUp();
    const term = s.term;
    const t = await s.app.as(s.teacher.username);
    const draft = await t.post('/api/roster-submissions', { termId: term.id, classId: s.klass.id });
    expect(draft.statusCode).toBe(201);
    expect((await t.post('/api/roster-submissions', { termId: term.id, classId: s.k2.id })).statusCode).toBe(403);
    const sub = await t.post(`/api/roster-submissions/${draft.json().id}/submit`, { version: draft.json().version });
    expect(sub.json()).toMatchObject({ status: 'submitted', children: 2, canSubmit: false });
    expect(
      sub
        .json()
        .rows.map((r: { name: string }) => r.name)
        .sort(),
    ).toEqual(['李明', '陈小雨']);
    // The leader returns it with a comment; the teacher sees the comment and resubmits.
    expect((await s.leader.post(`/api/roster-submissions/${draft.json().id}/return`, { version: sub.json().version })).statusCode).toBe(422);
    const ret = await s.leader.post(`/api/roster-submissions/${draft.json().id}/return`, { comment: '李明的监护人电话缺失', version: sub.json().version });
    expect((await t.get(`/api/roster-submissions/${draft.json().id}`)).json()).toMatchObject({
      status: 'returned',
      comment: '李明的监护人电话缺失',
      canSubmit: true,
    });
    const again = await t.post(`/api/roster-submissions/${draft.json().id}/submit`, { version: ret.json().version });
    await s.leader.post(`/api/roster-submissions/${draft.json().id}/approve`, { version: again.json().version });
    // The school cannot submit until every class with children is approved.
    const school = (await s.leader.post('/api/roster-submissions', { termId: term.id })).json();
    const early = await s.leader.post(`/api/roster-submissions/${school.id}/submit`, { version: school.version });
    expect(early.statusCode).toBe(422);
    expect(early.json().message).toContain(s.k2.name);
    await approveClass(s.leader, term.id, s.k2.id);
    const sent = (await s.leader.post(`/api/roster-submissions/${school.id}/submit`, { version: school.version })).json();
    // Both classes' children and the pupil without a class.
    expect(sent).toMatchObject({ status: 'submitted', children: 5 });
    // Frozen: a child added later does not change the submitted roster.
    await buildChild(s.app, { schoolId: s.school.id, classId: s.klass.id, name: '后来者' });
    expect((await s.leader.get(`/api/roster-submissions/${school.id}`)).json().children).toBe(5);
    // The school cannot approve its own submission; the bureau does, and sees it in its table.
    expect((await s.leader.post(`/api/roster-submissions/${school.id}/approve`, { version: sent.version })).statusCode).toBe(403);
    const b = await s.app.as(s.bureau.username);
    expect((await b.get(`/api/roster-submissions?regionId=${s.county.id}&level=school`)).json().items).toHaveLength(1);
    expect((await b.post(`/api/roster-submissions/${school.id}/approve`, { version: sent.version })).json().status).toBe('approved');
    const st = (await b.get(`/api/stats?regionId=${s.county.id}&from=2026-11-01&to=2026-11-30`)).json();
    expect(st.schools.find((x: { schoolId: string }) => x.schoolId === s.school.id).roster).toBe('approved');
    const o = await s.app.as(s.otherLeader.username);
    expect((await o.get(`/api/roster-submissions/${school.id}`)).statusCode).toBe(404);
    // A counsellor and the bureau read the school's roster as a list, ID numbers masked (submission-privacy.test.ts); each view of the rows is audited.
    const counsellor = await buildUser(s.app, 'counsellor', s.school.id);
    const rows = (await (await s.app.as(counsellor.username)).get(`/api/roster-submissions/${school.id}`)).json().rows;
    expect(rows.every((r: { idNumber: string | null }) => !r.idNumber || r.idNumber.includes('*'))).toBe(true);
    const listed = (await b.get(`/api/roster-submissions/${school.id}`)).json().rows;
    expect(listed.every((r: { idNumber: string | null }) => !r.idNumber || r.idNumber.includes('*'))).toBe(true);
    const views = await s.app.ctx.db
      .selectFrom('audit_log')
      .select('user_id')
      .where('action', '=', 'roster.view_snapshot')
      .where('entity_id', '=', school.id)
      .execute();
    expect(views.length).toBeGreaterThanOrEqual(2);
  });

  it('the school roster is made of the approved class rosters: a change after a class was approved does not reach the bureau', async () => {
    const s = await setUp();
    await approveClass(s.leader, s.term.id, s.klass.id);
    await approveClass(s.leader, s.term.id, s.k2.id);
    // After approval: a child renamed, one moved into an approved class, one new in a class.
    const db = s.app.ctx.db;
    await db
      .updateTable('children')
      .set({ name: '陈小雨改', guardian_phone: '13900000000' })
      .where('id', '=', s.kids[0]?.id as string)
      .execute();
    await db
      .updateTable('children')
      .set({ class_id: s.klass.id })
      .where('id', '=', s.kids[2]?.id as string)
      .execute();
    await buildChild(s.app, { schoolId: s.school.id, classId: s.k2.id, name: '批后新增' });
    const school = (await s.leader.post('/api/roster-submissions', { termId: s.term.id })).json();
    const sent = (await s.leader.post(`/api/roster-submissions/${school.id}/submit`, { version: school.version })).json() as Sub;
    expect(sent.status).toBe('submitted');
    const names = sent.rows.map((r) => r.name);
    expect(names).toContain('陈小雨');
    expect(names).not.toContain('陈小雨改');
    expect(names).not.toContain('批后新增');
    // 王芳 once, in the class that approved her; the pupil without a class from the archive.
    expect(names.filter((n) => n === '王芳')).toHaveLength(1);
    expect(sent.rows.find((r) => r.name === '王芳')?.className).toBe(s.k2.name);
    expect(sent.rows.find((r) => r.name === '周子涵')?.className).toBeNull();
    expect(sent.children).toBe(5);
    // Grades in order: the first class (grade 3) before the second (grade 5), then the unclassed.
    expect(names.indexOf('李明')).toBeLessThan(names.indexOf('王芳'));
    expect(names[names.length - 1]).toBe('周子涵');
    // The summary by age band is that of the rows sent: the narrow definition leaves out 王芳 (her mother is home).
    expect(sent.summary).toMatchObject({ narrow: 4, '6-13': 3, '14-16': 1 });
  });

  it('the bureau returns a school roster with a comment; the school sees it, fixes and resubmits', async () => {
    const s = await setUp();
    await approveClass(s.leader, s.term.id, s.klass.id);
    await approveClass(s.leader, s.term.id, s.k2.id);
    const school = (await s.leader.post('/api/roster-submissions', { termId: s.term.id })).json();
    const sent = (await s.leader.post(`/api/roster-submissions/${school.id}/submit`, { version: school.version })).json();
    const b = await s.app.as(s.bureau.username);
    expect((await b.get(`/api/roster-submissions/${school.id}`)).json()).toMatchObject({ status: 'submitted', canReview: true });
    expect((await b.post(`/api/roster-submissions/${school.id}/return`, { version: sent.version })).statusCode).toBe(422);
    const ret = await b.post(`/api/roster-submissions/${school.id}/return`, { comment: '周子涵未分班，请核实', version: sent.version });
    expect(ret.statusCode).toBe(200);
    expect(ret.json()).toMatchObject({ status: 'returned', comment: '周子涵未分班，请核实', reviewedBy: expect.stringContaining('bureau') });
    expect((await s.leader.get(`/api/roster-submissions/${school.id}`)).json()).toMatchObject({
      status: 'returned',
      comment: '周子涵未分班，请核实',
      canSubmit: true,
      canReview: false,
    });
    const listed = (await s.leader.get(`/api/roster-submissions?schoolId=${s.school.id}&level=school`)).json().items;
    expect(listed[0]).toMatchObject({ status: 'returned', comment: '周子涵未分班，请核实' });
    // A stale version is refused; the current one goes up again and the comment is cleared.
    expect((await s.leader.post(`/api/roster-submissions/${school.id}/submit`, { version: sent.version })).statusCode).toBe(409);
    const resent = await s.leader.post(`/api/roster-submissions/${school.id}/submit`, { version: ret.json().version });
    expect(resent.json()).toMatchObject({ status: 'submitted', comment: null });
    const audit = await s.app.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', school.id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['roster.submit', 'roster.return']));
  });

  it('tells the school which classes its roster still waits for, and refuses to send it up before they are approved', async () => {
    const s = await setUp();
    // A class without children has nothing to report, and is not waited for.
    const empty = await buildClass(s.app, { schoolId: s.school.id, grade: 6 });
    const url = `/api/roster-submissions/pending?schoolId=${s.school.id}&termId=${s.term.id}`;
    const pending = async () => ((await s.leader.get(url)).json() as { classes: { id: string; name: string }[] }).classes.map((k) => k.id);
    expect(await pending()).toEqual([s.klass.id, s.k2.id]);
    expect(await pending()).not.toContain(empty.id);
    // Submitting now is refused, naming the classes in the reader's language; no roster is sent.
    const school = (await s.leader.post('/api/roster-submissions', { termId: s.term.id })).json() as Sub;
    const early = await s.leader.post(`/api/roster-submissions/${school.id}/submit`, { version: school.version }, { 'accept-language': 'en-US' });
    expect(early.statusCode).toBe(422);
    expect(early.json()).toMatchObject({ error: 'submission_classes_pending' });
    expect(early.json().message).toContain(`${s.klass.name}, ${s.k2.name}`);
    expect((await s.leader.get(`/api/roster-submissions/${school.id}`)).json()).toMatchObject({ status: 'draft', version: school.version });
    await approveClass(s.leader, s.term.id, s.klass.id);
    expect(await pending()).toEqual([s.k2.id]);
    await approveClass(s.leader, s.term.id, s.k2.id);
    expect(await pending()).toEqual([]);
    expect((await s.leader.post(`/api/roster-submissions/${school.id}/submit`, { version: school.version })).json().status).toBe('submitted');
    // Another school's leader learns nothing of it; a term of another school is no term of this one.
    expect((await (await s.app.as(s.otherLeader.username)).get(url)).statusCode).toBe(404);
    const otherTerm = (
      await (
        await s.app.as(s.otherLeader.username)
      ).post('/api/terms', {
        schoolId: s.other.id,
        academicYear: '2026-2027',
        semester: 1,
        startDate: '2026-09-01',
        endDate: '2027-01-20',
      })
    ).json() as { id: string };
    expect((await s.leader.get(`/api/roster-submissions/pending?schoolId=${s.school.id}&termId=${otherTerm.id}`)).statusCode).toBe(404);
  });

  it('names and snapshots the classes in the order a school lists them (2班 before 10班)', async () => {
    const s = await setUp();
    const ten = await buildClass(s.app, { schoolId: s.school.id, grade: 1, name: '一年级10班' });
    const two = await buildClass(s.app, { schoolId: s.school.id, grade: 1, name: '一年级2班' });
    for (const k of [ten, two]) await buildChild(s.app, { schoolId: s.school.id, classId: k.id });
    const url = `/api/roster-submissions/pending?schoolId=${s.school.id}&termId=${s.term.id}`;
    const names = ((await s.leader.get(url)).json() as { classes: { name: string }[] }).classes.map((k) => k.name);
    expect(names.indexOf('一年级2班')).toBeLessThan(names.indexOf('一年级10班'));
    // The school's roster lists the children class by class in the same order.
    for (const k of [s.klass, s.k2, ten, two]) await approveClass(s.leader, s.term.id, k.id);
    const school = (await s.leader.post('/api/roster-submissions', { termId: s.term.id })).json() as Sub;
    const sent = (await s.leader.post(`/api/roster-submissions/${school.id}/submit`, { version: school.version })).json() as Sub;
    const classes = [...new Set(sent.rows.map((r) => r.className))];
    expect(classes.indexOf('一年级2班')).toBeLessThan(classes.indexOf('一年级10班'));
  });

  it("scopes: nobody lists or reads another school's or county's submissions", async () => {
    const s = await setUp();
    await approveClass(s.leader, s.term.id, s.klass.id);
    expect((await s.leader.get(`/api/roster-submissions?schoolId=${s.other.id}`)).statusCode).toBe(404);
    expect((await s.leader.get(`/api/roster-submissions?regionId=${s.county.id}`)).statusCode).toBe(404);
    expect((await s.leader.get(`/api/roster-submissions?schoolId=${s.school.id}`)).json().items).toHaveLength(1);
    const t = await s.app.as(s.teacher.username);
    expect((await t.get(`/api/roster-submissions?schoolId=${s.school.id}&level=class`)).statusCode).toBe(200);
    const elsewhere = await buildRegion(s.app, { level: 'county' });
    const stranger = await s.app.as((await buildUser(s.app, 'bureau_officer', elsewhere.id)).username);
    expect((await stranger.get(`/api/roster-submissions?regionId=${s.county.id}`)).statusCode).toBe(404);
    expect((await stranger.get(`/api/roster-submissions?schoolId=${s.school.id}`)).statusCode).toBe(404);
    const sub = (await s.leader.get(`/api/roster-submissions?schoolId=${s.school.id}`)).json().items[0];
    expect((await stranger.get(`/api/roster-submissions/${sub.id}`)).statusCode).toBe(404);
    expect((await stranger.post(`/api/roster-submissions/${sub.id}/return`, { comment: '不行', version: sub.version })).statusCode).toBe(404);
  });

  it("lists the caller's own submissions even when 500 newer ones of other schools were sent", async () => {
    const s = await setUp();
    const mine = await approveClass(s.leader, s.term.id, s.klass.id);
    const later = '2026-11-21T00:00:00.000Z';
    const rows = Array.from({ length: 501 }, () => ({
      id: newId(),
      level: 'school',
      school_id: s.other.id,
      class_id: null,
      term_id: s.term.id,
      status: 'submitted',
      children: 0,
      version: 1,
      created_at: later,
      updated_at: later,
    }));
    await s.app.ctx.db.insertInto('roster_submissions').values(rows).execute();
    const ids = async (c: Client, qs = '') => (await c.get(`/api/roster-submissions${qs}`)).json().items.map((i: { id: string }) => i.id);
    expect(await ids(s.leader)).toEqual([mine.id]);
    expect(await ids(await s.app.as(s.teacher.username))).toEqual([mine.id]);
    expect(await ids(await s.app.as(s.otherLeader.username))).toHaveLength(500);
  });

  it('counts ages on the first day of the term, as the official form of the term does, and says so', async () => {
    const s = await setUp();
    // Five on the term's first day (7 September), six by the day the roster is sent (20 November).
    await buildChild(s.app, { schoolId: s.school.id, classId: s.klass.id, name: '唐家豪', gender: 'male', birthDate: '2020-09-10' });
    const open = (await s.leader.post('/api/roster-submissions', { termId: s.term.id, classId: s.klass.id })).json() as Sub & { ageOn: string };
    expect(open.ageOn).toBe('2026-09-07');
    const sent = (await s.leader.post(`/api/roster-submissions/${open.id}/submit`, { version: open.version })).json() as Sub & { ageOn: string };
    const official = await s.leader.get(`/api/rosters/export.xlsx?schoolId=${s.school.id}&classId=${s.klass.id}&termId=${s.term.id}&layout=official`);
    expect(official.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(official.rawPayload as unknown as ArrayBuffer);
    // 汇总表: row 3 the heads (单位, 合计, 0-5 …), row 4 the unit's counts.
    const sheet = wb.getWorksheet('汇总表');
    expect(String(sheet?.getCell(2, 1).value)).toContain('年龄按 2026-09-07 计算');
    expect(String(sheet?.getRow(3).getCell(3).value)).toMatch(/^0/);
    const young = Number(sheet?.getRow(4).getCell(3).value);
    expect(sent.summary['0-5']).toBe(young);
    expect(young).toBeGreaterThanOrEqual(1);
    expect(sent.ageOn).toBe('2026-09-07');
  });
});
