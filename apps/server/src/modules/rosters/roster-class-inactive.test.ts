import { makeIdNumber } from '@carebridge/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildClass, buildSchoolWithStaff, buildTestApp, type Client, type TestApp } from '../../test/index.ts';
import { duringNextTransaction } from '../../test/race.ts';
import { upload, xlsx } from './roster.test-helpers.ts';

// A roster import puts no child into a deactivated class (停用): not the class chosen on upload, not a
// class named in the file, not one deactivated between the preview and its commit.

let app: TestApp;
afterEach(async () => app?.close());
const clock = () => new Date('2026-11-20T02:00:00Z');

async function deactivate(c: Client, classId: string, schoolId: string) {
  const version = (await c.get(`/api/classes?schoolId=${schoolId}`)).json().items.find((k: { id: string }) => k.id === classId).version;
  return c.patch(`/api/classes/${classId}`, { active: false, version });
}

const header = ['姓名', '性别', '出生日期', '班级', '监护人', '监护人电话'];
const children = async () => app.ctx.db.selectFrom('children').select(['name', 'class_id']).orderBy('name').execute();

async function setUp() {
  app = await buildTestApp({ clock });
  const s = await buildSchoolWithStaff(app);
  const closed = await buildClass(app, { schoolId: s.school.id, name: '停用班' });
  const leader = await app.as(s.leader.username);
  return { ...s, closed, leader };
}

describe('a roster import and a deactivated class', () => {
  it('refuses the class chosen on upload with 409 on classId, and a row naming one as an error row', async () => {
    const s = await setUp();
    expect((await deactivate(s.leader, s.closed.id, s.school.id)).statusCode).toBe(200);
    const file = await xlsx([header, ['孙小禾', '女', '2016-04-10', '', '孙奶奶', '13800138000']]);
    const chosen = await upload(s.leader, { schoolId: s.school.id, classId: s.closed.id }, file);
    expect(chosen.statusCode).toBe(409);
    expect(chosen.json()).toMatchObject({ error: 'class_inactive', fields: [{ path: 'classId', message: '该班级已停用，请选择其他班级' }] });
    const named = await xlsx([header, ['孙小禾', '女', '2016-04-10', '停用班', '孙奶奶', '13800138000']]);
    const preview = (await upload(s.leader, { schoolId: s.school.id }, named)).json();
    expect(preview.summary).toEqual({ create: 0, update: 0, unchanged: 0, error: 1 });
    expect(preview.rows[0].errors).toEqual([{ column: '班级', message: '班级“停用班”已停用' }]);
  });

  it('writes nothing when a class of the preview was deactivated before the commit', async () => {
    const s = await setUp();
    const idNumber = makeIdNumber('530102', '2015-02-03', 7, 'male');
    await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '钱多', birthDate: '2015-02-03', gender: 'male', idNumber });
    // The child already archived is matched by its ID number, and moved by the file into the class.
    const file = await xlsx(
      [
        [...header, '公民身份号码'],
        ['孙小禾', '女', '2016-04-10', '停用班', '孙奶奶', '13800138000', ''],
        ['钱多', '男', '2015-02-03', '停用班', '王奶奶', '13800138000', idNumber],
      ],
      { textColumns: [7] },
    );
    const preview = (await upload(s.leader, { schoolId: s.school.id }, file)).json();
    expect(preview.summary).toEqual({ create: 1, update: 1, unchanged: 0, error: 0 });
    expect((await deactivate(s.leader, s.closed.id, s.school.id)).statusCode).toBe(200);
    const commit = await s.leader.post(`/api/rosters/import/${preview.importId}/commit`, {});
    expect(commit.statusCode).toBe(409);
    expect(commit.json()).toMatchObject({ error: 'import_class_inactive', message: '上传后班级“停用班”已停用，请重新上传以查看最新差异' });
    expect(await children()).toEqual([{ name: '钱多', class_id: s.klass.id }]);
    expect((await app.ctx.db.selectFrom('roster_imports').select('status').executeTakeFirstOrThrow()).status).toBe('preview');
  });

  it('is not deactivated while a commit puts children into it', async () => {
    const s = await setUp();
    const file = await xlsx([header, ['孙小禾', '女', '2016-04-10', '停用班', '孙奶奶', '13800138000']]);
    const preview = (await upload(s.leader, { schoolId: s.school.id }, file)).json();
    const closing = duringNextTransaction(app, () => deactivate(s.leader, s.closed.id, s.school.id));
    expect((await s.leader.post(`/api/rosters/import/${preview.importId}/commit`, {})).json()).toEqual({ created: 1, updated: 0 });
    expect((await closing()).json()).toMatchObject({ error: 'class_has_children' });
  });
});
