import { CHILD_FIELD_KEYS, CHILD_FIELD_META, type ChildFieldKey, CODE_LISTS, type CodeListName, type Lang, translate } from '@carebridge/shared';

/** Columns a roster can carry: archive fields (not the school, chosen on upload) plus a few that rosters use to say the same things. */
export type PseudoField = '_grade' | '_leftBehindType' | '_fatherWorkPlace' | '_motherWorkPlace' | '_ignore';
export type RosterField = Exclude<ChildFieldKey, 'schoolId'> | PseudoField;

/** Archive fields in template and export order. */
export const ROSTER_FIELDS = CHILD_FIELD_KEYS.filter((k) => k !== 'schoolId') as Exclude<ChildFieldKey, 'schoolId'>[];
export const REQUIRED_FIELDS: readonly RosterField[] = ['name', 'gender', 'birthDate'];

/** Header words schools already use, beyond our own labels (normalised: no spaces, no brackets). */
const SYNONYMS: Record<string, RosterField> = {
  序号: '_ignore',
  编号: '_ignore',
  学号: '_ignore',
  学籍号: '_ignore',
  年龄: '_ignore',
  年龄段: '_ignore',
  学籍留守标识: '_ignore',
  民政口径留守: '_ignore',
  困境类别: '_ignore',
  三个清楚: '_ignore',
  档案状态: '_ignore',
  学校: '_ignore',
  学校名称: '_ignore',
  儿童姓名: 'name',
  学生姓名: 'name',
  留守儿童姓名: 'name',
  孩子姓名: 'name',
  出生年月: 'birthDate',
  出生年月日: 'birthDate',
  生日: 'birthDate',
  身份证号: 'idNumber',
  身份证号码: 'idNumber',
  身份证: 'idNumber',
  学生身份证号: 'idNumber',
  儿童身份证号: 'idNumber',
  户口性质: 'hukouRural',
  户籍地: 'hukouPlace',
  户口所在地: 'hukouPlace',
  户籍地址: 'hukouPlace',
  家庭住址: 'address',
  住址: 'address',
  家庭地址: 'address',
  现住址: 'address',
  居住地址: 'address',
  所在班级: 'classId',
  班别: 'classId',
  年级: '_grade',
  所在年级: '_grade',
  就读状况: 'schooling',
  就学情况: 'schooling',
  身体状况: 'health',
  疾病类型: 'illness',
  所患疾病: 'illness',
  是否寄宿: 'boarding',
  是否住校: 'boarding',
  是否学校寄宿: 'boarding',
  住宿情况: 'boarding',
  借宿户主: 'hostName',
  借宿点: 'hostName',
  借宿点户主电话: 'hostPhone',
  留守类型: '_leftBehindType',
  留守情况: '_leftBehindType',
  爷爷姓名: 'paternalGrandfatherName',
  奶奶姓名: 'paternalGrandmotherName',
  外公姓名: 'maternalGrandfatherName',
  外婆姓名: 'maternalGrandmotherName',
  与儿童关系: 'guardianRelation',
  监护人与儿童关系: 'guardianRelation',
  关系: 'guardianRelation',
  监护人: 'guardianName',
  委托监护人: 'guardianName',
  委托监护人姓名: 'guardianName',
  实际监护人: 'guardianName',
  实际监护人姓名: 'guardianName',
  监护人联系电话: 'guardianPhone',
  监护人手机: 'guardianPhone',
  委托监护人电话: 'guardianPhone',
  委托监护人联系电话: 'guardianPhone',
  联系电话: 'guardianPhone',
  手机号: 'guardianPhone',
  手机号码: 'guardianPhone',
  联系方式: 'guardianPhone',
  家长电话: 'guardianPhone',
  家长联系电话: 'guardianPhone',
  委托监护人身份证号: 'guardianIdNumber',
  监护人身份证号码: 'guardianIdNumber',
  监护人地址: 'guardianAddress',
  是否委托监护: 'guardianEntrusted',
  委托监护: 'guardianEntrusted',
  监护状况: 'custodyQuality',
  经济来源: 'incomeSources',
  家庭收入来源: 'incomeSources',
  救助情况: 'assistance',
  是否重点帮扶: 'keySupport',
  是否重点帮扶对象: 'keySupport',
};

const PARENT_SYNONYMS: Record<string, string> = {
  姓名: 'Name',
  出生日期: 'BirthDate',
  身份证号: 'IdNumber',
  身份证号码: 'IdNumber',
  公民身份号码: 'IdNumber',
  联系电话: 'Phone',
  电话: 'Phone',
  手机: 'Phone',
  手机号: 'Phone',
  状况: 'Status',
  情况: 'Status',
  是否外出: 'Status',
  务工省份: 'WorkProvince',
  务工城市: 'WorkCity',
  务工详细地址: 'WorkAddress',
  务工地址: 'WorkAddress',
  工作单位: 'Employer',
  职业: 'Employer',
  工作单位或职业: 'Employer',
  外出时间: 'AwaySince',
  回家频率: 'HomeFrequency',
};

