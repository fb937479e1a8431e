import { isUniqueViolation, newId } from '@carebridge/db';
import { joinList, LANGS, type Lang, type MessageParam, renderMessage, translate } from '@carebridge/shared';
import { type Auth, systemAuth } from '../../access/auth.ts';
import type { Ctx, Tx } from '../../context.ts';
import { shanghaiTime } from '../../lib/dates.ts';
import { decodeKeyCursor, encodeKeyCursor } from '../../lib/key-cursor.ts';
import { dueFollowUps, FOLLOW_UP_TELL_DAYS, followUpDedupe } from '../care-records/follow-ups.ts';
import type { ComplianceService } from './compliance.service.ts';
import { addDays } from './dates.ts';

/**
 * The kind of the leaders' alarms about a case — a new report, a police report still to be made — so
 * the bell shows them apart from deadlines (rows stored before, and the chain's overdue steps, have
 * the kind `incident`).
 */
export const INCIDENT_URGENT = 'incident_urgent';

/** The kind of a care record's follow-up reminder (its author hears once when the follow-up date comes). */
export const FOLLOW_UP = 'follow_up';

/** Notifications per page of the bell's list. */
const PAGE = 50;

/** A follow-up reminder names at most this many of the record's children, then "and N more". */
const NAMED_CHILDREN = 3;

/**
 * In-app notifications: a responsible teacher hears once of each newly overdue item; leaders and the
 * mentor hear when a child's risk level rises; a record's author hears once when its follow-up falls
 * due. Refreshed on a timer (NOTIFY_INTERVAL_MINUTES).
 */
export class NotificationService {
  constructor(
    private readonly ctx: Ctx,
    private readonly compliance: ComplianceService,
  ) {}

