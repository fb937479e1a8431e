import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildSchoolWithStaff, buildTestApp, buildUser, type Client, type TestApp } from '../../test/index.ts';
import { multipart } from '../rosters/roster.test-helpers.ts';
import { removePhotoFiles, savePhoto, thumbPath } from './photos.ts';

let app: TestApp;
afterEach(async () => app?.close());
const clock = () => new Date('2026-11-20T02:00:00Z');

async function setup() {
  app = await buildTestApp({ clock });
  const s = await buildSchoolWithStaff(app);
  const mentor = await buildUser(app, 'mentor', s.school.id);
  const counsellor = await buildUser(app, 'counsellor', s.school.id);
  const paired = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '配对儿童' });
  const other = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '其他儿童' });
  const leader = await app.as(s.leader.username);
  await leader.post('/api/pairings', { mentorId: mentor.id, childIds: [paired.id] });
  return { ...s, mentor, counsellor, paired, other, leaderClient: leader };
}

const talk = (childId: string, extra: Record<string, unknown> = {}) => ({
  kind: 'talk',
  childIds: [childId],
  date: '2026-11-19',
  summary: '聊了学习和想念妈妈的事，帮他借了练习册',
  details: { topics: ['study', 'family'], mood: 'sad', problem: '缺练习册', help: '借给他练习册' },
  ...extra,
});

async function photo(c: Client, id: string, data: Buffer, type = 'image/jpeg') {
  const body = multipart({}, { name: 'p.jpg', data, type });
  return c.request({ method: 'POST', url: `/api/care-records/${id}/photos`, payload: body.payload, headers: body.headers });
}