/** Normalise a header: full-width to half-width, no spaces, stars or bracketed hints, lower case. */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[\s*＊:：]/g, '')
    .toLowerCase();
}

/** The columns a roster export adds after the archive's fields, worked out from it (their `childFields` keys). */
export const DERIVED_COLUMNS = ['age', 'ageBand', 'leftBehindType', 'xuejiCode', 'narrow', 'difficulty', 'threeClear', 'status'] as const;

let lookup: Map<string, RosterField> | null = null;
function headerLookup(): Map<string, RosterField> {
  if (lookup) return lookup;
  const m = new Map<string, RosterField>();
  for (const lang of ['en-US', 'zh-CN'] as Lang[]) {
    for (const f of ROSTER_FIELDS) m.set(normaliseHeader(translate(lang, `childFields.${f}`)), f);
    // Our own export's other columns, in either language, read back: its 留守类型 as rosters use it,
    // the rest (序号, 学校, what is worked out from the archive) left aside, not unknown.
    m.set(normaliseHeader(translate(lang, 'childFields.leftBehindType')), '_leftBehindType');
    for (const key of ['rosterExport.no', 'rosterExport.school', ...DERIVED_COLUMNS.filter((k) => k !== 'leftBehindType').map((k) => `childFields.${k}`)])
      m.set(normaliseHeader(translate(lang, key)), '_ignore');
  }
  for (const [k, v] of Object.entries(SYNONYMS)) m.set(normaliseHeader(k), v);
  for (const p of ['father', 'mother'] as const) {
    const word = p === 'father' ? '父亲' : '母亲';
    for (const [k, v] of Object.entries(PARENT_SYNONYMS)) m.set(normaliseHeader(word + k), `${p}${v}` as RosterField);
    m.set(word, `${p}Name`);
    m.set(`${word}务工地点`, `_${p}WorkPlace`);
    m.set(`${word}务工地`, `_${p}WorkPlace`);
    m.set(`${word}工作地点`, `_${p}WorkPlace`);
  }
  lookup = m;
  return m;
}

/** The field a header names, trying a group prefix from a merged cell above ("父亲" + "姓名"). */
export function fieldOfHeader(header: string, groupAbove = ''): RosterField | null {
  const m = headerLookup();
  const own = normaliseHeader(header);
  if (!own) return null;
  const group = normaliseHeader(groupAbove);
  const prefix =
    /父亲|父/.test(group) && !/祖|外/.test(group)
      ? '父亲'
      : /母亲|母/.test(group) && !/祖|外/.test(group)
        ? '母亲'
        : /监护/.test(group)
          ? '监护人'
          : /借宿/.test(group)
            ? '借宿点'
            : '';
  if (prefix && !own.startsWith(prefix)) {
    const hit = m.get(prefix + own) ?? m.get(prefix + own.replace(/^本人/, ''));
    if (hit) return hit;
    if (prefix === '监护人' && own === '姓名') return 'guardianName';
  }
  return m.get(own) ?? null;
}

/** The label a helper column goes by: that of the field it fills in. */
const PSEUDO_LABEL: Partial<Record<PseudoField, string>> = { _grade: 'grade', _leftBehindType: 'leftBehindType' };
const labelKey = (field: RosterField): string | undefined => (field.startsWith('_') ? PSEUDO_LABEL[field as PseudoField] : field);

/** A header as the words it says: full-width forms as half-width, no spaces, no required mark. */
const bareName = (text: string) => text.normalize('NFKC').replace(/[\s*]/g, '');

/**
 * Whether a header is the field's own name (in either language) but for the required mark `*` and
 * full- or half-width forms — the template's own "姓名*" and "生活说明(…)" (cells are read as NFKC) —
 * and so not a rename of the field to show.
 */
export function isOwnName(header: string, field: RosterField): boolean {
  const key = labelKey(field);
  if (!key) return false;
  const own = bareName(header);
  return (['zh-CN', 'en-US'] as Lang[]).some((lang) => bareName(translate(lang, `childFields.${key}`)) === own);
}

/**
 * How a message names a column of the file: by the field's label in the reader's language when the
 * header is the field's own name ("性别*" → 性别), else by the file's header (a school's 家长电话, which
 * it finds in its file), never with the required mark.
 */
export function columnLabel(header: string, field: RosterField, lang: Lang): string {
  const key = labelKey(field);
  if (key && isOwnName(header, field)) return translate(lang, `childFields.${key}`);
  return header.replace(/[*＊]/g, '').trim() || header;
}

