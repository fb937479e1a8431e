import { z } from 'zod';
import { Id, IsoDate, Name, Phone } from '../schemas/common.ts';
import { isIdNumber } from '../validators.ts';
import {
  ASSISTANCE,
  BOARDING,
  CODE_LISTS,
  type CodeListName,
  CUSTODY_QUALITY,
  DIMENSION_LEVELS,
  DISABILITY_CATEGORIES,
  DISABILITY_GRADES,
  EDUCATION,
  GENDERS,
  GUARDIAN_HEALTH,
  GUARDIAN_RELATIONS,
  HEALTH,
  HOME_FREQUENCY,
  INCOME_SOURCES,
  PARENT_STATUS,
  SCHOOLING,
} from './codes.ts';

/** Empty strings from forms and spreadsheets mean "not known". */
const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);
/**
 * An optional field. `.optional()` is outermost so that an absent key is passed over without running
 * the blank-to-null step (an archive has ≈ 85 fields; a 10,000-row import checks each row against all).
 */
const opt = <T extends z.ZodTypeAny>(s: T) => z.preprocess(blankToNull, s.nullable()).optional();
const text = (max: number) => opt(z.string().trim().max(max));
const date = () => opt(IsoDate);
const phone = () => opt(Phone);
const idNumber = () => opt(z.string().trim().toUpperCase().refine(isIdNumber, { message: 'validation.id_number' }));
const oneOf = <T extends readonly [string, ...string[]]>(values: T) => opt(z.enum(values));
const flag = () => z.boolean().nullable().optional();
const many = <T extends readonly [string, ...string[]]>(values: T) => z.array(z.enum(values)).max(values.length).optional();

const parent = (p: 'father' | 'mother') =>
  ({
    [`${p}Name`]: text(30),
    [`${p}BirthDate`]: date(),
    [`${p}IdNumber`]: idNumber(),
    [`${p}Phone`]: phone(),
    [`${p}Status`]: oneOf(PARENT_STATUS),
    [`${p}WorkProvince`]: text(20),
    [`${p}WorkCity`]: text(30),
    [`${p}WorkAddress`]: text(100),
    [`${p}Employer`]: text(60),
    [`${p}AwaySince`]: date(),
    [`${p}HomeFrequency`]: oneOf(HOME_FREQUENCY),
  }) as ParentShape<typeof p>;

type ParentShape<P extends string> = {
  [K in `${P}Name` | `${P}WorkProvince` | `${P}WorkCity` | `${P}WorkAddress` | `${P}Employer`]: ReturnType<typeof text>;
} & { [K in `${P}BirthDate` | `${P}AwaySince`]: ReturnType<typeof date> } & { [K in `${P}IdNumber`]: ReturnType<typeof idNumber> } & {
  [K in `${P}Phone`]: ReturnType<typeof phone>;
} & { [K in `${P}Status`]: ReturnType<typeof oneOf<typeof PARENT_STATUS>> } & {
  [K in `${P}HomeFrequency`]: ReturnType<typeof oneOf<typeof HOME_FREQUENCY>>;
};

const level = () => oneOf(DIMENSION_LEVELS);
const note = () => text(500);

/**
 * Every field of a child's archive a user types, flat so that forms, history ("field: old → new"),
 * the Excel template and the export all speak of the same names. The database column is the
 * snake_case of the key. Cross-field rules are in `checkChild`.
 */
export const CHILD_FIELDS = {
  name: Name(30),
  // A missing gender reads "required", not "invalid option".
  gender: z.enum(GENDERS, { error: (iss) => (iss.input === undefined ? 'validation.required' : undefined) }),
  ethnicity: text(20),
  birthDate: IsoDate,
  idNumber: idNumber(),
  hukouRegistered: flag(),
  hukouRural: flag(),
  hukouPlace: text(100),
  address: text(100),
  schoolId: Id,
  classId: opt(Id),
  schooling: oneOf(SCHOOLING),
  health: oneOf(HEALTH),
  disabilityCategory: oneOf(DISABILITY_CATEGORIES),
  disabilityGrade: oneOf(DISABILITY_GRADES),
  illness: text(60),
  boarding: oneOf(BOARDING),
  hostName: text(30),
  hostPhone: phone(),
  hostAddress: text(100),
  ...parent('father'),
  ...parent('mother'),
  leftBehindReason: text(200),
  paternalGrandfatherName: text(30),
  paternalGrandfatherBirthDate: date(),
  paternalGrandmotherName: text(30),
  paternalGrandmotherBirthDate: date(),
  maternalGrandfatherName: text(30),
  maternalGrandfatherBirthDate: date(),
  maternalGrandmotherName: text(30),
  maternalGrandmotherBirthDate: date(),
  guardianRelation: oneOf(GUARDIAN_RELATIONS),
  guardianName: text(30),
  guardianPhone: phone(),
  guardianIdNumber: idNumber(),
  guardianAge: opt(z.coerce.number().int().min(14).max(110)),
  guardianHealth: oneOf(GUARDIAN_HEALTH),
  guardianEducation: oneOf(EDUCATION),
  guardianAddress: text(100),
  guardianEntrusted: flag(),
  custodyQuality: oneOf(CUSTODY_QUALITY),
  incomeSources: many(INCOME_SOURCES),
  assistance: many(ASSISTANCE),
  studyLevel: level(),
  studyNote: note(),
  psychologyLevel: level(),
  psychologyNote: note(),
  safetyLevel: level(),
  safetyNote: note(),
  conductLevel: level(),
  conductNote: note(),
  lifeLevel: level(),
  lifeNote: note(),
  keySupport: flag(),
  keySupportReason: text(200),
  remarks: text(500),
};
export type ChildFieldKey = keyof typeof CHILD_FIELDS;

