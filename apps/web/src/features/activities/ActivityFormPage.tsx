import '../../i18n/activities.ts';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { ACTIVITY_TARGETS, type Activity, type ActivityTarget, SAFETY_TOPICS, type SafetyTopic } from '@carebridge/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Result, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { ApiError } from '../../api/client.ts';
import { useSchools } from '../../api/queries.ts';
import { useMe } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { LoadFailed } from '../../components/QueryError.tsx';
import { conflictText } from '../../forms/conflict.ts';
import { useT } from '../../i18n/lang.tsx';
import { todayInShanghai } from '../../lib/dates.ts';
import { ActivityForm } from './ActivityForm.tsx';
import { activitiesApi, activityKeys, useActivity, useActivityInvalidate } from './activities.api.ts';
import { isActivityKind, organisesAt, ownClasses } from './activity-format.tsx';
import { type ActivityValues, changedActivityFields, toActivityValues } from './activity-values.ts';

/** Where a form goes when done: back where the user came from, else to `fallback`. */
function useLeave() {
  const navigate = useNavigate();
  return (fallback: string) => {
    const idx = (window.history.state as { idx?: number } | null)?.idx ?? 0;
    if (idx > 0) navigate(-1);
    else navigate(fallback, { replace: true });
  };
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const isTarget = (v: string | null): v is ActivityTarget => !!v && (ACTIVITY_TARGETS as readonly string[]).includes(v);

/**
 * A new activity's starting values: the school, kind, topics and target from the link (the safety page
 * sends ?kind=safety_education&topics=fire&scope=class&value=<classId>), else the user's first school;
 * a class teacher's own class as the target.
 */
function useCreateValues(): { values: ActivityValues | null; loading: boolean } {
  const [params] = useSearchParams();
  const me = useMe().data;
  const schools = useSchools();
  if (schools.isLoading || !me) return { values: null, loading: true };
  const plannable = (schools.data ?? []).filter((s) => organisesAt(me, s.id) || ownClasses(me).some((k) => k.schoolId === s.id));
  const wanted = params.get('school');
  const schoolId = plannable.find((s) => s.id === wanted)?.id ?? plannable[0]?.id;
  if (!schoolId) return { values: null, loading: false };
  const kind = params.get('kind');
  const topics = (params.get('topics') ?? '').split(',').filter((x): x is SafetyTopic => (SAFETY_TOPICS as readonly string[]).includes(x));
  const date = params.get('date');
  const scope = params.get('scope');
  const own = organisesAt(me, schoolId) ? null : ownClasses(me).filter((k) => k.schoolId === schoolId);
  const target: ActivityValues['target'] = own
    ? { scope: 'class', value: own.find((k) => k.id === params.get('value'))?.id ?? own[0]?.id ?? null }
    : isTarget(scope)
      ? { scope, value: params.get('value') }
      : { scope: 'all', value: null };
  return {
    loading: false,
    values: {
      schoolId,
      kind: isActivityKind(kind) ? kind : undefined,
      date: date && ISO.test(date) ? date : todayInShanghai(),
      target,
      topics,
      capacity: null,
      repeatOn: false,
      repeat: { every: 'month', until: null },
    },
  };
}

function CreateActivity() {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const leave = useLeave();
  const invalidate = useActivityInvalidate();
  const { values, loading } = useCreateValues();
  if (loading) return <PageLoading />;
  const header = (
    <PageHeader
      title={t('activityForm.createTitle')}
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={() => leave('/activities')}>
          {t('activityForm.back')}
        </Button>
      }
    >
      <Typography.Text type="secondary">{t('activityForm.intro')}</Typography.Text>
    </PageHeader>
  );
  if (!values)
    return (
      <>
        {header}
        <Alert type="info" showIcon title={t('common.noSchool')} />
      </>
    );
  return (
    <>
      {header}
      <ActivityForm
        initialValues={values}
        onCancel={() => leave('/activities')}
        onSaved={(activity) => {
          if (!activity) return;
          invalidate(activity);
          message.success(t('activityForm.created'));
          // Done: the activity replaces the form in the history, so "back" does not reopen it.
          navigate(`/activities/${activity.id}`, { replace: true });
        }}
      />
    </>
  );
}

interface EditState {
  base: Activity;
  values: ActivityValues;
}

function EditActivity({ id }: { id: string }) {
  const t = useT();
  const { message } = App.useApp();
  const leave = useLeave();
  const qc = useQueryClient();
  const invalidate = useActivityInvalidate();
  const loaded = useActivity(id);
  const [state, setState] = useState<EditState | null>(null);
  const back = () => leave(`/activities/${id}`);

  if (loaded.isLoading) return <PageLoading />;
  if (!loaded.data) {
    return <LoadFailed error={loaded.error} onRetry={() => loaded.refetch()} title={t('activityDetail.notFound')} />;
  }
  const current: EditState = state ?? { base: loaded.data, values: toActivityValues(loaded.data) };
  const { base } = current;
  if (!base.canEdit)
    return (
      <Result
        status="warning"
        title={t('activityForm.cannotEdit')}
        extra={
          <Button type="primary" onClick={back}>
            {t('activityForm.back')}
          </Button>
        }
      />
    );

  /** Someone saved first: load theirs, keep my edits of the fields they did not touch. */
  const onConflict = async (err: ApiError, mine: ActivityValues) => {
    let latest: Activity;
    try {
      latest = await activitiesApi.get(id);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
      return;
    }
    const theirs = new Set(changedActivityFields(toActivityValues(latest), base));
    const values = toActivityValues(latest);
    for (const k of changedActivityFields(mine, base)) if (!theirs.has(k)) (values as unknown as Record<string, unknown>)[k] = mine[k];
    qc.setQueryData(activityKeys.one(id), latest);
    setState({ base: latest, values });
    message.warning({ content: conflictText(err, t('common.reloaded')), duration: 8 });
    window.scrollTo({ top: 0, behavior: 'smooth' });
  };

  return (
    <>
      <PageHeader
        title={t('activityForm.editTitle')}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={back}>
            {t('activityForm.back')}
          </Button>
        }
      >
        {base.seriesId && <Typography.Text type="secondary">{t('activityDetail.series')}</Typography.Text>}
      </PageHeader>
      <ActivityForm
        key={base.version}
        activity={base}
        initialValues={current.values}
        onCancel={back}
        onConflict={onConflict}
        onSaved={(saved) => {
          if (saved) {
            invalidate(saved);
            message.success(t('activityForm.saved'));
          } else message.info(t('activityForm.noChanges'));
          back();
        }}
      />
    </>
  );
}

/** /activities/new (?school=&kind=&topics=&scope=&value=&date= prefill) and /activities/:id/edit. */
export default function ActivityFormPage() {
  const { id } = useParams();
  return id ? <EditActivity key={id} id={id} /> : <CreateActivity />;
}
