import { migrations } from '@carebridge/db';
import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildClass, buildSchool, buildSchoolWithStaff, buildTestApp, buildUser, type TestApp } from '../../test/index.ts';
import { duringNextTransaction } from '../../test/race.ts';
import { suggestPairings } from './suggest.ts';

let app: TestApp;
afterEach(async () => app?.close());
const clock = () => new Date('2026-11-20T02:00:00Z');

describe('suggestPairings', () => {
  const kid = (id: string, extra: Partial<{ keySupport: boolean; classId: string; grade: number }> = {}) => ({
    id,
    name: id,
    pinyin: id,
    classId: extra.classId ?? 'k1',
    className: extra.classId ?? 'k1',
    grade: extra.grade ?? 3,
    keySupport: extra.keySupport ?? false,
  });
  it('serves key-support children first, prefers the class teacher, balances load and keeps to the limit', () => {
    const mentors = [
      { id: 'm1', name: '甲', count: 0 },
      { id: 'm2', name: '乙', count: 2 },
      { id: 't1', name: '班主任', count: 1 },
    ];
    const children = [kid('a'), kid('b', { keySupport: true, classId: 'k2' }), kid('c'), kid('d'), kid('e', { classId: 'k2' }), kid('f'), kid('g')];
    const r = suggestPairings(children, mentors, new Map([['k1', 't1']]), 3);
    expect(r.items[0]).toEqual({ childId: 'b', mentorId: 'm1', reason: 'balance' });
    expect(r.items.filter((s) => s.reason === 'class_teacher').map((s) => s.childId)).toEqual(['a', 'c']);
    expect([...r.load.values()].every((n) => n <= 3)).toBe(true);
    expect(r.items.length + r.unassigned).toBe(children.length);
    expect(r.unassigned).toBe(1);
    expect(suggestPairings(children, mentors, new Map([['k1', 't1']]), 3)).toEqual(r);
  });
});

