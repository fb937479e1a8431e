import { makeIdNumber, translate } from '@carebridge/shared';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildClass, buildSchoolWithStaff, buildTestApp, type TestApp } from '../../test/index.ts';
import { withoutStampTrigger, withStampHeld } from '../compliance/cache.ts';
import { readXlsx, upload, xlsx } from './roster.test-helpers.ts';
import { cleanText, normaliseClassName, parseDate, parseIdNumber, parsePhone, splitWorkPlace } from './roster.values.ts';
import { checkSummary, summarise } from './roster-summary.ts';

let app: TestApp;
afterEach(async () => app?.close());
const clock = () => new Date('2026-11-20T02:00:00Z');

describe('cell values', () => {
  it('reads dates written every way schools write them', () => {
    for (const v of ['2015-03-04', '2015/3/4', '2015.3.4', '2015年3月4日', '20150304', ' 2015-03-04 ', '２０１５-０３-０４'])
      expect(parseDate(v)).toBe('2015-03-04');
    expect(parseDate(new Date(Date.UTC(2015, 2, 4)))).toBe('2015-03-04');
    expect(parseDate(42067)).toBe('2015-03-04');
    expect(parseDate(20150304)).toBe('2015-03-04');
    expect(parseDate('2015-02-30')).toBeNull();
    expect(parseDate('2020.3')).toBeNull();
    expect(parseDate('2020.3', true)).toBe('2020-03-01');
  });

  it('tells a mangled ID number from a wrong one', () => {
    const id = makeIdNumber('530102', '2016-03-04', 5, 'male');
    expect(parseIdNumber(` ${id.slice(0, 6)} ${id.slice(6)} `)).toEqual({ value: id });
    expect(parseIdNumber(id.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))))).toEqual({ value: id });
    expect(parseIdNumber(Number(id.slice(0, 17)) * 10)).toEqual({ problem: { message: 'validation.id_number_lost_digits' } });
    expect(parseIdNumber('5.30102E+17')).toEqual({ problem: { message: 'validation.id_number_lost_digits' } });
    expect(parseIdNumber('530102201603040000')).toMatchObject({ problem: {} });
  });

  it('cleans the same text the same way every time (cleaned texts are remembered)', () => {
    for (let i = 0; i < 2; i++) {
      expect(cleanText('　１３７ \u00a0 1234　')).toBe('137 1234');
      expect(cleanText('是')).toBe('是');
      expect(cleanText(' 三年级（1）班 ')).toBe('三年级(1)班');
    }
    // Text taken as already clean (printable ASCII without spaces, CJK unified ideographs) is what NFKC keeps.
    for (let c = 0x21; c <= 0x7e; c++) expect(String.fromCharCode(c).normalize('NFKC')).toBe(String.fromCharCode(c));
    for (let c = 0x4e00; c <= 0x9fff; c++) if (String.fromCharCode(c).normalize('NFKC') !== String.fromCharCode(c)) expect.fail(c.toString(16));
    expect(cleanText('张小明13800138000')).toBe('张小明13800138000');
    expect(cleanText('张 小明')).toBe('张 小明');
    expect(cleanText('张\u3000\u3000小明，')).toBe('张 小明,');
  });

  it('reads phones, work places and class names', () => {
    expect(parsePhone('138 0013 8000')).toEqual({ value: '13800138000' });
    expect(parsePhone(13800138000)).toEqual({ value: '13800138000' });
    expect(parsePhone('+86 138-0013-8000')).toEqual({ value: '13800138000' });
    expect(parsePhone('0871-1234567')).toEqual({ value: '0871-1234567' });
    expect(parsePhone('0086 138 0013 8000')).toEqual({ value: '13800138000' });
    expect(parsePhone('8613800138000')).toEqual({ value: '13800138000' });
    expect(parsePhone('（0871）1234567')).toEqual({ value: '0871-1234567' });
    expect(parsePhone('0871 123 4567')).toEqual({ value: '0871-1234567' });
    expect(parsePhone('12345')).toMatchObject({ problem: {} });
    expect(splitWorkPlace('广东省深圳市宝安区')).toEqual({ province: '广东省', city: '深圳市' });
    expect(splitWorkPlace('上海')).toEqual({ province: '上海市', city: '上海市' });
    expect(splitWorkPlace('广东东莞')).toEqual({ province: '广东', city: '东莞' });
    expect(normaliseClassName('三年级（1）班')).toBe(normaliseClassName('3年级1班'));
  });
});

