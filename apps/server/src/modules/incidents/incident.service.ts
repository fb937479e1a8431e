import { newId, type Row } from '@carebridge/db';
import {
  type AcknowledgeCreate,
  type ActionCreate,
  chainFor,
  DEFAULT_CHAIN,
  type Incident,
  type IncidentAction,
  IncidentChain,
  type IncidentCreate,
  type IncidentKind,
  type IncidentNotice,
  type IncidentQuery,
  type IncidentSummary,
  type IncidentUpdate,
  type MandatoryAnswers,
  type MandatoryReportCreate,
  mandatorySituations,
  type NoticeCreate,
  type POLICE_METHODS,
  type Severity,
  type Situation,
} from '@carebridge/shared';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Auth } from '../../access/auth.ts';
import type { Ctx, Tx } from '../../context.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../errors.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { childVisible } from '../children/child.policy.ts';
import type { NotificationService } from '../compliance/notification.service.ts';
import { type IncidentPlace, type IncidentRights, incidentRights, reportsIncident } from './incident.policy.ts';

type IncidentRow = Row<'incidents'> & { school_name: string; region_path: string; reported_up: number };
interface Link {
  incident_id: string;
  child_id: string;
  name: string;
  class_id: string | null;
  class_name: string | null;
  visible: number;
}

/**
 * The school has told the bureau about the incident `i`: the chain's bureau step (or an extra
 * notification of the bureau) is recorded, or a dropout's written report was sent (未保法 §28).
 */
const reportedUp = sql<SqlBool>`(exists (select 1 from incident_notices bn where bn.incident_id = i.id and bn.target = 'bureau' and bn.done_at is not null)
  or exists (select 1 from incident_actions ba where ba.incident_id = i.id and ba.kind = 'written_report'))`;

/** A report may be typed a few minutes after it is dated on a phone whose clock runs ahead. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** What a detail read returns, named in its audit entry: the whole case, or only its actions or notifications. */
type ViewPart = 'incident' | 'actions' | 'notifications';

/**
 * Whether a name recorded on the case is the reporter's: by account where the row keeps one, else by
 * name (notifications recorded before accounts were kept). A false match only hides one name too many.
 */
function isReporter(r: IncidentRow, accountId: string | null, name: string | null): boolean {
  if (accountId && r.reporter_id) return accountId === r.reporter_id;
  return name !== null && name === r.reporter_name;
}

const invalid = (path: string, message: string, status = 422): never => {
  throw new AppError('validation_failed', status, {}, [{ path, message }]);
};

/**
 * Safety incidents (issue 8): the report, the notification chain with its deadlines, mandatory
 * reporting to the police, the actions until closure. Details are limited (incident.policy.ts);
 * every full view is audited.
 */
export class IncidentService {
  constructor(
    private readonly ctx: Ctx,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
  ) {}

  private now() {
    return this.ctx.clock();
  }

  /** Incidents about at least one child the caller sees, and those the caller reported. */
  private reachable(auth: Auth): Expression<SqlBool> {
    return sql<SqlBool>`(exists (select 1 from incident_children l join children c on c.id = l.child_id where l.incident_id = i.id and ${childVisible(auth, 'c')})${
      auth.userId ? sql` or i.reporter_id = ${auth.userId}` : sql``
    })`;
  }

  private base(db: Tx, auth: Auth) {
    return db
      .selectFrom('incidents as i')
      .innerJoin('schools as s', 's.id', 'i.school_id')
      .selectAll('i')
      .select(['s.name as school_name', 's.region_path'])
      .select(sql<number>`case when ${reportedUp} then 1 else 0 end`.as('reported_up'))
      .where(this.reachable(auth));
  }

  private async find(auth: Auth, id: string, db: Tx = this.ctx.db): Promise<IncidentRow> {
    return ((await this.base(db, auth).where('i.id', '=', id).executeTakeFirst()) as IncidentRow | undefined) ?? notFound('incident');
  }

  private async links(auth: Auth, ids: string[], db: Tx = this.ctx.db): Promise<Link[]> {
    if (!ids.length) return [];
    return (await db
      .selectFrom('incident_children as l')
      .innerJoin('children as c', 'c.id', 'l.child_id')
      .leftJoin('classes as k', 'k.id', 'c.class_id')
      .select(['l.incident_id', 'l.child_id', 'c.name', 'c.class_id', 'k.name as class_name'])
      .select(sql<number>`case when ${childVisible(auth, 'c')} then 1 else 0 end`.as('visible'))
      .where('l.incident_id', 'in', ids)
      .orderBy('c.name_pinyin')
      .execute()) as Link[];
  }

