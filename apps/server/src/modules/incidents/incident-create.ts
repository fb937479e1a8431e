import { newId } from '@carebridge/db';
import { chainFor, type IncidentCreate, mandatorySituations } from '@carebridge/shared';
import type { Auth } from '../../access/auth.ts';
import type { Ctx } from '../../context.ts';
import { invalidField, notFound } from '../../errors.ts';
import { afterCommit } from '../../lib/after-commit.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { childVisible } from '../children/child.policy.ts';
import { INCIDENT_URGENT, type NotificationService } from '../compliance/notification.service.ts';
import { checkOccurredAt } from './incident.policy.ts';
import { firstNotices, schoolChain } from './incident-chain.ts';

/** The children of a report: all seen by the caller, of one school. */
async function reportedChildren(ctx: Ctx, auth: Auth, childIds: string[]) {
  const unique = [...new Set(childIds)];
  const rows = await ctx.db
    .selectFrom('children as c')
    .innerJoin('schools as s', 's.id', 'c.school_id')
    .leftJoin('classes as k', 'k.id', 'c.class_id')
    .select(['c.id', 'c.name', 'c.school_id', 'c.class_id', 'k.name as class_name', 'c.gender', 'c.birth_date', 's.region_path', 's.incident_chain'])
    .where('c.id', 'in', unique)
    .where(childVisible(auth, 'c'))
    .execute();
  if (rows.length !== unique.length) notFound('child');
  const first = rows[0] as (typeof rows)[number];
  if (rows.some((r) => r.school_id !== first.school_id)) invalidField('validation_failed', 'childIds', 'errors.pairing_one_school');
  return {
    schoolId: first.school_id,
    regionPath: first.region_path,
    chain: first.incident_chain,
    facts: rows.map((r) => ({ gender: r.gender, birthDate: r.birth_date })),
    // How the case names each child, kept on its link: the school keeps the case after the child transfers.
    links: rows.map((r) => ({ child_id: r.id, child_name: r.name, class_id: r.class_id, class_name: r.class_name })),
  };
}

/**
 * A new case, in one transaction with its children, the deadlines of its notification chain and its
 * audit row; whether the law asks for a police report follows from the answers and the children's
 * sex and age on the day. The school's leaders hear of it at once (the case stands if they cannot be
 * told: logged, lib/after-commit.ts). Returns its id.
 */
export async function createIncident(ctx: Ctx, audit: AuditService, notifications: NotificationService, auth: Auth, input: IncidentCreate): Promise<string> {
  const c = await reportedChildren(ctx, auth, input.childIds);
  const now = ctx.clock();
  const occurredAt = new Date(input.occurredAt).toISOString();
  checkOccurredAt(
    occurredAt,
    shanghaiDate(new Date(occurredAt)),
    now,
    c.facts.map((f) => f.birthDate),
  );
  const situations = mandatorySituations(input.answers, c.facts, shanghaiDate(new Date(occurredAt)), input.kind);
  const mandatory = situations.length > 0;
  const id = newId();
  const steps = chainFor(schoolChain(c.chain), input.severity, mandatory);
  const reporterLeads = auth.roles.some((a) => a.role === 'school_leader' && a.scopeId === c.schoolId);
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('incidents')
      .values({
        id,
        school_id: c.schoolId,
        kind: input.kind,
        severity: input.severity,
        occurred_at: occurredAt,
        place: input.place || null,
        description: input.description,
        immediate_actions: input.immediateActions || null,
        answers: JSON.stringify(input.answers),
        situations: JSON.stringify(situations),
        mandatory: mandatory ? 1 : 0,
        reporter_id: auth.userId || null,
        reporter_name: auth.name,
        status: 'open',
        version: 1,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .execute();
    await tx
      .insertInto('incident_children')
      .values(c.links.map((l) => ({ ...l, incident_id: id, school_id: c.schoolId })))
      .execute();
    if (steps.length)
      await tx
        .insertInto('incident_notices')
        .values(firstNotices(id, steps, auth, reporterLeads, now))
        .execute();
    await audit.record(tx, auth, {
      action: 'incident.create',
      entity: 'incident',
      entityId: id,
      schoolId: c.schoolId,
      regionPath: c.regionPath,
      summary: { kind: input.kind, severity: input.severity, children: input.childIds.length, mandatory },
    });
  });
  await afterCommit(ctx, 'alerting the leaders of a new incident', () =>
    alertLeaders(ctx, notifications, id, c.schoolId, input.kind, input.severity, mandatory),
  );
  return id;
}

/** The school's leaders and moral-education office hear of every report at once, and of a required police report until it is recorded. */
async function alertLeaders(ctx: Ctx, notifications: NotificationService, id: string, schoolId: string, kind: string, severity: string, mandatory: boolean) {
  const school = await ctx.db.selectFrom('schools').select('name').where('id', '=', schoolId).executeTakeFirstOrThrow();
  for (const u of await notifications.caseKeepersOf(schoolId)) {
    await notifications.notify(
      u,
      schoolId,
      INCIDENT_URGENT,
      `incident|${id}`,
      'notifications.incidentReported',
      { school: school.name, severity: `@incidents.severities.${severity}`, kind: `@incidents.kinds.${kind}` },
      `/incidents/${id}`,
    );
  }
  if (mandatory) await notifications.incidentAlerts();
}
