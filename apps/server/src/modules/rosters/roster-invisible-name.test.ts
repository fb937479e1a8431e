import { makeIdNumber } from '@carebridge/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildSchoolWithStaff, buildTestApp, type TestApp } from '../../test/index.ts';
import { upload, xlsx } from './roster.test-helpers.ts';

let app: TestApp;
afterEach(async () => app?.close());
const clock = () => new Date('2026-11-20T02:00:00Z');

describe('roster import: zero-width characters in a name, dropped as the archive form drops them', () => {
  it('matches an existing archive whose name differs only by a pasted zero-width space, instead of archiving the child again', async () => {
    app = await buildTestApp({ clock });
    const { school, klass, leader } = await buildSchoolWithStaff(app);
    const kept = await buildChild(app, { schoolId: school.id, classId: klass.id, name: '钱多', birthDate: '2015-02-03', gender: 'male', idNumber: null });
    const file = await xlsx([
      ['姓名', '性别', '出生日期', '监护人'],
      ['钱\u200b多', '男', '2015-02-03', '王奶奶'],
    ]);
    const c = await app.as(leader.username);
    const preview = (await upload(c, { schoolId: school.id, classId: klass.id }, file)).json();
    // The archive form would store this name as 钱多 (the same archive): the import must match it, not create.
    expect(preview.rows[0]).toMatchObject({ childId: kept.id });
    expect(preview.summary.create).toBe(0);
    await c.post(`/api/rosters/import/${preview.importId}/commit`, { skipInvalid: true });
    // No second 钱多 born 2015-02-03 in the same class.
    expect(await app.ctx.db.selectFrom('children').select('id').where('name', '=', '钱多').execute()).toHaveLength(1);
  });

  it('reads a row whose name differs from the archive only by a zero-width space as unchanged, and never stores the invisible character', async () => {
    app = await buildTestApp({ clock });
    const { school, klass, leader } = await buildSchoolWithStaff(app);
    const id = makeIdNumber('530102', '2015-01-02', 9, 'female');
    const kept = await buildChild(app, { schoolId: school.id, classId: klass.id, name: '赵丽', birthDate: '2015-01-02', gender: 'female', idNumber: id });
    const file = await xlsx(
      [
        ['姓名', '性别', '出生日期', '公民身份号码'],
        ['赵\u200b丽', '女', '2015-01-02', id],
      ],
      { textColumns: [4] },
    );
    const c = await app.as(leader.username);
    const preview = (await upload(c, { schoolId: school.id, classId: klass.id }, file)).json();
    await c.post(`/api/rosters/import/${preview.importId}/commit`, {});
    const after = await app.ctx.db.selectFrom('children').select('name').where('id', '=', kept.id).executeTakeFirstOrThrow();
    // The archive form (Name()) would never store U+200B; the import writes it into the archive.
    expect(after.name).toBe('赵丽');
    expect(preview.rows[0]).toMatchObject({ status: 'unchanged' });
  });
});
