import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isIdNumber, makeIdNumber } from '../validators.ts';
import { ageAt, ageBand, birthRangeOfBand, checkChild, difficulties, idNumberFacts, isNarrow, leftBehindType, threeClear, xuejiCode } from './derive.ts';
import { CHILD_FIELD_META, CHILD_FIELDS, columnOf, fieldCodes } from './fields.ts';

describe('ages and bands', () => {
  it('counts full years, birthdays included', () => {
    expect(ageAt('2016-03-04', '2026-03-03')).toBe(9);
    expect(ageAt('2016-03-04', '2026-03-04')).toBe(10);
    expect(ageAt('2016-02-29', '2026-02-28')).toBe(9);
    expect(ageAt('2016-02-29', '2026-03-01')).toBe(10);
    expect(ageAt('2016-12-31', '2027-01-01')).toBe(10);
    expect(ageAt('2016-01-10', '2026-01-09')).toBe(9);
    expect(ageAt('2026-05-01', '2026-04-30')).toBe(-1);
  });
  it('bands 0-5, 6-13, 14-16 and nothing above', () => {
    expect(ageBand('2021-09-02', '2026-09-01')).toBe('0-5');
    expect(ageBand('2020-09-01', '2026-09-01')).toBe('6-13');
    expect(ageBand('2012-09-02', '2026-09-01')).toBe('6-13');
    expect(ageBand('2012-09-01', '2026-09-01')).toBe('14-16');
    expect(ageBand('2009-09-02', '2026-09-01')).toBe('14-16');
    expect(ageBand('2009-09-01', '2026-09-01')).toBeNull();
  });
  it('turns a band into the birth-date range that SQL filters with, agreeing with ageBand at the edges', () => {
    for (const band of ['0-5', '6-13', '14-16'] as const) {
      const { from, to } = birthRangeOfBand(band, '2026-09-01');
      expect(ageBand(from, '2026-09-01')).toBe(band);
      expect(ageBand(to, '2026-09-01')).toBe(band);
      const before = new Date(`${from}T00:00:00Z`);
      before.setUTCDate(before.getUTCDate() - 1);
      expect(ageBand(before.toISOString().slice(0, 10), '2026-09-01')).not.toBe(band);
    }
  });
});

describe('left-behind flags', () => {
  const kid = { birthDate: '2016-01-01', hukouRural: true };
  it('derives the left-behind type and the 学籍 code from the parents', () => {
    expect([leftBehindType({ fatherStatus: 'away', motherStatus: 'away' }), xuejiCode({ fatherStatus: 'away', motherStatus: 'away' })]).toEqual(['both', 2]);
    expect([leftBehindType({ fatherStatus: 'away', motherStatus: 'home' }), xuejiCode({ fatherStatus: 'away', motherStatus: 'home' })]).toEqual(['father', 1]);
    expect([leftBehindType({ fatherStatus: 'deceased', motherStatus: 'away' }), xuejiCode({ fatherStatus: 'deceased', motherStatus: 'away' })]).toEqual([
      'mother',
      1,
    ]);
    expect(xuejiCode({})).toBe(0);
  });
  it('applies the narrow definition: rural, under 16, both away or one away and the other incapable', () => {
    expect(isNarrow({ ...kid, fatherStatus: 'away', motherStatus: 'away' }, '2026-09-01')).toBe(true);
    expect(isNarrow({ ...kid, fatherStatus: 'away', motherStatus: 'home_incapable' }, '2026-09-01')).toBe(true);
    expect(isNarrow({ ...kid, fatherStatus: 'away', motherStatus: 'home' }, '2026-09-01')).toBe(false);
    expect(isNarrow({ ...kid, hukouRural: false, fatherStatus: 'away', motherStatus: 'away' }, '2026-09-01')).toBe(false);
    expect(isNarrow({ ...kid, birthDate: '2010-08-31', fatherStatus: 'away', motherStatus: 'away' }, '2026-09-01')).toBe(false);
    expect(isNarrow({ ...kid, birthDate: '2010-09-02', fatherStatus: 'away', motherStatus: 'away' }, '2026-09-01')).toBe(true);
  });
  it('lists 困境 categories beside the left-behind flags', () => {
    expect(difficulties({ assistance: ['dibao'], health: 'disabled', custodyQuality: 'unsupervised' })).toEqual(['poverty', 'disability', 'guardianship']);
    expect(difficulties({ fatherStatus: 'deceased', motherStatus: 'deceased' })).toEqual(['orphan']);
    expect(difficulties({ fatherStatus: 'deceased', motherStatus: 'unknown' })).toEqual(['unsupported']);
    expect(difficulties({ fatherStatus: 'away', motherStatus: 'away', custodyQuality: 'good' })).toEqual([]);
  });
  it('says which of the three things are known (三个清楚)', () => {
    const full = {
      name: '张三',
      birthDate: '2016-01-01',
      address: '村',
      studyLevel: 'good',
      psychologyLevel: 'good',
      safetyLevel: 'good',
      conductLevel: 'good',
      lifeLevel: 'good',
      fatherStatus: 'away',
      fatherWorkProvince: '广东',
      fatherWorkCity: '深圳',
      fatherPhone: '13800138000',
      motherStatus: 'home',
      guardianName: '李四',
      guardianAddress: '村',
      guardianPhone: '13800138001',
    };
    expect(threeClear(full).complete).toBe(true);
    expect(threeClear({ ...full, fatherPhone: null })).toMatchObject({ parents: false, complete: false, child: true, guardian: true });
    expect(threeClear({ ...full, psychologyLevel: null })).toMatchObject({ child: false });
    expect(threeClear({ ...full, guardianAddress: ' ' })).toMatchObject({ guardian: false });
  });
});

