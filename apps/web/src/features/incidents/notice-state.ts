import { type Incident, type IncidentNotice, mayWithhold, type NotifyTarget } from '@carebridge/shared';

/**
 * How a step of the chain stands: done, overdue, waiting; unreachable (未联系上) — an extra notice that
 * reached nobody, a step tried in vain (still waiting, not yet overdue), or one a closed case left so; or — on a closed case that left it waiting
 * untried (closed by an earlier release, before closing waited for the chain) — not notified: nothing
 * can be recorded on a closed case, so it is neither late nor still to do; withheld (不宜通知) — the
 * guardian or the parents deliberately not told, with a reason: resolved, never late. Never "done"
 * unless someone was reached.
 */
export type StepState = 'done' | 'overdue' | 'pending' | 'unreachable' | 'not_notified' | 'withheld';

type StepFacts = Pick<IncidentNotice, 'doneAt' | 'overdue' | 'reach' | 'unreachable' | 'attempts'>;

export function stepState(n: StepFacts, status: Incident['status']): StepState {
  if (n.reach === 'withheld') return 'withheld';
  if (n.reach === 'not_reached') return 'unreachable';
  if (n.doneAt) return 'done';
  if (status === 'closed') return n.unreachable || n.attempts.length > 0 ? 'unreachable' : 'not_notified';
  if (n.overdue) return 'overdue';
  // Tried in vain and still waiting: 未联系上 says more than 待通知 (the button to record the next try stays).
  return n.attempts.length > 0 ? 'unreachable' : 'pending';
}

type Chain = Pick<Incident, 'notifications'>;
const once = (steps: IncidentNotice[]): NotifyTarget[] => [...new Set(steps.map((n) => n.target))];

/**
 * Whom the chain still waits for, once each in the chain's order: the server refuses 结案 until each is
 * told, or tried in vain with a note saying what was done.
 */
export function waitingTargets(i: Chain): NotifyTarget[] {
  return once(i.notifications.filter((n) => !n.doneAt && !n.unreachable));
}

/** Whom the chain only tried, in vain (未联系上, with a note): no bar to 结案, and shown so after it. */
export function triedTargets(i: Chain): NotifyTarget[] {
  return once(i.notifications.filter((n) => !n.doneAt && n.unreachable));
}

/** Whom the chain deliberately did not tell (不宜通知, with a reason): no bar to 结案, named so that the leader sees it. */
export function withheldTargets(i: Chain): NotifyTarget[] {
  return once(i.notifications.filter((n) => n.reach === 'withheld'));
}

/**
 * Whether a notice to `target` may be recorded as deliberately not told: the guardian or the parents
 * only (the server refuses the rest), while a step of the chain still waits for them.
 */
export function withholdable(i: Chain, target: NotifyTarget): boolean {
  return mayWithhold(target) && i.notifications.some((n) => n.target === target && !n.doneAt);
}

/** What the 结案 form says before the case is closed. */
export interface CloseNotes {
  /** The law asks for a police report not yet recorded: the server refuses with `incident_police_first`. */
  police: boolean;
  /** Whom the chain still waits for: the server refuses with `incident_notices_pending`. */
  waiting: NotifyTarget[];
  /** Whom the chain only tried, in vain: no bar to closing. */
  tried: NotifyTarget[];
  /** Whom the chain deliberately did not tell (不宜通知): no bar to closing. */
  withheld: NotifyTarget[];
  /** Closing is refused for now (`police` or `waiting`), each reason shown once, on its own. */
  blocked: boolean;
  /** The generic reminder, only when nothing blocks: beside a refusal it would say the same thing twice. */
  hint: boolean;
}

/** The 结案 form's notes, mirroring the server's `refuseEarlyClose` so that what it would refuse is said before sending. */
export function closeNotes(i: Chain & Pick<Incident, 'mandatory' | 'policeReported'>): CloseNotes {
  const police = i.mandatory === true && !i.policeReported;
  const waiting = waitingTargets(i);
  const blocked = police || waiting.length > 0;
  return { police, waiting, tried: triedTargets(i), withheld: withheldTargets(i), blocked, hint: !blocked };
}

/**
 * How many minutes after its deadline a step was told (rounded up), or null when on time, not told, only
 * tried, or deliberately not told: a late notification is recorded as done, and says it was late.
 */
export function lateMinutes(n: Pick<IncidentNotice, 'doneAt' | 'dueAt' | 'reach'>): number | null {
  if (!n.doneAt || !n.dueAt || n.reach !== 'reached') return null;
  const late = Date.parse(n.doneAt) - Date.parse(n.dueAt);
  return late > 0 ? Math.ceil(late / 60_000) : null;
}
