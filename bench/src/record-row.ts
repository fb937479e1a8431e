/** A care record's row as the benchmarks write it straight into `care_records` (no service). */
export function careRecordRow(r: {
  id: string;
  schoolId: string;
  kind: string;
  date: string;
  authorId: string | null;
  authorName: string | null;
  summary: string;
  details: string | null;
  ts: string;
}) {
  return {
    id: r.id,
    school_id: r.schoolId,
    kind: r.kind,
    date: r.date,
    author_id: r.authorId,
    author_name: r.authorName,
    participants: null,
    summary: r.summary,
    details: r.details,
    confidential: 0,
    follow_up_needed: 0,
    follow_up_date: null,
    follow_up_done: 0,
    deleted_at: null,
    deleted_by: null,
    version: 1,
    created_at: r.ts,
    updated_at: r.ts,
  };
}
