import type { AuditEntry, AuditQuery } from '@carebridge/shared';
import type { Auth } from '../../access/auth.ts';
import { access } from '../../access/policy.ts';
import type { Ctx, Tx } from '../../context.ts';
import { forbidden } from '../../errors.ts';
import { type AuditInput, insertAudit, insertAuditMany, listAudit } from './audit.repository.ts';

export class AuditService {
  constructor(private readonly ctx: Ctx) {}

  /** Record an action in the given transaction (or on its own when there is none). */
  record(tx: Tx, auth: Pick<Auth, 'userId' | 'username' | 'ip'>, input: AuditInput): Promise<void> {
    return insertAudit(tx, auth, input, this.ctx.clock().toISOString());
  }

  /** Record many actions of one operation in its transaction. */
  recordMany(tx: Tx, auth: Pick<Auth, 'userId' | 'username' | 'ip'>, inputs: AuditInput[]): Promise<void> {
    return insertAuditMany(tx, auth, inputs, this.ctx.clock().toISOString(), this.ctx);
  }

  async list(auth: Auth, q: AuditQuery): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
    if (!access.canReadAudit(auth)) forbidden();
    const rows = await listAudit(this.ctx.db, auth, q);
    const page = rows.slice(0, q.limit);
    return {
      items: page.map((r) => ({
        id: r.id,
        at: r.at,
        userId: r.user_id,
        username: r.username,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        schoolId: r.school_id,
        summary: r.summary ? (JSON.parse(r.summary) as Record<string, unknown>) : null,
        ip: r.ip,
      })),
      nextCursor: rows.length > q.limit ? (page[page.length - 1]?.id ?? null) : null,
    };
  }
}
