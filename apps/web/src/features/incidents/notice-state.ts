import type { Incident, IncidentNotice, NotifyTarget } from '@carebridge/shared';

/**
 * How a step of the chain stands: done, overdue, waiting, or — on a closed case that left it waiting
 * (closed by an earlier release, before closing waited for the chain) — not notified: nothing can be
 * recorded on a closed case, so it is neither late nor still to do.
 */
export type StepState = 'done' | 'overdue' | 'pending' | 'not_notified';

export function stepState(n: Pick<IncidentNotice, 'doneAt' | 'overdue'>, status: Incident['status']): StepState {
  if (n.doneAt) return 'done';
  if (status === 'closed') return 'not_notified';
  return n.overdue ? 'overdue' : 'pending';
}

/** Whom the chain still waits for, once each in the chain's order: the server refuses 结案 until each is recorded. */
export function waitingTargets(i: Pick<Incident, 'notifications'>): NotifyTarget[] {
  return [...new Set(i.notifications.filter((n) => !n.doneAt).map((n) => n.target))];
}
