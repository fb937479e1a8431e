import { CALL_MODES, CALL_WITH, type CareKind, type CareRecord, inSentence, type MyChild, TERM_POINTS } from '@carebridge/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Drawer, Flex, Input, Segmented, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useLocation } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { FormError } from '../../components/FormError.tsx';
import { useLeaveGuard } from '../../components/useLeaveGuard.ts';
import { countNearLimit } from '../../forms/count-near-limit.ts';
import { useLang, useT } from '../../i18n/lang.tsx';
import { todayInShanghai } from '../../lib/dates.ts';
import { KIND_META, useCareLabels } from '../care-records/care-format.tsx';
import { careApi, careKeys, useCareInvalidate } from '../care-records/care-records.api.ts';
import { PhotoPicker, UploadBar, type UploadProgress, uploadPhotos } from '../care-records/photos.tsx';
import { VisitWindowHint } from '../care-records/VisitWindowHint.tsx';

/** The kinds a mentor logs from a card in a few taps. */
export type QuickKind = Extract<CareKind, 'talk' | 'family_call' | 'home_visit'>;

export interface QuickTarget {
  child: MyChild;
  kind: QuickKind;
}

/** The mentor's cards show a saved record at once, before the list comes back from the server. */
function patchMine(list: MyChild[] | undefined, record: CareRecord): MyChild[] | undefined {
  if (!list) return list;
  const later = (a: string | null, b: string) => (!a || b > a ? b : a);
  return list.map((c) => {
    if (!record.children.some((x) => x.id === c.childId)) return c;
    if (record.kind === 'talk') return { ...c, lastTalk: later(c.lastTalk, record.date) };
    if (record.kind === 'family_call' || record.kind === 'family_letter') return { ...c, lastFamilyContact: later(c.lastFamilyContact, record.date) };
    return c;
  });
}

/**
 * The quick log at the bottom of a phone screen: kind and child fixed, today's date, one text box,
 * an optional photo and a big save button — a talk takes three taps and a sentence. Shown in a history
 * entry of its own (MinePage), so the back gesture closes it; with something typed or chosen, ✕, Esc,
 * back and the menu ask first (useLeaveGuard), as the full form does.
 */
