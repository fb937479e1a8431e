import { byChinese } from '../../lib/collate.ts';

/** A child waiting for a mentor, in the order the suggestion serves them. */
export interface SuggestChild {
  id: string;
  name: string;
  pinyin: string;
  classId: string | null;
  className: string | null;
  grade: number | null;
  keySupport: boolean;
  /** Today's early-warning level and score (compliance/risk.ts), as the leader's workbench shows them; low and 0 when not assessed. */
  risk?: 'high' | 'medium' | 'low';
  score?: number;
}

export interface SuggestMentor {
  id: string;
  name: string;
  /** Children paired now. */
  count: number;
}

export interface Suggestion {
  childId: string;
  mentorId: string;
  reason: 'class_teacher' | 'balance';
}

/** High risk first, then medium, then key support (重点帮扶), then the rest. */
const needTier = (c: SuggestChild) => (c.risk === 'high' ? 0 : c.risk === 'medium' ? 1 : c.keySupport ? 2 : 3);

/**
 * Children in order of need: by tier (`needTier`), within it the higher risk score first, key support
 * first, then by grade, class and name.
 */
export function byNeed(a: SuggestChild, b: SuggestChild): number {
  return (
    needTier(a) - needTier(b) ||
    (b.score ?? 0) - (a.score ?? 0) ||
    Number(b.keySupport) - Number(a.keySupport) ||
    (a.grade ?? 99) - (b.grade ?? 99) ||
    byChinese(a.className ?? '', b.className ?? '') ||
    a.pinyin.localeCompare(b.pinyin) ||
    a.id.localeCompare(b.id)
  );
}

/**
 * Suggest mentors for unpaired children, in order of need (`byNeed`): the child's own class teacher
 * when that teacher is a mentor with room, else the least-loaded mentor; nobody above the school's
 * limit. When the places run out it is the lower-need children who stay unassigned, for the leader
 * to decide. Deterministic.
 */
export function suggestPairings(
  children: SuggestChild[],
  mentors: SuggestMentor[],
  classTeacher: Map<string, string>,
  limit: number,
): { items: Suggestion[]; load: Map<string, number>; unassigned: number } {
  const load = new Map(mentors.map((m) => [m.id, m.count]));
  const byName = [...mentors].sort((a, b) => byChinese(a.name, b.name) || a.id.localeCompare(b.id));
  const order = [...children].sort(byNeed);
  const items: Suggestion[] = [];
  let unassigned = 0;
  for (const c of order) {
    const own = c.classId ? classTeacher.get(c.classId) : undefined;
    if (own && load.has(own) && (load.get(own) ?? 0) < limit) {
      items.push({ childId: c.id, mentorId: own, reason: 'class_teacher' });
      load.set(own, (load.get(own) ?? 0) + 1);
      continue;
    }
    let best: SuggestMentor | undefined;
    for (const m of byName) if ((load.get(m.id) ?? 0) < limit && (!best || (load.get(m.id) ?? 0) < (load.get(best.id) ?? 0))) best = m;
    if (!best) {
      unassigned++;
      continue;
    }
    items.push({ childId: c.id, mentorId: best.id, reason: 'balance' });
    load.set(best.id, (load.get(best.id) ?? 0) + 1);
  }
  return { items, load, unassigned };
}
