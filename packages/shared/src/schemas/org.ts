import { z } from 'zod';
import { GRADE_MAX, GRADE_MIN, LEADERSHIP_POSITIONS, OFFICES, REGION_LEVELS, SCHOOL_KINDS } from '../roles.ts';
import { Id, IsoDate, Name, OptionalText, Phone, Version } from './common.ts';

const Timestamps = { createdAt: z.string(), updatedAt: z.string() };

export const Region = z.object({
  id: Id,
  parentId: Id.nullable(),
  level: z.enum(REGION_LEVELS),
  name: z.string(),
  code: z.string().nullable(),
  path: z.string(),
  version: z.number().int(),
  ...Timestamps,
});
export type Region = z.infer<typeof Region>;
export const RegionCreate = z.object({
  parentId: Id.nullable().optional(),
  level: z.enum(REGION_LEVELS),
  name: Name(50),
  code: OptionalText(20),
});
export type RegionCreate = z.infer<typeof RegionCreate>;
export const RegionUpdate = z.object({ name: Name(50).optional(), code: OptionalText(20), version: Version });
export type RegionUpdate = z.infer<typeof RegionUpdate>;

export const School = z.object({
  id: Id,
  regionId: Id,
  regionName: z.string().nullable(),
  name: z.string(),
  code: z.string().nullable(),
  kind: z.enum(SCHOOL_KINDS),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  /** Children one mentor takes before pairing warns. */
  mentorLimit: z.number().int(),
  /** Days an author may still edit or delete a care record. */
  recordEditDays: z.number().int(),
  version: z.number().int(),
  ...Timestamps,
});
export type School = z.infer<typeof School>;
export const SchoolCreate = z.object({
  regionId: Id,
  name: Name(80),
  code: OptionalText(20),
  kind: z.enum(SCHOOL_KINDS),
  address: OptionalText(200),
  phone: Phone.optional()
    .nullable()
    .or(z.literal('').transform(() => null)),
  mentorLimit: z.number().int().min(1).max(20).optional(),
  recordEditDays: z.number().int().min(0).max(365).optional(),
});
export type SchoolCreate = z.infer<typeof SchoolCreate>;
export const SchoolUpdate = SchoolCreate.omit({ regionId: true }).partial().extend({ version: Version });
export type SchoolUpdate = z.infer<typeof SchoolUpdate>;

const AcademicYear = z
  .string()
  .regex(/^\d{4}-\d{4}$/, { message: 'validation.academic_year' })
  .refine((v) => Number(v.slice(5)) === Number(v.slice(0, 4)) + 1, { message: 'validation.academic_year' });

export const Term = z.object({
  id: Id,
  schoolId: Id,
  academicYear: z.string(),
  semester: z.union([z.literal(1), z.literal(2)]),
  name: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  version: z.number().int(),
  ...Timestamps,
});
export type Term = z.infer<typeof Term>;
const TermFields = z.object({
  schoolId: Id,
  academicYear: AcademicYear,
  semester: z.union([z.literal(1), z.literal(2)]),
  startDate: IsoDate,
  endDate: IsoDate,
});
const datesInOrder = (t: { startDate?: string | undefined; endDate?: string | undefined }) => !t.startDate || !t.endDate || t.startDate <= t.endDate;
export const TermCreate = TermFields.refine(datesInOrder, { message: 'validation.date_order', path: ['endDate'] });
export type TermCreate = z.infer<typeof TermCreate>;
/** One term for every school of a region at once (a county's calendar): the dates of TermCreate, a region instead of a school. */
export const RegionTermCreate = TermFields.omit({ schoolId: true })
  .extend({ regionId: Id })
  .refine(datesInOrder, { message: 'validation.date_order', path: ['endDate'] });
export type RegionTermCreate = z.infer<typeof RegionTermCreate>;
/** What a region's term did in each school: created, or left as it was with the reason (it has that term already, or its dates clash). */
export const RegionTermResult = z.object({
  created: z.array(z.object({ schoolId: Id, schoolName: z.string(), termId: Id })),
  skipped: z.array(z.object({ schoolId: Id, schoolName: z.string(), reason: z.string() })),
});
export type RegionTermResult = z.infer<typeof RegionTermResult>;
export const TermUpdate = TermFields.omit({ schoolId: true })
  .partial()
  .extend({ version: Version })
  .refine(datesInOrder, { message: 'validation.date_order', path: ['endDate'] });
