import '../../i18n/compliance.ts';
import { ComplianceReport, DueItemView, type PolicyBody, PolicyView, RiskView } from '@carebridge/shared';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.ts';
import { download } from '../../api/files.ts';
import { Items } from '../../api/queries.ts';

export type DueItem = z.infer<typeof DueItemView>;
export type DueStatus = DueItem['status'];
export type Risk = z.infer<typeof RiskView>;
export type Policy = z.infer<typeof PolicyView>;
export type Report = z.infer<typeof ComplianceReport>;
export type Group = Report['byRule'][number];
/** Counts and rate of a period (the report's `overall`). */
export type Counts = Report['overall'];

/** GET /api/due-items, every value a string as in the URL. */
export type DueQuery = Partial<
  Record<'schoolId' | 'classId' | 'childId' | 'mine' | 'responsibleId' | 'ruleKey' | 'from' | 'to' | 'status', string | undefined> & { limit: number }
>;
/** GET /api/compliance: a school or a region, and "2026-11", "term:<id>" or "2026-09-01..2026-11-30". */
export type ReportQuery = {
  schoolId?: string | undefined;
  regionId?: string | undefined;
  period: string;
  view?: 'full' | 'schools';
  /** One rule's counts only (a region's rule, school by school). */
  ruleKey?: string;
};
/** Whose policy: a school's, or a region's default. */
export type PolicyOwner = { schoolId: string } | { regionId: string };

/** One root, so that writing a care record (or a policy, or an excuse) refreshes every list, rate and risk at once. */
export const complianceKeys = {
  all: ['compliance'] as const,
  due: (q: DueQuery) => ['compliance', 'due', q] as const,
  report: (q: ReportQuery) => ['compliance', 'report', q] as const,
  risks: (schoolId: string | undefined) => ['compliance', 'risks', schoolId] as const,
  childRisk: (childId: string) => ['compliance', 'child-risk', childId] as const,
  policy: (owner: PolicyOwner | null) => ['compliance', 'policy', owner] as const,
};

const policyPath = (owner: PolicyOwner) => ('regionId' in owner ? `/care-policies/regions/${owner.regionId}` : `/care-policies/${owner.schoolId}`);

export const complianceApi = {
  due: (q: DueQuery) => api.get('/due-items', { query: q, schema: Items(DueItemView) }).then((r) => r.items),
  report: (q: ReportQuery) => api.get('/compliance', { query: q, schema: ComplianceReport }),
  risks: (schoolId: string) => api.get('/compliance/risks', { query: { schoolId }, schema: Items(RiskView) }).then((r) => r.items),
  childRisk: (childId: string) => api.get(`/children/${childId}/risk`, { schema: RiskView }),
  excuse: (body: { childId: string; ruleKey: string; windowStart: string; reason: string }) => api.post('/due-items/excuse', body),
  policy: (owner: PolicyOwner) => api.get(policyPath(owner), { schema: PolicyView }),
  savePolicy: (owner: PolicyOwner, body: PolicyBody) => api.put(policyPath(owner), body, { schema: PolicyView }),
  exportReport: (q: ReportQuery, fallbackName: string) => download('/compliance/export.xlsx', q, fallbackName),
};

/**
 * Due items are judged at request time from records: always fetched fresh when a page shows them.
 * `keepPrevious` keeps the last list on screen while a filter changes (not across children).
 */
export function useDueItems(q: DueQuery, enabled = true, keepPrevious = false) {
  return useQuery({
    queryKey: complianceKeys.due(q),
    queryFn: () => complianceApi.due(q),
    enabled,
    staleTime: 0,
    ...(keepPrevious ? { placeholderData: keepPreviousData } : {}),
  });
}

export function useReport(q: ReportQuery, enabled = true) {
  return useQuery({ queryKey: complianceKeys.report(q), queryFn: () => complianceApi.report(q), enabled, staleTime: 0, placeholderData: keepPreviousData });
}

export function useRisks(schoolId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: complianceKeys.risks(schoolId),
    queryFn: () => complianceApi.risks(schoolId ?? ''),
    enabled: enabled && !!schoolId,
    staleTime: 0,
  });
}

export function useChildRisk(childId: string, enabled = true) {
  return useQuery({ queryKey: complianceKeys.childRisk(childId), queryFn: () => complianceApi.childRisk(childId), enabled, staleTime: 0 });
}

export function usePolicy(owner: PolicyOwner | null) {
  return useQuery({ queryKey: complianceKeys.policy(owner), queryFn: () => complianceApi.policy(owner as PolicyOwner), enabled: !!owner });
}

/** After an excuse or a new policy: every to-do list, rate and risk level. */
export function useComplianceInvalidate() {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: complianceKeys.all });
}
