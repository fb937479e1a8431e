import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import sharp from 'sharp';
import { AppError } from '../../errors.ts';

const MAX_SIDE = 2560;
const THUMB_SIDE = 400;

/** What a photo upload becomes: a JPEG without metadata (no EXIF location), upright, at most 2560 px. */
export interface StoredPhoto {
  path: string;
  width: number;
  height: number;
  size: number;
}

const isJpeg = (b: Buffer) => b[0] === 0xff && b[1] === 0xd8;
const isPng = (b: Buffer) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
const isHeic = (b: Buffer) =>
  b.subarray(4, 8).toString('latin1') === 'ftyp' && /^(heic|heix|hevc|hevx|mif1|msf1|heim|heis|avif)/.test(b.subarray(8, 12).toString('latin1'));

/**
 * Check and re-encode an upload. JPEG and PNG are accepted; HEIC is converted when this machine's
 * image library can decode it, otherwise refused with advice; anything else is refused.
 */
export async function normalisePhoto(data: Buffer, maxBytes: number): Promise<{ jpeg: Buffer; thumb: Buffer; width: number; height: number }> {
  if (data.length > maxBytes) throw new AppError('photo_too_large', 413, { mb: Math.round(maxBytes / 1024 / 1024) });
  const heic = isHeic(data);
  if (!isJpeg(data) && !isPng(data) && !heic) throw new AppError('photo_type', 415);
  try {
    // rotate() applies the EXIF orientation; the output keeps no metadata unless asked, so GPS is gone.
    const { data: jpeg, info } = await sharp(data, { failOn: 'error', limitInputPixels: 60_000_000 })
      .rotate()
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    const thumb = await sharp(jpeg).resize({ width: THUMB_SIDE, height: THUMB_SIDE, fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 75 }).toBuffer();
    return { jpeg, thumb, width: info.width, height: info.height };
  } catch {
    throw new AppError(heic ? 'photo_heic' : 'photo_unreadable', heic ? 415 : 422);
  }
}

/** Photos live under <dataDir>/photos/<school>/<record>/<photo>.jpg. */
export function photoPath(schoolId: string, recordId: string, photoId: string): string {
  return join('photos', schoolId, recordId, `${photoId}.jpg`);
}

/** The thumbnail lives beside the photo. */
export const thumbPath = (rel: string) => rel.replace(/\.jpg$/, '.thumb.jpg');

export async function savePhoto(dataDir: string, rel: string, jpeg: Buffer): Promise<void> {
  const full = resolve(dataDir, rel);
  await mkdir(dirname(full), { recursive: true });
  await writeFile(full, jpeg);
}

export function readPhoto(dataDir: string, rel: string): Promise<Buffer> {
  return readFile(resolve(dataDir, rel));
}

export async function removePhoto(dataDir: string, rel: string): Promise<void> {
  await unlink(resolve(dataDir, rel)).catch(() => undefined);
}

/** Remove photos and their thumbnails (after the rows are gone); a file already missing is no error. */
export async function removePhotoFiles(dataDir: string, paths: Iterable<string>): Promise<void> {
  for (const rel of paths) {
    await removePhoto(dataDir, rel);
    await removePhoto(dataDir, thumbPath(rel));
  }
}
