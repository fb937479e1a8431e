import { AUDIT_PERSON_KEYS, type AuditPerson, joinList, type Lang } from '@carebridge/shared';
import { translateWeb } from '../../i18n/translate.ts';
import { shanghaiTime } from '../../lib/dates.ts';
import { ruleName } from '../compliance/policy-rules.ts';
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

/** The shared dictionary of an entity's form fields, for its details' labels and changed-field lists. */
const ENTITY_FIELDS: Record<string, string> = {
  child: 'childFields',
  care_record: 'careFields',
  pairing: 'careFields',
  incident: 'incidentFields',
  activity: 'activityFields',
  activity_task: 'activityFields',
  contest_entry: 'activityFields',
  safety_duty: 'activityFields',
  camp: 'campFields',
  campaign: 'campaignFields',
  event: 'eventFields',
  team: 'eventFields',
  briefing: 'reportFields',
  roster_submission: 'reportFields',
};

/** Codes whose values have labels: where to find them (the first that knows the value wins). */
const VALUE_LABELS: Record<string, (entity: string) => string[]> = {
  role: () => ['roles'],
  roles: () => ['roles'],
  level: () => ['regionLevels'],
  position: () => ['positions'],
  office: () => ['offices'],
  duty: () => ['duties'],
  grade: () => ['grades'],
  semester: () => ['semesters'],
  severity: () => ['incidents.severities'],
  target: (e) => (e === 'incident' ? ['incidents.targets'] : []),
  method: (e) => (e === 'incident' ? ['incidents.methods'] : []),
  reach: (e) => (e === 'incident' ? ['incidents.reach'] : []),
  kind: (e) =>
    e === 'incident'
      ? ['incidents.kinds']
      : e === 'activity'
        ? ['activities.kinds']
        : e === 'care_record'
          ? ['care.kinds']
          : ['care.kinds', 'activities.kinds', 'incidents.kinds'],
  reason: (e) => (e === 'pairing' ? ['codes.pairingEndReason'] : []),
  status: (e) => (e === 'child' ? ['codes.childStatus'] : e === 'incident' ? ['incidents.status'] : e === 'activity' ? ['activities.statuses'] : []),
};

/** Values recorded as `[before, after]`. */
const CHANGES = new Set(['status', 'classTeacher']);

/** Details that hold the id of an account (the server names them in the entry's `people`). */
const PERSON_KEYS = new Set(AUDIT_PERSON_KEYS);

/** The people an entry names by id, and the id of the thing it is about. */
export interface AuditAbout {
  entityId?: string | null | undefined;
  people?: Record<string, AuditPerson> | undefined;
  action?: string | undefined;
}

/**
 * Edits whose summary is the server's `changes()`: every field as `[before, after]` (lib/diff.ts), read
 * as "before → after". Other entries keep pairs only under `CHANGES`; a list of two is a list there.
 */
const CHANGE_ACTIONS = new Set(['user.update', 'class.update', 'school.update', 'region.update', 'term.update', 'leadership.update', 'duty.update']);

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CODE = /^[A-Za-z0-9_.-]+$/;

/** The first of `paths` (dictionary prefixes) that has a text for `value`, else null. */
function lookup(lang: Lang, paths: string[], value: string): string | null {
  if (!CODE.test(value)) return null;
  for (const path of paths) {
    const key = `${path}.${value}`;
    const text = translateWeb(lang, key);
    if (text !== key) return text;
  }
  return null;
}

/** A detail's label: the entity's field label, the audit page's own, a general field label, else the key. */
export function detailLabel(lang: Lang, key: string, entity: string): string {
  // An account's name is a person's: 姓名, not 名称.
  if (entity === 'user' && key === 'name') return translateWeb(lang, 'users.name');
  const entityFields = ENTITY_FIELDS[entity];
  return lookup(lang, [...(entityFields ? [entityFields] : []), 'audit.details', 'fields', 'childFields', 'careFields'], key) ?? key;
}

/** The label of a form field named in a change: the entity's own form first. */
function fieldLabel(lang: Lang, field: string, entity: string): string {
  const entityFields = ENTITY_FIELDS[entity];
  return lookup(lang, [...(entityFields ? [entityFields] : []), 'fields', 'childFields', 'careFields', 'audit.details'], field) ?? field;
}

const shortId = (id: string) => `${id.slice(0, 8)}…${id.slice(-4)}`;

