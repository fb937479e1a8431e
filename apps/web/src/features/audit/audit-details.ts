import { type AuditName, type AuditPerson, joinList, type Lang } from '@carebridge/shared';
import { translateWeb } from '../../i18n/translate.ts';
import { shanghaiTime } from '../../lib/dates.ts';
import { ruleName } from '../compliance/policy-rules.ts';
import { codeText, detailLabel, fieldLabel, lookup } from './audit-labels.ts';
import { nameText, roleText, shortId } from './audit-names.ts';
import { aside, personText } from './audit-people.ts';

/** One line of an audit entry's details: a localised label and its value as text. */
export interface AuditDetail {
  key: string;
  label: string;
  /** The value as shown in a table cell: long texts and lists shortened. */
  text: string;
  /** The same value in full (nested values still read out, not raw JSON). */
  full: string;
  shortened: boolean;
}

/** Longest value shown in a cell, and most list items. */
const MAX_TEXT = 60;
const MAX_ITEMS = 5;

/** Details that hold only an internal id with nothing to name it by: a care record's photo (the entry names the record). */
const HIDDEN = new Set(['photoId']);

/** Values recorded as `[before, after]`. */
const CHANGES = new Set(['status', 'classTeacher', 'dueDate']);

/** The people and things an entry names by id, and the thing and action it is about. */
export interface AuditAbout {
  entityId?: string | null | undefined;
  people?: Record<string, AuditPerson> | undefined;
  /** Regions, schools, classes, terms, children, activities and tasks the reader may see, by id. */
  names?: Record<string, AuditName> | undefined;
  action?: string | undefined;
}

/**
 * Edits whose summary is the server's `changes()`: every field as `[before, after]` (lib/diff.ts), read
 * as "before → after". Other entries keep pairs only under `CHANGES`; a list of two is a list there.
 */
const CHANGE_ACTIONS = new Set(['user.update', 'class.update', 'school.update', 'region.update', 'term.update', 'leadership.update', 'duty.update']);

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a value is read against: the entry's entity and action, and the names it carries. */
interface Context {
  lang: Lang;
  entity: string;
  action: string | undefined;
  people: Record<string, AuditPerson>;
  names: Record<string, AuditName>;
}

/** One value as text: codes and field names localised, ids by name where the reader may see them, dates as dates, other ids shortened. */
function valueText(c: Context, key: string, value: unknown, depth = 0): string {
  const { lang, entity, action } = c;
  if (value === null || value === undefined || value === '') return '—';
  // An account's or a class's state, kept in its row as 1 or 0.
  if (key === 'active' && (typeof value === 'boolean' || value === 0 || value === 1)) return translateWeb(lang, value ? 'common.active' : 'common.inactive');
  if (typeof value === 'boolean') return translateWeb(lang, value ? 'common.yes' : 'common.no');
  if (typeof value === 'number') return codeText(lang, key, value, entity, action) ?? String(value);
  if (Array.isArray(value)) {
    if (CHANGES.has(key) && value.length === 2) return value.map((v) => valueText(c, key, v, depth + 1)).join(' → ');
    const items = value.slice(0, MAX_ITEMS).map((v) => valueText(c, key, v, depth + 1));
    const more = value.length > MAX_ITEMS ? `${lang === 'zh-CN' ? ' ' : ', '}${translateWeb(lang, 'audit.more', { count: value.length })}` : '';
    return value.length ? `${joinList(lang, items)}${more}` : '—';
  }
  if (typeof value === 'object') {
    if (depth > 0) return JSON.stringify(value);
    const parts = Object.entries(value as Record<string, unknown>).map(
      ([k, v]) => `${detailLabel(lang, k, entity, action)}${lang === 'zh-CN' ? '：' : ': '}${valueText(c, k, v, depth + 1)}`,
    );
    return parts.length ? parts.join(lang === 'zh-CN' ? '；' : '; ') : '—';
  }
  const text = String(value);
  // An id the server named: an account, or a place, child, activity or task the reader may see.
  const person = c.people[text];
  if (person) return personText(lang, person);
  const named = c.names[text];
  if (named) return nameText(lang, named);
  // Field names of a change ("fields": ["name", "guardianPhone"]).
  if (key === 'fields') return fieldLabel(lang, text, entity);
  if (key === 'ruleKey') return ruleName(text, lang);
  if (key === 'rules') {
    // Saved as "talk_monthly:2": the rule and the records it asks for.
    const m = /^([a-z0-9_]+):(\d+)$/.exec(text);
    return m ? translateWeb(lang, 'audit.ruleMin', { name: ruleName(m[1] as string, lang), min: m[2] as string }) : ruleName(text, lang);
  }
  if (key === 'roles' || key === 'role') return roleText(lang, text, c.names);
  // An archive made or changed by a roster import: the import's id says no more than where it came from.
  if (key === 'importId') return translateWeb(lang, 'audit.fromImport');
  if (key === 'duty') {
    const duty = text.startsWith('duties.') ? text.slice(7) : text;
    return lookup(lang, ['duties'], duty) ?? text;
  }
  const labelled = codeText(lang, key, text, entity, action);
  if (labelled) return labelled;
  if (ISO_TIME.test(text) && !Number.isNaN(Date.parse(text))) return shanghaiTime(text);
  if (key === 'period') {
    const range = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(text);
    if (range) return `${range[1]} – ${range[2]}`;
  }
  // An id the reader may not see by name: enough of it to tell two apart.
  if (UUID.test(text)) return shortId(text);
  return text;
}

