/** Dates of care work are Beijing dates (DOMAIN.md: Asia/Shanghai decides "today" and "this month"). */

const DAY = 86_400_000;

/** Today in Beijing time, YYYY-MM-DD. */
export function todayInShanghai(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The first day of this Beijing month, YYYY-MM-DD. */
export function monthStart(today = todayInShanghai()): string {
  return `${today.slice(0, 8)}01`;
}

/** The Beijing month before this one, YYYY-MM: the month a briefing usually reports, being over. */
export function previousMonth(today = todayInShanghai()): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

/** An ISO timestamp as Beijing time "YYYY-MM-DD HH:mm" (with ":ss" when `seconds`, as the audit log reads it). */
export function shanghaiTime(at: string, seconds = false): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  }).formatToParts(d);
  const p = (type: string) => parts.find((x) => x.type === type)?.value ?? '';
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}${seconds ? `:${p('second')}` : ''}`;
}