  private place(r: IncidentRow, links: Link[]): IncidentPlace {
    return {
      schoolId: r.school_id,
      regionPath: r.region_path,
      classIds: links.filter((l) => l.incident_id === r.id).map((l) => l.class_id),
      reporterId: r.reporter_id,
    };
  }

  private async overdueCounts(ids: string[]): Promise<Map<string, number>> {
    if (!ids.length) return new Map();
    const rows = await this.ctx.db
      .selectFrom('incident_notices')
      .select(['incident_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('incident_id', 'in', ids)
      .where('done_at', 'is', null)
      .where('due_at', '<', this.now().toISOString())
      .groupBy('incident_id')
      .execute();
    return new Map(rows.map((r) => [r.incident_id, Number(r.n)]));
  }

  private summary(r: IncidentRow, links: Link[], rights: IncidentRights, overdue: number): IncidentSummary {
    const restricted = !rights.details;
    return {
      id: r.id,
      schoolId: r.school_id,
      schoolName: r.school_name,
      restricted,
      // Only the children the caller sees are named.
      children: links.filter((l) => l.incident_id === r.id && l.visible === 1).map((l) => ({ id: l.child_id, name: l.name, className: l.class_name })),
      // Restricted callers see the day, not the hour.
      occurredAt: restricted ? shanghaiDate(new Date(r.occurred_at)) : r.occurred_at,
      status: r.status as 'open' | 'closed',
      kind: restricted ? null : (r.kind as IncidentKind),
      severity: restricted ? null : (r.severity as Severity),
      mandatory: restricted ? null : r.mandatory === 1,
      policeReported: restricted ? null : r.police_reported_at !== null,
      overdueNotifications: restricted ? null : overdue,
      reportedToBureau: restricted ? null : Number(r.reported_up) === 1,
      acknowledgement: restricted || !r.bureau_ack_at ? null : { at: r.bureau_ack_at, byName: r.bureau_ack_by ?? '', instruction: r.bureau_ack_instruction },
      createdAt: r.created_at,
    };
  }

  async list(auth: Auth, q: IncidentQuery): Promise<{ items: IncidentSummary[]; nextCursor: string | null }> {
    let query = this.base(this.ctx.db, auth);
    if (q.schoolId) query = query.where('i.school_id', '=', q.schoolId);
    if (q.childId) {
      const childId = q.childId;
      query = query.where((eb) =>
        eb.exists(eb.selectFrom('incident_children as x').select('x.child_id').whereRef('x.incident_id', '=', 'i.id').where('x.child_id', '=', childId)),
      );
    }
    if (q.status !== 'all') query = query.where('i.status', '=', q.status);
    if (q.kind) query = query.where('i.kind', '=', q.kind);
    // Calendar days are Shanghai days; stored instants are UTC.
    const dayStart = (d: string) => new Date(`${d}T00:00:00+08:00`);
    if (q.from) query = query.where('i.occurred_at', '>=', dayStart(q.from).toISOString());
    if (q.to) query = query.where('i.occurred_at', '<', new Date(dayStart(q.to).getTime() + 86_400_000).toISOString());
    if (q.attention === 'true') {
      const now = this.now().toISOString();
      query = query.where((eb) =>
        eb.or([
          eb.and([eb('i.mandatory', '=', 1), eb('i.police_reported_at', 'is', null), eb('i.status', '=', 'open')]),
          eb.and([
            eb('i.status', '=', 'open'),
            eb.exists(
              eb
                .selectFrom('incident_notices as n')
                .select('n.id')
                .whereRef('n.incident_id', '=', 'i.id')
                .where('n.done_at', 'is', null)
                .where('n.due_at', '<', now),
            ),
          ]),
        ]),
      );
    }
    if (q.acknowledgement) query = query.where(reportedUp).where('i.bureau_ack_at', q.acknowledgement === 'awaiting' ? 'is' : 'is not', null);
    if (q.cursor) {
      const [at, id] = Buffer.from(q.cursor, 'base64url').toString('utf8').split('|');
      if (!at || !id) invalid('cursor', 'validation.invalid', 400);
      query = query.where((eb) =>
        eb.or([eb('i.occurred_at', '<', at as string), eb.and([eb('i.occurred_at', '=', at as string), eb('i.id', '<', id as string)])]),
      );
    }
    const rows = (await query
      .orderBy('i.occurred_at', 'desc')
      .orderBy('i.id', 'desc')
      .limit(q.limit + 1)
      .execute()) as IncidentRow[];
    const page = rows.slice(0, q.limit);
    const links = await this.links(
      auth,
      page.map((r) => r.id),
    );
    const overdue = await this.overdueCounts(page.map((r) => r.id));
    const items: IncidentSummary[] = [];
    for (const r of page) {
      const rights = incidentRights(auth, this.place(r, links));
      // Filters on what only detail readers know must not reveal it to others.
      if (!rights.details && (q.kind || q.attention === 'true' || q.acknowledgement)) continue;
      items.push(this.summary(r, links, rights, overdue.get(r.id) ?? 0));
    }
    const last = page[page.length - 1];
    return { items, nextCursor: rows.length > q.limit && last ? Buffer.from(`${last.occurred_at}|${last.id}`).toString('base64url') : null };
  }

  /**
   * The full incident, audited as a view of `audit` (the case, or only its actions or notifications;
   * false after a change, which is audited itself); 403 for callers who may only know that it exists.
   */
  async get(auth: Auth, id: string, audit: ViewPart | false = 'incident'): Promise<Incident> {
    const r = await this.find(auth, id);
    const links = await this.links(auth, [id]);
    const rights = incidentRights(auth, this.place(r, links));
    if (!rights.details) throw new AppError('incident_restricted', 403);
    if (audit)
      await this.audit.record(this.ctx.db, auth, {
        action: 'incident.view',
        entity: 'incident',
        entityId: id,
        schoolId: r.school_id,
        regionPath: r.region_path,
        summary: audit === 'incident' ? { kind: r.kind } : { kind: r.kind, part: audit },
      });
    return this.view(r, links, rights);
  }

  private async view(r: IncidentRow, links: Link[], rights: IncidentRights): Promise<Incident> {
    const notices = await this.notices(r, rights);
    const actions = await this.actionsOf(r, rights);
    const persuasions = actions.filter((a) => a.kind === 'persuasion');
    return {
      ...this.summary(r, links, rights, notices.filter((n) => n.overdue).length),
      place: r.place,
      description: r.description,
      immediateActions: r.immediate_actions,
      answers: JSON.parse(r.answers) as MandatoryAnswers,
      situations: JSON.parse(r.situations) as Situation[],
      reporter: rights.reporter ? { id: r.reporter_id, name: r.reporter_name } : null,
      police: r.police_reported_at
        ? {
            reportedAt: r.police_reported_at,
            reporterName: rights.reporter ? r.police_reporter_name : null,
            unit: r.police_unit ?? '',
            receiptNumber: r.police_receipt,
            method: (r.police_method ?? 'other') as (typeof POLICE_METHODS)[number],
            recordedByName: rights.reporter ? r.police_recorded_by : null,
            recordedAt: r.police_recorded_at ?? r.police_reported_at,
          }
        : null,
      notifications: notices,
      actions,
      dropout:
        r.kind === 'dropout'
          ? {
              persuasions: persuasions.length,
              returned: persuasions.some((a) => a.outcome === 'returned'),
              writtenReport: actions.some((a) => a.kind === 'written_report'),
            }
          : null,
      closedAt: r.closed_at,
      canEdit: rights.acts,
      canAcknowledge: rights.acknowledges && Number(r.reported_up) === 1 && !r.bureau_ack_at,
      version: r.version,
      updatedAt: r.updated_at,
    };
  }

  /** The notification chain; a step the reporter recorded does not name the reporter to readers who may not know who reported. */
  private async notices(r: IncidentRow, rights: IncidentRights): Promise<IncidentNotice[]> {
    const now = this.now().toISOString();
    const rows = await this.ctx.db.selectFrom('incident_notices').selectAll().where('incident_id', '=', r.id).orderBy('sort_order').execute();
    return rows.map((n) => {
      const byReporter = n.recorded_by !== null && isReporter(r, n.recorded_by_id, n.recorded_by);
      const hide = byReporter && !rights.reporter;
      return {
        id: n.id,
        target: n.target as IncidentNotice['target'],
        dueAt: n.due_at,
        doneAt: n.done_at,
        method: n.method as IncidentNotice['method'],
        // A leader who reports has told the leaders: the contact is the reporter.
        contactName: hide && n.contact_name === r.reporter_name ? null : n.contact_name,
        note: n.note,
        recordedByName: hide ? null : n.recorded_by,
        byReporter,
        overdue: !n.done_at && !!n.due_at && n.due_at < now,
      };
    });
  }

  /** The case's timeline; what the reporter wrote does not name the reporter to readers who may not know who reported. */
  private async actionsOf(r: IncidentRow, rights: IncidentRights): Promise<IncidentAction[]> {
    const rows = await this.ctx.db.selectFrom('incident_actions').selectAll().where('incident_id', '=', r.id).orderBy('at').orderBy('created_at').execute();
    return rows.map((a) => {
      const byReporter = isReporter(r, a.author_id, a.author_name);
      return {
        id: a.id,
        kind: a.kind as IncidentAction['kind'],
        at: a.at,
        text: a.text,
        outcome: a.outcome as IncidentAction['outcome'],
        documentNo: a.document_no,
        careRecordId: a.care_record_id,
        authorName: byReporter && !rights.reporter ? null : a.author_name,
        byReporter,
        createdAt: a.created_at,
      };
    });
  }

  /** The school's notification chain, or the seed's defaults. */
  async chain(auth: Auth, schoolId: string): Promise<IncidentChain> {
    const s = await this.school(auth, schoolId);
    return { steps: s.incident_chain ? IncidentChain.parse({ steps: JSON.parse(s.incident_chain) }).steps : DEFAULT_CHAIN };
  }

  async putChain(auth: Auth, schoolId: string, body: IncidentChain): Promise<IncidentChain> {
    const s = await this.school(auth, schoolId);
    if (!auth.scope.global && !auth.roles.some((a) => a.role === 'school_leader' && a.scopeId === schoolId)) forbidden();
    const targets = body.steps.map((x) => x.target).filter((t) => t !== 'other');
    const twice = targets.findIndex((t, i) => targets.indexOf(t) !== i);
    if (twice >= 0) invalid(`steps.${twice}.target`, 'errors.incident_chain_twice');
    await this.ctx.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('schools')
        .set({ incident_chain: JSON.stringify(body.steps) })
        .where('id', '=', schoolId)
        .execute();
      await this.audit.record(tx, auth, {
        action: 'incident.chain_update',
        entity: 'school',
        entityId: schoolId,
        schoolId,
        regionPath: s.region_path,
        summary: { steps: body.steps.length },
      });
    });
    return this.chain(auth, schoolId);
  }

