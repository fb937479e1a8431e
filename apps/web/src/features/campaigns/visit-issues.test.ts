import { describe, expect, it } from 'vitest';
import { visitIssues } from './visit-issues.ts';

const AT = '2026-12-01T00:48:00.000Z';

describe('visitIssues', () => {
  it('counts the checklist items a visit answered with an issue', () => {
    expect(visitIssues({ visitedAt: AT, answers: { safety: 'issue', study: 'ok', phone: 'issue', guardian: 'na' } })).toBe(2);
  });

  it('finds nothing to follow up when every item was fine or did not apply', () => {
    expect(visitIssues({ visitedAt: AT, answers: { safety: 'ok', guardian: 'na' } })).toBe(0);
    expect(visitIssues({ visitedAt: AT, answers: {} })).toBe(0);
  });

  it('counts nothing for a place not yet visited, whatever answers it holds', () => {
    expect(visitIssues({ visitedAt: null, answers: { safety: 'issue' } })).toBe(0);
  });
});
