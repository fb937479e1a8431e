import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/index.ts';
import { duringNextTransaction } from '../../test/race.ts';
import { seedCampThroughApi, sendPhoto, testJpeg } from './camp.test-helpers.ts';

let app: TestApp;
afterEach(async () => app?.close());
const clock = () => new Date('2026-07-01T02:00:00Z');

/** Every file under the data folder (the photos and their thumbnails). */
const files = (): string[] =>
  readdirSync(app.ctx.config.dataDir, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile())
    .map((f) => join(f.parentPath, f.name));

describe('a photo added or re-dated while the camp is shortened', () => {
  it('whichever commits first, no photo is left on a day the camp no longer has, and a refused upload leaves no file', async () => {
    app = await buildTestApp({ clock });
    const s = await seedCampThroughApi(app);
    const jpeg = await testJpeg();
    const db = app.ctx.db;
    const version = async () => (await s.v.get(`/api/camps/${s.camp.id}`)).json().version as number;
    const shorten = async (endDate: string) => {
      const v = await version();
      return () => s.v.patch(`/api/camps/${s.camp.id}`, { endDate, fixedEvents: [], version: v });
    };
    const dates = async () => (await db.selectFrom('camp_photos').select('date').where('camp_id', '=', s.camp.id).orderBy('date').execute()).map((p) => p.date);
    const dateRefused = { path: 'date', message: '日期不在夏令营期间' };

    // The shortening first: the upload waits for it, then finds its day gone; its files go too.
    const save = await shorten('2026-07-30');
    const uploaded = duringNextTransaction(app, () => sendPhoto(s.v, s.camp.id, { date: '2026-07-31' }, jpeg));
    expect((await save()).statusCode).toBe(200);
    const refused = await uploaded();
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fields).toEqual([dateRefused]);
    expect(await dates()).toEqual([]);
    expect(files()).toEqual([]);

    // The upload first: the shortening waits for it, then sees the photo and is refused.
    const later = await shorten('2026-07-29');
    const saved = duringNextTransaction(app, later);
    expect((await sendPhoto(s.v, s.camp.id, { date: '2026-07-30' }, jpeg)).statusCode).toBe(201);
    const shortened = await saved();
    expect(shortened.statusCode).toBe(422);
    expect(shortened.json().fields).toEqual([{ path: 'endDate', message: expect.stringContaining('2026-07-30') }]);
    expect(await dates()).toEqual(['2026-07-30']);
    expect(files()).toHaveLength(2);

    // Re-dating a photo while the camp is shortened: the same, either way round.
    const photoId = (await db.selectFrom('camp_photos').select('id').where('camp_id', '=', s.camp.id).executeTakeFirstOrThrow()).id;
    const redate = (date: string) => () => s.v.patch(`/api/camps/${s.camp.id}/photos/${photoId}`, { date });
    expect((await redate('2026-07-28')()).statusCode).toBe(200);
    const cut = await shorten('2026-07-29');
    const moved = duringNextTransaction(app, redate('2026-07-30'));
    expect((await cut()).statusCode).toBe(200);
    const late = await moved();
    expect(late.statusCode).toBe(400);
    expect(late.json().fields).toEqual([dateRefused]);
    const again = await shorten('2026-07-28');
    const cutAfter = duringNextTransaction(app, again);
    expect((await redate('2026-07-29')()).statusCode).toBe(200);
    expect((await cutAfter()).statusCode).toBe(422);
    expect(await dates()).toEqual(['2026-07-29']);
    expect((await s.v.get(`/api/camps/${s.camp.id}`)).json()).toMatchObject({ endDate: '2026-07-29' });
  });
});
