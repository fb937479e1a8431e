import { CHILD_FIELD_META, CODE_LISTS, hasKey, joinList, type Lang, makeIdNumber, translate } from '@carebridge/shared';
import ExcelJS from 'exceljs';
import { headerOf, labelOf, REQUIRED_FIELDS, ROSTER_FIELDS } from './roster.columns.ts';
import { MAX_ROWS } from './roster.parse.ts';

const EXAMPLE: Record<string, string> = {
  name: '示例：张小明',
  gender: 'male',
  ethnicity: '汉族',
  birthDate: '2016-03-04',
  idNumber: makeIdNumber('530102', '2016-03-04', 13, 'male'),
  hukouRegistered: 'yes',
  hukouRural: 'yes',
  hukouPlace: '云南省某县石桥镇石桥村',
  address: '石桥镇石桥村 3 组 12 号',
  classId: '三年级1班',
  schooling: 'primary',
  health: 'healthy',
  boarding: 'day',
  fatherName: '张大山',
  fatherPhone: '13912345678',
  fatherStatus: 'away',
  fatherWorkProvince: '广东省',
  fatherWorkCity: '东莞市',
  fatherWorkAddress: '长安镇某电子厂',
  fatherEmployer: '电子厂工人',
  fatherAwaySince: '2019-02-15',
  fatherHomeFrequency: 'yearly',
  motherName: '李秀英',
  motherPhone: '13712345678',
  motherStatus: 'away',
  motherWorkProvince: '浙江省',
  motherWorkCity: '宁波市',
  leftBehindReason: '父母外出务工',
  guardianRelation: 'paternal_grandparents',
  guardianName: '张桂兰',
  guardianPhone: '13800138000',
  guardianAge: '66',
  guardianHealth: 'fair',
  guardianEducation: 'primary',
  guardianAddress: '石桥镇石桥村 3 组 12 号',
  guardianEntrusted: 'yes',
  custodyQuality: 'fair',
  incomeSources: 'migrant_work,farming',
  studyLevel: 'fair',
  psychologyLevel: 'attention',
  psychologyNote: '性格内向，想念父母',
  safetyLevel: 'good',
  conductLevel: 'good',
  lifeLevel: 'fair',
  keySupport: 'no',
};

/** Excel's limit for the error text of a data validation: a longer one makes it repair the file. */
const MAX_ERROR_CHARS = 255;

/** A drop-down's error text: its choices, or, when they do not fit Excel's limit, where to find them. */
export function listError(lang: Lang, labels: string[]): string {
  const text = translate(lang, 'validation.choose_one', { values: joinList(lang, labels) });
  return text.length <= MAX_ERROR_CHARS ? text : translate(lang, 'validation.choose_from_list');
}

const colLetter = (n: number): string =>
  n <= 26 ? String.fromCharCode(64 + n) : colLetter(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26));

/** The roster template: Chinese headers, dropdowns for coded columns, an example row and an explanation sheet. */
export async function buildTemplate(lang: Lang): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'CareBridge';
  const text = (key: string) => translate(lang, `rosterExport.${key}`);
  const ws = wb.addWorksheet(text('sheets.roster'), { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
  const codes = wb.addWorksheet(text('template.sheetCodes'), { state: 'hidden' });
  const help = wb.addWorksheet(text('template.sheetHelp'));
  const yes = translate(lang, 'codes.yesNo.yes');
  const no = translate(lang, 'codes.yesNo.no');

  // Code lists on the hidden sheet, one column each, referenced by the dropdowns.
  const listRange = new Map<string, { range: string; labels: string[] }>();
  let codeCol = 0;
  for (const [name, values] of [...Object.entries(CODE_LISTS), ['yesNo', ['yes', 'no']] as const]) {
    codeCol++;
    const labels = name === 'yesNo' ? [yes, no] : (values as readonly string[]).map((v) => labelOf(name as never, v, lang));
    labels.forEach((l, i) => {
      codes.getCell(i + 1, codeCol).value = l;
    });
    const letter = colLetter(codeCol);
    listRange.set(name, { range: `'${codes.name}'!$${letter}$1:$${letter}$${labels.length}`, labels });
  }

  ROSTER_FIELDS.forEach((field, i) => {
    const col = i + 1;
    const meta = CHILD_FIELD_META[field];
    const required = REQUIRED_FIELDS.includes(field);
    const header = ws.getCell(1, col);
    header.value = `${headerOf(field, lang)}${required ? '*' : ''}`;
    header.font = { bold: true, color: { argb: required ? 'FFC00000' : 'FF000000' } };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    const column = ws.getColumn(col);
    column.width = meta.kind === 'text' ? 18 : meta.kind === 'id_number' ? 21 : 13;
    // ID and phone numbers as text, or Excel turns them into numbers and drops digits.
    if (meta.kind === 'id_number' || meta.kind === 'phone') column.numFmt = '@';
    if (meta.kind === 'date') column.numFmt = 'yyyy-mm-dd';
    // Under the header, as many rows as an import reads.
    const range = `${colLetter(col)}2:${colLetter(col)}${MAX_ROWS + 1}`;
    const list = meta.kind === 'bool' ? 'yesNo' : meta.kind === 'enum' ? meta.codes : undefined;
    const choices = list ? listRange.get(list) : undefined;
    if (choices) {
      (ws as unknown as { dataValidations: { add(r: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(range, {
        type: 'list',
        allowBlank: !required,
        formulae: [choices.range],
        showErrorMessage: true,
        errorTitle: headerOf(field, lang),
        error: listError(lang, choices.labels),
      });
    }
    const ex = EXAMPLE[field];
    if (ex !== undefined) {
      const cell = ws.getCell(2, col);
      if (meta.kind === 'bool') cell.value = ex === 'yes' ? yes : no;
      else if (meta.kind === 'enum' && meta.codes) cell.value = labelOf(meta.codes, ex, lang);
      else if (meta.kind === 'multi' && meta.codes)
        cell.value = joinList(
          lang,
          ex.split(',').map((v) => labelOf(meta.codes as never, v, lang)),
        );
      else if (field === 'classId') cell.value = ex;
      else cell.value = ex;
      cell.font = { italic: true, color: { argb: 'FF808080' } };
    }
  });
  ws.getRow(1).height = 32;

  help.columns = [
    { header: text('template.column'), width: 22 },
    { header: text('template.required'), width: 10 },
    { header: text('template.rule'), width: 90 },
  ];
  help.getRow(1).font = { bold: true };
  for (const field of ROSTER_FIELDS) {
    const meta = CHILD_FIELD_META[field];
    const ruleKey = `template.rules.${meta.kind}`;
    let rule = hasKey(lang, `rosterExport.${ruleKey}`) ? text(ruleKey) : '';
    if ((meta.kind === 'enum' || meta.kind === 'multi') && meta.codes)
      rule += joinList(
        lang,
        (CODE_LISTS[meta.codes] as readonly string[]).map((v) => labelOf(meta.codes as never, v, lang)),
      );
    help.addRow([headerOf(field, lang), REQUIRED_FIELDS.includes(field) ? text('template.mustFill') : '', rule]);
  }
  help.addRow([]);
  const notes = ['example', 'ownFiles', 'matching', 'preview'].map((k) => text(`template.notes.${k}`));
  for (const n of notes) help.addRow([n]).getCell(1).alignment = { wrapText: false };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
