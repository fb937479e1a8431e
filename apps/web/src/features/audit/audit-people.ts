import type { AuditEntry, AuditPerson, Lang } from '@carebridge/shared';
import { translateWeb } from '../../i18n/translate.ts';

/** Who did something, for people: the name first, the login beside it in lighter type (null when there is nothing to add). */
export interface ActorLabel {
  main: string;
  login: string | null;
}

/**
 * An entry's actor: the person's name with the login; the system's own work as "系统" with the job's
 * name ("notifier"); else the login as recorded (typed at a failed login, or an account no longer there).
 */
export function actorLabel(lang: Lang, entry: Pick<AuditEntry, 'userId' | 'username' | 'name' | 'action'>): ActorLabel {
  if (entry.name) return { main: entry.name, login: entry.username && entry.username !== entry.name ? entry.username : null };
  // Sign-in entries without an account keep what was typed, which is no job of the system.
  if (!entry.userId && !entry.action.startsWith('auth.')) return { main: translateWeb(lang, 'audit.system'), login: entry.username };
  return { main: entry.username ?? '—', login: null };
}

/** A name with a note after it: "李玉兰（leader1）", "Li Yulan (leader1)". */
export const aside = (lang: Lang, text: string, note: string | null | undefined) => (note ? translateWeb(lang, 'validation.aside', { text, note }) : text);

/** An actor on one line ("李玉兰（leader1）"), for tooltips and text. */
export function actorText(lang: Lang, entry: Pick<AuditEntry, 'userId' | 'username' | 'name' | 'action'>): string {
  const a = actorLabel(lang, entry);
  return aside(lang, a.main, a.login);
}

/** A person named by id in an entry: "王芳（wangfang）". */
export const personText = (lang: Lang, person: AuditPerson) => aside(lang, person.name, person.username);
