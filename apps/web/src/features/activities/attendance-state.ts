import type { ADULT_ROLES, Attendance, AttendanceLine, AttendanceUpdate } from '@carebridge/shared';

export type AdultRole = (typeof ADULT_ROLES)[number];

/** A child of the archive put on the sheet here (not saved yet). */
export interface AddedChild {
  childId: string;
  name: string;
  className: string | null;
}

/** Another pupil or an adult put on the sheet here (not saved yet). */
export interface AddedPerson {
  key: string;
  name: string;
  kind: 'pupil' | 'adult';
  adultRole: AdultRole | null;
  className: string | null;
}

/** What the user changed on the sheet since it was loaded; kept across reloads of the sheet (after a conflict, an application). */
export interface SheetEdits {
  /** Presence by row key, where it differs from what was loaded (or for added people). */
  marks: Record<string, boolean>;
  children: AddedChild[];
  people: AddedPerson[];
  /** Stored lines of people added by name that are taken off the sheet. */
  removed: string[];
}

export const noEdits = (): SheetEdits => ({ marks: {}, children: [], people: [], removed: [] });

export interface SheetRow {
  key: string;
  /** The stored line id (null for a roster child not yet marked, or an added person). */
  id: string | null;
  childId: string | null;
  name: string;
  className: string | null;
  kind: AttendanceLine['kind'];
  adultRole: AdultRole | null;
  leftBehind: boolean;
  keySupport: boolean;
  appliedAt: string | null;
  rank: number | null;
  offered: boolean;
  present: boolean;
  /** Added here and not saved yet. */
  pending: boolean;
}

/** A line's key: the child for archive children (one line each), else the stored line. */
export const lineKey = (l: Pick<AttendanceLine, 'childId' | 'id'>) => (l.childId ? `c:${l.childId}` : `o:${l.id}`);

/** The sheet as shown: the server's lines with the user's marks, then the children and people added here. */
export function sheetRows(sheet: Attendance, edits: SheetEdits): SheetRow[] {
  const rows: SheetRow[] = sheet.lines
    .filter((l) => !(l.id && !l.childId && edits.removed.includes(l.id)))
    .map((l) => {
      const key = lineKey(l);
      return { ...l, key, present: edits.marks[key] ?? l.present, pending: false };
    });
  const onSheet = new Set(rows.map((r) => r.key));
  for (const c of edits.children) {
    const key = `c:${c.childId}`;
    if (onSheet.has(key)) continue;
    onSheet.add(key);
    rows.push({
      key,
      id: null,
      childId: c.childId,
      name: c.name,
      className: c.className,
      kind: 'child',
      adultRole: null,
      leftBehind: false,
      keySupport: false,
      appliedAt: null,
      rank: null,
      offered: true,
      present: edits.marks[key] ?? false,
      pending: true,
    });
  }
  for (const p of edits.people)
    rows.push({
      key: p.key,
      id: null,
      childId: null,
      name: p.name,
      className: p.className,
      kind: p.kind,
      adultRole: p.adultRole,
      leftBehind: false,
      keySupport: false,
      appliedAt: null,
      rank: null,
      offered: true,
      present: edits.marks[p.key] ?? false,
      pending: true,
    });
  return rows;
}

/** Whether anything is waiting to be saved. */
export function isDirty(sheet: Attendance, edits: SheetEdits): boolean {
  if (edits.children.length || edits.people.length || edits.removed.length) return true;
  const loaded = new Map(sheet.lines.map((l) => [lineKey(l), l.present]));
  return Object.entries(edits.marks).some(([k, v]) => loaded.get(k) !== v);
}

/**
 * The PUT body. Children: every child on the sheet, so that those absent are recorded too (the
 * activity's "present/children" counts stored lines); for a class teacher only the children of its
 * own classes (`own`), as the server refuses the rest. Others (mode 'all' only): every person added
 * by name who stays on the sheet — the server deletes those left out, including other pupils who
 * applied for a place.
 */
export function attendancePayload(
  sheet: Attendance,
  edits: SheetEdits,
  mode: 'all' | 'own_classes',
  own: (className: string | null) => boolean = () => true,
): AttendanceUpdate {
  const rows = sheetRows(sheet, edits);
  const children = rows.filter((r) => r.childId && (mode === 'all' || own(r.className))).map((r) => ({ childId: r.childId as string, present: r.present }));
  const others =
    mode === 'all'
      ? rows
          .filter((r) => !r.childId)
          .map((r) => ({
            ...(r.id ? { id: r.id } : {}),
            name: r.name,
            kind: r.kind === 'adult' ? ('adult' as const) : ('pupil' as const),
            adultRole: r.kind === 'adult' ? (r.adultRole ?? 'other') : null,
            className: r.kind === 'adult' ? null : r.className,
            present: r.present,
          }))
      : [];
  return { children, others, version: sheet.version };
}

/**
 * Present and expected among the children and pupils, and present adults, as the server counts the
 * activity: one left on the waiting list is not expected (nor absent) unless marked present.
 */
export function sheetCounts(rows: readonly SheetRow[]) {
  const pupils = rows.filter((r) => r.kind !== 'adult' && (r.offered || r.present));
  return { present: pupils.filter((r) => r.present).length, total: pupils.length, adults: rows.filter((r) => r.kind === 'adult' && r.present).length };
}

/**
 * Whether saving the sheet made a planned activity held, as the server answered: the status the sheet
 * was read at (the save is refused unless the activity is still at that version) against the status
 * after it. Not judged from the lines: a class teacher sees only hers, and names ticked before the
 * activity has begun do not make it held.
 */
export const heldBySaving = (before: Pick<Attendance, 'status'>, after: Pick<Attendance, 'status'>) => before.status === 'planned' && after.status === 'done';
