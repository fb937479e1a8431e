import { newId, type Row } from '@carebridge/db';
import type {
  AcknowledgeCreate,
  ActionCreate,
  Incident,
  IncidentAction,
  IncidentChain,
  IncidentCreate,
  IncidentNotice,
  IncidentQuery,
  IncidentSummary,
  IncidentUpdate,
  MandatoryReportCreate,
  NoticeCreate,
} from '@carebridge/shared';
import { sql } from 'kysely';
import type { Auth } from '../../access/auth.ts';
import type { Ctx, Tx } from '../../context.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { afterCommit } from '../../lib/after-commit.ts';
import { decodeKeyCursor, encodeKeyCursor } from '../../lib/key-cursor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { NotificationService } from '../compliance/notification.service.ts';
import { incidentPlace, toAction, toIncident, toNotices, toSummary } from './incident.mapper.ts';
import { CLOCK_SKEW_MS, incidentRights, inFuture, reportsIncident } from './incident.policy.ts';
import { actionRows, findIncident, type IncidentRow, incidentLinks, listIncidents, noticeRows, overdueCounts } from './incident.repository.ts';
import { alertBureau, checkBureauStep, recordAcknowledgement, tellAcknowledged, tellBureauStep } from './incident-bureau.ts';
import { completePendingStep, leaderOpened, recordNotice, refuseEarlyClose, schoolChain } from './incident-chain.ts';
import { createIncident } from './incident-create.ts';
import { lockIncident } from './incident-lock.ts';
import { updateIncident } from './incident-update.ts';

/** What a detail read returns, named in its audit entry: the whole case, or only its actions or notifications. */
type ViewPart = 'incident' | 'actions' | 'notifications';

const invalid = (path: string, message: string, status = 422): never => {
  throw new AppError('validation_failed', status, {}, [{ path, message }]);
};

