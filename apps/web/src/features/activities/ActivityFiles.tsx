import { CameraOutlined, DeleteOutlined, DownloadOutlined, FileOutlined, PaperClipOutlined } from '@ant-design/icons';
import type { Activity } from '@carebridge/shared';
import { App, Button, Card, Empty, Flex, Image, Popconfirm, Typography } from 'antd';
import { useRef, useState } from 'react';
import { download } from '../../api/files.ts';
import { useT } from '../../i18n/lang.tsx';
import { shrinkPhoto, UploadBar, type UploadProgress } from '../care-records/photos.tsx';
import { activitiesApi, useActivityInvalidate } from './activities.api.ts';
import { useActivityAction } from './use-activity-action.ts';

/** Photos and attachments together: the server refuses the 21st file of an activity. */
export const MAX_FILES = 20;
const ATTACHMENTS = '.pdf,.doc,.docx,.xls,.xlsx,.txt';

const sizeText = (bytes: number) => (bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** Send files one after another (one slow connection is used best serially), photos shrunk first, reporting progress. */
function useUpload(a: Activity) {
  const t = useT();
  const { message } = App.useApp();
  const invalidate = useActivityInvalidate();
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const send = async (files: File[], photos: boolean) => {
    const room = Math.max(0, MAX_FILES - a.photos.length - a.files.length);
    const batch = files.slice(0, room);
    if (batch.length < files.length) message.warning(t('activityFiles.limit', { max: MAX_FILES }));
    let last: Activity | null = null;
    for (const [i, file] of batch.entries()) {
      setProgress({ index: i + 1, count: batch.length, percent: 0 });
      try {
        const { blob, name } = photos ? await shrinkPhoto(file) : { blob: file as Blob, name: file.name };
        last = await activitiesApi.addFile(a.id, blob, name, (percent) => setProgress({ index: i + 1, count: batch.length, percent }));
      } catch (err) {
        message.error({ content: t('activityFiles.failed', { name: file.name, message: err instanceof Error ? err.message : String(err) }), duration: 10 });
      }
    }
    setProgress(null);
    if (last) {
      invalidate(last, { sheet: false });
      message.success(t('activityFiles.uploaded'));
    }
  };
  return { progress, send };
}

/** A button that opens the file chooser; the chosen files go straight to `onFiles`. */
function PickButton({
  accept,
  icon,
  label,
  disabled,
  testId,
  onFiles,
}: {
  accept: string;
  icon: React.ReactNode;
  label: string;
  disabled: boolean;
  testId: string;
  onFiles: (files: File[]) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button icon={icon} disabled={disabled} onClick={() => input.current?.click()}>
        {label}
      </Button>
      <input
        ref={input}
        type="file"
        accept={accept}
        multiple
        style={{ display: 'none' }}
        data-testid={testId}
        onChange={(e) => {
          const chosen = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (chosen.length) onFiles(chosen);
        }}
      />
    </>
  );
}

/** 照片与附件: photos as thumbnails that open large, attachments (sign-in sheets, plans, summaries) to download. */
export function ActivityFiles({ activity: a }: { activity: Activity }) {
  const t = useT();
  const { progress, send } = useUpload(a);
  const { run } = useActivityAction(a.id);
  const { message } = App.useApp();
  const full = a.photos.length + a.files.length >= MAX_FILES;
  const busy = !!progress;
  const remove = (fileId: string) => run(() => activitiesApi.removeFile(a.id, fileId), t('activityFiles.deleted'), { sheet: false });

  return (
    <Flex vertical gap={16}>
      <UploadBar progress={progress} text={progress ? t('activityFiles.uploading', { index: progress.index, count: progress.count }) : ''} />
      <Card size="small" title={t('activityFiles.photos')} data-testid="activity-photos">
        {a.photos.length ? (
          <Image.PreviewGroup>
            <Flex gap={8} wrap>
              {a.photos.map((p, i) => (
                <div key={p.id} style={{ position: 'relative' }}>
                  <Image
                    src={p.thumbUrl}
                    preview={{ src: p.url }}
                    width={112}
                    height={112}
                    alt={t('activityFiles.photoAlt', { index: i + 1 })}
                    style={{ objectFit: 'cover', borderRadius: 6 }}
                    loading="lazy"
                    data-testid="activity-photo"
                  />
                  {a.canEdit && (
                    <Popconfirm title={t('activityFiles.deletePhotoConfirm')} onConfirm={() => remove(p.id)}>
                      <Button
                        size="small"
                        shape="circle"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('common.delete')}
                        style={{ position: 'absolute', top: 4, right: 4 }}
                        data-testid="activity-photo-delete"
                      />
                    </Popconfirm>
                  )}
                </div>
              ))}
            </Flex>
          </Image.PreviewGroup>
        ) : (
          <Typography.Text type="secondary">{t('activityFiles.noPhotos')}</Typography.Text>
        )}
        {a.canEdit && (
          <div style={{ marginTop: 12 }}>
            <PickButton
              accept="image/*,.heic,.heif"
              icon={<CameraOutlined />}
              label={t('activityFiles.addPhoto')}
              disabled={busy || full}
              testId="activity-add-photo"
              onFiles={(files) => send(files, true)}
            />
          </div>
        )}
      </Card>
      <Card size="small" title={t('activityFiles.files')} data-testid="activity-files" styles={{ body: { padding: a.files.length ? 0 : undefined } }}>
        {a.files.length ? (
          a.files.map((f) => (
            <Flex key={f.id} align="center" gap={8} style={{ padding: '8px 12px', borderBottom: '1px solid #f0f0f0' }} data-testid="activity-file">
              <FileOutlined style={{ color: '#8c8c8c' }} />
              <Typography.Text ellipsis style={{ flex: 1, minWidth: 0 }}>
                {f.name}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                {sizeText(f.size)}
              </Typography.Text>
              <Button
                type="text"
                size="small"
                icon={<DownloadOutlined />}
                aria-label={t('activityFiles.download')}
                title={t('activityFiles.download')}
                onClick={() => download(`/activities/${a.id}/files/${f.id}`, undefined, f.name).catch((err: Error) => message.error(err.message))}
                data-testid="activity-file-download"
              />
              {a.canEdit && (
                <Popconfirm title={t('activityFiles.deleteConfirm', { name: f.name })} onConfirm={() => remove(f.id)}>
                  <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} data-testid="activity-file-delete" />
                </Popconfirm>
              )}
            </Flex>
          ))
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('activityFiles.noFiles')} />
        )}
        {a.canEdit && (
          <div style={{ padding: 12 }}>
            <PickButton
              accept={ATTACHMENTS}
              icon={<PaperClipOutlined />}
              label={t('activityFiles.addFile')}
              disabled={busy || full}
              testId="activity-add-file"
              onFiles={(files) => send(files, false)}
            />
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
              {t('activityFiles.fileTypes')} {t('activityFiles.limit', { max: MAX_FILES })}
            </Typography.Paragraph>
          </div>
        )}
      </Card>
    </Flex>
  );
}
