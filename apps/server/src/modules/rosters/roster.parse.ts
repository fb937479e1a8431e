import ExcelJS from 'exceljs';
import { AppError } from '../../errors.ts';
import { fieldOfHeader, type RosterField } from './roster.columns.ts';
import { type CellValue, cleanText } from './roster.values.ts';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_ROWS = 20_000;
const HEADER_SCAN_ROWS = 10;

export interface ParsedSheet {
  sheet: string;
  headerRow: number;
  columns: { col: number; header: string; field: RosterField | null }[];
  rows: { row: number; cells: Map<RosterField, { value: CellValue; header: string }> }[];
}

/** Reduce an ExcelJS cell value (rich text, formula, hyperlink, date …) to text, number, boolean or date. */
export function plainValue(v: ExcelJS.CellValue): CellValue {
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

const textOf = (ws: ExcelJS.Worksheet, r: number, c: number) => {
  const v = plainValue(ws.getCell(r, c).value);
  return v === null ? '' : v instanceof Date ? '' : cleanText(String(v));
};

/** Load an upload as a workbook, telling apart "not a workbook", "encrypted", "too large". */
export async function loadWorkbook(buf: Buffer): Promise<ExcelJS.Workbook> {
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
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new AppError('import_not_xlsx', 422);
  }
  return wb;
}

/** The label of the merged group cell above a header cell (e.g. 父亲 over 姓名 / 电话), if any. */
function groupAbove(ws: ExcelJS.Worksheet, r: number, c: number, width: number): string {
  if (r <= 1) return '';
  const cell = ws.getCell(r - 1, c);
  const text = textOf(ws, r - 1, c);
  if (!text) return '';
  // A title row spanning the whole table is not a group.
  let span = 0;
  for (let cc = 1; cc <= width; cc++) if (ws.getCell(r - 1, cc).master.address === cell.master.address) span++;
  return cell.isMerged && span < width * 0.8 ? text : '';
}

function mapHeader(ws: ExcelJS.Worksheet, r: number, width: number) {
  const cols: ParsedSheet['columns'] = [];
  for (let c = 1; c <= width; c++) {
    const header = textOf(ws, r, c);
    if (!header) continue;
    const group = groupAbove(ws, r, c, width);
    cols.push({ col: c, header: group && group !== header ? `${group}${header}` : header, field: fieldOfHeader(header, group) });
  }
  return cols;
}

/** Find the sheet and header row (a title row or two above it is fine), then read the data rows. */
export function readRoster(wb: ExcelJS.Workbook): ParsedSheet {
  let best: { ws: ExcelJS.Worksheet; row: number; cols: ParsedSheet['columns']; score: number } | null = null;
  for (const ws of wb.worksheets) {
    if (ws.state !== 'visible' || ws.actualRowCount === 0) continue;
    const width = Math.min(ws.actualColumnCount || ws.columnCount, 200);
    for (let r = 1; r <= Math.min(HEADER_SCAN_ROWS, ws.rowCount); r++) {
      const cols = mapHeader(ws, r, width);
      const fields = cols.filter((c) => c.field && c.field !== '_ignore');
      const score = new Set(fields.map((c) => c.field)).size + (fields.some((c) => c.field === 'name') ? 2 : 0);
      if (fields.some((c) => c.field === 'name') && score >= 4 && (!best || score > best.score)) best = { ws, row: r, cols, score };
    }
    if (best) break;
  }
  if (!best) {
    const anyData = wb.worksheets.some((ws) => ws.actualRowCount > 0);
    throw new AppError(anyData ? 'import_no_header' : 'import_empty', 422);
  }
  const { ws, row: headerRow, cols } = best;
  // A field named twice (e.g. 联系电话 under both 父亲 and 监护人 without groups): the first one wins.
  const seen = new Set<RosterField>();
  const columns = cols.map((c) => {
    if (!c.field || c.field === '_ignore') return c;
    if (seen.has(c.field)) return { ...c, field: null };
    seen.add(c.field);
    return c;
  });
  const rows: ParsedSheet['rows'] = [];
  const last = ws.rowCount;
  if (last - headerRow > MAX_ROWS) throw new AppError('import_too_many_rows', 422, { max: MAX_ROWS });
  for (let r = headerRow + 1; r <= last; r++) {
    const row = ws.getRow(r);
    if (!row.hasValues) continue;
    const cells = new Map<RosterField, { value: CellValue; header: string }>();
    let any = false;
    for (const c of columns) {
      if (!c.field || c.field === '_ignore') continue;
      const value = plainValue(row.getCell(c.col).value);
      if (value !== null && !(typeof value === 'string' && cleanText(value) === '')) any = true;
      cells.set(c.field, { value, header: c.header });
    }
    // Skip blank lines and the template's example row is marked by its remark.
    if (any) rows.push({ row: r, cells });
  }
  if (!rows.length) throw new AppError('import_empty', 422);
  return { sheet: ws.name, headerRow, columns, rows };
}
