import { makeIdNumber } from '@carebridge/shared';
import type ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildClass, buildUser, type Client, type TestApp } from '../../test/index.ts';
import { readXlsx } from '../rosters/roster.test-helpers.ts';
import { county } from './reporting.test-helpers.ts';

let app: TestApp | undefined;
afterEach(async () => app?.close());

type Row = Record<string, unknown> & { name: string };
type Sub = { id: string; version: number; rows: Row[] };

/** Every phone and ID number a roster row carries. */
const NUMBERS = ['idNumber', 'fatherIdNumber', 'motherIdNumber', 'guardianIdNumber', 'fatherPhone', 'motherPhone', 'guardianPhone', 'hostPhone'];
const PHONES = ['fatherPhone', 'motherPhone', 'guardianPhone', 'hostPhone'];

/** A child with every number filled in, so that a number shown in full cannot hide behind an empty field. */
const FULL = {
  name: '号码全',
  birthDate: '2016-04-04',
  gender: 'male' as const,
  idNumber: makeIdNumber('530102', '2016-04-04', 77, 'male'),
  fatherIdNumber: makeIdNumber('530102', '1988-02-02', 11, 'male'),
  motherIdNumber: makeIdNumber('530102', '1990-03-03', 12, 'female'),
  guardianIdNumber: makeIdNumber('530102', '1958-05-05', 13, 'female'),
  fatherPhone: '13912345671',
  motherPhone: '13712345672',
  guardianPhone: '19725938670',
  boarding: 'host' as const,
  hostName: '借宿点张阿姨',
  hostPhone: '13612345673',
};

/** Open, submit and approve a class's roster as the leader. */
async function approveClass(c: Client, termId: string, classId: string) {
  const open = (await c.post('/api/roster-submissions', { termId, classId })).json() as Sub;
  const sent = (await c.post(`/api/roster-submissions/${open.id}/submit`, { version: open.version })).json() as Sub;
  expect((await c.post(`/api/roster-submissions/${open.id}/approve`, { version: sent.version })).statusCode).toBe(200);
}

/** The county with the child above in the first class and the school's roster sent to the bureau. */
async function submitted() {
  const s = await county();
  app = s.app;
  await buildChild(s.app, { schoolId: s.school.id, classId: s.klass.id, ...FULL });
  await approveClass(s.leader, s.term.id, s.klass.id);
  await approveClass(s.leader, s.term.id, s.k2.id);
  const open = (await s.leader.post('/api/roster-submissions', { termId: s.term.id })).json() as Sub;
  const sent = (await s.leader.post(`/api/roster-submissions/${open.id}/submit`, { version: open.version })).json() as Sub;
  return { ...s, sent };
}

const masked = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.includes('*'));

describe('a submitted roster read as a list', () => {
  it('shows the bureau no full phone or ID number, masked as every list masks them, and audits the view', async () => {
    const s = await submitted();
    const b = await s.app.as(s.bureau.username);
    const res = await b.get(`/api/roster-submissions/${s.sent.id}`);
    expect(res.statusCode).toBe(200);
    for (const full of [FULL.idNumber, FULL.fatherIdNumber, FULL.guardianIdNumber, FULL.fatherPhone, FULL.motherPhone, FULL.guardianPhone, FULL.hostPhone])
      expect(res.body).not.toContain(full);
    const rows = (res.json() as Sub).rows;
    for (const row of rows) for (const k of NUMBERS) expect(masked(row[k]), `${row.name} ${k}`).toBe(true);
    const child = rows.find((r) => r.name === FULL.name) as Row;
    expect(child.guardianPhone).toBe('197****8670');
    // The same mask as in the bureau's list of children.
    const list = (await b.get(`/api/children?schoolId=${s.school.id}&limit=100`)).json().items as Row[];
    expect(list.find((r) => r.name === FULL.name)?.guardianPhone).toBe(child.guardianPhone);
    expect(list.find((r) => r.name === FULL.name)?.idNumber).toBe(child.idNumber);
    const views = await s.app.ctx.db
      .selectFrom('audit_log')
      .select(['user_id', 'summary'])
      .where('action', '=', 'roster.view_snapshot')
      .where('entity_id', '=', s.sent.id)
      .execute();
    expect(views.map((v) => v.user_id)).toContain(s.bureau.id);
  });

  it('keeps the numbers in full in the stored snapshot: the record of what was submitted', async () => {
    const s = await submitted();
    await (await s.app.as(s.bureau.username)).get(`/api/roster-submissions/${s.sent.id}`);
    const stored = await s.app.ctx.db.selectFrom('roster_submissions').select('snapshot').where('id', '=', s.sent.id).executeTakeFirstOrThrow();
    const child = (JSON.parse(stored.snapshot ?? '[]') as Row[]).find((r) => r.name === FULL.name) as Row;
    for (const k of NUMBERS) expect(child[k], k).toBe(FULL[k as keyof typeof FULL]);
  });

  it("masks phones and ID numbers for the school's own people too, as every list does", async () => {
    const s = await submitted();
    // The leader (who calls families) sees numbers masked — also in what submit returned; the full
    // archive and the audited official export have them in full.
    const own = (await s.leader.get(`/api/roster-submissions/${s.sent.id}`)).json() as Sub;
    for (const rows of [own.rows, s.sent.rows])
      for (const row of rows) for (const k of ['idNumber', 'guardianIdNumber', ...PHONES]) expect(row[k] === null || masked(row[k]), k).toBe(true);
    const mine = own.rows.find((r) => r.name === FULL.name) as Row;
    expect(mine.guardianPhone).toBe('197****8670');
    // The class teacher and a counsellor read the class's roster the same way.
    const t = await s.app.as(s.teacher.username);
    const klass = (await t.get(`/api/roster-submissions?schoolId=${s.school.id}&level=class`))
      .json()
      .items.find((x: { classId: string }) => x.classId === s.klass.id);
    const rows = ((await t.get(`/api/roster-submissions/${klass.id}`)).json() as Sub).rows;
    expect((rows.find((r) => r.name === FULL.name) as Row).guardianPhone).toBe('197****8670');
    const counsellor = await s.app.as((await buildUser(s.app, 'counsellor', s.school.id)).username);
    const c = ((await counsellor.get(`/api/roster-submissions/${s.sent.id}`)).json() as Sub).rows.find((r) => r.name === FULL.name) as Row;
    expect(c.guardianPhone).toBe('197****8670');
    expect(masked(c.idNumber)).toBe(true);
  });
});

