import '../../i18n/reports.ts';
import { ArrowLeftOutlined, FileWordOutlined, SaveOutlined } from '@ant-design/icons';
import type { BriefingSections } from '@carebridge/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Flex, Form, Grid, Input, Result, Row, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { FormError } from '../../components/FormError.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { conflictText } from '../../forms/conflict.ts';
import { useLang, useT } from '../../i18n/lang.tsx';
import { shanghaiTime } from '../../lib/dates.ts';
import { figureLabel } from './briefing-format.ts';
import { type BriefingData, briefingKeys, briefingsApi, useBriefing } from './briefings.api.ts';
import { MAX_PHOTOS, PhotoGrid } from './PhotoGrid.tsx';

type SectionKey = keyof BriefingSections;
interface Draft {
  title: string;
  unit: string;
  sections: BriefingSections;
  photoIds: string[];
  nameChildren: boolean;
}

const draftOf = (b: BriefingData): Draft => ({
  title: b.title,
  unit: b.unit,
  sections: { ...b.sections },
  photoIds: [...b.photoIds],
  nameChildren: b.nameChildren,
});
const SECTION_LIMIT: Record<SectionKey, number> = { intro: 5000, work: 20000, highlights: 20000, problems: 10000, nextSteps: 10000 };
/** The headings of the Word document ("一、基本情况"…), so the editor reads in the document's order. */
const HEADING: Record<SectionKey, 'briefings.h.intro' | 'briefings.h.work' | 'briefings.h.highlights' | 'briefings.h.problems' | 'briefings.h.next'> = {
  intro: 'briefings.h.intro',
  work: 'briefings.h.work',
  highlights: 'briefings.h.highlights',
  problems: 'briefings.h.problems',
  nextSteps: 'briefings.h.next',
};

function same(a: Draft, b: Draft): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function SectionField({ k, value, onChange }: { k: SectionKey; value: string; onChange: (v: string) => void }) {
  const t = useT();
  return (
    <Form.Item label={<Typography.Text strong>{t(HEADING[k])}</Typography.Text>} style={{ marginBottom: 16 }}>
      <Input.TextArea
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoSize={{ minRows: 3, maxRows: 18 }}
        maxLength={SECTION_LIMIT[k]}
        placeholder={t(`briefingEditor.placeholder.${k}`)}
        data-testid={`briefing-section-${k}`}
      />
    </Form.Item>
  );
}

