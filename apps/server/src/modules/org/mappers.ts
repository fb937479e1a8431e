import { type Row, toBool } from '@carebridge/db';
import { type Region, type School, type SchoolClass, type SchoolKind, termName as sharedTermName, type Term, translate } from '@carebridge/shared';

export const regionView = (r: Row<'regions'>): Region => ({
  id: r.id,
  parentId: r.parent_id,
  level: r.level as Region['level'],
  name: r.name,
  code: r.code,
  path: r.path,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const schoolView = (s: Row<'schools'> & { region_name?: string | null }): School => ({
  id: s.id,
  regionId: s.region_id,
  regionName: s.region_name ?? null,
  name: s.name,
  code: s.code,
  kind: s.kind as SchoolKind,
  address: s.address,
  phone: s.phone,
  mentorLimit: s.mentor_limit,
  recordEditDays: s.record_edit_days,
  version: s.version,
  createdAt: s.created_at,
  updatedAt: s.updated_at,
});

/** The term's one name (the shared `termName`: "2026-2027 第一学期（秋季）"), as rosters, exports and notifications give it. */
export function termName(academicYear: string, semester: number, lang: 'zh-CN' | 'en-US' = 'zh-CN'): string {
  return sharedTermName(lang, academicYear, semester);
}

/**
 * A term a message points to, with its dates after its name (which ends in a bracket of its own):
 * "2026-2027 第一学期（秋季），2026-09-01 至 2027-01-20".
 */
export function termWithDates(t: Pick<Row<'terms'>, 'academic_year' | 'semester' | 'start_date' | 'end_date'>, lang: 'zh-CN' | 'en-US' = 'zh-CN'): string {
  return translate(lang, 'validation.term_with_dates', { term: termName(t.academic_year, t.semester, lang), start: t.start_date, end: t.end_date });
}

export const termView = (t: Row<'terms'>, lang: 'zh-CN' | 'en-US' = 'zh-CN'): Term => ({
  id: t.id,
  schoolId: t.school_id,
  academicYear: t.academic_year,
  semester: t.semester === 2 ? 2 : 1,
  name: termName(t.academic_year, t.semester, lang),
  startDate: t.start_date,
  endDate: t.end_date,
  version: t.version,
  createdAt: t.created_at,
  updatedAt: t.updated_at,
});

export const classView = (c: Row<'classes'> & { head_teacher_name?: string | null }): SchoolClass => ({
  id: c.id,
  schoolId: c.school_id,
  grade: c.grade,
  name: c.name,
  headTeacherId: c.head_teacher_id,
  headTeacherName: c.head_teacher_name ?? null,
  pupilCount: c.pupil_count,
  active: toBool(c.active),
  version: c.version,
  createdAt: c.created_at,
  updatedAt: c.updated_at,
});
