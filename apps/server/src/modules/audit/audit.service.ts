import { AUDIT_PERSON_KEYS, type AuditEntry, type AuditQuery } from '@carebridge/shared';
import type { Auth } from '../../access/auth.ts';
import { access } from '../../access/policy.ts';
import type { Ctx, Tx } from '../../context.ts';
import { forbidden } from '../../errors.ts';
import { type AuditInput, findPeople, insertAudit, insertAuditMany, listAudit } from './audit.repository.ts';

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
    const page = rows.slice(0, q.limit).map((r) => ({ ...r, summary: r.summary ? (JSON.parse(r.summary) as Record<string, unknown>) : null }));
    const named = page.map((r) => peopleNamed(r.entity, r.entity_id, r.summary));
    const people = await findPeople(this.ctx.db, [...new Set(named.flat())]);
    return {
      items: page.map((r, i) => ({
        id: r.id,
        at: r.at,
        userId: r.user_id,
        username: r.username,
        name: r.name ?? null,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        schoolId: r.school_id,
        summary: r.summary,
        people: Object.fromEntries(
          (named[i] ?? []).flatMap((id) => {
            const person = people.get(id);
            return person ? [[id, person] as const] : [];
          }),
        ),
        ip: r.ip,
      })),
      nextCursor: rows.length > q.limit ? (page[page.length - 1]?.id ?? null) : null,
    };
  }
}

/** The ids of the accounts an entry names: the user acted on and those in its details. */
function peopleNamed(entity: string, entityId: string | null, summary: Record<string, unknown> | null): string[] {
  const ids = entity === 'user' && entityId ? [entityId] : [];
  for (const key of AUDIT_PERSON_KEYS) {
    const value = summary?.[key];
    for (const v of Array.isArray(value) ? value : [value]) if (typeof v === 'string' && v) ids.push(v);
  }
  return ids;
}
