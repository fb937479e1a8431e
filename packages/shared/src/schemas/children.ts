import { z } from 'zod';
import {
  AGE_BANDS,
  BOARDING,
  CHILD_STATUS,
  CUSTODY_QUALITY,
  DIFFICULTY,
  DIMENSION_LEVELS,
  DIMENSIONS,
  GENDERS,
  GUARDIAN_RELATIONS,
  LEFT_BEHIND_TYPES,
} from '../children/codes.ts';
import { CHILD_FIELD_KEYS, CHILD_FIELD_META, CHILD_FIELDS, type ChildFieldKey } from '../children/fields.ts';
import { Id, Page, Version } from './common.ts';

/**
 * A new archive: name, gender, birth date and school are required; everything else may be filled later.
 * One that looks like an archive already kept (same name and birth date in the county) is refused with
 * 409 `possible_duplicate` unless `confirmDuplicate` says the caller checked it is another child.
 */
export const ChildCreate = z.object({
  ...CHILD_FIELDS,
  confirmDuplicate: z.boolean().optional().describe('Create even though an archive with the same name and birth date exists (409 possible_duplicate).'),
});
export type ChildCreate = z.output<typeof ChildCreate>;

const { schoolId: _school, ...editable } = CHILD_FIELDS;
/** A partial edit; moving school is a transfer, not an edit. */
export const ChildUpdate = z.object(editable).partial().extend({ version: Version });
export type ChildUpdate = z.output<typeof ChildUpdate>;

/** Every archive field as stored: unknown values are null, lists are arrays. */
export type ChildValues = { [K in ChildFieldKey]-?: Exclude<z.output<(typeof CHILD_FIELDS)[K]>, undefined> | null };

const outputOf = (key: ChildFieldKey): z.ZodTypeAny => {
  const kind = CHILD_FIELD_META[key].kind;
  if (kind === 'bool') return z.boolean().nullable();
  if (kind === 'int') return z.number().nullable();
  if (kind === 'multi') return z.array(z.string());
  return z.string().nullable();
};
const valuesShape = Object.fromEntries(CHILD_FIELD_KEYS.map((k) => [k, outputOf(k)])) as Record<ChildFieldKey, z.ZodTypeAny>;

export const ThreeClearView = z.object({ child: z.boolean(), parents: z.boolean(), guardian: z.boolean(), complete: z.boolean() });

/** Flags computed from the facts, never typed. */
export const ChildDerived = z.object({
  age: z.number().int(),
  ageBand: z.enum(AGE_BANDS).nullable(),
  leftBehindType: z.enum(LEFT_BEHIND_TYPES),
  xuejiCode: z.number().int(),
  narrow: z.boolean(),
  difficulty: z.array(z.enum(DIFFICULTY)),
  threeClear: ThreeClearView,
});
export type ChildDerived = z.infer<typeof ChildDerived>;

