import type { Term } from '@carebridge/shared';
import { todayInShanghai } from '../../lib/dates.ts';

/** This term: the one running today, else the last one that has started, else the first on the list. */
export function currentTerm(terms: readonly Term[] | undefined, today = todayInShanghai()): Term | undefined {
  const list = [...(terms ?? [])].sort((a, b) => a.startDate.localeCompare(b.startDate));
  return list.find((x) => x.startDate <= today && today <= x.endDate) ?? list.filter((x) => x.startDate <= today).pop() ?? list[0];
}

/** School year and semester of a day by the calendar (autumn from September, spring from February), as term labels spell them. */
export function calendarTerm(today = todayInShanghai()): { year: string; semester: 1 | 2 } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  if (m >= 9) return { year: `${y}-${y + 1}`, semester: 1 };
  if (m === 1) return { year: `${y - 1}-${y}`, semester: 1 };
  return { year: `${y - 1}-${y}`, semester: 2 };
}
