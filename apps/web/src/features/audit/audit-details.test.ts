import type { AuditName } from '@carebridge/shared';
import { describe, expect, it } from 'vitest';
import { type AuditAbout, auditDetails, detailsLine, rawSummary } from './audit-details.ts';

const byKey = (lang: 'zh-CN' | 'en-US', summary: Record<string, unknown>, entity: string) =>
  Object.fromEntries(auditDetails(lang, summary, entity).map((d) => [d.label, d.text]));
const byKeyAbout = (lang: 'zh-CN' | 'en-US', summary: Record<string, unknown>, entity: string, about: AuditAbout = {}) =>
  Object.fromEntries(auditDetails(lang, summary, entity, about).map((d) => [d.label, d.text]));

describe('audit log details', () => {
  it('labels the fields and reads out codes, field names and rules in both languages', () => {
    expect(byKey('zh-CN', { kind: 'talk', date: '2026-11-20', children: 3 }, 'care_record')).toEqual({ 记录类型: '谈心', 日期: '2026-11-20', 儿童人数: '3' });
    expect(byKey('en-US', { kind: 'talk', date: '2026-11-20', children: 3 }, 'care_record')).toEqual({ Kind: 'Talk', Date: '2026-11-20', Children: '3' });
    expect(byKey('zh-CN', { fields: ['name', 'gender'] }, 'child')).toEqual({ 修改的字段: '姓名、性别' });
    // An archive created over a likely-duplicate warning.
    expect(byKey('zh-CN', { duplicatesConfirmed: 1 }, 'child')).toEqual({ 确认不是同一儿童的同名档案数: '1' });
    expect(byKey('en-US', { duplicatesConfirmed: 2 }, 'child')).toEqual({ 'Same-name archives confirmed as another child': '2' });
    expect(Object.values(byKey('en-US', { fields: ['name', 'gender'] }, 'child'))).toEqual(['Name, Gender']);
    expect(byKey('zh-CN', { status: ['active', 'transferred'] }, 'child')).toEqual({ 档案状态: '在册 → 已转学' });
    expect(byKey('zh-CN', { username: 'wang', roles: ['class_teacher@0190c6a2-7a3b-7c11-9a2b-1234567890ab'] }, 'user')).toEqual({
      用户名: 'wang',
      角色: '班主任',
    });
    expect(byKey('zh-CN', { name: '三年级1班', grade: 3 }, 'class')).toEqual({ 名称: '三年级1班', 年级: '三年级' });
    // A pairing the system ended names why; one ended by hand keeps the typed reason.
    expect(Object.values(byKey('zh-CN', { endDate: '2026-11-20', reason: 'child_transferred' }, 'pairing'))).toEqual(['2026-11-20', '孩子已转学']);
    expect(Object.values(byKey('en-US', { reason: 'child_inactive' }, 'pairing'))).toEqual(['Archive no longer active']);
    expect(Object.values(byKey('zh-CN', { reason: '父母返乡' }, 'pairing'))).toEqual(['父母返乡']);
    expect(byKey('zh-CN', { kind: 'bullying', severity: 'serious', mandatory: true }, 'incident')).toEqual({
      事件类型: '欺凌',
      严重程度: '严重',
      强制报告: '是',
    });
  });

  it('names care rules, not their keys', () => {
    const policy = byKey(
      'zh-CN',
      { version: 2, effectiveFrom: '2026-12-01', rules: ['talk_monthly:2', 'key_support_talk:1', 'reading_monthly:1'] },
      'care_policy',
    );
    expect(policy).toEqual({
      版本: '2',
      生效日期: '2026-12-01',
      制度规则: '每月谈心（至少 2 次）、重点帮扶对象谈心（至少 1 次）、reading_monthly（至少 1 次）',
    });
    expect(byKey('en-US', { ruleKey: 'talk_monthly', windowStart: '2026-09-01' }, 'due_item')).toEqual({ Rule: 'Monthly talk', 'Window starts': '2026-09-01' });
    for (const d of auditDetails('zh-CN', { rules: ['talk_monthly:1', 'family_contact_monthly:1'] }, 'care_policy'))
      expect(d.text).not.toMatch(/talk_monthly|family_contact/);
  });

  it('shows times in Beijing time, shortens ids, long texts and long lists, and keeps the full value', () => {
    const [at] = auditDetails('zh-CN', { notifiedAt: '2026-11-20T02:05:00.000Z' }, 'incident');
    expect(at?.text).toBe('2026-11-20 10:05');
    const [id] = auditDetails('zh-CN', { childId: '0190c6a2-7a3b-7c11-9a2b-1234567890ab' }, 'pairing');
    expect(id).toMatchObject({ label: '儿童', text: '0190c6a2…90ab' });
    const long = '住院治疗'.repeat(30);
    const [reason] = auditDetails('zh-CN', { reason: long }, 'child');
    expect(reason?.shortened).toBe(true);
    expect(reason?.text.length).toBeLessThanOrEqual(60);
    expect(reason?.full).toBe(long);
    const [fields] = auditDetails('en-US', { fields: ['name', 'gender', 'ethnicity', 'birthDate', 'idNumber', 'address', 'phone'] }, 'child');
    expect(fields?.full).toMatch(/and 7 more$/);
    const [nested] = auditDetails('zh-CN', { changed: { title: '十一月简报', photos: 2 } }, 'briefing');
    expect(nested?.full).toBe('标题：十一月简报；照片数：2');
    expect(auditDetails('zh-CN', null, 'child')).toEqual([]);
  });

  it('puts the first details on one line and keeps the raw value', () => {
    const details = auditDetails('zh-CN', { kind: 'talk', date: '2026-11-20', children: 3, extra: 'x' }, 'care_record');
    expect(detailsLine(details, 'zh-CN')).toBe('记录类型：谈心 · 日期：2026-11-20 · 儿童人数：3 …');
    expect(rawSummary({ a: 1 })).toBe('{\n  "a": 1\n}');
  });

  it('names accounts by name and login, and says first whose account an entry is about', () => {
    const wang = '0190c6a2-7a3b-7c11-9a2b-1234567890ab';
    const zhao = '0190c6a2-7a3b-7c11-9a2b-0000000000cd';
    const people = { [wang]: { name: '王芳', username: 'wangfang' } };
    expect(byKeyAbout('zh-CN', { childId: zhao, mentorId: wang }, 'pairing', { people })).toEqual({ 儿童: '0190c6a2…00cd', 帮扶教师: '王芳（wangfang）' });
    expect(byKeyAbout('en-US', { classTeacher: [null, wang], classId: zhao }, 'user', { entityId: wang, people })).toMatchObject({
      'Class teacher': '— → 王芳 (wangfang)',
    });
    // Made with a name and a login: the two as one, as they were when made.
    expect(byKeyAbout('zh-CN', { username: 'wangfang', name: '王芳', roles: ['mentor@x'] }, 'user', { entityId: wang, people })).toEqual({
      用户: '王芳（wangfang）',
      角色: '帮扶教师',
    });
    expect(byKeyAbout('zh-CN', { username: 'admin2', roles: ['system_admin'] }, 'user')).toEqual({ 用户名: 'admin2', 角色: '系统管理员' });
    expect(byKeyAbout('en-US', { username: 'admin2' }, 'user', { entityId: wang, people: { [wang]: { name: 'Zhao Min', username: 'admin2' } } })).toEqual({
      User: 'Zhao Min (admin2)',
    });
    expect(auditDetails('en-US', { fields: ['phone'] }, 'user', { entityId: wang, people }).map((d) => [d.label, d.text])).toEqual([
      ['User', '王芳 (wangfang)'],
      ['Fields changed', 'Phone'],
    ]);
  });

  it('reads an edit of a record kept as [before, after] as before → after, lists inside it as lists', () => {
    const wang = '0190c6a2-7a3b-7c11-9a2b-1234567890ab';
    const people = { [wang]: { name: '王芳', username: 'wangfang' } };
    const summary = { name: ['王芳', '王芳芳'], phone: [null, '13800138000'], roles: [['mentor@x'], ['mentor@x', 'class_teacher@y']] };
    expect(byKeyAbout('zh-CN', summary, 'user', { entityId: wang, people, action: 'user.update' })).toEqual({
      用户: '王芳（wangfang）',
      姓名: '王芳 → 王芳芳',
      联系电话: '— → 13800138000',
      角色: '帮扶教师 → 帮扶教师、班主任',
    });
    expect(byKeyAbout('en-US', { name: ['一年级1班', '一年级（1）班'] }, 'class', { action: 'class.update' })).toMatchObject({
      Name: '一年级1班 → 一年级（1）班',
    });
    // Elsewhere a list of two stays a list.
    expect(byKeyAbout('zh-CN', { roles: ['mentor@x', 'class_teacher@y'] }, 'user', { action: 'user.create' })).toMatchObject({ 角色: '帮扶教师、班主任' });
  });
});

