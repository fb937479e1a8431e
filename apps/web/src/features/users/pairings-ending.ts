import { joinList, type Lang, type Role } from '@carebridge/shared';
import { translateWeb } from '../../i18n/translate.ts';

/** An open pairing of the user being edited, as the pairing list gives it. */
interface OpenPairing {
  childName: string;
  schoolId: string;
}

/** The pairings a save ends, and why: the account deactivated, or the mentor role taken away at their schools. */
export interface Ending<P extends OpenPairing = OpenPairing> {
  why: 'deactivated' | 'role_removed';
  pairings: P[];
}

/** Children named in the warning; the others are "等" / "and others". */
const NAMED = 5;

/**
 * Which of the user's open pairings the server ends when the form is saved as it stands
 * (users.service.ts): all of them when the account is deactivated; else those of the schools where
 * the user was a mentor and no longer is. Null when none ends.
 */
export function pairingsEnding<P extends OpenPairing>(
  before: readonly { role: Role; scopeId: string | null }[],
  form: { active?: boolean | undefined; roles?: readonly { role?: Role | undefined; scopeId?: string | null | undefined }[] | undefined },
  open: readonly P[],
): Ending<P> | null {
  if (!open.length) return null;
  if (form.active === false) return { why: 'deactivated', pairings: [...open] };
  if (!form.roles) return null;
  const kept = new Set(form.roles.filter((r) => r.role === 'mentor' && r.scopeId).map((r) => r.scopeId));
  const gone = new Set(before.filter((r) => r.role === 'mentor' && r.scopeId && !kept.has(r.scopeId)).map((r) => r.scopeId));
  const pairings = open.filter((p) => gone.has(p.schoolId));
  return pairings.length ? { why: 'role_removed', pairings } : null;
}

/** "该教师有 5 名帮扶对象（…），停用后这些结对将结束…": what the save will do, before it is done. */
export function endingWarning(lang: Lang, ending: Ending): string {
  const names = ending.pairings.map((p) => p.childName);
  const listed = joinList(lang, names.slice(0, NAMED));
  return translateWeb(lang, ending.why === 'deactivated' ? 'users.ending.deactivated' : 'users.ending.roleRemoved', {
    count: names.length,
    names: names.length > NAMED ? translateWeb(lang, 'users.ending.more', { names: listed }) : listed,
  });
}
