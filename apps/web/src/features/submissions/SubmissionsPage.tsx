import '../../i18n/reports.ts';
import { Alert, Flex, Typography } from 'antd';
import { hasRole, useMe } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { useT } from '../../i18n/lang.tsx';
import { ScopePicker, useReportScope } from '../stats/report-scope.tsx';
import { ClassRosterCard } from './ClassRosterCard.tsx';
import { RegionSubmissions } from './RegionSubmissions.tsx';
import { SchoolSubmissions } from './SchoolSubmissions.tsx';

/**
 * 花名册报送: a class teacher sends the class roster of the term to the school; the school's leaders
 * approve or return each class, then send the school's roster to the bureau, which approves or returns
 * it. Each side sees the states and dates of the other.
 */
export default function SubmissionsPage() {
  const t = useT();
  const me = useMe().data;
  const scope = useReportScope();
  const classes = (me?.roles ?? []).filter((r) => r.role === 'class_teacher' && r.scopeKind === 'class' && r.scopeId && r.schoolId);
  const readsSchool = hasRole(me, 'school_leader', 'moral_education', 'counsellor') || scope.regional;

  if (!me || scope.schools.isLoading) return <PageLoading />;
  return (
    <div data-testid="submissions-page">
      <PageHeader title={t('submissions.title')}>
        {readsSchool && <ScopePicker scope={scope} testId="submissions" />}
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 13 }}>
          {t('submissions.intro')}
        </Typography.Paragraph>
      </PageHeader>
      <Flex vertical gap={16}>
        {classes.map((r) => (
          <ClassRosterCard key={r.id} classId={r.scopeId ?? ''} schoolId={r.schoolId ?? ''} fallbackName={r.scopeName ?? ''} />
        ))}
        {readsSchool && scope.kind === 'region' && scope.regionId && (
          <RegionSubmissions regionId={scope.regionId} termLabel={scope.params.get('termLabel')} onTermLabel={(l) => scope.set({ termLabel: l })} />
        )}
        {readsSchool && scope.kind === 'school' && scope.schoolId && (
          <SchoolSubmissions
            key={scope.schoolId}
            schoolId={scope.schoolId}
            schoolName={scope.name ?? ''}
            termId={scope.params.get('term')}
            onTerm={(id) => scope.set({ term: id })}
          />
        )}
        {!readsSchool && classes.length === 0 && <Alert type="info" showIcon title={t('submissions.nothing')} />}
      </Flex>
    </div>
  );
}
