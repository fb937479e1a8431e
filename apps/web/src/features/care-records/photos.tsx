import { CameraOutlined, CloseOutlined } from '@ant-design/icons';
import type { CareRecord } from '@carebridge/shared';
import { Button, Flex, Progress, Typography } from 'antd';
import { useEffect, useMemo, useRef } from 'react';
import { ApiError } from '../../api/client.ts';
import { useT } from '../../i18n/lang.tsx';
import { careApi } from './care-records.api.ts';

/** At most this many photos per record (the server refuses the tenth). */
export const MAX_PHOTOS = 9;
const SHRINK_ABOVE = 1_500_000;
const MAX_SIDE = 2048;

/**
 * Phone photos are 3-8 MB and village networks are slow: a large JPEG or PNG is scaled down to
 * 2048 px in the browser before it is sent (the server re-encodes it anyway). HEIC, and anything the
 * browser cannot decode, goes as it is so that the server can convert it or say why not.
 */
export async function shrinkPhoto(file: File): Promise<{ blob: Blob; name: string }> {
  const asIs = { blob: file as Blob, name: file.name || 'photo.jpg' };
  if (file.size <= SHRINK_ABOVE || !/^image\/(jpeg|png)$/.test(file.type) || typeof createImageBitmap !== 'function') return asIs;
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    if (!blob || blob.size >= file.size) return asIs;
    return { blob, name: `${(file.name || 'photo').replace(/\.[^.]+$/, '')}.jpg` };
  } catch {
    return asIs;
  }
}

export interface UploadProgress {
  /** 1-based number of the photo being sent. */
  index: number;
  count: number;
  percent: number;
}

export interface UploadOutcome {
  /** The record as it is after the last successful upload (null when none succeeded). */
  record: CareRecord | null;
  failed: { file: File; error: ApiError }[];
}

/** Send photos one after another (one slow connection is used best serially), reporting progress. */
export async function uploadPhotos(recordId: string, files: readonly File[], onProgress: (p: UploadProgress) => void): Promise<UploadOutcome> {
  let record: CareRecord | null = null;
  const failed: UploadOutcome['failed'] = [];
  for (const [i, file] of files.entries()) {
    onProgress({ index: i + 1, count: files.length, percent: 0 });
    try {
      const { blob, name } = await shrinkPhoto(file);
      record = await careApi.addPhoto(recordId, blob, name, (percent) => onProgress({ index: i + 1, count: files.length, percent }));
    } catch (err) {
      failed.push({ file, error: err instanceof ApiError ? err : new ApiError('unexpected', 0, String(err)) });
    }
  }
  return { record, failed };
}

/** Object URLs for local previews, revoked when the files change or the component goes. */
function usePreviews(files: readonly File[]) {
  const urls = useMemo(() => files.map((f) => URL.createObjectURL(f)), [files]);
  useEffect(
    () => () => {
      for (const u of urls) URL.revokeObjectURL(u);
    },
    [urls],
  );
  return urls;
}

interface PickerProps {
  files: readonly File[];
  onChange: (files: File[]) => void;
  /** Photos already on the record (they count towards the limit). */
  existing?: number;
  label: string;
  testId: string;
  disabled?: boolean;
  size?: 'middle' | 'large';
}

/**
 * Choose photos to send later: a button, a hidden file input and thumbnails that can be removed. On a
 * phone the system offers the camera and the gallery alike (no `capture`: with it Android opens
 * the camera only, and a photo taken earlier could not be chosen).
 */
export function PhotoPicker({ files, onChange, existing = 0, label, testId, disabled, size = 'middle' }: PickerProps) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const previews = usePreviews(files);
  const room = MAX_PHOTOS - existing - files.length;
  return (
    <Flex gap={8} wrap align="center">
      {previews.map((url, i) => (
        <div key={url} style={{ position: 'relative', width: 64, height: 64 }}>
          <img src={url} alt="" style={{ width: 64, height: 64, objectFit: 'cover', borderRadius: 6, border: '1px solid #f0f0f0' }} />
          <Button
            size="small"
            shape="circle"
            icon={<CloseOutlined />}
            aria-label={t('mine.removePhoto')}
            disabled={disabled}
            onClick={() => onChange(files.filter((_, j) => j !== i))}
            style={{ position: 'absolute', top: -8, right: -8, minWidth: 22, width: 22, height: 22 }}
          />
        </div>
      ))}
      {room > 0 && (
        <Button icon={<CameraOutlined />} size={size} disabled={disabled} onClick={() => input.current?.click()}>
          {label}
        </Button>
      )}
      <input
        ref={input}
        type="file"
        accept="image/*"
        multiple
        style={{ display: 'none' }}
        data-testid={testId}
        onChange={(e) => {
          const chosen = Array.from(e.target.files ?? []).filter((f) => f.type.startsWith('image/') || /\.(heic|heif)$/i.test(f.name));
          e.target.value = '';
          if (chosen.length) onChange([...files, ...chosen].slice(0, Math.max(0, MAX_PHOTOS - existing)));
        }}
      />
    </Flex>
  );
}

/** "正在上传照片 2/3" with a bar. */
export function UploadBar({ progress, text }: { progress: UploadProgress | null; text: string }) {
  if (!progress) return null;
  return (
    <div data-testid="photo-progress">
      <Typography.Text type="secondary">{text}</Typography.Text>
      <Progress percent={progress.percent} size="small" status="active" />
    </div>
  );
}