const ChildMeta = {
  id: Id,
  status: z.enum(CHILD_STATUS),
  statusNote: z.string().nullable(),
  schoolName: z.string(),
  className: z.string().nullable(),
  grade: z.number().int().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

const ChildShape = z.object({
  ...valuesShape,
  ...ChildMeta,
  derived: ChildDerived,
  revealed: z.object({ idNumbers: z.boolean(), phones: z.boolean() }),
  canEdit: z.boolean(),
  canTransfer: z.boolean(),
  /** May set the psychology level alone (`PATCH /children/:id/psychology`): the archive's keepers and the school's counsellors. */
  canSetPsychology: z.boolean(),
});
/** The full archive. `revealed` says whether ID and phone numbers are shown in full to this caller. */
export const Child = ChildShape as unknown as z.ZodType<Child>;
export type Child = ChildValues & {
  id: string;
  status: (typeof CHILD_STATUS)[number];
  statusNote: string | null;
  schoolName: string;
  className: string | null;
  grade: number | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  derived: ChildDerived;
  revealed: { idNumbers: boolean; phones: boolean };
  canEdit: boolean;
  canTransfer: boolean;
  canSetPsychology: boolean;
};

/**
 * The counsellor's psychological risk flag: the child's 心理状况 alone (null: not assessed). Strict, so
 * that no other archive field rides along with it.
 */
export const ChildPsychology = z.strictObject({ psychologyLevel: z.enum(DIMENSION_LEVELS).nullable(), version: Version });
export type ChildPsychology = z.infer<typeof ChildPsychology>;

/** The child's mentor now (帮扶教师) on the contact card; the phone masked as the card's other phones are. */
export const PrintMentor = z.object({ name: z.string(), phone: z.string().nullable() });
export type PrintMentor = z.infer<typeof PrintMentor>;
/**
 * An archive as printed: the full archive, its active pairing's mentor (null when unpaired) and its
 * class's head teacher (null without one), each with the phone the card's emergency contacts give.
 */
export const PrintChild = ChildShape.extend({ mentor: PrintMentor.nullable(), classTeacher: PrintMentor.nullable() }) as unknown as z.ZodType<PrintChild>;
export type PrintChild = Child & { mentor: PrintMentor | null; classTeacher: PrintMentor | null };

/**
 * What saving a new archive may warn of without refusing: another archive with the same name and birth
 * date in the school or county (entered without an ID number, or with a typo in it). The other
 * archive's id, school and class are named only when the caller may see that archive.
 */
export const ChildWarning = z.object({
  code: z.literal('possible_duplicate'),
  childId: Id.nullable(),
  schoolName: z.string().nullable(),
  className: z.string().nullable(),
  sameSchool: z.boolean(),
  message: z.string(),
});
export type ChildWarning = z.infer<typeof ChildWarning>;
/** The 409 refusing a new archive that looks like one already kept: the envelope and the archives it may repeat. */
export const ChildDuplicateRefusal = z.object({ error: z.literal('possible_duplicate'), message: z.string(), duplicates: z.array(ChildWarning) });
export type ChildDuplicateRefusal = z.infer<typeof ChildDuplicateRefusal>;
/** The answer to creating an archive: the archive, and `warnings` (empty when nothing looks amiss). */
export const ChildCreated = ChildShape.extend({ warnings: z.array(ChildWarning) }) as unknown as z.ZodType<ChildCreated>;
export type ChildCreated = Child & { warnings: ChildWarning[] };

/** A row of the child list (phones and ID numbers masked for every role). */
export const ChildSummary = z.object({
  id: Id,
  name: z.string(),
  gender: z.string(),
  birthDate: z.string(),
  idNumber: z.string().nullable(),
  schoolId: Id,
  schoolName: z.string(),
  classId: Id.nullable(),
  className: z.string().nullable(),
  grade: z.number().int().nullable(),
  guardianRelation: z.string().nullable(),
  guardianName: z.string().nullable(),
  guardianPhone: z.string().nullable(),
  boarding: z.string().nullable(),
  custodyQuality: z.string().nullable(),
  keySupport: z.boolean(),
  levels: z.record(z.string(), z.string().nullable()),
  status: z.enum(CHILD_STATUS),
  derived: ChildDerived,
  updatedAt: z.string(),
});
export type ChildSummary = z.infer<typeof ChildSummary>;

/** One child's guardian phone in full, for a call without opening the archive (each reveal is audited). */
export const ChildContact = z.object({ childId: Id, guardianPhone: z.string().nullable() });
export type ChildContact = z.infer<typeof ChildContact>;

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
export const CHILD_SORTS = ['name', 'birthDate', 'class', 'updatedAt'] as const;

/** Filters of the child list; dimension filters are `<dimension>Level`. */
export const ChildQuery = z.object({
  /** Comma-separated ids: summaries of these children (no full view, no audit row). */
  ids: z.string().max(4000).optional(),
  schoolId: Id.optional(),
  regionId: Id.optional(),
  grade: z.coerce.number().int().min(0).max(12).optional(),
  classId: Id.optional(),
  leftBehindType: z.enum(LEFT_BEHIND_TYPES).optional(),
  xuejiCode: z.coerce.number().int().min(0).max(2).optional(),
  narrow: bool.optional(),
  difficulty: z.enum(DIFFICULTY).optional(),
  ageBand: z.enum(AGE_BANDS).optional(),
  guardianRelation: z.enum(GUARDIAN_RELATIONS).optional(),
  boarding: z.enum(BOARDING).optional(),
  custodyQuality: z.enum(CUSTODY_QUALITY).optional(),
  keySupport: bool.optional(),
  threeClear: bool.optional(),
  gender: z.enum(GENDERS).optional(),
  riskLevel: z.enum(['low', 'medium', 'high']).optional(),
  status: z.enum([...CHILD_STATUS, 'all']).default('active'),
  ...(Object.fromEntries(DIMENSIONS.map((d) => [`${d}Level`, z.enum(DIMENSION_LEVELS).optional()])) as Record<
    `${(typeof DIMENSIONS)[number]}Level`,
    z.ZodOptional<z.ZodEnum<{ [K in (typeof DIMENSION_LEVELS)[number]]: K }>>
  >),
  q: z.string().trim().max(40).optional(),
  sort: z.enum(CHILD_SORTS).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** With the first page (no cursor): how many children match in all, as `total` (共 N 名). */
  total: bool.optional(),
});
/**
 * A page of the child list; `total` with the first page when asked (`?total=true`): how many match, up
 * to 10,000; past that `total` is 10,000 and `totalCapped` true ("more than 10,000").
 */
/** A page of child summaries (a list, a drill-down, a picker's search). */
export const ChildPage = Page(ChildSummary);
export const ChildListPage = ChildPage.extend({ total: z.number().int().optional(), totalCapped: z.literal(true).optional() });
export type ChildListPage = z.infer<typeof ChildListPage>;

export type ChildQuery = z.infer<typeof ChildQuery>;

export const ChildHistoryChange = z.object({ field: z.string(), old: z.unknown(), new: z.unknown() });
export const ChildHistoryEntry = z.object({
  id: Id,
  at: z.string(),
  userName: z.string().nullable(),
  action: z.string(),
  note: z.string().nullable(),
  changes: z.array(ChildHistoryChange),
});
export type ChildHistoryEntry = z.infer<typeof ChildHistoryEntry>;

/** Lifecycle change other than transfer: parents returned, left school, back to active. */
export const ChildStatusChange = z.object({
  status: z.enum(['active', 'returned', 'left']),
  note: z.string().trim().max(200).optional(),
  version: Version,
});
export type ChildStatusChange = z.infer<typeof ChildStatusChange>;

/** Move a child (and its history) to another school; the old school loses access. */
export const ChildTransfer = z.object({
  schoolId: Id,
  classId: Id.nullable().optional(),
  note: z.string().trim().max(200).optional(),
  version: Version,
});
export type ChildTransfer = z.infer<typeof ChildTransfer>;

/** PIPL deletion on request: an administrator, a reason; personal data is really removed. */
export const ChildErase = z.object({ reason: z.string().trim().min(2, { message: 'validation.required' }).max(200) });
export type ChildErase = z.infer<typeof ChildErase>;

export const TransferTarget = z.object({ id: Id, name: z.string(), regionName: z.string().nullable() });

// ---- Roster import ----

export const ImportRowError = z.object({ column: z.string(), message: z.string() });
export const IMPORT_ROW_STATUS = ['create', 'update', 'unchanged', 'error'] as const;
export const ImportRow = z.object({
  row: z.number().int(),
  status: z.enum(IMPORT_ROW_STATUS),
  name: z.string().nullable(),
  childId: Id.nullable(),
  changed: z.array(z.string()),
  errors: z.array(ImportRowError),
});
export type ImportRow = z.infer<typeof ImportRow>;
export const ImportPreview = z.object({
  importId: Id,
  fileName: z.string(),
  sheet: z.string(),
  headerRow: z.number().int(),
  /**
   * The file's headers and the field each is read as; `renamed` when the header calls it by another
   * name (学生姓名 → 姓名), not when it is the field's own name with the required mark or other-width
   * punctuation (姓名*, 生活说明(…)). Absent from previews stored before it was added.
   */
  columns: z.array(z.object({ header: z.string(), field: z.string().nullable(), renamed: z.boolean().optional() })),
  summary: z.object({ create: z.number().int(), update: z.number().int(), unchanged: z.number().int(), error: z.number().int() }),
  rows: z.array(ImportRow),
  expiresAt: z.string(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;
export const ImportCommit = z.object({ skipInvalid: z.boolean().optional() });
export const ImportResult = z.object({ created: z.number().int(), updated: z.number().int() });
export type ImportResult = z.infer<typeof ImportResult>;

export const ROSTER_LAYOUTS = ['school', 'official'] as const;
export const RosterExportQuery = z.object({
  schoolId: Id.optional(),
  regionId: Id.optional(),
  classId: Id.optional(),
  termId: Id.optional(),
  layout: z.enum(ROSTER_LAYOUTS).default('school'),
});
export type RosterExportQuery = z.infer<typeof RosterExportQuery>;
