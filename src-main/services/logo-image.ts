/**
 * Checks for the organisation's logo. The declared media type comes from the file's extension in the renderer,
 * which says nothing about the bytes; exports embed the logo as a data: URL, so only bytes that really are one of
 * the four raster formats may be stored (an SVG or an HTML file renamed .png could carry script).
 */

export const LOGO_EXTENSIONS = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
} as const;
export type LogoMediaType = keyof typeof LOGO_EXTENSIONS;

const FORMAT_NAMES: Record<LogoMediaType, string> = {
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/webp': 'WebP',
  'image/gif': 'GIF',
};

export const MAX_LOGO_BYTES = 2 * 1024 * 1024;

/** The names the store itself gives logos; anything else in workspace.json was typed by hand and is not opened. */
const LOGO_FILE_NAME = /^logo-[A-Za-z0-9_-]{1,120}\.(png|jpg|webp|gif)$/;

export function isLogoFileName(name: string): boolean {
  return LOGO_FILE_NAME.test(name);
}

/** The image format the bytes start with, by magic number, or null for anything else. */
export function sniffImageType(bytes: Uint8Array): LogoMediaType | null {
  const startsWith = (offset: number, signature: readonly number[]) =>
    bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);
  if (startsWith(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(0, [0x47, 0x49, 0x46, 0x38])) return 'image/gif';
  if (startsWith(0, [0x52, 0x49, 0x46, 0x46]) && startsWith(8, [0x57, 0x45, 0x42, 0x50])) return 'image/webp';
  return null;
}

export type LogoCheck = { ok: true; bytes: Buffer; extension: string } | { ok: false; message: string };

/** Decodes and checks an upload; every refusal is a sentence the person who chose the file can act on. */
export function checkLogoUpload(upload: {
  fileName: string;
  mediaType: LogoMediaType;
  dataBase64: string;
}): LogoCheck {
  // eslint-disable-next-line no-control-regex -- a file name is shown back to the user; control characters are not
  const name = `“${upload.fileName.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 120)}”`;
  // Buffer.from skips characters that are not base64 instead of failing, so a damaged upload is caught here.
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(upload.dataBase64) || upload.dataBase64.length % 4 !== 0) {
    return { ok: false, message: `${name} arrived damaged and was not saved. Please choose the file again.` };
  }
  const bytes = Buffer.from(upload.dataBase64, 'base64');
  if (bytes.length === 0)
    return { ok: false, message: `${name} is empty. Choose an image file for the logo.` };
  if (bytes.length > MAX_LOGO_BYTES) {
    const size = (bytes.length / (1024 * 1024)).toLocaleString('en-GB', { maximumFractionDigits: 1 });
    return { ok: false, message: `The logo must be smaller than 2 MB; ${name} is ${size} MB.` };
  }
  const declared = FORMAT_NAMES[upload.mediaType];
  const actual = sniffImageType(bytes);
  if (actual === null) {
    return {
      ok: false,
      message: `${name} is not a ${declared} image: its contents are not a picture Pressroom can use. Choose a PNG, JPEG, WebP or GIF image.`,
    };
  }
  if (actual !== upload.mediaType) {
    return {
      ok: false,
      message: `${name} is named as a ${declared} image but is really a ${FORMAT_NAMES[actual]} image. Rename it to end in .${LOGO_EXTENSIONS[actual]} and choose it again.`,
    };
  }
  return { ok: true, bytes, extension: LOGO_EXTENSIONS[actual] };
}