describe('summary table', () => {
  it('counts narrow children by age band and holds its cross-checks', () => {
    const v = (birthDate: string, gender: 'male' | 'female', mother = 'away') =>
      ({ birthDate, gender, fatherStatus: 'away', motherStatus: mother, hukouRural: true, guardianEntrusted: gender === 'male' }) as never;
    const lines = summarise(
      [
        { unit: 'A', values: v('2022-01-01', 'male') },
        { unit: 'A', values: v('2016-01-01', 'female') },
        { unit: 'B', values: v('2011-06-01', 'male', 'home_incapable') },
        { unit: 'B', values: v('2016-01-01', 'female', 'home') },
        { unit: 'B', values: v('2008-01-01', 'male') },
      ],
      '2026-09-01',
      '合计',
    );
    expect(lines[0]).toMatchObject({
      unit: '合计',
      total: 3,
      bands: { '0-5': 1, '6-13': 1, '14-16': 1 },
      male: 2,
      female: 1,
      bothAway: 2,
      oneAwayOtherIncapable: 1,
    });
    expect(checkSummary(lines)).toEqual([]);
    const broken = structuredClone(lines);
    (broken[1] as { bands: Record<string, number> }).bands['6-13'] = 5;
    expect(checkSummary(broken).length).toBeGreaterThan(0);
  });
});