const id = (n: number) => `0190c6a2-7a3b-7c11-9a2b-${String(n).padStart(12, '0')}`;
const [COUNTY, SCHOOL, KLASS, CHILD, TERM, UNSEEN, WANG, SUBMISSION] = [1, 2, 3, 4, 5, 6, 7, 8].map(id) as string[];
const names: Record<string, AuditName> = {
  [COUNTY as string]: { kind: 'region', name: '青山县', school: null, semester: null },
  [SCHOOL as string]: { kind: 'school', name: '青山小学', school: null, semester: null },
  [KLASS as string]: { kind: 'class', name: '三年级1班', school: '青山小学', semester: null },
  [CHILD as string]: { kind: 'child', name: '王小明', school: '青山小学', semester: null },
  [TERM as string]: { kind: 'term', name: '2026-2027', school: '青山小学', semester: 1 },
  [SUBMISSION as string]: { kind: 'submission', name: '2026-2027', school: '青山小学', semester: 1, className: null },
};
const people = { [WANG as string]: { name: '王芳', username: 'wangfang' } };
const read = (lang: 'zh-CN' | 'en-US', action: string, entity: string, summary: Record<string, unknown>) =>
  byKeyAbout(lang, summary, entity, { action, names, people });

describe('audit log details a reviewer could not read', () => {
  it('labels an incident step by its own kind, and a police report by how it was made', () => {
    expect(read('zh-CN', 'incident.close', 'incident', { kind: 'close' })).toEqual({ 处置类型: '结案' });
    expect(read('zh-CN', 'incident.action', 'incident', { kind: 'action' })).toEqual({ 处置类型: '处置措施' });
    expect(read('zh-CN', 'incident.reopen', 'incident', { kind: 'reopen' })).toEqual({ 处置类型: '重新打开' });
    expect(read('en-US', 'incident.close', 'incident', { kind: 'close' })).toEqual({ Action: 'Closed' });
    // A bureau's instruction is a step too: not an incident's kind, nor the code "instruction".
    expect(read('zh-CN', 'incident.instruct', 'incident', { kind: 'instruction' })).toEqual({ 处置类型: '教育局批示' });
    expect(read('en-US', 'incident.instruct', 'incident', { kind: 'instruction' })).toEqual({ Action: "Education bureau's instruction" });
    // A guardian's phone shown is a field viewed, not one changed.
    expect(read('zh-CN', 'child.contact_view', 'child', { fields: ['guardianPhone'] })).toEqual({ 查看的字段: '监护人电话' });
    expect(Object.keys(read('en-US', 'child.contact_view', 'child', { fields: ['guardianPhone'] }))).toEqual(['Fields viewed']);
    expect(read('zh-CN', 'incident.police_report', 'incident', { method: 'call_110', receipt: true })).toEqual({ 报案方式: '拨打 110', 有回执: '是' });
    expect(read('en-US', 'incident.police_report', 'incident', { method: 'call_110', receipt: false })).toEqual({
      'How reported': 'Called 110',
      Receipt: 'No',
    });
    // A notification's method stays a notification's; a report's kind an incident's.
    expect(read('zh-CN', 'incident.notify', 'incident', { target: 'guardian', method: 'phone', reach: 'reached' })).toEqual({
      通知对象: '临时监护人',
      方式: '电话',
      联系结果: '已联系上',
    });
    expect(read('zh-CN', 'incident.view', 'incident', { kind: 'bullying', part: 'actions' })).toEqual({ 事件类型: '欺凌', 查看内容: '处置记录' });
    expect(read('en-US', 'incident.create', 'incident', { severity: 'serious' })).toEqual({ Severity: 'Serious' });
  });

  it('names the parts of a briefing that were changed', () => {
    expect(read('zh-CN', 'briefing.update', 'briefing', { changed: ['title', 'intro', 'nextSteps', 'photos'] })).toEqual({
      修改的内容: '标题、基本情况、下一步工作、照片',
    });
    expect(read('en-US', 'briefing.update', 'briefing', { changed: ['title', 'unit'] })).toEqual({ Changed: 'Title, Issuing unit' });
  });

  it('names the regions, schools, classes, terms and children the reader may see, and shortens the ids of the others', () => {
    expect(read('zh-CN', 'compliance.export', 'compliance', { period: '2026-09-01..2026-11-30', regionId: COUNTY })).toEqual({
      时段: '2026-09-01 – 2026-11-30',
      所属区域: '青山县',
    });
    expect(read('zh-CN', 'compliance.export', 'compliance', { period: '2026-11-01..2026-11-30', schoolId: SCHOOL })).toMatchObject({ 学校: '青山小学' });
    expect(read('zh-CN', 'roster.export', 'roster', { layout: 'official', count: 3, schoolId: null, classId: KLASS, regionId: null, termId: TERM })).toEqual({
      格式: '官方登记表',
      条数: '3',
      学校: '—',
      班级: '三年级1班（青山小学）',
      所属区域: '—',
      学期: '2026-2027 第一学期（秋季）',
    });
    expect(read('en-US', 'roster.export', 'roster', { layout: 'school', termId: TERM })).toEqual({
      Layout: 'School roster',
      Term: '2026-2027 First semester (autumn)',
    });
    expect(read('zh-CN', 'child.transfer', 'child', { from: SCHOOL, to: UNSEEN })).toEqual({ 转出学校: '青山小学', 转入学校: '0190c6a2…0006' });
    expect(read('en-US', 'child.transfer', 'child', { from: SCHOOL, to: UNSEEN })).toEqual({ 'From school': '青山小学', 'To school': '0190c6a2…0006' });
    expect(read('zh-CN', 'pairing.create', 'pairing', { childId: CHILD, mentorId: WANG })).toEqual({
      儿童: '王小明（青山小学）',
      帮扶教师: '王芳（wangfang）',
    });
    expect(read('zh-CN', 'pairing.create', 'pairing', { childId: UNSEEN })).toEqual({ 儿童: '0190c6a2…0006' });
    expect(read('zh-CN', 'child.print', 'child', { count: 30, classId: KLASS })).toEqual({ 儿童人数: '30', 班级: '三年级1班（青山小学）' });
    expect(read('zh-CN', 'pairing.carry', 'pairing', { toTermId: TERM, carried: 3 })).toEqual({ 新学期: '2026-2027 第一学期（秋季）', 延续的结对数: '3' });
    // Each pairing a carry ends and makes: the reason in words, the new pairing's term named.
    expect(read('zh-CN', 'pairing.end', 'pairing', { endDate: '2027-02-28', reason: 'carried' })).toEqual({ 结束日期: '2027-02-28', 原因: '已顺延到新学期' });
    expect(read('zh-CN', 'pairing.create', 'pairing', { childId: CHILD, mentorId: WANG, termId: TERM })).toEqual({
      儿童: '王小明（青山小学）',
      帮扶教师: '王芳（wangfang）',
      学期: '2026-2027 第一学期（秋季）',
    });
  });

  it('says where each role applies, where the reader may see it', () => {
    expect(read('zh-CN', 'user.create', 'user', { username: 'zhao', name: '赵强', roles: [`bureau_officer@${COUNTY}`] })).toEqual({
      用户: '赵强（zhao）',
      角色: '教育局/乡镇管理员（青山县）',
    });
    expect(read('en-US', 'user.create', 'user', { roles: [`bureau_officer@${COUNTY}`] })).toEqual({ Roles: 'Bureau officer (青山县)' });
    expect(read('zh-CN', 'user.create', 'user', { roles: [`mentor@${SCHOOL}`, `class_teacher@${KLASS}`, `mentor@${UNSEEN}`, 'system_admin@global'] })).toEqual({
      角色: '帮扶教师（青山小学）、班主任（三年级1班）、帮扶教师、系统管理员',
    });
    expect(read('zh-CN', 'user.update', 'user', { roles: [[`mentor@${SCHOOL}`], [`class_teacher@${KLASS}`]], active: [1, 0] })).toEqual({
      角色: '帮扶教师（青山小学） → 班主任（三年级1班）',
      状态: '启用 → 停用',
    });
  });

  it('reads out the other codes and columns the server records', () => {
    expect(read('zh-CN', 'auth.locked', 'ip', { reason: 'ip' })).toEqual({ 锁定原因: '该地址登录失败次数过多' });
    expect(read('en-US', 'auth.locked', 'user', { reason: 'account', failures: 5 })).toEqual({
      'Why locked': 'Too many failed sign-ins to this account',
      'Failed attempts': '5',
    });
    expect(read('zh-CN', 'stats.export', 'region', { table: 'coverage' })).toEqual({ 统计表: '每月关爱覆盖' });
    expect(read('en-US', 'stats.export', 'region', { table: 'leftBehindType' })).toEqual({ Table: 'Left-behind type' });
    expect(read('zh-CN', 'roster.submit', 'roster_submission', { level: 'class', children: 3 })).toEqual({ 报送单位: '班级', 儿童人数: '3' });
    expect(read('zh-CN', 'class.update', 'class', { head_teacher_id: [null, WANG], pupil_count: [40, 41] })).toEqual({
      班主任: '— → 王芳（wangfang）',
      学生总数: '40 → 41',
    });
    expect(read('zh-CN', 'school.update', 'school', { kind: ['primary', 'nine_year'], mentor_limit: [3, 4] })).toEqual({
      类型: '小学 → 九年一贯制学校',
      每位帮扶教师结对上限: '3 → 4',
    });
    expect(read('zh-CN', 'term.update', 'term', { academic_year: ['2026-2027', '2027-2028'], start_date: ['2026-09-01', '2026-09-02'] })).toEqual({
      学年: '2026-2027 → 2027-2028',
      开始日期: '2026-09-01 → 2026-09-02',
    });
    expect(read('zh-CN', 'leadership.create', 'leadership_member', { name: '张伟', position: 'leader' })).toEqual({ 姓名: '张伟', 职务: '组长' });
    expect(read('zh-CN', 'activity.photo', 'activity', { name: 'IMG_0945.jpg' })).toEqual({ 文件名: 'IMG_0945.jpg' });
    expect(read('zh-CN', 'safety.duty', 'safety_duty', { area: 'boarding' })).toMatchObject({ 责任区域: '宿舍/寄宿' });
    expect(read('zh-CN', 'activity.task', 'activity', { dueDate: ['2026-11-01', '2026-11-08'] })).toEqual({ 完成期限: '2026-11-01 → 2026-11-08' });
    expect(read('en-US', 'setup.demo_loaded', 'region', { pairings: 20, records: 100, activities: 5, camps: 1 })).toEqual({
      Pairings: '20',
      'Care records': '100',
      Activities: '5',
      Camps: '1',
    });
  });

  it('reads every action the server records with labels and values of the reader’s language', () => {
    // One entry of each action, with the details its call site records (apps/server: grep "action: '").
    const every: [string, string, Record<string, unknown>][] = [
      ['roster.view_snapshot', 'roster_submission', { children: 3 }],
      ['roster.submit', 'roster_submission', { level: 'school', children: 3 }],
      ['roster.approve', 'roster_submission', { level: 'class' }],
      ['roster.return', 'roster_submission', { level: 'school' }],
      ['stats.export', 'school', { from: '2026-09-01', to: '2026-11-30', table: 'trend' }],
      ['briefing.create', 'briefing', { from: '2026-11-01', to: '2026-11-30' }],
      [
        'briefing.update',
        'briefing',
        { changed: ['title', 'unit', 'intro', 'work', 'highlights', 'problems', 'nextSteps', 'photos'], nameChildren: true, nameChildrenWas: false },
      ],
      ['briefing.export', 'briefing', { photos: 2, nameChildren: false }],
      ['user.create', 'user', { username: 'w', name: '王', roles: [`school_leader@${SCHOOL}`] }],
      [
        'user.update',
        'user',
        { name: ['王', '王芳'], phone: [null, '13800138000'], active: [1, 0], roles: [[`mentor@${SCHOOL}`], [`class_teacher@${KLASS}`]] },
      ],
      ['user.update', 'user', { classTeacher: [null, WANG], classId: KLASS }],
      ['auth.locked', 'ip', { reason: 'ip' }],
      ['auth.locked', 'user', { reason: 'account', failures: 5 }],
      ['roster.export', 'roster', { layout: 'official', count: 3, schoolId: SCHOOL, classId: KLASS, regionId: COUNTY, termId: TERM }],
      ['roster.export', 'roster_submission', { layout: 'official', count: 3, submissionId: SUBMISSION }],
      ['roster.import', 'roster_import', { file: '三年级花名册.xlsx', created: 1, updated: 2, skipped: 0 }],
      ['child.create', 'child', { importId: UNSEEN }],
      ['child.update', 'child', { importId: UNSEEN, fields: ['name', 'guardianPhone'] }],
      ['region.create', 'region', { name: '青山县', level: 'county' }],
      ['region.update', 'region', { name: ['青山', '青山县'], code: [null, '530102'] }],
      ['leadership.create', 'leadership_member', { name: '张伟', position: 'leader' }],
      ['leadership.update', 'leadership_member', { position: ['member', 'deputy'], user_id: [null, WANG], title: [null, '副校长'], sort_order: [1, 2] }],
      ['leadership.delete', 'leadership_member', { name: '张伟', position: 'leader' }],
      ['duty.create', 'duty', { office: 'young_pioneers', duty: 'duties.ideology' }],
      ['duty.update', 'duty', { office: ['other', 'young_pioneers'], duty: ['负责', '负责学习'] }],
      ['duty.delete', 'duty', { office: 'other', duty: 'duties.study' }],
      ['class.create', 'class', { name: '三年级1班', grade: 3 }],
      ['class.update', 'class', { head_teacher_id: [null, WANG], pupil_count: [40, 41], grade: [3, 4], active: [1, 0] }],
      ['term.create', 'term', { academicYear: '2026-2027', semester: 1 }],
      [
        'term.update',
        'term',
        { academic_year: ['2026-2027', '2027-2028'], semester: [1, 2], start_date: ['2026-09-01', '2026-09-02'], end_date: ['2027-01-20', '2027-01-21'] },
      ],
      ['school.create', 'school', { name: '青山小学' }],
      [
        'school.update',
        'school',
        { name: ['青山', '青山小学'], kind: ['primary', 'junior'], mentor_limit: [3, 4], record_edit_days: [7, 8], address: [null, '青山镇'] },
      ],
      ['compliance.export', 'compliance', { period: '2026-09-01..2026-11-30', regionId: COUNTY }],
      ['policy.update', 'care_policy', { version: 2, effectiveFrom: '2026-12-01', rules: ['talk_monthly:2'] }],
      ['due.excuse', 'child', { ruleKey: 'talk_monthly', windowStart: '2026-09-01' }],
      ['incident.view', 'incident', { kind: 'bullying', part: 'notifications' }],
      ['incident.notify', 'incident', { target: 'school_leader', method: 'app' }],
      ['incident.chain_update', 'school', { steps: 3 }],
      ['incident.close', 'incident', { kind: 'close' }],
      ['incident.reopen', 'incident', { kind: 'reopen' }],
      ['incident.action', 'incident', { kind: 'written_report' }],
      ['incident.instruct', 'incident', { kind: 'instruction' }],
      ['incident.police_report', 'incident', { method: 'in_person', receipt: true }],
      ['incident.create', 'incident', { kind: 'bullying', severity: 'serious', children: 1, mandatory: true }],
      ['incident.update', 'incident', { fields: ['place', 'description', 'answers'], mandatory: false }],
      ['incident.acknowledge', 'incident', { instruction: true }],
      ['child.view_reason', 'child', { reason: '核查帮扶情况' }],
      ['child.print', 'child', { count: 30, classId: KLASS }],
      ['child.status', 'child', { status: ['active', 'transferred'] }],
      ['child.transfer', 'child', { from: SCHOOL, to: UNSEEN }],
      ['child.erase', 'child', { reason: '家长申请' }],
      ['child.view', 'child', { erased: true }],
      ['child.history', 'child', {}],
      ['child.contact_view', 'child', { fields: ['guardianPhone'] }],
      ['pairing.create', 'pairing', { childId: CHILD, mentorId: WANG }],
      ['pairing.end', 'pairing', { endDate: '2026-11-20', reason: 'child_transferred' }],
      ['pairing.carry', 'pairing', { toTermId: TERM, carried: 3 }],
      ['pairing.end', 'pairing', { endDate: '2027-02-28', reason: 'carried' }],
      ['pairing.create', 'pairing', { childId: CHILD, mentorId: WANG, termId: TERM }],
      ['activity.task', 'activity', { task: UNSEEN, dueDate: [null, '2026-11-30'] }],
      ['activity.entry', 'child', { activity: UNSEEN }],
      ['activity.score', 'child', { activity: UNSEEN }],
      ['activity.withdraw', 'child', { activity: UNSEEN }],
      ['activity.withdraw', 'activity', { pupils: 1 }],
      ['safety.plan', 'school', { termId: TERM, topics: 3 }],
      ['safety.duty', 'safety_duty', { area: 'route', name: '李老师' }],
      ['safety.duty', 'safety_duty', { removed: '李老师' }],
      ['activity.create', 'activity', { kind: 'class_meeting', date: '2026-11-01', occurrences: 1 }],
      ['activity.update', 'activity', { fields: ['title', 'date', 'kind'] }],
      ['activity.delete', 'activity', { kind: 'class_meeting', date: '2026-11-01', title: '感恩班会' }],
      ['activity.file', 'activity', { name: '方案.docx' }],
      ['activity.photo_delete', 'activity', { name: 'IMG_0945.jpg' }],
      ['activity.file_delete', 'activity', { name: '方案.docx' }],
      ['activity.attendance', 'activity', { present: 3, status: ['planned', 'done'] }],
      ['activity.apply', 'activity', { children: 3, pupils: 2 }],
      ['care.create', 'care_record', { kind: 'talk', date: '2026-11-01', children: 2 }],
      ['care.update', 'care_record', { fields: ['summary', 'date'], byAuthor: true }],
      ['care.delete', 'care_record', { kind: 'home_visit', date: '2026-11-01' }],
      ['care.photo', 'care_record', { photoId: UNSEEN }],
      ['camp.create', 'camp', { title: '七彩夏令营' }],
      ['camp.photo', 'camp', { date: '2026-07-01', caption: '合影' }],
      ['setup.demo_loaded', 'region', { accounts: 3, children: 40, pairings: 20, records: 100, activities: 5, camps: 1 }],
      ['campaign.update', 'campaign', { title: '寒假家访', date: '2026-11-01' }],
      ['campaign.create', 'campaign', { places: 3, groups: 2 }],
      ['campaign.assign', 'campaign', { places: 3 }],
      ['event.create', 'event', { title: '征文比赛' }],
      ['event.update', 'event', { fields: ['name', 'contactName'] }],
      ['event.team', 'event', { team: '一队' }],
      ['donation.create', 'school', { item: '书包' }],
    ];
    const unread: string[] = [];
    for (const lang of ['zh-CN', 'en-US'] as const)
      for (const [action, entity, summary] of every)
        for (const d of auditDetails(lang, summary, entity, { action, names, people })) {
          // A label is words of the reader's language, never the key; a value no code ("call_110", "nine_year") nor a whole id.
          const label = lang === 'zh-CN' ? /[A-Za-z_]/.test(d.label) : /[\u4e00-\u9fff_]/.test(d.label) || d.label === d.key;
          const code = /\b[a-z]+_[a-z0-9_]+\b|[0-9a-f]{8}-[0-9a-f]{4}-/.test(d.full) || (lang === 'en-US' && d.full !== '—' && /^[a-z]/.test(d.full));
          if (label || code) unread.push(`${lang} ${action} ${d.label}: ${d.full}`);
        }
    expect(unread).toEqual([]);
  });
});
