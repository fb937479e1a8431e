import { enUS, NOTICE_REACH, SEVERITIES, translate, zhCN } from '@carebridge/shared';
import { describe, expect, it } from 'vitest';
import { incidentsEnUS } from '../../i18n/incidents.en-US.ts';
import { incidentsZhCN } from '../../i18n/incidents.zh-CN.ts';

/** Every string of a dictionary branch, by its dotted key. */
function strings(branch: unknown, prefix: string): [string, string][] {
  if (typeof branch === 'string') return [[prefix, branch]];
  if (!branch || typeof branch !== 'object') return [];
  return Object.entries(branch).flatMap(([k, v]) => strings(v, prefix ? `${prefix}.${k}` : k));
}

/** The Chinese texts of safety incidents: the web's pages, and the shared dictionary's (errors, labels, bell, audit). */
function incidentTexts(): [string, string][] {
  const shared = strings(zhCN, '').filter(
    ([key]) => /^(incidents|incidentFields)\./.test(key) || /^(errors|notifications|audit)\..*(incident|notice|police)/i.test(key),
  );
  return [...strings(incidentsZhCN, ''), ...shared];
}

const CJK = '[\\u3400-\\u9fff\\uf900-\\ufaff]';
/**
 * Placeholders that stand for numbers or times (2026-11-20 09:45) or codes (JJ2026…): like a numeral
 * they keep the app's space from Chinese characters (拨打 110, 有 {count} 起). Every other one stands for
 * words — a name, a police station, a kind — and is written close: 向{unit}报案, not 向 {unit} 报案.
 */
const NUMERIC = new Set(['count', 'minutes', 'hours', 'at', 'due', 'receipt']);

describe('Chinese incident messages', () => {
  it('put no space between a Chinese character and a placeholder that stands for words', () => {
    const texts = incidentTexts();
    expect(texts.length).toBeGreaterThan(100);
    expect(texts.map(([key]) => key)).toContain('incidentDetail.policeRecorded');
    expect(texts.map(([key]) => key)).toContain('notifications.incidentAcknowledged');
    const spaced = new RegExp(`${CJK} \\{(\\w+)\\}|\\{(\\w+)\\} ${CJK}`, 'g');
    const found = texts.flatMap(([key, text]) =>
      [...text.matchAll(spaced)].filter((m) => !NUMERIC.has(m[1] ?? m[2] ?? '')).map((m) => `${key}: ${text} («${m[0]}»)`),
    );
    expect(found).toEqual([]);
  });

  it('the police report reads as Chinese is written', () => {
    expect(incidentsZhCN.incidentDetail.policeRecorded.replace('{at}', '2026-11-20 09:50').replace('{unit}', '城关派出所')).toBe(
      '已于 2026-11-20 09:50 向城关派出所报案',
    );
  });
});

describe('the labels of an incident’s codes', () => {
  /** The incident code lists shown as tags, buttons and options (the situations and questions are sentences). */
  const LISTS = ['kinds', 'severities', 'targets', 'methods', 'reach', 'actionKinds', 'outcomes', 'policeMethods', 'status'] as const;

  it('are words in both languages, never the code itself: the English severity tag reads “Serious”, not “serious”', () => {
    for (const [lang, dict] of [
      ['zh-CN', zhCN],
      ['en-US', enUS],
    ] as const)
      for (const list of LISTS)
        for (const [code, label] of Object.entries(dict.incidents[list])) {
          expect(label, `${lang} incidents.${list}.${code}`).not.toBe(code);
          if (lang === 'en-US') expect(label[0], `${lang} incidents.${list}.${code}: ${label}`).toBe(label[0]?.toUpperCase());
        }
    expect(SEVERITIES.map((s) => translate('en-US', `incidents.severities.${s}`))).toEqual(['Minor', 'Moderate', 'Serious', 'Critical']);
  });

  it('include the outcome of a notice deliberately not told (不宜通知), said properly in English', () => {
    expect(NOTICE_REACH).toContain('withheld');
    expect(translate('zh-CN', 'incidents.reach.withheld')).toBe('不宜通知');
    expect(translate('en-US', 'incidents.reach.withheld')).toBe('Deliberately not told');
    const reason = '疑似施暴者为监护人，已报警，由公安机关处理';
    expect(incidentsZhCN.incidentDetail.withheldReason.replace('{reason}', reason)).toBe(`不宜通知：${reason}`);
    expect(incidentsEnUS.incidentDetail.withheldReason.replace('{reason}', reason)).toBe(`Deliberately not told: ${reason}`);
  });

  it('read as sentences where a severity stands inside one', () => {
    const en = translate('en-US', 'notifications.incidentReported', {
      school: 'Hope Primary',
      severity: translate('en-US', 'incidents.severities.serious'),
      kind: translate('en-US', 'incidents.kinds.abuse_neglect'),
    });
    expect(en).toBe('Hope Primary reported a safety incident (Suspected abuse or neglect, severity: Serious); please act on it');
    expect(incidentsEnUS.incidentChain.from.replace('{severity}', translate('en-US', 'incidents.severities.serious'))).toBe('Serious or worse');
  });
});