/** The editor: text, figures, photos and the naming switch; "保存" writes it, "生成 Word" saves and downloads the document. */
function Editor({ initial }: { initial: BriefingData }) {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const narrow = Grid.useBreakpoint().md === false;
  const [base, setBase] = useState(initial);
  const [draft, setDraft] = useState(() => draftOf(initial));
  const [busy, setBusy] = useState<'save' | 'docx' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const dirty = !same(draft, draftOf(base));

  // Leaving with unsaved text: the browser asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const load = (b: BriefingData) => {
    setBase(b);
    setDraft(draftOf(b));
    qc.setQueryData(briefingKeys.one(b.id), b);
  };
  const setSection = (k: SectionKey, v: string) => setDraft((d) => ({ ...d, sections: { ...d.sections, [k]: v } }));

  /** PUT with the version read; on a conflict the fresh briefing replaces the editor's text (and the user is told). */
  const save = async (): Promise<BriefingData | null> => {
    if (!draft.title.trim() || !draft.unit.trim()) {
      setError(t('briefingEditor.required'));
      return null;
    }
    setError(null);
    try {
      const next = await briefingsApi.update(base.id, {
        title: draft.title.trim(),
        unit: draft.unit.trim(),
        sections: draft.sections,
        photoIds: draft.photoIds,
        nameChildren: draft.nameChildren,
        version: base.version,
      });
      load(next);
      void qc.invalidateQueries({ queryKey: briefingKeys.all, refetchType: 'none' });
      return next;
    } catch (err) {
      if (err instanceof ApiError && err.isVersionConflict) {
        const fresh = await briefingsApi.get(base.id).catch(() => null);
        if (fresh) load(fresh);
        message.warning({ content: conflictText(err, t('briefingEditor.reloaded')), duration: 10 });
      } else setError(err instanceof Error ? err.message : String(err));
      return null;
    }
  };

  const onSave = async () => {
    setBusy('save');
    const next = await save();
    setBusy(null);
    if (next) message.success(t('common.saved'));
  };

  const onDocx = async () => {
    setBusy('docx');
    try {
      const current = dirty ? await save() : base;
      if (!current) return;
      const name = await briefingsApi.docx(current.id, `${current.title}.docx`);
      message.success(t('briefingEditor.downloaded', { name }));
      const fresh = await briefingsApi.get(current.id).catch(() => null);
      if (fresh && fresh.version === current.version) {
        setBase(fresh);
        qc.setQueryData(briefingKeys.one(fresh.id), fresh);
      }
      void qc.invalidateQueries({ queryKey: ['briefings', 'list'] });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(null);
    }
  };

  const back = () => navigate(`/briefings?${base.scope.kind === 'school' ? `school=${base.scope.id}` : `region=${base.scope.id}`}`);

  return (
    <div data-testid="briefing-editor">
      <Flex justify="space-between" align="start" gap={12} wrap style={{ marginBottom: 16 }}>
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('briefingEditor.title')}
          </Typography.Title>
          <Typography.Text type="secondary">
            {base.scope.name} · {t('briefings.period', { from: base.from, to: base.to })}
          </Typography.Text>
        </div>
        <Flex gap={8} wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={back}>
            {t('briefingEditor.back')}
          </Button>
          <Button icon={<SaveOutlined />} onClick={onSave} loading={busy === 'save'} disabled={!dirty || busy !== null} data-testid="briefing-save">
            {t('common.save')}
          </Button>
          <Button
            type="primary"
            icon={<FileWordOutlined />}
            onClick={onDocx}
            loading={busy === 'docx'}
            disabled={busy === 'save'}
            data-testid="briefing-download"
          >
            {t('briefingEditor.docx')}
          </Button>
        </Flex>
      </Flex>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('briefingEditor.meta', { by: base.createdBy, at: shanghaiTime(base.createdAt) })}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 13 }} data-testid="briefing-generated">
          {base.generatedAt ? t('briefingEditor.generated', { at: shanghaiTime(base.generatedAt) }) : t('briefingEditor.notGenerated')}
        </Typography.Text>
        {dirty && (
          <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid="briefing-dirty">
            {t('briefingEditor.unsaved')}
          </Tag>
        )}
      </Flex>
      <FormError error={error} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card size="small">
            <Form layout="vertical" component="div">
              <Row gutter={12}>
                <Col xs={24} md={14}>
                  <Form.Item label={t('reportFields.title')} required>
                    <Input value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.target.value })} maxLength={100} data-testid="briefing-title" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={10}>
                  <Form.Item label={t('reportFields.unit')} required>
                    <Input value={draft.unit} onChange={(e) => setDraft({ ...draft, unit: e.target.value })} maxLength={100} data-testid="briefing-unit" />
                  </Form.Item>
                </Col>
              </Row>
              <SectionField k="intro" value={draft.sections.intro} onChange={(v) => setSection('intro', v)} />
              <SectionField k="work" value={draft.sections.work} onChange={(v) => setSection('work', v)} />
              <SectionField k="highlights" value={draft.sections.highlights} onChange={(v) => setSection('highlights', v)} />
              <SectionField k="problems" value={draft.sections.problems} onChange={(v) => setSection('problems', v)} />
              <SectionField k="nextSteps" value={draft.sections.nextSteps} onChange={(v) => setSection('nextSteps', v)} />
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Flex vertical gap={16}>
            <Card size="small" title={t('briefings.h.figures')} extra={<Typography.Text type="secondary">{t('briefingEditor.figuresHint')}</Typography.Text>}>
              <Table
                size="small"
                rowKey="label"
                pagination={false}
                dataSource={base.figures.map((f) => ({ ...f, label: figureLabel(f.label, lang) }))}
                columns={[
                  { key: 'label', title: t('briefings.fig.item'), dataIndex: 'label' },
                  { key: 'value', title: t('briefings.fig.value'), dataIndex: 'value', align: 'right', width: 100 },
                ]}
                data-testid="briefing-figures"
              />
            </Card>
            <Card size="small" title={t('reportFields.nameChildren')}>
              <Flex align="center" gap={8}>
                <Switch checked={draft.nameChildren} onChange={(v) => setDraft({ ...draft, nameChildren: v })} data-testid="briefing-name-children" />
                <Typography.Text>{t(draft.nameChildren ? 'briefingEditor.nameOn' : 'briefingEditor.nameOff')}</Typography.Text>
              </Flex>
              <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('briefingEditor.nameNote')} />
            </Card>
          </Flex>
        </Col>
        <Col span={24}>
          <Card
            size="small"
            title={t('briefingEditor.photos')}
            extra={
              <Typography.Text type={draft.photoIds.length >= MAX_PHOTOS ? 'warning' : 'secondary'} data-testid="briefing-photo-count">
                {t('briefingEditor.photoCount', { count: draft.photoIds.length, max: MAX_PHOTOS })}
              </Typography.Text>
            }
          >
            <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginTop: 0 }}>
              {t('briefingEditor.photosHint')}
            </Typography.Paragraph>
            <PhotoGrid candidates={base.candidates} selected={draft.photoIds} onChange={(ids) => setDraft({ ...draft, photoIds: ids })} />
          </Card>
        </Col>
      </Row>
      {narrow && (
        <Flex justify="end" gap={8} style={{ marginTop: 16 }}>
          <Button icon={<SaveOutlined />} onClick={onSave} disabled={!dirty || busy !== null}>
            {t('common.save')}
          </Button>
          <Button type="primary" icon={<FileWordOutlined />} onClick={onDocx} loading={busy === 'docx'}>
            {t('briefingEditor.docx')}
          </Button>
        </Flex>
      )}
    </div>
  );
}

/** /briefings/:id — one briefing in the editor. */
export default function BriefingEditorPage() {
  const { id = '' } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const briefing = useBriefing(id);
  if (briefing.isLoading) return <PageLoading />;
  if (!briefing.data) {
    const err = briefing.error;
    if (err instanceof ApiError && err.status === 404)
      return (
        <Result
          status="404"
          title={t('briefingEditor.notFound')}
          subTitle={err.message}
          extra={
            <Button type="primary" onClick={() => navigate('/briefings')}>
              {t('briefingEditor.backToList')}
            </Button>
          }
        />
      );
    return <QueryError error={err} onRetry={() => briefing.refetch()} />;
  }
  return <Editor key={briefing.data.id} initial={briefing.data} />;
}
