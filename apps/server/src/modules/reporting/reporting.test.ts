import JSZip from 'jszip';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildClass, buildSchool, buildSchoolWithStaff, buildTestApp, buildUser, type Client, type TestApp } from '../../test/index.ts';
import { multipart, readXlsx } from '../rosters/roster.test-helpers.ts';

let app: TestApp;
afterEach(async () => app?.close());
const clock = () => new Date('2026-11-20T02:00:00Z');

/** A county with two schools; school A has children of several kinds, care records, an activity and an incident. */
async function county() {
  app = await buildTestApp({ clock });
  const s = await buildSchoolWithStaff(app);
  const other = await buildSchool(app, { regionId: s.county.id });
  const otherLeader = await buildUser(app, 'school_leader', other.id);
  await app.ctx.db.updateTable('classes').set({ pupil_count: 40 }).where('id', '=', s.klass.id).execute();
  const k2 = await buildClass(app, { schoolId: s.school.id, grade: 5 });
  await app.ctx.db.updateTable('classes').set({ pupil_count: 35 }).where('id', '=', k2.id).execute();
  const leader = await app.as(s.leader.username);
  const kids = [
    await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '陈小雨', gender: 'female', birthDate: '2018-03-01' }),
    await buildChild(app, {
      schoolId: s.school.id,
      classId: s.klass.id,
      name: '李明',
      gender: 'male',
      birthDate: '2017-06-01',
      keySupport: true,
      keySupportReason: '父母离异',
    }),
    await buildChild(app, { schoolId: s.school.id, classId: k2.id, name: '王芳', gender: 'female', birthDate: '2014-01-10', motherStatus: 'home' }),
    await buildChild(app, { schoolId: s.school.id, classId: k2.id, name: '赵强', gender: 'male', birthDate: '2013-09-09', boarding: 'boarding' }),
  ];
  await buildChild(app, { schoolId: other.id, name: '外校儿童' });
  for (const c of kids.slice(0, 3))
    await leader.post('/api/care-records', { kind: 'talk', childIds: [c.id], date: '2026-11-10', summary: '谈心', details: {} });
  await leader.post('/api/care-records', { kind: 'family_call', childIds: [kids[0]?.id], date: '2026-10-05', summary: '视频', details: {} });
  const inc = await leader.post('/api/incidents', {
    childIds: [kids[3]?.id],
    kind: 'bullying',
    severity: 'moderate',
    occurredAt: '2026-11-12T02:00:00.000Z',
    description: '赵强在操场被高年级学生推搡',
  });
  expect(inc.statusCode).toBe(201);
  return { ...s, other, otherLeader, k2, leader, kids };
}

async function docText(c: Client, id: string): Promise<string> {
  const res = await c.get(`/api/briefings/${id}.docx`);
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('wordprocessingml');
  const zip = await JSZip.loadAsync(res.rawPayload);
  return (await zip.file('word/document.xml')?.async('string')) ?? '';
}

