import { AUDIT_PERSON_KEYS, type AuditNameKind, ROLE_SCOPE, type Role } from '@carebridge/shared';

/** Detail keys that hold an account's id beyond the shared ones: edits recorded column by column (lib/diff.ts). */
const PERSON_KEYS = new Set([...AUDIT_PERSON_KEYS, 'head_teacher_id', 'user_id']);

/** Detail keys that hold the id of a thing, whatever the action. */
const KEY_KINDS: Record<string, AuditNameKind> = {
  regionId: 'region',
  region_id: 'region',
  schoolId: 'school',
  classId: 'class',
  termId: 'term',
  toTermId: 'term',
  childId: 'child',
  activity: 'activity',
  task: 'task',
  submissionId: 'submission',
};

/** Detail keys whose meaning is the action's: a transfer's `from` and `to` are schools, elsewhere dates. */
const ACTION_KEY_KINDS: Record<string, Record<string, AuditNameKind>> = {
  'child.transfer': { from: 'school', to: 'school' },
};

/** Entities whose id is a thing's. */
const ENTITY_KINDS: Record<string, AuditNameKind> = {
  region: 'region',
  school: 'school',
  class: 'class',
  term: 'term',
  child: 'child',
  activity: 'activity',
  roster_submission: 'submission',
  incident: 'incident',
  camp: 'camp',
  campaign: 'campaign',
  event: 'event',
  briefing: 'briefing',
  pairing: 'pairing',
  care_record: 'care_record',
  leadership_member: 'leadership_member',
  duty: 'duty',
  safety_duty: 'safety_duty',
};

const ROLE_KINDS: Record<string, AuditNameKind> = { region: 'region', school: 'school', class: 'class' };

/** The ids an entry names: its accounts (`people`) and its things by kind. */
export interface NamedIds {
  people: string[];
  things: [AuditNameKind, string][];
}

/** Strings of a value, through lists and `[before, after]` pairs (a change of roles is a pair of lists). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return value ? [value] : [];
  return Array.isArray(value) ? value.flatMap(strings) : [];
}

/**
 * The ids an audit entry names, by what they are: the account acted on and those in its details;
 * the thing acted on (an incident too) and the regions, schools, classes, terms, children, activities,
 * tasks and roster submissions in its details, with where a role applies ("bureau_officer@<region id>").
 */
export function namedIds(entry: { action: string; entity: string; entityId: string | null; summary: Record<string, unknown> | null }): NamedIds {
  const people = entry.entity === 'user' && entry.entityId ? [entry.entityId] : [];
  const entityKind = ENTITY_KINDS[entry.entity];
  const things: [AuditNameKind, string][] = entityKind && entry.entityId ? [[entityKind, entry.entityId]] : [];
  const byAction = ACTION_KEY_KINDS[entry.action] ?? {};
  for (const [key, value] of Object.entries(entry.summary ?? {})) {
    if (PERSON_KEYS.has(key)) people.push(...strings(value));
    const kind = byAction[key] ?? KEY_KINDS[key];
    if (kind) for (const id of strings(value)) things.push([kind, id]);
    if (key === 'roles' || key === 'role')
      for (const text of strings(value)) {
        const [role, scopeId] = text.split('@');
        const roleKind = ROLE_KINDS[ROLE_SCOPE[role as Role] ?? ''];
        if (roleKind && scopeId) things.push([roleKind, scopeId]);
      }
  }
  return { people, things };
}