export type FieldKind = 'text' | 'date' | 'enum' | 'bool' | 'int' | 'multi' | 'id_number' | 'phone' | 'ref';
export type FieldGroup = 'child' | 'school' | 'health' | 'boarding' | 'father' | 'mother' | 'family' | 'guardian' | 'economy' | 'state';

export interface FieldMeta {
  kind: FieldKind;
  group: FieldGroup;
  /** For enum and multi fields: the code list of values. */
  codes?: CodeListName;
  /** Masked in lists and exports unless the caller's role needs it. */
  sensitive?: 'id' | 'phone';
}

const m = (kind: FieldKind, group: FieldGroup, extra: Partial<FieldMeta> = {}): FieldMeta => ({ kind, group, ...extra });
const parentMeta = (g: 'father' | 'mother'): Record<string, FieldMeta> => ({
  [`${g}Name`]: m('text', g),
  [`${g}BirthDate`]: m('date', g),
  [`${g}IdNumber`]: m('id_number', g, { sensitive: 'id' }),
  [`${g}Phone`]: m('phone', g, { sensitive: 'phone' }),
  [`${g}Status`]: m('enum', g, { codes: 'parentStatus' }),
  [`${g}WorkProvince`]: m('text', g),
  [`${g}WorkCity`]: m('text', g),
  [`${g}WorkAddress`]: m('text', g),
  [`${g}Employer`]: m('text', g),
  [`${g}AwaySince`]: m('date', g),
  [`${g}HomeFrequency`]: m('enum', g, { codes: 'homeFrequency' }),
});
const dim = (d: string): Record<string, FieldMeta> => ({
  [`${d}Level`]: m('enum', 'state', { codes: 'dimensionLevel' }),
  [`${d}Note`]: m('text', 'state'),
});

/** How each field is typed, grouped and protected; keyed exactly like CHILD_FIELDS (the type checks it). */
export const CHILD_FIELD_META = {
  name: m('text', 'child'),
  gender: m('enum', 'child', { codes: 'gender' }),
  ethnicity: m('text', 'child'),
  birthDate: m('date', 'child'),
  idNumber: m('id_number', 'child', { sensitive: 'id' }),
  hukouRegistered: m('bool', 'child'),
  hukouRural: m('bool', 'child'),
  hukouPlace: m('text', 'child'),
  address: m('text', 'child'),
  schoolId: m('ref', 'school'),
  classId: m('ref', 'school'),
  schooling: m('enum', 'school', { codes: 'schooling' }),
  health: m('enum', 'health', { codes: 'health' }),
  disabilityCategory: m('enum', 'health', { codes: 'disabilityCategory' }),
  disabilityGrade: m('enum', 'health', { codes: 'disabilityGrade' }),
  illness: m('text', 'health'),
  boarding: m('enum', 'boarding', { codes: 'boarding' }),
  hostName: m('text', 'boarding'),
  hostPhone: m('phone', 'boarding', { sensitive: 'phone' }),
  hostAddress: m('text', 'boarding'),
  ...parentMeta('father'),
  ...parentMeta('mother'),
  leftBehindReason: m('text', 'family'),
  paternalGrandfatherName: m('text', 'family'),
  paternalGrandfatherBirthDate: m('date', 'family'),
  paternalGrandmotherName: m('text', 'family'),
  paternalGrandmotherBirthDate: m('date', 'family'),
  maternalGrandfatherName: m('text', 'family'),
  maternalGrandfatherBirthDate: m('date', 'family'),
  maternalGrandmotherName: m('text', 'family'),
  maternalGrandmotherBirthDate: m('date', 'family'),
  guardianRelation: m('enum', 'guardian', { codes: 'guardianRelation' }),
  guardianName: m('text', 'guardian'),
  guardianPhone: m('phone', 'guardian', { sensitive: 'phone' }),
  guardianIdNumber: m('id_number', 'guardian', { sensitive: 'id' }),
  guardianAge: m('int', 'guardian'),
  guardianHealth: m('enum', 'guardian', { codes: 'guardianHealth' }),
  guardianEducation: m('enum', 'guardian', { codes: 'education' }),
  guardianAddress: m('text', 'guardian'),
  guardianEntrusted: m('bool', 'guardian'),
  custodyQuality: m('enum', 'guardian', { codes: 'custodyQuality' }),
  incomeSources: m('multi', 'economy', { codes: 'incomeSource' }),
  assistance: m('multi', 'economy', { codes: 'assistance' }),
  ...dim('study'),
  ...dim('psychology'),
  ...dim('safety'),
  ...dim('conduct'),
  ...dim('life'),
  keySupport: m('bool', 'state'),
  keySupportReason: m('text', 'state'),
  remarks: m('text', 'state'),
} as Record<ChildFieldKey, FieldMeta>;

export const CHILD_FIELD_KEYS = Object.keys(CHILD_FIELDS) as ChildFieldKey[];

/** The values of a coded field, or undefined for other kinds. */
export function fieldCodes(key: ChildFieldKey): readonly string[] | undefined {
  const codes = CHILD_FIELD_META[key].codes;
  return codes ? CODE_LISTS[codes] : undefined;
}

const snakeCase = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
/** The archive fields' column names, computed once: `valuesOf` asks for every field of every row listed. */
const COLUMNS = new Map<string, string>(CHILD_FIELD_KEYS.map((k) => [k, snakeCase(k)]));

/** camelCase field key → snake_case column name. */
export const columnOf = (key: string): string => COLUMNS.get(key) ?? snakeCase(key);
