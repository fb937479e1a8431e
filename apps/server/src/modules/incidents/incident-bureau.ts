import type { AcknowledgeCreate, ActionKind, IncidentAcknowledgement } from '@carebridge/shared';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Auth } from '../../access/auth.ts';
import type { Tx } from '../../context.ts';
import { AppError, forbidden } from '../../errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { NotificationService } from '../compliance/notification.service.ts';
import type { IncidentRights } from './incident.policy.ts';
import type { IncidentRow } from './incident.repository.ts';

// The bureau's side of a case: once the school has told the education bureau over it, the bureau's
// officers hear of it and one of them acknowledges it (签收), optionally with an instruction (批示);
// the school hears back. Who is "the bureau over the school" is incident.policy.ts's `acknowledges`.

/** Notification kinds of their own, so the bell shows them apart from deadlines and alarms. */
const TO_BUREAU = 'incident_to_bureau';
const ACKNOWLEDGED = 'incident_acknowledged';
const INSTRUCTION = 'incident_instruction';
const REPLY = 'incident_reply';

/**
 * The school has told the bureau about the incident `i`: the chain's bureau step (or an extra
 * notification of the bureau) is recorded as reached, or a dropout's written report was sent (未保法 §28).
 * A try that reached nobody told the bureau nothing.
 */
export const reportedUp = sql<SqlBool>`(exists (select 1 from incident_notices bn where bn.incident_id = i.id and bn.target = 'bureau' and bn.done_at is not null
    and bn.reach = 'reached')
  or exists (select 1 from incident_actions ba where ba.incident_id = i.id and ba.kind = 'written_report'))`;

/** The list's `acknowledgement` filter: cases reported to the bureau that await its 签收 (`awaiting`), or that it acknowledged (`done`). */
export function acknowledgementIs(state: 'awaiting' | 'done'): Expression<SqlBool> {
  return sql<SqlBool>`(${reportedUp} and i.bureau_ack_at ${state === 'awaiting' ? sql`is null` : sql`is not null`})`;
}

export const reportedToBureau = (r: IncidentRow): boolean => Number(r.reported_up) === 1;

/** Reported to the bureau and not yet acknowledged: what its officers may still 签收. */
export const awaitsAcknowledgement = (r: IncidentRow): boolean => reportedToBureau(r) && !r.bureau_ack_at;

/** Who acknowledged, when, and the instruction, for every reader of the case's details. */
export function acknowledgementOf(r: IncidentRow): IncidentAcknowledgement | null {
  return r.bureau_ack_at ? { at: r.bureau_ack_at, byName: r.bureau_ack_by ?? '', instruction: r.bureau_ack_instruction } : null;
}

/** The bureau over the school may add an instruction (批示) once it has acknowledged the case, while it is open. */
export const canInstruct = (r: IncidentRow, rights: IncidentRights): boolean => rights.acknowledges && !!r.bureau_ack_at && r.status === 'open';

/**
 * Who may add a step of `kind` to the case (`r` read in the caller's transaction), or why not: the
 * bureau's instruction (批示) is its own and comes after its 签收; the school's reply needs an
 * instruction to answer (the 签收's or a later one); every other step is the school's. For a reply, the
 * instant of the first instruction (no reply is dated before it); null for any other step.
 */
export async function checkBureauStep(tx: Tx, r: IncidentRow, rights: IncidentRights, kind: ActionKind): Promise<string | null> {
  if (kind === 'instruction') {
    if (!rights.acknowledges) forbidden();
    if (r.status === 'closed') throw new AppError('incident_closed', 409);
    if (!r.bureau_ack_at) throw new AppError('incident_not_acknowledged', 409);
    return null;
  }
  if (!rights.acts) forbidden();
  if (kind !== 'reply') return null;
  // A reply answers the first instruction at the earliest: it is not dated before it.
  if (r.bureau_ack_instruction) return r.bureau_ack_at;
  const given = await tx
    .selectFrom('incident_actions')
    .select('at')
    .where('incident_id', '=', r.id)
    .where('kind', '=', 'instruction')
    .orderBy('at')
    .executeTakeFirst();
  if (!given) throw new AppError('incident_no_instruction', 409);
  return given.at;
}