describe('statistics', () => {
  it('totals equal the sum of their parts and the database; each bar drills down to its children', async () => {
    const s = await county();
    const res = await s.leader.get(`/api/stats?schoolId=${s.school.id}&from=2026-09-01&to=2026-11-30`);
    expect(res.statusCode).toBe(200);
    const st = res.json();
    const direct = await app.ctx.db.selectFrom('children').select('id').where('school_id', '=', s.school.id).where('status', '=', 'active').execute();
    expect(st.totals.children).toBe(direct.length);
    expect(st.totals.pupils).toBe(75);
    expect(st.totals.share).toBeCloseTo(4 / 75, 3);
    for (const dim of ['leftBehindType', 'xuejiCode', 'narrow', 'guardianRelation', 'boarding', 'grade', 'ageBand', 'gender', 'keySupport', 'riskLevel']) {
      const sum = st.breakdowns[dim].reduce((n: number, b: { count: number }) => n + b.count, 0);
      expect(sum, dim).toBe(st.totals.children);
    }
    // Drill-down: the children list with the same filter has as many children as the bar.
    for (const [dim, key] of [
      ['gender', 'female'],
      ['ageBand', '6-13'],
      ['leftBehindType', 'father'],
      ['keySupport', 'true'],
      ['narrow', 'true'],
    ] as const) {
      const bar = st.breakdowns[dim].find((b: { key: string }) => b.key === key)?.count ?? 0;
      const list = (await s.leader.get(`/api/children?schoolId=${s.school.id}&${dim}=${key}&limit=200`)).json().items;
      expect(list.length, `${dim}=${key}`).toBe(bar);
    }
    // Coverage: November's talks reached three children; October's family call one.
    expect(st.coverage.find((m: { month: string }) => m.month === '2026-11')).toMatchObject({ children: 4, talk: 3 });
    expect(st.coverage.find((m: { month: string }) => m.month === '2026-10')).toMatchObject({ familyContact: 1 });
    // Incidents are counted, never listed.
    expect(st.work.incidents).toEqual([{ key: 'bullying', count: 1 }]);
    expect(JSON.stringify(st)).not.toContain('赵强');
  });

  it('scopes: a leader reads only its school; the bureau reads the region with every school and its roster state', async () => {
    const s = await county();
    expect((await s.leader.get(`/api/stats?schoolId=${s.other.id}`)).statusCode).toBe(404);
    expect((await s.leader.get(`/api/stats?regionId=${s.county.id}`)).statusCode).toBe(404);
    const t = await app.as(s.teacher.username);
    expect((await t.get(`/api/stats?schoolId=${s.school.id}`)).statusCode).toBe(404);
    const b = await app.as(s.bureau.username);
    const st = (await b.get(`/api/stats?regionId=${s.county.id}&from=2026-11-01&to=2026-11-30`)).json();
    expect(st.totals.children).toBe(5);
    expect(st.schools.map((x: { children: number }) => x.children).reduce((a: number, c: number) => a + c, 0)).toBe(st.totals.children);
    expect(st.schools.every((x: { roster: string }) => x.roster === 'none')).toBe(true);
    expect((await b.get('/api/stats')).statusCode).toBe(422);
  });
});

describe('roster submission', () => {
  it('class teacher submits, leader returns then approves, the school submits a frozen snapshot to the bureau', async () => {
    const s = await county();
    const term = (
      await s.leader.post('/api/terms', { schoolId: s.school.id, academicYear: '2026-2027', semester: 1, startDate: '2026-09-01', endDate: '2027-01-20' })
    ).json();
    const t = await app.as(s.teacher.username);
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
    const c2 = (await s.leader.post('/api/roster-submissions', { termId: term.id, classId: s.k2.id })).json();
    const c2s = (await s.leader.post(`/api/roster-submissions/${c2.id}/submit`, { version: c2.version })).json();
    await s.leader.post(`/api/roster-submissions/${c2.id}/approve`, { version: c2s.version });
    const sent = (await s.leader.post(`/api/roster-submissions/${school.id}/submit`, { version: school.version })).json();
    expect(sent).toMatchObject({ status: 'submitted', children: 4 });
    // Frozen: a child added later does not change the submitted roster.
    await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '后来者' });
    expect((await s.leader.get(`/api/roster-submissions/${school.id}`)).json().children).toBe(4);
    // The school cannot approve its own submission; the bureau does, and sees it in its table.
    expect((await s.leader.post(`/api/roster-submissions/${school.id}/approve`, { version: sent.version })).statusCode).toBe(403);
    const b = await app.as(s.bureau.username);
    expect((await b.get(`/api/roster-submissions?regionId=${s.county.id}&level=school`)).json().items).toHaveLength(1);
    expect((await b.post(`/api/roster-submissions/${school.id}/approve`, { version: sent.version })).json().status).toBe('approved');
    const st = (await b.get(`/api/stats?regionId=${s.county.id}&from=2026-11-01&to=2026-11-30`)).json();
    expect(st.schools.find((x: { schoolId: string }) => x.schoolId === s.school.id).roster).toBe('approved');
    const o = await app.as(s.otherLeader.username);
    expect((await o.get(`/api/roster-submissions/${school.id}`)).statusCode).toBe(404);
    // A counsellor reads the school's roster with ID numbers masked; each view of the rows is audited.
    const counsellor = await buildUser(app, 'counsellor', s.school.id);
    const rows = (await (await app.as(counsellor.username)).get(`/api/roster-submissions/${school.id}`)).json().rows;
    expect(rows.every((r: { idNumber: string | null }) => !r.idNumber || r.idNumber.includes('*'))).toBe(true);
    const full = (await b.get(`/api/roster-submissions/${school.id}`)).json().rows;
    expect(full.some((r: { idNumber: string | null }) => r.idNumber && !r.idNumber.includes('*'))).toBe(true);
    const views = await app.ctx.db
      .selectFrom('audit_log')
      .select('user_id')
      .where('action', '=', 'roster.view_snapshot')
      .where('entity_id', '=', school.id)
      .execute();
    expect(views.length).toBeGreaterThanOrEqual(2);
  });
});

