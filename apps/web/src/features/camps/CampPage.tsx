import { AlertOutlined, ArrowLeftOutlined, CalendarOutlined, DeleteOutlined, EnvironmentOutlined } from '@ant-design/icons';
import type { Camp } from '@carebridge/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Flex, Row, Statistic, Tabs, Tag, Typography } from 'antd';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { ApiError } from '../../api/client.ts';
import { canManage } from '../../auth/permissions.ts';
import { useMe } from '../../auth/session.ts';
import { PageLoading } from '../../components/PageLoading.tsx';
import { LoadFailed } from '../../components/QueryError.tsx';
import { conflictText } from '../../forms/conflict.ts';
import { useLang, useT } from '../../i18n/lang.tsx';
import { todayInShanghai } from '../../lib/dates.ts';
import { CampPhotos } from './CampPhotos.tsx';
import { CampSettingsForm, toSettingsValues } from './CampSettingsForm.tsx';
import { PhaseTag } from './CampsPage.tsx';
import { ChildrenEditor } from './ChildrenEditor.tsx';
import { dateRange, fingerprint, subjectColours } from './camp-format.ts';
import { campKeys, campsApi, useCamp, useCampCache, useCampSummary } from './camps.api.ts';
import { SessionsEditor } from './SessionsEditor.tsx';
import { TimetableEditor } from './TimetableEditor.tsx';
import { VolunteersEditor } from './VolunteersEditor.tsx';

const TABS = ['settings', 'sessions', 'volunteers', 'children', 'timetable', 'photos'] as const;
type TabKey = (typeof TABS)[number];
const isTab = (v: string | null): v is TabKey => !!v && (TABS as readonly string[]).includes(v);

/** Where a camp's page opens: the first step still to do, else the timetable. */
function firstTab(c: Camp): TabKey {
  if (!c.groups.length) return 'settings';
  if (!c.sessions.length) return 'sessions';
  if (!c.volunteers.length) return 'volunteers';
  return 'timetable';
}

/** 概况 / 营后小结: children, units taught and by subject (GET /camps/:id/summary). */
function SummaryCard({ camp }: { camp: Camp }) {
  const t = useT();
  const summary = useCampSummary(camp.id, !!camp.solvedAt);
  const ended = todayInShanghai() > camp.endDate;
  const colourOf = subjectColours(camp.sessions);
  if (!camp.solvedAt || !summary.data || summary.data.units === 0) return null;
  const s = summary.data;
  return (
    <Card size="small" title={ended ? t('campPage.afterTitle') : t('campPage.summaryTitle')} style={{ marginBottom: 16 }} data-testid="camp-summary">
      <Row gutter={[16, 8]} align="middle">
        <Col xs={12} sm={6} md={3}>
          <Statistic title={t('campPage.children')} value={s.children} />
        </Col>
        <Col xs={12} sm={6} md={3}>
          <Statistic title={t('campPage.groups')} value={s.groups} />
        </Col>
        <Col xs={12} sm={6} md={3}>
          <Statistic title={t('campPage.volunteers')} value={s.volunteers} />
        </Col>
        <Col xs={12} sm={6} md={3}>
          <Statistic title={t('campPage.units')} value={s.units} />
        </Col>
        <Col xs={12} sm={6} md={3}>
          <Statistic title={t('campPage.photos')} value={s.photos} />
        </Col>
        <Col xs={24} md={9}>
          <Typography.Text type="secondary">{t('campPage.bySubject')}</Typography.Text>
          <Flex gap={6} wrap style={{ marginTop: 4 }}>
            {s.bySubject.map((b) => {
              const c = colourOf(b.subject);
              return (
                <span
                  key={b.subject}
                  style={{ background: c.bg, border: `1px solid ${c.border}`, color: c.text, borderRadius: 4, padding: '0 6px', fontSize: 12 }}
                >
                  {t('campPage.subjectUnits', { subject: b.subject, units: b.units })}
                </span>
              );
            })}
          </Flex>
        </Col>
      </Row>
    </Card>
  );
}

