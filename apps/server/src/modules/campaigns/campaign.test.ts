import { newId } from '@carebridge/db';
import { checkTeam, TeamRules } from '@carebridge/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildRegion, buildSchool, buildSchoolWithStaff, buildTestApp, buildUser, type TestApp } from '../../test/index.ts';

let app: TestApp;
afterEach(async () => app?.close());
let now = new Date('2026-11-20T10:00:00Z');
const clock = () => now;

describe('home-visit campaigns', () => {
  it('generates places from the archive, deals them to groups, and a group leader checks off a visit on a phone', async () => {
    now = new Date('2026-11-20T10:00:00Z');
    app = await buildTestApp({ clock });
    const s = await buildSchoolWithStaff(app);
    const mentor = await buildUser(app, 'mentor', s.school.id);
    const host = { boarding: 'host' as const, hostName: '张大妈', hostPhone: '13900000001', hostAddress: '石门村 3 组' };
    const a = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '借宿一', ...host });
    const b = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '借宿二', ...host });
    const c = await buildChild(app, {
      schoolId: s.school.id,
      classId: s.klass.id,
      name: '借宿三',
      boarding: 'host',
      hostName: '李大爷',
      hostPhone: '13900000002',
      hostAddress: '石门村 5 组',
    });
    await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '走读', boarding: 'day' });
    const leader = await app.as(s.leader.username);
    const res = await leader.post('/api/campaigns', {
      schoolId: s.school.id,
      title: '借宿点夜访',
      date: '2026-11-20',
      target: { scope: 'host' },
      groups: [
        { name: '第一组', leaderId: mentor.id, memberIds: [s.teacher.id] },
        { name: '第二组', leaderId: s.leader.id, memberIds: [] },
      ],
    });
    expect(res.statusCode).toBe(201);
    const camp = res.json();
    // Two hosts: the two children at 张大妈's are one place.
    expect(camp.progress).toEqual({ total: 2, visited: 0, unassigned: 0 });
    expect(camp.checklist).toHaveLength(6);
    const m = await app.as(mentor.username);
    const mine = (await m.get(`/api/campaigns/${camp.id}/places`)).json().items;
    expect(mine).toHaveLength(1);
    expect(mine[0].children.map((x: { name: string }) => x.name).sort()).toEqual(['借宿一', '借宿二']);
    // The mentor is not paired with these children, but the campaign assigned the place to its group.
    const visit = await m.post(`/api/campaigns/${camp.id}/places/${mine[0].id}/visit`, {
      answers: { at_home: 'ok', safety_hazards: 'issue' },
      note: '电线裸露，已提醒房东',
      summary: '两个孩子在做作业，张大妈照顾周到',
    });
    expect(visit.statusCode).toBe(201);
    expect(visit.json()).toMatchObject({ visitedBy: mentor.name, answers: { safety_hazards: 'issue' } });
    expect((await m.post(`/api/campaigns/${camp.id}/places/${mine[0].id}/visit`, { answers: {}, summary: 'x' })).statusCode).toBe(409);
    // The school leader sees progress change, and the issue counted.
    const after = (await leader.get(`/api/campaigns/${camp.id}`)).json();
    expect(after.progress.visited).toBe(1);
    expect(after.groups[0]).toMatchObject({ visited: 1, total: 1 });
    expect(after.issues).toEqual({ safety_hazards: 1 });
    // The visit is a host-visit care record of both children.
    const rec = (await leader.get(`/api/care-records?childId=${a.id}`)).json().items[0];
    expect(rec).toMatchObject({ kind: 'host_visit', followUpNeeded: true });
    expect(rec.children.map((x: { id: string }) => x.id).sort()).toEqual([a.id, b.id].sort());
    // The other group's place is not the mentor's to visit.
    const all = (await leader.get(`/api/campaigns/${camp.id}/places`)).json().items;
    const theirs = all.find((p: { id: string }) => p.id !== mine[0].id);
    expect(theirs.children[0].id).toBe(c.id);
    expect((await m.post(`/api/campaigns/${camp.id}/places/${theirs.id}/visit`, { answers: {}, summary: 'x' })).statusCode).toBe(403);
    // A place that is not the campaign's is named, and nothing is reassigned.
    const stray = await leader.post(`/api/campaigns/${camp.id}/places/assign`, { placeIds: [theirs.id, newId()], groupId: camp.groups[0].id });
    expect(stray.statusCode).toBe(422);
    expect(stray.json().fields).toEqual([{ path: 'placeIds.1', message: '这个地点不在本次走访中' }]);
    expect((await m.get(`/api/campaigns/${camp.id}/places`)).json().items).toHaveLength(1);
    // Reassign it to the mentor's group.
    await leader.post(`/api/campaigns/${camp.id}/places/assign`, { placeIds: [theirs.id], groupId: camp.groups[0].id });
    expect((await m.get(`/api/campaigns/${camp.id}/places`)).json().items).toHaveLength(2);
    const bad = await leader.post('/api/campaigns', { schoolId: s.school.id, title: '', date: '2026-11-20', target: { scope: 'grade' }, groups: [] });
    expect(
      bad
        .json()
        .fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['groups', 'title']);
    // The title and date can be corrected (with the version); a campaign with visits cannot be deleted.
    const fixed = await leader.patch(`/api/campaigns/${camp.id}`, { title: '借宿点夜访（第二次）', date: '2026-11-21', version: after.version });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json()).toMatchObject({ title: '借宿点夜访（第二次）', date: '2026-11-21', version: after.version + 1 });
    expect((await leader.patch(`/api/campaigns/${camp.id}`, { title: 'x', version: after.version })).statusCode).toBe(409);
    expect((await leader.patch(`/api/campaigns/${camp.id}`, { title: '', version: fixed.json().version })).json().fields[0].path).toBe('title');
    expect((await m.patch(`/api/campaigns/${camp.id}`, { title: 'x', version: fixed.json().version })).statusCode).toBe(403);
    const refused = await leader.delete(`/api/campaigns/${camp.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toBe('campaign_has_visits');
    // One made by mistake goes, with its groups and places, and the deletion is audited.
    const mistake = (
      await leader.post('/api/campaigns', {
        schoolId: s.school.id,
        title: '走错的',
        date: '2026-11-22',
        target: { scope: 'all' },
        groups: [{ name: '一组', leaderId: mentor.id, memberIds: [] }],
      })
    ).json();
    expect((await m.delete(`/api/campaigns/${mistake.id}`)).statusCode).toBe(403);
    expect((await leader.delete(`/api/campaigns/${mistake.id}`)).statusCode).toBe(204);
    expect((await leader.get(`/api/campaigns/${mistake.id}`)).statusCode).toBe(404);
    expect(await app.ctx.db.selectFrom('campaign_places').select('id').where('campaign_id', '=', mistake.id).execute()).toEqual([]);
    const actions = (await app.ctx.db.selectFrom('audit_log').select('action').where('entity', '=', 'campaign').execute()).map((x) => x.action);
    expect(actions).toEqual(expect.arrayContaining(['campaign.update', 'campaign.delete']));
  });
});

describe('events with team registration', () => {
  const rules = TeamRules.parse({ leaders: 1, maxCoaches: 1, minPlayers: 8, maxPlayers: 12, leaderMayPlay: true, coachMayPlay: true, maxJointUnits: 2 });
  const players = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `队员${i + 1}`, role: 'player' as const, plays: false, number: i + 1 }));

  it('checks the team rules', () => {
    const team = [{ name: '王领队', role: 'leader' as const, plays: true }, { name: '李教练', role: 'coach' as const, plays: false }, ...players(7)];
    // The leader plays, so 8 players.
    expect(checkTeam(rules, team, 1)).toEqual([]);
    expect(checkTeam(rules, team.slice(0, 8), 1).map((p) => p.code)).toEqual(['min_players']);
    expect(checkTeam({ ...rules, leaderMayPlay: false }, team, 1).map((p) => p.code)).toEqual(['leader_plays', 'min_players']);
    expect(checkTeam(rules, [...team, { name: '赵教练', role: 'coach', plays: false }], 3).map((p) => p.code)).toEqual(['coaches', 'joint_units']);
  });

  it('a school registers before the deadline, a rule-breaking team is refused with the rule named, the bureau reviews', async () => {
    now = new Date('2026-05-10T02:00:00Z');
    app = await buildTestApp({ clock });
    const s = await buildSchoolWithStaff(app);
    const other = await buildSchool(app, { regionId: s.county.id });
    const far = await buildSchool(app, { regionId: (await buildRegion(app, { level: 'county' })).id });
    const bureau = await app.as(s.bureau.username);
    const ev = await bureau.post('/api/events', {
      regionId: s.county.id,
      title: '“留守儿童杯”公益足球节',
      sport: '足球',
      registrationOpens: '2026-05-01',
      registrationDeadline: '2026-05-20',
      eventDate: '2026-06-01',
      rules,
    });
    expect(ev.statusCode).toBe(201);
    const id = ev.json().id;
    expect(ev.json()).toMatchObject({ open: true, canManage: true });
    const leader = await app.as(s.leader.username);
    const team = (
      await leader.post(`/api/events/${id}/teams`, {
        name: '城关小学队',
        unitIds: [s.school.id],
        contactName: '王老师',
        contactPhone: '13800000000',
        members: [{ name: '王领队', role: 'leader', plays: false }, ...players(6)],
      })
    ).json();
    expect(team.problems.map((p: { code: string }) => p.code)).toEqual(['min_players']);
    // The contact's phone is a phone: a wrong one names the field, one typed with spaces is stored bare.
    const badPhone = await leader.patch(`/api/events/${id}/teams/${team.id}`, { contactPhone: '138000', version: team.version });
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.json().fields).toEqual([{ path: 'contactPhone', message: '请输入正确的手机号或带区号的固定电话' }]);
    const empty = await leader.patch(`/api/events/${id}/teams/${team.id}`, { contactPhone: ' ', version: team.version });
    expect(empty.json().fields).toEqual([{ path: 'contactPhone', message: '必填' }]);
    const spaced = (await leader.patch(`/api/events/${id}/teams/${team.id}`, { contactPhone: '138 0000 0000', version: team.version })).json();
    expect(spaced.contactPhone).toBe('13800000000');
    team.version = spaced.version;
    const refused = await leader.post(`/api/events/${id}/teams/${team.id}/submit`, { version: team.version });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toContain('队员至少 8 人，现有 6 人');
    // A joint team with a school outside the county is refused; with a neighbour it needs a reason.
    const joint = await leader.patch(`/api/events/${id}/teams/${team.id}`, { unitIds: [s.school.id, far.id], version: team.version });
    expect(joint.json().fields[0].path).toBe('unitIds.1');
    const fixed = (
      await leader.patch(`/api/events/${id}/teams/${team.id}`, {
        unitIds: [s.school.id, other.id],
        members: [{ name: '王领队', role: 'leader', plays: false }, ...players(9)],
        version: team.version,
      })
    ).json();
    expect((await leader.post(`/api/events/${id}/teams/${team.id}/submit`, { version: fixed.version })).json().message).toContain('联队须说明理由');
    const withReason = (
      await leader.patch(`/api/events/${id}/teams/${team.id}`, { jointReason: '本校四年级以上男生不足 8 人', version: fixed.version })
    ).json();
    const submitted = await leader.post(`/api/events/${id}/teams/${team.id}/submit`, { version: withReason.version });
    expect(submitted.json().status).toBe('submitted');
    // The bureau returns it with a reason, the school corrects and resubmits, the bureau approves.
    expect((await leader.post(`/api/events/${id}/teams/${team.id}/approve`, { version: submitted.json().version })).statusCode).toBe(403);
    const returned = await bureau.post(`/api/events/${id}/teams/${team.id}/return`, { reason: '请补充教练', version: submitted.json().version });
    expect(returned.json()).toMatchObject({ status: 'returned', returnReason: '请补充教练' });
    const again = (
      await leader.patch(`/api/events/${id}/teams/${team.id}`, {
        members: [{ name: '王领队', role: 'leader', plays: false }, { name: '李教练', role: 'coach', plays: false }, ...players(9)],
        version: returned.json().version,
      })
    ).json();
    const resub = (await leader.post(`/api/events/${id}/teams/${team.id}/submit`, { version: again.version })).json();
    expect((await bureau.post(`/api/events/${id}/teams/${team.id}/approve`, { version: resub.version })).json().status).toBe('approved');
    // After the deadline nothing new is accepted, and the message names the deadline.
    now = new Date('2026-05-21T02:00:00Z');
    const late = await (await app.as(s.leader.username)).post(`/api/events/${id}/teams`, {
      name: '二队',
      unitIds: [s.school.id],
      contactName: 'x',
      contactPhone: '13800000000',
      members: [],
    });
    expect(late.statusCode).toBe(422);
    expect(late.json().message).toContain('2026-05-20');
    // A welfare donation linked to the event.
    const d = await (await app.as(s.bureau.username)).post('/api/donations', {
      schoolId: s.school.id,
      eventId: id,
      item: '足球',
      quantity: 20,
      value: 2400,
      donor: '县青基会',
      date: '2026-05-21',
    });
    expect(d.json().items[0]).toMatchObject({ item: '足球', quantity: 20 });
  });

  it('keeps the listed units when an edit leaves them out', async () => {
    now = new Date('2026-05-10T02:00:00Z');
    app = await buildTestApp({ clock });
    const s = await buildSchoolWithStaff(app);
    await buildSchool(app, { regionId: s.county.id });
    const bureau = await app.as(s.bureau.username);
    const ev = (
      await bureau.post('/api/events', {
        regionId: s.county.id,
        title: '公益足球节',
        registrationOpens: '2026-05-01',
        registrationDeadline: '2026-05-20',
        eventDate: '2026-06-01',
        unitIds: [s.school.id],
        rules,
      })
    ).json();
    expect(ev.units.map((u: { id: string }) => u.id)).toEqual([s.school.id]);
    const renamed = await bureau.patch(`/api/events/${ev.id}`, { title: '“留守儿童杯”公益足球节', version: ev.version });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().units.map((u: { id: string }) => u.id)).toEqual([s.school.id]);
    // An empty list, sent on purpose, still opens the event to every school of the county.
    const opened = await bureau.patch(`/api/events/${ev.id}`, { unitIds: [], version: renamed.json().version });
    expect(opened.json().units.length).toBe(2);
  });

  it('refuses a donation linked to an event that does not exist, naming the field, and stores nothing', async () => {
    now = new Date('2026-05-10T02:00:00Z');
    app = await buildTestApp({ clock });
    const s = await buildSchoolWithStaff(app);
    const leader = await app.as(s.leader.username);
    const donation = { schoolId: s.school.id, item: '足球', donor: '县青基会', date: '2026-05-10' };
    const res = await leader.post('/api/donations', { ...donation, eventId: '01900000-0000-7000-8000-000000000000' });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ error: 'validation_failed', fields: [{ path: 'eventId', message: '未找到赛事' }] });
    expect((await leader.get(`/api/donations?schoolId=${s.school.id}`)).json().items).toEqual([]);
    expect((await leader.post('/api/donations', donation)).statusCode).toBe(201);
  });
});
