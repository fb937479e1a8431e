import type { Lang } from '@carebridge/shared';
import { translateWeb } from '../../i18n/translate.ts';

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

/** Labels that depend on the entity: a leadership member's name is a person's, its title a post's. */
const ENTITY_LABELS: Record<string, Record<string, string>> = {
  leadership_member: { name: 'audit.labels.personName', title: 'fields.title' },
};

const INCIDENT_STEP = { kind: 'audit.labels.actionKind' };
const SUBMISSION = { level: 'audit.labels.submissionLevel' };
const FILE = { name: 'audit.labels.fileName' };

/** Labels that depend on the action: an incident step's `kind` is the step's, a transfer's `from` a school. */
const ACTION_LABELS: Record<string, Record<string, string>> = {
  'incident.action': INCIDENT_STEP,
  'incident.close': INCIDENT_STEP,
  'incident.reopen': INCIDENT_STEP,
  'incident.instruct': INCIDENT_STEP,
  'incident.police_report': { method: 'audit.labels.policeMethod' },
  'incident.view': { part: 'audit.labels.viewPart' },
  'child.transfer': { from: 'audit.labels.fromSchool', to: 'audit.labels.toSchool' },
  'child.print': { count: 'audit.details.children' },
  // A guardian's phone was shown, not changed.
  'child.contact_view': { fields: 'audit.details.fieldsViewed' },
  'roster.submit': SUBMISSION,
  'roster.approve': SUBMISSION,
  'roster.return': SUBMISSION,
  'activity.photo': FILE,
  'activity.file': FILE,
  'activity.photo_delete': FILE,
  'activity.file_delete': FILE,
  'auth.locked': { reason: 'audit.labels.lockReason' },
  'activity.task': { task: 'fields.taskId' },
};

const INCIDENT_STEP_VALUES = { kind: ['incidents.actionKinds'] };
const SUBMISSION_VALUES = { level: ['scopeKinds'] };

/** Codes whose dictionary depends on the action (the first dictionary that knows the value wins). */
const ACTION_VALUES: Record<string, Record<string, string[]>> = {
  'incident.action': INCIDENT_STEP_VALUES,
  'incident.close': INCIDENT_STEP_VALUES,
  'incident.reopen': INCIDENT_STEP_VALUES,
  'incident.instruct': INCIDENT_STEP_VALUES,
  'incident.police_report': { method: ['incidents.policeMethods'] },
  'incident.view': { part: ['audit.values.viewPart'] },
  'roster.submit': SUBMISSION_VALUES,
  'roster.approve': SUBMISSION_VALUES,
  'roster.return': SUBMISSION_VALUES,
  'roster.export': { layout: ['audit.values.layout'] },
  'auth.locked': { reason: ['audit.values.lockReason'] },
  'briefing.update': { changed: ['audit.values.briefingParts'] },
  // Each of the dashboard's tables is a sheet of the statistics workbook, or one of its breakdowns.
  'stats.export': { table: ['statsExport.dims', 'statsExport.sheets'] },
};

/** Codes whose values have labels whatever the action: where to find them (the first that knows the value wins). */
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
  area: (e) => (e === 'safety_duty' ? ['activities.dutyAreas'] : []),
  kind: (e) =>
    e === 'incident'
      ? ['incidents.kinds']
      : e === 'activity'
        ? ['activities.kinds']
        : e === 'care_record'
          ? ['care.kinds']
          : e === 'school'
            ? ['schoolKinds']
            : ['care.kinds', 'activities.kinds', 'incidents.kinds'],
  reason: (e) => (e === 'pairing' ? ['codes.pairingEndReason'] : []),
  status: (e) => (e === 'child' ? ['codes.childStatus'] : e === 'incident' ? ['incidents.status'] : e === 'activity' ? ['activities.statuses'] : []),
};

const CODE = /^[A-Za-z0-9_.-]+$/;

/** English texts that are written in lower case to stand inside a sentence ("a serious incident") start a value with a capital. */
const asValue = (lang: Lang, text: string) => (lang === 'zh-CN' ? text : text.charAt(0).toUpperCase() + text.slice(1));

/** "head_teacher_id" → "headTeacherId": edits of organisation records are kept by column (lib/diff.ts), forms name fields in camel case. */
const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The first of `paths` (dictionary prefixes) that has a text for `value`, else null. */
export function lookup(lang: Lang, paths: string[], value: string): string | null {
  if (!CODE.test(value)) return null;
  for (const path of paths) {
    // The statistics workbook names its sheets "sheetCoverage": the table "coverage".
    const key = path === 'statsExport.sheets' ? `statsExport.sheet${value.charAt(0).toUpperCase()}${value.slice(1)}` : `${path}.${value}`;
    const text = translateWeb(lang, key);
    if (text !== key) return text;
  }
  return null;
}

/**
 * A detail's label: the action's or the entity's own, else the entity's field label, the audit page's
 * own, a general field label; a column name ("pupil_count") as its field's; else the key.
 */
export function detailLabel(lang: Lang, key: string, entity: string, action?: string): string {
  const own = (action && ACTION_LABELS[action]?.[key]) || ENTITY_LABELS[entity]?.[key];
  if (own) return translateWeb(lang, own);
  // An account's name is a person's: 姓名, not 名称.
  if (entity === 'user' && key === 'name') return translateWeb(lang, 'users.name');
  const entityFields = ENTITY_FIELDS[entity];
  const paths = [...(entityFields ? [entityFields] : []), 'audit.details', 'audit.labels', 'fields', 'childFields', 'careFields'];
  return lookup(lang, paths, key) ?? (key.includes('_') ? lookup(lang, paths, camel(key)) : null) ?? key;
}

/** The label of a form field named in a change: the entity's own form first. */
export function fieldLabel(lang: Lang, field: string, entity: string): string {
  const entityFields = ENTITY_FIELDS[entity];
  return lookup(lang, [...(entityFields ? [entityFields] : []), 'fields', 'childFields', 'careFields', 'audit.details'], field) ?? field;
}

/** A code's text in a detail, when the action or the key gives it a dictionary; else null. */
export function codeText(lang: Lang, key: string, value: string | number, entity: string, action?: string): string | null {
  const paths = (action && ACTION_VALUES[action]?.[key]) || VALUE_LABELS[key]?.(entity);
  const text = paths ? lookup(lang, paths, String(value)) : null;
  return text === null ? null : asValue(lang, text);
}