  private async school(auth: Auth, schoolId: string) {
    const s = (await this.ctx.db.selectFrom('schools').selectAll().where('id', '=', schoolId).executeTakeFirst()) ?? notFound('school');
    const sees =
      auth.scope.global ||
      auth.scope.schoolIds.includes(schoolId) ||
      auth.scope.classSchoolIds.includes(schoolId) ||
      auth.scope.regionPaths.some((p) => s.region_path.startsWith(p));
    if (!sees) notFound('school');
    return s;
  }

  /** The children of a report: all seen by the caller, of one school. */
  private async checkChildren(auth: Auth, childIds: string[]) {
    const unique = [...new Set(childIds)];
    const rows = await this.ctx.db
      .selectFrom('children as c')
      .innerJoin('schools as s', 's.id', 'c.school_id')
      .select(['c.id', 'c.school_id', 'c.gender', 'c.birth_date', 's.region_path', 's.incident_chain'])
      .where('c.id', 'in', unique)
      .where(childVisible(auth, 'c'))
      .execute();
    if (rows.length !== unique.length) notFound('child');
    const first = rows[0] as (typeof rows)[number];
    if (rows.some((r) => r.school_id !== first.school_id)) invalid('childIds', 'errors.pairing_one_school');
    return {
      schoolId: first.school_id,
      regionPath: first.region_path,
      chain: first.incident_chain,
      facts: rows.map((r) => ({ gender: r.gender, birthDate: r.birth_date })),
    };
  }

