import { DeleteOutlined, LockOutlined, PlusOutlined, TrophyOutlined } from '@ant-design/icons';
import { type Activity, type ContestEntry, EntryCreate, EntryScore } from '@carebridge/shared';
import { App, Button, Card, Checkbox, Empty, Flex, Form, Input, InputNumber, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import { FormActions } from '../../components/FormActions.tsx';
import { FormError } from '../../components/FormError.tsx';
import { FormModal } from '../../components/Overlay.tsx';
import { useSchemaForm } from '../../forms/schema-form.ts';
import { useT } from '../../i18n/lang.tsx';
import { ChildSelect } from '../care-records/ChildSelect.tsx';
import { activitiesApi, useActivityInvalidate } from './activities.api.ts';

const pre = { whiteSpace: 'pre-wrap', wordBreak: 'break-word' } as const;

interface ScoreValues {
  scores: { judge?: string; score?: number | null }[];
  award?: string | null;
}

/** The judges' scores and the award of one entry. */
function ScoreForm({ activity: a, entry, onDone, onCancel }: { activity: Activity; entry: ContestEntry; onDone: () => void; onCancel: () => void }) {
  const t = useT();
  const invalidate = useActivityInvalidate();
  const { form, onFinish, submitting, formError } = useSchemaForm<z.ZodType, ScoreValues, Activity>({
    schema: EntryScore,
    toPayload: (v) => ({
      scores: (v.scores ?? []).filter((s) => s.judge?.trim() || s.score !== undefined).map((s) => ({ judge: s.judge?.trim() ?? '', score: s.score ?? null })),
      award: v.award?.trim() || null,
    }),
    submit: (body) => activitiesApi.scoreEntry(a.id, entry.id, body as z.input<typeof EntryScore>),
    onSuccess: (next) => {
      invalidate(next, { sheet: false });
      onDone();
    },
  });
  const initial: ScoreValues = { scores: entry.scores.length ? entry.scores : [{ judge: '', score: null }], award: entry.award ?? '' };
  return (
    <Form form={form} layout="vertical" onFinish={onFinish} initialValues={initial}>
      <FormError error={formError} />
      <Form.List name="scores">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Flex key={f.key} gap={8} align="start">
                <Form.Item name={[f.name, 'judge']} label={f.name === 0 ? t('activityContest.judge') : undefined} style={{ flex: 1 }}>
                  <Input maxLength={50} data-testid="score-judge" />
                </Form.Item>
                <Form.Item name={[f.name, 'score']} label={f.name === 0 ? t('activityContest.value') : undefined}>
                  <InputNumber min={0} max={100} step={0.5} style={{ width: 100 }} data-testid="score-value" />
                </Form.Item>
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={t('activityContest.removeJudge')}
                  onClick={() => remove(f.name)}
                  style={{ marginTop: f.name === 0 ? 30 : 0 }}
                />
              </Flex>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ judge: '', score: null })}
              block
              style={{ marginBottom: 16 }}
              data-testid="score-add"
            >
              {t('activityContest.addJudge')}
            </Button>
          </>
        )}
      </Form.List>
      <Form.Item name="award" label={t('activityContest.award')}>
        <Input maxLength={50} placeholder={t('activityContest.awardPlaceholder')} data-testid="score-award" />
      </Form.Item>
      <FormActions submitting={submitting} onCancel={onCancel} testId="score-save" />
    </Form>
  );
}

function EntryRow({ entry: e, canScore, onScore }: { entry: ContestEntry; canScore: boolean; onScore: () => void }) {
  const t = useT();
  return (
    <div style={{ padding: '10px 12px', borderBottom: '1px solid #f0f0f0' }} data-testid="entry-row">
      <Flex justify="space-between" align="start" gap={8} wrap>
        <div style={{ minWidth: 0 }}>
          <Flex gap={8} align="baseline" wrap>
            <Typography.Text strong>{e.title}</Typography.Text>
            {e.award && (
              <Tag color="gold" icon={<TrophyOutlined />} style={{ marginInlineEnd: 0 }} data-testid="entry-award">
                {e.award}
              </Tag>
            )}
          </Flex>
          <Typography.Text type="secondary">
            {e.childName}
            {e.className ? ` · ${e.className}` : ''}
          </Typography.Text>
        </div>
        {canScore && (
          <Button size="small" onClick={onScore} data-testid="entry-score">
            {t('activityContest.score')}
          </Button>
        )}
      </Flex>
      <Flex gap={12} wrap align="center" style={{ marginTop: 4 }}>
        {e.scores.length ? (
          <Typography.Text style={{ fontVariantNumeric: 'tabular-nums' }}>{e.scores.map((s) => `${s.judge} ${s.score}`).join(' · ')}</Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('activityContest.noScores')}</Typography.Text>
        )}
        {e.average !== null && (
          <Typography.Text strong data-testid="entry-average">
            {t('activityContest.average')} {e.average}
          </Typography.Text>
        )}
      </Flex>
      {e.consent && e.text ? (
        <Typography.Paragraph ellipsis={{ rows: 2, expandable: true, symbol: t('activityContest.showText') }} style={{ ...pre, margin: '6px 0 0' }}>
          {e.text}
        </Typography.Paragraph>
      ) : (
        !e.consent && (
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4, fontSize: 12 }}>
            <LockOutlined /> {t('activityContest.noText')}
          </Typography.Text>
        )
      )}
    </div>
  );
}