describe('ID numbers and cross-field checks', () => {
  it('reads birth date and gender from an ID number', () => {
    const id = makeIdNumber('530102', '2016-03-04', 7, 'female');
    expect(isIdNumber(id)).toBe(true);
    expect(idNumberFacts(id)).toEqual({ birthDate: '2016-03-04', gender: 'female' });
    expect(idNumberFacts('530102201603040000')).toBeNull();
  });
  it('names the field of every disagreement', () => {
    const today = '2026-11-20';
    const id = makeIdNumber('530102', '2016-03-04', 1, 'male');
    expect(checkChild({ birthDate: '2016-03-04', gender: 'male', idNumber: id }, today)).toEqual([]);
    expect(checkChild({ birthDate: '2016-03-05', gender: 'female', idNumber: id }, today).map((p) => p.path)).toEqual(['idNumber', 'idNumber']);
    expect(checkChild({ birthDate: '2027-01-01' }, today)[0]).toMatchObject({ path: 'birthDate', message: 'validation.date_future' });
    expect(checkChild({ birthDate: '1990-01-01' }, today)[0]).toMatchObject({ message: 'validation.child_too_old' });
    expect(checkChild({ fatherIdNumber: makeIdNumber('530102', '1985-01-01', 1, 'female') }, today)[0]).toMatchObject({ path: 'fatherIdNumber' });
    expect(checkChild({ health: 'disabled' }, today)[0]).toMatchObject({ path: 'disabilityCategory' });
    expect(checkChild({ boarding: 'host' }, today)[0]).toMatchObject({ path: 'hostName' });
    expect(checkChild({ birthDate: '2016-01-01', motherBirthDate: '2017-01-01' }, today)[0]).toMatchObject({ path: 'motherBirthDate' });
    const gid = makeIdNumber('530102', '1960-01-01', 1, 'female');
    expect(checkChild({ guardianIdNumber: gid, guardianAge: 50 }, today)[0]).toMatchObject({ path: 'guardianAge', params: { age: 66 } });
  });
});

describe('field registry', () => {
  it('describes every field exactly once, with codes for coded kinds', () => {
    expect(Object.keys(CHILD_FIELD_META).sort()).toEqual(Object.keys(CHILD_FIELDS).sort());
    for (const [k, m] of Object.entries(CHILD_FIELD_META)) {
      if (m.kind === 'enum' || m.kind === 'multi') expect(fieldCodes(k as never)?.length, k).toBeGreaterThan(0);
    }
    expect(columnOf('fatherWorkProvince')).toBe('father_work_province');
  });
  it('reads a blank optional field as unknown, leaves an absent one out and still checks a present one', () => {
    const fields = z.object(CHILD_FIELDS);
    const base = { name: '张三', gender: 'male', birthDate: '2015-03-04', schoolId: 's1' };
    const blank = fields.parse({ ...base, address: '  ', fatherPhone: '' });
    expect(blank).toMatchObject({ address: null, fatherPhone: null });
    expect(Object.keys(blank).sort()).toEqual(['address', 'birthDate', 'fatherPhone', 'gender', 'name', 'schoolId']);
    expect(fields.parse({ ...base, idNumber: null }).idNumber).toBeNull();
    const bad = fields.safeParse({ ...base, fatherPhone: '12', birthDate: '2015-02-30' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path[0]).sort()).toEqual(['birthDate', 'fatherPhone']);
  });
});

describe('labels', () => {
  it('has a Chinese and an English label for every field and every code', async () => {
    const { hasKey } = await import('../i18n/index.ts');
    const { CODE_LISTS } = await import('./codes.ts');
    for (const lang of ['zh-CN', 'en-US'] as const) {
      for (const k of Object.keys(CHILD_FIELDS)) expect(hasKey(lang, `childFields.${k}`), `${lang} ${k}`).toBe(true);
      for (const [list, values] of Object.entries(CODE_LISTS))
        for (const v of values) expect(hasKey(lang, `codes.${list}.${v}`), `${lang} ${list}.${v}`).toBe(true);
    }
  });
});
