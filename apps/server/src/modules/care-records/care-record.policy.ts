import type { Role } from '@carebridge/shared';
import type { Auth } from '../../access/auth.ts';
import { AppError } from '../../errors.ts';

/** Roles that write care records (for children they see). Bureau officers and administrators read. */
const WRITERS: readonly Role[] = ['school_leader', 'moral_education', 'counsellor', 'class_teacher', 'mentor'];

export function writesCare(auth: Auth): boolean {
  return auth.roles.some((a) => WRITERS.includes(a.role));
}

/** Counselling records are read only by the school's counsellors and leaders (and written only by them). */
export function readsConfidential(auth: Auth, schoolId: string): boolean {
  return auth.roles.some((a) => (a.role === 'counsellor' || a.role === 'school_leader') && a.scopeId === schoolId);
}

/**
 * The schools where a confidential (counselling) record exists for this caller at all: those it works in
 * (a role other than bureau officer); null when nothing is hidden (administrators). Elsewhere — the
 * bureau over its schools — such records are not listed, opened or counted per child: which children
 * receive psychological counselling is itself sensitive (PIPL), and the bureau's figures count them.
 * Staff of the school see them redacted (`readsConfidential` decides who reads them).
 */
export function schoolsListingConfidential(auth: Auth): string[] | null {
  if (auth.scope.global) return null;
  return auth.roles
    .filter((a) => a.role !== 'bureau_officer')
    .map((a) => a.schoolId ?? (a.scopeKind === 'school' ? a.scopeId : null))
    .filter((id): id is string => !!id);
}

/** The schools whose counselling records this caller reads (`readsConfidential`), for filters that would otherwise tell what a redacted record holds. */
export function confidentialSchools(auth: Auth): string[] {
  return auth.roles.filter((a) => (a.role === 'counsellor' || a.role === 'school_leader') && a.scopeId).map((a) => a.scopeId as string);
}

/** The school's leaders correct records after the author's window has closed. */
export function leadsSchool(auth: Auth, schoolId: string): boolean {
  return auth.roles.some((a) => a.role === 'school_leader' && a.scopeId === schoolId);
}

/** Authors edit and delete their own records for `days` days after writing them; leaders always. */
export function editsRecord(auth: Auth, r: { school_id: string; author_id: string | null; created_at: string }, days: number, now: Date): boolean {
  if (leadsSchool(auth, r.school_id)) return true;
  if (!auth.userId || r.author_id !== auth.userId) return false;
  return now.getTime() - new Date(r.created_at).getTime() <= days * 86_400_000;
}

/**
 * Closing a follow-up (only `followUpDone`) is not editing the record: its author may do it whenever
 * the follow-up happens, long after the edit window (the reminder runs until it is closed); leaders too.
 */
export function closesFollowUp(auth: Auth, r: { school_id: string; author_id: string | null }): boolean {
  return leadsSchool(auth, r.school_id) || (!!auth.userId && r.author_id === auth.userId);
}

/** Refuses a change `editsRecord` does not allow, with the reason: someone else's record, or the author's window closed. */
export function assertEditsRecord(
  auth: Auth,
  r: { school_id: string; author_id: string | null; created_at: string; record_edit_days: number },
  now: Date,
): void {
  if (editsRecord(auth, r, r.record_edit_days, now)) return;
  if (!auth.userId || r.author_id !== auth.userId) throw new AppError('record_not_author', 403);
  throw new AppError('record_locked', 403, { days: r.record_edit_days });
}
