import type { MeResponse, Role } from '@carebridge/shared';
import { describe, expect, it } from 'vitest';
import { createsTerms, deletesRegion } from './permissions.ts';

const me = (...roles: { role: Role; schoolId?: string; regionId?: string }[]): MeResponse => ({
  user: { id: 'u', username: 'u', name: 'U', phone: null, mustChangePassword: false },
  csrfToken: 'x',
  roles: roles.map((r, i) => ({
    id: `r${i}`,
    role: r.role,
    scopeKind: r.schoolId ? 'school' : r.regionId ? 'region' : 'global',
    scopeId: r.schoolId ?? r.regionId ?? null,
    scopeName: null,
    schoolId: r.schoolId ?? null,
    regionId: r.regionId ?? null,
  })),
});

describe('who is shown the way to set up terms', () => {
  it('is whoever may create a term of the school: its leader, the bureau that sees it, the administrator', () => {
    expect(createsTerms(me({ role: 'school_leader', schoolId: 'a' }), 'a')).toBe(true);
    expect(createsTerms(me({ role: 'bureau_officer', regionId: 'county' }), 'a')).toBe(true);
    expect(createsTerms(me({ role: 'system_admin' }), 'a')).toBe(true);
  });

  it('is not the leader of another school, nor the moral-education office, counsellors or class teachers', () => {
    expect(createsTerms(me({ role: 'school_leader', schoolId: 'b' }), 'a')).toBe(false);
    expect(createsTerms(me({ role: 'moral_education', schoolId: 'a' }, { role: 'counsellor', schoolId: 'a' }), 'a')).toBe(false);
    expect(createsTerms(me({ role: 'class_teacher', schoolId: 'a' }), 'a')).toBe(false);
    expect(createsTerms(undefined, 'a')).toBe(false);
  });
});

describe('who is offered to delete a region', () => {
  const province = { id: 'p', parentId: null, path: '/p/' };
  const county = { id: 'c', parentId: 'p', path: '/p/c/' };
  const town = { id: 't', parentId: 'c', path: '/p/c/t/' };
  const regions = [province, county, town];

  it('is whoever may create it: the administrator any, a bureau officer those below its own region', () => {
    const officer = me({ role: 'bureau_officer', regionId: 'c' });
    expect(deletesRegion(officer, town, regions)).toBe(true);
    expect(deletesRegion(officer, county, regions)).toBe(false);
    expect(deletesRegion(officer, province, regions)).toBe(false);
    for (const r of regions) expect(deletesRegion(me({ role: 'system_admin' }), r, regions)).toBe(true);
    expect(deletesRegion(me({ role: 'school_leader', schoolId: 's' }), town, regions)).toBe(false);
  });
});
