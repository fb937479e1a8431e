import { ArrowLeftOutlined } from '@ant-design/icons';
import { CHILD_FIELD_KEYS, type Child, type ChildFieldKey } from '@carebridge/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Result, Table, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { ApiError } from '../../api/client.ts';
import { useSchools } from '../../api/queries.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useT } from '../../i18n/lang.tsx';
import { ChildForm, type ChildValues, changedFields, toFormValues } from './ChildForm.tsx';
import { duplicateLines } from './child-created.ts';
import { sameValue, useChildLabels } from './child-format.ts';
import { childKeys, childrenApi, useChild } from './children.api.ts';

interface ConflictRow {
  field: ChildFieldKey;
  before: unknown;
  after: unknown;
  /** The user had changed this field too; their value gave way to the saved one. */
  both: boolean;
  /** What the user had typed there (shown so that it is not lost: they may type it again). */
  mine?: unknown;
}

/** Which fields another user changed between the version the user opened and the latest one. */
function ConflictNotice({ rows }: { rows: ConflictRow[] }) {
  const t = useT();
  const labels = useChildLabels();
  const show = (field: string, v: unknown) => labels.value(field, v) || t('childDetail.emptyValue');
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="child-conflict"
      title={t('childForm.conflictTitle')}
      description={
        <>
          <Typography.Paragraph style={{ marginBottom: 8 }}>{t('childForm.conflictIntro')}</Typography.Paragraph>
          {rows.length > 0 && (
            <Table<ConflictRow>
              size="small"
              rowKey="field"
              pagination={false}
              dataSource={rows}
              scroll={{ x: 'max-content' }}
              columns={[
                {
                  title: t('childForm.conflictField'),
                  dataIndex: 'field',
                  render: (f: string, r) => (
                    <>
                      {labels.field(f)}
                      {r.both && (
                        <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>
                          {t('childForm.conflictBoth')}
                        </Typography.Text>
                      )}
                    </>
                  ),
                },
                { title: t('childForm.conflictBefore'), dataIndex: 'before', render: (v: unknown, r) => show(r.field, v) },
                {
                  title: t('childForm.conflictAfter'),
                  dataIndex: 'after',
                  render: (v: unknown, r) => <Typography.Text strong>{show(r.field, v)}</Typography.Text>,
                },
                ...(rows.some((r) => r.both)
                  ? [
                      {
                        title: t('childForm.conflictMine'),
                        dataIndex: 'mine',
                        render: (v: unknown, r: ConflictRow) => (r.both ? <Typography.Text type="danger">{show(r.field, v)}</Typography.Text> : '—'),
                      },
                    ]
                  : []),
              ]}
            />
          )}
        </>
      }
    />
  );
}

/** The likely duplicates of a new archive, each with a link to the other archive when the user may open it. */
function DuplicateLines({ lines, onOpen }: { lines: ReturnType<typeof duplicateLines>; onOpen: (href: string) => void }) {
  const t = useT();
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="child-duplicate-warning">
      {lines.map((l) => (
        <li key={l.key}>
          {l.text}
          {l.href && (
            <Button type="link" size="small" onClick={() => onOpen(l.href as string)}>
              {t('childForm.duplicateOpen')}
            </Button>
          )}
        </li>
      ))}
    </ul>
  );
}

function CreateChild() {
  const t = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message, notification } = App.useApp();
  const [params] = useSearchParams();
  const schools = useSchools();
  if (schools.isLoading) return <PageLoading />;
  const list = schools.data ?? [];
  const schoolId = list.find((s) => s.id === params.get('school'))?.id ?? list[0]?.id;
  const initial: ChildValues = { schoolId, classId: params.get('classId') ?? undefined };
  return (
    <>
      <PageHeader
        title={t('childForm.createTitle')}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
            {t('childForm.back')}
          </Button>
        }
      >
        <Typography.Text type="secondary">{t('childForm.intro')}</Typography.Text>
      </PageHeader>
      <QueryError error={schools.error} onRetry={() => schools.refetch()} />
      <ChildForm
        initialValues={initial}
        onCancel={() => navigate(-1)}
        onSaved={(child, _changed, warnings) => {
          const lines = duplicateLines(warnings);
          if (lines.length)
            // Kept until closed: the user reads it on the new archive's page and may open the other one.
            notification.warning({
              key: `duplicate-${child.id}`,
              title: t('childForm.duplicateTitle'),
              description: (
                <DuplicateLines
                  lines={lines}
                  onOpen={(href) => {
                    notification.destroy(`duplicate-${child.id}`);
                    navigate(href);
                  }}
                />
              ),
              duration: 0,
            });
          else message.success(t('childForm.created'));
          void qc.invalidateQueries({ queryKey: childKeys.lists });
          qc.setQueryData(childKeys.one(child.id), child);
          navigate(`/children/${child.id}`, { replace: true });
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

  if (loaded.isLoading) return <PageLoading />;
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
    const myChanges = new Set(changedFields(mine, base));
    const theirs = CHILD_FIELD_KEYS.filter((k) => !sameValue(base[k], latest[k]));
    const values = toFormValues(latest);
    for (const k of myChanges) if (!theirs.includes(k)) values[k] = mine[k];
    qc.setQueryData(childKeys.one(id), latest);
    setState({
      base: latest,
      values,
      conflict: theirs.map((k) => ({ field: k, before: base[k], after: latest[k], both: myChanges.has(k), mine: myChanges.has(k) ? mine[k] : undefined })),
    });
    // What happened is shown above the form; the server's "refresh and look" (err.message) is already done.
    message.warning({ content: t('childForm.conflictTitle'), duration: 8 });
    // The list of what changed sits above the form.
    window.scrollTo({ top: 0, behavior: 'smooth' });
  };

  return (
    <>
      <PageHeader
        title={t('childForm.editTitle', { name: base.name ?? '' })}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/children/${id}`)}>
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
        focus={params.get('focus')}
        onCancel={() => navigate(`/children/${id}`)}
        onConflict={onConflict}
        onSaved={(child, changed) => {
          if (changed) {
            message.success(t('childForm.saved'));
            void qc.invalidateQueries({ queryKey: childKeys.lists });
            void qc.invalidateQueries({ queryKey: childKeys.history(child.id) });
            qc.setQueryData(childKeys.one(child.id), child);
          } else message.info(t('childForm.noChanges'));
          navigate(`/children/${child.id}`, { replace: true });
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