  private checkTime(path: string, iso: string) {
    if (new Date(iso).getTime() > this.now().getTime() + CLOCK_SKEW_MS) invalid(path, 'validation.date_future');
  }

  async create(auth: Auth, input: IncidentCreate): Promise<Incident> {
    if (!reportsIncident(auth)) forbidden();
    const c = await this.checkChildren(auth, input.childIds);
    this.checkTime('occurredAt', input.occurredAt);
    const occurredAt = new Date(input.occurredAt).toISOString();
    const situations = mandatorySituations(input.answers, c.facts, shanghaiDate(new Date(occurredAt)));
    const mandatory = situations.length > 0;
    const id = newId();
    const now = this.now().toISOString();
    const steps = chainFor(c.chain ? IncidentChain.parse({ steps: JSON.parse(c.chain) }).steps : DEFAULT_CHAIN, input.severity, mandatory);
    const reporterLeads = auth.roles.some((a) => a.role === 'school_leader' && a.scopeId === c.schoolId);
    await this.ctx.db.transaction().execute(async (tx) => {
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
          created_at: now,
          updated_at: now,
        })
        .execute();
      await tx
        .insertInto('incident_children')
        .values([...new Set(input.childIds)].map((child_id) => ({ incident_id: id, child_id, school_id: c.schoolId })))
        .execute();
      if (steps.length)
        await tx
          .insertInto('incident_notices')
          .values(
            steps.map((s, i) => {
              // A leader who reports has been told.
              const told = s.target === 'school_leader' && reporterLeads;
              return {
                id: newId(),
                incident_id: id,
                target: s.target,
                due_at: new Date(new Date(now).getTime() + s.minutes * 60_000).toISOString(),
                done_at: told ? now : null,
                method: told ? 'in_person' : null,
                contact_name: told ? auth.name : null,
                recorded_by: told ? auth.name : null,
                recorded_by_id: told ? auth.userId || null : null,
                sort_order: i,
                created_at: now,
              };
            }),
          )
          .execute();
      await this.audit.record(tx, auth, {
        action: 'incident.create',
        entity: 'incident',
        entityId: id,
        schoolId: c.schoolId,
        regionPath: c.regionPath,
        summary: { kind: input.kind, severity: input.severity, children: input.childIds.length, mandatory },
      });
    });
    await this.alertLeaders(id, c.schoolId, input.kind, input.severity, mandatory);
    return this.get(auth, id, false);
  }

  /** The school's leaders hear of every report at once, and of a required police report until it is recorded. */
  private async alertLeaders(id: string, schoolId: string, kind: string, severity: string, mandatory: boolean) {
    const school = await this.ctx.db.selectFrom('schools').select('name').where('id', '=', schoolId).executeTakeFirstOrThrow();
    for (const u of await this.notifications.leadersOf(schoolId)) {
      await this.notifications.notify(
        u,
        schoolId,
        'incident',
        `incident|${id}`,
        'notifications.incidentReported',
        { school: school.name, severity: `@incidents.severities.${severity}`, kind: `@incidents.kinds.${kind}` },
        `/incidents/${id}`,
      );
    }
    if (mandatory) await this.notifications.incidentAlerts();
  }

  /** The incident for a writing action: the caller must act on it, its version must match when given. */
  private async forAction(auth: Auth, id: string, tx: Tx) {
    const r = await this.find(auth, id, tx);
    const links = await this.links(auth, [id], tx);
    const rights = incidentRights(auth, this.place(r, links));
    if (!rights.details) throw new AppError('incident_restricted', 403);
    if (!rights.acts) forbidden();
    return { r, rights };
  }

  private async touch(tx: Tx, id: string, set: Partial<Row<'incidents'>> = {}) {
    await tx
      .updateTable('incidents')
      .set({ ...set, updated_at: this.now().toISOString(), version: sql`version + 1` as never })
      .where('id', '=', id)
      .execute();
  }

  async update(auth: Auth, id: string, input: IncidentUpdate): Promise<Incident> {
    const { r, rights } = await this.forAction(auth, id, this.ctx.db);
    if (r.status === 'closed') throw new AppError('incident_closed', 409);
    // Once the law asks for a police report, only the school's leaders may change the answers that say so.
    if (r.mandatory === 1 && input.answers && !rights.closes) throw new AppError('incident_answers_locked', 403);
    if (r.version !== input.version) versionConflict('incident');
    if (input.occurredAt) this.checkTime('occurredAt', input.occurredAt);
    const answers = input.answers ?? (JSON.parse(r.answers) as MandatoryAnswers);
    const occurredAt = input.occurredAt ? new Date(input.occurredAt).toISOString() : r.occurred_at;
    const facts = await this.ctx.db
      .selectFrom('incident_children as l')
      .innerJoin('children as c', 'c.id', 'l.child_id')
      .select(['c.gender', 'c.birth_date'])
      .where('l.incident_id', '=', id)
      .execute();
    const situations = mandatorySituations(
      answers,
      facts.map((f) => ({ gender: f.gender, birthDate: f.birth_date })),
      shanghaiDate(new Date(occurredAt)),
    );
    const severity = input.severity ?? (r.severity as Severity);
    const changed = Object.keys(input).filter((k) => k !== 'version');
    await this.ctx.db.transaction().execute(async (tx) => {
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
          updated_at: this.now().toISOString(),
        })
        .where('id', '=', id)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) versionConflict('incident');
      await this.addMissingSteps(tx, r, severity, situations.length > 0);
      await this.audit.record(tx, auth, {
        action: 'incident.update',
        entity: 'incident',
        entityId: id,
        schoolId: r.school_id,
        regionPath: r.region_path,
        summary: { fields: changed, mandatory: situations.length > 0 },
      });
    });
    if (situations.length && !r.mandatory) await this.notifications.incidentAlerts();
    return this.get(auth, id, false);
  }

  /** A case that grows more serious gains the chain's steps it now needs, due from now. */
  private async addMissingSteps(tx: Tx, r: IncidentRow, severity: Severity, mandatory: boolean) {
    const school = await tx.selectFrom('schools').select('incident_chain').where('id', '=', r.school_id).executeTakeFirstOrThrow();
    const steps = chainFor(
      school.incident_chain ? IncidentChain.parse({ steps: JSON.parse(school.incident_chain) }).steps : DEFAULT_CHAIN,
      severity,
      mandatory,
    );
    const have = new Set((await tx.selectFrom('incident_notices').select('target').where('incident_id', '=', r.id).execute()).map((n) => n.target));
    const missing = steps.filter((s) => !have.has(s.target));
    if (!missing.length) return;
    const now = this.now();
    const order = await tx
      .selectFrom('incident_notices')
      .select((eb) => eb.fn.max('sort_order').as('m'))
      .where('incident_id', '=', r.id)
      .executeTakeFirst();
    const base = Number(order?.m ?? -1) + 1;
    await tx
      .insertInto('incident_notices')
      .values(
        missing.map((s, i) => ({
          id: newId(),
          incident_id: r.id,
          target: s.target,
          due_at: new Date(now.getTime() + s.minutes * 60_000).toISOString(),
          sort_order: base + i,
          created_at: now.toISOString(),
        })),
      )
      .execute();
  }

  /** The notification chain alone: a view of the details like any other, so audited. */
  async listNotices(auth: Auth, id: string): Promise<IncidentNotice[]> {
    return (await this.get(auth, id, 'notifications')).notifications;
  }

  /** Record that someone was told: a step of the chain, or an extra notification. */
  async notify(auth: Auth, id: string, input: NoticeCreate): Promise<Incident> {
    const told = await this.ctx.db.transaction().execute(async (tx) => {
      const { r } = await this.forAction(auth, id, tx);
      this.checkTime('notifiedAt', input.notifiedAt);
      const at = new Date(input.notifiedAt).toISOString();
      if (new Date(at).getTime() < new Date(r.occurred_at).getTime() - CLOCK_SKEW_MS) invalid('notifiedAt', 'errors.incident_before_occurred');
      const values = {
        target: input.target,
        done_at: at,
        method: input.method,
        contact_name: input.contactName || null,
        note: input.note || null,
        recorded_by: auth.name,
        recorded_by_id: auth.userId || null,
      };
      if (input.stepId) {
        const step = await tx.selectFrom('incident_notices').selectAll().where('id', '=', input.stepId).where('incident_id', '=', id).executeTakeFirst();
        if (!step) invalid('stepId', 'errors.incident_step_unknown');
        if (step?.done_at) throw new AppError('incident_step_done', 409);
        // A step keeps its own target whatever the request says.
        await tx
          .updateTable('incident_notices')
          .set({ ...values, target: step?.target ?? input.target })
          .where('id', '=', input.stepId)
          .execute();
      } else {
        const order = await tx
          .selectFrom('incident_notices')
          .select((eb) => eb.fn.max('sort_order').as('m'))
          .where('incident_id', '=', id)
          .executeTakeFirst();
        await tx
          .insertInto('incident_notices')
          .values({ id: newId(), incident_id: id, due_at: null, sort_order: Number(order?.m ?? -1) + 1, created_at: this.now().toISOString(), ...values })
          .execute();
      }
      await this.touch(tx, id);
      await this.audit.record(tx, auth, {
        action: 'incident.notify',
        entity: 'incident',
        entityId: id,
        schoolId: r.school_id,
        regionPath: r.region_path,
        summary: { target: input.target, method: input.method },
      });
      return { r, target: values.target };
    });
    if (told.target === 'bureau') await this.alertBureau(id, told.r);
    return this.get(auth, id, false);
  }

  /** The bureau's officers over the school hear, once, that the school reported a case to them: it awaits their 签收. */
  private async alertBureau(id: string, r: IncidentRow) {
    const officers = await this.ctx.db.selectFrom('role_assignments').select(['user_id', 'region_path']).where('role', '=', 'bureau_officer').execute();
    const to = new Set(officers.filter((o) => o.region_path && r.region_path.startsWith(o.region_path)).map((o) => o.user_id));
    for (const u of to)
      await this.notifications.notify(
        u,
        r.school_id,
        'incident',
        `reported|${id}`,
        'notifications.incidentReportedToBureau',
        { school: r.school_name, kind: `@incidents.kinds.${r.kind}` },
        `/incidents/${id}`,
      );
  }

  /** The timeline alone: a view of the details like any other, so audited. */
  async listActions(auth: Auth, id: string): Promise<IncidentAction[]> {
    return (await this.get(auth, id, 'actions')).actions;
  }

  /** A step of the case: an action, a follow-up (optionally a care record), a dropout persuasion or written report, closure. */
  async act(auth: Auth, id: string, input: ActionCreate): Promise<Incident> {
    const r = await this.ctx.db.transaction().execute(async (tx) => {
      const { r, rights } = await this.forAction(auth, id, tx);
      if (input.at) this.checkTime('at', input.at);
      if ((input.kind === 'close' || input.kind === 'reopen') && !rights.closes) forbidden();
      if (input.kind === 'close') {
        if (r.status === 'closed') throw new AppError('incident_closed', 409);
        if (r.mandatory === 1 && !r.police_reported_at) throw new AppError('incident_police_first', 422);
      }
      if (input.kind === 'reopen' && r.status !== 'closed') throw new AppError('incident_open', 409);
      if (input.kind !== 'reopen' && input.kind !== 'close' && r.status === 'closed') throw new AppError('incident_closed', 409);
      if (input.kind === 'persuasion' && !input.outcome) invalid('outcome', 'validation.required');
      if ((input.kind === 'persuasion' || input.kind === 'written_report') && r.kind !== 'dropout') invalid('kind', 'errors.incident_dropout_only');
      if (input.careRecordId) {
        const linked = await tx
          .selectFrom('care_record_children as l')
          .innerJoin('care_records as cr', 'cr.id', 'l.record_id')
          .select('l.record_id')
          .where('l.record_id', '=', input.careRecordId)
          .where('cr.deleted_at', 'is', null)
          .where('l.child_id', 'in', tx.selectFrom('incident_children').select('child_id').where('incident_id', '=', id))
          .executeTakeFirst();
        if (!linked) invalid('careRecordId', 'errors.incident_record_unrelated');
      }
      const now = this.now().toISOString();
      await tx
        .insertInto('incident_actions')
        .values({
          id: newId(),
          incident_id: id,
          kind: input.kind,
          at: input.at ? new Date(input.at).toISOString() : now,
          text: input.text,
          outcome: input.kind === 'persuasion' ? (input.outcome ?? null) : null,
          document_no: input.kind === 'written_report' ? input.documentNo || null : null,
          care_record_id: input.careRecordId ?? null,
          author_id: auth.userId || null,
          author_name: auth.name,
          created_at: now,
        })
        .execute();
      if (input.kind === 'close') await this.touch(tx, id, { status: 'closed', closed_at: now });
      else if (input.kind === 'reopen') await this.touch(tx, id, { status: 'open', closed_at: null });
      else await this.touch(tx, id);
      await this.audit.record(tx, auth, {
        action: input.kind === 'close' ? 'incident.close' : input.kind === 'reopen' ? 'incident.reopen' : 'incident.action',
        entity: 'incident',
        entityId: id,
        schoolId: r.school_id,
        regionPath: r.region_path,
        summary: { kind: input.kind },
      });
      return r;
    });
    // A dropout's written report goes to the county bureau (未保法 §28).
    if (input.kind === 'written_report') await this.alertBureau(id, r);
    return this.get(auth, id, false);
  }

  /**
   * The bureau over the school acknowledges (签收) an incident the school reported to it, once, with an
   * optional instruction (批示); the school's leaders and the reporter are told who acknowledged.
   */
  async acknowledge(auth: Auth, id: string, input: AcknowledgeCreate): Promise<Incident> {
    const r = await this.ctx.db.transaction().execute(async (tx) => {
      const r = await this.find(auth, id, tx);
      const rights = incidentRights(auth, this.place(r, await this.links(auth, [id], tx)));
      if (!rights.details) throw new AppError('incident_restricted', 403);
      if (!rights.acknowledges) forbidden();
      if (r.bureau_ack_at) throw new AppError('incident_acknowledged', 409);
      if (Number(r.reported_up) !== 1) throw new AppError('incident_not_reported', 409);
      const now = this.now().toISOString();
      const res = await tx
        .updateTable('incidents')
        .set({
          bureau_ack_at: now,
          bureau_ack_by: auth.name,
          bureau_ack_by_id: auth.userId || null,
          bureau_ack_instruction: input.instruction || null,
          updated_at: now,
          version: sql`version + 1` as never,
        })
        .where('id', '=', id)
        .where('bureau_ack_at', 'is', null)
        .executeTakeFirst();
      // Two officers at once: the second finds it acknowledged.
      if (Number(res.numUpdatedRows) !== 1) throw new AppError('incident_acknowledged', 409);
      await this.audit.record(tx, auth, {
        action: 'incident.acknowledge',
        entity: 'incident',
        entityId: id,
        schoolId: r.school_id,
        regionPath: r.region_path,
        summary: { instruction: !!input.instruction },
      });
      return r;
    });
    const to = new Set(await this.notifications.leadersOf(r.school_id));
    if (r.reporter_id) to.add(r.reporter_id);
    to.delete(auth.userId);
    const key = input.instruction ? 'notifications.incidentAcknowledgedWithInstruction' : 'notifications.incidentAcknowledged';
    for (const u of to)
      await this.notifications.notify(u, r.school_id, 'incident', `ack|${id}`, key, { by: auth.name, kind: `@incidents.kinds.${r.kind}` }, `/incidents/${id}`);
    return this.get(auth, id, false);
  }

  /** Record the report to the police (强制报告): when, by whom, to which unit, the receipt number. */
  async reportToPolice(auth: Auth, id: string, input: MandatoryReportCreate): Promise<Incident> {
    await this.ctx.db.transaction().execute(async (tx) => {
      const { r } = await this.forAction(auth, id, tx);
      this.checkTime('reportedAt', input.reportedAt);
      if (r.police_reported_at) throw new AppError('incident_police_recorded', 409);
      const now = this.now().toISOString();
      await this.touch(tx, id, {
        police_reported_at: new Date(input.reportedAt).toISOString(),
        police_reporter_name: input.reporterName || auth.name,
        police_unit: input.unit,
        police_receipt: input.receiptNumber || null,
        police_method: input.method,
        police_recorded_by: auth.name,
        police_recorded_at: now,
      });
      await this.audit.record(tx, auth, {
        action: 'incident.police_report',
        entity: 'incident',
        entityId: id,
        schoolId: r.school_id,
        regionPath: r.region_path,
        summary: { method: input.method, receipt: !!input.receiptNumber },
      });
    });
    return this.get(auth, id, false);
  }
}