/** One value as text: codes and field names localised, dates as dates, ids shortened, lists and objects read out. */
function valueText(lang: Lang, key: string, value: unknown, entity: string, people: Record<string, AuditPerson>, depth = 0): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return translateWeb(lang, value ? 'common.yes' : 'common.no');
  if (typeof value === 'number') return (VALUE_LABELS[key] && lookup(lang, VALUE_LABELS[key](entity), String(value))) || String(value);
  if (Array.isArray(value)) {
    if (CHANGES.has(key) && value.length === 2) return value.map((v) => valueText(lang, key, v, entity, people, depth + 1)).join(' → ');
    const items = value.slice(0, MAX_ITEMS).map((v) => valueText(lang, key, v, entity, people, depth + 1));
    const more = value.length > MAX_ITEMS ? `${lang === 'zh-CN' ? ' ' : ', '}${translateWeb(lang, 'audit.more', { count: value.length })}` : '';
    return value.length ? `${joinList(lang, items)}${more}` : '—';
  }
  if (typeof value === 'object') {
    if (depth > 0) return JSON.stringify(value);
    const parts = Object.entries(value as Record<string, unknown>).map(
      ([k, v]) => `${detailLabel(lang, k, entity)}${lang === 'zh-CN' ? '：' : ': '}${valueText(lang, k, v, entity, people, depth + 1)}`,
    );
    return parts.length ? parts.join(lang === 'zh-CN' ? '；' : '; ') : '—';
  }
  const text = String(value);
  const person = PERSON_KEYS.has(key) ? people[text] : undefined;
  if (person) return personText(lang, person);
  // Field names of a change ("fields": ["name", "guardianPhone"]).
  if (key === 'fields') return fieldLabel(lang, text, entity);
  if (key === 'ruleKey') return ruleName(text, lang);
  if (key === 'rules') {
    // Saved as "talk_monthly:2": the rule and the records it asks for.
    const m = /^([a-z0-9_]+):(\d+)$/.exec(text);
    return m ? translateWeb(lang, 'audit.ruleMin', { name: ruleName(m[1] as string, lang), min: m[2] as string }) : ruleName(text, lang);
  }
  if (key === 'roles' || key === 'role') {
    // "school_leader@<school id>": the role; the place stays in the raw data.
    const role = text.split('@')[0] as string;
    return lookup(lang, ['roles'], role) ?? text;
  }
  if (key === 'duty') {
    const duty = text.startsWith('duties.') ? text.slice(7) : text;
    return lookup(lang, ['duties'], duty) ?? text;
  }
  const labelled = VALUE_LABELS[key] ? lookup(lang, VALUE_LABELS[key](entity), text) : null;
  if (labelled) return labelled;
  if (ISO_TIME.test(text) && !Number.isNaN(Date.parse(text))) return shanghaiTime(text);
  if (key === 'period') {
    const range = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(text);
    if (range) return `${range[1]} – ${range[2]}`;
  }
  if (UUID.test(text)) return shortId(text);
  return text;
}

const shorten = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text);

/**
 * An audit entry's summary, field by field, for people: labels in their language and values as text;
 * accounts named by id read as "王芳（wangfang）". An entry about an account says first whose it is.
 */
export function auditDetails(lang: Lang, summary: Record<string, unknown> | null | undefined, entity: string, about: AuditAbout = {}): AuditDetail[] {
  if (!summary) return [];
  const people = about.people ?? {};
  const detail = (key: string, full: string): AuditDetail => {
    const text = shorten(full);
    return { key, label: detailLabel(lang, key, entity), text, full, shortened: text !== full };
  };
  const entries = Object.entries(summary);
  const user = entity === 'user' ? userOf(lang, summary, about) : null;
  const pairs = CHANGE_ACTIONS.has(about.action ?? '');
  return [
    ...(user ? [detail('user', user.text)] : []),
    ...entries
      .filter(([key]) => !user?.replaces.includes(key))
      .map(([key, value]) =>
        detail(
          key,
          pairs && Array.isArray(value) && value.length === 2
            ? value.map((v) => valueText(lang, key, v, entity, people, 1)).join(' → ')
            : valueText(lang, key, value, entity, people),
        ),
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
  const named = Object.entries(summary).some(([k, v]) => PERSON_KEYS.has(k) && (v === id || (Array.isArray(v) && v.includes(id))));
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
