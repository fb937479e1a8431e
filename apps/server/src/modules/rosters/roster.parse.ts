import ExcelJS from 'exceljs';
import { AppError } from '../../errors.ts';
import { fieldOfHeader, type RosterField } from './roster.columns.ts';
import { type CellValue, cleanText } from './roster.values.ts';
import { byPosition, type Range, readXlsxSheets, type SheetValues } from './xlsx-sheets.ts';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_ROWS = 20_000;
const HEADER_SCAN_ROWS = 10;

export interface ParsedSheet {
  sheet: string;
  headerRow: number;
  columns: { col: number; header: string; field: RosterField | null }[];
  /** The columns read (those of a field), in the order of each row's values. */
  read: { field: RosterField; header: string }[];
  rows: { row: number; values: CellValue[] }[];
}

/** A row's value of a field, or undefined when no column of the sheet holds that field. */
export function cellOf(sheet: Pick<ParsedSheet, 'read' | 'rows'>, index: number, field: RosterField): CellValue | undefined {
  const at = sheet.read.findIndex((c) => c.field === field);
  return at < 0 ? undefined : sheet.rows[index]?.values[at];
}

/** Reduce an ExcelJS cell value (rich text, formula, hyperlink, date …) to text, number, boolean or date. */
function plainValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return plainValue((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in v && typeof (v as { text: unknown }).text === 'string') return (v as { text: string }).text;
    if ('error' in v) return null;
  }
  return String(v);
}

/** The same values through ExcelJS, for files the fast reader refuses (and as its reference in tests). */
export function sheetsOfWorkbook(wb: ExcelJS.Workbook): SheetValues[] {
  return wb.worksheets.map((ws) => {
    const rows: (CellValue | undefined)[][] = [];
    const spans = new Map<string, Range>();
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        if (cell.isMerged) {
          const key = cell.master.address;
          const m = spans.get(key);
          if (!m) spans.set(key, { top: r, left: c, bottom: r, right: c });
          else {
            m.top = Math.min(m.top, r);
            m.left = Math.min(m.left, c);
            m.bottom = Math.max(m.bottom, r);
            m.right = Math.max(m.right, c);
          }
          if (cell.master !== cell) return;
        }
        const value = plainValue(cell.value);
        if (value === null) return;
        rows[r] ??= [];
        (rows[r] as (CellValue | undefined)[])[c] = value;
      });
    });
    return { name: ws.name, visible: ws.state === 'visible', rows, merges: [...spans.values()].sort(byPosition) };
  });
}

/** A sheet's values with its merged cells resolved: a merged cell shows its range's first cell. */
class Grid {
  /** Row → the merged ranges crossing it. */
  private readonly mergesByRow = new Map<number, Range[]>();
  /** Rows and columns that hold a value (the last of each). */
  readonly rowCount: number;
  readonly width: number;

  constructor(readonly sheet: SheetValues) {
    let width = 0;
    for (const cells of sheet.rows) if (cells) width = Math.max(width, cells.length - 1);
    for (const m of sheet.merges) {
      // Only the part of a range that meets values matters (a title merged over A1:Z1048576 is one row).
      const bottom = Math.min(m.bottom, Math.max(m.top, sheet.rows.length));
      for (let r = m.top; r <= bottom; r++) {
        const list = this.mergesByRow.get(r);
        if (list) list.push(m);
        else this.mergesByRow.set(r, [m]);
      }
    }
    this.rowCount = Math.max(sheet.rows.length - 1, 0);
    this.width = width;
  }

  merge(r: number, c: number): Range | undefined {
    return this.mergesByRow.get(r)?.find((m) => m.left <= c && c <= m.right);
  }

  value(r: number, c: number): CellValue {
    const own = this.sheet.rows[r]?.[c];
    if (own !== undefined && own !== null) return own;
    const m = this.merge(r, c);
    return m ? (this.sheet.rows[m.top]?.[m.left] ?? null) : null;
  }

  text(r: number, c: number): string {
    const v = this.value(r, c);
    return v === null ? '' : v instanceof Date ? '' : cleanText(String(v));
  }
}

/**
 * Read an upload's sheets, telling apart "not a workbook", "encrypted", "too large". The values are
 * read straight from the sheet XML (`readXlsxSheets`); a file that reader refuses is loaded with ExcelJS.
 */
export async function loadSheets(buf: Buffer): Promise<SheetValues[]> {
  if (buf.length > MAX_FILE_BYTES) throw new AppError('import_too_large', 413, { mb: MAX_FILE_BYTES / 1024 / 1024 });
  if (buf.length === 0) throw new AppError('import_empty', 422);
  // An encrypted .xlsx is an OLE compound file holding an "EncryptedPackage" stream; an .xls is OLE too.
  const ole = buf.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
  if (ole) {
    const asText = buf.toString('latin1');
    const utf16 = Buffer.from('EncryptedPackage', 'utf16le').toString('latin1');
    if (asText.includes(utf16) || asText.includes('EncryptedPackage')) throw new AppError('import_encrypted', 422);
    throw new AppError('import_not_xlsx', 422);
  }
  if (!buf.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) throw new AppError('import_not_xlsx', 422);
  const fast = readXlsxSheets(buf);
  if (fast === 'too_large') throw new AppError('import_too_large', 413, { mb: MAX_FILE_BYTES / 1024 / 1024 });
  if (fast) return fast;
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new AppError('import_not_xlsx', 422);
  }
  return sheetsOfWorkbook(wb);
}

