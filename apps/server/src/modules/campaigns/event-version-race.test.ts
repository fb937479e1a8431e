import { afterEach, describe, expect, it } from 'vitest';
import { buildSchoolWithStaff, buildTestApp, type TestApp, testDialect } from '../../test/index.ts';
import { duringNextTransaction } from '../../test/race.ts';

/**
 * Two organisers saving the same event at once, both from version 1: one is saved, the other told
 * (409) instead of silently overwriting it. The version was compared before the write only, so on
 * PostgreSQL both were saved.
 */
let app: TestApp;
afterEach(async () => app?.close());

describe('events: two changes from one version', () => {
  it('saves one PATCH /events/:id and refuses the other with 409', async () => {
    app = await buildTestApp({ clock: () => new Date('2026-05-10T02:00:00Z') });
    const s = await buildSchoolWithStaff(app);
    const bureau = await app.as(s.bureau.username);
    const ev = (
      await bureau.post('/api/events', {
        regionId: s.county.id,
        title: '足球节',
        registrationOpens: '2026-05-01',
        registrationDeadline: '2026-05-20',
        eventDate: '2026-06-01',
        unitIds: [s.school.id],
        rules: { leaders: 1, maxCoaches: 1, minPlayers: 1, maxPlayers: 12 },
      })
    ).json();
    const save = (title: string) => () => bureau.patch(`/api/events/${ev.id}`, { title, version: ev.version });
    const second = duringNextTransaction(app, save('篮球节'));
    const first = await save('排球节')();
    const other = await second();
    expect([first.statusCode, other.statusCode].sort(), `${testDialect}: ${other.body}`).toEqual([200, 409]);
    const row = await app.ctx.db.selectFrom('events').select(['title', 'version']).where('id', '=', ev.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ title: first.statusCode === 200 ? '排球节' : '篮球节', version: ev.version + 1 });
    expect(await app.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'event.update').execute()).toHaveLength(1);
  });
});
