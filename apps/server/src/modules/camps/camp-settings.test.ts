import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/index.ts';
import { seedCampThroughApi, sendPhoto, testJpeg } from './camp.test-helpers.ts';

let app: TestApp;
afterEach(async () => app?.close());

/** Before the camp; a later clock lets a refused change be seen not to have touched `updated_at`. */
let now = new Date('2026-07-01T02:00:00Z');
const clock = () => now;

async function seed() {
  now = new Date('2026-07-01T02:00:00Z');
  app = await buildTestApp({ clock });
  const s = await seedCampThroughApi(app);
  now = new Date('2026-07-01T02:05:00Z');
  return s;
}

type Group = { id: string; name: string; size?: number };
type Session = { id: string; title: string; groupIds?: string[] };

/** The camp's stored rows and audit trail, to show a refused change wrote nothing. */
async function stored(campId: string) {
  const db = app.ctx.db;
  return {
    camp: await db.selectFrom('camps').selectAll().where('id', '=', campId).executeTakeFirstOrThrow(),
    volunteers: await db.selectFrom('camp_volunteers').selectAll().where('camp_id', '=', campId).orderBy('id').execute(),
    children: await db.selectFrom('camp_children').selectAll().where('camp_id', '=', campId).orderBy('id').execute(),
    photos: await db.selectFrom('camp_photos').select(['id', 'date']).where('camp_id', '=', campId).orderBy('id').execute(),
    audit: (await db.selectFrom('audit_log').select('action').where('entity_id', '=', campId).execute()).length,
  };
}

