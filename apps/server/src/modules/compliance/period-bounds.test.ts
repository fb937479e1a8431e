import { newId } from '@carebridge/db';
import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildSchoolWithStaff, buildTestApp, type TestApp } from '../../test/index.ts';
import { readXlsx } from '../rosters/roster.test-helpers.ts';

let app: TestApp | undefined;
afterEach(async () => app?.close());

describe('periods of reports, compliance and due lists', () => {
  it('refuse an impossible month or day, a year before 1000 and a span over ten years with a 400 naming the field', async () => {
    app = await buildTestApp({ clock: () => new Date('2026-11-20T02:00:00Z') });
    const s = await buildSchoolWithStaff(app);
    await buildChild(app, { schoolId: s.school.id, classId: s.klass.id });
    const leader = await app.as(s.leader.username);
    const school = `schoolId=${s.school.id}`;
    const refused = async (res: Awaited<ReturnType<typeof leader.get>>, path: string, text: RegExp) => {
      expect(res.statusCode, res.body).toBe(400);
      const field = (res.json().fields as { path: string; message: string }[]).find((f) => f.path === path);
      expect(field?.message, res.body).toMatch(text);
    };
    const shape = /时段应为/;
    const long = /不能超过 10 年/;
    for (const p of ['2026-13', '2026-00', '2026-99-99..2026-99-99', '2026-02-30..2026-03-31'])
      for (const url of ['/api/compliance', '/api/compliance/export.xlsx']) await refused(await leader.get(`${url}?${school}&period=${p}`), 'period', shape);
    for (const p of ['1000-01-01..9999-12-31', '1850-01-01..2026-12-31', '2016-01-01..2026-01-02']) {
      await refused(await leader.get(`/api/compliance?${school}&period=${p}`), 'period', long);
      await refused(await leader.get(`/api/compliance/export.xlsx?${school}&period=${p}`), 'period', long);
      await refused(await leader.post('/api/briefings', { schoolId: s.school.id, period: p }), 'period', long);
      const [from, to] = p.split('..');
      await refused(await leader.get(`/api/stats?${school}&from=${from}&to=${to}`), 'to', long);
      await refused(await leader.get(`/api/due-items?${school}&from=${from}&to=${to}`), 'to', long);
    }
    // A year before 1000 is not a date here (the period that crashed the server began in year 1).
    await refused(await leader.get(`/api/compliance?${school}&period=0001-01-01..9999-12-31`), 'period', shape);
    await refused(await leader.get(`/api/due-items?${school}&from=0999-01-01&to=2026-12-31`), 'from', /日期/);
    await refused(await leader.get(`/api/stats?${school}&from=0100-01-01&to=2026-12-31`), 'from', /日期/);
    // Ten years to the day are a report's longest period, and answered.
    expect((await leader.get(`/api/compliance?${school}&period=2016-01-01..2026-01-01`)).statusCode).toBe(200);
    expect((await leader.get(`/api/stats?${school}&from=2016-11-20&to=2026-11-20`)).statusCode).toBe(200);
    expect((await leader.get(`/api/due-items?${school}&from=2016-11-20&to=2026-11-20`)).statusCode).toBe(200);
  });

  it('with a school and a region both given, report the school in the page and the export alike', async () => {
    app = await buildTestApp({ clock: () => new Date('2026-11-20T02:00:00Z') });
    const s = await buildSchoolWithStaff(app);
    await buildChild(app, { schoolId: s.school.id, classId: s.klass.id });
    const leader = await app.as(s.leader.username);
    for (const regionId of [newId(), s.county.id]) {
      const q = `schoolId=${s.school.id}&regionId=${regionId}&period=2026-11`;
      expect((await leader.get(`/api/compliance?${q}`)).json()).toMatchObject({ from: '2026-11-01' });
      const res = await leader.get(`/api/compliance/export.xlsx?${q}`);
      expect(res.statusCode, res.body).toBe(200);
      const book = await readXlsx(res.rawPayload);
      expect(book.worksheets.map((w) => w.name)).toEqual(
        (await readXlsx((await leader.get(`/api/compliance/export.xlsx?schoolId=${s.school.id}&period=2026-11`)).rawPayload)).worksheets.map((w) => w.name),
      );
    }
  });
});
