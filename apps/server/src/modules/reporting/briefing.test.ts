import { seedCamp } from '@carebridge/shared';
import JSZip from 'jszip';
import sharp from 'sharp';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildChild, buildRegion, buildUser, type Client, type TestApp } from '../../test/index.ts';
import { multipart } from '../rosters/roster.test-helpers.ts';
import { type County, county, docText, docXml, firstTable } from './reporting.test-helpers.ts';

let app: TestApp | undefined;
afterEach(async () => app?.close());

async function setUp(): Promise<County> {
  const s = await county();
  app = s.app;
  return s;
}

const jpeg = () =>
  sharp({ create: { width: 80, height: 60, channels: 3, background: '#369' } })
    .jpeg()
    .toBuffer();

async function draft(c: Client, body: Record<string, unknown>) {
  const res = await c.post('/api/briefings', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as {
    id: string;
    version: number;
    sections: Record<string, string>;
    figures: { label: string; value: string }[];
    candidates: { id: string; source: string; caption: string }[];
  };
}

/** A held activity whose outcome names children, a contest award, and a camp photo whose caption names a child. */
async function namedRecords(s: County) {
  const base = { schoolId: s.school.id, date: '2026-11-16', startTime: '15:00', endTime: '16:00', place: '礼堂', target: { scope: 'all' } };
  const act = (await s.leader.post('/api/activities', { ...base, kind: 'discussion', title: '留守儿童座谈会', description: '谈谈心里话' })).json();
  const done = await s.leader.patch(`/api/activities/${act.id}`, { status: 'done', outcome: '李明和陈小雨分享了给父母的信', version: act.version });
  expect(done.statusCode).toBe(200);
  const contest = (await s.leader.post('/api/activities', { ...base, kind: 'essay_contest', title: '“读一本好书”征文' })).json();
  const entry = (await s.leader.post(`/api/activities/${contest.id}/entries`, { childId: s.kids[0]?.id, title: '我读《草房子》', consent: false })).json();
  await s.leader.patch(`/api/activities/${contest.id}/entries/${entry.entries[0].id}`, { award: '一等奖' });
  const cur = (await s.leader.get(`/api/activities/${contest.id}`)).json();
  await s.leader.patch(`/api/activities/${contest.id}`, { status: 'done', version: cur.version });
  const seed = seedCamp();
  const camp = await s.leader.post('/api/camps', {
    schoolId: s.school.id,
    title: '周末手工营',
    place: '学校',
    startDate: '2026-11-14',
    endDate: '2026-11-15',
    windows: seed.windows,
    unitMinutes: 30,
    fixedEvents: [],
    maxLessonsInRow: 3,
    groups: seed.groups,
  });
  expect(camp.statusCode, camp.body).toBe(201);
  const body = multipart({ caption: '陈小雨在手工课上展示作品', date: '2026-11-14' }, { name: 'c.jpg', data: await jpeg(), type: 'image/jpeg' });
  const photo = await s.leader.request({ method: 'POST', url: `/api/camps/${camp.json().id}/photos`, payload: body.payload, headers: body.headers });
  expect(photo.statusCode, photo.body).toBe(201);
}

describe('briefings', () => {
  it('drafts from the records, lets the user edit and choose photos, renders Word whose figures table holds the figures', async () => {
    const s = await setUp();
    // A photo of a care record of an incident child is never offered; a record of another child is.
    const recs = (await s.leader.get(`/api/care-records?childId=${s.kids[0]?.id}&kind=talk`)).json().items;
    const body = multipart({}, { name: 'p.jpg', data: await jpeg(), type: 'image/jpeg' });
    await s.leader.request({ method: 'POST', url: `/api/care-records/${recs[0].id}/photos`, payload: body.payload, headers: body.headers });
    const b = await draft(s.leader, { schoolId: s.school.id, period: '2026-11' });
    expect(b.sections.intro).toContain('留守儿童 5 名');
    expect(b.figures.find((f) => f.label === '谈心次数')?.value).toBe('3');
    expect(b.candidates).toHaveLength(1);
    for (const period of ['2026-13', '2026-02-30..2026-03-01', 'someday'])
      expect((await s.leader.post('/api/briefings', { schoolId: s.school.id, period })).json().fields?.[0]?.path, period).toBe('period');
    // The user writes the incident child's name into a section and names children: it is masked anyway.
    const put = await s.leader.put(`/api/briefings/${b.id}`, {
      sections: { highlights: '赵强同学的事件已妥善处理；陈小雨进步很大。' },
      photoIds: [b.candidates[0]?.id],
      nameChildren: true,
      version: b.version,
    });
    expect(put.statusCode).toBe(200);
    expect((await s.leader.put(`/api/briefings/${b.id}`, { photoIds: ['nope'], version: put.json().version })).json().fields[0].path).toBe('photoIds.0');
    const xml = await docXml(s.leader, b.id);
    const text = docText(xml);
    expect(text).toContain('留守儿童 5 名');
    expect(text).toContain('陈小雨');
    expect(text).not.toContain('赵强');
    expect(text).toContain('××同学的事件');
    // The figures table: every figure of the draft, and the numbers the database holds.
    const table = firstTable(xml);
    expect(table[0]).toEqual(['项目', '数据']);
    expect(table.slice(1)).toEqual(b.figures.map((f) => [f.label, f.value]));
    const db = s.app.ctx.db;
    const count = async (q: Promise<{ n: number | string } | undefined>) => String(Number((await q)?.n ?? 0));
    const value = (label: string) => table.find((r) => r[0] === label)?.[1];
    expect(value('留守儿童人数')).toBe(
      await count(
        db
          .selectFrom('children')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('school_id', '=', s.school.id)
          .where('status', '=', 'active')
          .executeTakeFirst(),
      ),
    );
    const records = (kinds: string[]) =>
      count(
        db
          .selectFrom('care_records')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('school_id', '=', s.school.id)
          .where('kind', 'in', kinds)
          .where('deleted_at', 'is', null)
          .where('date', '>=', '2026-11-01')
          .where('date', '<=', '2026-11-30')
          .executeTakeFirst(),
      );
    expect(value('谈心次数')).toBe(await records(['talk']));
    expect(value('家访（含借宿点走访）次数')).toBe(await records(['home_visit', 'host_visit']));
    expect(value('亲情电话、家书次数')).toBe(await records(['family_call', 'family_letter']));
    expect(value('安全事件（起）')).toBe(
      await count(
        db
          .selectFrom('incidents')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('school_id', '=', s.school.id)
          .executeTakeFirst(),
      ),
    );
    expect(value('占在校学生比例')).toBe('6.7%');
    // Every share and rate with one decimal, as the pages and the Excel exports show them.
    const rates = b.figures.filter((f) => f.value.endsWith('%')).map((f) => f.value);
    expect(rates.length).toBeGreaterThanOrEqual(2);
    for (const r of rates) expect(r).toMatch(/^\d+\.\d%$/);
    const zip = await JSZip.loadAsync((await s.leader.get(`/api/briefings/${b.id}.docx`)).rawPayload);
    expect(Object.keys(zip.files).filter((f) => f.startsWith('word/media/')).length).toBeGreaterThanOrEqual(3);
    // Kept in a list with who made it; another school's leader cannot read it.
    const list = (await s.leader.get(`/api/briefings?schoolId=${s.school.id}`)).json().items;
    expect(list[0]).toMatchObject({ id: b.id, createdBy: expect.stringMatching(/schoolleader/) });
    expect(list[0].generatedAt).toBeTruthy();
    const o = await s.app.as(s.otherLeader.username);
    expect((await o.get(`/api/briefings/${b.id}`)).statusCode).toBe(404);
    expect((await o.get(`/api/briefings/${b.id}.docx`)).statusCode).toBe(404);
    const audit = await db.selectFrom('audit_log').select('action').where('entity_id', '=', b.id).execute();
    expect(audit.map((a) => a.action)).toContain('briefing.export');
  });

  it('"what was done" tells the talks, home visits, calls and follow-ups in numbers, never counselling content', async () => {
    const s = await setUp();
    await s.leader.post('/api/care-records', {
      kind: 'counselling',
      childIds: [s.kids[0]?.id],
      date: '2026-10-08',
      summary: '心理辅导摘要保密',
      details: { issue: '不想让别人知道的心事', approach: '倾听' },
    });
    // A campaign visit to the key-support child's home finds two problems.
    const camp = (
      await s.leader.post('/api/campaigns', {
        schoolId: s.school.id,
        title: '重点对象家访',
        date: '2026-11-20',
        target: { scope: 'key_support' },
        groups: [{ name: '第一组', leaderId: s.leaderUser.id, memberIds: [] }],
      })
    ).json();
    const place = (await s.leader.get(`/api/campaigns/${camp.id}/places`)).json().items[0];
    const visit = await s.leader.post(`/api/campaigns/${camp.id}/places/${place.id}/visit`, {
      answers: { at_home: 'ok', safety_hazards: 'issue', study_place: 'issue' },
      note: '电线裸露',
      summary: '奶奶身体不好',
    });
    expect(visit.statusCode).toBe(201);
    // The October home visit's follow-up is done; so is one about the incident child, who is never told.
    const hv = (await s.leader.get(`/api/care-records?childId=${s.kids[2]?.id}&kind=home_visit`)).json().items[0];
    expect((await s.leader.patch(`/api/care-records/${hv.id}`, { followUpDone: true, version: hv.version })).statusCode).toBe(200);
    const talk = await s.leader.post('/api/care-records', {
      kind: 'talk',
      childIds: [s.kids[3]?.id],
      date: '2026-11-13',
      summary: '事件后谈心',
      details: { topics: ['safety'] },
      followUpNeeded: true,
    });
    await s.leader.patch(`/api/care-records/${talk.json().id}`, { followUpDone: true, version: talk.json().version });
    const b = await draft(s.leader, { schoolId: s.school.id, period: '2026-09-01..2026-11-30' });
    const h = b.sections.highlights;
    expect(h).toContain('开展谈心 5 次，覆盖 5 名儿童');
    expect(h).toContain('开展家访 3 次，走访 2 名儿童的家庭');
    expect(h).toContain('走访清单中发现问题 2 处：“无用电、用火、溺水等安全隐患”（1 处）');
    expect(h).toContain('1 户监护人监护能力较弱');
    expect(h).toContain('组织亲情电话 1 次，1 名儿童与在外父母保持联系');
    expect(h).toContain('需要跟进的事项 3 件，已跟进完成 2 件');
    expect(h).toContain('家访中发现的问题已跟进解决（王芳）');
    // In English the kind is a common noun inside the sentence: no capital.
    const en = (await s.leader.post('/api/briefings', { schoolId: s.school.id, period: '2026-09-01..2026-11-30' }, { 'accept-language': 'en-US' })).json();
    expect(en.sections.highlights).toContain('a problem found in a home visit record was followed up (王芳)');
    expect(h).not.toContain('赵强');
    expect(h).not.toContain('事件后谈心');
    const all = JSON.stringify(b);
    for (const secret of ['不想让别人知道的心事', '心理辅导摘要保密', '奶奶身体不好', '电线裸露']) expect(all).not.toContain(secret);
    // Named only if the user chooses: the Word file masks 王芳 by default.
    const off = docText(await docXml(s.leader, b.id));
    expect(off).toContain('家访中发现的问题已跟进解决（王*）');
    expect(off).not.toContain('不想让别人知道的心事');
  });

  it("says how the period's incidents stand, never that all were handled while some are open", async () => {
    const s = await setUp();
    const kid = await buildChild(s.app, { schoolId: s.school.id, classId: s.klass.id, name: '周小雨' });
    const report = async (occurredAt: string) => {
      const r = await s.leader.post('/api/incidents', { childIds: [kid.id], kind: 'injury', severity: 'minor', occurredAt, description: '课间摔伤' });
      expect(r.statusCode).toBe(201);
      return r.json().id as string;
    };
    const closed = await report('2026-11-03T02:00:00.000Z');
    const open = await report('2026-11-12T02:00:00.000Z');
    await s.app.ctx.db.updateTable('incidents').set({ status: 'closed' }).where('id', '=', closed).execute();
    // One the law says must go to the police, with no report recorded yet.
    await s.app.ctx.db.updateTable('incidents').set({ mandatory: 1 }).where('id', '=', open).execute();
    const first = await draft(s.leader, { schoolId: s.school.id, period: '2026-11' });
    // With the bullying case the set-up reported (open, not one for the police).
    expect(first.sections.problems).toContain(
      '本期发生安全事件 3 起（意外伤害 2、欺凌 1），已处置完毕 1 起，仍在处置 2 起。其中 1 起属于须向公安机关报案的情形，尚未登记报案。',
    );
    expect(first.sections.problems).not.toContain('均已');
    await s.app.ctx.db.updateTable('incidents').set({ status: 'closed' }).execute();
    await s.app.ctx.db.updateTable('incidents').set({ police_reported_at: '2026-11-13T02:00:00.000Z' }).where('id', '=', open).execute();
    const later = await draft(s.leader, { schoolId: s.school.id, period: '2026-11' });
    expect(later.sections.problems).toContain('本期发生安全事件 3 起（意外伤害 2、欺凌 1），均已处置完毕。');
  });

  it('says there is no rate yet rather than "—" in a sentence, and gives the day the warning levels are of', async () => {
    const s = await setUp();
    const b = await draft(s.leader, { schoolId: s.school.id, period: '2026-12' });
    expect(b.sections.work).not.toContain('—');
    // Nothing recorded yet: said once, without a doubled full stop.
    expect(b.sections.work).toContain('本期暂无登记的关爱工作。');
    expect(b.sections.work).not.toContain('。。');
    expect(b.sections.work).toContain('本期尚无到期的关爱制度事项，暂无完成率。');
    const kid = await buildChild(s.app, { schoolId: s.school.id, classId: s.klass.id, name: '高小风' });
    // High: no parent contact, no talk, weak custody, boarding with a host — whatever the period, the level is today's.
    await s.app.ctx.db.updateTable('children').set({ custody_quality: 'poor', boarding: 'host' }).where('id', '=', kid.id).execute();
    const risky = await draft(s.leader, { schoolId: s.school.id, period: '2026-10' });
    expect(risky.sections.problems).toMatch(/截至 2026-11-20，有 \d+ 名儿童预警等级为高，需要重点关注。/);
  });

  it('children of any incident, however long ago, are never identifiable, by full name or given name, even if named', async () => {
    const s = await setUp();
    const sun = await buildChild(s.app, { schoolId: s.school.id, classId: s.klass.id, name: '孙小红', gender: 'female', birthDate: '2016-04-04' });
    const old = await s.leader.post('/api/incidents', {
      childIds: [sun.id],
      kind: 'injury',
      severity: 'minor',
      occurredAt: '2026-03-10T02:00:00.000Z',
      description: '孙小红课间摔伤膝盖',
    });
    expect(old.statusCode).toBe(201);
    // Closed long before the period.
    await s.app.ctx.db.updateTable('incidents').set({ status: 'closed' }).where('id', '=', old.json().id).execute();
    // A photo of the closed incident child's talk is not offered either.
    const talk = await s.leader.post('/api/care-records', { kind: 'talk', childIds: [sun.id], date: '2026-11-11', summary: '谈心', details: {} });
    const body = multipart({}, { name: 'p.jpg', data: await jpeg(), type: 'image/jpeg' });
    await s.leader.request({ method: 'POST', url: `/api/care-records/${talk.json().id}/photos`, payload: body.payload, headers: body.headers });
    const b = await draft(s.leader, { schoolId: s.school.id, period: '2026-11' });
    expect(b.candidates.filter((c) => c.source === 'care')).toEqual([]);
    const put = await s.leader.put(`/api/briefings/${b.id}`, {
      title: '孙小红所在学校简报',
      sections: { highlights: '孙小红康复良好；小红还参加了合唱。赵强转变很大。陈小雨进步很大。' },
      nameChildren: true,
      version: b.version,
    });
    expect(put.statusCode).toBe(200);
    const text = docText(await docXml(s.leader, b.id));
    for (const name of ['孙小红', '小红', '赵强']) expect(text).not.toContain(name);
    expect(text).toContain('××康复良好；××还参加了合唱。××转变很大。');
    expect(text).toContain('陈小雨进步很大');
  });

  it('a child in an incident after the period is not identifiable either: the Word file is made now', async () => {
    const s = await setUp();
    const zhou = await buildChild(s.app, { schoolId: s.school.id, classId: s.klass.id, name: '周小兰', gender: 'female', birthDate: '2016-05-05' });
    const b = await draft(s.leader, { schoolId: s.school.id, period: '2026-10' });
    const put = await s.leader.put(`/api/briefings/${b.id}`, {
      sections: { highlights: '周小兰在十月的征文中获奖。' },
      nameChildren: true,
      version: b.version,
    });
    expect(put.statusCode).toBe(200);
    expect(docText(await docXml(s.leader, b.id))).toContain('周小兰在十月的征文中获奖');
    // Reported in November, after the October briefing's period.
    const inc = await s.leader.post('/api/incidents', {
      childIds: [zhou.id],
      kind: 'abuse_neglect',
      severity: 'serious',
      occurredAt: '2026-11-12T02:00:00.000Z',
      description: '疑似受虐待',
    });
    expect(inc.statusCode).toBe(201);
    const text = docText(await docXml(s.leader, b.id));
    expect(text).not.toContain('周小兰');
    expect(text).toContain('××在十月的征文中获奖');
  });

  it('names children only when the user chooses: off masks every child of the scope in every text, on names all but incident children', async () => {
    const s = await setUp();
    await namedRecords(s);
    const b = await draft(s.leader, { schoolId: s.school.id, period: '2026-11' });
    expect(b.sections.highlights).toContain('李明和陈小雨分享了给父母的信');
    const camp = b.candidates.find((c) => c.source === 'camp');
    expect(camp?.caption).toContain('陈小雨');
    const put = await s.leader.put(`/api/briefings/${b.id}`, { photoIds: [camp?.id], version: b.version });
    expect(put.json().nameChildren).toBe(false);
    const names = (await s.app.ctx.db.selectFrom('children').select('name').where('school_id', '=', s.school.id).execute()).map((c) => c.name);
    const off = docText(await docXml(s.leader, b.id));
    for (const name of names) expect(off, name).not.toContain(name);
    expect(off).toContain('李*和陈**分享了给父母的信');
    expect(off).toContain('陈**在手工课上展示作品');
    expect(off).toContain('征文”中共有 1 名学生获奖');
    const on = await s.leader.put(`/api/briefings/${b.id}`, { nameChildren: true, version: put.json().version });
    expect(on.statusCode).toBe(200);
    const named = docText(await docXml(s.leader, b.id));
    expect(named).toContain('李明和陈小雨分享了给父母的信');
    expect(named).toContain('陈小雨在手工课上展示作品');
    expect(named).toContain('陈小雨在“‘读一本好书’征文”中获一等奖');
    expect(named).toContain('周末手工营：0 名学员，课表尚未排定。');
    // Turning names on is in the audit log (which parts changed and the switch, never the texts).
    const audit = await s.app.ctx.db.selectFrom('audit_log').select(['action', 'summary']).where('entity_id', '=', b.id).orderBy('id').execute();
    const updates = audit.filter((a) => a.action === 'briefing.update').map((a) => JSON.parse(a.summary ?? '{}'));
    expect(updates.at(-1)).toEqual({ changed: [], nameChildren: true, nameChildrenWas: false });
    expect(JSON.parse(audit.filter((a) => a.action === 'briefing.export').at(-1)?.summary ?? '{}')).toMatchObject({ nameChildren: true });
    expect(named).not.toContain('赵强');
    // The county's briefing says which school held each activity and gave each award.
    const bureau = await s.app.as(s.bureau.username);
    const county = (await bureau.post('/api/briefings', { regionId: s.county.id, period: '2026-11' })).json();
    expect(county.sections.highlights).toContain(`2026-11-16 ${s.school.name} 留守儿童座谈会`);
    expect(docText(await docXml(bureau, county.id))).toContain(`${s.school.name}：“‘读一本好书’征文”中共有 1 名学生获奖。`);
    // In English the activity's outcome and the award's school follow an ASCII colon.
    const en = { 'accept-language': 'en-US' };
    const english = (await bureau.post('/api/briefings', { regionId: s.county.id, period: '2026-11' }, en)).json();
    expect(english.sections.highlights).toContain(`2026-11-16 ${s.school.name} 留守儿童座谈会: `);
    expect(english.sections.highlights).not.toContain('：');
    const zip = await JSZip.loadAsync((await bureau.get(`/api/briefings/${english.id}.docx`, en)).rawPayload);
    const words = docText((await zip.file('word/document.xml')?.async('string')) ?? '');
    expect(words).toContain(`${s.school.name}: Pupils who won awards in`);
  });

  it("a county-month briefing's figures and charts speak the reader's language, whichever language drafted it", async () => {
    const s = await setUp();
    const bureau = await s.app.as(s.bureau.username);
    const en = { 'accept-language': 'en-US' };
    const zh = { 'accept-language': 'zh-CN' };
    const cjk = /[\u4e00-\u9fff]/;
    const english = ['Schools', 'Left-behind children', 'Share of all pupils', 'Key-support children', 'Talks', 'Home and host visits'];
    // Drafted by a colleague in Chinese, read and printed in English.
    const b = (await bureau.post('/api/briefings', { regionId: s.county.id, period: '2026-11' }, zh)).json();
    expect(b.figures[0].label).toBe('学校数');
    const read = (await bureau.get(`/api/briefings/${b.id}`, en)).json();
    expect(read.figures.map((f: { label: string }) => f.label).slice(0, 6)).toEqual(english);
    // The rate says what it is a rate of.
    expect(read.figures.map((f: { label: string }) => f.label)).toContain('Care-policy completion rate');
    expect(b.figures.map((f: { label: string }) => f.label)).toContain('关爱制度完成率');
    expect(read.figures.map((f: { value: string }) => f.value)).toEqual(b.figures.map((f: { value: string }) => f.value));
    const res = await bureau.get(`/api/briefings/${b.id}.docx`, en);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const table = firstTable(xml);
    expect(table[0]).toEqual(['Item', 'Figure']);
    expect(table.slice(1, 7).map((r) => r[0])).toEqual(english);
    for (const [label] of table) expect(label, label).not.toMatch(cjk);
    // The charts say what they show, in English: their alt text names the chart and both axes.
    const charts = [...xml.matchAll(/<wp:docPr [^>]*descr="([^"]*)"/g)].map((m) => m[1] ?? '');
    expect(charts).toHaveLength(2);
    expect(charts[0]).toContain('Care coverage by month');
    expect(charts[0]).toContain('Month');
    expect(charts[0]).toContain('Share of the children (%)');
    expect(charts[1]).toContain('Care records (number)');
    for (const c of charts) expect(c).not.toMatch(cjk);
    // And the other way round: drafted in English, read in Chinese.
    const e = (await bureau.post('/api/briefings', { regionId: s.county.id, period: '2026-11' }, en)).json();
    expect(e.figures[0].label).toBe('Schools');
    expect((await bureau.get(`/api/briefings/${e.id}`, zh)).json().figures[0].label).toBe('学校数');
    expect(firstTable(await docXml(bureau, e.id))[1]).toEqual(['学校数', '2']);
    // A briefing stored before the figures kept their keys (labels only) is translated by its labels.
    await s.app.ctx.db
      .updateTable('briefings')
      .set({ figures: JSON.stringify(b.figures) })
      .where('id', '=', e.id)
      .execute();
    expect((await bureau.get(`/api/briefings/${e.id}`, en)).json().figures[0].label).toBe('Schools');
  });

  it('an English draft lists the rules kept too rarely with English punctuation, a Chinese one with Chinese', async () => {
    const s = await setUp();
    // October: the children's talks all fell in November, so several rules are kept too rarely.
    const problems = async (lang: string) => {
      const b = (await s.leader.post('/api/briefings', { schoolId: s.school.id, period: '2026-10' }, { 'accept-language': lang })).json();
      return (b.sections.problems as string).split('\n')[0] ?? '';
    };
    const rate = '\\d+\\.\\d%';
    const en = await problems('en-US');
    expect(en).toMatch(new RegExp(`^Some rules are not kept well enough: Each [^(]+ \\(${rate}\\)(, Each [^(]+ \\(${rate}\\))+\\.$`));
    expect(en).not.toMatch(/[\u3000-\u303f\uff00-\uffef]/);
    // Each rule is a clause with commas of its own: in Chinese the rules are set apart by "；".
    expect(await problems('zh-CN')).toMatch(new RegExp(`^部分关爱制度落实不到位：每名[^（]+（${rate}）(；每名[^（]+（${rate}）)+。$`));
  });

  it("scopes: leaders write and list only their school's briefings; counsellors do not write; another county's bureau reads nothing", async () => {
    const s = await setUp();
    const b = await draft(s.leader, { schoolId: s.school.id, period: '2026-11' });
    expect((await s.leader.post('/api/briefings', { schoolId: s.other.id, period: '2026-11' })).statusCode).toBe(404);
    expect((await s.leader.post('/api/briefings', { regionId: s.county.id, period: '2026-11' })).statusCode).toBe(404);
    expect((await s.leader.get(`/api/briefings?schoolId=${s.other.id}`)).statusCode).toBe(404);
    expect((await s.leader.get(`/api/briefings?regionId=${s.county.id}`)).statusCode).toBe(404);
    const moral = await s.app.as((await buildUser(s.app, 'moral_education', s.school.id)).username);
    expect((await moral.post('/api/briefings', { schoolId: s.school.id, period: '2026-10' })).statusCode).toBe(201);
    const counsellor = await s.app.as((await buildUser(s.app, 'counsellor', s.school.id)).username);
    expect((await counsellor.post('/api/briefings', { schoolId: s.school.id, period: '2026-10' })).statusCode).toBe(403);
    expect((await counsellor.get(`/api/briefings?schoolId=${s.school.id}`)).json().items).toHaveLength(2);
    expect((await counsellor.put(`/api/briefings/${b.id}`, { nameChildren: true, version: b.version })).statusCode).toBe(403);
    const teacher = await s.app.as(s.teacher.username);
    expect((await teacher.get(`/api/briefings?schoolId=${s.school.id}`)).statusCode).toBe(404);
    const bureau = await s.app.as(s.bureau.username);
    expect((await bureau.post('/api/briefings', { regionId: s.county.id, period: '2026-11' })).statusCode).toBe(201);
    const elsewhere = await buildRegion(s.app, { level: 'county' });
    const stranger = await s.app.as((await buildUser(s.app, 'bureau_officer', elsewhere.id)).username);
    expect((await stranger.get(`/api/briefings?regionId=${s.county.id}`)).statusCode).toBe(404);
    expect((await stranger.get(`/api/briefings?schoolId=${s.school.id}`)).statusCode).toBe(404);
    expect((await stranger.post('/api/briefings', { regionId: s.county.id, period: '2026-11' })).statusCode).toBe(404);
    expect((await stranger.get(`/api/briefings/${b.id}`)).statusCode).toBe(404);
    expect((await stranger.get(`/api/briefings/${b.id}.docx`)).statusCode).toBe(404);
  });

  it('keeps no change of a briefing whose audit entry could not be written', async () => {
    const s = await setUp();
    const b = (await s.leader.post('/api/briefings', { schoolId: s.school.id, period: '2026-11' })).json();
    const original = s.app.services.audit.record.bind(s.app.services.audit);
    vi.spyOn(s.app.services.audit, 'record').mockImplementation(async (tx, auth, input) => {
      if (input.action === 'briefing.update') throw new Error('audit down');
      return original(tx, auth, input);
    });
    const res = await s.leader.put(`/api/briefings/${b.id}`, { version: b.version, nameChildren: true, sections: { highlights: '张三进步很大' } });
    expect(res.statusCode).toBe(500);
    const row = await s.app.ctx.db.selectFrom('briefings').select(['name_children', 'version', 'sections']).where('id', '=', b.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name_children: 0, version: b.version });
    expect(row.sections).not.toContain('张三');
  });
});
