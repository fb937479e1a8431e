import { AlertOutlined, CheckCircleFilled, RightOutlined, WarningFilled } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { QueryError } from '../../components/QueryError.tsx';
import { SchoolPicker, useSelectedSchool } from '../../components/SchoolPicker.tsx';
import { useT } from '../../i18n/lang.tsx';
import { todayInShanghai } from '../../lib/dates.ts';
import { type Risk, useReport, useRisks } from './compliance.api.ts';
import { addDays, RateBar, RED, RiskTag, rateColor, rateText } from './compliance-format.tsx';
import { RiskReasons } from './RiskReasons.tsx';
import { rateNote, shownRate } from './rates.ts';

const RISKS_SHOWN = 8;
const UNPAIRED_SHOWN = 5;
const MENTORS_SHOWN = 8;

function RiskRow({ r, hideNoMentor }: { r: Risk; hideNoMentor?: boolean }) {
  const t = useT();
  return (
    <div style={{ padding: '8px 0', borderBottom: '1px solid #f5f5f5' }} data-testid="risk-row">
      <Flex align="center" gap={8} wrap>
        <RiskTag level={r.level} />
        <Link to={`/children/${r.childId}`} style={{ fontWeight: 600 }}>
          {r.name}
        </Link>
        {r.className && <Typography.Text type="secondary">{r.className}</Typography.Text>}
        {r.keySupport && (
          <Tag color="magenta" style={{ marginInlineEnd: 0 }}>
            {t('risk.keySupport')}
          </Tag>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 'auto' }}>
          {t('risk.score', { score: r.score })}
        </Typography.Text>
      </Flex>
      <div style={{ marginTop: 4 }}>
        <RiskReasons reasons={hideNoMentor ? r.reasons.filter((x) => x.signal !== 'noMentor') : r.reasons} />
      </div>
    </div>
  );
}

function Figure({
  title,
  value,
  suffix,
  color,
  onClick,
  testId,
  note,
}: {
  title: string;
  value: string | number;
  suffix?: string;
  /** A line under the figure (why there is no rate, or how many items are still in progress). */
  note?: string | undefined;
  color?: string | undefined;
  onClick?: () => void;
  testId: string;
}) {
  return (
    <Card size="small" hoverable={!!onClick} onClick={onClick} data-testid={testId} style={{ height: '100%' }}>
      <Statistic title={title} value={value} suffix={suffix} styles={{ content: { color, fontVariantNumeric: 'tabular-nums' } }} />
      {note && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`${testId}-note`}>
          {note}
        </Typography.Text>
      )}
    </Card>
  );
}

/**
 * The leader's view on the workbench: first the high-risk children still without a mentor, then this
 * month's figures, the early-warning list and the teachers with the most overdue care.
 */