describe('pairings', () => {
  it('pairs a mentor with children, who then sees exactly them, and warns above the limit', async () => {
    app = await buildTestApp({ clock });
    const s = await buildSchoolWithStaff(app);
    const mentor = await buildUser(app, 'mentor', s.school.id);
    const kids = [];
    for (let i = 0; i < 4; i++) kids.push(await buildChild(app, { schoolId: s.school.id, classId: s.klass.id }));
    const leader = await app.as(s.leader.username);
    const m = await app.as(mentor.username);
    expect((await m.get('/api/children')).json().items).toHaveLength(0);
    const res = await leader.post('/api/pairings', { mentorId: mentor.id, childIds: kids.slice(0, 3).map((k) => k.id) });
    expect(res.statusCode).toBe(201);
    expect(res.json().items).toHaveLength(3);
    expect(res.json().warnings).toEqual([]);
    const mine = (await m.get('/api/children'))
      .json()
      .items.map((c: { id: string }) => c.id)
      .sort();
    expect(mine).toEqual(
      kids
        .slice(0, 3)
        .map((k) => k.id)
        .sort(),
    );
    expect((await m.get(`/api/children/${kids[3]?.id}`)).statusCode).toBe(404);
    // A fourth child goes above the default limit of 3: a warning, not a refusal.
    const over = await leader.post('/api/pairings', { mentorId: mentor.id, childIds: [kids[3]?.id] });
    expect(over.statusCode).toBe(201);
    expect(over.json().warnings[0]).toMatchObject({ code: 'mentor_over_limit', count: 4, limit: 3 });
    expect(over.json().warnings[0].message).toContain('超过本校上限');
    // Already paired: refused, naming the field.
    const again = await leader.post('/api/pairings', { mentorId: mentor.id, childIds: [kids[0]?.id] });
    expect(again.statusCode).toBe(409);
    expect(again.json().fields[0].path).toBe('childIds');
    // Ending a pairing ends the mentor's access to that child.
    const p = over.json().items[0];
    expect((await m.post(`/api/pairings/${p.id}/end`, { reason: '调整', version: 1 })).statusCode).toBe(403);
    // A pairing ends with a date and a reason (README), never a day still to come.
    const noReason = await leader.post(`/api/pairings/${p.id}/end`, { version: 1 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().fields).toMatchObject([{ path: 'reason', message: '必填' }]);
    expect((await leader.post(`/api/pairings/${p.id}/end`, { reason: '  ', version: 1 })).json().fields[0].path).toBe('reason');
    const future = await leader.post(`/api/pairings/${p.id}/end`, { endDate: '2026-11-21', reason: '调整', version: 1 });
    expect(future.statusCode).toBe(422);
    expect(future.json().fields).toMatchObject([{ path: 'endDate', message: '日期不能晚于今天' }]);
    const ended = await leader.post(`/api/pairings/${p.id}/end`, { reason: '调整', version: 1 });
    expect(ended.json()).toMatchObject({ endDate: '2026-11-20', endReason: '调整' });
    expect((await m.get(`/api/children/${kids[3]?.id}`)).statusCode).toBe(404);
    const overview = (await leader.get(`/api/pairings/overview?schoolId=${s.school.id}`)).json();
    expect(overview.unpaired.map((c: { id: string }) => c.id)).toEqual([kids[3]?.id]);
    expect(overview.mentors.find((x: { id: string }) => x.id === mentor.id)).toMatchObject({ count: 3, overloaded: false });
  });

  it('never pairs a child with a mentor of another school, by hand or by suggestion', async () => {
    app = await buildTestApp({ clock });
    const a = await buildSchoolWithStaff(app);
    const b = await buildSchoolWithStaff(app);
    const foreign = await buildUser(app, 'mentor', b.school.id);
    const local = await buildUser(app, 'mentor', a.school.id);
    const other = await buildClass(app, { schoolId: a.school.id, headTeacherId: local.id });
    const child = await buildChild(app, { schoolId: a.school.id, classId: a.klass.id, keySupport: true });
    const own = await buildChild(app, { schoolId: a.school.id, classId: other.id });
    const leader = await app.as(a.leader.username);
    const bad = await leader.post('/api/pairings', { mentorId: foreign.id, childIds: [child.id] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().fields[0].path).toBe('mentorId');
    const sug = (await leader.post('/api/pairings/suggest', { schoolId: a.school.id })).json();
    expect(sug.items.map((x: { mentorId: string }) => x.mentorId)).toEqual([local.id, local.id]);
    expect(sug.items[0]).toMatchObject({ childId: child.id, keySupport: true, reason: 'balance' });
    expect(sug.items[1]).toMatchObject({ childId: own.id, reason: 'class_teacher' });
    // Nothing is saved by a suggestion; another school's leader cannot even ask.
    expect((await leader.get(`/api/pairings?schoolId=${a.school.id}`)).json().items).toHaveLength(0);
    expect((await (await app.as(b.leader.username)).post('/api/pairings/suggest', { schoolId: a.school.id })).statusCode).toBe(404);
    // A class teacher sees the school's pairings of its class but cannot pair.
    expect((await (await app.as(a.teacher.username)).post('/api/pairings', { mentorId: local.id, childIds: [child.id] })).statusCode).toBe(403);
  });

  it('refuses a child whose archive is no longer active, naming the child, and saves nothing', async () => {
    app = await buildTestApp({ clock });
    const s = await buildSchoolWithStaff(app);
    const mentor = await buildUser(app, 'mentor', s.school.id);
    const kid = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '在册孩子' });
    const gone = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '离校孩子' });
    const home = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '返乡孩子' });
    const leader = await app.as(s.leader.username);
    expect((await leader.post(`/api/children/${gone.id}/status`, { status: 'left', version: gone.version })).statusCode).toBe(200);
    expect((await leader.post(`/api/children/${home.id}/status`, { status: 'returned', version: home.version })).statusCode).toBe(200);
    const res = await leader.post('/api/pairings', { mentorId: mentor.id, childIds: [kid.id, gone.id, home.id] });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toBe('pairing_child_inactive');
    expect(res.json().fields).toEqual([
      { path: 'childIds.1', message: '离校孩子的档案已不在册（已离校），不能结对' },
      { path: 'childIds.2', message: '返乡孩子的档案已不在册（已不再留守），不能结对' },
    ]);
    expect(res.json().message).toContain('离校孩子');
    expect(res.json().message).toContain('返乡孩子');
    expect((await app.ctx.db.selectFrom('pairings').select('id').execute()).length).toBe(0);
    const en = await leader.post('/api/pairings', { mentorId: mentor.id, childIds: [gone.id] }, { 'accept-language': 'en-US' });
    expect(en.json().fields).toEqual([{ path: 'childIds.0', message: "离校孩子's archive is no longer active (Left school), so the child cannot be paired" }]);
    expect(en.json().message).toBe("离校孩子's archive is no longer active (Left school), so the child cannot be paired");
    // Back to active, the child can be paired again.
    const back = (await leader.get(`/api/children/${gone.id}`)).json();
    expect((await leader.post(`/api/children/${gone.id}/status`, { status: 'active', version: back.version })).statusCode).toBe(200);
    expect((await leader.post('/api/pairings', { mentorId: mentor.id, childIds: [kid.id, gone.id] })).statusCode).toBe(201);
  });

  it('reads the children again inside its transaction: a child who left meanwhile is refused, by hand and in a batch', async () => {
    app = await buildTestApp({ clock });
    const s = await buildSchoolWithStaff(app);
    const mentor = await buildUser(app, 'mentor', s.school.id);
    const kid = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '刚离校' });
    const leader = await app.as(s.leader.username);
    const db = app.ctx.db;
    const original = db.transaction.bind(db);
    /** The child's archive changes after the service's first read, just before its transaction begins. */
    const leaveBeforeNextTransaction = () => {
      db.transaction = (() => ({
        execute: async (fn: never) => {
          db.transaction = original;
          await db.updateTable('children').set({ status: 'left' }).where('id', '=', kid.id).execute();
          return original().execute(fn);
        },
      })) as never;
    };
    leaveBeforeNextTransaction();
    const one = await leader.post('/api/pairings', { mentorId: mentor.id, childIds: [kid.id] });
    expect(one.statusCode).toBe(422);
    expect(one.json().fields).toEqual([{ path: 'childIds.0', message: '刚离校的档案已不在册（已离校），不能结对' }]);
    await db.updateTable('children').set({ status: 'active' }).where('id', '=', kid.id).execute();
    leaveBeforeNextTransaction();
    const batch = await leader.post('/api/pairings/batch', { schoolId: s.school.id, pairs: [{ childId: kid.id, mentorId: mentor.id }] });
    expect(batch.statusCode).toBe(422);
    expect(batch.json().fields).toEqual([{ path: 'pairs.0.childId', message: '刚离校的档案已不在册（已离校），不能结对' }]);
    expect(await db.selectFrom('pairings').select('id').execute()).toEqual([]);
  });

  it('a pairing and a status change made at the same time: whichever commits first, no pairing stays open for a child who left', async () => {
    app = await buildTestApp({ clock });
    const s = await buildSchoolWithStaff(app);
    const mentor = await buildUser(app, 'mentor', s.school.id);
    const leader = await app.as(s.leader.username);
    const pair = (id: string) => leader.post('/api/pairings', { mentorId: mentor.id, childIds: [id] });
    const leave = (kid: { id: string; version: number }) => () => leader.post(`/api/children/${kid.id}/status`, { status: 'left', version: kid.version });
    const pairingsOf = (id: string) => app.ctx.db.selectFrom('pairings').select(['end_date', 'end_reason']).where('child_id', '=', id).execute();

    // The pairing first: the status change waits for it, then ends it.
    const first = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id });
    const changed = duringNextTransaction(app, leave(first));
    expect((await pair(first.id)).statusCode).toBe(201);
    expect((await changed()).statusCode).toBe(200);
    expect(await pairingsOf(first.id)).toEqual([{ end_date: '2026-11-20', end_reason: 'child_inactive' }]);

    // The status change first: the pairing waits for it, then sees that the child left.
    const second = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '同时离校' });
    const paired = duringNextTransaction(app, () => pair(second.id));
    expect((await leave(second)()).statusCode).toBe(200);
    const res = await paired();
    expect(res.statusCode).toBe(422);
    expect(await pairingsOf(second.id)).toEqual([]);
  });

  it("refuses a term that is not the children's school's, or does not exist, naming termId", async () => {
    app = await buildTestApp({ clock });
    const s = await buildSchoolWithStaff(app);
    const other = await buildSchoolWithStaff(app);
    const mentor = await buildUser(app, 'mentor', s.school.id);
    const kid = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id });
    const leader = await app.as(s.leader.username);
    const term = { academicYear: '2026-2027', semester: 1, startDate: '2026-09-01', endDate: '2027-01-20' };
    const own = (await leader.post('/api/terms', { schoolId: s.school.id, ...term })).json();
    const foreign = (await (await app.as(other.leader.username)).post('/api/terms', { schoolId: other.school.id, ...term })).json();
    expect(foreign.id).toBeTruthy();
    for (const termId of [foreign.id, '01999999-9999-7999-8999-999999999999']) {
      const res = await leader.post('/api/pairings', { mentorId: mentor.id, childIds: [kid.id], termId });
      expect(res.statusCode).toBe(422);
      expect(res.json().fields).toEqual([{ path: 'termId', message: '所选学期不属于本校或已不存在，请重新选择' }]);
      expect(res.json().message).toBe('所选学期不属于本校或已不存在，请重新选择');
    }
    const en = await leader.post('/api/pairings', { mentorId: mentor.id, childIds: [kid.id], termId: foreign.id }, { 'accept-language': 'en-US' });
    expect(en.json().fields[0].message).toBe("The chosen term is not one of this school's terms, or no longer exists; please choose another");
    expect((await app.ctx.db.selectFrom('pairings').select('id').execute()).length).toBe(0);
    const ok = await leader.post('/api/pairings', { mentorId: mentor.id, childIds: [kid.id], termId: own.id });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().items[0].termId).toBe(own.id);
  });

  it('carries active pairings into a new term in one step', async () => {
    app = await buildTestApp({ clock });
    const s = await buildSchoolWithStaff(app);
    const mentor = await buildUser(app, 'mentor', s.school.id);
    const child = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id });
    const leader = await app.as(s.leader.username);
    await leader.post('/api/pairings', { mentorId: mentor.id, childIds: [child.id], startDate: '2026-09-01' });
    const term = (
      await leader.post('/api/terms', { schoolId: s.school.id, academicYear: '2026-2027', semester: 2, startDate: '2027-02-20', endDate: '2027-07-10' })
    ).json();
    expect((await leader.post('/api/pairings/carry', { schoolId: s.school.id, toTermId: term.id })).json()).toEqual({ carried: 1 });
    const all = (await leader.get(`/api/pairings?schoolId=${s.school.id}&active=all`)).json().items;
    expect(all.map((p: { startDate: string; endDate: string | null }) => [p.startDate, p.endDate]).sort()).toEqual([
      ['2026-09-01', '2027-02-19'],
      ['2027-02-20', null],
    ]);
    // The audit log names the pairing ended and the one made, not only how many were carried.
    const [old, made] = [all.find((p: { endDate: string | null }) => p.endDate), all.find((p: { endDate: string | null }) => !p.endDate)];
    const audited = await app.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'summary'])
      .where('action', 'like', 'pairing.%')
      .where('action', '!=', 'pairing.create')
      .orderBy('action')
      .execute();
    expect(audited.map((a) => [a.action, a.entity_id, JSON.parse(a.summary ?? '{}')])).toEqual([
      ['pairing.carry', null, { toTermId: term.id, carried: 1 }],
      ['pairing.end', old.id, { endDate: '2027-02-19', reason: 'carried' }],
    ]);
    const created = await app.ctx.db
      .selectFrom('audit_log')
      .select(['entity_id', 'summary'])
      .where('action', '=', 'pairing.create')
      .where('entity_id', '=', made.id)
      .execute();
    expect(created.map((a) => JSON.parse(a.summary ?? '{}'))).toEqual([{ childId: child.id, mentorId: mentor.id, termId: term.id }]);
    expect((await leader.post('/api/pairings/carry', { schoolId: s.school.id, toTermId: term.id })).json()).toEqual({ carried: 0 });
  });

  it('carries only the children still active in the school', async () => {
    app = await buildTestApp({ clock });
    const s = await buildSchoolWithStaff(app);
    const neighbour = await buildSchool(app, { regionId: s.county.id });
    const mentor = await buildUser(app, 'mentor', s.school.id);
    const stay = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id });
    const gone = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id });
    const moved = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id });
    const leader = await app.as(s.leader.username);
    const paired = await leader.post('/api/pairings', { mentorId: mentor.id, childIds: [stay.id, gone.id, moved.id], startDate: '2026-09-01' });
    expect(paired.statusCode).toBe(201);
    expect((await leader.post(`/api/children/${gone.id}/status`, { status: 'left', version: gone.version })).statusCode).toBe(200);
    expect((await leader.post(`/api/children/${moved.id}/transfer`, { schoolId: neighbour.id, version: moved.version })).statusCode).toBe(204);
    const term = (
      await leader.post('/api/terms', { schoolId: s.school.id, academicYear: '2026-2027', semester: 2, startDate: '2027-02-20', endDate: '2027-07-10' })
    ).json();
    // The child who left and the child transferred to another school are not carried: their pairings ended when they went.
    expect((await leader.post('/api/pairings/carry', { schoolId: s.school.id, toTermId: term.id })).json()).toEqual({ carried: 1 });
    const after = await app.ctx.db.selectFrom('pairings').select(['child_id', 'term_id', 'end_date', 'end_reason']).execute();
    expect(after.filter((r) => r.term_id === term.id).map((r) => r.child_id)).toEqual([stay.id]);
    expect(after.filter((r) => r.child_id === gone.id)).toEqual([{ child_id: gone.id, term_id: null, end_date: '2026-11-20', end_reason: 'child_inactive' }]);
    expect(after.filter((r) => r.child_id === moved.id)).toEqual([
      { child_id: moved.id, term_id: null, end_date: '2026-11-20', end_reason: 'child_transferred' },
    ]);
  });

  it('refuses a pairing that starts after the chosen term has ended, naming startDate', async () => {
    app = await buildTestApp({ clock });
    const s = await buildSchoolWithStaff(app);
    const mentor = await buildUser(app, 'mentor', s.school.id);
    const child = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id });
    const leader = await app.as(s.leader.username);
    const spring = (
      await leader.post('/api/terms', { schoolId: s.school.id, academicYear: '2025-2026', semester: 2, startDate: '2026-02-20', endDate: '2026-07-10' })
    ).json();
    // Today (2026-11-20) by default, or a date given: both after the spring term.
    for (const body of [{}, { startDate: '2026-09-01' }]) {
      const res = await leader.post('/api/pairings', { mentorId: mentor.id, childIds: [child.id], termId: spring.id, ...body });
      expect(res.statusCode).toBe(422);
      expect(res.json().fields).toEqual([{ path: 'startDate', message: '开始日期晚于所选学期的结束日期（2026-07-10），请改选学期或开始日期' }]);
      const batch = await leader.post('/api/pairings/batch', {
        schoolId: s.school.id,
        termId: spring.id,
        pairs: [{ childId: child.id, mentorId: mentor.id }],
        ...body,
      });
      expect(batch.statusCode).toBe(422);
      expect(batch.json().fields.map((f: { path: string }) => f.path)).toEqual(['startDate']);
    }
    expect(await app.ctx.db.selectFrom('pairings').select('id').execute()).toEqual([]);
    // Within the term it is taken.
    const ok = await leader.post('/api/pairings', { mentorId: mentor.id, childIds: [child.id], termId: spring.id, startDate: '2026-03-01' });
    expect(ok.statusCode).toBe(201);
  });

  it('carries only into a term of the school, naming toTermId otherwise', async () => {
    app = await buildTestApp({ clock });
    const s = await buildSchoolWithStaff(app);
    const other = await buildSchoolWithStaff(app);
    const mentor = await buildUser(app, 'mentor', s.school.id);
    const child = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id });
    const leader = await app.as(s.leader.username);
    expect((await leader.post('/api/pairings', { mentorId: mentor.id, childIds: [child.id], startDate: '2026-09-01' })).statusCode).toBe(201);
    const term = { academicYear: '2026-2027', semester: 2, startDate: '2027-02-20', endDate: '2027-07-10' };
    const foreign = (await (await app.as(other.leader.username)).post('/api/terms', { schoolId: other.school.id, ...term })).json();
    for (const toTermId of [foreign.id, '01999999-9999-7999-8999-999999999999']) {
      const bad = await leader.post('/api/pairings/carry', { schoolId: s.school.id, toTermId });
      expect(bad.statusCode).toBe(422);
      expect(bad.json().fields).toEqual([{ path: 'toTermId', message: '所选学期不属于本校或已不存在，请重新选择' }]);
      expect(bad.json().message).toBe('所选学期不属于本校或已不存在，请重新选择');
    }
    const rows = await app.ctx.db.selectFrom('pairings').select(['term_id', 'end_date']).execute();
    expect(rows).toEqual([{ term_id: null, end_date: null }]);
  });
});

