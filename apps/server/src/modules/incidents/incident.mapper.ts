import type { Row } from '@carebridge/db';
import type {
  Incident,
  IncidentAction,
  IncidentChild,
  IncidentKind,
  IncidentNotice,
  IncidentSummary,
  MandatoryAnswers,
  NoticeAttempt,
  POLICE_METHODS,
  Severity,
  Situation,
} from '@carebridge/shared';
import { shanghaiDate } from '../../lib/dates.ts';
import type { IncidentPlace, IncidentRights } from './incident.policy.ts';
import type { IncidentLink, IncidentRow } from './incident.repository.ts';
import { acknowledgementOf, awaitsAcknowledgement, canInstruct, reportedToBureau } from './incident-bureau.ts';

// What each reader gets of an incident: the rows shaped by the reader's rights (restricted readers
// learn only that it exists; the reporter is named only to those who may know who reported).

export function incidentPlace(r: IncidentRow, links: IncidentLink[]): IncidentPlace {
  return {
    schoolId: r.school_id,
    regionPath: r.region_path,
    // A class the child joined at another school does not make its teacher one of this case's; the class it was linked from does.
    classIds: links
      .filter((l) => l.incident_id === r.id)
      .flatMap((l) => [l.linked_class_id, ...(l.school_id === r.school_id ? [l.class_id] : [])])
      .filter((c) => c !== null),
    reporterId: r.reporter_id,
  };
}

/**
 * Whether a name recorded on the case is the reporter's: by account where the row keeps one, else by
 * name (notifications recorded before accounts were kept). A false match only hides one name too many.
 */
function isReporter(r: IncidentRow, accountId: string | null, name: string | null): boolean {
  if (accountId && r.reporter_id) return accountId === r.reporter_id;
  return name !== null && name === r.reporter_name;
}

/**
 * The children named to the caller: those it sees now, as they are now; and, to those who keep the case,
 * those it no longer sees or that left the case's school, as the case named them when linked (a class
 * at another school, or a name given there, is not the case's to tell; a link written without its
 * snapshot, by the demo seed, gives today's name and no class).
 */
function caseChildren(r: IncidentRow, links: IncidentLink[], rights: IncidentRights): IncidentChild[] {
  const out: IncidentChild[] = [];
  for (const l of links) {
    if (l.incident_id !== r.id) continue;
    const visible = l.visible === 1;
    const transferred = l.school_id !== r.school_id;
    if (rights.keeps && (transferred || !visible))
      out.push({ id: l.child_id, name: l.linked_name ?? l.name, className: l.linked_class_name, transferred, visible });
    else if (visible) out.push({ id: l.child_id, name: l.name, className: l.class_name, transferred, visible });
  }
  return out;
}

export function toSummary(r: IncidentRow, links: IncidentLink[], rights: IncidentRights, overdue: number): IncidentSummary {
  const restricted = !rights.details;
  return {
    id: r.id,
    schoolId: r.school_id,
    schoolName: r.school_name,
    restricted,
    children: caseChildren(r, links, rights),
    // Restricted callers see the day, not the hour.
    occurredAt: restricted ? shanghaiDate(new Date(r.occurred_at)) : r.occurred_at,
    status: r.status as 'open' | 'closed',
    kind: restricted ? null : (r.kind as IncidentKind),
    severity: restricted ? null : (r.severity as Severity),
    mandatory: restricted ? null : r.mandatory === 1,
    policeReported: restricted ? null : r.police_reported_at !== null,
    // Nothing can be recorded on a closed case: a step it left waiting (closed by an earlier release) is not overdue.
    overdueNotifications: restricted ? null : r.status === 'open' ? overdue : 0,
    reportedToBureau: restricted ? null : reportedToBureau(r),
    acknowledgement: restricted ? null : acknowledgementOf(r),
    createdAt: r.created_at,
  };
}

type NoticeRow = Row<'incident_notices'>;

/** Who recorded a notice, and whom it names, as the reader may know them: not the reporter to readers who may not know who reported. */
function recorded(r: IncidentRow, n: NoticeRow, rights: IncidentRights) {
  const byReporter = n.recorded_by !== null && isReporter(r, n.recorded_by_id, n.recorded_by);
  const hide = byReporter && !rights.reporter;
  return {
    // A leader who reports has told the leaders: the contact is the reporter.
    contactName: hide && n.contact_name === r.reporter_name ? null : n.contact_name,
    recordedByName: hide ? null : n.recorded_by,
    byReporter,
  };
}