export function LeaderPanel() {
  const t = useT();
  const navigate = useNavigate();
  const { schoolId, setSchoolId, schools } = useSelectedSchool();
  const today = todayInShanghai();
  const month = today.slice(0, 7);
  const recent = `${addDays(today, -90)}..${today}`;
  const monthReport = useReport({ schoolId, period: month }, !!schoolId);
  const recentReport = useReport({ schoolId, period: recent }, !!schoolId);
  const risks = useRisks(schoolId);
  const [allRisks, setAllRisks] = useState(false);
  const [allUnpaired, setAllUnpaired] = useState(false);

  if (schools.isLoading) return <Skeleton active />;
  if (!schoolId) return null;
  const list = risks.data ?? [];
  const unpairedHigh = list.filter((r) => r.level === 'high' && !r.hasMentor);
  const warned = list.filter((r) => r.level !== 'low');
  const unpaired = list.filter((r) => !r.hasMentor).length;
  const high = list.filter((r) => r.level === 'high').length;
  const monthRate = shownRate(monthReport.data, today);
  const mentors = (recentReport.data?.byMentor ?? [])
    .filter((m) => m.overdue > 0)
    .sort((a, b) => b.overdue - a.overdue)
    .slice(0, MENTORS_SHOWN);
  const compliance = (extra: Record<string, string>) => `/compliance?${new URLSearchParams({ school: schoolId, ...extra }).toString()}`;
  const pairings = `/pairings?school=${schoolId}`;

  return (
    <Flex vertical gap={16} data-testid="workbench-leader">
      {(schools.data?.length ?? 0) > 1 && (
        <SchoolPicker value={schoolId} onChange={setSchoolId} schools={schools.data ?? []} style={{ alignSelf: 'start' }} data-testid="workbench-school" />
      )}
      <QueryError
        error={risks.error ?? monthReport.error ?? recentReport.error}
        onRetry={() => void Promise.all([risks.refetch(), monthReport.refetch(), recentReport.refetch()])}
      />
      <Card
        size="small"
        title={
          // On a phone the title wraps beside the button instead of running under it.
          <Flex align="center" gap={8} style={{ color: unpairedHigh.length ? RED : undefined, whiteSpace: 'normal', padding: '4px 0' }}>
            <WarningFilled />
            <span style={{ minWidth: 0 }}>{t('leader.unpairedTitle')}</span>
            {risks.data && (
              <Tag color={unpairedHigh.length ? 'red' : 'green'} style={{ flexShrink: 0 }}>
                {unpairedHigh.length}
              </Tag>
            )}
          </Flex>
        }
        extra={
          unpairedHigh.length > 0 && (
            <Button type="primary" danger size="small" onClick={() => navigate(pairings)} data-testid="workbench-go-pair">
              {t('leader.goPair')} <RightOutlined />
            </Button>
          )
        }
        style={{ borderColor: unpairedHigh.length ? '#ffa39e' : undefined }}
        data-testid="workbench-risk-unpaired"
      >
        {risks.isLoading ? (
          <Skeleton active paragraph={{ rows: 2 }} />
        ) : unpairedHigh.length === 0 ? (
          <Typography.Text type="success">
            <CheckCircleFilled /> {t('leader.unpairedNone')}
          </Typography.Text>
        ) : (
          <>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {t('leader.unpairedHint')}
            </Typography.Text>
            {(allUnpaired ? unpairedHigh : unpairedHigh.slice(0, UNPAIRED_SHOWN)).map((r) => (
              <RiskRow key={r.childId} r={r} hideNoMentor />
            ))}
            {unpairedHigh.length > UNPAIRED_SHOWN && (
              <Flex justify="center">
                <Button type="link" onClick={() => setAllUnpaired(!allUnpaired)}>
                  {allUnpaired ? t('due.showLess') : t('due.showAll', { count: unpairedHigh.length })}
                </Button>
              </Flex>
            )}
          </>
        )}
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}>
          <Figure
            title={t('leader.monthRate')}
            value={rateText(monthRate.rate)}
            color={rateColor(monthRate.rate, monthRate.due)}
            note={rateNote(t, monthRate)}
            onClick={() => navigate(compliance({ period: month }))}
            testId="workbench-rate"
          />
        </Col>
        <Col xs={12} md={6}>
          <Figure
            title={t('leader.overdue90')}
            value={recentReport.data?.overall.overdue ?? '—'}
            suffix={recentReport.data ? t('leader.countUnit') : undefined}
            color={recentReport.data?.overall.overdue ? RED : undefined}
            onClick={() => navigate(compliance({ period: recent }))}
            testId="workbench-overdue-count"
          />
        </Col>
        <Col xs={12} md={6}>
          <Figure
            title={t('leader.unpaired')}
            value={risks.data ? unpaired : '—'}
            suffix={risks.data ? t('leader.childUnit') : undefined}
            color={unpaired ? '#d46b08' : undefined}
            onClick={() => navigate(pairings)}
            testId="workbench-unpaired"
          />
        </Col>
        <Col xs={12} md={6}>
          <Figure
            title={t('leader.highRisk')}
            value={risks.data ? high : '—'}
            suffix={risks.data ? t('leader.childUnit') : undefined}
            color={high ? RED : undefined}
            onClick={() => document.getElementById('workbench-risks')?.scrollIntoView({ behavior: 'smooth' })}
            testId="workbench-high-risk"
          />
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card
            size="small"
            id="workbench-risks"
            title={
              <Flex align="center" gap={8}>
                <AlertOutlined style={{ color: '#d46b08' }} />
                {t('leader.riskTitle')}
                {risks.data && <Tag>{warned.length}</Tag>}
              </Flex>
            }
            data-testid="workbench-risks"
          >
            {risks.isLoading ? (
              <Skeleton active />
            ) : warned.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('leader.riskEmpty')} />
            ) : (
              <>
                {(allRisks ? warned : warned.slice(0, RISKS_SHOWN)).map((r) => (
                  <RiskRow key={r.childId} r={r} />
                ))}
                {warned.length > RISKS_SHOWN && (
                  <Flex justify="center">
                    <Button type="link" onClick={() => setAllRisks(!allRisks)}>
                      {allRisks ? t('due.showLess') : t('due.showAll', { count: warned.length })}
                    </Button>
                  </Flex>
                )}
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            size="small"
            title={t('leader.mentorTitle')}
            extra={<Link to={compliance({ period: recent })}>{t('leader.openCompliance')}</Link>}
            data-testid="workbench-overdue-mentors"
          >
            {recentReport.isLoading ? (
              <Skeleton active />
            ) : mentors.length === 0 ? (
              <Typography.Text type="success">
                <CheckCircleFilled /> {t('leader.mentorEmpty')}
              </Typography.Text>
            ) : (
              <Flex vertical gap={2}>
                {mentors.map((m) => (
                  <Link
                    key={m.id ?? 'none'}
                    to={compliance({ period: recent, drill: `mentor:${m.id ?? ''}` })}
                    style={{ color: 'inherit', padding: '6px 4px', borderBottom: '1px solid #f5f5f5' }}
                    data-testid="overdue-mentor"
                  >
                    <Flex align="center" gap={8}>
                      {/* The name gives way (没有帮扶教师 wraps on a phone) before the rate is pushed off the card. */}
                      <Typography.Text strong style={{ flex: '0 1 auto', minWidth: 64 }}>
                        {m.name}
                      </Typography.Text>
                      <Typography.Text style={{ color: RED, flex: '0 0 auto', fontSize: 13 }}>{t('leader.overdueCount', { count: m.overdue })}</Typography.Text>
                      {/* Named: beside "90 overdue" a bare "0.0%" reads as a share overdue. */}
                      <Typography.Text type="secondary" style={{ flex: '0 0 auto', fontSize: 12 }}>
                        {t('leader.mentorRate')}
                      </Typography.Text>
                      <RateBar rate={m.rate} due={m.due} doneEarly={m.doneEarly} style={{ flex: 1 }} />
                    </Flex>
                  </Link>
                ))}
              </Flex>
            )}
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}