describe('briefings', () => {
  it('drafts from the records, lets the user edit and choose photos, renders Word with the figures and no incident child', async () => {
    const s = await county();
    // A photo of a care record of an incident child is never offered; a record of another child is.
    const jpeg = await sharp({ create: { width: 80, height: 60, channels: 3, background: '#369' } })
      .jpeg()
      .toBuffer();
    const recs = (await s.leader.get(`/api/care-records?childId=${s.kids[0]?.id}`)).json().items;
    const body = multipart({}, { name: 'p.jpg', data: jpeg, type: 'image/jpeg' });
    await s.leader.request({ method: 'POST', url: `/api/care-records/${recs[0].id}/photos`, payload: body.payload, headers: body.headers });
    const created = await s.leader.post('/api/briefings', { schoolId: s.school.id, period: '2026-11' });
    expect(created.statusCode).toBe(201);
    const b = created.json();
    expect(b.sections.intro).toContain('留守儿童 4 名');
    expect(b.figures.find((f: { label: string }) => f.label === '谈心次数').value).toBe('3');
    expect(b.candidates).toHaveLength(1);
    for (const period of ['2026-13', '2026-02-30..2026-03-01', 'someday'])
      expect((await s.leader.post('/api/briefings', { schoolId: s.school.id, period })).json().fields?.[0]?.path, period).toBe('period');
    // The user writes the incident child's name into a section and names children: it is masked anyway.
    const put = await s.leader.put(`/api/briefings/${b.id}`, {
      sections: { highlights: '赵强同学的事件已妥善处理；陈小雨进步很大。' },
      photoIds: [b.candidates[0].id],
      nameChildren: true,
      version: b.version,
    });
    expect(put.statusCode).toBe(200);
    expect((await s.leader.put(`/api/briefings/${b.id}`, { photoIds: ['nope'], version: put.json().version })).json().fields[0].path).toBe('photoIds.0');
    const xml = await docText(s.leader, b.id);
    expect(xml).toContain('留守儿童 4 名');
    expect(xml).toContain('陈小雨');
    expect(xml).not.toContain('赵强');
    expect(xml).toContain('××同学的事件');
    const zip = await JSZip.loadAsync((await s.leader.get(`/api/briefings/${b.id}.docx`)).rawPayload);
    expect(Object.keys(zip.files).filter((f) => f.startsWith('word/media/')).length).toBeGreaterThanOrEqual(3);
    // Kept in a list with who made it; another school's leader cannot read it.
    const list = (await s.leader.get(`/api/briefings?schoolId=${s.school.id}`)).json().items;
    expect(list[0]).toMatchObject({ id: b.id, createdBy: expect.stringMatching(/schoolleader/) });
    expect(list[0].generatedAt).toBeTruthy();
    const o = await app.as(s.otherLeader.username);
    expect((await o.get(`/api/briefings/${b.id}`)).statusCode).toBe(404);
    expect((await o.get(`/api/briefings/${b.id}.docx`)).statusCode).toBe(404);
    const audit = await app.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', b.id).execute();
    expect(audit.map((a) => a.action)).toContain('briefing.export');
  });
});

describe('statistics export', () => {
  it('exports the dashboard tables to Excel, breakdown totals equal to the children, and audits it', async () => {
    const s = await county();
    const b = await app.as(s.bureau.username);
    const res = await b.get(`/api/stats/export.xlsx?regionId=${s.county.id}&from=2026-11-01&to=2026-11-30`);
    expect(res.statusCode).toBe(200);
    const wb = await readXlsx(res.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['总体', '儿童构成', '每月关爱覆盖', '关爱制度落实', '各校情况']);
    const rows = (wb.getWorksheet('儿童构成')?.getSheetValues() ?? []).filter(Boolean) as unknown[][];
    const genderTotal = rows.find((r) => r[1] === '性别' && r[2] === '合计');
    expect(genderTotal?.[3]).toBe(5);
    expect((await s.leader.get(`/api/stats/export.xlsx?schoolId=${s.other.id}`)).statusCode).toBe(404);
    const audit = await app.ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'stats.export').execute();
    expect(audit).toHaveLength(1);
  });
});
