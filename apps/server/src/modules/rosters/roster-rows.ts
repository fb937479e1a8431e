import { setImmediate as turn } from 'node:timers/promises';
import { toBool } from '@carebridge/db';
import {
  CHILD_FIELD_META,
  ChildCreate,
  type ChildValues,
  CODE_LISTS,
  type CodeListName,
  checkChild,
  idNumberFacts,
  joinList,
  type Lang,
  localiseIssues,
  translate,
} from '@carebridge/shared';
import type { Auth } from '../../access/auth.ts';
import { type ChildRowView, diffValues, valuesOf } from '../children/child.mapper.ts';
import { editsChild } from '../children/child.policy.ts';
import { columnLabel, type RosterField } from './roster.columns.ts';
import { type CellValue, normaliseClassName, parseCell, parseGrade, splitWorkPlace } from './roster.values.ts';

export type Problem = { column: string; message: string };

/** What every row of one upload is checked against. */
export interface RowJob {
  lang: Lang;
  today: string;
  schoolId: string;
  /** The class chosen on upload, if any. */
  classId: string | null;
  auth: Auth;
  /** Every column of the sheet (for the header a message names) … */
  columns: { header: string; field: RosterField | null }[];
  /** … and the columns read, in the order of each row's values. */
  read: { field: RosterField; header: string }[];
  /** The school's classes; `active` 0 for a deactivated one, which takes no child. */
  classes: { id: string; name: string; grade: number; active: number }[];
  /** The school's archives, which rows are matched to. */
  existing: ChildRowView[];
}

/** How messages name a field's column in the uploaded file (`columnLabel`: 性别* → 性别), else the field's own label. */
export function fieldHeader(job: Pick<RowJob, 'columns' | 'lang'>, field: string): string {
  const column = job.columns.find((c) => c.field === field);
  return column?.field ? columnLabel(column.header, column.field, job.lang) : translate(job.lang, `childFields.${field}`);
}

/** A row checked: its problems, else what it would write. */
export interface CheckedRow {
  row: number;
  name: string | null;
  problems: Problem[];
  /** The matched archive's id when the caller may keep it (an error row names it). */
  visibleId: string | null;
  /** Without problems: what the row would write. */
  outcome:
    | { action: 'create'; values: Record<string, unknown>; idNumber: string | null }
    | { action: 'update'; childId: string; version: number; changed: string[]; values: Record<string, unknown> }
    | null;
}

/** Rows checked a piece at a time. */
const PIECE = 500;

/**
 * Every row of an upload checked, in file order (null for the template's example row). Other requests
 * get a turn between pieces: a 10,000-row upload is ≈ 150 ms of checks.
 */
export async function checkRows(job: RowJob, rows: readonly { row: number; values: readonly CellValue[] }[]): Promise<(CheckedRow | null)[]> {
  const checker = new RowChecker(job);
  const out: (CheckedRow | null)[] = [];
  for (let i = 0; i < rows.length; i += PIECE) {
    if (i) await turn();
    for (const r of rows.slice(i, i + PIECE)) out.push(checker.check(r.row, r.values));
  }
  return out;
}

/** Checks the rows of one upload, in file order (a row repeating an earlier one is reported). */
export class RowChecker {
  private readonly labels: (list: CodeListName) => string;
  private readonly byId: Map<string, ChildRowView>;
  private readonly byNameBirth: Map<string, ChildRowView>;
  /** The school's archives by name and birth date alone, whatever their class: a row matching none by class may repeat one. */
  private readonly byNameBirthAnyClass: Map<string, ChildRowView>;
  private readonly classNames = new Map<string, string>();
  private readonly classByName = new Map<string, string>();
  /** Deactivated classes (停用): a row naming one is refused. */
  private readonly closed = new Set<string>();
  private readonly at = new Map<RosterField, number>();
  private readonly headers = new Map<string, string>();
  /** How messages name each column read (`columnLabel`), in the order of each row's values. */
  private readonly readLabels: string[];
  /** The first row of each child (ID number, else name and birth date) seen so far. */
  private readonly firstRowOf = new Map<string, number>();

