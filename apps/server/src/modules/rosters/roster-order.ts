import { compareClasses } from '@carebridge/shared';
import { byCodePoint, chineseRanks } from '../../lib/collate.ts';

/** What a roster row is ordered by: its school, its class, the child's name (pinyin, as the children list sorts). */
export interface RosterPlace {
  id: string;
  school_id: string;
  school_name: string;
  class_id: string | null;
  class_name: string | null;
  grade: number | null;
  name_pinyin: string | null;
}

/**
 * Roster rows as a reader looks for a child: school by school (names in Chinese order, so that a
 * county's two 一年级1班 never interleave; two schools of one name apart by id), each school's classes
 * as the school lists them (一年级2班 before 一年级10班; children without a class last), then the
 * children by name. Ranks are worked out once over the distinct names: an export holds up to 50,000 rows.
 */
export function inRosterOrder<R extends RosterPlace>(rows: readonly R[]): R[] {
  const schools = chineseRanks(rows.map((r) => r.school_name));
  const classList = [...new Map(rows.filter((r) => r.class_id).map((r) => [`${r.grade}|${r.class_name}`, r])).values()];
  classList.sort((a, b) => compareClasses({ name: a.class_name ?? '', grade: a.grade }, { name: b.class_name ?? '', grade: b.grade }));
  const classes = new Map(classList.map((r, i) => [`${r.grade}|${r.class_name}`, i]));
  const classOf = (r: R) => (r.class_id ? (classes.get(`${r.grade}|${r.class_name}`) as number) : classes.size);
  return [...rows].sort(
    (a, b) =>
      (schools.get(a.school_name) as number) - (schools.get(b.school_name) as number) ||
      byCodePoint(a.school_id, b.school_id) ||
      classOf(a) - classOf(b) ||
      byCodePoint(a.class_id ?? '', b.class_id ?? '') ||
      byCodePoint(a.name_pinyin ?? '', b.name_pinyin ?? '') ||
      byCodePoint(a.id, b.id),
  );
}