  /** The caller's notifications, newest first, 50 at a time (`cursor`: the page after the one that gave it), with the unread count. */
  async list(auth: Auth, cursor?: string) {
    let q = this.ctx.db
      .selectFrom('notifications')
      .select(['id', 'kind', 'title', 'params', 'link', 'created_at', 'read_at'])
      .where('user_id', '=', auth.userId);
    if (cursor) {
      const { key: at, id } = decodeKeyCursor(cursor);
      q = q.where((eb) => eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '<', id)])]));
    }
    const rows = await q
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(PAGE + 1)
      .execute();
    const items = rows.slice(0, PAGE);
    const last = items[items.length - 1];
    const unread = await this.ctx.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', auth.userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return {
      unread: Number(unread.n),
      nextCursor: rows.length > PAGE && last ? encodeKeyCursor(last.created_at, last.id) : null,
      items: items.map((n) => ({
        id: n.id,
        kind: n.kind,
        // Rows before issue 8 hold zh-CN text; newer ones a key rendered in the reader's language.
        title: n.params === null ? n.title : renderMessage(auth.lang, n.title, JSON.parse(n.params) as Record<string, MessageParam>),
        link: n.link,
        createdAt: n.created_at,
        readAt: n.read_at,
      })),
    };
  }

  async markRead(auth: Auth, ids?: string[]): Promise<void> {
    let q = this.ctx.db
      .updateTable('notifications')
      .set({ read_at: this.ctx.clock().toISOString() })
      .where('user_id', '=', auth.userId)
      .where('read_at', 'is', null);
    if (ids?.length) q = q.where('id', 'in', ids);
    await q.execute();
  }

  /**
   * What a notification asked for is done (an incident acknowledged by one of its officers): every
   * reader's unread one of that kind and dedupe key is marked read, at the same instant, in the
   * caller's transaction. It stays in their list; it no longer asks them.
   */
  async settle(db: Tx, kind: string, dedupeKey: string): Promise<void> {
    await db
      .updateTable('notifications')
      .set({ read_at: this.ctx.clock().toISOString() })
      .where('dedupe_key', '=', dedupeKey)
      .where('kind', '=', kind)
      .where('read_at', 'is', null)
      .execute();
  }

  /**
   * Store one notification (a message key and its parameters) unless one with the same dedupe key
   * exists, or the user's account is deactivated: every caller (the overdue and risk pass, incident
   * alerts, the bureau's 签收 …) comes through here, so a deactivated account hears of nothing new; told
   * nothing meanwhile, it hears of what is still due once active again. Returns whether it was stored.
   */
  async notify(
    userId: string,
    schoolId: string,
    kind: string,
    dedupeKey: string,
    key: string,
    params: Record<string, MessageParam>,
    link: string,
  ): Promise<boolean> {
    try {
      // One statement: the row is made from the user's row, and only while the account is active.
      const result = await this.ctx.db
        .insertInto('notifications')
        .columns(['id', 'user_id', 'school_id', 'kind', 'dedupe_key', 'title', 'params', 'link', 'created_at', 'read_at'])
        .expression((eb) =>
          eb
            .selectFrom('users')
            .select([
              eb.val(newId()).as('id'),
              'users.id as user_id',
              eb.val(schoolId).as('school_id'),
              eb.val(kind).as('kind'),
              eb.val(dedupeKey).as('dedupe_key'),
              eb.val(key).as('title'),
              eb.val(JSON.stringify(params)).as('params'),
              eb.val(link).as('link'),
              eb.val(this.ctx.clock().toISOString()).as('created_at'),
              eb.val<string | null>(null).as('read_at'),
            ])
            .where('users.id', '=', userId)
            .where('users.active', '=', 1),
        )
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  /** One pass over every school: new overdue items, risk rises and follow-ups due become notifications. Returns how many were sent. */
  async refresh(): Promise<number> {
    const auth = systemAuth('notifier');
    const today = this.compliance.today();
    let sent = 0;
    const schools = await this.ctx.db.selectFrom('schools').select(['id']).execute();
    for (const s of schools) {
      const query = { schoolId: s.id, from: addDays(today, -40), to: today, status: 'overdue' as const, limit: 5000 };
      const overdue = await this.compliance.dueItems(auth, query, 'zh-CN');
      // A deactivated account is told nothing (notify refuses it too); leaving its items out here also
      // spares the English descriptions when nobody active is to hear of them.
      const active = await this.activeOf(overdue.items.map((i) => i.responsibleUserId));
      const fresh = overdue.items.filter((i) => i.responsibleUserId && active.has(i.responsibleUserId));
      // Rule descriptions are rendered per language; fetch the English ones only when there is news.
      const english = fresh.length ? await this.compliance.dueItems(auth, query, 'en-US') : { items: [] };
      const itemKey = (i: { childId: string; ruleKey: string; windowStart: string }) => `${i.childId}|${i.ruleKey}|${i.windowStart}`;
      const en = new Map(english.items.map((i) => [itemKey(i), i.description]));
      for (const i of fresh) {
        const params = { child: i.childName, rule: { 'zh-CN': i.description, 'en-US': en.get(itemKey(i)) ?? i.description }, end: i.windowEnd };
        if (
          await this.notify(i.responsibleUserId as string, s.id, 'overdue', `overdue|${itemKey(i)}`, 'notifications.overdue', params, `/children/${i.childId}`)
        )
          sent++;
      }
      sent += await this.riskRises(s.id, today);
    }
    return sent + (await this.followUpsDue(today)) + (await this.incidentAlerts());
  }

  /**
   * Each follow-up whose date has come, still open, is told to the record's author once (per date: put
   * off, it is told again on its new day), linking to the record. A confidential record's reminder says
   * only whose follow-up it is and when, not even its kind; its content never reaches the bell.
   */
  async followUpsDue(today: string): Promise<number> {
    let sent = 0;
    for (const f of await dueFollowUps(this.ctx.db, addDays(today, -FOLLOW_UP_TELL_DAYS), today)) {
      const child = Object.fromEntries(
        LANGS.map((lang) => {
          const named = joinList(lang, f.children.slice(0, NAMED_CHILDREN));
          const more = f.children.length - NAMED_CHILDREN;
          return [lang, more > 0 ? translate(lang, 'notifications.childrenMore', { names: named, n: f.children.length, more }) : named];
        }),
      );
      const [key, params] = f.confidential
        ? ['notifications.followUpConfidential', { child, date: f.followUpDate }]
        : ['notifications.followUp', { child, kind: `@care.kinds.${f.kind}`, date: f.followUpDate }];
      if (await this.notify(f.authorId, f.schoolId, FOLLOW_UP, followUpDedupe(f.recordId, f.followUpDate), key, params, `/care-records/${f.recordId}`)) sent++;
    }
    return sent;
  }

  /**
   * Each child's level as of today (risk-levels.ts): a rise since the level last told is told to the
   * school's leaders and the child's mentor, once; a fall is remembered quietly.
   */
  private async riskRises(schoolId: string, today: string): Promise<number> {
    const auth = systemAuth('notifier');
    const untold = await this.compliance.riskLevels.untold(schoolId);
    if (!untold.length) return 0;
    const rises = untold.filter((r) => r.rise);
    let sent = 0;
    if (rises.length) {
      // Names and reasons in both languages, for the children whose level rose.
      const views = async (lang: Lang) => new Map((await this.compliance.risks(auth, { schoolId }, lang)).map((r) => [r.childId, r]));
      const zh = await views('zh-CN');
      const en = await views('en-US');
      const leaders = await this.leadersOf(schoolId);
      for (const r of rises) {
        const view = zh.get(r.childId);
        if (!view) continue;
        const enReasons = en.get(r.childId)?.reasons ?? view.reasons;
        const mentors = (
          await this.ctx.db
            .selectFrom('pairings')
            .select('mentor_id')
            .where('child_id', '=', r.childId)
            .where('school_id', '=', schoolId)
            .where('end_date', 'is', null)
            .execute()
        ).map((p) => p.mentor_id);
        const params = {
          child: view.name,
          level: `@policy.risk.${r.level}`,
          reasons: { 'zh-CN': view.reasons.map((x) => x.text).join('；'), 'en-US': enReasons.map((x) => x.text).join('; ') },
        };
        for (const u of new Set([...leaders, ...mentors]))
          if (await this.notify(u, schoolId, 'risk', `risk|${r.childId}|${r.level}|${today}`, 'notifications.risk', params, `/children/${r.childId}`)) sent++;
      }
    }
    await this.compliance.riskLevels.told(untold);
    return sent;
  }

  /** Which of these users have an active account. */
  private async activeOf(ids: readonly (string | null | undefined)[]): Promise<Set<string>> {
    const wanted = [...new Set(ids.filter((id): id is string => !!id))];
    const active = new Set<string>();
    for (let i = 0; i < wanted.length; i += 500) {
      const rows = await this.ctx.db
        .selectFrom('users')
        .select('id')
        .where('id', 'in', wanted.slice(i, i + 500))
        .where('active', '=', 1)
        .execute();
      for (const r of rows) active.add(r.id);
    }
    return active;
  }

  /** The bureau's officers over a school, at every level of its region (a case reported to them, a roster sent up). */
  async bureauOver(db: Tx, regionPath: string): Promise<string[]> {
    const officers = await db.selectFrom('role_assignments').select(['user_id', 'region_path']).where('role', '=', 'bureau_officer').execute();
    return [...new Set(officers.filter((o) => o.region_path && regionPath.startsWith(o.region_path)).map((o) => o.user_id))];
  }

  /**
   * Who keeps a school's incidents (incident.policy.ts `caseKeepers`): its leaders and its
   * moral-education office (政教处), who handle incidents. They hear of every report and step.
   */
  async caseKeepersOf(schoolId: string): Promise<string[]> {
    const rows = await this.ctx.db
      .selectFrom('role_assignments')
      .select('user_id')
      .where('role', 'in', ['school_leader', 'moral_education'])
      .where('scope_id', '=', schoolId)
      .execute();
    return [...new Set(rows.map((r) => r.user_id))];
  }

  async leadersOf(schoolId: string): Promise<string[]> {
    const rows = await this.ctx.db
      .selectFrom('role_assignments')
      .select('user_id')
      .where('role', '=', 'school_leader')
      .where('scope_id', '=', schoolId)
      .execute();
    return rows.map((r) => r.user_id);
  }

  /**
   * Open incidents that need the leaders and the moral-education office: an unrecorded police report is repeated every hour until
   * it is recorded; an overdue step of the notification chain is told once.
   */
  async incidentAlerts(): Promise<number> {
    const now = this.ctx.clock();
    const nowIso = now.toISOString();
    const hour = nowIso.slice(0, 13);
    let sent = 0;
    const police = await this.ctx.db
      .selectFrom('incidents')
      .select(['id', 'school_id', 'kind'])
      .where('status', '=', 'open')
      .where('mandatory', '=', 1)
      .where('police_reported_at', 'is', null)
      .execute();
    for (const i of police)
      for (const u of await this.caseKeepersOf(i.school_id))
        if (
          await this.notify(
            u,
            i.school_id,
            INCIDENT_URGENT,
            `police|${i.id}|${hour}`,
            'notifications.policeRequired',
            { kind: `@incidents.kinds.${i.kind}` },
            `/incidents/${i.id}`,
          )
        )
          sent++;
    const late = await this.ctx.db
      .selectFrom('incident_notices as n')
      .innerJoin('incidents as i', 'i.id', 'n.incident_id')
      .select(['n.id', 'n.target', 'n.due_at', 'i.id as incident_id', 'i.school_id', 'i.kind'])
      .where('i.status', '=', 'open')
      .where('n.done_at', 'is', null)
      .where('n.due_at', '<', nowIso)
      .execute();
    for (const n of late) {
      const params = { kind: `@incidents.kinds.${n.kind}`, target: `@incidents.targets.${n.target}`, due: shanghaiTime(n.due_at as string) };
      for (const u of await this.caseKeepersOf(n.school_id))
        if (await this.notify(u, n.school_id, 'incident', `notice|${n.id}`, 'notifications.noticeOverdue', params, `/incidents/${n.incident_id}`)) sent++;
    }
    return sent;
  }
}