/** An instruction reaches the school's leaders, its moral-education office and the reporter; a reply, the bureau's officers over the school. Each one its own notification (`actionId`). */
export async function tellBureauStep(
  db: Tx,
  notifications: NotificationService,
  auth: Auth,
  r: IncidentRow,
  kind: 'instruction' | 'reply',
  actionId: string,
): Promise<void> {
  const params = { by: auth.name, school: r.school_name, kind: `@incidents.kinds.${r.kind}` };
  const to =
    kind === 'instruction'
      ? new Set([...(await notifications.caseKeepersOf(r.school_id)), ...(r.reporter_id ? [r.reporter_id] : [])])
      : new Set(await notifications.bureauOver(db, r.region_path));
  to.delete(auth.userId);
  const [type, key] = kind === 'instruction' ? [INSTRUCTION, 'notifications.incidentInstruction'] : [REPLY, 'notifications.incidentReply'];
  for (const u of to) await notifications.notify(u, r.school_id, type, `${kind}|${actionId}`, key, params, `/incidents/${r.id}`);
}

/**
 * The acknowledgement itself, in the caller's transaction with its audit row: the bureau over the
 * school only, once, and only what the school reported to it; every officer's 请签收 of it is settled. `r` was read in `tx`.
 */
export async function recordAcknowledgement(
  tx: Tx,
  audit: AuditService,
  notifications: NotificationService,
  auth: Auth,
  r: IncidentRow,
  rights: IncidentRights,
  input: AcknowledgeCreate,
  now: Date,
): Promise<void> {
  if (!rights.acknowledges) forbidden();
  if (r.bureau_ack_at) throw new AppError('incident_acknowledged', 409);
  if (!reportedToBureau(r)) throw new AppError('incident_not_reported', 409);
  const at = now.toISOString();
  const res = await tx
    .updateTable('incidents')
    .set({
      bureau_ack_at: at,
      bureau_ack_by: auth.name,
      bureau_ack_by_id: auth.userId || null,
      bureau_ack_instruction: input.instruction || null,
      updated_at: at,
      version: sql`version + 1` as never,
    })
    .where('id', '=', r.id)
    .where('bureau_ack_at', 'is', null)
    .executeTakeFirst();
  // Two officers at once: the second finds it acknowledged.
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('incident_acknowledged', 409);
  // No officer over the school is still asked to acknowledge it.
  await notifications.settle(tx, TO_BUREAU, reportedKey(r.id));
  await audit.record(tx, auth, {
    action: 'incident.acknowledge',
    entity: 'incident',
    entityId: r.id,
    schoolId: r.school_id,
    regionPath: r.region_path,
    summary: { instruction: !!input.instruction },
  });
}

/** The school's leaders, its moral-education office and the reporter hear who acknowledged, and whether there is an instruction to read. */
export async function tellAcknowledged(notifications: NotificationService, auth: Auth, r: IncidentRow, input: AcknowledgeCreate): Promise<void> {
  const to = new Set(await notifications.caseKeepersOf(r.school_id));
  if (r.reporter_id) to.add(r.reporter_id);
  to.delete(auth.userId);
  const key = input.instruction ? 'notifications.incidentAcknowledgedWithInstruction' : 'notifications.incidentAcknowledged';
  for (const u of to)
    await notifications.notify(u, r.school_id, ACKNOWLEDGED, `ack|${r.id}`, key, { by: auth.name, kind: `@incidents.kinds.${r.kind}` }, `/incidents/${r.id}`);
}

/** The one 请签收 of a case each officer over the school hears. */
const reportedKey = (incidentId: string) => `reported|${incidentId}`;

/** The bureau's officers over the school (at every level) hear, once, that the school reported a case to them: it awaits their 签收. */
export async function alertBureau(db: Tx, notifications: NotificationService, r: IncidentRow): Promise<void> {
  for (const u of await notifications.bureauOver(db, r.region_path))
    await notifications.notify(
      u,
      r.school_id,
      TO_BUREAU,
      reportedKey(r.id),
      'notifications.incidentReportedToBureau',
      { school: r.school_name, kind: `@incidents.kinds.${r.kind}` },
      `/incidents/${r.id}`,
    );
}
