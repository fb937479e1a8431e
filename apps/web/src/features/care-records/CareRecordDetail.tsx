import { CheckOutlined, DeleteOutlined, EditOutlined, LockOutlined } from '@ant-design/icons';
import type { CareRecord } from '@carebridge/shared';
import { App, Button, Descriptions, Flex, Grid, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useMe } from '../../auth/session.ts';
import { conflictText } from '../../forms/conflict.ts';
import { useT } from '../../i18n/lang.tsx';
import { shanghaiTime, todayInShanghai } from '../../lib/dates.ts';
import { FollowUpTag, KindTag, PhotoThumbs, RedactedNote } from './CareParts.tsx';
import { detailSpecs, useCareLabels } from './care-format.tsx';
import { careApi, useCareInvalidate } from './care-records.api.ts';
import { MAX_PHOTOS, PhotoPicker, UploadBar, type UploadProgress, uploadPhotos } from './photos.tsx';

interface Props {
  record: CareRecord;
  /** The record changed here (follow-up done, photo added, or reloaded after a conflict). */
  onChanged: (record: CareRecord) => void;
  onDeleted: () => void;
}

/** One care record in full: what happened, the kind's own fields, follow-up, photos large, and its actions. */
export function CareRecordDetail({ record: r, onChanged, onDeleted }: Props) {
  const t = useT();
  const labels = useCareLabels();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const me = useMe().data;
  const invalidate = useCareInvalidate();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const today = todayInShanghai();
  const narrow = Grid.useBreakpoint().sm === false;

  const children = (
    <Flex gap={8} wrap>
      {r.children.map((c) => (
        <Link key={c.id} to={`/children/${c.id}`} style={{ fontWeight: 600 }}>
          {c.name}
        </Link>
      ))}
    </Flex>
  );

  if (r.redacted)
    return (
      <Flex vertical gap={12} data-testid="care-detail">
        <Flex gap={8} wrap align="center">
          <KindTag kind={r.kind} />
          <Typography.Text>{r.date}</Typography.Text>
        </Flex>
        {children}
        <RedactedNote confidential={r.confidential} />
      </Flex>
    );

  const failed = (err: unknown) => {
    if (err instanceof ApiError && err.isVersionConflict)
      void careApi.get(r.id).then((fresh) => {
        onChanged(fresh);
        invalidate(fresh);
        message.warning({ content: conflictText(err, t('common.reloaded')), duration: 8 });
      });
    else message.error(err instanceof Error ? err.message : String(err));
  };

  const markDone = async () => {
    setBusy(true);
    try {
      const next = await careApi.update(r.id, { followUpDone: true, version: r.version });
      invalidate(next);
      onChanged(next);
      message.success(t('careRecords.markedDone'));
    } catch (err) {
      failed(err);
    } finally {
      setBusy(false);
    }
  };

  const remove = () =>
    modal.confirm({
      title: t('careRecords.deleteConfirm'),
      content: t('careRecords.deleteHint'),
      okButtonProps: { danger: true, 'data-testid': 'care-delete-confirm' } as Record<`data-${string}`, string> & { danger: boolean },
      okText: t('common.delete'),
      onOk: async () => {
        try {
          await careApi.remove(r.id);
          // Close the record first, so that nothing asks for it again.
          onDeleted();
          invalidate();
          message.success(t('careRecords.deleted'));
        } catch (err) {
          failed(err);
        }
      },
    });

  const addPhotos = async (files: File[]) => {
    if (!files.length) return;
    setBusy(true);
    const outcome = await uploadPhotos(r.id, files, setProgress);
    setProgress(null);
    setBusy(false);
    if (outcome.record) {
      invalidate(outcome.record);
      onChanged(outcome.record);
    }
    for (const f of outcome.failed) message.error(t('careForm.photoFailed', { name: f.file.name, message: f.error.message }));
    if (!outcome.failed.length) message.success(t('careRecords.photoAdded'));
  };

  const specs = detailSpecs(r.kind).filter((s) => labels.detail(s, r.details?.[s.name]) !== '');
  const mineLocked = !r.canEdit && r.authorId === me?.user.id;
  // Closing a follow-up is not an edit: its author closes it after the edit window too (the reminder runs until then).
  const closable = r.followUpNeeded && !r.followUpDone && (r.canEdit || mineLocked);

  return (
    <Flex vertical gap={16} data-testid="care-detail">
      <Flex justify="space-between" align="start" gap={8} wrap>
        <Flex vertical gap={6}>
          <Flex gap={8} wrap align="center">
            <KindTag kind={r.kind} />
            <Typography.Text strong>{r.date}</Typography.Text>
            <FollowUpTag record={r} today={today} />
          </Flex>
          {children}
        </Flex>
        {(r.canEdit || closable) && (
          <Space wrap>
            {closable && (
              <Button icon={<CheckOutlined />} loading={busy} onClick={markDone} data-testid="care-follow-up-done">
                {t('careRecords.markDone')}
              </Button>
            )}
            {r.canEdit && (
              <Button icon={<EditOutlined />} onClick={() => navigate(`/care-records/${r.id}/edit`)} data-testid="care-edit">
                {t('common.edit')}
              </Button>
            )}
            {r.canEdit && (
              <Button danger icon={<DeleteOutlined />} onClick={remove} data-testid="care-delete">
                {t('common.delete')}
              </Button>
            )}
          </Space>
        )}
      </Flex>
      {mineLocked && (
        <Typography.Text type="secondary">
          <LockOutlined /> {t('careRecords.locked')}
        </Typography.Text>
      )}
      <Descriptions
        size="small"
        bordered
        column={1}
        layout={narrow ? 'vertical' : 'horizontal'}
        styles={{ label: narrow ? {} : { width: 120, whiteSpace: 'nowrap' } }}
        items={[
          { key: 'summary', label: labels.field('summary'), children: <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{r.summary}</span> },
          ...(r.participants ? [{ key: 'participants', label: labels.field('participants'), children: r.participants }] : []),
          ...specs.map((s) => ({
            key: s.name,
            label: labels.field(s.name),
            children: <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{labels.detail(s, r.details?.[s.name])}</span>,
          })),
          ...(r.followUpNeeded ? [{ key: 'followUpDate', label: labels.field('followUpDate'), children: r.followUpDate ?? '—' }] : []),
          { key: 'author', label: t('careRecords.createdAt'), children: `${r.authorName ?? '—'} · ${shanghaiTime(r.createdAt)}` },
          ...(r.updatedAt !== r.createdAt ? [{ key: 'updated', label: t('careRecords.updatedAt'), children: shanghaiTime(r.updatedAt) }] : []),
        ]}
      />
      <div>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('careRecords.photos')}
        </Typography.Title>
        {r.photos.length ? (
          <PhotoThumbs photos={r.photos} size={112} testId="care-detail-photo" />
        ) : (
          <Typography.Text type="secondary">{t('careRecords.noPhotos')}</Typography.Text>
        )}
        {r.canEdit && r.photos.length < MAX_PHOTOS && (
          <div style={{ marginTop: 12 }}>
            <PhotoPicker files={[]} onChange={addPhotos} existing={r.photos.length} label={t('careRecords.addPhoto')} testId="care-add-photo" disabled={busy} />
            <UploadBar progress={progress} text={progress ? t('careForm.uploading', { index: progress.index, count: progress.count }) : ''} />
          </div>
        )}
      </div>
    </Flex>
  );
}
