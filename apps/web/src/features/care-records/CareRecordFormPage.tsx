import { ArrowLeftOutlined } from '@ant-design/icons';
import type { CareRecord, Child, MyChild } from '@carebridge/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Result, Typography } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import type { ApiError } from '../../api/client.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useLeaveGuard } from '../../components/useLeaveGuard.ts';
import { conflictText } from '../../forms/conflict.ts';
import { useT } from '../../i18n/lang.tsx';
import { todayInShanghai } from '../../lib/dates.ts';
import { childKeys, childrenApi } from '../children/children.api.ts';
import { CareRecordForm, type CareValues, changedCareFields, toCareValues } from './CareRecordForm.tsx';
import type { KnownChild } from './ChildSelect.tsx';
import { isCareKind } from './care-format.tsx';
import { careApi, careKeys, useCareInvalidate, useCareRecord } from './care-records.api.ts';
import { type UploadProgress, uploadPhotos } from './photos.tsx';

/** Where a form goes when done: back where the user came from, else to `fallback`. */
function useLeave() {
  const navigate = useNavigate();
  return (fallback: string) => {
    const idx = (window.history.state as { idx?: number } | null)?.idx ?? 0;
    if (idx > 0) navigate(-1);
    else navigate(fallback, { replace: true });
  };
}

/** After a save: send the queued photos one by one with progress; say what failed. */
function usePhotoUpload() {
  const t = useT();
  const { message } = App.useApp();
  const invalidate = useCareInvalidate();
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const send = async (record: CareRecord, photos: File[]): Promise<boolean> => {
    if (!photos.length) return true;
    const outcome = await uploadPhotos(record.id, photos, setProgress);
    setProgress(null);
    if (outcome.record) invalidate(outcome.record);
    for (const f of outcome.failed) message.error({ content: t('careForm.photoFailed', { name: f.file.name, message: f.error.message }), duration: 10 });
    return outcome.failed.length === 0;
  };
  return { progress, send };
}

/**
 * The prefilled child (?childId=): its name from the page that sent the user here (navigation state),
 * else from what this session already loaded; only as a last resort from the archive itself.
 */
function usePrefilledChild(childId: string | null): { child: KnownChild | null; loading: boolean } {
  const qc = useQueryClient();
  const location = useLocation();
  const fromState = (location.state as { childName?: string; schoolId?: string } | null) ?? null;
  const cachedChild = childId ? qc.getQueryData<Child>(childKeys.one(childId)) : undefined;
  const cachedMine = childId ? qc.getQueryData<MyChild[]>(careKeys.mine)?.find((c) => c.childId === childId) : undefined;
  const name = fromState?.childName ?? cachedChild?.name ?? cachedMine?.name;
  const fetched = useQuery({
    queryKey: childKeys.one(childId ?? ''),
    queryFn: () => childrenApi.get(childId ?? ''),
    enabled: !!childId && !name,
  });
  if (!childId) return { child: null, loading: false };
  if (name) return { child: { id: childId, name, schoolId: cachedChild?.schoolId ?? fromState?.schoolId ?? null }, loading: false };
  if (fetched.data) return { child: { id: childId, name: fetched.data.name ?? childId, schoolId: fetched.data.schoolId }, loading: false };
  return { child: null, loading: fetched.isLoading };
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** ?window=2026-09-01..2026-09-30 from a to-do list: the dates a record must fall in to count. */
function parseWindow(value: string | null): { start: string; end: string } | null {
  const [start, end] = value?.split('..') ?? [];
  return start && end && ISO.test(start) && ISO.test(end) && start <= end ? { start, end } : null;
}

/** Above the form when it was opened from a to-do: which dates count, and a warning when the chosen one does not. */
function DueNotice({ window: w, late }: { window: { start: string; end: string }; late: string | null }) {
  const t = useT();
  const form = Form.useFormInstance();
  const date = Form.useWatch('date', form) as string | undefined;
  const outside = !!date && (date < w.start || date > w.end);
  return (
    <Alert
      type={outside ? 'warning' : 'info'}
      showIcon
      style={{ marginBottom: 16 }}
      title={outside ? t('careForm.dueOutside', w) : late && date === late ? t('careForm.dueLate', { ...w, date: late }) : t('careForm.dueNotice', w)}
      data-testid="care-due-notice"
    />
  );
}

function CreateRecord() {
  const t = useT();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const leave = useLeave();
  const navigate = useNavigate();
  const [dirty, setDirty] = useState(false);
  const guard = useLeaveGuard(dirty);
  const invalidate = useCareInvalidate();
  const { progress, send } = usePhotoUpload();
  const childId = params.get('childId');
  const kind = params.get('kind');
  // From a to-do list: a date inside the item's window (a late log of an overdue item), and the window itself.
  const wantedDate = params.get('date');
  const date = wantedDate && ISO.test(wantedDate) && wantedDate <= todayInShanghai() ? wantedDate : null;
  const dueWindow = parseWindow(params.get('window'));
  const prefilled = usePrefilledChild(childId);
  if (prefilled.loading) return <PageLoading />;
  const initialChildren = prefilled.child ? [prefilled.child] : [];
  return (
    <>
      <PageHeader
        title={t('careForm.createTitle')}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => guard(() => leave('/care-records'))}>
            {t('careForm.back')}
          </Button>
        }
      >
        <Typography.Text type="secondary">{t('careForm.intro')}</Typography.Text>
      </PageHeader>
      <CareRecordForm
        initialValues={{ ...(isCareKind(kind) ? { kind } : {}), ...(date ? { date } : {}), childIds: initialChildren.map((c) => c.id) }}
        notice={dueWindow ? <DueNotice window={dueWindow} late={date} /> : undefined}
        initialChildren={initialChildren}
        initialSchoolId={prefilled.child?.schoolId ?? undefined}
        progress={progress}
        onCancel={() => guard(() => leave('/care-records'))}
        onDirty={() => setDirty(true)}
        onSaved={async (record, photos) => {
          if (!record) return;
          // Saved: the way to the record is not asked about (the router's blocker included).
          guard.release();
          invalidate(record);
          const allSent = await send(record, photos);
          message.success(t('careForm.created'));
          if (allSent) leave(`/care-records/${record.id}`);
          else navigate(`/care-records/${record.id}`, { replace: true });
        }}
      />
    </>
  );
}

