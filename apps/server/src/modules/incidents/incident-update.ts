import { type IncidentKind, type IncidentUpdate, type MandatoryAnswers, mandatorySituations, type Severity } from '@carebridge/shared';
import type { Auth } from '../../access/auth.ts';
import type { Tx } from '../../context.ts';
import { AppError, versionConflict } from '../../errors.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { checkOccurredAt, type IncidentRights } from './incident.policy.ts';
import type { IncidentRow } from './incident.repository.ts';
import { addMissingSteps } from './incident-chain.ts';

/**
 * Correct the report (versioned), in the caller's transaction with its audit row: not on a closed
 * case; whether the law asks for a police report follows again from the answers and the children's
 * sex and age on the day, and a case that grows more serious gains the steps of the chain it now
 * needs. `r` was read in `tx` on its locked row (incident-lock.ts), so a close or another change
 * committed meanwhile is seen. Returns whether the law now asks for a police report it did not.
 */
export async function updateIncident(
  tx: Tx,
  audit: AuditService,
  auth: Auth,
  r: IncidentRow,
  rights: IncidentRights,
  input: IncidentUpdate,
  now: Date,
): Promise<boolean> {
  if (r.status === 'closed') throw new AppError('incident_closed', 409);
  // Once the law asks for a police report, only the school's leaders may change the answers that say so.
  if (r.mandatory === 1 && input.answers && !rights.closes) throw new AppError('incident_answers_locked', 403);
  if (r.version !== input.version) versionConflict('incident');
  const answers = input.answers ?? (JSON.parse(r.answers) as MandatoryAnswers);
  const occurredAt = input.occurredAt ? new Date(input.occurredAt).toISOString() : r.occurred_at;
  const facts = await tx
    .selectFrom('incident_children as l')
    .innerJoin('children as c', 'c.id', 'l.child_id')
    .select(['c.gender', 'c.birth_date'])
    .where('l.incident_id', '=', r.id)
    .execute();
  if (input.occurredAt)
    checkOccurredAt(
      occurredAt,
      shanghaiDate(new Date(occurredAt)),
      now,
      facts.map((f) => f.birth_date),
    );
  const situations = mandatorySituations(
    answers,
    facts.map((f) => ({ gender: f.gender, birthDate: f.birth_date })),
    shanghaiDate(new Date(occurredAt)),
    (input.kind ?? r.kind) as IncidentKind,
  );
  // Nor the kind that made it so (bullying, abuse: `VIOLENT_KINDS`).
  if (r.mandatory === 1 && !situations.length && !rights.closes) throw new AppError('incident_answers_locked', 403);
  const severity = input.severity ?? (r.severity as Severity);
  const res = await tx
    .updateTable('incidents')
    .set({
      kind: input.kind ?? r.kind,
      severity,
      occurred_at: occurredAt,
      place: input.place === undefined ? r.place : input.place || null,
      description: input.description ?? r.description,
      immediate_actions: input.immediateActions === undefined ? r.immediate_actions : input.immediateActions || null,
      answers: JSON.stringify(answers),
      situations: JSON.stringify(situations),
      mandatory: situations.length ? 1 : 0,
      version: r.version + 1,
      updated_at: now.toISOString(),
    })
    .where('id', '=', r.id)
    .where('version', '=', input.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) versionConflict('incident');
  await addMissingSteps(tx, r.id, r.school_id, severity, situations.length > 0, now);
  await audit.record(tx, auth, {
    action: 'incident.update',
    entity: 'incident',
    entityId: r.id,
    schoolId: r.school_id,
    regionPath: r.region_path,
    summary: { fields: Object.keys(input).filter((k) => k !== 'version'), mandatory: situations.length > 0 },
  });
  return situations.length > 0 && !r.mandatory;
}