describe('migration 20261206T0900: pairings left open by earlier transfers and departures', () => {
  it('ends them on the day the child moved or its archive changed, never before they began, and leaves the rest', async () => {
    app = await buildTestApp({ clock });
    const a = await buildSchoolWithStaff(app);
    const other = await buildSchool(app, { regionId: a.county.id, name: '新学校' });
    const mentor = await buildUser(app, 'mentor', a.school.id);
    const [moved, left, stays, late] = await Promise.all(
      ['转走的', '离校的', '留下的', '后来结对的'].map((name) => buildChild(app, { schoolId: a.school.id, name })),
    );
    const leader = await app.as(a.leader.username);
    const ids = [moved, left, stays, late].map((c) => c?.id as string);
    expect((await leader.post('/api/pairings', { mentorId: mentor.id, childIds: ids.slice(0, 3), startDate: '2026-09-01' })).statusCode).toBe(201);
    expect((await leader.post('/api/pairings', { mentorId: mentor.id, childIds: [ids[3]], startDate: '2026-11-10' })).statusCode).toBe(201);
    // The data as earlier versions left it: the child moved or left, its pairing still open.
    const db = app.ctx.db;
    await db
      .updateTable('children')
      .set({ school_id: other.id, entered_on: '2026-10-08', updated_at: '2026-10-20T01:00:00.000Z' })
      .where('id', '=', ids[0] as string)
      .execute();
    await db
      .updateTable('children')
      .set({ status: 'left', updated_at: '2026-10-15T03:00:00.000Z' })
      .where('id', '=', ids[1] as string)
      .execute();
    await db
      .updateTable('children')
      .set({ status: 'returned', updated_at: '2026-11-01T03:00:00.000Z' })
      .where('id', '=', ids[3] as string)
      .execute();
    await migrations['20261206T0900-end-departed-pairings']?.up(db, app.ctx.dialect);
    const rows = await db.selectFrom('pairings').select(['child_id', 'end_date', 'end_reason', 'version']).execute();
    const of = (id: string | undefined) => rows.find((r) => r.child_id === id);
    expect(of(ids[0])).toMatchObject({ end_date: '2026-10-08', end_reason: 'child_transferred', version: 2 });
    expect(of(ids[1])).toMatchObject({ end_date: '2026-10-15', end_reason: 'child_inactive', version: 2 });
    expect(of(ids[2])).toMatchObject({ end_date: null, end_reason: null, version: 1 });
    // Its archive changed before the pairing began: ended on its first day.
    expect(of(ids[3])).toMatchObject({ end_date: '2026-11-10', end_reason: 'child_inactive' });
  });
});

