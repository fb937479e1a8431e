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

/**
 * Suggest mentors for unpaired children: key-support children first, then by class; the child's own
 * class teacher when that teacher is a mentor with room, else the least-loaded mentor; nobody above
 * the school's limit (those children stay unassigned for the leader to decide). Deterministic.
 */
export function suggestPairings(
  children: SuggestChild[],
  mentors: SuggestMentor[],
  classTeacher: Map<string, string>,
  limit: number,
): { items: Suggestion[]; load: Map<string, number>; unassigned: number } {
  const load = new Map(mentors.map((m) => [m.id, m.count]));
  const byName = [...mentors].sort((a, b) => byChinese(a.name, b.name) || a.id.localeCompare(b.id));
  const order = [...children].sort(
    (a, b) =>
      Number(b.keySupport) - Number(a.keySupport) ||
      (a.grade ?? 99) - (b.grade ?? 99) ||
      byChinese(a.className ?? '', b.className ?? '') ||
      a.pinyin.localeCompare(b.pinyin) ||
      a.id.localeCompare(b.id),
  );
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
