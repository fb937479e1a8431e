import type { Row } from '@carebridge/db';
import {
  ageAt,
  ageBand,
  CHILD_FIELD_KEYS,
  CHILD_FIELD_META,
  type Child,
  type ChildDerived,
  type ChildFacts,
  type ChildFieldKey,
  type ChildSummary,
  type ChildValues,
  columnOf,
  DIMENSIONS,
  difficulties,
  type FieldMeta,
  isNarrow,
  leftBehindType,
  maskMiddle,
  narrowByFamily,
  threeClear,
  xuejiCode,
} from '@carebridge/shared';
import { pinyin } from 'pinyin-pro';

export type ChildRow = Row<'children'>;
/** A child row joined with its school and class names. */
export type ChildRowView = ChildRow & { school_name: string; region_path: string; class_name: string | null; grade: number | null };

/** Comma-wrapped list: one value filters with LIKE '%,value,%' on every dialect. */
const wrapList = (v: readonly string[] | null | undefined) => (v?.length ? `,${v.join(',')},` : null);
const unwrapList = (v: string | null) => (v ? v.split(',').filter(Boolean) : []);

/** Column value of a field of this kind. */
function kindToColumn(kind: FieldMeta['kind'], v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (kind === 'bool') return v ? 1 : 0;
  if (kind === 'multi') return wrapList(v as string[]);
  return v;
}

function fromColumn(key: ChildFieldKey, v: unknown): unknown {
  const kind = CHILD_FIELD_META[key].kind;
  if (kind === 'multi') return unwrapList(v as string | null);
  if (v === null || v === undefined) return null;
  if (kind === 'bool') return v === 1 || v === true;
  if (kind === 'int') return Number(v);
  return v;
}

/** Archive values of a row, keyed like CHILD_FIELDS. */
export function valuesOf(row: ChildRow): ChildValues {
  const r = row as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of CHILD_FIELD_KEYS) out[k] = fromColumn(k, r[columnOf(k)]);
  return out as ChildValues;
}

/** The fields the derived values read (every key of ChildFacts: the compiler keeps the list whole). */
const FACT_KEYS = Object.keys({
  name: 1,
  gender: 1,
  birthDate: 1,
  address: 1,
  hukouRural: 1,
  health: 1,
  fatherStatus: 1,
  motherStatus: 1,
  fatherPhone: 1,
  motherPhone: 1,
  fatherWorkProvince: 1,
  fatherWorkCity: 1,
  motherWorkProvince: 1,
  motherWorkCity: 1,
  guardianName: 1,
  guardianPhone: 1,
  guardianAddress: 1,
  custodyQuality: 1,
  assistance: 1,
  incomeSources: 1,
  studyLevel: 1,
  psychologyLevel: 1,
  safetyLevel: 1,
  conductLevel: 1,
  lifeLevel: 1,
} satisfies Record<keyof ChildFacts, 1>) as (keyof ChildFacts & ChildFieldKey)[];

/** The facts of a row, for the derived values of a list's summaries. */
function factsOf(row: ChildSummaryRow): ChildFacts {
  const r = row as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of FACT_KEYS) out[k] = fromColumn(k, r[columnOf(k)]);
  return out as ChildFacts;
}

/**
 * The columns a list reads (the summary, the derived values' facts, the sort keys): a list of 50
 * wide archive rows (92 columns, remarks and free text) cost more to read and parse than to find.
 */
export const SUMMARY_COLUMNS = [
  ...new Set([
    'id',
    'name',
    'name_pinyin',
    'gender',
    'birth_date',
    'id_number',
    'school_id',
    'class_id',
    'guardian_relation',
    'guardian_name',
    'guardian_phone',
    'boarding',
    'custody_quality',
    'key_support',
    ...DIMENSIONS.map((d) => `${d}_level`),
    'status',
    'updated_at',
    ...FACT_KEYS.map(columnOf),
  ]),
] as (keyof ChildRow & string)[];
/**
 * A list's row: the summary columns with the school's and class's names. The column list is built, so
 * the type cannot name its keys; child.test.ts checks that summaries from these rows equal summaries
 * from full rows, and `toSummary` reads nothing else.
 */
export type ChildSummaryRow = Pick<ChildRowView, (typeof SUMMARY_COLUMNS)[number] | 'school_name' | 'region_path' | 'class_name' | 'grade'>;