describe('roster import', () => {
  it('imports a messy school roster: title rows, merged group headers, synonyms, full-width digits, text dates', async () => {
    app = await buildTestApp({ clock });
    const { school, klass, teacher } = await buildSchoolWithStaff(app);
    await app.ctx.db.updateTable('classes').set({ name: '三年级1班', grade: 3 }).where('id', '=', klass.id).execute();
    const id1 = makeIdNumber('530102', '2016-03-04', 1, 'male');
    const id2 = makeIdNumber('530102', '2017-05-06', 2, 'female');
    const file = await xlsx(
      [
        ['石桥镇中心小学 2026 年秋季学期留守儿童花名册'],
        ['填报单位：石桥镇中心小学', null, null, null, '填报时间：2026.9.5'],
        ['序号', '姓名', '身份证号码', '班级', '父亲', null, '母亲', null, '委托监护人', null, '与儿童关系', '留守类型', '家庭住址'],
        [null, null, null, null, '姓名', '务工地点', '姓名', '联系电话', '姓名', '联系电话', null, null, null],
        [
          1,
          '张小明',
          ` ${id1} `,
          '三年级（1）班',
          '张大山',
          '广东省东莞市',
          '李秀英',
          '１３７１２３４５６７８',
          '张奶奶',
          '138 0013 8000',
          '奶奶',
          '双亲外出',
          '石桥村3组',
        ],
        [2, '李小红', id2, '3年级1班', '李强', '浙江宁波', '王芳', '13912345678', '王外婆', '13600136000', '外婆', '父亲外出', '石桥村5组'],
        [],
        [3, '王小虎', '', '三年级1班', null, null, null, null, '王爷爷', '12345', '爷爷', '双亲外出', ''],
      ],
      { merges: ['A1:M1', 'E3:F3', 'G3:H3', 'I3:J3', 'A3:A4', 'B3:B4', 'C3:C4', 'D3:D4', 'K3:K4', 'L3:L4', 'M3:M4'], textColumns: [3] },
    );
    const t = await app.as(teacher.username);
    const res = await upload(t, { schoolId: school.id, classId: klass.id }, file);
    expect(res.statusCode).toBe(200);
    const preview = res.json();
    expect(preview.headerRow).toBe(4);
    expect(preview.summary).toEqual({ create: 2, update: 0, unchanged: 0, error: 1 });
    const bad = preview.rows.find((r: { row: number }) => r.row === 8);
    // Row 8 has no birth date, no gender (no ID number to take them from) and a bad phone.
    expect(bad.errors.map((e: { column: string }) => e.column)).toEqual(expect.arrayContaining(['委托监护人联系电话', '出生日期']));
    expect(bad.errors.find((e: { column: string }) => e.column === '委托监护人联系电话').message).toMatch(/手机号/);
    // Nothing is written before commit; a commit of a file with errors needs skipInvalid.
    expect(await app.ctx.db.selectFrom('children').select('id').execute()).toHaveLength(0);
    const refused = await t.post(`/api/rosters/import/${preview.importId}/commit`, {});
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ error: 'import_has_errors' });
    const done = await t.post(`/api/rosters/import/${preview.importId}/commit`, { skipInvalid: true });
    expect(done.json()).toEqual({ created: 2, updated: 0 });
    const list = (await t.get('/api/children?sort=name')).json().items;
    expect(list.map((c: { name: string }) => c.name)).toEqual(['李小红', '张小明']);
    const zxm = (await t.get(`/api/children/${list[1].id}`)).json();
    expect(zxm).toMatchObject({
      birthDate: '2016-03-04',
      gender: 'male',
      classId: klass.id,
      fatherName: '张大山',
      fatherWorkProvince: '广东省',
      fatherWorkCity: '东莞市',
      motherPhone: '13712345678',
      guardianName: '张奶奶',
      guardianPhone: '13800138000',
      guardianRelation: 'paternal_grandparents',
      address: '石桥村3组',
    });
    expect(zxm.derived.leftBehindType).toBe('both');
    const lh = (await t.get(`/api/children/${list[0].id}`)).json();
    expect(lh.derived.leftBehindType).toBe('father');
    expect(lh.guardianRelation).toBe('maternal_grandparents');
    // The commit cannot be replayed.
    expect((await t.post(`/api/rosters/import/${preview.importId}/commit`, { skipInvalid: true })).statusCode).toBe(409);
    const history = (await t.get(`/api/children/${zxm.id}/history`)).json().items;
    expect(history[0]).toMatchObject({ action: 'import', note: 'roster.xlsx' });
  });

  it('matches existing archives by ID number, reports updates and unchanged rows, and keeps blank cells from erasing', async () => {
    app = await buildTestApp({ clock });
    const { school, klass, leader } = await buildSchoolWithStaff(app);
    const id = makeIdNumber('530102', '2015-01-02', 9, 'female');
    const kept = await buildChild(app, {
      schoolId: school.id,
      classId: klass.id,
      name: '赵丽',
      birthDate: '2015-01-02',
      gender: 'female',
      idNumber: id,
      address: '老地址',
    });
    await buildChild(app, { schoolId: school.id, classId: klass.id, name: '钱多', birthDate: '2015-02-03', gender: 'male', idNumber: null });
    const file = await xlsx(
      [
        ['姓名', '性别', '出生日期', '公民身份号码', '监护人', '监护人电话', '现居住地'],
        ['赵丽', '女', '2015-01-02', id, '赵奶奶', '13800000001', ''],
        ['钱多', '男', '2015.2.3', '', '王奶奶', '13800138000', ''],
      ],
      { textColumns: [4] },
    );
    const c = await app.as(leader.username);
    const preview = (await upload(c, { schoolId: school.id, classId: klass.id }, file)).json();
    expect(preview.summary).toEqual({ create: 0, update: 1, unchanged: 1, error: 0 });
    expect(preview.rows[0]).toMatchObject({ status: 'update', childId: kept.id, changed: ['guardianName', 'guardianPhone'] });
    // Someone edits the child between preview and commit: the commit refuses, nothing is written.
    await c.patch(`/api/children/${kept.id}`, { remarks: '改过', version: 1 });
    const stale = await c.post(`/api/rosters/import/${preview.importId}/commit`, {});
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toBe('import_stale');
    const again = (await upload(c, { schoolId: school.id, classId: klass.id }, file)).json();
    expect((await c.post(`/api/rosters/import/${again.importId}/commit`, {})).json()).toEqual({ created: 0, updated: 1 });
    const after = (await c.get(`/api/children/${kept.id}`)).json();
    expect(after).toMatchObject({ guardianName: '赵奶奶', guardianPhone: '13800000001', address: '老地址', remarks: '改过' });
  });

  it('refuses a row that would archive again a child of another class (same name and birth date), as the archive form asks first', async () => {
    app = await buildTestApp({ clock });
    const { school, klass, leader, teacher } = await buildSchoolWithStaff(app);
    const other = await buildClass(app, { schoolId: school.id, name: '五年级2班', grade: 5 });
    const there = await buildChild(app, { schoolId: school.id, classId: other.id, name: '李小花', birthDate: '2019-03-05', gender: 'female', idNumber: null });
    const file = await xlsx([
      ['姓名', '性别', '出生日期', '公民身份号码'],
      ['李小花', '女', '2019-03-05', ''],
      ['李小华', '女', '2019-03-05', ''],
    ]);
    // The school's leader sees the other class: the row names it.
    const c = await app.as(leader.username);
    const preview = (await upload(c, { schoolId: school.id, classId: klass.id }, file)).json();
    expect(preview.summary).toEqual({ create: 1, update: 0, unchanged: 0, error: 1 });
    expect(preview.rows[0]).toMatchObject({ status: 'error', childId: there.id });
    expect(preview.rows[0].errors).toEqual([{ column: '姓名', message: expect.stringContaining('五年级2班已有同名、同出生日期的档案') }]);
    // The class teacher of another class is told there is one, not where.
    const t = await app.as(teacher.username);
    const theirs = (await upload(t, { schoolId: school.id, classId: klass.id }, file, 'roster.xlsx')).json();
    expect(theirs.rows[0]).toMatchObject({ status: 'error', childId: null });
    expect(theirs.rows[0].errors[0].message).toContain('本校其他班级');
    expect(JSON.stringify(theirs)).not.toContain('五年级2班');
    // The row naming the child's own class still updates that archive; the rest imports when skipping invalid rows.
    const moved = await xlsx([
      ['姓名', '性别', '出生日期', '班级', '监护人'],
      ['李小花', '女', '2019-03-05', '五年级2班', '李奶奶'],
    ]);
    expect((await upload(c, { schoolId: school.id }, moved)).json().rows[0]).toMatchObject({ status: 'update', childId: there.id });
    expect((await c.post(`/api/rosters/import/${preview.importId}/commit`, { skipInvalid: true })).json()).toEqual({ created: 1, updated: 0 });
    expect(await app.ctx.db.selectFrom('children').select('id').where('name', '=', '李小花').execute()).toHaveLength(1);
  });

  it('keeps free text as typed (Chinese punctuation and all), so an unchanged file re-imports as unchanged', async () => {
    app = await buildTestApp({ clock });
    const { school, klass, leader } = await buildSchoolWithStaff(app);
    const note = '与同学偶有冲突，情绪波动较大（已好转）：继续关注';
    const file = await xlsx([
      ['姓名', '性别', '出生日期', '监护人', '监护人电话', '心理说明', '现居住地'],
      ['孙小禾', '女', '2016-04-10', '孙奶奶', '１３８００１３８０００', note, '青山村３组'],
    ]);
    const c = await app.as(leader.username);
    const first = (await upload(c, { schoolId: school.id, classId: klass.id }, file)).json();
    expect(first.summary).toMatchObject({ create: 1, error: 0 });
    expect((await c.post(`/api/rosters/import/${first.importId}/commit`, {})).json()).toEqual({ created: 1, updated: 0 });
    const child = (await c.get('/api/children?q=孙小禾')).json().items[0];
    // Numbers are made half-width; what a teacher wrote is not touched.
    expect((await c.get(`/api/children/${child.id}`)).json()).toMatchObject({ psychologyNote: note, address: '青山村３组', guardianPhone: '13800138000' });
    const again = (await upload(c, { schoolId: school.id, classId: klass.id }, file)).json();
    expect(again.summary).toEqual({ create: 0, update: 0, unchanged: 1, error: 0 });
  });

  it('writes nothing when a commit fails after its new archives were inserted, and audits and keeps history of each child', async () => {
    app = await buildTestApp({ clock });
    const { school, klass, leader } = await buildSchoolWithStaff(app);
    const kept = await buildChild(app, { schoolId: school.id, classId: klass.id, name: '赵丽', birthDate: '2015-01-02', gender: 'female', idNumber: null });
    const file = await xlsx([
      ['姓名', '性别', '出生日期', '监护人', '监护人电话'],
      ['曾小明', '男', '2016-03-04', '曾奶奶', '13800000001'],
      ['单丽', '女', '2016-05-06', '单爷爷', '13800000002'],
      ['赵丽', '女', '2015-01-02', '赵奶奶', '13800000003'],
    ]);
    const c = await app.as(leader.username);
    const count = async (table: 'children' | 'child_history' | 'audit_log') =>
      Number(
        (
          await app.ctx.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = { children: await count('children'), history: await count('child_history'), audit: await count('audit_log') };
    const preview = (await upload(c, { schoolId: school.id, classId: klass.id }, file)).json();
    expect(preview.summary).toEqual({ create: 2, update: 1, unchanged: 0, error: 0 });
    // The update is checked after the two new archives went in: its failure takes them back out.
    await c.patch(`/api/children/${kept.id}`, { remarks: '改过', version: 1 });
    const afterEdit = { children: await count('children'), history: await count('child_history'), audit: await count('audit_log') };
    // The school's compliance stamp: held during the commit's inserts, moved once by a commit, not at all by a failed one.
    const stamp = () => app.ctx.db.selectFrom('compliance_stamps').select(['stamp', 'held']).where('school_id', '=', school.id).executeTakeFirstOrThrow();
    const stampBefore = await stamp();
    expect(stampBefore.held).toBe(0);
    // On SQLite the commit inserts the children without their stamp trigger and puts it back as it was.
    const trigger = () => app.ctx.sqlite?.prepare("select sql from sqlite_master where name = 'children_stamp_ins'").get();
    const triggerBefore = trigger();
    expect(triggerBefore === undefined).toBe(app.ctx.dialect === 'postgres');
    const stale = await c.post(`/api/rosters/import/${preview.importId}/commit`, {});
    expect(stale.statusCode).toBe(409);
    expect(trigger()).toEqual(triggerBefore);
    expect({ children: await count('children'), history: await count('child_history'), audit: await count('audit_log') }).toEqual(afterEdit);
    expect(await stamp()).toEqual(stampBefore);
    expect(afterEdit.children).toBe(before.children);
    const status = await app.ctx.db.selectFrom('roster_imports').select('status').where('id', '=', preview.importId).executeTakeFirstOrThrow();
    expect(status.status).toBe('preview');

    const again = (await upload(c, { schoolId: school.id, classId: klass.id }, file)).json();
    // This commit reads the stored payload, as after a restart (the first one used the rows kept in memory).
    (app.services.rosterImport as unknown as { kept: Map<string, unknown> }).kept.clear();
    expect((await c.post(`/api/rosters/import/${again.importId}/commit`, {})).json()).toEqual({ created: 2, updated: 1 });
    expect(await stamp()).toEqual({ stamp: stampBefore.stamp + 1, held: 0 });
    // The committed import keeps its preview, not a second copy of the children's data.
    const stored = await app.ctx.db.selectFrom('roster_imports').select(['status', 'payload']).where('id', '=', again.importId).executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: 'committed', payload: '[]' });
    expect((await c.get(`/api/rosters/import/${again.importId}`)).json().summary).toEqual({ create: 2, update: 1, unchanged: 0, error: 0 });
    const created = await app.ctx.db
      .selectFrom('children')
      .select(['id', 'name', 'name_pinyin', 'name_initials', 'guardian_phone', 'version'])
      .where('school_id', '=', school.id)
      .where('id', '!=', kept.id)
      .orderBy('name_pinyin')
      .execute();
    expect(created).toMatchObject([
      { name: '单丽', name_pinyin: 'shanli', name_initials: 'sl', guardian_phone: '13800000002', version: 1 },
      { name: '曾小明', name_pinyin: 'zengxiaoming', name_initials: 'zxm', guardian_phone: '13800000001', version: 1 },
    ]);
    const rows = await app.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'summary'])
      .where('action', 'in', ['child.create', 'child.update', 'roster.import'])
      .execute();
    const ids = created.map((k) => k.id);
    expect(rows.filter((r) => r.action === 'child.create').map((r) => r.entity_id)).toEqual(expect.arrayContaining(ids));
    const importUpdate = rows.find((r) => r.action === 'child.update' && r.entity_id === kept.id && r.summary?.includes(again.importId));
    expect(JSON.parse(importUpdate?.summary ?? '{}')).toEqual({ importId: again.importId, fields: ['guardianName', 'guardianPhone'] });
    expect(rows.find((r) => r.action === 'roster.import' && r.entity_id === again.importId)?.summary).toContain('"created":2');
    for (const id of [...ids, kept.id]) {
      const history = (await c.get(`/api/children/${id}/history`)).json().items;
      expect(history[0]).toMatchObject({ action: 'import', note: 'roster.xlsx' });
    }
    expect(trigger()).toEqual(triggerBefore);
    // Released: the next write moves it again, and so does the next new archive.
    await c.patch(`/api/children/${kept.id}`, { remarks: '再改', version: 3 });
    expect(await stamp()).toEqual({ stamp: stampBefore.stamp + 2, held: 0 });
    await buildChild(app, { schoolId: school.id, classId: klass.id, name: '钱多', birthDate: '2016-07-08', gender: 'male', idNumber: null });
    expect(await stamp()).toEqual({ stamp: stampBefore.stamp + 3, held: 0 });
  });

  it("drops SQLite's stamp trigger only for a school whose stamp is held", async () => {
    app = await buildTestApp({ clock });
    const { school } = await buildSchoolWithStaff(app);
    const { db } = app.ctx;
    const ran: string[] = [];
    const insert = async () => void ran.push('insert');
    const unheld = db.transaction().execute((tx) => withoutStampTrigger(tx, app.ctx, school.id, 'children', insert));
    if (app.ctx.dialect === 'sqlite') await expect(unheld).rejects.toThrow("withoutStampTrigger needs the school's stamp held");
    else await unheld;
    await db
      .transaction()
      .execute((tx) => withStampHeld(tx, school.id, '2026-11-29T08:00:00.000Z', () => withoutStampTrigger(tx, app.ctx, school.id, 'children', insert)));
    expect(ran).toEqual(app.ctx.dialect === 'sqlite' ? ['insert'] : ['insert', 'insert']);
  });

  it('asks for a text column when Excel turned ID numbers into numbers', async () => {
    app = await buildTestApp({ clock });
    const { school, klass, teacher } = await buildSchoolWithStaff(app);
    const id = makeIdNumber('530102', '2016-03-04', 1, 'male');
    const file = await xlsx([
      ['姓名', '性别', '出生日期', '身份证号'],
      ['张三', '男', '2016-03-04', Number(id.slice(0, 17)) * 10],
    ]);
    const preview = (await upload(await app.as(teacher.username), { schoolId: school.id, classId: klass.id }, file)).json();
    expect(preview.rows[0].errors[0]).toEqual({ column: '身份证号', message: expect.stringContaining('文本') });
  });

  it('rejects bad files with a clear error and writes nothing', async () => {
    app = await buildTestApp({ clock });
    const { school, klass, teacher } = await buildSchoolWithStaff(app);
    const t = await app.as(teacher.username);
    const cases: [Buffer, string][] = [
      [Buffer.from('姓名,性别\n张三,男\n'), 'import_not_xlsx'],
      [Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.from('EncryptedPackage', 'utf16le')]), 'import_encrypted'],
      [await xlsx([]), 'import_empty'],
      [
        await xlsx([
          ['a', 'b', 'c'],
          [1, 2, 3],
        ]),
        'import_no_header',
      ],
      [await xlsx([['姓名', '性别', '出生日期', '民族']]), 'import_empty'],
      [
        await xlsx([
          ['姓名', '民族', '现居住地', '备注'],
          ['张三', '汉', 'x', 'y'],
        ]),
        'import_missing_columns',
      ],
    ];
    for (const [data, code] of cases) {
      const res = await upload(t, { schoolId: school.id, classId: klass.id }, data);
      expect(res.statusCode, code).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, code).toBeLessThan(500);
      expect(res.json().error).toBe(code);
    }
    const big = await upload(t, { schoolId: school.id }, Buffer.alloc(11 * 1024 * 1024, 1));
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toBe('import_too_large');
    const noFile = await upload(t, { schoolId: school.id });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().fields).toEqual([{ path: 'file', message: '必填' }]);
    expect(await app.ctx.db.selectFrom('children').select('id').execute()).toHaveLength(0);
  });

  it('asks for a new upload when a stored preview cannot be read back, and writes nothing', async () => {
    app = await buildTestApp({ clock });
    const { school, klass, teacher } = await buildSchoolWithStaff(app);
    const t = await app.as(teacher.username);
    const file = await xlsx([
      ['姓名', '性别', '出生日期', '监护人姓名', '与儿童关系', '监护人电话', '父亲外出务工', '母亲外出务工'],
      ['李梅', '女', '2016-05-06', '李奶奶', '祖父母', '13800138000', '是', '是'],
    ]);
    const kept = () => (app.services.rosterImport as unknown as { kept: Map<string, unknown> }).kept;
    // Damaged, as a row written by another Node's serialisation or cut short would be, or not the shape
    // stored (each read after a restart).
    for (const [column, text] of [
      ['summary', 'v1:AAAA'],
      ['payload', 'v1:not base64 at all'],
      ['payload', '{"truncated":'],
      ['payload', '{"rows":[]}'],
      ['summary', '[]'],
    ] as const) {
      const preview = (await upload(t, { schoolId: school.id, classId: klass.id }, file)).json();
      expect(preview.summary.create).toBe(1);
      await app.ctx.db
        .updateTable('roster_imports')
        .set({ [column]: text })
        .where('id', '=', preview.importId)
        .execute();
      kept().clear();
      const commit = await t.post(`/api/rosters/import/${preview.importId}/commit`, {});
      expect(commit.statusCode, column).toBe(410);
      expect(commit.json()).toMatchObject({ error: 'import_unreadable', message: expect.stringContaining('请重新上传文件') });
      const shown = await t.get(`/api/rosters/import/${preview.importId}`);
      expect(shown.statusCode, column).toBe(column === 'summary' ? 410 : 200);
    }
    const en = await t.post(
      `/api/rosters/import/${(await app.ctx.db.selectFrom('roster_imports').select('id').executeTakeFirstOrThrow()).id}/commit`,
      {},
      { 'accept-language': 'en-US' },
    );
    expect(en.json().message).toMatch(/upload the file again/);
    expect(await app.ctx.db.selectFrom('children').select('id').execute()).toHaveLength(0);
    expect(await app.ctx.db.selectFrom('roster_imports').select('status').execute()).toEqual(Array(5).fill({ status: 'preview' }));
  });

  it('keeps a class teacher to its class and other schools out', async () => {
    app = await buildTestApp({ clock });
    const a = await buildSchoolWithStaff(app);
    const b = await buildSchoolWithStaff(app);
    const other = await buildClass(app, { schoolId: a.school.id, name: '五年级2班', grade: 5 });
    const t = await app.as(a.teacher.username);
    const file = await xlsx([
      ['姓名', '性别', '出生日期', '班级'],
      ['甲', '男', '2015-01-01', '五年级2班'],
    ]);
    expect((await upload(t, { schoolId: b.school.id }, file)).statusCode).toBe(404);
    expect((await upload(t, { schoolId: a.school.id, classId: other.id }, file)).statusCode).toBe(403);
    const p = (await upload(t, { schoolId: a.school.id, classId: a.klass.id }, file)).json();
    expect(p.rows[0].status).toBe('error');
    // A child of another class, matched by name and birth date, is not revealed by its id.
    await buildChild(app, { schoolId: a.school.id, classId: other.id, name: '乙', birthDate: '2015-02-02', idNumber: null });
    const again = await xlsx([
      ['姓名', '性别', '出生日期', '班级'],
      ['乙', '男', '2015-02-02', '五年级2班'],
    ]);
    const q = (await upload(t, { schoolId: a.school.id, classId: a.klass.id }, again)).json();
    expect(q.rows[0]).toMatchObject({ status: 'error', childId: null });
    // Another user cannot commit someone else's import.
    const leader = await app.as(a.leader.username);
    expect((await leader.post(`/api/rosters/import/${p.importId}/commit`, { skipInvalid: true })).statusCode).toBe(404);
  });

  it("refuses a class teacher's row whose ID number is a child of another class: the archive is neither moved nor changed nor named", async () => {
    app = await buildTestApp({ clock });
    const a = await buildSchoolWithStaff(app);
    const other = await buildClass(app, { schoolId: a.school.id, name: '五年级2班', grade: 5 });
    const id = makeIdNumber('530102', '2015-01-02', 7, 'female');
    const child = await buildChild(app, {
      schoolId: a.school.id,
      classId: other.id,
      name: '别班孩子',
      birthDate: '2015-01-02',
      gender: 'female',
      idNumber: id,
    });
    const unclassed = await buildChild(app, { schoolId: a.school.id, classId: null, name: '未分班', birthDate: '2014-03-03', idNumber: null });
    const t = await app.as(a.teacher.username);
    const file = await xlsx(
      [
        ['姓名', '性别', '出生日期', '公民身份号码', '监护人', '监护人电话'],
        ['别班孩子', '女', '2015-01-02', id, '冒名监护人', '13900000000'],
        ['未分班', '男', '2014-03-03', '', '冒名监护人', '13900000000'],
      ],
      { textColumns: [4] },
    );
    const p = (await upload(t, { schoolId: a.school.id, classId: a.klass.id }, file)).json();
    expect(p.rows[0]).toMatchObject({ status: 'error', childId: null });
    expect(p.rows[0].errors).toEqual([{ column: '公民身份号码', message: translate('zh-CN', 'validation.id_number_in_other_class') }]);
    expect(p.rows[1]).toMatchObject({ status: 'error', childId: null });
    expect(JSON.stringify(p)).not.toContain('五年级2班');
    expect((await t.post(`/api/rosters/import/${p.importId}/commit`, { skipInvalid: true })).json()).toEqual({ created: 0, updated: 0 });
    for (const c of [child, unclassed]) {
      const row = await app.ctx.db.selectFrom('children').select(['class_id', 'guardian_name', 'version']).where('id', '=', c.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ class_id: c.classId, guardian_name: '王奶奶', version: c.version });
    }
    // The school's leader keeps every class: the same file moves both children into the class, as a transfer.
    const leader = await app.as(a.leader.username);
    const q = (await upload(leader, { schoolId: a.school.id, classId: a.klass.id }, file)).json();
    expect(q.rows.map((r: { status: string }) => r.status)).toEqual(['update', 'update']);
  });

  it('imports 10,000 rows in one transaction', async () => {
    app = await buildTestApp({ clock });
    const { school, leader } = await buildSchoolWithStaff(app);
    const rows: unknown[][] = [['姓名', '性别', '出生日期', '身份证号', '父亲状况', '母亲状况', '监护人姓名', '监护人电话', '监护人关系']];
    for (let i = 0; i < 10_000; i++) {
      const birth = `20${10 + (i % 8)}-0${(i % 9) + 1}-1${i % 10}`;
      const gender = i % 2 ? 'male' : 'female';
      rows.push([
        `学生${i}`,
        gender === 'male' ? '男' : '女',
        birth,
        makeIdNumber(String(510100 + (i % 97)), birth, i, gender),
        '外出务工',
        '外出务工',
        '祖母',
        '13800138000',
        '祖父母',
      ]);
    }
    const file = await xlsx(rows, { textColumns: [4] });
    const c = await app.as(leader.username);
    const preview = (await upload(c, { schoolId: school.id }, file)).json();
    expect(preview.summary).toEqual({ create: 10_000, update: 0, unchanged: 0, error: 0 });
    expect((await c.post(`/api/rosters/import/${preview.importId}/commit`, {})).json()).toEqual({ created: 10_000, updated: 0 });
    const count = await app.ctx.db
      .selectFrom('children')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(10_000);
    // Every child has its history row and its audit row; the school's stamp moved once and is not held.
    for (const table of ['child_history', 'audit_log'] as const) {
      const n = await app.ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('school_id', '=', school.id)
        .where('action', '=', table === 'audit_log' ? 'child.create' : 'import')
        .executeTakeFirstOrThrow();
      expect(Number(n.n), table).toBe(10_000);
    }
    expect((await app.ctx.db.selectFrom('compliance_stamps').select('held').where('school_id', '=', school.id).executeTakeFirstOrThrow()).held).toBe(0);
    if (app.ctx.dialect === 'postgres') {
      // History rows of an import (≈ 3 kB each for a full template) are compressed with lz4 where the server has it.
      const { rows: pg } = await sql<{ lz4: boolean; method: string }>`select
          (select 'lz4' = any(enumvals) from pg_settings where name = 'default_toast_compression') as lz4,
          (select attcompression::text from pg_attribute where attrelid = 'child_history'::regclass and attname = 'changes') as method`.execute(app.ctx.db);
      expect(pg[0]?.method).toBe(pg[0]?.lz4 ? 'l' : '');
    }
  }, 120_000);
});

