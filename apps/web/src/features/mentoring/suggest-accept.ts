import type { FieldError, PairingBatch } from '@carebridge/shared';

/** A suggestion row as the drawer holds it: the child and the mentor it has now (perhaps changed by the leader). */
export interface AcceptRow {
  childId: string;
  childName: string;
  mentorId: string;
}

/** The ticked rows as one all-or-nothing request, in the table's order (so `pairs.<i>` in an answer is the i-th ticked row). */
export function acceptBody(schoolId: string, rows: readonly AcceptRow[], selected: readonly string[], startDate: string, termId?: string | null): PairingBatch {
  const ticked = new Set(selected);
  return {
    schoolId,
    startDate,
    termId: termId ?? null,
    pairs: rows.filter((r) => ticked.has(r.childId)).map((r) => ({ childId: r.childId, mentorId: r.mentorId })),
  };
}

/**
 * The refused pairs of an answer (`fields` with `pairs.<i>.…`) as the rows they came from: the child's
 * id (to mark its row) and "name: why". Errors naming no pair are left out (the caller shows the message).
 */
export function refusedRows(body: PairingBatch, rows: readonly AcceptRow[], fields: readonly FieldError[], colon: string): { childId: string; text: string }[] {
  const names = new Map(rows.map((r) => [r.childId, r.childName]));
  const out: { childId: string; text: string }[] = [];
  for (const f of fields) {
    const m = /^pairs\.(\d+)\./.exec(f.path);
    const pair = m ? body.pairs[Number(m[1])] : undefined;
    if (!pair) continue;
    out.push({ childId: pair.childId, text: `${names.get(pair.childId) ?? ''}${colon}${f.message}` });
  }
  return out;
}

/**
 * What the drawer shows when an accept is refused: the refused rows, each naming its child (under
 * "these suggestions cannot be saved"), or — when the answer names no pair (a term not of the
 * school, a network failure) — its own message as the title.
 */
export function acceptError(
  body: PairingBatch,
  rows: readonly AcceptRow[],
  err: { message: string; fields?: readonly FieldError[] },
  colon: string,
): { title: string | null; refused: { childId: string; text: string }[] } {
  const refused = refusedRows(body, rows, err.fields ?? [], colon);
  return refused.length ? { title: null, refused } : { title: err.message, refused: [] };
}
