import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { type KyselyPlugin, SelectQueryNode } from 'kysely';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildClass, buildTestApp, buildUser, type Client, type TestApp } from '../../test/index.ts';
import { multipart, readXlsx } from '../rosters/roster.test-helpers.ts';
import { seedCampThroughApi } from './camp.test-helpers.ts';

let app: TestApp;
afterEach(async () => app?.close());
const clock = () => new Date('2026-07-01T02:00:00Z');

/** The seed's camp through the API on a fresh app (camp.test-helpers.ts). */
async function seedThroughApi() {
  app = await buildTestApp({ clock });
  return seedCampThroughApi(app);
}

/** Count the reads of the `camps` table from now on (every service reads through `app.ctx.db`). */
function countCampReads() {
  let n = 0;
  const plugin: KyselyPlugin = {
    transformQuery({ node }) {
      if (SelectQueryNode.is(node) && JSON.stringify(node.from).includes('"name":"camps"')) n++;
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  app.ctx.db = app.ctx.db.withPlugin(plugin);
  return () => n;
}

type Cell = { groupId: string; unitIndex: number; sessionId: string; volunteerId: string; locked: boolean };
type Unit = { index: number; date: string; start: string; end: string };
/** Cells with their unit written out (date and time), to compare grids of camps whose units are numbered differently. */
const placed = (t: { cells: Cell[]; units: Unit[] }) =>
  t.cells
    .map((c) => {
      const u = t.units[c.unitIndex] as Unit;
      return `${u.date} ${u.start}-${u.end} ${c.groupId} ${c.sessionId} ${c.volunteerId}`;
    })
    .sort();

describe('camps', () => {
  it('a volunteer leader builds the seed camp, solves it, moves a unit and sees the clash, exports the timetable', async () => {
    const s = await seedThroughApi();
    expect(s.camp).toMatchObject({ days: ['2026-07-28', '2026-07-29', '2026-07-30', '2026-07-31'], canEdit: true });
    const solved = await s.v.post(`/api/camps/${s.camp.id}/solve`, {});
    expect(solved.statusCode).toBe(200);
    const t = solved.json();
    expect(t.units).toHaveLength(44);
    expect(t.violations).toEqual([]);
    expect(t.unmet).toEqual([]);
    expect(t.cells.length).toBe(168);
    // Deterministic: solving again gives the same grid.
    const again = (await s.v.post(`/api/camps/${s.camp.id}/solve`, {})).json();
    expect(again.cells).toEqual(t.cells);
    // Move one cell onto a unit where its volunteer already teaches another group: a clash.
    const a = t.cells[0];
    const busy = t.cells.find((c: { volunteerId: string; groupId: string }) => c.volunteerId === a.volunteerId && c.groupId !== a.groupId);
    const moved = t.cells.map((c: typeof a) => (c === a ? { ...a, unitIndex: busy.unitIndex } : c));
    const put = await s.v.put(`/api/camps/${s.camp.id}/timetable`, { cells: moved, version: again.version });
    expect(put.statusCode).toBe(200);
    const codes = put.json().violations.map((x: { code: string }) => x.code);
    expect(codes).toContain('volunteer_double');
    expect(put.json().violations[0].text).toMatch(/\S/);
    // Lock a cell, re-solve: it stays.
    const fixed = { ...t.cells[5], locked: true };
    const withLock = (await s.v.put(`/api/camps/${s.camp.id}/timetable`, { cells: [fixed], version: put.json().version })).json();
    const resolved = (await s.v.post(`/api/camps/${s.camp.id}/solve`, { keepLocked: true })).json();
    expect(resolved.cells).toContainEqual({ ...fixed, locked: true });
    expect(withLock.cells).toHaveLength(1);
    // The workbook: a sheet per group, per volunteer, and attendance per group.
    const x = await s.v.get(`/api/camps/${s.camp.id}/timetable.xlsx`);
    expect(x.statusCode).toBe(200);
    const wb = await readXlsx(x.rawPayload);
    expect(wb.worksheets.length).toBe(s.seed.groups.length * 2 + s.seed.volunteers.length);
    const summary = (await s.v.get(`/api/camps/${s.camp.id}/summary`)).json();
    expect(summary).toMatchObject({ children: 1, groups: 6, volunteers: 15, units: resolved.cells.length });
    // The camp feeds the school's briefing for the period.
    const leader = await app.as(s.leader.username);
    const briefing = (await leader.post('/api/briefings', { schoolId: s.school.id, period: '2026-07' })).json();
    expect(briefing.sections.highlights).toContain('2026 暑期支教夏令营：1 名学员');
    expect(briefing.sections.highlights).toContain('英语');
  });

  it('explains what the solver cannot fit', async () => {
    const s = await seedThroughApi();
    // Only one volunteer for music, available half a day.
    const volunteers = s.seed.volunteers.map((x) => ({ ...x, sessionIds: x.sessionIds.filter((id) => id !== 'music') }));
    volunteers[1] = {
      ...volunteers[1],
      sessionIds: [...(volunteers[1]?.sessionIds ?? []), 'music'],
      available: [{ date: '2026-07-29', start: '09:00', end: '11:30' }],
    } as never;
    const camp = (await s.v.get(`/api/camps/${s.camp.id}`)).json();
    await s.v.put(`/api/camps/${s.camp.id}/volunteers`, { items: volunteers, version: camp.version });
    const t = (await s.v.post(`/api/camps/${s.camp.id}/solve`, {})).json();
    const music = t.unmet.filter((u: { sessionId: string }) => u.sessionId === 'music');
    expect(music.length).toBeGreaterThan(0);
    expect(music[0].text).toContain('音乐');
    expect(t.violations).toEqual([]);
  });

  it('volunteers see only the children of their camp; bad input names the field', async () => {
    const s = await seedThroughApi();
    expect((await s.v.get(`/api/children/${s.child.id}`)).statusCode).toBe(200);
    expect((await s.v.get(`/api/children/${s.other.id}`)).statusCode).toBe(404);
    // A volunteer may report an incident for a child at the camp.
    const inc = await s.v.post('/api/incidents', {
      childIds: [s.child.id],
      kind: 'injury',
      severity: 'minor',
      occurredAt: '2026-07-01T01:00:00.000Z',
      description: '游戏时擦伤膝盖',
    });
    expect(inc.statusCode).toBe(201);
    const bad = await s.v.patch(`/api/camps/${s.camp.id}`, {
      endDate: '2026-07-20',
      windows: [
        { start: '09:00', end: '11:30' },
        { start: '11:00', end: '12:00' },
      ],
      version: s.camp.version,
    });
    expect(bad.statusCode).toBe(422);
    expect(
      bad
        .json()
        .fields.map((f: { path: string }) => f.path)
        .sort(),
      // The camp's fixed events (the opening on 7.28) are kept by a change that does not send them, and now fall outside.
    ).toEqual(['endDate', 'fixedEvents.0.date', 'windows.1']);
    // A volunteer's phone is a phone: typed as people write it, stored bare; a wrong one names its row.
    const camp = (await s.v.get(`/api/camps/${s.camp.id}`)).json();
    const items = s.seed.volunteers.map((x, i) => ({ ...x, phone: i === 0 ? '139 1234 5678' : i === 1 ? '12345' : null }));
    const wrong = await s.v.put(`/api/camps/${s.camp.id}/volunteers`, { items, version: camp.version });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().fields).toEqual([{ path: 'items.1.phone', message: '请输入正确的手机号或带区号的固定电话' }]);
    items[1] = { ...items[1], phone: '' } as (typeof items)[number];
    const saved = await s.v.put(`/api/camps/${s.camp.id}/volunteers`, { items, version: camp.version });
    expect(saved.statusCode).toBe(200);
    const phones = (await s.v.get(`/api/camps/${s.camp.id}`)).json().volunteers.map((v: { phone: string | null }) => v.phone);
    expect(phones.slice(0, 2)).toEqual(['13912345678', null]);
    // Removing a session removes it from the volunteers and from the timetable.
    await s.v.post(`/api/camps/${s.camp.id}/solve`, {});
    const cur = (await s.v.get(`/api/camps/${s.camp.id}`)).json();
    const after = (
      await s.v.put(`/api/camps/${s.camp.id}/sessions`, { items: cur.sessions.filter((x: { id: string }) => x.id !== 'music'), version: cur.version })
    ).json();
    expect(after.volunteers.some((v: { sessionIds: string[] }) => v.sessionIds.includes('music'))).toBe(false);
    expect((await s.v.get(`/api/camps/${s.camp.id}/timetable`)).json().cells.some((c: { sessionId: string }) => c.sessionId === 'music')).toBe(false);
    s.camp.version = after.version;
    const badCells = await s.v.put(`/api/camps/${s.camp.id}/timetable`, {
      cells: [{ groupId: 'nope', unitIndex: 999, sessionId: 'pe', volunteerId: 'v01' }],
      version: s.camp.version,
    });
    expect(badCells.json().fields.map((f: { path: string }) => f.path)).toEqual(['cells.0.groupId', 'cells.0.unitIndex']);
    const badKids = await s.v.put(`/api/camps/${s.camp.id}/children`, {
      items: [{ id: 'k9', childId: s.other.id, name: 'x', groupId: 'g1' }],
      version: s.camp.version,
    });
    // The volunteer cannot put a child it does not see into the camp.
    expect(badKids.json().fields.map((f: { path: string }) => f.path)).toEqual(['items.0.childId']);
    // The school's staff read the camp; only its editors solve it.
    const t = await app.as(s.teacher.username);
    expect((await t.get(`/api/camps/${s.camp.id}`)).statusCode).toBe(200);
    expect((await t.post(`/api/camps/${s.camp.id}/solve`, {})).statusCode).toBe(403);
  });

  it("names to the school's other staff only the camp children they see; the rest are counted, and the summary counts all", async () => {
    const s = await seedThroughApi();
    const otherClass = await buildClass(app, { schoolId: s.school.id, grade: 6 });
    const hidden = await buildChild(app, { schoolId: s.school.id, classId: otherClass.id, name: '别班营员' });
    const leader = await app.as(s.leader.username);
    const cur = (await leader.get(`/api/camps/${s.camp.id}`)).json();
    const items = [
      ...cur.children,
      { id: 'k2', childId: hidden.id, name: hidden.name, groupId: 'g3' },
      { id: 'k3', childId: null, name: '村里的孩子', groupId: 'g3' },
    ];
    const saved = await leader.put(`/api/camps/${s.camp.id}/children`, { items, version: cur.version });
    expect(saved.json()).toMatchObject({ childrenHidden: 0 });
    const mentor = await app.as((await buildUser(app, 'mentor', s.school.id)).username);
    const teacher = await app.as(s.teacher.username);
    const names = async (c: Client) => {
      const camp = (await c.get(`/api/camps/${s.camp.id}`)).json();
      return { names: camp.children.map((k: { name: string }) => k.name), hidden: camp.childrenHidden };
    };
    // The camp's editors and volunteers keep the whole list; its groups are theirs to arrange.
    expect(await names(leader)).toEqual({ names: ['小营员', '别班营员', '村里的孩子'], hidden: 0 });
    expect(await names(s.v)).toEqual({ names: ['小营员', '别班营员', '村里的孩子'], hidden: 0 });
    // A class teacher reads its own class's child by name; a mentor without pairings none.
    expect(await names(teacher)).toEqual({ names: ['小营员'], hidden: 2 });
    expect(await names(mentor)).toEqual({ names: [], hidden: 3 });
    const book = await readXlsx((await teacher.get(`/api/camps/${s.camp.id}/timetable.xlsx`)).rawPayload);
    const cells: string[] = [];
    book.eachSheet((ws) => ws.eachRow((r) => cells.push(JSON.stringify(r.values))));
    expect(cells.join()).toContain('小营员');
    expect(cells.join()).not.toContain('别班营员');
    expect((await mentor.get(`/api/camps/${s.camp.id}/summary`)).json().children).toBe(3);
  });

  it('renaming a camp keeps its groups, settings and timetable (a change sends only what changed)', async () => {
    const s = await seedThroughApi();
    await s.v.post(`/api/camps/${s.camp.id}/solve`, {});
    const before = (await s.v.get(`/api/camps/${s.camp.id}`)).json();
    const renamed = await s.v.patch(`/api/camps/${s.camp.id}`, { title: '石门村夏令营', version: before.version });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({
      title: '石门村夏令营',
      groups: before.groups,
      fixedEvents: before.fixedEvents,
      unitMinutes: 30,
      maxLessonsInRow: 3,
    });
    expect((await s.v.get(`/api/camps/${s.camp.id}/timetable`)).json().cells).toHaveLength(168);
  });

  it('volunteers add photos of the camp days; the summary counts them and the briefing offers them', async () => {
    const s = await seedThroughApi();
    const jpeg = await sharp({ create: { width: 90, height: 60, channels: 3, background: '#2a7' } })
      .jpeg()
      .toBuffer();
    const send = (c: typeof s.v, fields: Record<string, string>, data = jpeg) => {
      const body = multipart(fields, { name: '合影.jpg', data, type: 'image/jpeg' });
      return c.request({ method: 'POST', url: `/api/camps/${s.camp.id}/photos`, payload: body.payload, headers: body.headers });
    };
    const added = await send(s.v, { caption: '英语课：单词记忆游戏', date: '2026-07-29' });
    expect(added.statusCode).toBe(201);
    const photo = added.json().photos[0];
    expect(photo).toMatchObject({ date: '2026-07-29', caption: '英语课：单词记忆游戏', canEdit: true, width: 90, height: 60 });
    expect(added.json().canAddPhotos).toBe(true);
    const thumb = await s.v.get(photo.thumbUrl);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    // No date: today (before the camp) becomes its first day. A day outside the camp names the field.
    expect((await send(s.v, {})).json().photos.map((p: { date: string }) => p.date)).toEqual(['2026-07-28', '2026-07-29']);
    const outside = await send(s.v, { date: '2026-08-15' });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().fields.map((f: { path: string }) => f.path)).toEqual(['date']);
    expect((await send(s.v, {}, Buffer.from('not a photo'))).statusCode).toBe(415);
    // The school's teachers read the photos but do not add or delete them.
    const t = await app.as(s.teacher.username);
    expect((await t.get(photo.url)).statusCode).toBe(200);
    expect((await send(t, {})).statusCode).toBe(403);
    expect((await t.delete(`/api/camps/${s.camp.id}/photos/${photo.id}`)).statusCode).toBe(403);
    const recaptioned = await s.v.patch(`/api/camps/${s.camp.id}/photos/${photo.id}`, { caption: '英语课' });
    expect(recaptioned.json().photos.find((p: { id: string }) => p.id === photo.id).caption).toBe('英语课');
    expect((await s.v.get(`/api/camps/${s.camp.id}/summary`)).json().photos).toBe(2);

    // The school's briefing for July offers the camp's photos and puts a chosen one into the Word file.
    const leader = await app.as(s.leader.username);
    const b = (await leader.post('/api/briefings', { schoolId: s.school.id, period: '2026-07' })).json();
    const offered = b.candidates.filter((c: { source: string }) => c.source === 'camp');
    expect(offered).toHaveLength(2);
    expect(offered.find((c: { id: string }) => c.id === photo.id).caption).toContain('2026 暑期支教夏令营 英语课');
    const put = await leader.put(`/api/briefings/${b.id}`, { photoIds: [photo.id], version: b.version });
    expect(put.statusCode).toBe(200);
    const zip = await JSZip.loadAsync((await leader.get(`/api/briefings/${b.id}.docx`)).rawPayload);
    expect(await zip.file('word/document.xml')?.async('string')).toContain('英语课');

    // Deleting the photo, then the camp, leaves neither rows nor files; each step is audited.
    const del = await s.v.delete(`/api/camps/${s.camp.id}/photos/${photo.id}`);
    expect(del.json().photos).toHaveLength(1);
    expect((await s.v.get(photo.url)).statusCode).toBe(404);
    expect((await s.v.delete(`/api/camps/${s.camp.id}`)).statusCode).toBe(204);
    expect(await app.ctx.db.selectFrom('camp_photos').select('id').execute()).toEqual([]);
    const dir = join(app.ctx.config.dataDir, 'camps', s.school.id, s.camp.id);
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
    const actions = (await app.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', s.camp.id).execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['camp.photo', 'camp.photo_update', 'camp.photo_delete', 'camp.delete']));
  });

  it('refuses to remove a group that still has children, naming it; once they are moved, the group and all naming it go', async () => {
    const s = await seedThroughApi();
    // A second child, typed in, in a group that stays.
    let camp = (
      await s.v.put(`/api/camps/${s.camp.id}/children`, {
        items: [...s.camp.children, { id: 'k2', childId: null, name: '小明', groupId: 'g1' }],
        version: s.camp.version,
      })
    ).json();
    await s.v.post(`/api/camps/${s.camp.id}/solve`, {});
    camp = (await s.v.get(`/api/camps/${s.camp.id}`)).json();
    expect((await s.v.get(`/api/camps/${s.camp.id}/timetable`)).json().cells.some((c: Cell) => c.groupId === 'g3')).toBe(true);
    const withoutG3 = camp.groups.filter((g: { id: string }) => g.id !== 'g3');
    const g3 = camp.groups.find((g: { id: string }) => g.id === 'g3');
    const refused = await s.v.patch(`/api/camps/${s.camp.id}`, { groups: withoutG3, version: camp.version });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().fields).toEqual([{ path: 'groups', message: `分组“${g3.name}”还有 1 名儿童，请先把他们调到其他组再删除该组` }]);
    // Nothing changed: the child is still in the camp, the volunteer still sees its archive.
    expect((await s.v.get(`/api/camps/${s.camp.id}`)).json()).toMatchObject({ version: camp.version, groups: camp.groups });
    expect((await s.v.get(`/api/children/${s.child.id}`)).statusCode).toBe(200);
    // The child moved to g1 first, the group goes.
    const moved = (
      await s.v.put(`/api/camps/${s.camp.id}/children`, {
        items: camp.children.map((c: { groupId: string }) => ({ ...c, groupId: 'g1' })),
        version: camp.version,
      })
    ).json();
    const res = await s.v.patch(`/api/camps/${s.camp.id}`, { groups: withoutG3, version: moved.version });
    expect(res.statusCode).toBe(200);
    const after = res.json();
    expect(after.children.map((c: { groupId: string }) => c.groupId)).toEqual(['g1', 'g1']);
    // Sessions and the timetable name the group no more; the other groups keep their cells.
    expect(after.sessions.some((x: { groupIds?: string[] }) => x.groupIds?.includes('g3'))).toBe(false);
    const t = (await s.v.get(`/api/camps/${s.camp.id}/timetable`)).json();
    expect(t.cells.some((c: Cell) => c.groupId === 'g3')).toBe(false);
    expect(t.cells.some((c: Cell) => c.groupId === 'g1')).toBe(true);
    expect((await s.v.get('/api/camps')).json().items[0]).toMatchObject({ id: s.camp.id, groups: 5, children: 2 });
  });

  it('shortening the camp drops the volunteers’ days and the units outside it; the rest of the grid stays on its days', async () => {
    const s = await seedThroughApi();
    await s.v.post(`/api/camps/${s.camp.id}/solve`, {});
    const before = (await s.v.get(`/api/camps/${s.camp.id}/timetable`)).json();
    const camp = (await s.v.get(`/api/camps/${s.camp.id}`)).json();
    // The first and last days go (and with the first, the opening, which the change sends no more).
    const res = await s.v.patch(`/api/camps/${s.camp.id}`, { startDate: '2026-07-29', endDate: '2026-07-30', fixedEvents: [], version: camp.version });
    expect(res.statusCode).toBe(200);
    const after = res.json();
    expect(after.days).toEqual(['2026-07-29', '2026-07-30']);
    const dates = (v: { available?: { date: string }[] }) => v.available?.map((a) => a.date);
    expect(after.volunteers.flatMap((v: { available?: { date: string }[] }) => dates(v) ?? [])).not.toContain('2026-07-28');
    expect(after.volunteers.flatMap((v: { available?: { date: string }[] }) => dates(v) ?? [])).not.toContain('2026-07-31');
    const byId = (id: string) => after.volunteers.find((v: { id: string }) => v.id === id);
    // 赵一鸣 came on the first two days: now the second only. Those there all along stay so (no `available`).
    expect(dates(byId('v07'))).toEqual(['2026-07-29']);
    expect(dates(byId('v08'))).toEqual(['2026-07-29', '2026-07-30']);
    expect(byId('v01').available).toBeUndefined();
    const stored = await app.ctx.db.selectFrom('camp_volunteers').select('available').where('camp_id', '=', s.camp.id).execute();
    expect(stored.some((v) => /2026-07-(28|31)/.test(v.available ?? ''))).toBe(false);
    // The cells of the days kept are where they were (same date and time); those of the days gone are gone.
    const t = (await s.v.get(`/api/camps/${s.camp.id}/timetable`)).json();
    expect(t.units).toHaveLength(22);
    const kept = placed(before).filter((x) => x.startsWith('2026-07-29') || x.startsWith('2026-07-30'));
    expect(kept.length).toBeGreaterThan(0);
    expect(placed(t)).toEqual(kept);
    expect(t.violations).toEqual([]);
  });

  it('exports the timetable reading the camp once, audited by the service with the camp’s school and region', async () => {
    const s = await seedThroughApi();
    const t = (await s.v.post(`/api/camps/${s.camp.id}/solve`, {})).json();
    const reads = countCampReads();
    const x = await s.v.get(`/api/camps/${s.camp.id}/timetable.xlsx`);
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-disposition']).toContain('.xlsx');
    expect(reads()).toBe(1);
    const wb = await readXlsx(x.rawPayload);
    expect(wb.worksheets.length).toBe(s.seed.groups.length * 2 + s.seed.volunteers.length);
    // The first group's sheet shows its cells: as many filled as the grid gives it.
    const g1 = t.cells.filter((c: Cell) => c.groupId === 'g1').length;
    let filled = 0;
    wb.worksheets[0]?.eachRow((row, n) => {
      if (n > 2) row.eachCell((c, col) => void (col > 1 && String(c.value ?? '').includes('\n') && filled++));
    });
    expect(filled).toBe(g1);
    const audit = await app.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'entity', 'school_id', 'region_path', 'user_id'])
      .where('entity_id', '=', s.camp.id)
      .where('action', '=', 'camp.export')
      .execute();
    expect(audit).toEqual([{ action: 'camp.export', entity: 'camp', school_id: s.school.id, region_path: s.county.path, user_id: s.volunteer.id }]);
  });
});
