import { ArrowLeftOutlined } from '@ant-design/icons';
import type { Child } from '@carebridge/shared';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Result, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { ApiError } from '../../api/client.ts';
import { useSchools } from '../../api/queries.ts';
import { canManage } from '../../auth/permissions.ts';
import { useMe } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useLeaveGuard } from '../../components/useLeaveGuard.ts';
import { useT } from '../../i18n/lang.tsx';
import { ConflictNotice } from './ChildConflict.tsx';
import { ChildForm } from './ChildForm.tsx';
import { type ConflictRow, mergeConflict } from './child-conflict.ts';
import { type ChildValues, toFormValues } from './child-format.ts';
import { childKeys, childrenApi, useChild } from './children.api.ts';
import { useLeaveAfterSave } from './use-leave-after-save.ts';

/**
 * A new archive, for those who keep archives (class teachers, the moral-education office, leaders,
 * administrators). Anyone else who types /children/new — a mentor, a counsellor, the bureau — is told
 * so instead of a form whose save the server would refuse (403). A likely duplicate is asked about
 * before saving (ChildForm); once saved, its page opens.
 */
function CreateChild() {
  const t = useT();
  const navigate = useNavigate();
  const me = useMe();
  if (me.isLoading) return <PageLoading />;
  if (!canManage(me.data, 'children'))
    return (
      <Result
        status="403"
        title={t('childForm.cannotCreate')}
        subTitle={t('childForm.cannotCreateHint')}
        extra={
          <Button type="primary" onClick={() => navigate('/')} data-testid="child-create-forbidden-home">
            {t('errors.backHome')}
          </Button>
        }
        data-testid="child-create-forbidden"
      />
    );
  return <CreateChildForm />;
}

function CreateChildForm() {
  const t = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const schools = useSchools();
  // Saved: the form goes at once, not when the archive's page has loaded, so that it cannot be saved twice.
  const { leaving, leave } = useLeaveAfterSave();
  // Something typed: 返回, the browser's back button, the menu or a reload ask before throwing it away.
  const [dirty, setDirty] = useState(false);
  const guard = useLeaveGuard(dirty);
  if (schools.isLoading || leaving) return <PageLoading />;
  const list = schools.data ?? [];
  const schoolId = list.find((s) => s.id === params.get('school'))?.id ?? list[0]?.id;
  const initial: ChildValues = { schoolId, classId: params.get('classId') ?? undefined };
  return (
    <>
      <PageHeader
        title={t('childForm.createTitle')}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => guard(() => navigate(-1))}>
            {t('childForm.back')}
          </Button>
        }
      >
        <Typography.Text type="secondary">{t('childForm.intro')}</Typography.Text>
      </PageHeader>
      <QueryError error={schools.error} onRetry={() => schools.refetch()} />
      <ChildForm
        initialValues={initial}
        onCancel={() => guard(() => navigate(-1))}
        onDirty={() => setDirty(true)}
        onSaved={(child) => {
          guard.release();
          message.success(t('childForm.created'));
          void qc.invalidateQueries({ queryKey: childKeys.lists });
          qc.setQueryData(childKeys.one(child.id), child);
          leave(`/children/${child.id}`, { replace: true });
        }}
      />
    </>
  );
}

interface EditState {
  /** The version the form is based on (the diff and the version sent are against it). */
  base: Child;
  values: ChildValues;
  conflict?: ConflictRow[];
}

function EditChild({ id }: { id: string }) {
  const t = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const loaded = useChild(id);
  const [state, setState] = useState<EditState | null>(null);
  // Saved: the form goes at once, as a new archive's does (useLeaveAfterSave), so that it cannot be saved twice.
  const { leaving, leave } = useLeaveAfterSave();
  const [dirty, setDirty] = useState(false);
  const guard = useLeaveGuard(dirty);

  if (loaded.isLoading || leaving) return <PageLoading />;
  if (loaded.error || !loaded.data) return <QueryError error={loaded.error} onRetry={() => loaded.refetch()} />;
  const current: EditState = state ?? { base: loaded.data, values: toFormValues(loaded.data) };
  const { base } = current;

  if (!base.canEdit || base.status === 'transferred')
    return (
      <Result
        status="warning"
        title={t('childForm.cannotEdit')}
        extra={
          <Button type="primary" onClick={() => navigate(`/children/${id}`)}>
            {t('childForm.back')}
          </Button>
        }
      />
    );

  /** Someone saved first: load theirs, keep my edits where they did not touch the field, and show what changed. */
  const onConflict = async (_err: ApiError, mine: ChildValues) => {
    let latest: Child;
    try {
      latest = await childrenApi.get(id);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
      return;
    }
    const { values, rows } = mergeConflict(base, latest, mine);
    qc.setQueryData(childKeys.one(id), latest);
    // The notice above the form says what happened, and scrolls itself into view once rendered.
    setState({ base: latest, values, conflict: rows });
  };

  return (
    <>
      <PageHeader
        title={t('childForm.editTitle', { name: base.name ?? '' })}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => guard(() => navigate(`/children/${id}`))}>
            {t('childForm.back')}
          </Button>
        }
      >
        <Typography.Text type="secondary">
          {base.schoolName}
          {base.className ? ` · ${base.className}` : ''}
        </Typography.Text>
      </PageHeader>
      <ChildForm
        key={base.version}
        child={base}
        initialValues={current.values}
        notice={current.conflict && <ConflictNotice rows={current.conflict} />}
        conflicts={current.conflict}
        // After a conflict the notice is what to look at, not the field the page was opened for.
        focus={current.conflict ? null : params.get('focus')}
        onCancel={() => guard(() => navigate(`/children/${id}`))}
        onDirty={() => setDirty(true)}
        onConflict={onConflict}
        onSaved={(child, changed) => {
          guard.release();
          if (changed) {
            message.success(t('childForm.saved'));
            void qc.invalidateQueries({ queryKey: childKeys.lists });
            void qc.invalidateQueries({ queryKey: childKeys.history(child.id) });
            qc.setQueryData(childKeys.one(child.id), child);
          } else message.info(t('childForm.noChanges'));
          leave(`/children/${child.id}`, { replace: true });
        }}
      />
    </>
  );
}

/** /children/new and /children/:id/edit. */
export default function ChildFormPage() {
  const { id } = useParams();
  return id ? <EditChild key={id} id={id} /> : <CreateChild />;
}