const shorten = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text);

/**
 * An audit entry's summary, field by field, for people: labels in their language and values as text;
 * accounts named by id read as "王芳（wangfang）", the places and children the reader may see by
 * name ("王小明（青山小学）"). An entry about an account says first whose it is.
 */
export function auditDetails(lang: Lang, summary: Record<string, unknown> | null | undefined, entity: string, about: AuditAbout = {}): AuditDetail[] {
  if (!summary) return [];
  const c: Context = { lang, entity, action: about.action, people: about.people ?? {}, names: about.names ?? {} };
  const detail = (key: string, full: string): AuditDetail => {
    const text = shorten(full);
    return { key, label: detailLabel(lang, key, entity, about.action), text, full, shortened: text !== full };
  };
  const entries = Object.entries(summary);
  const user = entity === 'user' ? userOf(lang, summary, about) : null;
  const pairs = CHANGE_ACTIONS.has(about.action ?? '');
  return [
    ...(user ? [detail('user', user.text)] : []),
    ...entries
      .filter(([key]) => !user?.replaces.includes(key) && !HIDDEN.has(key))
      .map(([key, value]) =>
        detail(key, pairs && Array.isArray(value) && value.length === 2 ? value.map((v) => valueText(c, key, v, 1)).join(' → ') : valueText(c, key, value)),
      ),
  ];
}

/**
 * The account an entry about one concerns: the name and login its details kept when it was made, else
 * the account's own; with the details it stands for.
 */
function userOf(lang: Lang, summary: Record<string, unknown>, about: AuditAbout): { text: string; replaces: string[] } | null {
  if (typeof summary.username === 'string') {
    const name = typeof summary.name === 'string' ? summary.name : about.entityId ? about.people?.[about.entityId]?.name : undefined;
    // Without a name the login stays as recorded, under its own label.
    return name ? { text: aside(lang, name, summary.username), replaces: typeof summary.name === 'string' ? ['username', 'name'] : ['username'] } : null;
  }
  const id = about.entityId;
  const person = id ? about.people?.[id] : undefined;
  // A change of class teacher names the account already.
  const named = Object.values(summary).some((v) => v === id || (Array.isArray(v) && v.includes(id)));
  return person && !named ? { text: personText(lang, person), replaces: [] } : null;
}

/** The details on one line for the table ("儿童人数：3 · 类型：谈心"), at most `max` of them. */
export function detailsLine(details: AuditDetail[], lang: Lang, max = 3): string {
  const sep = lang === 'zh-CN' ? '：' : ': ';
  const line = details
    .slice(0, max)
    .map((d) => `${d.label}${sep}${d.text}`)
    .join(' · ');
  return details.length > max ? `${line} …` : line;
}

/** The raw value, for those who need every character. */
export const rawSummary = (summary: Record<string, unknown>) => JSON.stringify(summary, null, 2);
