import { isUniqueViolation, newId } from '@carebridge/db';
import { translate } from '@carebridge/shared';
import { type Auth, systemAuth } from '../../access/auth.ts';
import type { Ctx } from '../../context.ts';
import type { ComplianceService } from './compliance.service.ts';
import { addDays } from './dates.ts';

const LEVEL = { low: 0, medium: 1, high: 2 } as const;

/**
 * In-app notifications: a responsible teacher hears once of each newly overdue item; leaders and the
 * mentor hear when a child's risk level rises. Refreshed on a timer (NOTIFY_INTERVAL_MINUTES).
 */
export class NotificationService {
  constructor(
    private readonly ctx: Ctx,
    private readonly compliance: ComplianceService,
  ) {}

  async list(auth: Auth) {
    const items = await this.ctx.db
      .selectFrom('notifications')
      .select(['id', 'kind', 'title', 'link', 'created_at', 'read_at'])
      .where('user_id', '=', auth.userId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(50)
      .execute();
    const unread = await this.ctx.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', auth.userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return {
      unread: Number(unread.n),
      items: items.map((n) => ({ id: n.id, kind: n.kind, title: n.title, link: n.link, createdAt: n.created_at, readAt: n.read_at })),
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

  private async notify(userId: string, schoolId: string, kind: string, dedupeKey: string, title: string, link: string): Promise<boolean> {
    try {
      await this.ctx.db
        .insertInto('notifications')
        .values({
          id: newId(),
          user_id: userId,
          school_id: schoolId,
          kind,
          dedupe_key: dedupeKey,
          title,
          link,
          created_at: this.ctx.clock().toISOString(),
          read_at: null,
        })
        .execute();
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  /** One pass over every school: new overdue items and risk rises become notifications. Returns how many were sent. */
  async refresh(): Promise<number> {
    const auth = systemAuth('notifier');
    const lang = 'zh-CN';
    const today = this.compliance.today();
    let sent = 0;
    const schools = await this.ctx.db.selectFrom('schools').select(['id']).execute();
    for (const s of schools) {
      const overdue = await this.compliance.dueItems(auth, { schoolId: s.id, from: addDays(today, -40), to: today, status: 'overdue', limit: 5000 }, lang);
      for (const i of overdue.items) {
        if (!i.responsibleUserId) continue;
        const title = translate(lang, 'notifications.overdue', { child: i.childName, rule: i.description, end: i.windowEnd });
        if (await this.notify(i.responsibleUserId, s.id, 'overdue', `overdue|${i.childId}|${i.ruleKey}|${i.windowStart}`, title, `/children/${i.childId}`))
          sent++;
      }
      const risks = await this.compliance.risks(auth, { schoolId: s.id }, lang);
      const stored = new Map(
        (await this.ctx.db.selectFrom('children').select(['id', 'risk_level']).where('school_id', '=', s.id).execute()).map((c) => [c.id, c.risk_level]),
      );
      const leaders = (
        await this.ctx.db.selectFrom('role_assignments').select('user_id').where('role', '=', 'school_leader').where('scope_id', '=', s.id).execute()
      ).map((r) => r.user_id);
      for (const r of risks) {
        const before = stored.get(r.childId) as keyof typeof LEVEL | null | undefined;
        if (before === r.level) continue;
        await this.ctx.db.updateTable('children').set({ risk_level: r.level }).where('id', '=', r.childId).execute();
        if (LEVEL[r.level] <= LEVEL[before ?? 'low']) continue;
        const mentors = (
          await this.ctx.db.selectFrom('pairings').select('mentor_id').where('child_id', '=', r.childId).where('end_date', 'is', null).execute()
        ).map((p) => p.mentor_id);
        const title = translate(lang, 'notifications.risk', {
          child: r.name,
          level: translate(lang, `policy.risk.${r.level}`),
          reasons: r.reasons.map((x) => x.text).join('；'),
        });
        for (const u of new Set([...leaders, ...mentors]))
          if (await this.notify(u, s.id, 'risk', `risk|${r.childId}|${r.level}|${today}`, title, `/children/${r.childId}`)) sent++;
      }
    }
    return sent;
  }
}
