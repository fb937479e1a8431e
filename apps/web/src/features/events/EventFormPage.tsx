import '../../i18n/events.ts';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Result } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useRegions } from '../../api/queries.ts';
import { useMe } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { conflictText } from '../../forms/conflict.ts';
import { useT } from '../../i18n/lang.tsx';
import { EventForm } from './EventForm.tsx';
import { isAdmin, type Organiser, organiserChoices } from './event-format.tsx';
import { newEventValues, toEventValues } from './event-values.ts';
import { useEvent, useEventInvalidate } from './events.api.ts';

/** Back where the user came from, else to `fallback`. */
function useLeave() {
  const navigate = useNavigate();
  return (fallback: string) => {
    const idx = (window.history.state as { idx?: number } | null)?.idx ?? 0;
    if (idx > 0) navigate(-1);
    else navigate(fallback, { replace: true });
  };
}

function CreateEvent() {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const leave = useLeave();
  const invalidate = useEventInvalidate();
  const me = useMe().data;
  const admin = isAdmin(me);
  const regions = useRegions();
  if (!me || (admin && regions.isLoading)) return <PageLoading />;
  // Administrators organise for any region; everyone else where their role is.
  const organisers: Organiser[] = admin ? (regions.data ?? []).map((r) => ({ kind: 'region' as const, id: r.id, name: r.name })) : organiserChoices(me);
  const first = organisers[0];
  const header = (
    <PageHeader
      title={t('eventForm.createTitle')}
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={() => leave('/events')}>
          {t('eventForm.back')}
        </Button>
      }
    />
  );
  if (!first)
    return (
      <>
        {header}
        <Alert type="info" showIcon title={t('eventForm.noOrganiser')} />
      </>
    );
  return (
    <>
      {header}
      <EventForm
        organisers={organisers}
        initialValues={newEventValues(`${first.kind}:${first.id}`)}
        onCancel={() => leave('/events')}
        onSaved={(e) => {
          invalidate(e.id);
          message.success(t('eventForm.created'));
          navigate(`/events/${e.id}`, { replace: true });
        }}
      />
    </>
  );
}

function EditEvent({ id }: { id: string }) {
  const t = useT();
  const { message } = App.useApp();
  const leave = useLeave();
  const invalidate = useEventInvalidate();
  const loaded = useEvent(id);
  const back = () => leave(`/events/${id}`);

  if (loaded.isLoading) return <PageLoading />;
  if (!loaded.data) {
    if (loaded.error instanceof ApiError && [403, 404].includes(loaded.error.status))
      return <Result status="404" title={t('eventDetail.notFound')} subTitle={loaded.error.message} />;
    return <QueryError error={loaded.error} onRetry={() => loaded.refetch()} />;
  }
  const e = loaded.data;
  if (!e.canManage) return <Result status="403" title={t('eventForm.noOrganiser')} />;
  return (
    <>
      <PageHeader
        title={t('eventForm.editTitle')}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={back}>
            {t('eventForm.back')}
          </Button>
        }
      />
      <EventForm
        key={e.version}
        event={e}
        organisers={[]}
        initialValues={toEventValues(e)}
        onCancel={back}
        onConflict={(err) => {
          // Someone saved first: show theirs (the form re-mounts on the new version).
          void loaded.refetch();
          message.warning({ content: conflictText(err, t('common.reloaded')), duration: 8 });
        }}
        onSaved={(saved) => {
          invalidate(saved.id);
          message.success(t('eventForm.saved'));
          back();
        }}
      />
    </>
  );
}

/** /events/new and /events/:id/edit. */
export default function EventFormPage() {
  const { id } = useParams();
  return id ? <EditEvent key={id} id={id} /> : <CreateEvent />;
}