/** Value words rosters use for coded columns, beyond our labels and codes. */
const VALUE_SYNONYMS: Partial<Record<CodeListName, Record<string, string>>> = {
  gender: { 男性: 'male', m: 'male', 女性: 'female', f: 'female' },
  boarding: { 寄宿: 'boarding', 是: 'boarding', 学校寄宿: 'boarding', 否: 'day', 不寄宿: 'day', 校外借宿: 'host', 寄住: 'host' },
  parentStatus: {
    外出: 'away',
    务工: 'away',
    外出打工: 'away',
    打工: 'away',
    在外务工: 'away',
    是: 'away',
    在家务农: 'home',
    务农: 'home',
    在本地: 'home',
    否: 'home',
    无监护能力: 'home_incapable',
    重病: 'home_incapable',
    残疾: 'home_incapable',
    去世: 'deceased',
    死亡: 'deceased',
    亡: 'deceased',
    '—': 'deceased',
    '-': 'deceased',
    不详: 'unknown',
    失联: 'unknown',
    未知: 'unknown',
    离家出走: 'unknown',
  },
  guardianRelation: {
    爷爷奶奶: 'paternal_grandparents',
    爷爷: 'paternal_grandparents',
    奶奶: 'paternal_grandparents',
    祖父: 'paternal_grandparents',
    祖母: 'paternal_grandparents',
    祖辈: 'paternal_grandparents',
    外公外婆: 'maternal_grandparents',
    外公: 'maternal_grandparents',
    外婆: 'maternal_grandparents',
    外祖父: 'maternal_grandparents',
    外祖母: 'maternal_grandparents',
    姥姥: 'maternal_grandparents',
    姥爷: 'maternal_grandparents',
    父: 'father',
    爸爸: 'father',
    母: 'mother',
    妈妈: 'mother',
    叔叔: 'other_relative',
    伯伯: 'other_relative',
    伯父: 'other_relative',
    叔父: 'other_relative',
    姑姑: 'other_relative',
    姑妈: 'other_relative',
    舅舅: 'other_relative',
    舅妈: 'other_relative',
    姨妈: 'other_relative',
    婶婶: 'other_relative',
    哥哥: 'other_relative',
    姐姐: 'other_relative',
    亲戚: 'other_relative',
    邻居: 'other',
  },
  schooling: { 在读小学: 'primary', 小学在读: 'primary', 初中在读: 'junior', 学前: 'kindergarten' },
  health: { 良好: 'healthy', 正常: 'healthy', 疾病: 'ill', 有病: 'ill' },
  custodyQuality: { 好: 'good', 良好: 'good', 差: 'guardian_insufficient' },
  dimensionLevel: { 好: 'good', 优: 'good', 优秀: 'good', 中: 'fair', 关注: 'attention', 较差: 'attention', 差: 'attention', 严重: 'serious', 很差: 'serious' },
  homeFrequency: { 春节: 'yearly', 过年: 'yearly', 一年一次: 'yearly', 很少: 'over_year', 几年: 'over_year', 半年一次: 'half_yearly' },
  education: { 文盲: 'none', 半文盲: 'none', 不识字: 'none', 中专: 'senior', 大专: 'college', 本科: 'college', 大学: 'college' },
  leftBehindType: {
    双亲外出: 'both',
    父母均外出: 'both',
    父母外出: 'both',
    双亲: 'both',
    双亲留守: 'both',
    '2': 'both',
    父外出: 'father',
    母外出: 'mother',
    非留守: 'none',
    '0': 'none',
  },
  incomeSource: { 务工: 'migrant_work', 种植: 'farming', 养殖: 'farming', 务农: 'farming', 救助: 'government_aid', 亲友接济: 'relatives_help' },
};

const valueMaps = new Map<CodeListName, Map<string, string>>();
/** Answers by the cell's own text: a coded column repeats a few values thousands of times. */
const rawCodes = new Map<CodeListName, Map<string, string | null>>();
/** The code of a value in a coded list (by code, Chinese or English label, or a common synonym), or null. */
export function codeOf(list: CodeListName, raw: string): string | null {
  let known = rawCodes.get(list);
  if (!known) {
    known = new Map();
    rawCodes.set(list, known);
  }
  const hit = known.get(raw);
  if (hit !== undefined) return hit;
  const code = lookupCode(list, raw);
  if (known.size < 1_000) known.set(raw, code);
  return code;
}

function lookupCode(list: CodeListName, raw: string): string | null {
  let m = valueMaps.get(list);
  if (!m) {
    m = new Map();
    const values = CODE_LISTS[list] as readonly string[];
    for (const [k, v] of Object.entries(VALUE_SYNONYMS[list] ?? {})) m.set(normaliseHeader(k), v);
    for (const v of values) {
      m.set(normaliseHeader(v), v);
      for (const lang of ['en-US', 'zh-CN'] as Lang[]) m.set(normaliseHeader(translate(lang, `codes.${list}.${v}`)), v);
    }
    valueMaps.set(list, m);
  }
  return m.get(normaliseHeader(raw)) ?? null;
}

/** The label of a code in the user's language, for templates and exports. */
export function labelOf(list: CodeListName, code: string, lang: Lang): string {
  return translate(lang, `codes.${list}.${code}`);
}

/** The header label of a roster field. */
export function headerOf(field: Exclude<ChildFieldKey, 'schoolId'>, lang: Lang): string {
  return translate(lang, `childFields.${field}`);
}

export const metaOf = (f: Exclude<ChildFieldKey, 'schoolId'>) => CHILD_FIELD_META[f];
