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
