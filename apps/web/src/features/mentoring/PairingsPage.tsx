import '../../i18n/care.ts';
import { BulbOutlined, EditOutlined, SwapRightOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, Row, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { canManage } from '../../auth/permissions.ts';
import { useMe } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { SchoolPicker, useSelectedSchool } from '../../components/SchoolPicker.tsx';
import { useT } from '../../i18n/lang.tsx';
import { todayInShanghai } from '../../lib/dates.ts';
import { useTerms } from '../terms/terms.api.ts';
import { CarryModal } from './CarryModal.tsx';
import { MentorLoads } from './MentorLoads.tsx';
import { PairCard } from './PairCard.tsx';
import { PairingsTable } from './PairingsTable.tsx';
import { pairingsApi, type Suggestions, usePairingOverview } from './pairings.api.ts';
import { SuggestDrawer, type Warning } from './SuggestDrawer.tsx';

/** The school's limit warnings of the last pairing, until closed. */
function Warnings({ warnings, onClose }: { warnings: Warning[]; onClose: () => void }) {
  const t = useT();
  if (!warnings.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      closable={{ onClose }}
      style={{ marginBottom: 16 }}
      title={t('pairings.overLimit')}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {warnings.map((w) => (
            <li key={w.message}>{w.message}</li>
          ))}
        </ul>
      }
      data-testid="pairing-warnings"
    />
  );
}

/** 结对帮扶: mentors' loads, the children still without a mentor, pairing by hand or by suggestion, and the list. */
export default function PairingsPage() {
  const t = useT();
  const { message } = App.useApp();
  const me = useMe().data;
  const manage = canManage(me, 'pairings');
  const { schoolId, setSchoolId, schools } = useSelectedSchool();
  const overview = usePairingOverview(schoolId);
  const [mentorId, setMentorId] = useState<string | undefined>();
  const [warnings, setWarnings] = useState<Warning[]>([]);
  const [suggestions, setSuggestions] = useState<Suggestions | null>(null);
  const [suggesting, setSuggesting] = useState(false);
  const [carryOpen, setCarryOpen] = useState(false);
  const terms = useTerms(schoolId);
  const today = todayInShanghai();
  const currentTerm = useMemo(() => terms.data?.find((x) => x.startDate <= today && today <= x.endDate)?.id, [terms.data, today]);

  const suggest = async () => {
    if (!schoolId) return;
    setSuggesting(true);
    try {
      setSuggestions(await pairingsApi.suggest(schoolId));
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setSuggesting(false);
    }
  };

  if (schools.isLoading) return <PageLoading />;
  const o = overview.data;
  const editLimit = schoolId && canManage(me, 'schools') && `/schools?edit=${schoolId}&return=${encodeURIComponent(`/pairings?school=${schoolId}`)}`;

  return (
    <>
      <PageHeader
        title={t('pairings.title')}
        extra={
          manage && (
            <>
              <Button icon={<BulbOutlined />} onClick={suggest} loading={suggesting} disabled={!o?.unpaired.length} data-testid="pairing-suggest">
                {t('pairings.suggest')}
              </Button>
              <Button icon={<SwapRightOutlined />} onClick={() => setCarryOpen(true)} disabled={!schoolId} data-testid="pairing-carry">
                {t('pairings.carry')}
              </Button>
            </>
          )
        }
      >
        <Flex gap={12} wrap align="center">
          {(schools.data?.length ?? 0) > 1 && (
            <SchoolPicker value={schoolId} onChange={setSchoolId} schools={schools.data ?? []} loading={schools.isLoading} data-testid="pairing-school" />
          )}
          {o && (
            <Typography.Text data-testid="pairing-limit">
              {t('pairings.limit', { limit: o.limit })}
              {editLimit && (
                <Link to={editLimit} style={{ marginInlineStart: 8 }} data-testid="pairing-edit-limit">
                  <EditOutlined /> {t('pairings.editLimit')}
                </Link>
              )}
            </Typography.Text>
          )}
        </Flex>
        {o && (
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
            {t('pairings.intro', { limit: o.limit })}
          </Typography.Paragraph>
        )}
      </PageHeader>
      <QueryError error={overview.error ?? schools.error} onRetry={() => overview.refetch()} />
      <Warnings warnings={warnings} onClose={() => setWarnings([])} />
      {!schoolId && !schools.isLoading && <Alert type="info" showIcon title={t('common.noSchool')} />}
      {overview.isLoading && <PageLoading />}
      {o && schoolId && (
        <Flex vertical gap={16}>
          <Card
            size="small"
            title={
              <span>
                {t('pairings.mentors')}{' '}
                <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>
                  {t('pairings.mentorsHint')}
                </Typography.Text>
              </span>
            }
          >
            <MentorLoads mentors={o.mentors} selected={mentorId} onSelect={setMentorId} />
          </Card>
          <Row gutter={[16, 16]}>
            {manage && (
              <Col xs={24} lg={9}>
                {/* A new form for each school: a term chosen for one school is none of another's. */}
                <PairCard
                  key={schoolId}
                  schoolId={schoolId}
                  overview={o}
                  onCreated={(r) => setWarnings(r.warnings.map((w) => ({ mentorName: w.mentorName, message: w.message })))}
                />
              </Col>
            )}
            <Col xs={24} lg={manage ? 15 : 24}>
              <Card size="small" title={t('pairings.pairings')}>
                <PairingsTable schoolId={schoolId} mentors={o.mentors} mentorId={mentorId} onMentor={setMentorId} manage={manage} />
              </Card>
            </Col>
          </Row>
        </Flex>
      )}
      {suggestions && o && schoolId && (
        <SuggestDrawer
          key={schoolId}
          schoolId={schoolId}
          overview={o}
          termId={currentTerm}
          suggestions={suggestions}
          onClose={() => setSuggestions(null)}
          onAccepted={(w) => setWarnings(w)}
        />
      )}
      {schoolId && <CarryModal schoolId={schoolId} open={carryOpen} onClose={() => setCarryOpen(false)} />}
    </>
  );
}
