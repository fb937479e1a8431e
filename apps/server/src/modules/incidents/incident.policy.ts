import type { Auth } from '../../access/auth.ts';
import { invalidField } from '../../errors.ts';

/** Where an incident sits and who reported it: enough to decide what a caller may do with it. */
export interface IncidentPlace {
  schoolId: string;
  regionPath: string;
  /**
   * The classes of the incident's children at its school: each child's class when linked to the case
   * (its first responder's, kept after a transfer) and its class now while it is still there.
   */
  classIds: (string | null)[];
  reporterId: string | null;
}

export interface IncidentRights {
  /** Reads the details (what happened, answers, notifications, actions). Others only learn that an incident exists. */
  details: boolean;
  /** Sees who reported it: the school leader, the bureau and the reporter (POLICY.md: the reporter is confidential). */
  reporter: boolean;
  /** Records notifications, actions and the police report, and corrects the report. */
  acts: boolean;
  /** Closes and reopens the case. */
  closes: boolean;
  /**
   * Keeps the case whatever became of its children (the school, the bureau over it, the class teachers
   * of the children's classes there): is named the children it can no longer see, as the case named them.
   */
  keeps: boolean;
  /**
   * Acknowledges (签收) what the school reported to it: the bureau over the school only. Not the
   * administrator, who may not read the case, so cannot confirm to the school that the bureau has.
   */
  acknowledges: boolean;
}

const has = (auth: Auth, role: string, scopeId: string) => auth.roles.some((a) => a.role === role && a.scopeId === scopeId);

/**
 * Who keeps a school's cases, whatever became of their children (a child transferred away takes its
 * archive, not the case): the leader and the moral-education office of the school, and the bureau
 * over it. One rule for both `incidentRights` and the SQL that finds incidents (incident.repository.ts).
 */
export function caseKeepers(auth: Auth): { schoolIds: string[]; regionPaths: string[] } {
  return {
    schoolIds: auth.roles.filter((a) => (a.role === 'school_leader' || a.role === 'moral_education') && !!a.scopeId).map((a) => a.scopeId as string),
    regionPaths: auth.roles.filter((a) => a.role === 'bureau_officer' && !!a.regionPath).map((a) => a.regionPath as string),
  };
}

/**
 * Incident details only for the school leader, the moral-education office, the children's class
 * teachers and the reporter (issue 8), plus the bureau over the school, which the chain tells of
 * serious cases and which must see the reporter. Administrators and everyone else who sees the
 * child learn only that an incident exists.
 */
export function incidentRights(auth: Auth, p: IncidentPlace): IncidentRights {
  const keepers = caseKeepers(auth);
  // The school's leader or moral-education office.
  const school = keepers.schoolIds.includes(p.schoolId);
  const bureau = keepers.regionPaths.some((r) => p.regionPath.startsWith(r));
  const leader = has(auth, 'school_leader', p.schoolId);
  const classTeacher = auth.roles.some((a) => a.role === 'class_teacher' && !!a.scopeId && p.classIds.includes(a.scopeId));
  const reporter = !!auth.userId && p.reporterId === auth.userId;
  return {
    details: school || classTeacher || bureau || reporter,
    reporter: leader || bureau || reporter,
    acts: school || classTeacher || reporter,
    closes: school,
    keeps: school || bureau || classTeacher,
    acknowledges: bureau,
  };
}

/** Anyone who sees a child may report an incident about it: staff, and volunteers for the children at their camp. */
export function reportsIncident(auth: Auth): boolean {
  return auth.roles.length > 0;
}

/** A report may be typed a few minutes after it is dated on a phone whose clock runs ahead. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** An instant recorded on a case (when it happened, was told, was reported) that lies in the future at `now`, beyond a phone clock's skew. */
export function inFuture(iso: string, now: Date): boolean {
  return new Date(iso).getTime() > now.getTime() + CLOCK_SKEW_MS;
}

/**
 * When a case happened: not in the future, and not before one of its children was born (a mistyped
 * year such as 0000 or 2006 for 2026). `day`: that moment's date in Beijing.
 */
export function checkOccurredAt(iso: string, day: string, now: Date, births: readonly (string | null)[]): void {
  if (inFuture(iso, now)) invalidField('validation_failed', 'occurredAt', 'validation.date_future');
  if (births.some((b) => b && day < b)) invalidField('validation_failed', 'occurredAt', 'validation.date_before_birth');
}
