import { fill, zhCN as sharedZhCN, translate } from '@carebridge/shared';
import { describe, expect, it } from 'vitest';
import { incidentsZhCN } from './incidents.zh-CN.ts';

/** Every string of a dictionary, by its dotted key. */
function strings(branch: unknown, prefix: string): [string, string][] {
  if (typeof branch === 'string') return [[prefix, branch]];
  if (!branch || typeof branch !== 'object') return [];
  return Object.entries(branch).flatMap(([k, v]) => strings(v, prefix ? `${prefix}.${k}` : k));
}

/** The Chinese texts of the whole app: the shared dictionary and every web one (main and lazily loaded). */
function chineseTexts(): [string, string][] {
  const web = import.meta.glob<Record<string, object>>(['./zh-CN.ts', './*.zh-CN.ts', '../features/*/*.zh-CN.ts'], { eager: true });
  return [
    ...strings(sharedZhCN, 'shared'),
    ...Object.entries(web).flatMap(([file, mod]) => Object.values(mod).flatMap((dict) => strings(dict, file.replace(/^\.\/(.*)\.ts$/, '$1')))),
  ];
}

/** Chinese characters, and the full-width punctuation (、。：，（）“” …) written with them. */
const CJK = '[\\u3000-\\u303f\\u3400-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef“”‘’]';

/**
 * Placeholders that stand for numbers, dates and times or codes: like a numeral they keep the app's
 * space from Chinese characters (拨打 110, 有 {count} 起, 应于 {due} 前). Every other one stands for
 * words — a name, a school, a class, a kind — and is written close: 向{unit}报案, not 向 {unit} 报案.
 */
const NUMERIC = new Set([
  // counts and ordinals
  ...['count', 'n', 'total', 'min', 'max', 'limit', 'size', 'capacity', 'index', 'row', 'version', 'number'],
  // counts named for what they count (每 {perDay} 个单元, 已走访 {visited} 处, 需 {need} / 可排 {free})
  ...['perDay', 'got', 'want', 'required', 'need', 'free', 'done', 'overdue', 'open', 'closed'],
  ...['created', 'updated', 'approved', 'sent', 'loaded', 'visited', 'left', 'present', 'homes', 'hosts'],
  ...['players', 'leaders', 'coaches', 'teams', 'people', 'volunteers', 'groups', 'police', 'keySupport', 'narrow'],
  // 0-5 岁 {a}，6-13 岁 {b}，14-16 岁 {c}: children per age band (submissions.summaryLine)
  ...['a', 'b', 'c'],
  // a number of children wherever it is spaced (共 {children} 名); briefings.care.followUpDone's
  // {children} is a list of names, written close inside its brackets
  'children',
  // amounts, ages and sizes: {value} 元, {age} 岁, 每名 {band} 岁 (6-13), 上限 {mb} MB
  ...['value', 'age', 'band', 'mb'],
  // shares and scores (落实率 {rate}: "86%")
  ...['rate', 'share', 'coverage', 'score'],
  // dates, times and lengths of time
  ...['at', 'due', 'from', 'to', 'date', 'dates', 'time', 'start', 'end', 'days', 'hours', 'minutes', 'years', 'year'],
  // codes: a police receipt number, a phone number
  ...['receipt', 'phone'],
]);

/**
 * Messages whose {name} is a file's name: like a Latin code (IMG_20261120_0945.jpg, as phones name
 * photos) it keeps its spaces, which also show where the name ends.
 */
const FILE_NAMES = new Set([
  'activities.zh-CN.activityFiles.failed',
  'care.zh-CN.careForm.photoFailed',
  'camps.zh-CN.campGrid.exported',
  'children.zh-CN.rosters.uploading',
]);

describe('Chinese texts', () => {
  const texts = chineseTexts();

  it('come from the shared dictionary and every web one', () => {
    expect(texts.length).toBeGreaterThan(2000);
    const keys = texts.map(([key]) => key);
    for (const key of ['shared.notifications.risk', 'zh-CN.users.resetTitle', 'reports.zh-CN.submissions.classTitle', 'events.zh-CN.eventList.title'])
      expect(keys).toContain(key);
  });

  it('put no space between a Chinese character and a placeholder that stands for words', () => {
    const spaced = new RegExp(`${CJK} \\{(\\w+)\\}|\\{(\\w+)\\} ${CJK}`, 'g');
    const found = texts.flatMap(([key, text]) =>
      [...text.matchAll(spaced)].filter((m) => !NUMERIC.has(m[1] ?? m[2] ?? '') && !FILE_NAMES.has(key)).map((m) => `${key}: ${text} («${m[0]}»)`),
    );
    expect(found).toEqual([]);
  });

  it('put no space just inside full-width brackets', () => {
    const found = texts.filter(([, text]) => /[（［【〔《〈「『] | [）］】〕》〉」』]/.test(text)).map(([key, text]) => `${key}: ${text}`);
    expect(found).toEqual([]);
  });

  it('list only placeholders that occur, as numbers, in some text', () => {
    const used = new Set(texts.flatMap(([, text]) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1])));
    expect([...NUMERIC].filter((name) => !used.has(name))).toEqual([]);
    expect([...FILE_NAMES].filter((key) => !texts.some(([k, text]) => k === key && text.includes('{name}')))).toEqual([]);
  });

  it('read as Chinese is written', () => {
    const call = translate('zh-CN', 'incidents.policeMethods.call_110');
    expect(fill(incidentsZhCN.incidentDetail.policeBy, { name: '徐俊杰', method: call })).toBe('报案人：徐俊杰（拨打 110）');
    expect(translate('zh-CN', 'notifications.risk', { child: '王小明', level: '高', reasons: '30 天没有谈心' })).toBe(
      '王小明的预警等级升为“高”：30 天没有谈心',
    );
    expect(translate('zh-CN', 'errors.mentor_over_limit', { name: '李老师', count: 9, limit: 8 })).toBe(
      '李老师现结对 9 名儿童，超过本校上限 8 名，请确认是否合适',
    );
  });
});
