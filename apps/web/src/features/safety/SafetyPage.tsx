import '../../i18n/activities.ts';
import { CalendarOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Flex, Grid, Row, Select, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { useMe } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { SchoolPicker, useSelectedSchool } from '../../components/SchoolPicker.tsx';
import { useT } from '../../i18n/lang.tsx';
import { todayInShanghai } from '../../lib/dates.ts';
import { leadsSafety, organisesAt, ownClasses } from '../activities/activity-format.tsx';
import { useTerms } from '../terms/terms.api.ts';
import { CoverageMatrix } from './CoverageMatrix.tsx';
import { DutiesCard } from './DutiesCard.tsx';
import { PlanCard } from './PlanCard.tsx';

/** The term shown: ?term= when it belongs to the school, else the one running today, else the latest. */
function useSelectedTerm(schoolId: string | undefined) {
  const [params, setParams] = useSearchParams();
  const terms = useTerms(schoolId);
  const list = terms.data ?? [];
  const today = todayInShanghai();
  const term =
    list.find((x) => x.id === params.get('term')) ??
    list.find((x) => x.startDate <= today && today <= x.endDate) ??
    [...list].sort((a, b) => b.startDate.localeCompare(a.startDate))[0];
  const setTermId = (id: string) =>
    setParams(
      (p) => {
        p.set('term', id);
        return p;
      },
      { replace: true },
    );
  return { term, terms, setTermId };
}

/** 安全教育: the term's planned topics, which classes have had each (from safety-education activities held), and who answers for what. */
export default function SafetyPage() {
  const t = useT();
  const navigate = useNavigate();
  const me = useMe().data;
  const mobile = Grid.useBreakpoint().md === false;
  const { schoolId, setSchoolId, schools } = useSelectedSchool();
  const { term, terms, setTermId } = useSelectedTerm(schoolId);
  const leads = leadsSafety(me, schoolId);
  const organises = !!schoolId && organisesAt(me, schoolId);
  const mine = new Set(ownClasses(me).map((k) => k.id));
  const plans = organises || ownClasses(me).some((k) => k.schoolId === schoolId);

  if (schools.isLoading) return <PageLoading />;
  const list = schools.data ?? [];

  return (
    <>
      <PageHeader
        title={t('safetyPage.title')}
        extra={
          <>
            <Button icon={<CalendarOutlined />} onClick={() => navigate(`/activities?kind=safety_education${schoolId ? `&school=${schoolId}` : ''}`)}>
              {t('activityList.title')}
            </Button>
            {plans && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => navigate(`/activities/new?school=${schoolId}&kind=safety_education`)}
                data-testid="safety-arrange"
              >
                {t('safetyPage.arrange')}
              </Button>
            )}
          </>
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('safetyPage.intro')}
        </Typography.Paragraph>
        <Flex gap={8} wrap align="center">
          {list.length > 1 && (
            <SchoolPicker value={schoolId} onChange={setSchoolId} schools={list} style={{ width: mobile ? '100%' : 240 }} data-testid="safety-school" />
          )}
          <Select
            value={term?.id}
            onChange={setTermId}
            loading={terms.isLoading}
            placeholder={t('safetyPage.pickTerm')}
            aria-label={t('safetyPage.term')}
            // On a phone the term's name alone: with its dates it is cut off (in English) at 390 px.
            options={(terms.data ?? []).map((x) => ({
              value: x.id,
              label: mobile ? x.name : t('terms.withDates', { name: x.name, start: x.startDate, end: x.endDate }),
            }))}
            style={{ width: mobile ? '100%' : 380 }}
            data-testid="safety-term"
          />
        </Flex>
      </PageHeader>
      <QueryError error={schools.error ?? terms.error} onRetry={() => terms.refetch()} />
      {!schoolId && <Alert type="info" showIcon title={t('common.noSchool')} />}
      {schoolId && terms.data && !term && (
        <Alert type="warning" showIcon title={t('safetyPage.noTerms')} style={{ marginBottom: 16 }} data-testid="safety-no-terms" />
      )}
      {schoolId && (
        <Row gutter={[16, 16]}>
          {term && (
            <>
              <Col xs={24}>
                <PlanCard key={`${schoolId}-${term.id}`} schoolId={schoolId} termId={term.id} editable={leads} />
              </Col>
              <Col xs={24}>
                <CoverageMatrix schoolId={schoolId} termId={term.id} arranges={(classId) => organises || mine.has(classId)} />
              </Col>
            </>
          )}
          <Col xs={24}>
            <DutiesCard key={schoolId} schoolId={schoolId} editable={leads} />
          </Col>
        </Row>
      )}
    </>
  );
}