/**
 * Safety incidents (issue 8): the report (incident-create.ts), the notification chain with its
 * deadlines (incident-chain.ts), mandatory reporting to the police, the actions until closure, the
 * bureau's 签收 (incident-bureau.ts). Details are limited (incident.policy.ts, shaped per reader by
 * incident.mapper.ts); every full view is audited. Whoever a change tells hears of it after its commit,
 * and a change stands when the telling fails (lib/after-commit.ts).
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

  async list(auth: Auth, q: IncidentQuery): Promise<{ items: IncidentSummary[]; nextCursor: string | null }> {
    let after: { at: string; id: string } | null = null;
    if (q.cursor) {
      const { key: at, id } = decodeKeyCursor(q.cursor);
      after = { at, id };
    }
    const rows = await listIncidents(this.ctx.db, auth, q, after, this.now());
    const page = rows.slice(0, q.limit);
    const ids = page.map((r) => r.id);
    const links = await incidentLinks(this.ctx.db, auth, ids);
    const overdue = await overdueCounts(this.ctx.db, ids, this.now());
    const items: IncidentSummary[] = [];
    for (const r of page) {
      const rights = incidentRights(auth, incidentPlace(r, links));
      // Filters on what only detail readers know must not reveal it to others.
      if (!rights.details && (q.kind || q.attention === 'true' || q.acknowledgement)) continue;
      items.push(toSummary(r, links, rights, overdue.get(r.id) ?? 0));
    }
    const last = page[page.length - 1];
    return { items, nextCursor: rows.length > q.limit && last ? encodeKeyCursor(last.occurred_at, last.id) : null };
  }

  /**
   * The incident and the caller's rights on it: 404 outside the caller's reach, 403 for callers who may
   * only know that it exists. `lock`: first take its row for the transaction `db` (incident-lock.ts).
   */
  private async readable(auth: Auth, id: string, db: Tx = this.ctx.db, lock = false) {
    if (lock) await lockIncident(db, this.ctx.dialect, id);
    const r = (await findIncident(db, auth, id)) ?? notFound('incident');
    const links = await incidentLinks(db, auth, [id]);
    const rights = incidentRights(auth, incidentPlace(r, links));
    if (!rights.details) throw new AppError('incident_restricted', 403);
    return { r, links, rights };
  }

  /**
   * The full incident, audited as a view of `audit` (the case, or only its actions or notifications;
   * false after a change, which is audited itself); 403 for callers who may only know that it exists.
   */
  async get(auth: Auth, id: string, audit: ViewPart | false = 'incident'): Promise<Incident> {
    const { r, links, rights } = await this.readable(auth, id);
    const now = this.now();
    if (audit)
      await this.ctx.db.transaction().execute(async (tx) => {
        await this.audit.record(tx, auth, {
          action: 'incident.view',
          entity: 'incident',
          entityId: id,
          schoolId: r.school_id,
          regionPath: r.region_path,
          summary: audit === 'incident' ? { kind: r.kind } : { kind: r.kind, part: audit },
        });
        // The app told the leaders at once (incident-create.ts); the one who opens the case has heard.
        if (audit === 'incident' && (await leaderOpened(tx, auth, r, now)))
          await this.audit.record(tx, auth, {
            action: 'incident.notify',
            entity: 'incident',
            entityId: id,
            schoolId: r.school_id,
            regionPath: r.region_path,
            summary: { target: 'school_leader', method: 'app' },
          });
      });
    const notices = toNotices(r, await noticeRows(this.ctx.db, id), rights, now);
    const actions = (await actionRows(this.ctx.db, id)).map((a) => toAction(r, a, rights));
    return toIncident(r, links, rights, notices, actions);
  }

  /** The school's notification chain, or the seed's defaults. */
  async chain(auth: Auth, schoolId: string): Promise<IncidentChain> {
    const s = await this.school(auth, schoolId);
    return { steps: schoolChain(s.incident_chain) };
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

  /** A moment of a case's handling: not in the future and, given the case, not before it happened. */
  private checkTime(path: string, iso: string, occurredAt?: string, before = 'errors.incident_before_occurred') {
    if (inFuture(iso, this.now())) invalid(path, 'validation.date_future');
    if (occurredAt && new Date(iso).getTime() < new Date(occurredAt).getTime() - CLOCK_SKEW_MS) invalid(path, before);
  }

  /** Report a case: anyone who sees the children (incident-create.ts). */
  async create(auth: Auth, input: IncidentCreate): Promise<Incident> {
    if (!reportsIncident(auth)) forbidden();
    return this.get(auth, await createIncident(this.ctx, this.audit, this.notifications, auth, input), false);
  }

  /** The incident for a writing action, its row taken for the transaction `tx`: the caller must act on it. */
  private async forAction(auth: Auth, id: string, tx: Tx) {
    const { r, rights } = await this.readable(auth, id, tx, true);
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

  /** Correct the report on its locked row (incident-update.ts); the leaders hear when the law now asks for a police report. */
  async update(auth: Auth, id: string, input: IncidentUpdate): Promise<Incident> {
    const nowMandatory = await this.ctx.db.transaction().execute(async (tx) => {
      const { r, rights } = await this.forAction(auth, id, tx);
      return updateIncident(tx, this.audit, auth, r, rights, input, this.now());
    });
    if (nowMandatory) await afterCommit(this.ctx, 'alerting the leaders of a police report due', () => this.notifications.incidentAlerts());
    return this.get(auth, id, false);
  }

  /** The notification chain alone: a view of the details like any other, so audited. */
  async listNotices(auth: Auth, id: string): Promise<IncidentNotice[]> {
    return (await this.get(auth, id, 'notifications')).notifications;
  }

  /**
   * Record that someone was told, tried in vain, or — the guardian or the parents — deliberately not told
   * (`reach`): a step of the chain (named, or the one still waiting for whom was told), or an extra
   * notification; not on a closed case. Telling the bureau asks it to 签收.
   */
  async notify(auth: Auth, id: string, input: NoticeCreate): Promise<Incident> {
    const told = await this.ctx.db.transaction().execute(async (tx) => {
      const { r } = await this.forAction(auth, id, tx);
      // Like every other step of a closed case: reopen it to record a late notification.
      if (r.status === 'closed') throw new AppError('incident_closed', 409);
      this.checkTime('notifiedAt', input.notifiedAt, r.occurred_at);
      const at = new Date(input.notifiedAt).toISOString();
      const target = await recordNotice(tx, auth, id, input, at, this.now());
      await this.touch(tx, id);
      await this.audit.record(tx, auth, {
        action: 'incident.notify',
        entity: 'incident',
        entityId: id,
        schoolId: r.school_id,
        regionPath: r.region_path,
        // Nobody was told of a withheld step, so by no method; its reason stays on the case.
        summary: input.reach === 'withheld' ? { target, reach: input.reach } : { target, method: input.method, reach: input.reach },
      });
      return { r, target };
    });
    if (told.target === 'bureau' && input.reach === 'reached')
      await afterCommit(this.ctx, 'alerting the bureau of an incident', () => alertBureau(this.ctx.db, this.notifications, told.r));
    return this.get(auth, id, false);
  }

  /** The timeline alone: a view of the details like any other, so audited. */
  async listActions(auth: Auth, id: string): Promise<IncidentAction[]> {
    return (await this.get(auth, id, 'actions')).actions;
  }

  /** A step of the case: an action, a follow-up (optionally a care record), a dropout persuasion or written report, closure. */
  async act(auth: Auth, id: string, input: ActionCreate): Promise<Incident> {
    const actionId = newId();
    const r = await this.ctx.db.transaction().execute(async (tx) => {
      const { r, rights } = await this.readable(auth, id, tx, true);
      // The bureau's instruction is its own step; every other is the school's (`forAction`'s rule).
      const instructedAt = await checkBureauStep(tx, r, rights, input.kind);
      if (input.at && input.kind !== 'instruction') this.checkTime('at', input.at);
      if ((input.kind === 'close' || input.kind === 'reopen') && !rights.closes) forbidden();
      if (input.kind === 'close') {
        if (r.status === 'closed') throw new AppError('incident_closed', 409);
        await refuseEarlyClose(tx, r, auth.lang);
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
      // An instruction is given now, as a 签收 is.
      let at = input.at && input.kind !== 'instruction' ? new Date(input.at).toISOString() : now;
      // A reply comes after the instruction it answers (a phone's clock a few minutes behind: at the instruction).
      if (instructedAt && at < instructedAt) {
        if (new Date(at).getTime() < new Date(instructedAt).getTime() - CLOCK_SKEW_MS) invalid('at', 'errors.incident_reply_before_instruction');
        at = instructedAt;
      }
      // Nothing was done about the case before it happened (a mistyped date or time; a clock a few minutes behind aside).
      if (new Date(at).getTime() < new Date(r.occurred_at).getTime() - CLOCK_SKEW_MS) invalid('at', 'errors.incident_action_before_occurred');
      await tx
        .insertInto('incident_actions')
        .values({
          id: actionId,
          incident_id: id,
          kind: input.kind,
          at,
          text: input.text,
          outcome: input.kind === 'persuasion' ? (input.outcome ?? null) : null,
          document_no: input.kind === 'written_report' ? input.documentNo || null : null,
          care_record_id: input.kind === 'instruction' ? null : (input.careRecordId ?? null),
          author_id: auth.userId || null,
          author_name: auth.name,
          created_at: now,
        })
        .execute();
      // The written report tells the bureau: the chain's bureau step, if it still waits, is done by it.
      if (input.kind === 'written_report')
        await completePendingStep(tx, id, 'bureau', {
          done_at: at,
          method: 'written',
          contact_name: null,
          note: input.documentNo || null,
          recorded_by: auth.name,
          recorded_by_id: auth.userId || null,
        });
      if (input.kind === 'close') await this.touch(tx, id, { status: 'closed', closed_at: now });
      else if (input.kind === 'reopen') await this.touch(tx, id, { status: 'open', closed_at: null });
      else await this.touch(tx, id);
      await this.audit.record(tx, auth, {
        action:
          input.kind === 'close'
            ? 'incident.close'
            : input.kind === 'reopen'
              ? 'incident.reopen'
              : input.kind === 'instruction'
                ? 'incident.instruct'
                : 'incident.action',
        entity: 'incident',
        entityId: id,
        schoolId: r.school_id,
        regionPath: r.region_path,
        summary: { kind: input.kind },
      });
      return r;
    });
    // A dropout's written report goes to the county bureau (未保法 §28).
    if (input.kind === 'written_report')
      await afterCommit(this.ctx, 'alerting the bureau of a written report', () => alertBureau(this.ctx.db, this.notifications, r));
    // The other side hears of an instruction or a reply.
    const { kind } = input;
    if (kind === 'instruction' || kind === 'reply')
      await afterCommit(this.ctx, `telling of an incident's ${kind}`, () => tellBureauStep(this.ctx.db, this.notifications, auth, r, kind, actionId));
    return this.get(auth, id, false);
  }

  /**
   * The bureau over the school acknowledges (签收) an incident the school reported to it, once, with an
   * optional instruction (批示); the school's leaders and the reporter are told who acknowledged.
   */
  async acknowledge(auth: Auth, id: string, input: AcknowledgeCreate): Promise<Incident> {
    const r: IncidentRow = await this.ctx.db.transaction().execute(async (tx) => {
      const { r, rights } = await this.readable(auth, id, tx, true);
      // A closed case is still acknowledged: that the bureau received what the school told it is a
      // fact whatever became of the case, unlike the school's own steps, which a closed case refuses.
      await recordAcknowledgement(tx, this.audit, this.notifications, auth, r, rights, input, this.now());
      return r;
    });
    await afterCommit(this.ctx, 'telling the school of a 签收', () => tellAcknowledged(this.notifications, auth, r, input));
    return this.get(auth, id, false);
  }

  /** Record the report to the police (强制报告): when, by whom, to which unit, the receipt number. */
  async reportToPolice(auth: Auth, id: string, input: MandatoryReportCreate): Promise<Incident> {
    await this.ctx.db.transaction().execute(async (tx) => {
      const { r } = await this.forAction(auth, id, tx);
      // Like every other step of a closed case: reopen it to record a late report.
      if (r.status === 'closed') throw new AppError('incident_closed', 409);
      this.checkTime('reportedAt', input.reportedAt, r.occurred_at, 'errors.incident_report_before_occurred');
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