describe('migration 20261209T1100: pairings left open by mentors deactivated or no longer mentors', () => {
  it('ends them on the day the account last changed, never before they began, and leaves the rest', async () => {
    app = await buildTestApp({ clock });
    const a = await buildSchoolWithStaff(app);
    const [gone, moved, stays] = await Promise.all([1, 2, 3].map(() => buildUser(app, 'mentor', a.school.id)));
    const kids = await Promise.all(['停用教师的', '改任的', '照旧的', '后来结对的'].map((name) => buildChild(app, { schoolId: a.school.id, name })));
    const ids = kids.map((c) => c.id);
    const leader = await app.as(a.leader.username);
    expect((await leader.post('/api/pairings', { mentorId: gone?.id, childIds: [ids[0]], startDate: '2026-09-01' })).statusCode).toBe(201);
    expect((await leader.post('/api/pairings', { mentorId: moved?.id, childIds: [ids[1]], startDate: '2026-09-01' })).statusCode).toBe(201);
    expect((await leader.post('/api/pairings', { mentorId: stays?.id, childIds: [ids[2]], startDate: '2026-09-01' })).statusCode).toBe(201);
    expect((await leader.post('/api/pairings', { mentorId: gone?.id, childIds: [ids[3]], startDate: '2026-11-10' })).statusCode).toBe(201);
    // The data as earlier versions left it: the account deactivated, the role taken away, the pairings still open.
    const db = app.ctx.db;
    await db
      .updateTable('users')
      .set({ active: 0, updated_at: '2026-10-12T02:00:00.000Z' })
      .where('id', '=', gone?.id as string)
      .execute();
    await db
      .updateTable('users')
      .set({ updated_at: '2026-10-20T02:00:00.000Z' })
      .where('id', '=', moved?.id as string)
      .execute();
    await db
      .deleteFrom('role_assignments')
      .where('user_id', '=', moved?.id as string)
      .where('role', '=', 'mentor')
      .execute();
    await migrations['20261209T1100-end-departed-mentor-pairings']?.up(db, app.ctx.dialect);
    const rows = await db.selectFrom('pairings').select(['child_id', 'end_date', 'end_reason', 'version']).execute();
    const of = (id: string | undefined) => rows.find((r) => r.child_id === id);
    expect(of(ids[0])).toMatchObject({ end_date: '2026-10-12', end_reason: 'mentor_inactive', version: 2 });
    expect(of(ids[1])).toMatchObject({ end_date: '2026-10-20', end_reason: 'mentor_role_removed', version: 2 });
    expect(of(ids[2])).toMatchObject({ end_date: null, end_reason: null, version: 1 });
    expect(of(ids[3])).toMatchObject({ end_date: '2026-11-10', end_reason: 'mentor_inactive' });
  });
});
