import type { AuditEntry, AuditNameKind, AuditQuery } from '@carebridge/shared';
import type { Auth } from '../../access/auth.ts';
import { access } from '../../access/policy.ts';
import type { Ctx, Tx } from '../../context.ts';
import { forbidden } from '../../errors.ts';
import { type AuditInput, insertAudit, insertAuditMany, listAudit } from './audit.repository.ts';
import { findNames, findPeople } from './audit-name.repository.ts';
import { namedIds } from './audit-names.ts';

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

  /**
   * A page of the log, each entry with the name of its school, the accounts (its actor, and those
   * holding a role in the caller's area) and the things it names that the caller may see (places,
   * children, activities, roster submissions, incidents…: `findNames`), a few reads for the page,
   * none per entry. An account moved elsewhere, or named by its id, stays an id, as the users list
   * does not show it either.
   */
  async list(auth: Auth, q: AuditQuery): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
    if (!access.canReadAudit(auth)) forbidden();
    const rows = await listAudit(this.ctx.db, auth, q);
    const page = rows.slice(0, q.limit).map((r) => ({ ...r, summary: r.summary ? (JSON.parse(r.summary) as Record<string, unknown>) : null }));
    const named = page.map((r) => namedIds({ action: r.action, entity: r.entity, entityId: r.entity_id, summary: r.summary }));
    const people = await findPeople(
      this.ctx.db,
      auth,
      [...new Set(named.flatMap((n) => n.people))],
      page.flatMap((r) => (r.user_id ? [r.user_id] : [])),
    );
    // The entries' own schools are read with the schools they name: one read for the page.
    const names = await findNames(this.ctx.db, auth, [
      ...named.flatMap((n) => n.things),
      ...page.flatMap((r): [AuditNameKind, string][] => (r.school_id ? [['school', r.school_id]] : [])),
    ]);
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
        schoolName: (r.school_id && names.get(r.school_id)?.name) || null,
        summary: r.summary,
        people: Object.fromEntries(
          (named[i]?.people ?? []).flatMap((id) => {
            const person = people.get(id);
            // Another entry's actor is named only where the caller sees the account.
            return person && (person.seen || id === r.user_id) ? [[id, { name: person.name, username: person.username }] as const] : [];
          }),
        ),
        names: Object.fromEntries(
          (named[i]?.things ?? []).flatMap(([, id]) => {
            const name = names.get(id);
            return name ? [[id, name] as const] : [];
          }),
        ),
        ip: r.ip,
      })),
      nextCursor: rows.length > q.limit ? (page[page.length - 1]?.id ?? null) : null,
    };
  }
}
