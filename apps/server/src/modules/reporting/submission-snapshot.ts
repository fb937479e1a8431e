import { type ChildValues, compareClasses } from '@carebridge/shared';
import type { Tx } from '../../context.ts';
import { maskValues, valuesOf } from '../children/child.mapper.ts';

/** A frozen roster row: the archive's values, the class name, and (since issue 6's audit) the child's id. */
export type SnapshotRow = ChildValues & { className: string | null; childId?: string };

/** The class's active children as they are now, in the class's order. */
export async function classSnapshot(tx: Tx, classId: string): Promise<SnapshotRow[]> {
  const rows = await tx
    .selectFrom('children as c')
    .leftJoin('classes as k', 'k.id', 'c.class_id')
    .selectAll('c')
    .select('k.name as class_name')
    .where('c.status', '=', 'active')
    .where('c.class_id', '=', classId)
    .orderBy('c.name_pinyin')
    .execute();
  return rows.map((c) => ({ ...valuesOf(c as never), className: c.class_name, childId: c.id }));
}

/**
 * The school's roster is what its leaders approved, not the archive of today: the approved class
 * snapshots of the term (in class order; a child moved between two approved classes counts once,
 * in the later approval), then the active children without a class, who have no class roster and
 * are taken from the archive as the leader submits — the leader is their reviewer. A change to a
 * child after its class was approved reaches the bureau only when the class is submitted again.
 */
export async function schoolSnapshot(tx: Tx, r: { school_id: string; term_id: string }): Promise<SnapshotRow[]> {
  const classes = await tx
    .selectFrom('roster_submissions as x')
    .leftJoin('classes as k', 'k.id', 'x.class_id')
    .select(['x.id', 'x.snapshot', 'x.reviewed_at', 'k.grade', 'k.name'])
    .where('x.school_id', '=', r.school_id)
    .where('x.term_id', '=', r.term_id)
    .where('x.level', '=', 'class')
    .where('x.status', '=', 'approved')
    .execute();
  const key = (row: SnapshotRow) => row.childId ?? row.idNumber ?? `${row.name}|${row.birthDate}`;
  const latest = new Map<string, string>();
  for (const c of [...classes].sort((a, b) => String(b.reviewed_at).localeCompare(String(a.reviewed_at))))
    for (const row of JSON.parse(c.snapshot ?? '[]') as SnapshotRow[]) if (!latest.has(key(row))) latest.set(key(row), c.id);
  const ordered = [...classes].sort((a, b) => compareClasses({ name: a.name ?? '', grade: a.grade }, { name: b.name ?? '', grade: b.grade }));
  const out: SnapshotRow[] = [];
  for (const c of ordered)
    for (const row of JSON.parse(c.snapshot ?? '[]') as SnapshotRow[])
      if (latest.get(key(row)) === c.id) {
        latest.delete(key(row));
        out.push(row);
      }
  const unclassed = await tx
    .selectFrom('children as c')
    .selectAll('c')
    .where('c.school_id', '=', r.school_id)
    .where('c.status', '=', 'active')
    .where('c.class_id', 'is', null)
    .orderBy('c.name_pinyin')
    .execute();
  return [...out, ...unclassed.map((c) => ({ ...valuesOf(c as never), className: null, childId: c.id }))];
}

/**
 * A roster's rows as a list shows them, masked as every list masks (child.mapper `toSummary`, DOMAIN.md):
 * ID and phone numbers for every role. The stored snapshot is not changed: it is the record of what was
 * sent. Full numbers are read in the official registration export, audited as such.
 */
export function listRows(r: { snapshot: string | null }): Record<string, unknown>[] {
  if (!r.snapshot) return [];
  const reveal = { idNumbers: false, phones: false };
  return (JSON.parse(r.snapshot) as SnapshotRow[]).map((row) => ({ ...maskValues(row, reveal), className: row.className }));
}
