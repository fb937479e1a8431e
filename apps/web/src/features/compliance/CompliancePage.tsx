import '../../i18n/compliance.ts';
import { DownloadOutlined, ProfileOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, Row, Segmented, Statistic, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useRegions, useSchools } from '../../api/queries.ts';
import { hasRole, useMe } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { SchoolPicker } from '../../components/SchoolPicker.tsx';
import { useT } from '../../i18n/lang.tsx';
import { todayInShanghai } from '../../lib/dates.ts';
import { complianceApi, type Group, type ReportQuery, useReport } from './compliance.api.ts';
import { RED, rateColor, rateText } from './compliance-format.tsx';
import { type Drill, DrillDrawer, drillParam, parseDrill } from './DrillDrawer.tsx';
import { GroupTable } from './GroupTable.tsx';
import { PeriodPicker } from './PeriodPicker.tsx';
import { RuleSchoolsDrawer, schoolRuleLink } from './RuleSchoolsDrawer.tsx';
import { rateNote, shownRate } from './rates.ts';

type Scope = 'region' | 'school';

function Figure({
  title,
  value,
  color,
  testId,
  span,
  note,
}: {
  title: string;
  value: string | number;
  color?: string | undefined;
  testId?: string;
  span: object;
  /** A line under the figure (why there is no rate, or how many items are still in progress). */
  note?: string | undefined;
}) {
  return (
    <Col {...span}>
      <Card size="small" style={{ height: '100%' }}>
        <Statistic
          title={title}
          value={value}
          formatter={() => (
            <span data-testid={testId} style={{ color, fontVariantNumeric: 'tabular-nums' }}>
              {value}
            </span>
          )}
        />
        {note && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={testId ? `${testId}-note` : undefined}>
            {note}
          </Typography.Text>
        )}
      </Card>
    </Col>
  );
}

/** The region a bureau officer works for; for an administrator the top of the tree. */
function useHomeRegion(enabled: boolean): string | undefined {
  const me = useMe().data;
  const regions = useRegions();
  const own = me?.roles.find((r) => r.role === 'bureau_officer' && r.regionId)?.regionId ?? undefined;
  if (!enabled) return undefined;
  return own ?? regions.data?.find((r) => !r.parentId)?.id;
}

/**
 * 关爱工作完成情况: for a month, a term or any range — the overall rate and counts, and the rates by rule,
 * class and teacher (by school for a region); a row opens its items; the whole report exports to Excel.
 */