describe('a submitted roster downloaded in the official form', () => {
  /** The roster sheet's data rows (under the title, the note and the header), from column A. */
  const rosterRows = (wb: ExcelJS.Workbook) =>
    ((wb.getWorksheet('花名册')?.getSheetValues() ?? []).filter(Boolean) as unknown[][]).slice(3).map((r) => r.slice(1));

  it('gives the bureau what was sent, not the archive of today, with the ID numbers the form needs; audited as an export', async () => {
    const s = await submitted();
    // Changed after it was sent: the download still holds what was sent.
    const archived = await s.app.ctx.db.selectFrom('children').select('id').where('name', '=', FULL.name).executeTakeFirstOrThrow();
    await s.app.ctx.db.updateTable('children').set({ guardian_phone: '13800000000' }).where('id', '=', archived.id).execute();
    await buildChild(s.app, { schoolId: s.school.id, classId: s.klass.id, name: '后来者' });
    const b = await s.app.as(s.bureau.username);
    const res = await b.get(`/api/roster-submissions/${s.sent.id}.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('报送的留守儿童登记表');
    const wb = await readXlsx(res.rawPayload);
    expect(wb.worksheets.map((w) => w.name).slice(0, 2)).toEqual(['花名册', '汇总表']);
    const rows = rosterRows(wb);
    const names = rows.map((r) => r[2]);
    expect(names).toContain(FULL.name);
    expect(names).not.toContain('后来者');
    expect(rows).toHaveLength((s.sent as Sub & { summary: { narrow: number } }).summary.narrow);
    const cells = rows.find((r) => r[2] === FULL.name)?.map(String) ?? [];
    expect(cells).toContain(FULL.idNumber);
    expect(cells).toContain(FULL.guardianPhone);
    expect(cells).not.toContain('13800000000');
    // One sheet per child, as the official export has.
    expect(wb.worksheets.some((w) => w.name.endsWith(FULL.name))).toBe(true);
    const audit = await s.app.ctx.db
      .selectFrom('audit_log')
      .select(['user_id', 'entity', 'summary'])
      .where('action', '=', 'roster.export')
      .where('entity_id', '=', s.sent.id)
      .execute();
    expect(audit.map((a) => [a.user_id, a.entity])).toEqual([[s.bureau.id, 'roster_submission']]);
  });

  it('says under its title when it was sent, and names its file, in the language of the download', async () => {
    const s = await submitted();
    const b = await s.app.as(s.bureau.username);
    const cases = [
      {
        lang: 'zh-CN',
        note: /^统计截止日期：\d{4}-\d\d-\d\d；口径：国发〔2016〕13号（.+）；报送时间：\d{4}-\d\d-\d\d \d\d:\d\d（北京时间）$/,
        file: '-报送的留守儿童登记表-',
      },
      {
        lang: 'en-US',
        note: /^Cut-off \d{4}-\d\d-\d\d; civil-affairs definition of 国发〔2016〕13号; submitted \d{4}-\d\d-\d\d \d\d:\d\d \(Beijing time\)$/,
        file: '-submitted-registration-form-',
      },
    ] as const;
    for (const c of cases) {
      const res = await b.get(`/api/roster-submissions/${s.sent.id}.xlsx`, { 'accept-language': c.lang });
      expect(decodeURIComponent(String(res.headers['content-disposition'])), c.lang).toContain(c.file);
      expect(String((await readXlsx(res.rawPayload)).worksheets[0]?.getCell(2, 1).value), c.lang).toMatch(c.note);
    }
  });

  it('masks ID numbers for a class teacher and a counsellor, refuses a draft (409) and hides other schools (404)', async () => {
    const s = await submitted();
    const t = await s.app.as(s.teacher.username);
    const klass = (await t.get(`/api/roster-submissions?schoolId=${s.school.id}&level=class`))
      .json()
      .items.find((x: { classId: string }) => x.classId === s.klass.id);
    for (const c of [t, await s.app.as((await buildUser(s.app, 'counsellor', s.school.id)).username)]) {
      const res = await c.get(`/api/roster-submissions/${klass.id}.xlsx`);
      expect(res.statusCode).toBe(200);
      const row =
        rosterRows(await readXlsx(res.rawPayload))
          .find((r) => r[2] === FULL.name)
          ?.map(String) ?? [];
      expect(row.length).toBeGreaterThan(0);
      expect(row).not.toContain(FULL.idNumber);
    }
    // Not sent yet: nothing to download.
    const draft = (
      await s.leader.post('/api/roster-submissions', { termId: s.term.id, classId: (await buildClass(s.app, { schoolId: s.school.id })).id })
    ).json() as Sub;
    const early = await s.leader.get(`/api/roster-submissions/${draft.id}.xlsx`);
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toBe('花名册尚未报送');
    const other = await s.app.as(s.otherLeader.username);
    expect((await other.get(`/api/roster-submissions/${s.sent.id}.xlsx`)).statusCode).toBe(404);
  });
});
