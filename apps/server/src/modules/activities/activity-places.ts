import { type ActivitySummary, leftBehindType, offerPlaces } from '@carebridge/shared';

/** A stored line of an activity's sheet (activity_people with the child's archive), as far as places and figures need it. */
export interface PlaceLine {
  id: string;
  child_id: string | null;
  person_kind: string;
  applied_at: string | null;
  present: number;
  key_support: number | null;
  father_status: string | null;
  mother_status: string | null;
}

/** Whether the line is of a left-behind child of the archive (another pupil never is). */
export const isLeftBehind = (l: Pick<PlaceLine, 'child_id' | 'father_status' | 'mother_status'>) =>
  !!l.child_id && leftBehindType({ fatherStatus: l.father_status, motherStatus: l.mother_status } as never) !== 'none';

/**
 * The applicants for a limited activity in offer order (三个优先), each with its priority and whether
 * it has a place. Every application counts, whoever looks: a class teacher who sees only some of the
 * applicants sees the same places as the school.
 */
export function placesOf(lines: readonly PlaceLine[], capacity: number): Map<string, { rank: 0 | 1 | 2; offered: boolean; order: number }> {
  const applicants = lines
    .filter((l) => l.person_kind !== 'adult' && l.applied_at)
    .map((l) => ({ id: l.id, leftBehind: isLeftBehind(l), keySupport: l.key_support === 1, at: l.applied_at as string }));
  return new Map(offerPlaces(applicants, capacity).map((l, order) => [l.id, { rank: l.rank, offered: l.offered, order }]));
}

/**
 * An activity's figures: the children and pupils expected, those present, and the adults present. On a
 * limited activity an applicant left on the waiting list was never expected, so is neither counted nor
 * absent; one who came anyway (marked present) counts as expected and present.
 */
export function attendanceFigures(lines: readonly PlaceLine[], capacity: number | null): ActivitySummary['attendance'] {
  const waiting = new Set<string>();
  if (capacity) for (const [id, place] of placesOf(lines, capacity)) if (!place.offered) waiting.add(id);
  const pupils = lines.filter((l) => l.person_kind !== 'adult' && (l.present === 1 || !waiting.has(l.id)));
  return {
    children: pupils.length,
    present: pupils.filter((l) => l.present === 1).length,
    adults: lines.filter((l) => l.person_kind === 'adult' && l.present === 1).length,
  };
}