export default function CompliancePage() {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const regional = hasRole(me, 'bureau_officer', 'system_admin');
  const schools = useSchools();
  const homeRegion = useHomeRegion(regional);
  const today = todayInShanghai();
  const [exporting, setExporting] = useState(false);

  const schoolParam = params.get('school');
  const scope: Scope = regional && !schoolParam ? 'region' : 'school';
  const regionId = scope === 'region' ? (params.get('region') ?? homeRegion) : undefined;
  const schoolList = schools.data ?? [];
  const schoolId = scope === 'school' ? (schoolList.find((s) => s.id === schoolParam)?.id ?? schoolList[0]?.id) : undefined;
  const period = params.get('period') ?? today.slice(0, 7);
  const drill = scope === 'school' ? parseDrill(params.get('drill')) : null;
  // A region's rule, school by school.
  const regionRule = scope === 'region' ? params.get('rule') : null;

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

  // A region's page shows schools and rules; its export keeps every list.
  const query: ReportQuery = scope === 'region' ? { regionId, period } : { schoolId, period };
  const pageQuery: ReportQuery = scope === 'region' ? { ...query, view: 'schools' } : query;
  const ready = scope === 'region' ? !!regionId : !!schoolId;
  const report = useReport(pageQuery, ready);
  const r = report.data;
  const groupOf = (d: Drill): Group | undefined => {
    const list = d.kind === 'rule' ? r?.byRule : d.kind === 'class' ? r?.byClass : r?.byMentor;
    return list?.find((g) => g.id === d.id);
  };
  const open = (kind: Drill['kind']) => (g: Group) => set({ drill: drillParam({ kind, id: g.id }) });
  const schoolName = useMemo(() => new Map(schoolList.map((s) => [s.id, s.name])), [schoolList]);

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const name = await complianceApi.exportReport(query, `${t('compliance.title')}-${r ? `${r.from}_${r.to}` : period}.xlsx`);
      message.success(t('compliance.exported', { name }));
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setExporting(false);
    }
  };

  if (schools.isLoading) return <PageLoading />;
  const span = { xs: 12, sm: 8, lg: 4 };
  const o = r?.overall;
  const shown = shownRate(r, today);

  return (
    <>
      <PageHeader
        title={t('compliance.title')}
        extra={
          <>
            <Button
              icon={<ProfileOutlined />}
              onClick={() => navigate(`/care-policy${scope === 'region' && regionId ? `?regionId=${regionId}` : schoolId ? `?school=${schoolId}` : ''}`)}
            >
              {t('nav.carePolicy')}
            </Button>
            <Button type="primary" icon={<DownloadOutlined />} onClick={exportXlsx} loading={exporting} disabled={!ready} data-testid="compliance-export">
              {t('compliance.export')}
            </Button>
          </>
        }
      >
        <Flex gap={12} wrap align="center">
          {regional && (
            <Segmented<Scope>
              value={scope}
              onChange={(s) => set(s === 'region' ? { school: null, drill: null } : { school: schoolList[0]?.id ?? null, region: null, rule: null })}
              options={[
                { value: 'region', label: t('compliance.regionMode') },
                { value: 'school', label: t('compliance.schoolMode') },
              ]}
              data-testid="compliance-scope"
            />
          )}
          {scope === 'region' ? (
            <RegionTreeSelect
              value={regionId ?? null}
              onChange={(id) => id && set({ region: id })}
              placeholder={t('compliance.pickRegion')}
              style={{ minWidth: 220 }}
              data-testid="compliance-region"
            />
          ) : (
            (regional || schoolList.length > 1) && (
              <SchoolPicker value={schoolId} onChange={(id) => set({ school: id, drill: null })} schools={schoolList} data-testid="compliance-school" />
            )
          )}
          <PeriodPicker key={scope} value={period} onChange={(p) => set({ period: p, drill: null })} schoolId={schoolId} />
        </Flex>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 13 }}>
          {t('compliance.intro')}
        </Typography.Paragraph>
      </PageHeader>
      <QueryError error={report.error ?? schools.error} onRetry={() => report.refetch()} />
      {!ready && !schools.isLoading && <Alert type="info" showIcon title={t('common.noSchool')} />}
      {ready && (
        <Flex vertical gap={16} style={{ opacity: report.isPlaceholderData ? 0.6 : 1, transition: 'opacity .2s' }}>
          {r && (
            <Typography.Text type="secondary" data-testid="compliance-period">
              {scope === 'school' && schoolId ? `${schoolName.get(schoolId) ?? ''} · ` : ''}
              {/* A date is not broken at its hyphens on a phone ("2026-12-" / "31"). */}
              <span style={{ whiteSpace: 'nowrap' }}>{t('compliance.range', { from: r.from, to: r.to })}</span>
            </Typography.Text>
          )}
          <Row gutter={[12, 12]}>
            <Figure
              span={span}
              title={t('compliance.rate')}
              value={rateText(shown.rate)}
              color={rateColor(shown.rate, shown.due)}
              note={rateNote(t, shown)}
              testId="compliance-rate"
            />
            <Figure span={span} title={t('compliance.total')} value={o?.total ?? '—'} testId="compliance-total" />
            <Figure span={span} title={t('compliance.done')} value={o?.done ?? '—'} color="#389e0d" testId="compliance-done" />
            <Figure span={span} title={t('compliance.overdue')} value={o?.overdue ?? '—'} color={o?.overdue ? RED : undefined} testId="compliance-overdue" />
            <Figure span={span} title={t('compliance.due')} value={o?.due ?? '—'} testId="compliance-due" />
            <Figure span={span} title={`${t('compliance.excused')} / ${t('compliance.upcoming')}`} value={o ? `${o.excused} / ${o.upcoming}` : '—'} />
          </Row>
          {scope === 'region' && (
            <GroupTable
              title={t('compliance.bySchool')}
              nameTitle={t('compliance.school')}
              rows={r?.bySchool ?? []}
              loading={report.isLoading}
              total={o}
              testId="compliance-by-school"
              hint={t('compliance.schoolHint')}
              onOpen={(g) => g.id && set({ school: g.id, region: null, drill: null, rule: null })}
              name={(g) => (
                <Flex vertical>
                  <Link to={`/compliance?school=${g.id}&period=${encodeURIComponent(period)}`} onClick={(e) => e.stopPropagation()}>
                    {g.name}
                  </Link>
                  {g.total === 0 && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="compliance-school-nothing-due">
                      {t('compliance.schoolNothingDue')}
                    </Typography.Text>
                  )}
                </Flex>
              )}
            />
          )}
          <GroupTable
            title={t('compliance.byRule')}
            nameTitle={t('compliance.rule')}
            rows={r?.byRule ?? []}
            loading={report.isLoading}
            total={o}
            testId="compliance-by-rule"
            hint={t(scope === 'region' ? 'compliance.ruleHint' : 'compliance.drillHint')}
            onOpen={scope === 'school' ? open('rule') : (g) => g.id && set({ rule: g.id })}
          />
          {/* Side by side only where both fit whole (nine columns each): one under the other on a 1366 px screen. */}
          {scope === 'school' && (
            <Row gutter={[16, 16]}>
              <Col xs={24} xxl={12}>
                <GroupTable
                  title={t('compliance.byClass')}
                  nameTitle={t('compliance.class')}
                  rows={r?.byClass ?? []}
                  loading={report.isLoading}
                  total={o}
                  testId="compliance-by-class"
                  hint={t('compliance.drillHint')}
                  onOpen={open('class')}
                />
              </Col>
              <Col xs={24} xxl={12}>
                <GroupTable
                  title={t('compliance.byMentor')}
                  nameTitle={t('compliance.mentor')}
                  rows={r?.byMentor ?? []}
                  loading={report.isLoading}
                  total={o}
                  testId="compliance-by-mentor"
                  hint={t('compliance.drillHint')}
                  onOpen={open('mentor')}
                  name={(g) => (g.id ? g.name : <Typography.Text type="danger">{g.name}</Typography.Text>)}
                />
              </Col>
            </Row>
          )}
        </Flex>
      )}
      {regionRule && regionId && (
        <RuleSchoolsDrawer
          key={`${regionRule}|${regionId}|${period}`}
          regionId={regionId}
          period={period}
          ruleKey={regionRule}
          group={r?.byRule.find((g) => g.id === regionRule)}
          schoolLink={(id) => schoolRuleLink(id, period, regionRule)}
          onClose={() => set({ rule: null })}
        />
      )}
      {drill && schoolId && r && (
        <DrillDrawer
          key={`${drillParam(drill)}|${r.from}|${r.to}`}
          schoolId={schoolId}
          from={r.from}
          to={r.to}
          drill={drill}
          group={groupOf(drill)}
          onClose={() => set({ drill: null })}
        />
      )}
    </>
  );
}
