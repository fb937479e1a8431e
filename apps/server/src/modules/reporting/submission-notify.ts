import { type Lang, type MessageParam, termName } from '@carebridge/shared';
import type { Auth } from '../../access/auth.ts';
import type { Tx } from '../../context.ts';
import type { NotificationService } from '../compliance/notification.service.ts';

// A roster's way up in the bell (花名册报送): who acts next hears of each step — the reviewers of a
// roster sent to them, those who sent it of the return (with the reason) or the approval.

/** The bell's kind for every step of a roster. */
const KIND = 'roster';
/** The longest comment quoted in the bell; the whole of it is on the submissions page. */
const MAX_COMMENT = 80;

export type SubmissionStep = 'submit' | 'approve' | 'return';

/** What a notification names of a submission (the row as `SubmissionService` reads it). */
export interface SubmissionPlace {
  id: string;
  level: string;
  school_id: string;
  class_id: string | null;
  term_id: string;
  school_name: string;
  class_name: string | null;
  region_path: string;
  academic_year: string;
  semester: number;
}

/** The term's name ("2026-2027 第一学期（秋季）"), as the submission's `termLabel`. */
export const termLabel = (lang: Lang, r: Pick<SubmissionPlace, 'academic_year' | 'semester'>) => termName(lang, r.academic_year, r.semester);

const usersWith = async (db: Tx, roles: string[], scopeId: string) =>
  (await db.selectFrom('role_assignments').select('user_id').where('role', 'in', roles).where('scope_id', '=', scopeId).execute()).map((a) => a.user_id);

/**
 * Who acts next: on a submission its reviewers (a class's: the school's leaders and moral-education
 * office; a school's: the bureau over it); on a review those who submit it (a class's teacher; the
 * school's leaders and moral-education office). The caller is not told of its own act.
 */
async function nextActors(db: Tx, notifications: NotificationService, auth: Auth, r: SubmissionPlace, step: SubmissionStep): Promise<Set<string>> {
  const leads = () => usersWith(db, ['school_leader', 'moral_education'], r.school_id);
  let to: string[];
  if (step === 'submit') to = r.level === 'class' ? await leads() : await notifications.bureauOver(db, r.region_path);
  else to = r.level === 'class' && r.class_id ? await usersWith(db, ['class_teacher'], r.class_id) : await leads();
  const out = new Set(to);
  out.delete(auth.userId);
  return out;
}

const shorten = (text: string) => (text.length > MAX_COMMENT ? `${text.slice(0, MAX_COMMENT - 1)}…` : text);

function messageOf(step: SubmissionStep, comment: string | null): string {
  if (step === 'submit') return 'notifications.rosterSubmitted';
  if (step === 'return') return 'notifications.rosterReturned';
  return comment ? 'notifications.rosterApprovedWithComment' : 'notifications.rosterApproved';
}

/**
 * Tell who acts next of a step done (after its transaction), linking to the school's roster of the
 * term; `version` is the submission's after the step, so each step is told once.
 */
export async function tellNext(
  db: Tx,
  notifications: NotificationService,
  auth: Auth,
  r: SubmissionPlace,
  step: SubmissionStep,
  comment: string | null,
  version: number,
): Promise<void> {
  const params: Record<string, MessageParam> = {
    unit: r.class_name ?? r.school_name,
    term: { 'zh-CN': termLabel('zh-CN', r), 'en-US': termLabel('en-US', r) },
    by: auth.name,
    comment: comment ? shorten(comment) : '',
  };
  const link = `/submissions?school=${r.school_id}&term=${r.term_id}`;
  for (const u of await nextActors(db, notifications, auth, r, step))
    await notifications.notify(u, r.school_id, KIND, `roster|${r.id}|${version}`, messageOf(step, comment), params, link);
}
