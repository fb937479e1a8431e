import { unzipSync } from 'fflate';
import type { CellValue } from './roster.values.ts';

/**
 * The values of a workbook's sheets, which is all a roster import reads: no styles, fonts or
 * formulas, only what each cell shows as text, number, boolean or date, and the merged ranges.
 *
 * `readXlsxSheets` reads them straight from the sheet XML (fflate to unzip, string scanning for the
 * few elements that carry values). ExcelJS builds a cell object, a style model and a value model for
 * every cell; for a 10,000-row roster that full load took ≈ 450–650 ms against ≈ 80–110 ms here, and the
 * benchmark's target is the whole import within 2× of ExcelJS's parse (bench/RESULTS.md). Whatever this
 * reader does not understand, it refuses (`null`), and the import reads the file with ExcelJS instead
 * (`sheetsOfWorkbook` in roster.parse.ts). Tests compare the two readers on every kind of cell the import meets.
 */
export interface SheetValues {
  name: string;
  visible: boolean;
  /** `rows[r][c]`, 1-based: the cell's value, `undefined` or null when it has none. Sparse. */
  rows: (CellValue | undefined)[][];
  /** Merged ranges, 1-based and inclusive. */
  merges: Range[];
}

export interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export const byPosition = (a: Range, b: Range) => a.top - b.top || a.left - b.left;

/** Number formats Excel builds in that ExcelJS reads as dates (its table: 14–22 and 45–47). */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** ExcelJS's test for a custom date format: date or time letters outside quotes and brackets. */
export const isDateFormat = (code: string) => /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML character references, then OOXML's `_xHHHH_` escapes (as ExcelJS decodes them in text). */
function decodeText(s: string): string {
  if (s.includes('&'))
    s = s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (m, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITIES[e] ?? m),
    );
  if (s.includes('_x')) s = s.replace(/_x([0-9A-F]{4})_/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
  return s;
}

