import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { cellOf, loadSheets, readRoster, sheetsOfWorkbook } from './roster.parse.ts';
import { xlsx } from './roster.test-helpers.ts';
import { isDateFormat, readXlsxSheets, type SheetValues } from './xlsx-sheets.ts';

async function viaExcelJS(buf: Buffer): Promise<SheetValues[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return sheetsOfWorkbook(wb);
}

/** Both readers on the same file: the fast one must read exactly what ExcelJS reads. */
async function bothReaders(buf: Buffer) {
  const fast = readXlsxSheets(buf);
  expect(fast).not.toBeNull();
  expect(fast).toEqual(await viaExcelJS(buf));
  return fast as SheetValues[];
}

/** A deterministic pseudo-random sequence (mulberry32). */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A minimal .xlsx written by hand, for spellings ExcelJS never writes. */
function handMade(parts: { workbook: string; sheet: string; strings?: string; styles?: string }): Buffer {
  const ns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const rel = (id: string, type: string, target: string) =>
    `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    '_rels/.rels': strToU8(
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('rId1', 'officeDocument', 'xl/workbook.xml')}</Relationships>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('rId1', 'worksheet', 'worksheets/sheet1.xml')}${
        parts.strings ? rel('rId2', 'sharedStrings', '/xl/sharedStrings.xml') : ''
      }${parts.styles ? rel('rId3', 'styles', 'styles.xml') : ''}</Relationships>`,
    ),
    'xl/workbook.xml': strToU8(parts.workbook.replace('NS', ns)),
    'xl/worksheets/sheet1.xml': strToU8(parts.sheet),
  };
  if (parts.strings) files['xl/sharedStrings.xml'] = strToU8(parts.strings);
  if (parts.styles) files['xl/styles.xml'] = strToU8(parts.styles);
  return Buffer.from(zipSync(files));
}