/**
 * Tone marks removed and ü written v, as pinyin-pro's `toneType: 'none'` and `v: true` do (same
 * replacements, same order), remembered per syllable: a roster repeats the same few hundred.
 */
const plainSyllables = new Map<string, string>();
function plainSyllable(s: string): string {
  let out = plainSyllables.get(s);
  if (out === undefined) {
    out = s
      .replace(/(ā|á|ǎ|à)/g, 'a')
      .replace(/(ō|ó|ǒ|ò)/g, 'o')
      .replace(/(ē|é|ě|è)/g, 'e')
      .replace(/(ī|í|ǐ|ì)/g, 'i')
      .replace(/(ū|ú|ǔ|ù)/g, 'u')
      .replace(/(ǖ|ǘ|ǚ|ǜ)/g, 'ü')
      .replace(/(n̄|ń|ň|ǹ)/g, 'n')
      .replace(/(m̄|ḿ|m̌|m̀)/g, 'm')
      .replace(/(ê̄|ế|ê̌|ề)/g, 'ê')
      .replace(/ü/g, 'v');
    if (plainSyllables.size < 5000) plainSyllables.set(s, out);
  }
  return out;
}

/** pinyin-pro's options: the surname read as a surname; toned output, one item per character. */
const PINYIN_OPTIONS = { type: 'array', surname: 'head' } as const;

/** Keys of names seen lately (names repeat within a school). */
const keyCache = new Map<string, { full: string; initials: string }>();

/**
 * Lower-case pinyin of a name without spaces, and its initials ("张小明" → zhangxiaoming, zxm).
 *
 * The same keys as `pinyin(name, { toneType: 'none', surname: 'head', nonZh: 'consecutive', v: true })`
 * and the same with `pattern: 'first'` (each joined, lower-cased, kept to a-z0-9; see child.mapper.test.ts),
 * from one call with toned output: pinyin-pro's tone removal runs nine regular expressions per character
 * and was most of the cost of two calls. With the default `nonZh: 'spaced'` the items line up with the
 * characters, and an item that is the character itself is not Chinese (kept as is, as pinyin-pro keeps it).
 */
export function pinyinKeys(name: string): { full: string; initials: string } {
  const hit = keyCache.get(name);
  if (hit) return hit;
  const items = pinyin(name, PINYIN_OPTIONS);
  const chars = Array.from(name);
  let full = '';
  let first = '';
  if (items.length === chars.length) {
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as string;
      if (item === chars[i]) {
        full += item;
        first += item;
      } else {
        full += plainSyllable(item);
        first += plainSyllable(
          item
            .split(' ')
            .map((p) => p[0] ?? '')
            .join(' '),
        );
      }
    }
  } else {
    // Not expected; the two calls this replaces.
    const opts = { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive', v: true } as const;
    full = pinyin(name, opts).join('');
    first = pinyin(name, { ...opts, pattern: 'first' }).join('');
  }
  const keys = { full: full.toLowerCase().replace(/[^a-z0-9]/g, ''), initials: first.toLowerCase().replace(/[^a-z0-9]/g, '') };
  if (keyCache.size >= 20_000) keyCache.clear();
  keyCache.set(name, keys);
  return keys;
}

/** Each field with its column and kind, in field order: looked up once, not for every row of an import. */
const FIELD_COLUMNS = new Map(CHILD_FIELD_KEYS.map((key) => [key as string, { column: columnOf(key), kind: CHILD_FIELD_META[key].kind }]));

/** Columns of the fields given (a patch gives some, a new archive all); keys that are not fields are left out. */
export function columnsOf(values: Partial<ChildValues>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in values) {
    const f = FIELD_COLUMNS.get(key);
    if (f) out[f.column] = kindToColumn(f.kind, values[key as keyof ChildValues]);
  }
  return out;
}

/** Derived columns from the complete values (after a merge). */
export function derivedColumns(v: ChildValues) {
  const keys = pinyinKeys(v.name ?? '');
  return {
    name_pinyin: keys.full,
    name_initials: keys.initials,
    left_behind_type: leftBehindType(v),
    xueji_code: xuejiCode(v),
    narrow_base: narrowByFamily(v) ? 1 : 0,
    difficulty: wrapList(difficulties(v)) ?? ',',
    three_clear: threeClear(v).complete ? 1 : 0,
  };
}