  constructor(private readonly job: RowJob) {
    const { lang } = job;
    this.labels = (list) =>
      joinList(
        lang,
        (CODE_LISTS[list] as readonly string[]).map((v) => translate(lang, `codes.${list}.${v}`)),
      );
    this.byId = new Map(job.existing.filter((c) => c.id_number).map((c) => [c.id_number as string, c]));
    this.byNameBirth = new Map(job.existing.map((c) => [`${c.name}|${c.birth_date}|${c.class_id ?? ''}`, c]));
    this.byNameBirthAnyClass = new Map();
    for (const c of job.existing) if (!this.byNameBirthAnyClass.has(`${c.name}|${c.birth_date}`)) this.byNameBirthAnyClass.set(`${c.name}|${c.birth_date}`, c);
    for (const c of job.classes) {
      if (!toBool(c.active)) this.closed.add(c.id);
      this.classNames.set(c.id, c.name);
      this.classByName.set(normaliseClassName(c.name), c.id);
      this.classByName.set(`${c.grade}.${normaliseClassName(c.name)}`, c.id);
    }
    for (const [i, c] of job.read.entries()) this.at.set(c.field, i);
    this.readLabels = job.read.map((c) => columnLabel(c.header, c.field, lang));
  }

  /** How messages name a field's column in this file, else the field's own label. */
  private headerOf(field: string): string {
    let h = this.headers.get(field);
    if (h === undefined) {
      h = fieldHeader(this.job, field);
      this.headers.set(field, h);
    }
    return h;
  }

  /** A row's value of a field; undefined when no column holds the field. */
  private cell(cells: readonly CellValue[], field: RosterField): CellValue | undefined {
    const i = this.at.get(field);
    return i === undefined ? undefined : cells[i];
  }