describe('reading an .xlsx without ExcelJS', () => {
  it('reads every kind of cell as ExcelJS does: text, rich text, numbers, dates, booleans, formulas, links, errors, merges, hidden sheets', async () => {
    for (const date1904 of [false, true]) {
      for (const useSharedStrings of [true, false]) {
        const wb = new ExcelJS.Workbook();
        wb.properties.date1904 = date1904;
        const ws = wb.addWorksheet('花名册');
        ws.addRow(['姓名', '出生日期', '人数', '是否', '公式', '文字公式', '错误', '链接', '富文本', '特殊字符']);
        ws.addRow([
          '张小明',
          new Date(Date.UTC(2016, 2, 4)),
          42,
          true,
          { formula: 'C2+1', result: 43 },
          { formula: '"a"&"b"', result: 'ab' },
          { error: '#N/A' },
          { text: '学校主页', hyperlink: 'https://example.org/?a=1&b=2' },
          { richText: [{ text: '李' }, { font: { bold: true }, text: '小红' }] },
          ' A&B <c> "d" \'e\' ',
        ]);
        ws.addRow(['', new Date(Date.UTC(2017, 4, 6, 12, 30)), 3.25, false, { formula: '1/0', result: { error: '#DIV/0!' } }, null, 'x\ny']);
        ws.getCell('B3').numFmt = 'yyyy"年"m"月"d"日"';
        ws.getCell('C3').numFmt = '0.00';
        ws.mergeCells('A5:C5');
        ws.getCell('A5').value = '合并';
        ws.mergeCells('D4:D6');
        ws.getCell('D4').value = '三年级1班';
        ws.getCell('J9').value = 7;
        const hidden = wb.addWorksheet('说明', { state: 'hidden' });
        hidden.addRow(['隐藏']);
        wb.addWorksheet('空表');
        const buf = Buffer.from(await wb.xlsx.writeBuffer({ useSharedStrings } as ExcelJS.XlsxWriteOptions));
        const sheets = await bothReaders(buf);
        expect(sheets.map((s) => [s.name, s.visible])).toEqual([
          ['花名册', true],
          ['说明', false],
          ['空表', true],
        ]);
        const rows = (sheets[0] as SheetValues).rows;
        expect(rows[2]?.slice(1)).toEqual([
          '张小明',
          new Date(Date.UTC(2016, 2, 4)),
          42,
          true,
          43,
          'ab',
          undefined,
          '学校主页',
          '李小红',
          ' A&B <c> "d" \'e\' ',
        ]);
        expect(rows[3]?.[2]).toEqual(new Date(Date.UTC(2017, 4, 6, 12, 30)));
        expect(rows[3]?.[5]).toBeUndefined();
        expect(rows[3]?.[7]).toBe('x\ny');
        expect(rows[9]?.[10]).toBe(7);
        expect((sheets[0] as SheetValues).merges).toEqual(
          expect.arrayContaining([
            { top: 5, left: 1, bottom: 5, right: 3 },
            { top: 4, left: 4, bottom: 6, right: 4 },
          ]),
        );
      }
    }
  });

  it('agrees with ExcelJS on 60 random sheets', async () => {
    const next = random(20261129);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] as T;
    const texts = ['王奶奶', '', ' 空格 ', '&amp;', '<b>', '13800138000', '530102201603040011', '三年级（1）班', '是', '=A1'];
    for (let n = 0; n < 60; n++) {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet(`表${n}`);
      const height = 1 + Math.floor(next() * 30);
      const width = 1 + Math.floor(next() * 12);
      for (let r = 1; r <= height; r++)
        for (let c = 1; c <= width; c++) {
          const kind = Math.floor(next() * 8);
          const cell = ws.getCell(r, c);
          if (kind === 0) continue;
          if (kind === 1) cell.value = pick(texts);
          else if (kind === 2) cell.value = Math.round(next() * 1e6) / 100;
          else if (kind === 3) cell.value = new Date(Date.UTC(2000 + Math.floor(next() * 26), Math.floor(next() * 12), 1 + Math.floor(next() * 28)));
          else if (kind === 4) cell.value = next() < 0.5;
          else if (kind === 5) cell.value = { formula: 'ROW()', result: r };
          else if (kind === 6) cell.value = { richText: [{ text: pick(texts) }, { text: pick(texts) }] };
          else cell.value = Math.floor(next() * 100);
          if (kind === 7) cell.numFmt = pick(['0', 'yyyy-mm-dd', '[Red]0.00', '"年"0', 'h:mm']);
        }
      if (height > 2 && width > 2 && next() < 0.5) ws.mergeCells(2, 1, 2 + Math.floor(next() * (height - 2)), 2);
      await bothReaders(Buffer.from(await wb.xlsx.writeBuffer()));
    }
  });

  it('finds the same header, columns and rows in a messy roster either way', async () => {
    const file = await xlsx(
      [
        ['石桥镇中心小学留守儿童花名册'],
        ['序号', '姓名', '身份证号码', '班级', '父亲', null, '母亲', null],
        [null, null, null, null, '姓名', '务工地点', '姓名', '联系电话'],
        [1, '张小明', '530102201603040011', '三年级1班', '张大山', '广东东莞', '李秀英', '13712345678'],
        [2, '李小红', null, null, '李强', '浙江宁波', '王芳', '13912345678'],
      ],
      { merges: ['A1:H1', 'E2:F2', 'G2:H2', 'A2:A3', 'B2:B3', 'C2:C3', 'D2:D3', 'D4:D5'] },
    );
    const fast = readRoster(await bothReaders(file));
    expect(fast).toEqual(readRoster(await viaExcelJS(file)));
    expect(fast.headerRow).toBe(3);
    expect(fast.columns.map((c) => c.header)).toEqual(['序号', '姓名', '身份证号码', '班级', '父亲姓名', '父亲务工地点', '母亲姓名', '母亲联系电话']);
    // The class merged down over both children reaches the second one.
    expect(cellOf(fast, 1, 'classId')).toBe('三年级1班');
  });

  it('reads a roster to its last column even when a column between is empty', async () => {
    // ExcelJS's actualColumnCount counts the columns holding values (here 4 of 5), which left the
    // last column unread when the width was taken from it.
    const file = await xlsx([
      ['姓名', null, '性别', '出生日期', '监护人电话'],
      ['张小明', null, '男', '2016-03-04', '13800138000'],
    ]);
    const parsed = readRoster(await bothReaders(file));
    expect(parsed.columns.map((c) => c.header)).toEqual(['姓名', '性别', '出生日期', '监护人电话']);
    expect(cellOf(parsed, 0, 'guardianPhone')).toBe('13800138000');
  });

  it('reads prefixed elements, cells without references, phonetic guides, escapes and ISO dates that ExcelJS never writes', async () => {
    const buf = handMade({
      workbook: `<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" NS><x:workbookPr date1904='0'/><x:sheets><x:sheet name="名单 &amp; 备注" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`,
      strings: `<x:sst xmlns:x="m"><x:si><x:t>姓名</x:t></x:si><x:si><x:r><x:t>张</x:t></x:r><x:r><x:t xml:space="preserve">小明 </x:t></x:r><x:rPh sb="0" eb="1"><x:t>ZHANG</x:t></x:rPh></x:si><x:si/><x:si><x:t>a_x000D_b&#x4E2D;&#20013;</x:t></x:si></x:sst>`,
      styles: `<styleSheet><numFmts count="1"><numFmt numFmtId="170" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="170"/><xf numFmtId="14"/></cellXfs></styleSheet>`,
      sheet: `<x:worksheet xmlns:x="m"><x:sheetData><x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t='s'><x:v>1</x:v></x:c></x:row><x:row r="3"><x:c r="B3" s="1"><x:v>42430</x:v></x:c><x:c s="2"><x:v>42431.5</x:v></x:c><x:c t="d"><x:v>2016-03-04T00:00:00Z</x:v></x:c><x:c t="s"><x:v>2</x:v></x:c><x:c t="s"><x:v>3</x:v></x:c><x:c t="inlineStr"><x:is><x:t>内联</x:t></x:is></x:c><x:c><x:f>A1</x:f></x:c><x:c t="str"><x:f>A1</x:f><x:v>&lt;公式&gt;</x:v></x:c></x:row></x:sheetData><x:mergeCells><x:mergeCell ref="$A$5:$C$6"/></x:mergeCells></x:worksheet>`,
    });
    const sheets = readXlsxSheets(buf);
    expect(sheets).toEqual([
      {
        name: '名单 & 备注',
        visible: true,
        rows: [
          undefined,
          [undefined, '姓名', '张小明 '],
          undefined,
          [
            undefined,
            undefined,
            new Date(Date.UTC(2016, 2, 1)),
            new Date(Date.UTC(2016, 2, 2, 12)),
            new Date(Date.UTC(2016, 2, 4)),
            '',
            'a\rb中中',
            '内联',
            undefined,
            '<公式>',
          ],
        ],
        merges: [{ top: 5, left: 1, bottom: 6, right: 3 }],
      },
    ]);
  });

  it('reads parts that begin with a byte-order mark as those without', () => {
    const parts = {
      workbook: `<?xml version="1.0"?><workbook NS><sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      strings: `<?xml version="1.0"?><sst><si><t>姓名</t></si><si><t>张小明</t></si></sst>`,
      sheet: `<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row></sheetData></worksheet>`,
    };
    const bom = '\uFEFF';
    const plain = readXlsxSheets(handMade(parts));
    expect(plain).toEqual([{ name: '名单', visible: true, rows: [undefined, [undefined, '姓名', '张小明']], merges: [] }]);
    expect(readXlsxSheets(handMade({ workbook: bom + parts.workbook, strings: bom + parts.strings, sheet: bom + parts.sheet }))).toEqual(plain);
  });

  it('refuses what it does not know, and the import then reads the file with ExcelJS', async () => {
    const sheet = (cell: string) =>
      handMade({
        workbook: `<workbook NS><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
        sheet: `<worksheet><sheetData><row r="1">${cell}</row></sheetData></worksheet>`,
      });
    expect(readXlsxSheets(sheet('<c r="A1" t="zz"><v>1</v></c>'))).toBeNull();
    expect(readXlsxSheets(sheet('<c r="A2"><v>1</v></c>'))).toBeNull();
    expect(readXlsxSheets(sheet('<c r="1A"><v>1</v></c>'))).toBeNull();
    expect(readXlsxSheets(sheet('<c r="A1" t="s"><v>9</v></c>'))).toBeNull();
    expect(readXlsxSheets(Buffer.from('PK\u0003\u0004 not really a zip'))).toBeNull();
    // Character data sections: legal XML, not scanned for here.
    expect(readXlsxSheets(sheet('<c r="A1" t="inlineStr"><is><t><![CDATA[a<b]]></t></is></c>'))).toBeNull();
    expect((readXlsxSheets(sheet('<c r="A1"><v>1</v></c>')) as SheetValues[])[0]?.rows[1]?.[1]).toBe(1);
    // ExcelJS reads an unknown type as a number: the fallback is taken, not an error.
    const sheets = await loadSheets(sheet('<c r="A1" t="zz"><v>1</v></c>'));
    expect(sheets[0]?.rows[1]?.[1]).toBe(1);
  });

  it('refuses a zip whose parts claim more XML than a roster can hold, before inflating it', () => {
    // 3 MB of one repeated byte deflates to a few kilobytes; the limit here is 2 MB (200 MB in use).
    const bomb = Buffer.from(zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/worksheets/sheet1.xml': new Uint8Array(3 << 20).fill(32) }));
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(readXlsxSheets(bomb, 2 << 20)).toBe('too_large');
    expect(readXlsxSheets(bomb, 4 << 20)).toBeNull();
  });

  it('tells date formats from number formats as ExcelJS does', () => {
    for (const f of ['yyyy-mm-dd', 'yyyy"年"m"月"d"日"', 'h:mm', 'mm-dd-yy', '[$-804]yyyy/m/d']) expect(isDateFormat(f)).toBe(true);
    for (const f of ['0', '0.00', '#,##0', '"年"0', '[Red]0.00', '@', 'General']) expect(isDateFormat(f)).toBe(false);
  });
});