describe('care records', () => {
  it('lets a mentor log and read records only of its paired children', async () => {
    const s = await setup();
    const m = await app.as(s.mentor.username);
    const res = await m.post('/api/care-records', talk(s.paired.id));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'talk', children: [{ id: s.paired.id }], details: { mood: 'sad' }, canEdit: true });
    expect((await m.post('/api/care-records', talk(s.other.id))).statusCode).toBe(404);
    // The class teacher sees it (its class); the mentor's list holds only its child's records.
    const t = await app.as(s.teacher.username);
    const r2 = await t.post('/api/care-records', { ...talk(s.other.id), kind: 'family_call', details: { mode: 'video', withWhom: 'mother', minutes: 12 } });
    expect(r2.statusCode).toBe(201);
    expect((await t.get('/api/care-records')).json().items).toHaveLength(2);
    expect((await m.get('/api/care-records')).json().items.map((r: { kind: string }) => r.kind)).toEqual(['talk']);
    expect((await m.get(`/api/care-records/${r2.json().id}`)).statusCode).toBe(404);
    // Dates: not in the future; a follow-up not before the record.
    const bad = await m.post('/api/care-records', talk(s.paired.id, { date: '2026-12-01', followUpDate: '2026-11-01' }));
    expect(bad.statusCode).toBe(422);
    expect(bad.json().fields.map((f: { path: string }) => f.path)).toEqual(['date', 'followUpDate']);
    // Nor before the child was born (a slip such as 1990 for 2019), on create or edit.
    const born = (await m.get(`/api/children/${s.paired.id}`)).json().birthDate as string;
    const ancient = await m.post('/api/care-records', talk(s.paired.id, { date: '1990-01-01' }));
    expect(ancient.statusCode).toBe(422);
    expect(ancient.json().fields).toEqual([{ path: 'date', message: '日期早于儿童的出生日期，请核对' }]);
    const moved = await m.patch(`/api/care-records/${res.json().id}`, { date: '1990-01-01', version: 1 });
    expect(moved.json().fields).toEqual([{ path: 'date', message: '日期早于儿童的出生日期，请核对' }]);
    expect((await m.post('/api/care-records', talk(s.paired.id, { date: born }))).statusCode).toBe(201);
    await app.ctx.db.deleteFrom('care_records').where('date', '=', born).execute();
    // "My children": last talk and next follow-up.
    await m.post('/api/care-records', talk(s.paired.id, { date: '2026-11-10', followUpDate: '2026-11-25' }));
    const mine = (await m.get('/api/mentoring/mine')).json().items;
    expect(mine).toEqual([
      expect.objectContaining({ childId: s.paired.id, lastTalk: '2026-11-19', lastFamilyContact: null, parentAway: true, nextFollowUp: '2026-11-25' }),
    ]);
    // A child living with both parents (学籍 code 0) owes no family contact: the card does not ask for it.
    await app.ctx.db.updateTable('children').set({ xueji_code: 0, father_status: 'home', mother_status: 'home' }).where('id', '=', s.paired.id).execute();
    expect((await m.get('/api/mentoring/mine')).json().items[0]).toMatchObject({ parentAway: false });
    await app.ctx.db.updateTable('children').set({ xueji_code: 2, father_status: 'away', mother_status: 'away' }).where('id', '=', s.paired.id).execute();
    // A bureau officer does not write, and reads what was recorded about a child only with a
    // logged reason for that child (DOMAIN.md): without one it sees kind, date and children.
    const b = await app.as(s.bureau.username);
    expect((await b.post('/api/care-records', talk(s.paired.id))).statusCode).toBe(403);
    const listed = (await b.get('/api/care-records')).json().items;
    expect(listed).toHaveLength(3);
    for (const r of listed) expect(r).toMatchObject({ redacted: true, confidential: false, summary: null, details: null, authorName: null, photos: [] });
    expect(JSON.stringify(listed)).not.toContain('练习册');
    expect((await b.get(`/api/care-records/${res.json().id}`)).json()).toMatchObject({ redacted: true, summary: null });
    expect((await b.post(`/api/children/${s.paired.id}/view-reason`, { reason: '核查家长反映的情况' })).statusCode).toBe(204);
    const after = (await b.get('/api/care-records')).json().items as { redacted: boolean; children: { id: string }[] }[];
    expect(after.filter((r) => !r.redacted).map((r) => r.children[0]?.id)).toEqual([s.paired.id, s.paired.id]);
    expect(after.find((r) => r.children[0]?.id === s.other.id)).toMatchObject({ redacted: true });
    expect((await b.get(`/api/care-records/${res.json().id}`)).json()).toMatchObject({ redacted: false, summary: talk('').summary });
  });

  it('keeps counselling confidential from everyone but counsellors and leaders', async () => {
    const s = await setup();
    const c = await app.as(s.counsellor.username);
    const m = await app.as(s.mentor.username);
    const counselling = { kind: 'counselling', childIds: [s.paired.id], date: '2026-11-18', summary: '情绪低落，做了沙盘', details: { issue: '失眠' } };
    expect((await m.post('/api/care-records', counselling)).statusCode).toBe(403);
    const rec = (await c.post('/api/care-records', counselling)).json();
    for (const who of [s.mentor.username, s.teacher.username]) {
      const other = await app.as(who);
      const seen = (await other.get(`/api/care-records?childId=${s.paired.id}`)).json().items[0];
      expect(seen).toMatchObject({ id: rec.id, kind: 'counselling', redacted: true, summary: null, details: null, authorName: null, photos: [] });
      expect(JSON.stringify(seen)).not.toContain('沙盘');
      expect((await other.patch(`/api/care-records/${rec.id}`, { summary: 'x', version: 1 })).statusCode).toBe(403);
    }
    // The bureau does not learn which children receive counselling: not in its lists, not by id, not on
    // the child's timeline, even after giving a reason for the child (its figures still count them).
    const b = await app.as(s.bureau.username);
    for (const q of [`childId=${s.paired.id}`, 'kind=counselling', `schoolId=${s.school.id}`])
      expect((await b.get(`/api/care-records?${q}`)).json().items.map((r: { id: string }) => r.id)).not.toContain(rec.id);
    expect((await b.get(`/api/care-records/${rec.id}`)).statusCode).toBe(404);
    expect((await b.patch(`/api/care-records/${rec.id}`, { summary: 'x', version: 1 })).statusCode).toBe(404);
    await b.post(`/api/children/${s.paired.id}/view-reason`, { reason: '核查家长反映的情况' });
    const timeline = (await b.get(`/api/children/${s.paired.id}/timeline`)).json().items as { type: string; record?: { id: string } }[];
    expect(timeline.filter((i) => i.type === 'care').map((i) => i.record?.id)).not.toContain(rec.id);
    const full = (await s.leaderClient.get(`/api/care-records/${rec.id}`)).json();
    expect(full).toMatchObject({ redacted: false, summary: '情绪低落，做了沙盘' });
    const audit = await app.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', rec.id).execute();
    expect(audit.map((a) => a.action)).toContain('care.view_confidential');
  });

  it('lets authors edit within the window, then only leaders; family letters keep text only with consent', async () => {
    const s = await setup();
    const m = await app.as(s.mentor.username);
    const rec = (await m.post('/api/care-records', talk(s.paired.id))).json();
    expect((await m.patch(`/api/care-records/${rec.id}`, { summary: '补充：已联系妈妈', version: 1 })).json()).toMatchObject({
      summary: '补充：已联系妈妈',
      version: 2,
    });
    expect((await m.patch(`/api/care-records/${rec.id}`, { summary: 'stale', version: 1 })).statusCode).toBe(409);
    // Another teacher who sees the child, within the window: refused for who it is, not for the time.
    const teacher = await app.as(s.teacher.username);
    for (const refused of [
      await teacher.patch(`/api/care-records/${rec.id}`, { summary: '改一下', version: 2 }),
      await teacher.delete(`/api/care-records/${rec.id}`),
    ]) {
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ error: 'record_not_author', message: expect.stringContaining('记录人本人') });
    }
    await app.ctx.db.updateTable('care_records').set({ created_at: '2026-11-01T00:00:00Z' }).where('id', '=', rec.id).execute();
    const locked = await m.patch(`/api/care-records/${rec.id}`, { summary: '晚了', version: 2 });
    expect(locked.statusCode).toBe(403);
    expect(locked.json().message).toContain('7 天');
    expect((await s.leaderClient.patch(`/api/care-records/${rec.id}`, { followUpDone: true, version: 2 })).statusCode).toBe(200);
    expect((await s.leaderClient.delete(`/api/care-records/${rec.id}`)).statusCode).toBe(204);
    expect((await m.get(`/api/care-records/${rec.id}`)).statusCode).toBe(404);
    const letter = {
      kind: 'family_letter',
      childIds: [s.paired.id],
      date: '2026-11-19',
      summary: '给妈妈写信',
      details: { to: 'mother', occasion: '母亲节', text: '妈妈我想你' },
    };
    expect((await m.post('/api/care-records', letter)).json().details.text).toBeNull();
    const agreed = { ...letter, details: { ...letter.details, childConsents: true } };
    expect((await m.post('/api/care-records', agreed)).json().details.text).toBe('妈妈我想你');
  });

  it('strips photo metadata, rejects other types and sizes, and serves photos only to those who see the child', async () => {
    const s = await setup();
    const m = await app.as(s.mentor.username);
    const rec = (await m.post('/api/care-records', talk(s.paired.id))).json();
    const jpeg = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#c8553d' } })
      .jpeg()
      .withExif({ IFD0: { Copyright: 'phone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 30/1 0/1' } })
      .toBuffer();
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    const up = await photo(m, rec.id, jpeg);
    expect(up.statusCode).toBe(201);
    const p = up.json().photos[0];
    expect([p.width, p.height]).toEqual([2560, 1707]);
    const served = await m.get(p.url);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect((await sharp(served.rawPayload).metadata()).exif).toBeUndefined();
    const thumb = await sharp((await m.get(p.thumbUrl)).rawPayload).metadata();
    expect(thumb.width).toBe(400);
    const png = await sharp({ create: { width: 20, height: 20, channels: 4, background: '#ffffff' } })
      .png()
      .toBuffer();
    expect((await photo(m, rec.id, png, 'image/png')).statusCode).toBe(201);
    const text = await photo(m, rec.id, Buffer.from('not an image'));
    expect([text.statusCode, text.json().error]).toEqual([415, 'photo_type']);
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(64)]);
    const h = await photo(m, rec.id, heic);
    expect([h.statusCode, h.json().error]).toEqual([415, 'photo_heic']);
    expect(h.json().message).toContain('兼容性最佳');
    const big = await photo(m, rec.id, Buffer.alloc(11 * 1024 * 1024, 0xff));
    expect([big.statusCode, big.json().error]).toEqual([413, 'photo_too_large']);
    // Someone who does not see the child gets 404 for the photo.
    const other = await buildSchoolWithStaff(app);
    const stranger = await app.as(other.leader.username);
    expect((await stranger.get(p.url)).statusCode).toBe(404);
    expect((await stranger.delete(`/api/care-records/${rec.id}/photos/${p.id}`)).statusCode).toBe(404);
    // The bureau, only after giving a reason for the child.
    const bureau = await app.as(s.bureau.username);
    expect((await bureau.get(p.url)).statusCode).toBe(404);
    await bureau.post(`/api/children/${s.paired.id}/view-reason`, { reason: '核查家长反映的情况' });
    expect((await bureau.get(p.url)).statusCode).toBe(200);
    const left = (await m.delete(`/api/care-records/${rec.id}/photos/${p.id}`)).json();
    expect(left.photos.map((x: { id: string }) => x.id)).not.toContain(p.id);
    expect((await m.get(p.url)).statusCode).toBe(404);
  });

  it('removing a photo removes its file and its thumbnail', async () => {
    const s = await setup();
    const m = await app.as(s.mentor.username);
    const rec = (await m.post('/api/care-records', talk(s.paired.id))).json();
    const jpeg = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } })
      .jpeg()
      .toBuffer();
    const p = (await photo(m, rec.id, jpeg)).json().photos[0];
    await photo(m, rec.id, jpeg);
    const dir = join(app.ctx.config.dataDir, 'photos', s.school.id, rec.id);
    expect(readdirSync(dir)).toHaveLength(4);
    expect((await m.delete(`/api/care-records/${rec.id}/photos/${p.id}`)).statusCode).toBe(200);
    const left = readdirSync(dir);
    expect(left).toHaveLength(2);
    expect(left.some((f) => f.startsWith(p.id))).toBe(false);
  });

  it('removePhotoFiles removes each photo and its thumbnail, and minds no file already gone', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'carebridge-photos-'));
    try {
      const paths = [join('photos', 's', 'r', 'a.jpg'), join('photos', 's', 'r', 'b.jpg'), join('photos', 's', 'r', 'keep.jpg')];
      for (const p of paths) {
        await savePhoto(dataDir, p, Buffer.from('x'));
        await savePhoto(dataDir, thumbPath(p), Buffer.from('x'));
      }
      await removePhotoFiles(dataDir, [paths[0] as string, paths[1] as string, join('photos', 's', 'r', 'gone.jpg')]);
      expect(readdirSync(join(dataDir, 'photos', 's', 'r')).sort()).toEqual(['keep.jpg', 'keep.thumb.jpg']);
      await removePhotoFiles(dataDir, []);
      expect(existsSync(join(dataDir, paths[2] as string))).toBe(true);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('goes with its child on a PIPL erasure: records about that child alone and their photo files', async () => {
    const s = await setup();
    const m = await app.as(s.mentor.username);
    const own = (await m.post('/api/care-records', talk(s.paired.id))).json();
    const shared = (await s.leaderClient.post('/api/care-records', { ...talk(s.paired.id), childIds: [s.paired.id, s.other.id] })).json();
    const jpeg = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } })
      .jpeg()
      .toBuffer();
    await photo(m, own.id, jpeg);
    const { readdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dir = join(app.ctx.config.dataDir, 'photos', s.school.id, own.id);
    expect(readdirSync(dir).sort()).toEqual([expect.stringMatching(/\.jpg$/), expect.stringMatching(/\.thumb\.jpg$/)]);
    const admin = await app.as((await buildUser(app, 'system_admin', null)).username);
    expect((await admin.delete(`/api/children/${s.paired.id}`, { reason: '监护人书面申请' })).statusCode).toBe(204);
    expect(readdirSync(dir)).toHaveLength(0);
    const left = await app.ctx.db.selectFrom('care_records').select('id').execute();
    expect(left.map((r) => r.id)).toEqual([shared.id]);
    const links = await app.ctx.db.selectFrom('care_record_children').select('child_id').where('record_id', '=', shared.id).execute();
    expect(links.map((l) => l.child_id)).toEqual([s.other.id]);
  });

  it('shows archive changes and care records together on the child timeline', async () => {
    const s = await setup();
    const t = await app.as(s.teacher.username);
    await t.patch(`/api/children/${s.paired.id}`, { guardianName: '新监护人', version: 1 });
    await t.post('/api/care-records', { ...talk(s.paired.id), kind: 'home_visit', details: { termPoint: 'middle', present: '奶奶' } });
    const items = (await t.get(`/api/children/${s.paired.id}/timeline`)).json().items;
    // Newest first: the edit and the creation today, the visit written for yesterday.
    expect(items.map((i: { type: string }) => i.type)).toEqual(['history', 'history', 'care']);
    expect(items[2].record.details).toMatchObject({ termPoint: 'middle' });
  });
});
