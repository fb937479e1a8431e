/** An archive's history (`child_history`): the rows written with each change, and the entries as a caller reads them. */

import { newId } from '@carebridge/db';
import { type ChildHistoryEntry, maskMiddle } from '@carebridge/shared';
import type { Auth } from '../../access/auth.ts';
import type { Tx } from '../../context.ts';
import { hiddenFrom, type Reveal } from './child.mapper.ts';
import { childRepo } from './child.repository.ts';

type Change = { field: string; old: unknown; new: unknown };

/** A history row: who changed the archive, how (`action`, `note`) and the changes (field, old, new). */
export function historyRow(auth: Auth, childId: string, schoolId: string, action: string, note: string | null, changes: unknown[], at: string) {
  return {
    id: newId(),
    child_id: childId,
    school_id: schoolId,
    at,
    user_id: auth.userId || null,
    user_name: auth.name,
    action,
    note,
    changes: JSON.stringify(changes),
  };
}

/** The child's history, schools and classes by name, sensitive values masked as in the archive view. */
export async function historyEntries(db: Tx, childId: string, reveal: Reveal): Promise<ChildHistoryEntry[]> {
  const rows = await childRepo.history(db, childId);
  const parsed = rows.map((h) => ({ h, changes: JSON.parse(h.changes) as Change[] }));
  const names = await placeNames(
    db,
    parsed.flatMap((p) => p.changes),
  );
  const named = (c: Change) =>
    c.field === 'schoolId' || c.field === 'classId' ? { ...c, old: names.get(c.old as string) ?? c.old, new: names.get(c.new as string) ?? c.new } : c;
  return parsed.map(({ h, changes }) => ({
    id: h.id,
    at: h.at,
    // Written by the system (the demo loader, a background job): no person to name.
    userName: h.user_id ? h.user_name : null,
    action: h.action,
    note: h.note,
    changes: changes.map((c) => maskChange(named(c), reveal)),
  }));
}

/** School and class ids in history read as their names. */
async function placeNames(db: Tx, changes: Change[]): Promise<Map<string, string>> {
  const ids = (field: string) => [
    ...new Set(
      changes
        .filter((c) => c.field === field)
        .flatMap((c) => [c.old, c.new])
        .filter((v): v is string => typeof v === 'string'),
    ),
  ];
  const out = new Map<string, string>();
  const schoolIds = ids('schoolId');
  const classIds = ids('classId');
  if (schoolIds.length) for (const s of await db.selectFrom('schools').select(['id', 'name']).where('id', 'in', schoolIds).execute()) out.set(s.id, s.name);
  if (classIds.length) for (const k of await db.selectFrom('classes').select(['id', 'name']).where('id', 'in', classIds).execute()) out.set(k.id, k.name);
  return out;
}

/** History shows old → new; sensitive values are masked as in the archive view. */
function maskChange(c: Change, reveal: Reveal) {
  if (!hiddenFrom(c.field, reveal)) return c;
  const m = (v: unknown) => (typeof v === 'string' ? maskMiddle(v) : v);
  return { field: c.field, old: m(c.old), new: m(c.new) };
}
