import { type Activity, type ActivityKind, type ActivityTarget, type RECURRENCE, SAFETY_TOPICS, type SafetyTopic } from '@carebridge/shared';

export type Recurrence = (typeof RECURRENCE)[number];

/** The activity form's values: dates 'YYYY-MM-DD' and times 'HH:mm' as strings, the target as one nested field. */
export interface ActivityValues {
  schoolId?: string | undefined;
  kind?: ActivityKind | undefined;
  customKind?: string | null;
  title?: string;
  date?: string | null;
  startTime?: string | null;
  endTime?: string | null;
  place?: string | null;
  organiserName?: string | null;
  target?: { scope?: ActivityTarget | undefined; value?: string | null };
  description?: string | null;
  capacity?: number | null;
  topics?: SafetyTopic[];
  /** Create only: make a series. */
  repeatOn?: boolean;
  repeat?: { every?: Recurrence; until?: string | null };
}

/** Targets that name a grade or a class in `target.value`. */
export const needsTargetValue = (scope: string | undefined) => scope === 'grade' || scope === 'class';

const text = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);
const ordered = (topics: readonly SafetyTopic[] | undefined) => SAFETY_TOPICS.filter((x) => topics?.includes(x));

export function toActivityValues(a: Activity): ActivityValues {
  return {
    schoolId: a.schoolId,
    kind: a.kind,
    customKind: a.customKind ?? '',
    title: a.title,
    date: a.date,
    startTime: a.startTime,
    endTime: a.endTime,
    place: a.place ?? '',
    organiserName: a.organiserName ?? '',
    target: { scope: a.target.scope, value: a.target.value ?? null },
    description: a.description ?? '',
    capacity: a.capacity,
    topics: [...a.topics],
  };
}

/** The fields of ActivityCreate (without schoolId and repeat), cleaned: blanks as null, topics only for safety education. */
function fieldsOf(v: ActivityValues) {
  const scope = v.target?.scope;
  return {
    kind: v.kind,
    customKind: v.kind === 'other' ? text(v.customKind) : null,
    title: v.title?.trim() ?? '',
    date: v.date ?? '',
    startTime: v.startTime || null,
    endTime: v.endTime || null,
    place: text(v.place),
    organiserName: text(v.organiserName),
    target: { scope, value: needsTargetValue(scope) ? (v.target?.value ?? null) : null },
    description: text(v.description),
    capacity: v.capacity ?? null,
    topics: v.kind === 'safety_education' ? ordered(v.topics) : [],
  };
}

type Field = keyof ReturnType<typeof fieldsOf>;

export function createPayload(v: ActivityValues) {
  return {
    schoolId: v.schoolId ?? '',
    ...fieldsOf(v),
    repeat: v.repeatOn ? { every: v.repeat?.every, until: v.repeat?.until ?? '' } : null,
  };
}

/** Which fields of an edit differ from the activity as loaded (the PATCH sends only those, so the audit names them). */
export function changedActivityFields(v: ActivityValues, base: Activity): Field[] {
  const mine = fieldsOf(v);
  const theirs = fieldsOf(toActivityValues(base));
  return (Object.keys(mine) as Field[]).filter((k) => JSON.stringify(mine[k]) !== JSON.stringify(theirs[k]));
}

export function updatePayload(v: ActivityValues, base: Activity): Record<string, unknown> {
  const full = fieldsOf(v);
  const changed = new Set(changedActivityFields(v, base));
  // A new kind is checked with its own name (other) and topics (safety education): send them along.
  if (changed.has('kind')) {
    changed.add('customKind');
    changed.add('topics');
  }
  const out: Record<string, unknown> = { version: base.version };
  for (const k of changed) out[k] = full[k];
  return out;
}
