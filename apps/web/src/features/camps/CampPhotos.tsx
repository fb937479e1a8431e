import { CameraOutlined, DeleteOutlined } from '@ant-design/icons';
import type { Camp, CampPhoto } from '@carebridge/shared';
import { App, Button, Card, Empty, Flex, Image, Input, Popconfirm, Select, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useLang, useT } from '../../i18n/lang.tsx';
import { todayInShanghai } from '../../lib/dates.ts';
import { shrinkPhoto, UploadBar, type UploadProgress } from '../care-records/photos.tsx';
import { dayLabel } from './camp-format.ts';
import { campsApi, useCampCache } from './camps.api.ts';

/** The camp day a new photo belongs to by default: today while the camp is on, else its nearest day. */
function defaultDay(c: Camp): string {
  // The middle of the three (ISO dates sort as text) is today clamped into the camp.
  return [c.startDate, todayInShanghai(), c.endDate].sort()[1] ?? c.startDate;
}

/** One photo: a square thumbnail that opens large, its caption (editable by who may), a delete button. */
function PhotoTile({ camp, photo, index }: { camp: Camp; photo: CampPhoto; index: number }) {
  const t = useT();
  const { message } = App.useApp();
  const cache = useCampCache();
  const act = async (fn: () => Promise<Camp>, done: string) => {
    try {
      cache.camp(await fn());
      message.success(done);
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <div style={{ width: 132 }} data-testid="camp-photo">
      <div style={{ position: 'relative' }}>
        <Image
          src={photo.thumbUrl}
          preview={{ src: photo.url }}
          width={132}
          height={100}
          alt={photo.caption ?? t('campPhotos.alt', { index: index + 1 })}
          style={{ objectFit: 'cover', borderRadius: 6 }}
          loading="lazy"
        />
        {photo.canEdit && (
          <Popconfirm title={t('campPhotos.deleteConfirm')} onConfirm={() => act(() => campsApi.removePhoto(camp.id, photo.id), t('common.deleted'))}>
            <Button
              size="small"
              shape="circle"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('common.delete')}
              style={{ position: 'absolute', top: 4, right: 4 }}
              data-testid="camp-photo-delete"
            />
          </Popconfirm>
        )}
      </div>
      <Typography.Paragraph
        type={photo.caption ? undefined : 'secondary'}
        style={{ margin: '4px 0 0', fontSize: 12 }}
        ellipsis={{ rows: 2, tooltip: photo.caption }}
        editable={
          photo.canEdit
            ? {
                text: photo.caption ?? '',
                maxLength: 100,
                tooltip: t('campPhotos.editCaption'),
                onChange: (caption) => {
                  if (caption !== (photo.caption ?? '')) void act(() => campsApi.updatePhoto(camp.id, photo.id, { caption }), t('common.saved'));
                },
              }
            : false
        }
      >
        {photo.caption || t('campPhotos.noCaption')}
      </Typography.Paragraph>
      {photo.createdBy && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {photo.createdBy}
        </Typography.Text>
      )}
    </div>
  );
}

/**
 * 照片: volunteers and staff add photos of each camp day with a caption (on a phone, in the middle of
 * the day); they are kept with the camp and offered to the school's briefing for the period.
 */
export function CampPhotos({ camp: c }: { camp: Camp }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const cache = useCampCache();
  const input = useRef<HTMLInputElement>(null);
  const [day, setDay] = useState(() => defaultDay(c));
  const [caption, setCaption] = useState('');
  const [progress, setProgress] = useState<UploadProgress | null>(null);

  const send = async (files: File[]) => {
    let last: Camp | null = null;
    for (const [i, file] of files.entries()) {
      setProgress({ index: i + 1, count: files.length, percent: 0 });
      try {
        const { blob, name } = await shrinkPhoto(file);
        last = await campsApi.addPhoto(c.id, blob, name, { date: day, caption: caption.trim() }, (percent) =>
          setProgress({ index: i + 1, count: files.length, percent }),
        );
      } catch (err) {
        message.error({ content: t('campPhotos.failed', { name: file.name, message: err instanceof Error ? err.message : String(err) }), duration: 10 });
      }
    }
    setProgress(null);
    if (last) {
      cache.camp(last);
      setCaption('');
      message.success(t('campPhotos.uploaded'));
    }
  };

  const days = c.days.filter((d) => c.photos.some((p) => p.date === d));
  return (
    <Flex vertical gap={16}>
      {c.canAddPhotos && (
        <Card size="small" title={t('campPhotos.addTitle')} data-testid="camp-photo-form">
          <Flex gap={8} wrap align="center">
            <Select
              value={day}
              onChange={setDay}
              options={c.days.map((d) => ({ value: d, label: dayLabel(d, lang) }))}
              style={{ minWidth: 150 }}
              aria-label={t('campPhotos.day')}
              data-testid="camp-photo-day"
            />
            <Input
              value={caption}
              onChange={(e) => setCaption(e.target.value)}
              maxLength={100}
              placeholder={t('campPhotos.captionPlaceholder')}
              style={{ flex: '1 1 220px', minWidth: 0 }}
              data-testid="camp-photo-caption"
            />
            <Button type="primary" icon={<CameraOutlined />} disabled={!!progress} onClick={() => input.current?.click()} data-testid="camp-photo-add">
              {t('campPhotos.add')}
            </Button>
            <input
              ref={input}
              type="file"
              accept="image/*,.heic,.heif"
              multiple
              style={{ display: 'none' }}
              data-testid="camp-photo-input"
              onChange={(e) => {
                const chosen = Array.from(e.target.files ?? []);
                e.target.value = '';
                if (chosen.length) void send(chosen);
              }}
            />
          </Flex>
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
            {t('campPhotos.hint')}
          </Typography.Paragraph>
          <UploadBar progress={progress} text={progress ? t('campPhotos.uploading', { index: progress.index, count: progress.count }) : ''} />
        </Card>
      )}
      {c.photos.length ? (
        <Image.PreviewGroup>
          {days.map((d) => (
            <Card key={d} size="small" title={dayLabel(d, lang)} data-testid="camp-photo-day-group">
              <Flex gap={12} wrap>
                {c.photos
                  .filter((p) => p.date === d)
                  .map((p) => (
                    <PhotoTile key={p.id} camp={c} photo={p} index={c.photos.indexOf(p)} />
                  ))}
              </Flex>
            </Card>
          ))}
        </Image.PreviewGroup>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('campPhotos.empty')} />
      )}
    </Flex>
  );
}