describe('template and export', () => {
  it('serves a template whose example row re-imports as nothing and whose headers all map', async () => {
    app = await buildTestApp({ clock });
    const { school, klass, teacher } = await buildSchoolWithStaff(app);
    const t = await app.as(teacher.username);
    const res = await t.get('/api/rosters/template.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const wb = await readXlsx(res.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['花名册', '代码表', '填写说明']);
    const up = await upload(t, { schoolId: school.id, classId: klass.id }, res.rawPayload);
    expect(up.statusCode).toBe(422);
    expect(up.json().error).toBe('import_empty');
  });

  it('exports the school roster masked, and the official form with its checked summary and one sheet per child', async () => {
    app = await buildTestApp({ clock });
    const { school, klass, teacher, leader } = await buildSchoolWithStaff(app);
    await buildChild(app, {
      schoolId: school.id,
      classId: klass.id,
      name: '张小明',
      birthDate: '2016-03-04',
      gender: 'male',
      idNumber: makeIdNumber('530102', '2016-03-04', 1, 'male'),
    });
    await buildChild(app, {
      schoolId: school.id,
      classId: klass.id,
      name: '李小红',
      birthDate: '2012-05-06',
      gender: 'female',
      idNumber: null,
      motherStatus: 'home',
    });
    const t = await app.as(teacher.username);
    const res = await t.get(`/api/rosters/export.xlsx?schoolId=${school.id}&layout=school`);
    expect(res.statusCode).toBe(200);
    const wb = await readXlsx(res.rawPayload);
    const ws = wb.getWorksheet('花名册');
    if (!ws) throw new Error('no roster sheet');
    expect(ws.getCell(3, 4).value).toBe('姓名');
    const idCol = (ws.getRow(3).values as string[]).indexOf('公民身份号码');
    expect(String(ws.getRow(4).getCell(idCol).value ?? ws.getRow(5).getCell(idCol).value)).toMatch(/\*/);
    // Beijing time, as the school reads its clock.
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((cell) => void texts.push(String(cell.value))));
    expect(texts.join('\n')).toContain('导出时间：2026-11-20 10:00（北京时间）');
    // Re-importing the export changes nothing: a masked ID number is read as not given, the child
    // matched by name and birth date, not refused as a wrong number.
    const again = (await upload(t, { schoolId: school.id, classId: klass.id }, Buffer.from(res.rawPayload))).json();
    expect(again.summary).toEqual({ create: 0, update: 0, unchanged: 2, error: 0 });
    const official = await (await app.as(leader.username)).get(`/api/rosters/export.xlsx?schoolId=${school.id}&layout=official`);
    const owb = await readXlsx(official.rawPayload);
    expect(owb.worksheets.map((w) => w.name)).toEqual(['花名册', '汇总表', '001 张小明']);
    const summary = owb.getWorksheet('汇总表');
    expect(summary?.getRow(4).values).toEqual([undefined, '合计', 1, 0, 1, 0, 1, 0, 1, 0, 0, 1]);
    const roster = owb.getWorksheet('花名册');
    if (!roster) throw new Error('no roster sheet');
    const rid = (roster.getRow(3).values as string[]).indexOf('公民身份号码');
    expect(roster.getRow(4).getCell(rid).value).toBe(makeIdNumber('530102', '2016-03-04', 1, 'male'));
    const audit = await app.ctx.db.selectFrom('audit_log').select(['action', 'summary']).where('action', '=', 'roster.export').execute();
    expect(audit).toHaveLength(2);
    expect((await t.get('/api/rosters/export.xlsx?layout=school')).statusCode).toBe(422);
  });

  it('writes its brackets in the language of the export: full-width in Chinese, ASCII in English', async () => {
    app = await buildTestApp({ clock });
    const { school, klass, leader } = await buildSchoolWithStaff(app);
    // No address, no parents' work places, no guardian address: none of the three things is known.
    await buildChild(app, { schoolId: school.id, classId: klass.id, name: '张小明', birthDate: '2016-03-04', gender: 'male' });
    const l = await app.as(leader.username);
    const term = await l.post('/api/terms', { schoolId: school.id, academicYear: '2026-2027', semester: 1, startDate: '2026-09-01', endDate: '2027-01-22' });
    expect(term.statusCode).toBe(201);
    const termId = term.json().id as string;
    const cases = [
      {
        lang: 'zh-CN',
        threeClear: '否（待补充：儿童、父母、监护人）',
        // The term before the title, as official forms put it: no bracket inside a bracket.
        roster: `${school.name} 2026-2027 第一学期（秋季）留守儿童花名册`,
        official: `${school.name} 2026-2027 第一学期（秋季）农村留守儿童花名册`,
        summary: `${school.name} 2026-2027 第一学期（秋季）农村留守儿童情况汇总表`,
      },
      {
        lang: 'en-US',
        threeClear: 'No (details needed: child, parents, guardian)',
        roster: `${school.name} left-behind children roster, 2026-2027 First semester (autumn)`,
        official: `${school.name} roster of rural left-behind children, 2026-2027 First semester (autumn)`,
        summary: `${school.name} summary of rural left-behind children, 2026-2027 First semester (autumn)`,
      },
    ] as const;
    for (const c of cases) {
      const headers = { 'accept-language': c.lang };
      const res = await l.get(`/api/rosters/export.xlsx?schoolId=${school.id}&termId=${termId}&layout=school`, headers);
      expect(res.statusCode, c.lang).toBe(200);
      const ws = (await readXlsx(res.rawPayload)).worksheets[0];
      if (!ws) throw new Error('no roster sheet');
      expect(ws.getCell(1, 1).value, c.lang).toBe(c.roster);
      const col = (ws.getRow(3).values as string[]).indexOf(translate(c.lang, 'childFields.threeClear'));
      expect(col, c.lang).toBeGreaterThan(0);
      expect(ws.getRow(4).getCell(col).value, c.lang).toBe(c.threeClear);
      const official = await l.get(`/api/rosters/export.xlsx?schoolId=${school.id}&termId=${termId}&layout=official`, headers);
      expect(official.statusCode, c.lang).toBe(200);
      const [roster, summary] = (await readXlsx(official.rawPayload)).worksheets;
      expect(roster?.getCell(1, 1).value, c.lang).toBe(c.official);
      expect(summary?.getCell(1, 1).value, c.lang).toBe(c.summary);
    }
  });
});
