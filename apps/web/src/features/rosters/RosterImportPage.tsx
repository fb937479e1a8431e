import { CheckCircleOutlined, DownloadOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { compareClasses, type ImportPreview, type ImportResult } from '@carebridge/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, Flex, Progress, Row, Select, Spin, Statistic, Tag, Typography, Upload } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useClasses } from '../../api/queries.ts';
import { keepsClass } from '../../auth/permissions.ts';
import { useMe } from '../../auth/session.ts';
import { FormError } from '../../components/FormError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { SchoolPicker, useSelectedSchool } from '../../components/SchoolPicker.tsx';
import { useT } from '../../i18n/lang.tsx';
import { shanghaiTime, useChildLabels } from '../children/child-format.ts';
import { childKeys } from '../children/children.api.ts';
import { ImportDone } from './ImportDone.tsx';
import { PreviewRows } from './ImportRows.tsx';
import { needsSkip } from './import-outcome.ts';
import { rostersApi } from './rosters.api.ts';

type Phase =
  | { step: 'idle' }
  | { step: 'uploading'; fileName: string; percent: number }
  | { step: 'parsing'; fileName: string }
  | { step: 'preview'; preview: ImportPreview }
  | { step: 'done'; preview: ImportPreview; result: ImportResult };

const SUMMARY_KEYS = ['create', 'update', 'unchanged', 'error'] as const;
const SUMMARY_COLORS: Record<(typeof SUMMARY_KEYS)[number], string> = { create: '#389e0d', update: '#1677ff', unchanged: '#8c8c8c', error: '#cf1322' };

/** A preview that cannot be committed (expired, outdated, already imported, unreadable): back to the upload, with the reason. */
const BACK_TO_UPLOAD = new Set(['import_not_found', 'import_stale', 'import_already_committed', 'import_unreadable']);

const isXlsx = (file: File) => /\.xlsx$/i.test(file.name);

function SummaryCards({ summary }: { summary: ImportPreview['summary'] }) {
  const t = useT();
  return (
    <Row gutter={[12, 12]}>
      {SUMMARY_KEYS.map((k) => (
        <Col key={k} xs={12} md={6}>
          <Card size="small" data-testid={`roster-summary-${k}`}>
            <Statistic title={t(`rosters.summary.${k}`)} value={summary[k]} styles={{ content: { color: summary[k] ? SUMMARY_COLORS[k] : undefined } }} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** The file's headers and the archive field each renamed one was read as; unknown headers are ignored. */
function Columns({ columns }: { columns: ImportPreview['columns'] }) {
  const t = useT();
  const labels = useChildLabels();
  // Headers may repeat in a file: the position keeps the keys apart.
  const keyed = useMemo(() => columns.map((c, position) => ({ ...c, key: `${position}:${c.header}` })), [columns]);
  /** Archive fields by their label; the server's helper columns ("_grade", "_fatherWorkPlace") by what they fill in. */
  const fieldLabel = (field: string) => {
    if (field === '_grade') return labels.field('grade');
    if (field === '_leftBehindType') return labels.field('leftBehindType');
    const place = /^_(father|mother)WorkPlace$/.exec(field);
    if (place) return `${labels.field(`${place[1]}WorkProvince`)}${labels.sep}${labels.field(`${place[1]}WorkCity`)}`;
    return labels.field(field);
  };
  return (
    <Flex gap={6} wrap data-testid="roster-columns">
      {keyed.map((c) =>
        c.field ? (
          <Tag key={c.key} color="green" style={{ marginInlineEnd: 0 }} data-testid="roster-column">
            {c.header}
            {/* The server tells a rename (学生姓名 → 姓名) from the field's own name written with its * or other-width brackets. */}
            {c.renamed && <Typography.Text type="secondary"> → {fieldLabel(c.field)}</Typography.Text>}
          </Tag>
        ) : (
          <Tag key={c.key} style={{ marginInlineEnd: 0 }} data-testid="roster-column-ignored">
            <Typography.Text type="secondary" delete>
              {c.header || '—'}
            </Typography.Text>{' '}
            {t('rosters.ignored')}
          </Tag>
        ),
      )}
    </Flex>
  );
}

/** 导入花名册: pick the school (and class), upload the .xlsx with progress, check the preview, commit. */
export default function RosterImportPage() {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { schoolId, setSchoolId, schools } = useSelectedSchool();
  const [chosenClassId, setClassId] = useState<string | undefined>();
  const classes = useClasses({ schoolId }, !!schoolId);
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const [commitError, setCommitError] = useState<string | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  /** 确认导入 was pressed on a file with errors before 「跳过有误的行」: the page's warning turns red, no second message. */
  const [skipAsked, setSkipAsked] = useState(false);
  const [committing, setCommitting] = useState(false);
  const [templateBusy, setTemplateBusy] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const me = useMe().data;
  // Into the classes the user keeps (a class teacher: its own).
  const sortedClasses = useMemo(() => {
    const keeps = keepsClass(me, schoolId);
    return [...(classes.data ?? [])].filter((c) => c.active && keeps(c.id)).sort(compareClasses);
  }, [classes.data, me, schoolId]);
  const busy = phase.step === 'uploading' || phase.step === 'parsing';
  // A class teacher with one class imports into it.
  const onlyClass = sortedClasses.length === 1 ? sortedClasses[0]?.id : undefined;
  const classId = chosenClassId ?? onlyClass;

  const start = async (file: File) => {
    setError(null);
    if (!schoolId) {
      setError(t('rosters.pickSchoolFirst'));
      return;
    }
    if (!isXlsx(file)) {
      setError(t('rosters.notXlsx'));
      return;
    }
    abort.current = new AbortController();
    setSkipInvalid(false);
    setSkipAsked(false);
    setCommitError(null);
    setPhase({ step: 'uploading', fileName: file.name, percent: 0 });
    try {
      const preview = await rostersApi.upload({ schoolId, classId }, file, {
        onProgress: (percent) => setPhase((p) => (p.step === 'uploading' ? { ...p, percent } : p)),
        onSent: () => setPhase({ step: 'parsing', fileName: file.name }),
        signal: abort.current.signal,
      });
      setPhase({ step: 'preview', preview });
    } catch (err) {
      setPhase({ step: 'idle' });
      if (!(err instanceof ApiError && err.code === 'aborted')) setError(err instanceof Error ? err.message : String(err));
    }
  };

  // Leaving the page stops an upload in flight.
  useEffect(() => () => abort.current?.abort(), []);
  const cancel = (
    <Button onClick={() => abort.current?.abort()} data-testid="roster-cancel">
      {t('common.cancel')}
    </Button>
  );

  const commit = async (preview: ImportPreview) => {
    setCommitError(null);
    if (needsSkip(preview, skipInvalid)) {
      setSkipAsked(true);
      return;
    }
    setCommitting(true);
    try {
      const result = await rostersApi.commit(preview.importId, skipInvalid);
      setPhase({ step: 'done', preview, result });
      void qc.invalidateQueries({ queryKey: childKeys.all });
    } catch (err) {
      const text = err instanceof Error ? err.message : String(err);
      if (err instanceof ApiError && BACK_TO_UPLOAD.has(err.code)) {
        setPhase({ step: 'idle' });
        setError(text);
      } else if (err instanceof ApiError && err.code === 'import_has_errors') setSkipAsked(true);
      else setCommitError(text);
    } finally {
      setCommitting(false);
    }
  };

  const template = async () => {
    setTemplateBusy(true);
    try {
      await rostersApi.template();
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setTemplateBusy(false);
    }
  };

  const reset = () => {
    setPhase({ step: 'idle' });
    setError(null);
    setCommitError(null);
  };

  const listLink = `/children?school=${schoolId ?? ''}${classId ? `&classId=${classId}` : ''}`;

  return (
    <>
      <PageHeader
        title={t('rosters.title')}
        extra={
          <Button icon={<DownloadOutlined />} onClick={template} loading={templateBusy} data-testid="roster-template">
            {t('rosters.template')}
          </Button>
        }
      >
        <Typography.Text type="secondary">{t('rosters.intro')}</Typography.Text>
      </PageHeader>
      <QueryError error={schools.error} onRetry={() => schools.refetch()} />
      <Card size="small" title={`1. ${t('rosters.stepScope')}`} style={{ marginBottom: 16 }}>
        <Flex gap={8} wrap align="center">
          <SchoolPicker
            value={schoolId}
            onChange={(id) => {
              setSchoolId(id);
              setClassId(undefined);
            }}
            schools={schools.data ?? []}
            loading={schools.isLoading}
            disabled={busy || phase.step === 'preview'}
            data-testid="roster-school"
          />
          <Select
            allowClear
            value={classId}
            onChange={setClassId}
            placeholder={t('children.allClasses')}
            disabled={!schoolId || busy || phase.step === 'preview'}
            loading={classes.isLoading}
            options={sortedClasses.map((c) => ({ value: c.id, label: c.name }))}
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 200 }}
            data-testid="roster-class"
          />
          <Typography.Text type="secondary">{t('rosters.classHint')}</Typography.Text>
        </Flex>
      </Card>
      <Card size="small" title={`2. ${t('rosters.stepFile')}`} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('rosters.templateHint')}
        </Typography.Paragraph>
        <FormError error={error} />
        {phase.step === 'idle' && (
          <Upload.Dragger
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            multiple={false}
            showUploadList={false}
            // Until the user and the school's classes are known, the class a class teacher imports into is not.
            disabled={!schoolId || !me || classes.isLoading}
            beforeUpload={(file) => {
              void start(file);
              return Upload.LIST_IGNORE;
            }}
            data-testid="roster-file"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('rosters.drag')}</p>
            <p className="ant-upload-hint">{t('rosters.dragHint')}</p>
          </Upload.Dragger>
        )}
        {phase.step === 'uploading' && (
          <div data-testid="roster-uploading">
            <Flex justify="space-between" align="center" gap={8}>
              <Typography.Text>{t('rosters.uploading', { name: phase.fileName })}</Typography.Text>
              {cancel}
            </Flex>
            <Progress percent={phase.percent} status="active" />
          </div>
        )}
        {phase.step === 'parsing' && (
          <Flex align="center" gap={12} data-testid="roster-parsing">
            <Spin />
            <div style={{ flex: 1 }}>
              <Typography.Text strong>{t('rosters.parsing')}</Typography.Text>
              <br />
              <Typography.Text type="secondary">{t('rosters.parsingHint')}</Typography.Text>
            </div>
            {cancel}
          </Flex>
        )}
        {phase.step === 'preview' && (
          <Flex justify="space-between" align="center" gap={8} wrap>
            <Typography.Text>
              {t('rosters.fileInfo', { file: phase.preview.fileName, sheet: phase.preview.sheet, row: phase.preview.headerRow })}
            </Typography.Text>
            <Button icon={<ReloadOutlined />} onClick={reset} data-testid="roster-reupload">
              {t('rosters.reupload')}
            </Button>
          </Flex>
        )}
      </Card>
      {phase.step === 'preview' && (
        <Card size="small" title={`3. ${t('rosters.stepPreview')}`} data-testid="roster-preview">
          <Flex vertical gap={16}>
            <SummaryCards summary={phase.preview.summary} />
            <div>
              <Typography.Text strong>{t('rosters.columns')}</Typography.Text>
              <div style={{ marginTop: 8 }}>
                <Columns columns={phase.preview.columns} />
              </div>
            </div>
            <PreviewRows preview={phase.preview} />
            {needsSkip(phase.preview, skipInvalid) && (
              <Alert
                type={skipAsked ? 'error' : 'warning'}
                showIcon
                title={t('rosters.hasErrors', { count: phase.preview.summary.error })}
                data-testid="roster-has-errors"
              />
            )}
            {phase.preview.summary.create + phase.preview.summary.update === 0 && <Alert type="info" showIcon title={t('rosters.nothing')} />}
            {commitError && <Alert type="error" showIcon title={commitError} data-testid="roster-commit-error" />}
            <Flex justify="space-between" align="center" gap={12} wrap>
              <Flex vertical gap={4}>
                {phase.preview.summary.error > 0 && (
                  <Checkbox
                    checked={skipInvalid}
                    onChange={(e) => {
                      setSkipInvalid(e.target.checked);
                      setSkipAsked(false);
                    }}
                    data-testid="roster-skip-invalid"
                  >
                    {t('rosters.skipInvalid')}
                  </Checkbox>
                )}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('rosters.expires', { time: shanghaiTime(phase.preview.expiresAt) })}
                </Typography.Text>
              </Flex>
              <Button
                type="primary"
                size="large"
                icon={<CheckCircleOutlined />}
                loading={committing}
                onClick={() => commit(phase.preview)}
                data-testid="roster-commit"
              >
                {t('rosters.commit')}
              </Button>
            </Flex>
          </Flex>
        </Card>
      )}
      {phase.step === 'done' && <ImportDone preview={phase.preview} result={phase.result} listLink={listLink} onAgain={reset} />}
    </>
  );
}
