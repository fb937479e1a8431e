import { newId, type Row } from '@carebridge/db';
import { type ChainStep, chainFor, DEFAULT_CHAIN, IncidentChain, joinList, type Lang, type NoticeCreate, type Severity, translate } from '@carebridge/shared';
import type { Auth } from '../../access/auth.ts';
import type { Tx } from '../../context.ts';
import { AppError, type FieldProblem, invalidField } from '../../errors.ts';
import { nextNoticeOrder } from './incident.repository.ts';
import { recordAttempt, type Told, triedUnreachable } from './incident-attempts.ts';
import { recordWithheld } from './incident-withheld.ts';

// The notification chain (通知流程): the school's steps become deadlines on each case (who must be
// told, by when, by severity and the law), and each notification is recorded on the case.

/** The school's chain as stored, or the seed's defaults. */
export function schoolChain(stored: string | null): ChainStep[] {
  return stored ? IncidentChain.parse({ steps: JSON.parse(stored) }).steps : DEFAULT_CHAIN;
}

/**
 * The deadlines of a new case: one notice per step its severity (and a required police report) asks
 * for, due `minutes` after `now`. A leader who reports has told the leaders: that step is done.
 */
export function firstNotices(incidentId: string, steps: ChainStep[], auth: Auth, reporterLeads: boolean, now: Date) {
  const at = now.toISOString();
  return steps.map((s, i) => {
    const told = s.target === 'school_leader' && reporterLeads;
    return {
      id: newId(),
      incident_id: incidentId,
      target: s.target,
      due_at: new Date(now.getTime() + s.minutes * 60_000).toISOString(),
      done_at: told ? at : null,
      method: told ? 'in_person' : null,
      contact_name: told ? auth.name : null,
      recorded_by: told ? auth.name : null,
      recorded_by_id: told ? auth.userId || null : null,
      sort_order: i,
      created_at: at,
    };
  });
}

/** A case that grows more serious gains the chain's steps it now needs, due from `now`: not one it has, nor whom it told (a try that reached nobody told no one). */
export async function addMissingSteps(tx: Tx, incidentId: string, schoolId: string, severity: Severity, mandatory: boolean, now: Date): Promise<void> {
  const school = await tx.selectFrom('schools').select('incident_chain').where('id', '=', schoolId).executeTakeFirstOrThrow();
  const steps = chainFor(schoolChain(school.incident_chain), severity, mandatory);
  const have = new Set(
    (
      await tx
        .selectFrom('incident_notices')
        .select('target')
        .where('incident_id', '=', incidentId)
        .where((eb) => eb.or([eb('due_at', 'is not', null), eb('reach', '=', 'reached')]))
        .execute()
    ).map((n) => n.target),
  );
  const missing = steps.filter((s) => !have.has(s.target));
  if (!missing.length) return;
  const base = await nextNoticeOrder(tx, incidentId);
  await tx
    .insertInto('incident_notices')
    .values(
      missing.map((s, i) => ({
        id: newId(),
        incident_id: incidentId,
        target: s.target,
        due_at: new Date(now.getTime() + s.minutes * 60_000).toISOString(),
        sort_order: base + i,
        created_at: now.toISOString(),
      })),
    )
    .execute();
}

/**
 * Refuse (422) to close a case before the police report the law asks for and while a step of its
 * chain still waits for someone; both are named at once, as problems of the request's `kind`, the
 * police report first and as the error's code, the waiting steps by whom they tell, in `lang`. A step
 * is done once someone is told, or deliberately not told with a reason (不宜通知, incident-withheld.ts);
 * one tried in vain still waits, but does not hold the case open once a try says in its note what was
 * done (`triedUnreachable`: 未联系上); the bureau's 签收 is the bureau's doing, not a step the school waits for.
 */
