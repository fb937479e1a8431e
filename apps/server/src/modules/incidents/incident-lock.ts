import type { Dialect } from '@carebridge/db';
import type { Tx } from '../../context.ts';

/**
 * Take the incident's row until the transaction `tx` ends, before anything of the case is read in it
 * (PostgreSQL; SQLite has no such clause and runs one write transaction at a time). Every change of a
 * case — an edit, a notice, an action, closing, reopening, the police report, the bureau's 签收 — takes
 * it first, so two at once run one after the other and the second decides on what the first
 * committed: a close after a severity raise names the new step, a change after a close finds the
 * case closed. The version check alone does not do it: only an edit carries a version.
 *
 * A statement of its own, the case read by the next one: under READ COMMITTED a statement that waited
 * for the row reads the other tables (the notices the case's `reported_up` counts) as they were when
 * it began.
 */
export async function lockIncident(tx: Tx, dialect: Dialect, id: string): Promise<void> {
  if (dialect === 'postgres') await tx.selectFrom('incidents').select('id').where('id', '=', id).forUpdate().execute();
}
