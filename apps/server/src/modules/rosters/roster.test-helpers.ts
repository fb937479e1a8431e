import ExcelJS from 'exceljs';
import type { Client } from '../../test/index.ts';

/** Build an .xlsx in memory: `rows` written from A1 down; `merges` like 'A1:H1'. */
export async function xlsx(rows: unknown[][], opts: { merges?: string[]; sheet?: string; textColumns?: number[] } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(opts.sheet ?? 'Sheet1');
  for (const c of opts.textColumns ?? []) ws.getColumn(c).numFmt = '@';
  for (const r of rows) ws.addRow(r);
  for (const m of opts.merges ?? []) ws.mergeCells(m);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A multipart body as a browser sends it: fields first, the file last. */
export function multipart(fields: Record<string, string>, file?: { name: string; data: Buffer; type?: string }) {
  const boundary = `----carebridge${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(file.name)}"\r\nContent-Type: ${file.type ?? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function upload(c: Client, fields: Record<string, string>, data?: Buffer, name = 'roster.xlsx') {
  const body = multipart(fields, data ? { name, data } : undefined);
  return c.request({ method: 'POST', url: '/api/rosters/import', payload: body.payload, headers: body.headers });
}

/** Read a downloaded workbook. */
export async function readXlsx(data: Buffer | string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((typeof data === 'string' ? Buffer.from(data, 'binary') : data) as unknown as ArrayBuffer);
  return wb;
}