interface EntryValues {
  childId?: string;
  title?: string;
  consent?: boolean;
  text?: string | null;
}

/** A child's entry: the title always, the text only when the child agrees to show it (the server drops it otherwise). */
function AddEntry({ activity: a }: { activity: Activity }) {
  const t = useT();
  const { message } = App.useApp();
  const invalidate = useActivityInvalidate();
  const { form, onFinish, submitting, formError } = useSchemaForm<z.ZodType, EntryValues, Activity>({
    schema: EntryCreate,
    toPayload: (v) => ({ childId: v.childId ?? '', title: v.title?.trim() ?? '', consent: !!v.consent, text: v.consent ? v.text?.trim() || null : null }),
    submit: (body) => activitiesApi.addEntry(a.id, body as z.input<typeof EntryCreate>),
    onSuccess: (next) => {
      invalidate(next, { sheet: false });
      form.resetFields();
      message.success(t('activityContest.added'));
    },
  });
  const consent = Form.useWatch('consent', form) as boolean | undefined;
  return (
    <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ consent: false }} disabled={submitting} style={{ padding: 12 }}>
      <Typography.Text strong>{t('activityContest.add')}</Typography.Text>
      <FormError error={formError} />
      <Flex gap={12} wrap style={{ marginTop: 8 }}>
        <Form.Item name="childId" label={t('activityContest.child')} required style={{ flex: '1 1 200px', minWidth: 0 }}>
          <ChildSelect
            schoolId={a.schoolId}
            placeholder={t('activityAttendance.addChildPlaceholder')}
            style={{ width: '100%' }}
            data-testid="entry-add-child"
          />
        </Form.Item>
        <Form.Item name="title" label={t('activityContest.entryTitle')} required style={{ flex: '2 1 240px', minWidth: 0 }}>
          <Input maxLength={100} placeholder={t('activityContest.entryTitlePlaceholder')} data-testid="entry-add-title" />
        </Form.Item>
      </Flex>
      <Form.Item name="consent" valuePropName="checked" extra={t('activityContest.consentHint')} style={{ marginBottom: 12 }}>
        <Checkbox
          onChange={(e) => {
            if (!e.target.checked) form.setFieldValue('text', null);
          }}
          data-testid="entry-add-consent"
        >
          {t('activityContest.consent')}
        </Checkbox>
      </Form.Item>
      <Form.Item name="text" label={t('activityContest.text')}>
        <Input.TextArea
          disabled={!consent}
          autoSize={{ minRows: 3, maxRows: 12 }}
          maxLength={20000}
          placeholder={consent ? undefined : t('activityContest.textDisabled')}
          data-testid="entry-add-text"
        />
      </Form.Item>
      <Flex justify="end">
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={submitting} data-testid="entry-add">
          {t('activityContest.add')}
        </Button>
      </Flex>
    </Form>
  );
}

/** 作品: the entries of an essay contest or reading activity, the judges' scores, the average and the award. */
export function ContestSection({ activity: a, canAdd }: { activity: Activity; canAdd: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const [scoring, setScoring] = useState<ContestEntry | null>(null);
  return (
    <Card size="small" title={t('activityContest.title')} styles={{ body: { padding: 0 } }} data-testid="contest-section">
      <Typography.Paragraph type="secondary" style={{ margin: 0, padding: 12 }}>
        {t('activityContest.intro')}
      </Typography.Paragraph>
      <div style={{ borderTop: '1px solid #f0f0f0' }}>
        {a.entries.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('activityContest.noEntries')} />
        ) : (
          a.entries.map((e) => <EntryRow key={e.id} entry={e} canScore={a.canEdit} onScore={() => setScoring(e)} />)
        )}
      </div>
      {canAdd && <AddEntry activity={a} />}
      <FormModal open={!!scoring} title={scoring ? t('activityContest.scoreTitle', { title: scoring.title }) : ''} onClose={() => setScoring(null)}>
        {scoring && (
          <ScoreForm
            activity={a}
            entry={scoring}
            onCancel={() => setScoring(null)}
            onDone={() => {
              setScoring(null);
              message.success(t('activityContest.scored'));
            }}
          />
        )}
      </FormModal>
    </Card>
  );
}