  /** Check one row (its values in the order of `job.read`); null for the template's example row. */
  check(row: number, cells: readonly CellValue[]): CheckedRow | null {
    const { job } = this;
    const { lang, auth, schoolId } = job;
    const nameCell = this.cell(cells, 'name');
    if (typeof nameCell === 'string' && /^[（(]?示例/.test(nameCell.trim())) return null;
    const problems: Problem[] = [];
    const values = this.parseRow(cells, problems);
    // Class: the file's class column (with a grade column if any), else the class chosen on upload.
    const classText = this.cell(cells, 'classId');
    delete values.classId;
    if (classText !== null && classText !== undefined && String(classText).trim() !== '') {
      const grade = parseGrade(this.cell(cells, '_grade') ?? null);
      const key = normaliseClassName(String(classText));
      const id = (grade !== null ? this.classByName.get(`${grade}.${key}`) : undefined) ?? this.classByName.get(key);
      if (id && this.closed.has(id))
        problems.push({ column: this.headerOf('classId'), message: translate(lang, 'validation.class_inactive', { name: String(classText) }) });
      else if (id) values.classId = id;
      else problems.push({ column: this.headerOf('classId'), message: translate(lang, 'validation.class_unknown', { name: String(classText) }) });
    } else if (job.classId) values.classId = job.classId;

    // Match: ID number, else name + birth date + class.
    const idNumber = values.idNumber as string | undefined;
    const match =
      (idNumber ? this.byId.get(idNumber) : undefined) ??
      this.byNameBirth.get(`${values.name}|${values.birthDate}|${(values.classId as string | undefined) ?? job.classId ?? ''}`) ??
      (values.classId === undefined ? undefined : this.byNameBirth.get(`${values.name}|${values.birthDate}|`));

    const dupKey = idNumber ?? `${values.name}|${values.birthDate}`;
    const first = this.firstRowOf.get(dupKey);
    if (first !== undefined)
      problems.push({ column: this.headerOf(idNumber ? 'idNumber' : 'name'), message: translate(lang, 'validation.duplicate_in_file', { row: first }) });
    else this.firstRowOf.set(dupKey, row);

    const classId = (values.classId as string | undefined) ?? match?.class_id ?? null;
    // An archive found by ID number (or name and birth date) in a class the caller does not keep is
    // neither moved into its class nor changed: the archive form refuses that too. It is not named.
    const keepsMatch = !match || editsChild(auth, { schoolId, classId: match.class_id });
    if (!keepsMatch) problems.push({ column: this.headerOf(idNumber ? 'idNumber' : 'name'), message: translate(lang, 'validation.id_number_in_other_class') });
    else if (!editsChild(auth, { schoolId, classId })) problems.push({ column: this.headerOf('classId'), message: translate(lang, 'errors.forbidden') });

    const before = match ? valuesOf(match) : null;
    const merged = { ...(before ?? {}), ...values, schoolId, classId } as Record<string, unknown>;
    const parsed = ChildCreate.safeParse(merged);
    if (!parsed.success)
      for (const f of localiseIssues(parsed.error.issues, lang, { input: merged })) {
        const column = this.headerOf(f.path.split('.')[0] ?? f.path);
        // A cell already reported (e.g. a gender we could not read) is not reported twice.
        if (!problems.some((p) => p.column === column)) problems.push({ column, message: f.message });
      }
    for (const p of checkChild(merged, job.today)) problems.push({ column: this.headerOf(p.path), message: translate(lang, p.message, p.params) });
    if (match && match.status !== 'active')
      problems.push({
        column: this.headerOf('name'),
        message: translate(lang, 'errors.child_not_active', { status: translate(lang, `codes.childStatus.${match.status}`) }),
      });

    // A new archive beside one of the same name and birth date in another class: the archive form asks
    // before creating such a child (child-checks.ts `confirmedDuplicates`); a roster row cannot be asked, so it is refused.
    const namesake = match ? undefined : this.byNameBirthAnyClass.get(`${values.name}|${values.birthDate}`);
    const seen = !!namesake && editsChild(auth, { schoolId, classId: namesake.class_id });
    if (namesake) problems.push({ column: this.headerOf('name'), message: this.namesakeMessage(namesake, seen) });

    const checked: CheckedRow = {
      row,
      name: typeof merged.name === 'string' ? merged.name : null,
      problems,
      visibleId: match && editsChild(auth, { schoolId, classId: match.class_id }) ? match.id : namesake && seen ? namesake.id : null,
      outcome: null,
    };
    if (problems.length) return checked;
    if (match && before) {
      const changes = diffValues(before, { ...values, classId } as Partial<ChildValues>);
      checked.outcome = {
        action: 'update',
        childId: match.id,
        version: match.version,
        changed: changes.map((c) => c.field),
        values: Object.fromEntries(changes.map((c) => [c.field, c.new])),
      };
    } else checked.outcome = { action: 'create', values: parsed.success ? (parsed.data as Record<string, unknown>) : merged, idNumber: idNumber ?? null };
    return checked;
  }

  /** The archive a row may repeat, named (its class) only to one who keeps that class. */
  private namesakeMessage(namesake: ChildRowView, seen: boolean): string {
    const className = namesake.class_id ? this.classNames.get(namesake.class_id) : undefined;
    return seen && className
      ? translate(this.job.lang, 'validation.duplicate_in_school_seen', { class: className })
      : translate(this.job.lang, 'validation.duplicate_in_school');
  }

  /** Values of one row: parsed cells, pseudo columns applied, birth date and gender taken from the ID number when missing. */
  private parseRow(cells: readonly CellValue[], problems: Problem[]): Record<string, unknown> {
    const { lang, read } = this.job;
    const values: Record<string, unknown> = {};
    const place: Record<'father' | 'mother', CellValue> = { father: null, mother: null };
    let type: { value: CellValue; header: string } | null = null;
    for (let i = 0; i < read.length; i++) {
      const { field } = read[i] as RowJob['read'][number];
      const header = this.readLabels[i] as string;
      const value = cells[i] as CellValue;
      if (field === 'classId' || field === '_grade' || field === '_ignore') continue;
      if (field === '_fatherWorkPlace' || field === '_motherWorkPlace') {
        place[field === '_fatherWorkPlace' ? 'father' : 'mother'] = value;
        continue;
      }
      if (field === '_leftBehindType') {
        type = { value, header };
        continue;
      }
      const meta = CHILD_FIELD_META[field as keyof typeof CHILD_FIELD_META];
      const res = parseCell(field, meta.kind, meta.codes, value, this.labels);
      if ('value' in res) values[field] = res.value;
      else if ('problem' in res) problems.push({ column: header, message: translate(lang, res.problem.message, res.problem.params) });
    }
    for (const p of ['father', 'mother'] as const) {
      const text = place[p];
      if (typeof text === 'string' && text.trim()) {
        const { province, city } = splitWorkPlace(text);
        values[`${p}WorkProvince`] ??= province;
        if (city) values[`${p}WorkCity`] ??= city;
      }
    }
    if (type && type.value !== null && String(type.value).trim() !== '') {
      const res = parseCell('_leftBehindType', 'enum', 'leftBehindType', type.value, this.labels);
      if ('value' in res) {
        const t = res.value as string;
        values.fatherStatus ??= t === 'both' || t === 'father' ? 'away' : 'home';
        values.motherStatus ??= t === 'both' || t === 'mother' ? 'away' : 'home';
      } else if ('problem' in res) problems.push({ column: type.header, message: translate(lang, res.problem.message, res.problem.params) });
    }
    const facts = typeof values.idNumber === 'string' ? idNumberFacts(values.idNumber) : null;
    if (facts) {
      values.birthDate ??= facts.birthDate;
      values.gender ??= facts.gender;
    }
    return values;
  }
}
