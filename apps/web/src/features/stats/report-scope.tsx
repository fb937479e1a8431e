import { Flex, Segmented } from 'antd';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { useRegions, useSchools } from '../../api/queries.ts';
import { hasRole, useMe } from '../../auth/session.ts';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { SchoolPicker } from '../../components/SchoolPicker.tsx';
import { useT } from '../../i18n/lang.tsx';

export type ScopeKind = 'region' | 'school';

/**
 * Whose figures a report page shows, kept in the URL as the compliance page keeps it (?school=… or
 * ?region=…): a leader's own school; a bureau officer its region (the default) or one of its schools.
 */
export function useReportScope() {
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const regional = hasRole(me, 'bureau_officer', 'system_admin');
  const schools = useSchools();
  const regions = useRegions();
  const ownRegion = me?.roles.find((r) => r.role === 'bureau_officer' && r.regionId)?.regionId ?? undefined;
  const homeRegion = regional ? (ownRegion ?? regions.data?.find((r) => !r.parentId)?.id) : undefined;
  const schoolParam = params.get('school');
  const kind: ScopeKind = regional && !schoolParam ? 'region' : 'school';
  const schoolList = schools.data ?? [];
  const schoolId = kind === 'school' ? (schoolList.find((s) => s.id === schoolParam)?.id ?? schoolList[0]?.id) : undefined;
  const regionId = kind === 'region' ? (params.get('region') ?? homeRegion) : undefined;
  const schoolName = schoolList.find((s) => s.id === schoolId)?.name;
  const regionName = regions.data?.find((r) => r.id === regionId)?.name;

  /** Change URL parameters (null removes one), replacing the history entry as the other list pages do. */
  const set = (changes: Record<string, string | null>) =>
    setParams(
      (p) => {
        for (const [k, v] of Object.entries(changes)) {
          if (v === null) p.delete(k);
          else p.set(k, v);
        }
        return p;
      },
      { replace: true },
    );

  return {
    kind,
    regional,
    schoolId,
    regionId,
    /** The school's or the region's name, once known. */
    name: kind === 'school' ? schoolName : regionName,
    schools,
    schoolList,
    params,
    set,
    ready: kind === 'region' ? !!regionId : !!schoolId,
    /** `{ schoolId }` or `{ regionId }`, as the reporting endpoints take it. */
    query: kind === 'region' ? { regionId } : { schoolId },
  };
}

export type ReportScopeState = ReturnType<typeof useReportScope>;

/** Region / school switch for bureau officers, then the region tree or the school select (hidden for a leader of one school). */
export function ScopePicker({ scope, extra, testId }: { scope: ReportScopeState; extra?: ReactNode; testId: string }) {
  const t = useT();
  const { kind, regional, schoolList, set } = scope;
  return (
    <Flex gap={12} wrap align="center">
      {regional && (
        <Segmented<ScopeKind>
          value={kind}
          onChange={(k) => set(k === 'region' ? { school: null } : { school: schoolList[0]?.id ?? null, region: null })}
          options={[
            { value: 'region', label: t('stats.regionMode') },
            { value: 'school', label: t('stats.schoolMode') },
          ]}
          data-testid={`${testId}-scope`}
        />
      )}
      {kind === 'region' ? (
        <RegionTreeSelect
          value={scope.regionId ?? null}
          onChange={(id) => id && set({ region: id })}
          placeholder={t('stats.pickRegion')}
          style={{ minWidth: 220 }}
          data-testid={`${testId}-region`}
        />
      ) : (
        (regional || schoolList.length > 1) && (
          <SchoolPicker value={scope.schoolId} onChange={(id) => set({ school: id })} schools={schoolList} data-testid={`${testId}-school`} />
        )
      )}
      {extra}
    </Flex>
  );
}