interface EditState {
  base: CareRecord;
  values: CareValues;
}

function EditRecord({ id }: { id: string }) {
  const t = useT();
  const { message } = App.useApp();
  const leave = useLeave();
  const qc = useQueryClient();
  const invalidate = useCareInvalidate();
  const { progress, send } = usePhotoUpload();
  const loaded = useCareRecord(id);
  const [state, setState] = useState<EditState | null>(null);
  const [dirty, setDirty] = useState(false);
  const guard = useLeaveGuard(dirty);

  if (loaded.isLoading) return <PageLoading />;
  if (loaded.error || !loaded.data) return <QueryError error={loaded.error} onRetry={() => loaded.refetch()} />;
  const current: EditState = state ?? { base: loaded.data, values: toCareValues(loaded.data) };
  const { base } = current;
  const back = () => leave(`/care-records/${id}`);
  const backAsking = () => guard(back);

  if (!base.canEdit)
    return (
      <Result
        status="warning"
        title={t('careForm.cannotEdit')}
        extra={
          <Button type="primary" onClick={back}>
            {t('careForm.back')}
          </Button>
        }
      />
    );

  /** Someone saved first: load theirs, keep my edits of the fields they did not touch. */
  const onConflict = async (err: ApiError, mine: CareValues) => {
    let latest: CareRecord;
    try {
      latest = await careApi.get(id);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
      return;
    }
    const theirs = new Set(changedCareFields(toCareValues(latest), base));
    const values = toCareValues(latest);
    const keep = changedCareFields(mine, base).filter((k) => !theirs.has(k));
    for (const k of keep) {
      if (k === 'followUpDate') values.followUpDate = mine.followUpDate ?? null;
      else (values as unknown as Record<string, unknown>)[k] = (mine as unknown as Record<string, unknown>)[k];
    }
    qc.setQueryData(careKeys.one(id), latest);
    setState({ base: latest, values });
    message.warning({ content: conflictText(err, t('common.reloaded')), duration: 8 });
    window.scrollTo({ top: 0, behavior: 'smooth' });
  };

  return (
    <>
      <PageHeader
        title={t('careForm.editTitle')}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={backAsking}>
            {t('careForm.back')}
          </Button>
        }
      />
      <CareRecordForm
        key={base.version}
        record={base}
        initialValues={current.values}
        initialChildren={base.children}
        progress={progress}
        onCancel={backAsking}
        onDirty={() => setDirty(true)}
        onConflict={onConflict}
        onSaved={async (saved, photos) => {
          guard.release();
          const record = saved ?? base;
          if (saved) invalidate(saved);
          const allSent = await send(record, photos);
          if (saved || photos.length) message.success(t('careForm.saved'));
          else message.info(t('careForm.noChanges'));
          if (allSent) back();
        }}
      />
    </>
  );
}

/** /care-records/new (?childId=&kind=&date=&window= prefill) and /care-records/:id/edit. */
export default function CareRecordFormPage() {
  const { id } = useParams();
  return id ? <EditRecord key={id} id={id} /> : <CreateRecord />;
}
