import type { HomeVisitWindows } from '@carebridge/shared';

export type VisitWindowNote = { kind: 'inside'; start: string; end: string } | { kind: 'outside'; start: string; end: string } | { kind: 'noTerm' } | null;

/**
 * What to tell beside 家访时段: the chosen point's window when the date is in it; that the visit will
 * not count towards that point when it is not; that the date is in no term. Nothing while nothing is
 * chosen or the school's rules ask for no visit by point.
 */
export function visitWindowNote(w: HomeVisitWindows | undefined, date: string | undefined, point: string | null | undefined): VisitWindowNote {
  if (!w || !date || !point) return null;
  if (!w.term) return { kind: 'noTerm' };
  const win = w.windows.find((x) => x.point === point);
  if (!win) return null;
  return { kind: date >= win.start && date <= win.end ? 'inside' : 'outside', start: win.start, end: win.end };
}