const attrRes = new Map<string, RegExp>();
/** An element's attribute by name, from the text between the element's name and its `>`. */
function attr(attrs: string, name: string): string | undefined {
  // The usual spelling (` name="value"`) by indexOf; other quoting and spacing by a regular expression.
  const at = attrs.indexOf(` ${name}="`);
  if (at >= 0) {
    const start = at + name.length + 3;
    return attrs.slice(start, attrs.indexOf('"', start));
  }
  if (!attrs.includes(name)) return undefined;
  let re = attrRes.get(name);
  if (!re) {
    re = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    attrRes.set(name, re);
  }
  const m = re.exec(attrs);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** The text a string item shows: its `<t>` runs joined, phonetic guides (`<rPh>`) left out. */
function textOfItem(xml: string, p: string): string {
  if (xml.includes(`<${p}rPh`)) xml = xml.replace(new RegExp(`<${p}rPh\\b[\\s\\S]*?</${p}rPh>`, 'g'), '');
  let out = '';
  const re = new RegExp(`<${p}t(?:\\s[^>]*)?(?:/>|>([^<]*)</${p}t>)`, 'g');
  for (let m = re.exec(xml); m; m = re.exec(xml)) out += m[1] ?? '';
  return decodeText(out);
}

/** The namespace prefix the document's root element uses (`x:` in files from some .NET libraries). */
const prefixOf = (xml: string, root: string) => new RegExp(`<(\\w+:)?${root}[\\s>]`).exec(xml)?.[1] ?? '';

/** `B12` → row 12, column 2 (`$` allowed); null when it is not a cell reference. */
function cellRef(ref: string): { row: number; col: number } | null {
  let col = 0;
  let row = 0;
  let i = ref.charCodeAt(0) === 36 ? 1 : 0;
  for (; i < ref.length; i++) {
    const ch = ref.charCodeAt(i);
    if (ch < 65 || ch > 90) break;
    col = col * 26 + (ch - 64);
  }
  if (ref.charCodeAt(i) === 36) i++;
  const digits = i;
  for (; i < ref.length; i++) {
    const ch = ref.charCodeAt(i);
    if (ch < 48 || ch > 57) return null;
    row = row * 10 + (ch - 48);
  }
  return col > 0 && col <= 16_384 && i > digits && row > 0 ? { row, col } : null;
}

/** Resolve a relationship target against the folder of the part that names it. */
function resolvePath(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

/**
 * A part's UTF-8 as text, a byte-order mark dropped. A decoder of its own: fflate's `strFromU8` shares
 * one that it has put in streaming mode, which decodes a 4 MB sheet at half the speed (bench/RESULTS.md).
 */
const utf8 = new TextDecoder();
const textOf = (data: Uint8Array) => utf8.decode(data);

/** Relationship id → target path of a part's `.rels`. */
function relationships(files: Record<string, Uint8Array>, part: string): Map<string, { type: string; path: string }> {
  const slash = part.lastIndexOf('/');
  const relsPath = `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
  const out = new Map<string, { type: string; path: string }>();
  const data = files[relsPath];
  if (!data) return out;
  const xml = textOf(data);
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const a = m[1] as string;
    const id = attr(a, 'Id');
    const target = attr(a, 'Target');
    if (id && target && attr(a, 'TargetMode') !== 'External') out.set(id, { type: attr(a, 'Type') ?? '', path: resolvePath(part, decodeText(target)) });
  }
  return out;
}

/** Which cell styles (`s` index) show numbers as dates. */
function dateStyles(xml: string | undefined): Set<number> {
  const out = new Set<number>();
  if (!xml) return out;
  const p = prefixOf(xml, 'styleSheet');
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(new RegExp(`<${p}numFmt\\b([^>]*)>`, 'g'))) {
    const id = attr(m[1] as string, 'numFmtId');
    const code = attr(m[1] as string, 'formatCode');
    if (id !== undefined && code !== undefined) custom.set(Number(id), decodeText(code));
  }
  const xfs = new RegExp(`<${p}cellXfs\\b[^>]*>([\\s\\S]*?)</${p}cellXfs>`).exec(xml)?.[1] ?? '';
  let index = 0;
  for (const m of xfs.matchAll(new RegExp(`<${p}xf\\b([^>]*)>`, 'g'))) {
    const id = Number(attr(m[1] as string, 'numFmtId') ?? 0);
    const code = custom.get(id);
    if (code !== undefined ? isDateFormat(code) : BUILT_IN_DATE_FORMATS.has(id)) out.add(index);
    index++;
  }
  return out;
}

/** Excel's day number as a date, the way ExcelJS converts it (UTC midnight plus the day's fraction). */
const excelDate = (serial: number, date1904: boolean) => new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));

/** Read one worksheet's cells and merged ranges. */
function readSheet(xml: string, strings: readonly string[], dates: Set<number>, date1904: boolean): Omit<SheetValues, 'name' | 'visible'> | null {
  const p = prefixOf(xml, 'worksheet');
  const rows: (CellValue | undefined)[][] = [];
  const dataStart = xml.indexOf(`<${p}sheetData`);
  if (dataStart < 0) return null;
  const closed = xml.indexOf(`</${p}sheetData>`, dataStart);
  const dataEnd = closed < 0 ? dataStart : closed;
  const rowTag = `<${p}row`;
  const rowEnd = `</${p}row>`;
  const cellTag = `<${p}c`;
  const cellEnd = `</${p}c>`;
  const vOpen = `<${p}v>`;
  const vClose = `</${p}v>`;
  // Scanned by hand: a regular expression capturing each cell's attributes and body cost more than
  // the rest of the reader together. `at` is the position in `xml`; an element name must be followed
  // by a space, `>` or `/` (so `<c` does not take `<col`).
  const named = (at: number, tag: string) => {
    if (!xml.startsWith(tag, at)) return false;
    const next = xml.charCodeAt(at + tag.length);
    return next === 32 || next === 62 || next === 47 || next === 9 || next === 10 || next === 13;
  };
  let rowNo = 0;
  let at = xml.indexOf(rowTag, dataStart);
  while (at >= 0 && at < dataEnd) {
    if (!named(at, rowTag)) return null;
    const open = xml.indexOf('>', at);
    if (open < 0) return null;
    const r = attr(xml.slice(at + rowTag.length, open), 'r');
    rowNo = r ? Number(r) : rowNo + 1;
    if (!Number.isInteger(rowNo) || rowNo < 1) return null;
    if (xml.charCodeAt(open - 1) === 47) {
      at = xml.indexOf(rowTag, open);
      continue;
    }
    const close = xml.indexOf(rowEnd, open);
    if (close < 0) return null;
    let colNo = 0;
    let cells: (CellValue | undefined)[] | undefined;
    let c = xml.indexOf(cellTag, open);
    while (c >= 0 && c < close) {
      if (!named(c, cellTag)) return null;
      const tagEnd = xml.indexOf('>', c);
      const selfClosing = xml.charCodeAt(tagEnd - 1) === 47;
      const attrs = xml.slice(c + cellTag.length, selfClosing ? tagEnd - 1 : tagEnd);
      const ref = attr(attrs, 'r');
      if (ref) {
        const cell = cellRef(ref);
        if (!cell || cell.row !== rowNo) return null;
        colNo = cell.col;
      } else colNo++;
      if (selfClosing) {
        c = xml.indexOf(cellTag, tagEnd);
        continue;
      }
      const innerEnd = xml.indexOf(cellEnd, tagEnd);
      if (innerEnd < 0 || innerEnd > close) return null;
      c = xml.indexOf(cellTag, innerEnd + cellEnd.length);
      const type = attr(attrs, 't') ?? 'n';
      let value: CellValue | undefined;
      if (type === 'inlineStr') {
        const is = xml.indexOf(`<${p}is`, tagEnd);
        value = is < 0 || is > innerEnd ? undefined : textOfItem(xml.slice(is, innerEnd), p);
      } else {
        const vs = xml.indexOf(vOpen, tagEnd);
        const ve = vs < 0 || vs > innerEnd ? -1 : xml.indexOf(vClose, vs);
        // A formula not yet calculated or an empty `<v/>`: no value (ExcelJS: a formula without result).
        if (ve < 0 || ve > innerEnd) continue;
        const raw = xml.slice(vs + vOpen.length, ve);
        switch (type) {
          case 's': {
            const s = strings[Number(raw)];
            if (s === undefined) return null;
            value = s;
            break;
          }
          case 'str':
            value = decodeText(raw);
            break;
          case 'b':
            value = Number.parseInt(raw, 10) !== 0;
            break;
          case 'e':
            value = null;
            break;
          case 'd': {
            const d = new Date(raw);
            value = Number.isNaN(d.getTime()) ? null : d;
            break;
          }
          case 'n': {
            const n = Number.parseFloat(raw);
            const s = attr(attrs, 's');
            value = s !== undefined && dates.has(Number(s)) ? excelDate(n, date1904) : n;
            break;
          }
          default:
            return null;
        }
      }
      if (value === undefined || value === null) continue;
      if (!cells) {
        cells = [];
        rows[rowNo] = cells;
      }
      cells[colNo] = value;
    }
    at = xml.indexOf(rowTag, close + rowEnd.length);
  }
  const merges: Range[] = [];
  for (const m of xml.matchAll(new RegExp(`<${p}mergeCell\\b([^>]*)>`, 'g'))) {
    const [a, b] = (attr(m[1] as string, 'ref') ?? '').split(':');
    const from = a ? cellRef(a) : null;
    const to = b ? cellRef(b) : from;
    if (!from || !to) return null;
    merges.push({ top: Math.min(from.row, to.row), left: Math.min(from.col, to.col), bottom: Math.max(from.row, to.row), right: Math.max(from.col, to.col) });
  }
  return { rows, merges: merges.sort(byPosition) };
}

/** The XML of a workbook, unzipped, at most (a 20,000-row roster of 30 columns is ≈ 25 MB). */
export const MAX_XML_BYTES = 200 * 1024 * 1024;

/**
 * The sheets of an .xlsx file in tab order, or null when the file holds something this reader does
 * not handle (then read it with ExcelJS): not a zip, no workbook part, a cell type or reference it
 * does not know; 'too_large' when its parts claim more than `maxXmlBytes` unzipped.
 */
export function readXlsxSheets(buf: Uint8Array, maxXmlBytes = MAX_XML_BYTES): SheetValues[] | null | 'too_large' {
  let files: Record<string, Uint8Array>;
  // A few kilobytes of zip can claim gigabytes of XML: refuse before inflating (as sizes declared).
  let declared = 0;
  try {
    files = unzipSync(buf, {
      filter: (f) => {
        if (!(f.name.endsWith('.xml') || f.name.endsWith('.rels'))) return false;
        declared += f.originalSize;
        return declared <= maxXmlBytes;
      },
    });
  } catch {
    return null;
  }
  if (declared > maxXmlBytes) return 'too_large';
  try {
    const root = relationships(files, '');
    const workbookPath = [...root.values()].find((r) => r.type.endsWith('/officeDocument'))?.path ?? 'xl/workbook.xml';
    const workbookData = files[workbookPath];
    if (!workbookData) return null;
    const workbook = textOf(workbookData);
    const p = prefixOf(workbook, 'workbook');
    const rels = relationships(files, workbookPath);
    const partOf = (kind: string) => [...rels.values()].find((r) => r.type.endsWith(`/${kind}`))?.path;
    const sharedPath = partOf('sharedStrings');
    const sharedData = sharedPath ? files[sharedPath] : undefined;
    const strings: string[] = [];
    if (sharedData) {
      const xml = textOf(sharedData);
      // Character data sections are legal XML this reader does not scan for (Excel never writes them).
      if (xml.includes('<![CDATA[')) return null;
      const sp = prefixOf(xml, 'sst');
      const siRe = new RegExp(`<${sp}si>([\\s\\S]*?)</${sp}si>|<${sp}si/>`, 'g');
      for (let m = siRe.exec(xml); m; m = siRe.exec(xml)) strings.push(m[1] === undefined ? '' : textOfItem(m[1], sp));
    }
    const stylesPath = partOf('styles');
    const stylesData = stylesPath ? files[stylesPath] : undefined;
    const dates = dateStyles(stylesData ? textOf(stylesData) : undefined);
    const pr = new RegExp(`<${p}workbookPr\\b([^>]*)>`).exec(workbook)?.[1] ?? '';
    const date1904 = ['1', 'true'].includes(attr(pr, 'date1904') ?? '');
    const sheets: SheetValues[] = [];
    for (const m of workbook.matchAll(new RegExp(`<${p}sheet\\b([^>]*)>`, 'g'))) {
      const a = m[1] as string;
      const rid = /\s[\w]+:id="([^"]*)"/.exec(a)?.[1];
      const rel = rid ? rels.get(rid) : undefined;
      if (!rel) return null;
      // A chart sheet or dialog sheet holds no cells.
      if (!rel.type.endsWith('/worksheet')) continue;
      const data = files[rel.path];
      if (!data) return null;
      const xml = textOf(data);
      if (xml.includes('<![CDATA[')) return null;
      const sheet = readSheet(xml, strings, dates, date1904);
      if (!sheet) return null;
      sheets.push({ name: decodeText(attr(a, 'name') ?? ''), visible: (attr(a, 'state') ?? 'visible') === 'visible', ...sheet });
    }
    return sheets.length ? sheets : null;
  } catch {
    return null;
  }
}
