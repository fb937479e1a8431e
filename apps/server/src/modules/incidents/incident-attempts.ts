import { newId, type Row } from '@carebridge/db';
import type { NoticeCreate } from '@carebridge/shared';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Tx } from '../../context.ts';
import { AppError, invalidField } from '../../errors.ts';
import { nextNoticeOrder } from './incident.repository.ts';

// Tries that reached nobody (未联系上): a teacher phoned the guardian and nobody answered. Such a try
// does not tell anyone, so it does not complete its step of the chain: it is a row of its own
// (`reach` not_reached) pointing at the step (`step_id`), which keeps waiting and shows each try.

/** What a recorded notice writes on its row: when, how, whom, and who recorded it. */
export type Told = Pick<Row<'incident_notices'>, 'done_at' | 'method' | 'contact_name' | 'note' | 'recorded_by' | 'recorded_by_id'>;

/**
 * A waiting step (`n`, a row of incident_notices) that was tried without reaching anyone, one try saying
 * in its note what was done: "tried, unreachable". A case may close over it (as the previous rule let a
 * failed reach recorded with a note do), and its closed chain shows it as 未联系上. Every try of a
 * waiting step failed: a try that reaches the person completes the step instead.
 */
export const triedUnreachable: Expression<SqlBool> = sql<SqlBool>`exists (select 1 from incident_notices a
  where a.step_id = n.id and a.reach = 'not_reached' and a.note is not null)`;

/**
 * Record a try that reached nobody, at `told.done_at`: a try of the step it names (which must still
 * wait), else of the first step still waiting for its target; a try of someone no step waits for is an
 * extra notification that reads as not reached. Returns whom it tried.
 */
export async function recordAttempt(tx: Tx, incidentId: string, input: NoticeCreate, told: Told, now: Date): Promise<NoticeCreate['target']> {
  let step: { id: string; target: string } | undefined;
  if (input.stepId) {
    const named = await tx
      .selectFrom('incident_notices')
      .select(['id', 'target', 'done_at'])
      .where('id', '=', input.stepId)
      .where('incident_id', '=', incidentId)
      .executeTakeFirst();
    if (!named) return invalidField('validation_failed', 'stepId', 'errors.incident_step_unknown');
    if (named.done_at) throw new AppError('incident_step_done', 409);
    step = named;
  } else if (input.target !== 'other') {
    // "Other" is never matched: it names different people on each row.
    step = await tx
      .selectFrom('incident_notices')
      .select(['id', 'target'])
      .where('incident_id', '=', incidentId)
      .where('target', '=', input.target)
      .where('done_at', 'is', null)
      .orderBy('sort_order')
      .executeTakeFirst();
  }
  const target = (step?.target ?? input.target) as NoticeCreate['target'];
  await tx
    .insertInto('incident_notices')
    .values({
      id: newId(),
      incident_id: incidentId,
      target,
      due_at: null,
      sort_order: await nextNoticeOrder(tx, incidentId),
      created_at: now.toISOString(),
      ...told,
      reach: 'not_reached',
      step_id: step?.id ?? null,
    })
    .execute();
  return target;
}