export function QuickLogDrawer({ target, onClose }: { target: QuickTarget | null; onClose: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const labels = useCareLabels();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const invalidate = useCareInvalidate();
  const today = todayInShanghai();
  const [summary, setSummary] = useState('');
  const [date, setDate] = useState(today);
  const [details, setDetails] = useState<Record<string, string>>({});
  const [photos, setPhotos] = useState<File[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [summaryError, setSummaryError] = useState(false);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  /** Saved, but some photos did not go: offer to try again. */
  const [saved, setSaved] = useState<CareRecord | null>(null);
  const dirty = (!saved && (!!summary.trim() || Object.keys(details).length > 0)) || photos.length > 0;
  const guard = useLeaveGuard(dirty, useLocation().key);

  if (!target) return null;
  const { child, kind } = target;
  const kindLabel = labels.kind(kind);
  // The day already has one (a second tap on the card, or a colleague's log): said, not refused — two talks a day happen.
  const when = date === today ? inSentence(lang, t('mine.today')) : date;
  const already =
    kind === 'talk' && child.lastTalk === date
      ? t('mine.alreadyTalk', { when, name: child.name })
      : kind === 'family_call' && child.lastFamilyContact === date
        ? t('mine.alreadyFamily', { when, name: child.name })
        : null;

  const finish = (record: CareRecord) => {
    qc.setQueryData<MyChild[]>(careKeys.mine, (list) => patchMine(list, record));
    invalidate(record);
    message.success(t('mine.saved', { kind: kindLabel, name: child.name }));
    guard.release();
    onClose();
  };

  const sendPhotos = async (record: CareRecord, files: File[]) => {
    const outcome = await uploadPhotos(record.id, files, setProgress);
    setProgress(null);
    if (!outcome.failed.length) return finish(outcome.record ?? record);
    setSaved(outcome.record ?? record);
    setPhotos(outcome.failed.map((f) => f.file));
    setError(t('mine.photoFailed', { message: outcome.failed[0]?.error.message ?? '' }));
  };

  const save = async () => {
    setError(null);
    if (!summary.trim()) {
      setSummaryError(true);
      return;
    }
    setSaving(true);
    try {
      const record = await careApi.create({
        kind,
        childIds: [child.childId],
        date,
        summary: summary.trim(),
        ...(Object.keys(details).length ? { details } : {}),
      } as Parameters<typeof careApi.create>[0]);
      if (photos.length) await sendPhotos(record, photos);
      else finish(record);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  const retry = async () => {
    if (!saved) return;
    setSaving(true);
    setError(null);
    try {
      await sendPhotos(saved, photos);
    } finally {
      setSaving(false);
    }
  };

  const choice = (field: string, values: readonly string[]) => (
    <div>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {labels.field(field)}
      </Typography.Text>
      <div style={{ overflowX: 'auto' }}>
        <Segmented
          value={details[field] ?? ''}
          onChange={(v) => setDetails((d) => ({ ...d, [field]: String(v) }))}
          options={values.map((v) => ({ value: v, label: labels.option(field, v) }))}
          data-testid={`quick-${field}`}
        />
      </div>
    </div>
  );

  return (
    <Drawer
      open
      placement="bottom"
      onClose={saving ? undefined : () => guard(onClose)}
      // A tap beside the sheet does not throw away what was typed or chosen; ✕ and Esc ask first.
      maskClosable={!saving && !dirty}
      size="auto"
      styles={{ body: { padding: 16 }, header: { padding: '12px 16px' }, section: { maxHeight: '92vh', borderRadius: '12px 12px 0 0' } }}
      title={
        <Flex align="center" gap={8}>
          <span style={{ color: KIND_META[kind].color }}>{KIND_META[kind].icon}</span>
          <span>{t('mine.quickTitle', { kind: kindLabel, name: child.name })}</span>
        </Flex>
      }
      data-testid="quick-drawer"
    >
      <Flex vertical gap={12}>
        {saved ? (
          <Alert type="warning" showIcon title={error} data-testid="quick-photo-error" />
        ) : (
          <>
            <FormError error={error} />
            {already && <Alert type="info" showIcon title={already} data-testid="quick-already" />}
            <Flex align="center" gap={8}>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {labels.field('date')}
              </Typography.Text>
              <DatePicker
                size="small"
                value={dayjs(date)}
                onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))}
                allowClear={false}
                inputReadOnly
                format="YYYY-MM-DD"
                disabledDate={(d) => d.format('YYYY-MM-DD') > today}
                style={{ width: 130 }}
                data-testid="quick-date"
              />
            </Flex>
            {kind === 'family_call' && (
              <>
                {choice('withWhom', CALL_WITH)}
                {choice('mode', CALL_MODES)}
              </>
            )}
            {kind === 'home_visit' && choice('termPoint', TERM_POINTS)}
            {kind === 'home_visit' && <VisitWindowHint schoolId={child.schoolId} date={date} point={details.termPoint} />}
            <div>
              <Input.TextArea
                value={summary}
                onChange={(e) => {
                  setSummary(e.target.value);
                  if (e.target.value.trim()) setSummaryError(false);
                }}
                autoSize={{ minRows: 4, maxRows: 10 }}
                maxLength={2000}
                showCount={countNearLimit}
                placeholder={t(`mine.placeholder.${kind}`)}
                status={summaryError ? 'error' : undefined}
                aria-label={labels.field('summary')}
                style={{ fontSize: 16 }}
                data-testid="quick-summary"
              />
              {summaryError && (
                <Typography.Text type="danger" style={{ fontSize: 13 }}>
                  {t('mine.summaryRequired', { kind: inSentence(lang, kindLabel) })}
                </Typography.Text>
              )}
            </div>
          </>
        )}
        <PhotoPicker files={photos} onChange={setPhotos} label={t('mine.addPhoto')} testId="quick-photo" disabled={saving} size="large" />
        <UploadBar progress={progress} text={progress ? t('mine.uploading', { index: progress.index, count: progress.count }) : ''} />
        {saved ? (
          <Flex gap={8}>
            <Button size="large" block onClick={() => finish(saved)} disabled={saving} data-testid="quick-skip-photos">
              {t('mine.skipPhotos')}
            </Button>
            <Button type="primary" size="large" block onClick={retry} loading={saving} disabled={!photos.length} data-testid="quick-retry">
              {t('mine.retryPhotos')}
            </Button>
          </Flex>
        ) : (
          <Button type="primary" size="large" block onClick={save} loading={saving} style={{ height: 48, fontSize: 17 }} data-testid="quick-save">
            {t('mine.save')}
          </Button>
        )}
      </Flex>
    </Drawer>
  );
}
