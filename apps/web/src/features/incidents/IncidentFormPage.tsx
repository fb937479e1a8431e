import '../../i18n/incidents.ts';
import { ArrowLeftOutlined } from '@ant-design/icons';
import type { Incident } from '@carebridge/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Result, Typography } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import type { ApiError } from '../../api/client.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { LoadFailed } from '../../components/QueryError.tsx';
import { useLeaveGuard } from '../../components/useLeaveGuard.ts';
import { useT } from '../../i18n/lang.tsx';
import type { KnownChild } from '../care-records/ChildSelect.tsx';
import { changedIncidentFields, IncidentForm, type IncidentValues, toIncidentValues } from './IncidentForm.tsx';
import { incidentKeys, incidentsApi, useIncident, useIncidentInvalidate } from './incidents.api.ts';

/** Where a form goes when done: back where the user came from, else to `fallback`. */
function useLeave() {
  const navigate = useNavigate();
  return (fallback: string) => {
    const idx = (window.history.state as { idx?: number } | null)?.idx ?? 0;
    if (idx > 0) navigate(-1);
    else navigate(fallback, { replace: true });
  };
}

/** The prefilled child (?childId=): its name from the page that sent the user here, else its summary (not the audited archive). */
function usePrefilledChild(childId: string | null): { child: KnownChild | null; loading: boolean } {
  const location = useLocation();
  const fromState = (location.state as { childName?: string; schoolId?: string } | null) ?? null;
  const fetched = useQuery({
    queryKey: incidentKeys.facts(childId ?? ''),
    queryFn: () => incidentsApi.childFacts([childId ?? '']),
    enabled: !!childId,
    staleTime: 5 * 60_000,
  });
  if (!childId) return { child: null, loading: false };
  const summary = fetched.data?.find((c) => c.id === childId);
  if (summary) return { child: { id: childId, name: summary.name, className: summary.className, schoolId: summary.schoolId }, loading: false };
  if (fromState?.childName) return { child: { id: childId, name: fromState.childName, schoolId: fromState.schoolId ?? null }, loading: false };
  return { child: null, loading: fetched.isLoading };
}

function CreateIncident() {
  const t = useT();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const leave = useLeave();
  const invalidate = useIncidentInvalidate();
  // Something typed: 返回, the browser's back button, the menu or a reload ask before throwing it away.
  const [dirty, setDirty] = useState(false);
  const guard = useLeaveGuard(dirty);
  const prefilled = usePrefilledChild(params.get('childId'));
  if (prefilled.loading) return <PageLoading />;
  const initialChildren = prefilled.child ? [prefilled.child] : [];
  return (
    <>
      <PageHeader
        title={t('incidentForm.createTitle')}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => guard(() => leave('/incidents'))}>
            {t('incidentForm.back')}
          </Button>
        }
      >
        <Typography.Text type="secondary">{t('incidentForm.intro')}</Typography.Text>
      </PageHeader>
      <IncidentForm
        initialValues={{ childIds: initialChildren.map((c) => c.id) }}
        initialChildren={initialChildren}
        initialSchoolId={prefilled.child?.schoolId ?? params.get('schoolId') ?? undefined}
        onCancel={() => guard(() => leave('/incidents'))}
        onDirty={() => setDirty(true)}
        onSaved={(incident) => {
          if (!incident) return;
          guard.release();
          invalidate(incident);
          message.success(t('incidentForm.created'));
          // The report is done: the detail replaces the form in the history, so "back" does not reopen it.
          navigate(`/incidents/${incident.id}`, { replace: true });
        }}
      />
    </>
  );
}

interface EditState {
  base: Incident;
  values: IncidentValues;
}

function EditIncident({ id }: { id: string }) {
  const t = useT();
  const { message } = App.useApp();
  const leave = useLeave();
  const qc = useQueryClient();
  const invalidate = useIncidentInvalidate();
  const loaded = useIncident(id);
  const [state, setState] = useState<EditState | null>(null);
  const [dirty, setDirty] = useState(false);
  const guard = useLeaveGuard(dirty);
  const back = () => leave(`/incidents/${id}`);
  const backAsking = () => guard(back);

  if (loaded.isLoading) return <PageLoading />;
  if (!loaded.data) {
    return <LoadFailed error={loaded.error} onRetry={() => loaded.refetch()} />;
  }
  const current: EditState = state ?? { base: loaded.data, values: toIncidentValues(loaded.data) };
  const { base } = current;
  // A closed case is not edited (the server refuses it): reopen it first, as the message says.
  if (!base.canEdit || base.status === 'closed')
    return (
      <Result
        status="warning"
        title={base.canEdit ? t('errors.incident_closed') : t('incidentForm.cannotEdit')}
        extra={
          <Button type="primary" onClick={back}>
            {t('incidentForm.back')}
          </Button>
        }
      />
    );

  /** Someone saved first: load theirs, keep my edits of the fields they did not touch. */
  const onConflict = async (err: ApiError, mine: IncidentValues) => {
    let latest: Incident;
    try {
      latest = await incidentsApi.get(id);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
      return;
    }
    const theirs = new Set(changedIncidentFields(toIncidentValues(latest), base));
    const values = toIncidentValues(latest);
    for (const k of changedIncidentFields(mine, base)) if (!theirs.has(k)) (values as unknown as Record<string, unknown>)[k] = mine[k];
    qc.setQueryData(incidentKeys.one(id), latest);
    setState({ base: latest, values });
    // The server's conflict message and our note that the fresh report is now shown (as forms/conflict.ts words it; not imported
    // from there, because sharing that module with this page moved it, and antd's App, into the login page's chunk).
    message.warning({
      content: (
        <span>
          {err.message}
          <br />
          {t('common.reloaded')}
        </span>
      ),
      duration: 8,
    });
    window.scrollTo({ top: 0, behavior: 'smooth' });
  };

  return (
    <>
      <PageHeader
        title={t('incidentForm.editTitle')}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={backAsking}>
            {t('incidentForm.back')}
          </Button>
        }
      />
      <IncidentForm
        key={base.version}
        incident={base}
        initialValues={current.values}
        initialChildren={base.children}
        onCancel={backAsking}
        onDirty={() => setDirty(true)}
        onConflict={onConflict}
        onSaved={(saved) => {
          guard.release();
          if (saved) {
            invalidate(saved);
            message.success(t('incidentForm.saved'));
          } else message.info(t('incidentForm.noChanges'));
          back();
        }}
      />
    </>
  );
}

/** /incidents/new (?childId= prefill, ?schoolId= to search one school's children) and /incidents/:id/edit. */
export default function IncidentFormPage() {
  const { id } = useParams();
  return id ? <EditIncident key={id} id={id} /> : <CreateIncident />;
}
