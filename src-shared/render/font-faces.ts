import { SANS_FALLBACKS, SERIF_FALLBACKS } from './release-styles';
import { str } from '../release/loose-values';

/**
 * The house font inlined into an exported page (render-release.ts): the faces, checked as strictly as user input,
 * and the @font-face rules that name them.
 */

/**
 * A font embedded in the page (the house font from resources/, for an export). `role` says which of the
 * release's two voices (--font-serif, --font-sans) it serves; faces of one family that differ only in
 * `unicodeRange` together make up one font (Latin and Latin Extended subsets, say).
 */
export interface EmbeddedFontFace {
  role: 'serif' | 'sans';
  family: string;
  weight: number;
  style: 'normal' | 'italic';
  /** `data:font/woff2;base64,...`: the page's CSP admits fonts from data: URLs and nothing else. */
  dataUrl: string;
  unicodeRange?: string;
}

// Font faces come from our own resources, but they are checked as strictly as user input: each value lands inside
// a <style>, where one stray character could end the rule or the element.
const FONT_DATA_URL = /^data:font\/(?:woff2|woff|ttf|otf);base64,[A-Za-z0-9+/]+={0,2}$/;
const FONT_FAMILY = /^[A-Za-z0-9][A-Za-z0-9 _-]{0,63}$/;
const UNICODE_RANGE = /^U\+[0-9A-F?]{1,6}(?:-[0-9A-F]{1,6})?(?:,U\+[0-9A-F?]{1,6}(?:-[0-9A-F]{1,6})?)*$/i;
const FONT_FORMATS: Readonly<Record<string, string>> = {
  woff2: 'woff2',
  woff: 'woff',
  ttf: 'truetype',
  otf: 'opentype',
};

export function isSafeFontFace(face: EmbeddedFontFace): boolean {
  return (
    (face.role === 'serif' || face.role === 'sans') &&
    FONT_FAMILY.test(str(face.family)) &&
    Number.isInteger(face.weight) &&
    face.weight >= 1 &&
    face.weight <= 1000 &&
    (face.style === 'normal' || face.style === 'italic') &&
    FONT_DATA_URL.test(str(face.dataUrl)) &&
    (face.unicodeRange === undefined || UNICODE_RANGE.test(face.unicodeRange.replace(/\s+/g, '')))
  );
}

/** @font-face rules for the embedded faces, and the two voices re-declared to name their embedded family first. */
export function renderFontStyles(faces: readonly EmbeddedFontFace[]): string {
  const safe = faces.filter(isSafeFontFace);
  if (safe.length === 0) return '';
  const rules = safe.map((face) => {
    const format = FONT_FORMATS[/^data:font\/([a-z0-9]+);/.exec(face.dataUrl)?.[1] ?? ''] ?? 'woff2';
    const range = face.unicodeRange ? `unicode-range:${face.unicodeRange.replace(/\s+/g, '')};` : '';
    // block: a PDF is printed only after document.fonts.ready, and a page must never flash a fallback face.
    return (
      `@font-face{font-family:'${face.family}';font-style:${face.style};font-weight:${face.weight};` +
      `font-display:block;src:url(${face.dataUrl}) format('${format}');${range}}`
    );
  });
  const familyOf = (role: EmbeddedFontFace['role']) => safe.find((face) => face.role === role)?.family;
  const serif = familyOf('serif');
  const sans = familyOf('sans');
  const voices = [
    serif ? `--font-serif:'${serif}', ${SERIF_FALLBACKS};` : '',
    sans ? `--font-sans:'${sans}', ${SANS_FALLBACKS};` : '',
  ].join('');
  return `${rules.join('\n')}\n:root{${voices}}`;
}
