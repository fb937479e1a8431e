import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chainFor, DEFAULT_CHAIN, MANDATORY_QUESTIONS, type MandatoryAnswers, mandatorySituations, mayWithhold, NOTIFY_TARGETS } from './incidents.ts';

const on = '2026-11-20';
const girl = (age: number) => ({ gender: 'female', birthDate: `${2026 - age}-01-01` });
const boy = (age: number) => ({ gender: 'male', birthDate: `${2026 - age}-01-01` });
const find = (a: MandatoryAnswers, children = [boy(10)]) => mandatorySituations(a, children, on);

describe('mandatory reporting: the nine situations of the 2020 opinion', () => {
  it('1: injury to the private parts, any child', () => {
    expect(find({ privateInjury: true })).toEqual(['s1']);
    expect(find({ privateInjury: true }, [girl(15)])).toEqual(['s1']);
  });
  it('2: a girl under 14 sexually abused, pregnant or after an abortion', () => {
    expect(find({ sexualAbuse: true }, [girl(12)])).toEqual(['s2']);
    expect(find({ pregnancy: true }, [girl(13)])).toEqual(['s2']);
  });
  it('3: a girl of 14 or over pregnant as a result of sexual abuse — not pregnancy alone', () => {
    expect(find({ pregnancy: true, sexualAbuse: true }, [girl(15)])).toEqual(['s3']);
    expect(find({ pregnancy: true }, [girl(15)])).toEqual([]);
  });
  it('4: multiple injuries, malnutrition or unconsciousness only with suspected violence', () => {
    expect(find({ multipleInjuries: true, suspectedViolence: true })).toEqual(['s4']);
    expect(find({ severeMalnutrition: true, suspectedViolence: true })).toEqual(['s4']);
    expect(find({ unconscious: true, suspectedViolence: true })).toEqual(['s4']);
    // A fall on the playground: injuries without suspected violence is not reportable by itself.
    expect(find({ multipleInjuries: true })).toEqual([]);
    expect(find({ suspectedViolence: true })).toEqual([]);
  });
  it('4: a case reported as bullying or abuse is the suspected violence, box ticked or not', () => {
    expect(mandatorySituations({ multipleInjuries: true }, [boy(10)], on, 'bullying')).toEqual(['s4']);
    expect(mandatorySituations({ severeMalnutrition: true }, [boy(10)], on, 'abuse_neglect')).toEqual(['s4']);
    expect(mandatorySituations({ multipleInjuries: true }, [boy(10)], on, 'injury')).toEqual([]);
    expect(mandatorySituations({}, [boy(10)], on, 'bullying')).toEqual([]);
  });
  it('5 to 8: non-natural harm, abandonment, missing or trafficked, begging', () => {
    expect(find({ nonNaturalHarm: true })).toEqual(['s5']);
    expect(find({ abandoned: true })).toEqual(['s6']);
    expect(find({ missingOrTrafficked: true })).toEqual(['s7']);
    expect(find({ begging: true })).toEqual(['s8']);
  });
  it('9: other serious harm, and sexual abuse of a boy or an older girl', () => {
    expect(find({ otherSeriousHarm: true })).toEqual(['s9']);
    expect(find({ sexualAbuse: true }, [boy(9)])).toEqual(['s9']);
    expect(find({ sexualAbuse: true }, [girl(16)])).toEqual(['s9']);
  });
  it('the 2016 opinion: a child living alone, a guardian who does not care', () => {
    expect(find({ livingAlone: true })).toEqual(['r2016_alone']);
    expect(find({ guardianIncapable: true })).toEqual(['r2016_guardian']);
  });
  it('age is taken on the day of the incident, and unknown age reads as under 14', () => {
    // 14th birthday on 2026-11-21: on the 20th she is 13.
    expect(mandatorySituations({ pregnancy: true }, [{ gender: 'female', birthDate: '2012-11-21' }], on)).toEqual(['s2']);
    expect(mandatorySituations({ pregnancy: true }, [{ gender: 'female', birthDate: '2012-11-20' }], on)).toEqual([]);
    expect(mandatorySituations({ pregnancy: true }, [{ gender: 'female', birthDate: null }], on)).toEqual(['s2']);
  });
  it('no answers, or false answers, identify nothing', () => {
    expect(find({})).toEqual([]);
    expect(find(Object.fromEntries(MANDATORY_QUESTIONS.map((q) => [q, false])))).toEqual([]);
  });
  it('any answer set: situations are ordered, unique, and empty exactly when nothing reportable is answered', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...MANDATORY_QUESTIONS), fc.boolean()), fc.integer({ min: 3, max: 17 }), fc.boolean(), (a, age, female) => {
        const s = find(a, [female ? girl(age) : boy(age)]);
        expect(new Set(s).size).toBe(s.length);
        const alone = Object.entries(a)
          .filter(([, v]) => v)
          .map(([k]) => k);
        // Only the contextual questions can be answered without anything being reportable.
        const contextual = ['multipleInjuries', 'severeMalnutrition', 'unconscious', 'suspectedViolence', 'pregnancy'];
        if (alone.some((k) => !contextual.includes(k))) expect(s.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('notification chain', () => {
  it('the bureau is told of serious cases, and of any case the police must hear of', () => {
    expect(chainFor(DEFAULT_CHAIN, 'minor', false).map((s) => s.target)).toEqual(['school_leader', 'guardian', 'parents']);
    expect(chainFor(DEFAULT_CHAIN, 'serious', false).map((s) => s.target)).toContain('bureau');
    expect(chainFor(DEFAULT_CHAIN, 'minor', true).map((s) => s.target)).toContain('bureau');
  });
});

describe('a notification deliberately not given (不宜通知)', () => {
  it('is for the family only: the guardian and the parents, never the school leaders, the bureau or anyone else', () => {
    expect(NOTIFY_TARGETS.filter(mayWithhold)).toEqual(['guardian', 'parents']);
  });
});