/**
 * The labels of the merged group cells over a header row (父亲 over 姓名 / 电话), by column. A merged cell
 * in the row above is a title, not a group, when it spans (nearly) the whole header, or when it is the
 * only text of its row and starts at the header's first column or spans half of it (a school's title
 * merged over the columns it sees on screen).
 */
function groupsAbove(grid: Grid, r: number, first: number, last: number): Map<number, string> {
  const groups = new Map<number, string>();
  if (r <= 1) return groups;
  const labels = new Map<Range, string>();
  let others = 0;
  for (let c = first; c <= last; c++) {
    const text = grid.text(r - 1, c);
    if (!text) continue;
    const m = grid.merge(r - 1, c);
    // A plain cell, or a header cell merged down into the header row (序号 over two rows): not a group.
    if (!m || m.bottom >= r) others++;
    else labels.set(m, text);
  }
  const extent = last - first + 1;
  const alone = others === 0 && labels.size === 1;
  for (const [m, text] of labels) {
    const from = Math.max(m.left, first);
    const to = Math.min(m.right, last);
    const span = to - from + 1;
    if (span >= extent * 0.8 || (alone && (m.left <= first || span * 2 >= extent))) continue;
    for (let c = from; c <= to; c++) groups.set(c, text);
  }
  return groups;
}

function mapHeader(grid: Grid, r: number, width: number) {
  const cells: { col: number; header: string }[] = [];
  for (let c = 1; c <= width; c++) {
    const header = grid.text(r, c);
    if (header) cells.push({ col: c, header });
  }
  const first = cells[0];
  const last = cells[cells.length - 1];
  const groups = first && last ? groupsAbove(grid, r, first.col, last.col) : new Map<number, string>();
  return cells.map(({ col, header }): ParsedSheet['columns'][number] => {
    const group = groups.get(col) ?? '';
    return { col, header: group && group !== header ? `${group}${header}` : header, field: fieldOfHeader(header, group) };
  });
}

/** Find the sheet and header row (a title row or two above it is fine), then read the data rows. */
export function readRoster(sheets: SheetValues[]): ParsedSheet {
  let best: { grid: Grid; row: number; cols: ParsedSheet['columns']; score: number } | null = null;
  for (const sheet of sheets) {
    const grid = new Grid(sheet);
    if (!sheet.visible || grid.rowCount === 0) continue;
    const width = Math.min(grid.width, 200);
    for (let r = 1; r <= Math.min(HEADER_SCAN_ROWS, grid.rowCount); r++) {
      const cols = mapHeader(grid, r, width);
      const fields = cols.filter((c) => c.field && c.field !== '_ignore');
      const score = new Set(fields.map((c) => c.field)).size + (fields.some((c) => c.field === 'name') ? 2 : 0);
      if (fields.some((c) => c.field === 'name') && score >= 4 && (!best || score > best.score)) best = { grid, row: r, cols, score };
    }
    if (best) break;
  }
  if (!best) {
    const anyData = sheets.some((s) => s.rows.length > 0);
    throw new AppError(anyData ? 'import_no_header' : 'import_empty', 422);
  }
  const { grid, row: headerRow, cols } = best;
  // A field named twice (e.g. 联系电话 under both 父亲 and 监护人 without groups): the first one wins.
  const seen = new Set<RosterField>();
  const columns = cols.map((c) => {
    if (!c.field || c.field === '_ignore') return c;
    if (seen.has(c.field)) return { ...c, field: null };
    seen.add(c.field);
    return c;
  });
  const rows: ParsedSheet['rows'] = [];
  const last = grid.rowCount;
  if (last - headerRow > MAX_ROWS) throw new AppError('import_too_many_rows', 422, { max: MAX_ROWS });
  const read = columns.filter((c) => c.field && c.field !== '_ignore');
  for (let r = headerRow + 1; r <= last; r++) {
    const values: CellValue[] = [];
    let any = false;
    for (const c of read) {
      const value = grid.value(r, c.col);
      if (value !== null && !(typeof value === 'string' && cleanText(value) === '')) any = true;
      values.push(value);
    }
    // Skip blank lines.
    if (any) rows.push({ row: r, values });
  }
  if (!rows.length) throw new AppError('import_empty', 422);
  return { sheet: grid.sheet.name, headerRow, columns, read: read.map((c) => ({ field: c.field as RosterField, header: c.header })), rows };
}