/** A try of a step that reached nobody (未联系上). */
function toAttempt(r: IncidentRow, a: NoticeRow, rights: IncidentRights): NoticeAttempt {
  return { id: a.id, at: a.done_at ?? a.created_at, method: (a.method ?? 'other') as NoticeAttempt['method'], note: a.note, ...recorded(r, a, rights) };
}

/** A step of the notification chain, or an extra notification, with the step's tries that reached nobody; overdue only on an open case. */
export function toNotice(r: IncidentRow, n: NoticeRow, tries: NoticeRow[], rights: IncidentRights, now: Date): IncidentNotice {
  const attempts = tries.map((a) => toAttempt(r, a, rights));
  return {
    id: n.id,
    target: n.target as IncidentNotice['target'],
    dueAt: n.due_at,
    doneAt: n.done_at,
    reach: n.done_at ? (n.reach as IncidentNotice['reach']) : null,
    attempts,
    // Every try so far failed (a reach completes the step), and one says what was done: 未联系上.
    unreachable: !n.done_at && attempts.some((a) => !!a.note),
    method: n.method as IncidentNotice['method'],
    note: n.note,
    ...recorded(r, n, rights),
    overdue: r.status === 'open' && !n.done_at && !!n.due_at && n.due_at < now.toISOString(),
  };
}

/** The case's notices in the chain's order, each step with its tries (rows of their own, `step_id`) under it rather than beside it. */
export function toNotices(r: IncidentRow, rows: NoticeRow[], rights: IncidentRights, now: Date): IncidentNotice[] {
  const tries = (id: string) => rows.filter((a) => a.step_id === id);
  return rows.filter((n) => n.step_id === null).map((n) => toNotice(r, n, tries(n.id), rights, now));
}

/** An entry of the case's timeline; what the reporter wrote does not name the reporter to readers who may not know who reported. */
export function toAction(r: IncidentRow, a: Row<'incident_actions'>, rights: IncidentRights): IncidentAction {
  const byReporter = isReporter(r, a.author_id, a.author_name);
  return {
    id: a.id,
    kind: a.kind as IncidentAction['kind'],
    at: a.at,
    text: a.text,
    outcome: a.outcome as IncidentAction['outcome'],
    documentNo: a.document_no,
    careRecordId: a.care_record_id,
    authorName: byReporter && !rights.reporter ? null : a.author_name,
    byReporter,
    createdAt: a.created_at,
  };
}

/** The details, for a caller with `rights.details`. */
export function toIncident(r: IncidentRow, links: IncidentLink[], rights: IncidentRights, notices: IncidentNotice[], actions: IncidentAction[]): Incident {
  const persuasions = actions.filter((a) => a.kind === 'persuasion');
  return {
    ...toSummary(r, links, rights, notices.filter((n) => n.overdue).length),
    place: r.place,
    description: r.description,
    immediateActions: r.immediate_actions,
    answers: JSON.parse(r.answers) as MandatoryAnswers,
    situations: JSON.parse(r.situations) as Situation[],
    reporter: rights.reporter ? { id: r.reporter_id, name: r.reporter_name } : null,
    police: r.police_reported_at
      ? {
          reportedAt: r.police_reported_at,
          reporterName: rights.reporter ? r.police_reporter_name : null,
          unit: r.police_unit ?? '',
          receiptNumber: r.police_receipt,
          method: (r.police_method ?? 'other') as (typeof POLICE_METHODS)[number],
          recordedByName: rights.reporter ? r.police_recorded_by : null,
          recordedAt: r.police_recorded_at ?? r.police_reported_at,
        }
      : null,
    notifications: notices,
    actions,
    dropout:
      r.kind === 'dropout'
        ? {
            persuasions: persuasions.length,
            returned: persuasions.some((a) => a.outcome === 'returned'),
            writtenReport: actions.some((a) => a.kind === 'written_report'),
          }
        : null,
    closedAt: r.closed_at,
    canEdit: rights.acts,
    canAcknowledge: rights.acknowledges && awaitsAcknowledgement(r),
    canInstruct: canInstruct(r, rights),
    version: r.version,
    updatedAt: r.updated_at,
  };
}
