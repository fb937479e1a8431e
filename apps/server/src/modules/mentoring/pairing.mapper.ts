import { newId, type Row } from '@carebridge/db';
import type { Pairing } from '@carebridge/shared';
import type { Auth } from '../../access/auth.ts';

/** A pairing as `PairingService` reads it: with the child's name, class and key support and the mentor's name. */
export type PairingRow = Omit<Row<'pairings'>, 'created_by' | 'updated_at'> & {
  child_name: string;
  class_name: string | null;
  key_support: number | null;
  mentor_name: string;
};

/** The API's view of a pairing. */
export const toPairing = (r: PairingRow): Pairing => ({
  id: r.id,
  schoolId: r.school_id,
  childId: r.child_id,
  childName: r.child_name,
  className: r.class_name,
  keySupport: r.key_support === 1,
  mentorId: r.mentor_id,
  mentorName: r.mentor_name,
  termId: r.term_id,
  startDate: r.start_date,
  endDate: r.end_date,
  note: r.note,
  endReason: r.end_reason,
  version: r.version,
  createdAt: r.created_at,
});

/** A new active pairing row, as a single pairing and a batch both write it. */
export function newPairing(
  auth: Auth,
  p: { schoolId: string; childId: string; mentorId: string; termId?: string | null | undefined; start: string; note?: string | null | undefined; now: string },
): Row<'pairings'> {
  return {
    id: newId(),
    school_id: p.schoolId,
    child_id: p.childId,
    mentor_id: p.mentorId,
    term_id: p.termId ?? null,
    start_date: p.start,
    end_date: null,
    note: p.note ?? null,
    end_reason: null,
    created_by: auth.userId || null,
    version: 1,
    created_at: p.now,
    updated_at: p.now,
  };
}