/** /camps/:id — one camp: its settings, catalogue, volunteers and children in tabs, and the timetable grid. */
export default function CampPage() {
  const { id = '' } = useParams();
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const camp = useCamp(id);
  const cache = useCampCache();
  const me = useMe().data;

  if (camp.isLoading) return <PageLoading />;
  if (!camp.data) {
    return <LoadFailed error={camp.error} onRetry={() => camp.refetch()} title={t('campPage.notFound')} back={{ to: '/camps', label: t('campPage.back') }} />;
  }
  const c = camp.data;
  const readOnly = !c.canEdit;
  const wanted = params.get('tab');
  const tab: TabKey = isTab(wanted) ? wanted : firstTab(c);
  const setTab = (k: string) =>
    setParams(
      (p) => {
        p.set('tab', k);
        return p;
      },
      { replace: true },
    );

  const saved = (next: Camp) => cache.camp(next);
  /** Someone saved first: load theirs (the editor re-mounts when what it shows changed) and say so. */
  const onConflict = async (err: ApiError) => {
    const fresh = await camp.refetch();
    if (fresh.data) qc.setQueryData(campKeys.one(id), fresh.data);
    message.warning({ content: conflictText(err, t('common.reloaded')), duration: 8 });
  };
  const remove = () =>
    modal.confirm({
      title: t('campPage.deleteConfirm', { title: c.title }),
      content: t('campPage.deleteHint'),
      okText: t('common.delete'),
      okButtonProps: { danger: true, 'data-testid': 'camp-delete-confirm' } as Record<`data-${string}`, string> & { danger: boolean },
      onOk: async () => {
        try {
          await campsApi.remove(c.id);
          navigate('/camps', { replace: true });
          cache.removed(c.id);
          message.success(t('common.deleted'));
        } catch (err) {
          message.error(err instanceof Error ? err.message : String(err));
        }
      },
    });

  const count = (n: number) => (n ? ` (${n})` : '');
  const editors = { camp: c, readOnly, onSaved: saved, onConflict };

  return (
    <>
      <div style={{ marginBottom: 16 }}>
        <Flex justify="space-between" align="start" gap={12} wrap>
          <div style={{ minWidth: 0 }}>
            <Flex align="center" gap={8} wrap>
              <Typography.Title level={3} style={{ margin: 0 }} data-testid="camp-title-view">
                {c.title}
              </Typography.Title>
              <PhaseTag camp={c} today={todayInShanghai()} />
              {readOnly && <Tag>{t('campPage.readOnly')}</Tag>}
            </Flex>
            <Typography.Text type="secondary">
              <CalendarOutlined /> {dateRange(c.startDate, c.endDate, lang)} · {t('campList.days', { count: c.days.length })}
              {'　'}
              <EnvironmentOutlined /> {[c.place, c.schoolName].filter(Boolean).join(' · ')}
            </Typography.Text>
          </div>
          <Flex gap={8} wrap>
            {/* Volunteers report incidents about the children at their camp (those linked to the archive). */}
            {canManage(me, 'incidents') && c.children.some((k) => k.childId) && (
              <Button danger icon={<AlertOutlined />} onClick={() => navigate(`/incidents/new?schoolId=${c.schoolId}`)} data-testid="camp-report-incident">
                {t('campPage.reportIncident')}
              </Button>
            )}
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/camps')}>
              {t('campPage.back')}
            </Button>
          </Flex>
        </Flex>
      </div>
      <SummaryCard camp={c} />
      {!readOnly && firstTab(c) !== 'timetable' && tab !== firstTab(c) && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t(`campPage.next.${firstTab(c) as Exclude<TabKey, 'timetable' | 'children' | 'photos'>}`)}
          action={
            <Button size="small" onClick={() => setTab(firstTab(c))}>
              {t('campPage.go')}
            </Button>
          }
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'settings',
            label: <span data-testid="camp-tab-settings">{t('campPage.tabSettings')}</span>,
            children: (
              <CampSettingsForm
                key={fingerprint(toSettingsValues(c))}
                camp={c}
                readOnly={readOnly}
                onSaved={(next) => {
                  saved(next);
                  message.success(t('common.saved'));
                }}
                onConflict={onConflict}
                extra={
                  <Button danger icon={<DeleteOutlined />} onClick={remove} data-testid="camp-delete">
                    {t('campPage.delete')}
                  </Button>
                }
              />
            ),
          },
          {
            key: 'sessions',
            label: <span data-testid="camp-tab-sessions">{`${t('campPage.tabSessions')}${count(c.sessions.length)}`}</span>,
            children: <SessionsEditor key={fingerprint([c.sessions, c.groups])} {...editors} />,
          },
          {
            key: 'volunteers',
            label: <span data-testid="camp-tab-volunteers">{`${t('campPage.tabVolunteers')}${count(c.volunteers.length)}`}</span>,
            children: <VolunteersEditor key={fingerprint([c.volunteers, c.sessions, c.days, c.windows])} {...editors} />,
          },
          {
            key: 'children',
            label: <span data-testid="camp-tab-children">{`${t('campPage.tabChildren')}${count(c.children.length + c.childrenHidden)}`}</span>,
            children: <ChildrenEditor key={fingerprint([c.children, c.groups])} {...editors} />,
          },
          {
            key: 'timetable',
            label: <span data-testid="camp-tab-timetable">{t('campPage.tabTimetable')}</span>,
            children: <TimetableEditor camp={c} />,
          },
          {
            key: 'photos',
            label: <span data-testid="camp-tab-photos">{`${t('campPage.tabPhotos')}${count(c.photos.length)}`}</span>,
            children: <CampPhotos camp={c} />,
          },
        ]}
      />
    </>
  );
}