export function derivedOf(v: ChildFacts, today: string): ChildDerived {
  const birth = v.birthDate ?? today;
  return {
    age: Math.max(0, ageAt(birth, today)),
    ageBand: ageBand(birth, today),
    leftBehindType: leftBehindType(v),
    xuejiCode: xuejiCode(v),
    narrow: isNarrow(v, today),
    difficulty: difficulties(v),
    threeClear: threeClear(v),
  };
}

export interface Reveal {
  idNumbers: boolean;
  phones: boolean;
}

/** Whether the caller's role does not need this field in full (an ID number, a phone number). */
export function hiddenFrom(field: string, reveal: Reveal): boolean {
  const s = (CHILD_FIELD_META as Record<string, Pick<FieldMeta, 'sensitive'>>)[field]?.sensitive;
  return (s === 'id' && !reveal.idNumbers) || (s === 'phone' && !reveal.phones);
}

/** Mask what the caller's role does not need (ID numbers keep 3+4, phones 3+4). */
export function maskValues(v: ChildValues, reveal: Reveal): ChildValues {
  const out = { ...v } as Record<string, unknown>;
  for (const k of CHILD_FIELD_KEYS) if (hiddenFrom(k, reveal)) out[k] = maskMiddle(out[k] as string | null);
  return out as ChildValues;
}

/** Where a child's archive lies, for the policy's questions. */
export function placeOf(row: ChildRowView) {
  return { schoolId: row.school_id, classId: row.class_id, regionPath: row.region_path };
}

export function toChild(
  row: ChildRowView,
  today: string,
  reveal: Reveal,
  rights: { canEdit: boolean; canTransfer: boolean; canSetPsychology: boolean },
): Child {
  const values = valuesOf(row);
  return {
    ...maskValues(values, reveal),
    id: row.id,
    status: row.status as Child['status'],
    statusNote: row.status_note,
    schoolName: row.school_name,
    className: row.class_name,
    grade: row.grade,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    derived: derivedOf(values, today),
    revealed: reveal,
    ...rights,
  };
}

/**
 * A row of a list. ID and phone numbers are masked for every role (DOMAIN.md: numbers are masked in
 * lists); a phone is seen in full in the audited full view or one child's audited contact reveal.
 */
export function toSummary(row: ChildSummaryRow, today: string): ChildSummary {
  const v = factsOf(row);
  const levels: Record<string, string | null> = {};
  for (const d of DIMENSIONS) levels[d] = v[`${d}Level`] ?? null;
  return {
    id: row.id,
    name: row.name,
    gender: row.gender,
    birthDate: row.birth_date,
    idNumber: maskMiddle(row.id_number),
    schoolId: row.school_id,
    schoolName: row.school_name,
    classId: row.class_id,
    className: row.class_name,
    grade: row.grade,
    guardianRelation: row.guardian_relation,
    guardianName: row.guardian_name,
    guardianPhone: maskMiddle(row.guardian_phone),
    boarding: row.boarding,
    custodyQuality: row.custody_quality,
    keySupport: row.key_support === 1,
    levels,
    status: row.status as ChildSummary['status'],
    derived: derivedOf(v, today),
    updatedAt: row.updated_at,
  };
}

const norm = (x: unknown) => (Array.isArray(x) && x.length === 0 ? null : x);
const plainValue = (x: unknown) => x === null || typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x));

/** Field-by-field differences between two value sets, for history ("field: old → new"). */
export function diffValues(before: Partial<ChildValues>, after: Partial<ChildValues>): { field: string; old: unknown; new: unknown }[] {
  const out: { field: string; old: unknown; new: unknown }[] = [];
  for (const k of CHILD_FIELD_KEYS) {
    if (!(k in after)) continue;
    const a = before[k] ?? null;
    const b = after[k] ?? null;
    if (a === b) continue;
    // Different strings, booleans, finite numbers or null differ as JSON too; arrays and the rest are compared as JSON.
    if (!(plainValue(a) && plainValue(b)) && JSON.stringify(norm(a)) === JSON.stringify(norm(b))) continue;
    out.push({ field: k, old: a, new: b });
  }
  return out;
}
