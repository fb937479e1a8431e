import type { AuditEntry, AuditName, Lang, Role } from '@carebridge/shared';
import { ROLE_SCOPE, termName } from '@carebridge/shared';
import { lookup } from './audit-labels.ts';
import { aside } from './audit-people.ts';

/** Enough of an id to tell two apart: "0190c6a2…90ab". */
export const shortId = (id: string) => (id.length > 12 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id);

/**
 * A named thing as text: a child or a class with its school ("王小明（青山小学）"), a term with its
 * semester, a roster submission by its school, class and term ("青山小学 2026-2027 第一学期（秋季）"),
 * an incident or a care record by its kind and day ("欺凌（2026-11-12）", "家访（2026-11-18）"), a
 * pairing by its child and mentor ("王小明（帮扶教师 李芳）"), the others by name.
 */
export function nameText(lang: Lang, n: AuditName): string {
  if (n.kind === 'term') return n.semester ? termName(lang, n.name, n.semester) : n.name;
  if (n.kind === 'incident') return aside(lang, lookup(lang, ['incidents.kinds'], n.name) ?? n.name, n.date);
  if (n.kind === 'care_record') return aside(lang, lookup(lang, ['care.kinds'], n.name) ?? n.name, n.date);
  if (n.kind === 'pairing') return aside(lang, n.name, n.mentor ? `${lookup(lang, ['roles'], 'mentor')} ${n.mentor}` : null);
  if (n.kind === 'submission') {
    const term = n.semester ? termName(lang, n.name, n.semester) : n.name;
    return [n.school, n.className, term].filter(Boolean).join(lang === 'zh-CN' ? ' ' : ', ');
  }
  if (n.kind === 'child' || n.kind === 'class') return aside(lang, n.name, n.school);
  return n.name;
}

/** A role as recorded ("bureau_officer@<region id>"), with where it applies when the reader may see it: "教育局/乡镇管理员（青山县）". */
export function roleText(lang: Lang, text: string, names: Record<string, AuditName>): string {
  const [role = '', scopeId] = text.split('@');
  const label = lookup(lang, ['roles'], role);
  if (!label) return text;
  const place = scopeId && ROLE_SCOPE[role as Role] !== 'global' ? names[scopeId] : undefined;
  // A class teacher's class is named alone: its school is the entry's.
  return aside(lang, label, place ? (place.kind === 'class' ? place.name : nameText(lang, place)) : null);
}

/**
 * The school an entry belongs to, for a reader of many schools: null when the entry has none (a
 * sign-in, a region's change) or its subject says it already (the school itself, a child over its
 * school, a class or a roster submission named with it).
 */
export function entrySchool(entry: Pick<AuditEntry, 'schoolId' | 'schoolName' | 'entityId' | 'names'>): string | null {
  if (!entry.schoolName) return null;
  if (entry.entityId && entry.entityId === entry.schoolId) return null;
  const subject = entry.entityId ? entry.names[entry.entityId] : undefined;
  if (subject && ['child', 'class', 'submission'].includes(subject.kind) && subject.school === entry.schoolName) return null;
  return entry.schoolName;
}