/** A bureau officer's workbench: this month's rate in its region and in each school, each leading to the school's view. */
export function RegionPanel({ regionId, regionName }: { regionId: string; regionName: string }) {
  const t = useT();
  const today = todayInShanghai();
  const month = today.slice(0, 7);
  const report = useReport({ regionId, period: month, view: 'schools' });
  const r = report.data;
  const shown = shownRate(r, today);
  return (
    <Card
      size="small"
      title={t('leader.regionTitle', { region: regionName })}
      extra={<Link to={`/compliance?region=${regionId}&period=${month}`}>{t('leader.openCompliance')}</Link>}
      data-testid="workbench-region"
    >
      <QueryError error={report.error} onRetry={() => report.refetch()} />
      {report.isLoading ? (
        <Skeleton active />
      ) : r && r.overall.total === 0 ? (
        <Typography.Text type="secondary">{t('leader.regionEmpty')}</Typography.Text>
      ) : r ? (
        <Row gutter={[24, 12]}>
          <Col xs={24} md={6}>
            <Statistic title={t('leader.monthRate')} value={rateText(shown.rate)} styles={{ content: { color: rateColor(shown.rate, shown.due) } }} />
            {rateNote(t, shown) && (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {rateNote(t, shown)}
              </Typography.Text>
            )}
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {t('leader.overdueCount', { count: r.overall.overdue })}
            </Typography.Text>
          </Col>
          <Col xs={24} md={18}>
            <Flex vertical gap={2}>
              {r.bySchool.map((s) => (
                <Link
                  key={s.id ?? s.name}
                  to={`/compliance?school=${s.id}&period=${month}`}
                  style={{ color: 'inherit', padding: '6px 4px', borderBottom: '1px solid #f5f5f5' }}
                >
                  <Flex align="center" gap={12} wrap>
                    <Typography.Text strong style={{ flex: '1 1 160px' }}>
                      {s.name}
                    </Typography.Text>
                    <Typography.Text style={{ color: s.overdue ? RED : undefined, fontSize: 13, flex: '0 0 auto' }}>
                      {t('leader.overdueCount', { count: s.overdue })}
                    </Typography.Text>
                    <RateBar rate={s.rate} due={s.due} doneEarly={s.doneEarly} style={{ flex: '1 1 160px' }} />
                  </Flex>
                </Link>
              ))}
            </Flex>
          </Col>
        </Row>
      ) : null}
    </Card>
  );
}
