import '../../i18n/compliance.ts';
import { BarChartOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Row, Segmented, Skeleton, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useRegions, useSchools } from '../../api/queries.ts';
import { hasRole, useMe } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { SchoolPicker } from '../../components/SchoolPicker.tsx';
import { useT } from '../../i18n/lang.tsx';
import { shanghaiTime } from '../../lib/dates.ts';
import { type Policy, type PolicyOwner, usePolicy } from './compliance.api.ts';
import { PolicyEditor } from './PolicyEditor.tsx';
import { RuleList, VersionsCard } from './PolicyParts.tsx';
import { RiskSettings } from './RiskSettings.tsx';

type Scope = 'region' | 'school';
const SOURCE_COLOR = { school: 'green', region: 'gold', default: 'default', regionOwn: 'green' } as const;

/** Where the rules in force today come from, the version, since when and by whom — and each version saved to begin later. */
function Source({ view, region }: { view: Policy; region: boolean }) {
  const t = useT();
  const source = region && view.source === 'region' ? 'regionOwn' : view.source;
  const hint = region ? (view.source === 'region' ? 'regionOwn' : 'regionDefault') : view.source;
  const v = view.current;
  return (
    <div style={{ marginBottom: 12 }}>
      <Flex gap={8} wrap align="center">
        <Tag color={SOURCE_COLOR[source]} style={{ fontSize: 14, padding: '2px 10px', marginInlineEnd: 0 }} data-testid="policy-source">
          {t(`carePolicy.source.${source}`)}
        </Tag>
        {v.version > 0 && (
          <>
            <Typography.Text strong>{t('carePolicy.version', { version: v.version })}</Typography.Text>
            <Typography.Text type="secondary">{t('carePolicy.effective', { date: v.effectiveFrom })}</Typography.Text>
            <Typography.Text type="secondary">
              {t('carePolicy.madeBy', { name: v.createdBy ?? t('carePolicy.system'), at: shanghaiTime(v.createdAt) })}
            </Typography.Text>
          </>
        )}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0', fontSize: 13 }}>
        {t(`carePolicy.sourceHint.${hint}`)}
      </Typography.Paragraph>
      {view.pending.map((p) => (
        <Pending key={p.id} version={p} />
      ))}
    </div>
  );
}

/** A version saved to begin later: when, and its rules on demand. */
function Pending({ version }: { version: Policy['pending'][number] }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginTop: 8 }}
      title={t('carePolicy.pending', { date: version.effectiveFrom, version: version.version })}
      description={open ? <RuleList rules={version.rules} descriptions={version.descriptions} testId="policy-pending-rule" /> : undefined}
      action={
        <Button size="small" type="link" onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="policy-pending-toggle">
          {open ? t('carePolicy.pendingHide') : t('carePolicy.pendingShow')}
        </Button>
      }
      data-testid="policy-pending"
    />
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
 * 关爱制度: a school's rules (its own, inherited from the region, or the default) as plain sentences, the
 * early-warning settings and every version; leaders change it as a new version from a date on. Bureau
 * officers keep the region's default at ?regionId=.
 */
export default function CarePolicyPage() {
  const t = useT();
  const navigate = useNavigate();
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const regional = hasRole(me, 'bureau_officer', 'system_admin');
  const schools = useSchools();
  const homeRegion = useHomeRegion(regional);
  const [editing, setEditing] = useState(false);

  const schoolParam = params.get('school');
  const regionParam = params.get('regionId');
  const scope: Scope = regional && !schoolParam ? 'region' : 'school';
  const schoolList = schools.data ?? [];
  const schoolId = scope === 'school' ? (schoolList.find((s) => s.id === schoolParam)?.id ?? schoolList[0]?.id) : undefined;
  const regionId = scope === 'region' ? (regionParam ?? homeRegion) : undefined;
  const owner: PolicyOwner | null = useMemo(() => (regionId ? { regionId } : schoolId ? { schoolId } : null), [regionId, schoolId]);
  const policy = usePolicy(owner);
  const view = policy.data;

  const set = (changes: Record<string, string | null>) => {
    setEditing(false);
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
  };

  if (schools.isLoading) return <PageLoading />;
  const inherited = new Set(view?.inherited.map((r) => r.key) ?? []);
  const compliance = scope === 'region' && regionId ? `/compliance?region=${regionId}` : schoolId ? `/compliance?school=${schoolId}` : '/compliance';

  return (
    <>
      <PageHeader
        title={t('carePolicy.title')}
        extra={
          <>
            <Button icon={<BarChartOutlined />} onClick={() => navigate(compliance)}>
              {t('nav.compliance')}
            </Button>
            {view?.canEdit && !editing && (
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="policy-edit">
                {t('carePolicy.edit')}
              </Button>
            )}
          </>
        }
      >
        <Flex gap={12} wrap align="center">
          {regional && (
            <Segmented<Scope>
              value={scope}
              onChange={(s) => set(s === 'region' ? { school: null } : { school: schoolList[0]?.id ?? null, regionId: null })}
              options={[
                { value: 'region', label: t('carePolicy.regionMode') },
                { value: 'school', label: t('carePolicy.schoolMode') },
              ]}
              disabled={editing}
              data-testid="policy-scope"
            />
          )}
          {scope === 'region' ? (
            <RegionTreeSelect value={regionId ?? null} onChange={(id) => id && set({ regionId: id })} style={{ minWidth: 220 }} data-testid="policy-region" />
          ) : (
            (regional || schoolList.length > 1) && (
              <SchoolPicker value={schoolId} onChange={(id) => set({ school: id })} schools={schoolList} disabled={editing} data-testid="policy-school" />
            )
          )}
        </Flex>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 13 }}>
          {t('carePolicy.intro')}
        </Typography.Paragraph>
      </PageHeader>
      <QueryError error={policy.error ?? schools.error} onRetry={() => policy.refetch()} />
      {!owner && !schools.isLoading && <Alert type="info" showIcon title={t('common.noSchool')} />}
      {policy.isLoading && <Skeleton active />}
      {view && owner && editing && (
        <PolicyEditor key={JSON.stringify(owner)} owner={owner} view={view} onDone={() => setEditing(false)} onCancel={() => setEditing(false)} />
      )}
      {view && !editing && (
        <Flex vertical gap={16}>
          <Card size="small" title={t('carePolicy.rules')} data-testid="policy-current">
            <Source view={view} region={scope === 'region'} />
            <RuleList rules={view.current.rules} descriptions={view.descriptions} inherited={inherited} testId="policy-rule" />
            {inherited.size > 0 && (
              <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
                {t('carePolicy.inheritedHint')}
              </Typography.Paragraph>
            )}
            {!view.canEdit && (
              <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
                {t('carePolicy.readOnly')}
              </Typography.Paragraph>
            )}
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('carePolicy.risk')} style={{ height: '100%' }}>
                <RiskSettings risk={view.current.risk} />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <VersionsCard versions={view.versions} />
            </Col>
          </Row>
        </Flex>
      )}
    </>
  );
}