describe('camp settings that would lose or break something are refused', () => {
  it('refuses lowering a group’s size below the children in it, naming the group, the size and the count; nothing is written', async () => {
    const s = await seed();
    const leader = await app.as(s.leader.username);
    const kids = [
      ...s.camp.children,
      { id: 'k2', childId: null, name: '小明', groupId: 'g1' },
      { id: 'k3', childId: null, name: '小红', groupId: 'g1' },
      { id: 'k4', childId: null, name: '小刚', groupId: 'g1' },
    ];
    const camp = (await leader.put(`/api/camps/${s.camp.id}/children`, { items: kids, version: s.camp.version })).json();
    const before = await stored(s.camp.id);
    const sized = (size: number) => camp.groups.map((g: Group) => (g.id === 'g1' ? { ...g, size } : g));
    const refused = await s.v.patch(`/api/camps/${s.camp.id}`, { groups: sized(2), version: camp.version });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().fields).toEqual([{ path: 'groups', message: '分组“第1组（6-7岁）”已有 3 名儿童，人数上限不能改为 2；请先把部分儿童调到其他组' }]);
    expect(await stored(s.camp.id)).toEqual(before);
    const en = await s.v.patch(`/api/camps/${s.camp.id}`, { groups: sized(2), version: camp.version }, { 'accept-language': 'en-US' });
    expect(en.json().fields[0].message).toBe(
      'Group “第1组（6-7岁）” already has 3 children, so its size cannot be 2; move some of them to another group first',
    );
    // Down to as many as it has, or no limit at all, is fine; so is any change that leaves the sizes alone.
    const ok = await s.v.patch(`/api/camps/${s.camp.id}`, { groups: sized(3), version: camp.version });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().groups.find((g: Group) => g.id === 'g1').size).toBe(3);
    const renamed = await s.v.patch(`/api/camps/${s.camp.id}`, { title: '石门村夏令营', version: ok.json().version });
    expect(renamed.statusCode).toBe(200);
  });

  it('refuses removing every group of a session, naming the session and the groups; a session keeping one of its groups loses the removed one', async () => {
    const s = await seed();
    // Music only for the oldest group, art for the two oldest.
    const sessions = s.camp.sessions.map((x: Session) =>
      x.id === 'music' ? { ...x, groupIds: ['g6'] } : x.id === 'art' ? { ...x, groupIds: ['g5', 'g6'] } : x,
    );
    let camp = (await s.v.put(`/api/camps/${s.camp.id}/sessions`, { items: sessions, version: s.camp.version })).json();
    await s.v.post(`/api/camps/${s.camp.id}/solve`, {});
    camp = (await s.v.get(`/api/camps/${s.camp.id}`)).json();
    const before = await stored(s.camp.id);
    const without = (...ids: string[]) => camp.groups.filter((g: Group) => !ids.includes(g.id));

    const refused = await s.v.patch(`/api/camps/${s.camp.id}`, { groups: without('g6'), version: camp.version });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().fields).toEqual([{ path: 'groups', message: '课程“音乐”只开给“第6组（12-13岁）”，删除后会变成所有组都上；请先修改或删除这门课' }]);
    // Both of art's groups: art is named with the two, beside music; a group still holding children too.
    const both = await s.v.patch(`/api/camps/${s.camp.id}`, { groups: without('g3', 'g5', 'g6'), version: camp.version });
    expect(both.json().fields.map((f: { message: string }) => f.message)).toEqual([
      '分组“第3组（9岁）”还有 1 名儿童，请先把他们调到其他组再删除该组',
      '课程“音乐”只开给“第6组（12-13岁）”，删除后会变成所有组都上；请先修改或删除这门课',
      '课程“美术”只开给“第5组（11岁）”、“第6组（12-13岁）”，删除后会变成所有组都上；请先修改或删除这门课',
    ]);
    const en = await s.v.patch(`/api/camps/${s.camp.id}`, { groups: without('g5', 'g6'), version: camp.version }, { 'accept-language': 'en-US' });
    expect(en.json().fields.map((f: { message: string }) => f.message)).toContain(
      'Session “美术” is only for “第5组（11岁）”, “第6组（12-13岁）”; without them it would be for all groups. Edit or delete the session first',
    );
    expect(await stored(s.camp.id)).toEqual(before);

    // Music moved to g5 first: g6 goes, art keeps g5, the cells of g6 go.
    const moved = camp.sessions.map((x: Session) => (x.id === 'music' ? { ...x, groupIds: ['g5'] } : x));
    camp = (await s.v.put(`/api/camps/${s.camp.id}/sessions`, { items: moved, version: camp.version })).json();
    const res = await s.v.patch(`/api/camps/${s.camp.id}`, { groups: without('g6'), version: camp.version });
    expect(res.statusCode).toBe(200);
    const byId = (id: string) => res.json().sessions.find((x: Session) => x.id === id);
    expect(byId('music').groupIds).toEqual(['g5']);
    expect(byId('art').groupIds).toEqual(['g5']);
    // A session for all groups stays one.
    expect(byId('pe').groupIds).toBeUndefined();
    const t = (await s.v.get(`/api/camps/${s.camp.id}/timetable`)).json();
    expect(t.cells.some((c: { groupId: string }) => c.groupId === 'g6')).toBe(false);
  });

  it('refuses shortening the camp past days with photos, naming the dates and how many; once they are moved, the camp is shortened', async () => {
    const s = await seed();
    const jpeg = await testJpeg();
    const ids: Record<string, string[]> = {};
    for (const date of ['2026-07-28', '2026-07-28', '2026-07-29', '2026-07-30', '2026-07-31']) {
      const res = await sendPhoto(s.v, s.camp.id, { date }, jpeg);
      expect(res.statusCode).toBe(201);
      const added = res.json().photos.find((p: { id: string; date: string }) => p.date === date && !Object.values(ids).flat().includes(p.id));
      ids[date] = [...(ids[date] ?? []), added.id];
    }
    const camp = (await s.v.get(`/api/camps/${s.camp.id}`)).json();
    const before = await stored(s.camp.id);
    const shorten = { startDate: '2026-07-29', endDate: '2026-07-30', fixedEvents: [], version: camp.version };
    const refused = await s.v.patch(`/api/camps/${s.camp.id}`, shorten);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().fields).toEqual([
      { path: 'startDate', message: '2026-07-28 还有 2 张照片，请先删除这些照片或把它们改到夏令营保留的日期' },
      { path: 'endDate', message: '2026-07-31 还有 1 张照片，请先删除这些照片或把它们改到夏令营保留的日期' },
    ]);
    // Nothing half-written: not the camp (version, updated_at), not the volunteers’ days, not the photos.
    expect(await stored(s.camp.id)).toEqual(before);
    const en = await s.v.patch(`/api/camps/${s.camp.id}`, { ...shorten, endDate: '2026-07-29' }, { 'accept-language': 'en-US' });
    expect(en.json().fields).toEqual([
      { path: 'startDate', message: 'Photos are dated 2026-07-28 (2); delete them or move them to a day the camp keeps first' },
      { path: 'endDate', message: 'Photos are dated 2026-07-30, 2026-07-31 (2); delete them or move them to a day the camp keeps first' },
    ]);

    // Lengthening, or moving a date that has no photos past it, is fine.
    const longer = await s.v.patch(`/api/camps/${s.camp.id}`, { endDate: '2026-08-01', version: camp.version });
    expect(longer.statusCode).toBe(200);
    let version = longer.json().version;
    // The photos of the days going are moved or deleted first; then the camp is shortened.
    for (const id of ids['2026-07-28'] ?? []) expect((await s.v.patch(`/api/camps/${s.camp.id}/photos/${id}`, { date: '2026-07-29' })).statusCode).toBe(200);
    for (const id of ids['2026-07-31'] ?? []) expect((await s.v.delete(`/api/camps/${s.camp.id}/photos/${id}`)).statusCode).toBe(200);
    const res = await s.v.patch(`/api/camps/${s.camp.id}`, { ...shorten, version });
    expect(res.statusCode).toBe(200);
    version = res.json().version;
    expect(res.json()).toMatchObject({ days: ['2026-07-29', '2026-07-30'], version });
    expect(
      res
        .json()
        .photos.map((p: { date: string }) => p.date)
        .sort(),
    ).toEqual(['2026-07-29', '2026-07-29', '2026-07-29', '2026-07-30']);
  });
});

describe('children over a group’s size', () => {
  it('are refused on the rows beyond the size, naming the group and its size; nothing is written', async () => {
    const s = await seed();
    const leader = await app.as(s.leader.username);
    const small = s.camp.groups.map((g: Group) => (g.id === 'g1' ? { ...g, size: 2 } : g));
    const camp = (await s.v.patch(`/api/camps/${s.camp.id}`, { groups: small, version: s.camp.version })).json();
    const kids = [
      ...camp.children,
      { id: 'k2', childId: null, name: '小明', groupId: 'g1' },
      { id: 'k3', childId: null, name: '小红', groupId: 'g1' },
      { id: 'k4', childId: null, name: '小刚', groupId: 'g1' },
    ];
    const before = await stored(s.camp.id);
    const refused = await leader.put(`/api/camps/${s.camp.id}/children`, { items: kids, version: camp.version });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().fields).toEqual([{ path: 'items.3.groupId', message: '分组“第1组（6-7岁）”最多 2 人，请把这名儿童换到其他组' }]);
    const en = await leader.put(`/api/camps/${s.camp.id}/children`, { items: kids, version: camp.version }, { 'accept-language': 'en-US' });
    expect(en.json().fields).toEqual([
      { path: 'items.3.groupId', message: 'Group “第1组（6-7岁）” takes at most 2 children: move this child to another group' },
    ]);
    expect(await stored(s.camp.id)).toEqual(before);
  });
});