export async function refuseEarlyClose(tx: Tx, r: Pick<Row<'incidents'>, 'id' | 'mandatory' | 'police_reported_at'>, lang: Lang): Promise<void> {
  const police = r.mandatory === 1 && !r.police_reported_at;
  const waiting = await tx
    .selectFrom('incident_notices as n')
    .select('n.target')
    .where('n.incident_id', '=', r.id)
    .where('n.done_at', 'is', null)
    .where((eb) => eb.not(triedUnreachable))
    .orderBy('n.sort_order')
    .execute();
  if (!police && !waiting.length) return;
  const steps = joinList(lang, [...new Set(waiting.map((n) => translate(lang, `incidents.targets.${n.target}`)))]);
  const problems: FieldProblem[] = [
    ...(police ? [{ path: 'kind', message: 'errors.incident_police_first' }] : []),
    ...(waiting.length ? [{ path: 'kind', message: 'errors.incident_notices_pending', params: { steps } }] : []),
  ];
  throw new AppError(police ? 'incident_police_first' : 'incident_notices_pending', 422, police ? {} : { steps }, problems);
}

/**
 * The first step of the chain still waiting for `target`, marked as told by `told`; false when none
 * waits. "Other" is never matched: it names different people on each row.
 */
export async function completePendingStep(tx: Tx, incidentId: string, target: NoticeCreate['target'], told: Told): Promise<boolean> {
  if (target === 'other') return false;
  const step = await tx
    .selectFrom('incident_notices')
    .select('id')
    .where('incident_id', '=', incidentId)
    .where('target', '=', target)
    .where('done_at', 'is', null)
    .orderBy('sort_order')
    .executeTakeFirst();
  if (!step) return false;
  const res = await tx.updateTable('incident_notices').set(told).where('id', '=', step.id).where('done_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * A leader of the case's school opening an open case has been told of it: the school leaders' step
 * still waiting is done, by the app (`method: 'app'`), at that moment, naming the leader. Returns
 * whether a step was done (the caller audits it).
 */
export async function leaderOpened(tx: Tx, auth: Auth, r: Pick<Row<'incidents'>, 'id' | 'school_id' | 'status'>, now: Date): Promise<boolean> {
  if (r.status !== 'open' || !auth.roles.some((a) => a.role === 'school_leader' && a.scopeId === r.school_id)) return false;
  return completePendingStep(tx, r.id, 'school_leader', {
    done_at: now.toISOString(),
    method: 'app',
    contact_name: auth.name,
    note: null,
    recorded_by: auth.name,
    recorded_by_id: auth.userId || null,
  });
}

/**
 * Record that someone was told, at `at`: a step of the chain (which keeps its own target whatever
 * the request says), or someone else. Telling whom a step of the chain still waits for completes that
 * step, however it is recorded, so the chain, its deadlines and the bureau's 待签收 agree and each
 * notification is listed once; anyone else is an extra notification. A try that reached nobody
 * completes nothing (incident-attempts.ts); a family step deliberately not told is resolved so
 * (incident-withheld.ts). Returns who was told, tried, or not told on purpose.
 */
export async function recordNotice(tx: Tx, auth: Auth, incidentId: string, input: NoticeCreate, at: string, now: Date): Promise<NoticeCreate['target']> {
  const told: Told = {
    done_at: at,
    method: input.method,
    contact_name: input.contactName || null,
    note: input.note || null,
    recorded_by: auth.name,
    recorded_by_id: auth.userId || null,
  };
  if (input.reach === 'not_reached') return recordAttempt(tx, incidentId, input, told, now);
  if (input.reach === 'withheld') return recordWithheld(tx, incidentId, input, told);
  if (!input.stepId) {
    if (await completePendingStep(tx, incidentId, input.target, told)) return input.target;
    await tx
      .insertInto('incident_notices')
      .values({
        id: newId(),
        incident_id: incidentId,
        target: input.target,
        due_at: null,
        sort_order: await nextNoticeOrder(tx, incidentId),
        created_at: now.toISOString(),
        ...told,
      })
      .execute();
    return input.target;
  }
  const step = await tx.selectFrom('incident_notices').selectAll().where('id', '=', input.stepId).where('incident_id', '=', incidentId).executeTakeFirst();
  if (!step) return invalidField('validation_failed', 'stepId', 'errors.incident_step_unknown');
  if (step.done_at) throw new AppError('incident_step_done', 409);
  await tx.updateTable('incident_notices').set(told).where('id', '=', input.stepId).execute();
  return step.target as NoticeCreate['target'];
}
