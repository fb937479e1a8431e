import '../../i18n/activities.ts';
import { type Activity, CONTEST_KINDS, MEETING_KINDS } from '@carebridge/shared';
import { Col, Flex, Grid, Row, Spin, Tabs } from 'antd';
import { useParams, useSearchParams } from 'react-router';
import { useSchools } from '../../api/queries.ts';
import { useMe } from '../../auth/session.ts';
import { PageLoading } from '../../components/PageLoading.tsx';
import { LoadFailed, QueryError } from '../../components/QueryError.tsx';
import { useT } from '../../i18n/lang.tsx';
import { ActivityFiles } from './ActivityFiles.tsx';
import { ActivityFacts, ActivityHeader } from './ActivityInfo.tsx';
import { ApplicantsPanel } from './ApplicantsPanel.tsx';
import { AttendanceSheet } from './AttendanceSheet.tsx';
import { useActivity, useAttendance } from './activities.api.ts';
import { marksAttendance } from './activity-format.tsx';
import { ContestSection } from './ContestSection.tsx';
import { MeetingSection } from './MeetingSection.tsx';

type TabKey = 'attendance' | 'meeting' | 'contest' | 'files';

/** The sheet of the activity, with the applicants first where places are limited. */
function AttendanceTab({ activity: a }: { activity: Activity }) {
  const me = useMe().data;
  const sheet = useAttendance(a.id);
  const mode = marksAttendance(me, a);
  if (sheet.isLoading)
    return (
      <Flex justify="center" style={{ padding: 32 }}>
        <Spin />
      </Flex>
    );
  if (!sheet.data) return <QueryError error={sheet.error} onRetry={() => sheet.refetch()} />;
  return (
    <Flex vertical gap={16}>
      {sheet.data.capacity !== null && <ApplicantsPanel activity={a} sheet={sheet.data} canApply={mode !== 'none'} />}
      <AttendanceSheet activity={a} sheet={sheet.data} mode={mode} onReload={() => sheet.refetch()} />
    </Flex>
  );
}

/** /activities/:id — one activity: what and when, its status, attendance, minutes and tasks or entries, photos and attachments. */
export default function ActivityPage() {
  const { id = '' } = useParams();
  const t = useT();
  const me = useMe().data;
  const desktop = Grid.useBreakpoint().lg === true;
  const schools = useSchools();
  const activity = useActivity(id);
  const [params, setParams] = useSearchParams();

  if (activity.isLoading) return <PageLoading />;
  if (!activity.data) {
    return (
      <LoadFailed
        error={activity.error}
        onRetry={() => activity.refetch()}
        title={t('activityDetail.notFound')}
        back={{ to: '/activities', label: t('activityDetail.backToList') }}
        testId="activity-not-found"
      />
    );
  }
  const a = activity.data;
  const meeting = MEETING_KINDS.includes(a.kind);
  const contest = CONTEST_KINDS.includes(a.kind);
  const keys: TabKey[] = ['attendance', ...(meeting ? (['meeting'] as const) : []), ...(contest ? (['contest'] as const) : []), 'files'];
  const wanted = params.get('tab') as TabKey | null;
  const tab: TabKey = wanted && keys.includes(wanted) ? wanted : 'attendance';
  const count = (n: number) => (n ? ` ${n}` : '');
  const labels: Record<TabKey, string> = {
    attendance: t('activityDetail.tabAttendance'),
    meeting: `${t('activityDetail.tabMeeting')}${count(a.tasks.filter((x) => !x.doneAt).length)}`,
    contest: `${t('activityDetail.tabContest')}${count(a.entries.length)}`,
    files: `${t('activityDetail.tabFiles')}${count(a.photos.length + a.files.length)}`,
  };
  const content: Record<TabKey, React.ReactNode> = {
    attendance: <AttendanceTab activity={a} />,
    meeting: <MeetingSection activity={a} />,
    contest: <ContestSection activity={a} canAdd={marksAttendance(me, a) !== 'none'} />,
    files: <ActivityFiles activity={a} />,
  };
  const tabs = (
    <Tabs
      activeKey={tab}
      onChange={(k) =>
        setParams(
          (p) => {
            p.set('tab', k);
            return p;
          },
          { replace: true },
        )
      }
      items={keys.map((k) => ({ key: k, label: <span data-testid={`activity-tab-${k}`}>{labels[k]}</span>, children: content[k] }))}
    />
  );
  const facts = <ActivityFacts activity={a} showSchool={(schools.data?.length ?? 0) > 1} />;

  return (
    <div data-testid="activity-detail">
      <ActivityHeader activity={a} />
      {desktop ? (
        <Row gutter={16}>
          <Col span={9}>{facts}</Col>
          <Col span={15}>{tabs}</Col>
        </Row>
      ) : (
        <Flex vertical gap={8}>
          {facts}
          {tabs}
        </Flex>
      )}
    </div>
  );
}
