import { mayWithhold, type NoticeCreate, type NotifyTarget } from '@carebridge/shared';
import type { Tx } from '../../context.ts';
import { AppError, invalidField } from '../../errors.ts';
import type { Told } from './incident-attempts.ts';

// Not told on purpose (不宜通知): a child says an adult at home hurt them, and telling the guardian or the
// parents would warn the suspect. The 2020 强制报告 opinion puts the child first and leaves it to the
// police to decide who is told, so the school records the step as deliberately not told, with its
// reason: the step is resolved (`reach` withheld, `done_at` when it was decided), neither waiting nor
// overdue, and a case may close over it. The school leaders and the bureau are always told.

const familyOnly = (path: string): never => invalidField('validation_failed', path, 'errors.incident_withhold_family');

/**
 * Record that whom a waiting step of the chain is for will deliberately not be told, at `told.done_at`,
 * the reason in `told.note` (required): the step named (`input.stepId`), else the first still waiting
 * for `input.target`. Only a guardian's or the parents' step; a later notice of them is an extra
 * notification, the decision kept. Returns whom it withholds.
 */
export async function recordWithheld(tx: Tx, incidentId: string, input: NoticeCreate, told: Told): Promise<NotifyTarget> {
  if (!mayWithhold(input.target)) familyOnly('target');
  if (!told.note) invalidField('validation_failed', 'note', 'errors.incident_withhold_reason');
  const notices = tx.selectFrom('incident_notices').select(['id', 'target', 'done_at']).where('incident_id', '=', incidentId);
  const step = input.stepId
    ? await notices.where('id', '=', input.stepId).executeTakeFirst()
    : await notices.where('target', '=', input.target).where('done_at', 'is', null).orderBy('sort_order').executeTakeFirst();
  if (!step) {
    if (input.stepId) return invalidField('validation_failed', 'stepId', 'errors.incident_step_unknown');
    return invalidField('validation_failed', 'target', 'errors.incident_withhold_no_step', { target: `incidents.targets.${input.target}` });
  }
  // A step keeps its own target whatever the request says.
  const target = step.target as NotifyTarget;
  if (!mayWithhold(target)) familyOnly('stepId');
  if (step.done_at) throw new AppError('incident_step_done', 409);
  const res = await tx
    .updateTable('incident_notices')
    .set({ ...told, method: null, contact_name: null, reach: 'withheld' })
    .where('id', '=', step.id)
    .where('done_at', 'is', null)
    .executeTakeFirst();
  // Recorded by someone else since it was read: not audited as withheld by this request.
  if (!Number(res.numUpdatedRows)) throw new AppError('incident_step_done', 409);
  return target;
}
