import type { AuditEntry, AuditName } from '@carebridge/shared';
import { describe, expect, it } from 'vitest';
import { auditDetails } from './audit-details.ts';
import { entrySchool, nameText } from './audit-names.ts';

const SCHOOL = '0190c6a2-7a3b-7c11-9a2b-1234567890ab';
const SUB = '0190c6a2-7a3b-7c11-9a2b-1234567890ac';
const CHILD = '0190c6a2-7a3b-7c11-9a2b-1234567890ad';
const HEX = /[0-9a-f]{8}|…[0-9a-f]{4}/;

const schoolRoster: AuditName = { kind: 'submission', name: '2026-2027', semester: 1, school: '青山小学', className: null };
const classRoster: AuditName = { ...schoolRoster, className: '三年级1班' };

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: '0190c6a2-7a3b-7c11-9a2b-000000000001',
  at: '2026-11-20T02:00:00.000Z',
  userId: null,
  username: 'leader1',
  name: '李玉兰',
  action: 'term.create',
  entity: 'term',
  entityId: null,
  schoolId: SCHOOL,
  schoolName: '青山小学',
  summary: null,
  people: {},
  names: {},
  ip: null,
  ...over,
});

describe('audit log: pairings and care records by name', () => {
  it('names a pairing by its child and mentor, a care record by its kind and day, in both languages', () => {
    const pairing: AuditName = { kind: 'pairing', name: '王小明', mentor: '李芳', school: '青山小学', semester: null };
    const record: AuditName = { kind: 'care_record', name: 'home_visit', date: '2026-11-18', school: '青山小学', semester: null };
    expect(nameText('zh-CN', pairing)).toBe('王小明（帮扶教师 李芳）');
    expect(nameText('en-US', pairing)).toBe('王小明 (Mentor teacher 李芳)');
    expect(nameText('zh-CN', record)).toBe('家访（2026-11-18）');
    expect(nameText('en-US', record)).toBe('Home visit (2026-11-18)');
  });
});

describe('audit log: roster submissions and schools by name', () => {
  it('names a roster submission by its school, class and term in both languages', () => {
    expect(nameText('zh-CN', schoolRoster)).toBe('青山小学 2026-2027 第一学期（秋季）');
    expect(nameText('zh-CN', classRoster)).toBe('青山小学 三年级1班 2026-2027 第一学期（秋季）');
    const en = nameText('en-US', classRoster);
    expect(en).toMatch(/^青山小学, 三年级1班, 2026-2027 /);
    expect(en).not.toMatch(/第|学期/);
  });

  it('names an incident by its kind and day, never by its id', () => {
    const incident: AuditName = { kind: 'incident', name: 'bullying', school: '青山小学', semester: null, date: '2026-11-12' };
    expect(nameText('zh-CN', incident)).toBe('欺凌（2026-11-12）');
    expect(nameText('en-US', incident)).toBe('Bullying (2026-11-12)');
    // Its school is no part of its name: said under it.
    expect(entrySchool(entry({ action: 'incident.create', entity: 'incident', entityId: SUB, names: { [SUB]: incident } }))).toBe('青山小学');
  });

  it('names a camp, a campaign, an event or a briefing by its title, its school under it', () => {
    const camp: AuditName = { kind: 'camp', name: '七彩夏令营', school: '青山小学', semester: null };
    expect(nameText('en-US', camp)).toBe('七彩夏令营');
    expect(entrySchool(entry({ action: 'camp.update', entity: 'camp', entityId: SUB, names: { [SUB]: camp } }))).toBe('青山小学');
  });

  it('reads an export’s submissionId as the roster it sent, never its id', () => {
    const about = { action: 'roster.export', names: { [SUB]: schoolRoster } };
    const zh = auditDetails('zh-CN', { layout: 'official', count: 3, submissionId: SUB }, 'roster_submission', about);
    expect(zh.map((d) => [d.label, d.full])).toEqual([
      ['格式', '官方登记表'],
      ['条数', '3'],
      ['花名册', '青山小学 2026-2027 第一学期（秋季）'],
    ]);
    const en = auditDetails('en-US', { layout: 'official', count: 3, submissionId: SUB }, 'roster_submission', about);
    expect(en.map((d) => d.label)).toEqual(['Layout', 'Rows', 'Roster']);
  });

  it('reads a roster import’s archives as coming from an import, and leaves a photo’s id out', () => {
    const made = auditDetails('zh-CN', { importId: SUB }, 'child', { action: 'child.create' });
    expect(made.map((d) => [d.label, d.full])).toEqual([['来源', '导入花名册']]);
    expect(auditDetails('en-US', { importId: SUB, fields: ['name'] }, 'child', { action: 'child.update' }).map((d) => [d.label, d.full])).toEqual([
      ['Source', 'Roster import'],
      ['Fields changed', 'Name'],
    ]);
    expect(auditDetails('zh-CN', { photoId: SUB }, 'care_record', { action: 'care.photo' })).toEqual([]);
  });

  it('shows no id in an incident entry’s details', () => {
    const incident: [string, Record<string, unknown>][] = [
      ['incident.create', { kind: 'bullying', severity: 'serious', children: 1, mandatory: true }],
      ['incident.notify', { target: 'guardian', method: 'phone', reach: 'reached' }],
      ['incident.action', { kind: 'written_report' }],
      ['incident.instruct', { kind: 'instruction' }],
      ['incident.acknowledge', { instruction: true }],
      ['incident.view', { kind: 'bullying', part: 'actions' }],
      ['incident.update', { fields: ['place', 'description'], mandatory: false }],
      ['incident.police_report', { method: 'in_person', receipt: true }],
    ];
    for (const lang of ['zh-CN', 'en-US'] as const)
      for (const [action, summary] of incident)
        for (const d of auditDetails(lang, summary, 'incident', { action })) expect(`${action} ${d.label}: ${d.full}`).not.toMatch(HEX);
  });

  it('names the entry’s school unless the subject says it, and nothing for an entry without one', () => {
    expect(entrySchool(entry({}))).toBe('青山小学');
    // A sign-in, a region's change: no school, no "undefined".
    expect(entrySchool(entry({ schoolId: null, schoolName: null, action: 'auth.login', entity: 'user' }))).toBeNull();
    // Unnamed (a school the reader does not see): nothing rather than an id.
    expect(entrySchool(entry({ schoolName: null }))).toBeNull();
    // The school itself, a child over its school, a roster named with it.
    expect(
      entrySchool(entry({ entity: 'school', entityId: SCHOOL, names: { [SCHOOL]: { kind: 'school', name: '青山小学', school: null, semester: null } } })),
    ).toBeNull();
    const child: AuditName = { kind: 'child', name: '王小明', school: '青山小学', semester: null };
    expect(entrySchool(entry({ entity: 'child', entityId: CHILD, names: { [CHILD]: child } }))).toBeNull();
    expect(entrySchool(entry({ entity: 'roster_submission', entityId: SUB, names: { [SUB]: schoolRoster } }))).toBeNull();
    // A child who has moved on: the entry's school is said, as its archive's is another.
    expect(entrySchool(entry({ entity: 'child', entityId: CHILD, names: { [CHILD]: { ...child, school: '西岭小学' } } }))).toBe('青山小学');
  });
});