export type TermUpdate = z.infer<typeof TermUpdate>;

export const SchoolClass = z.object({
  id: Id,
  schoolId: Id,
  grade: z.number().int(),
  name: z.string(),
  headTeacherId: Id.nullable(),
  headTeacherName: z.string().nullable(),
  pupilCount: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
  ...Timestamps,
});
export type SchoolClass = z.infer<typeof SchoolClass>;

/**
 * 我的班级: a class teacher's class at a glance (workbench): its left-behind children on the roll,
 * how many archives still lack one of the 三个清楚, how many children have no mentor, how many were
 * talked with this month, and this term's class roster (null: no term runs today).
 */
export const MyClass = z.object({
  id: Id,
  name: z.string(),
  schoolId: Id,
  schoolName: z.string(),
  pupilCount: z.number().int(),
  children: z.number().int(),
  incomplete: z.number().int(),
  unpaired: z.number().int(),
  talkedThisMonth: z.number().int(),
  term: z.object({ id: Id, name: z.string() }).nullable(),
  roster: z.enum(['none', 'draft', 'submitted', 'returned', 'approved']).nullable(),
});
export type MyClass = z.infer<typeof MyClass>;
const PupilCount = z
  .number({ message: 'validation.pupil_count' })
  .int({ message: 'validation.pupil_count' })
  .min(0, { message: 'validation.pupil_count' })
  .max(200, { message: 'validation.pupil_count' });
export const ClassCreate = z.object({
  schoolId: Id,
  grade: z.number().int().min(GRADE_MIN).max(GRADE_MAX),
  name: Name(30),
  headTeacherId: Id.nullable().optional(),
  pupilCount: PupilCount,
});
export type ClassCreate = z.infer<typeof ClassCreate>;
export const ClassUpdate = ClassCreate.omit({ schoolId: true }).partial().extend({ active: z.boolean().optional(), version: Version });
export type ClassUpdate = z.infer<typeof ClassUpdate>;

export const LeadershipMember = z.object({
  id: Id,
  schoolId: Id,
  userId: Id.nullable(),
  name: z.string(),
  position: z.enum(LEADERSHIP_POSITIONS),
  title: z.string().nullable(),
  sortOrder: z.number().int(),
  version: z.number().int(),
});
export type LeadershipMember = z.infer<typeof LeadershipMember>;
export const LeadershipMemberCreate = z.object({
  userId: Id.nullable().optional(),
  name: Name(50).optional(),
  position: z.enum(LEADERSHIP_POSITIONS),
  title: OptionalText(50),
  sortOrder: z.number().int().min(0).max(999).optional(),
});
export type LeadershipMemberCreate = z.infer<typeof LeadershipMemberCreate>;
export const LeadershipMemberUpdate = LeadershipMemberCreate.partial().extend({ version: Version });
export type LeadershipMemberUpdate = z.infer<typeof LeadershipMemberUpdate>;

export const Duty = z.object({
  id: Id,
  schoolId: Id,
  office: z.enum(OFFICES),
  duty: z.string(),
  userId: Id.nullable(),
  userName: z.string().nullable(),
  sortOrder: z.number().int(),
  version: z.number().int(),
});
export type Duty = z.infer<typeof Duty>;
export const DutyCreate = z.object({
  office: z.enum(OFFICES),
  duty: Name(200),
  userId: Id.nullable().optional(),
  sortOrder: z.number().int().min(0).max(999).optional(),
});
export type DutyCreate = z.infer<typeof DutyCreate>;
export const DutyUpdate = DutyCreate.partial().extend({ version: Version });
export type DutyUpdate = z.infer<typeof DutyUpdate>;

export const CareOrganisation = z.object({ members: z.array(LeadershipMember), duties: z.array(Duty) });
export type CareOrganisation = z.infer<typeof CareOrganisation>;
