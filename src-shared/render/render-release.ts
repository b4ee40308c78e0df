import {
  isAllowedUrl,
  RELEASE_TYPE_LABELS,
  type Contact,
  type OrganisationProfile,
  type Quote,
  type ReleaseContent,
} from '../release/schema';
import { escapeAttribute, escapeHtml } from './escape';
import {
  formatEmbargoLine,
  formatEmbargoTime,
  formatReleaseDate,
  formatReleaseDateTime,
  isEmbargoActive,
  resolveLocale,
  toIsoWithOffset,
} from './format-date';
import { renderInline, renderParagraphBlock } from './inline-markup';
import { RELEASE_STYLES, SANS_FALLBACKS, SERIF_FALLBACKS } from './release-styles';

/**
 * Release -> HTML: the one render function behind both the live preview and the exported page (ARCHITECTURE
 * §6), so what the writer sees is what is published.
 *
 * Safety rests on two habits kept throughout this file: every user string reaches the output through
 * escapeHtml/escapeAttribute or renderInline, and an href is only ever written for an address that passed
 * isAllowedUrl (or the phone, mailto and relative-PDF checks below). The CSP in the document is a second wall,
 * not the first.
 */

export interface LatestNewsItem {
  id: string;
  headline: string;
  releaseDate: string;
  timeZone: string;
  standfirst: string;
  pdfHref?: string;
}

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

export type PageSize = 'A4' | 'Letter';

export interface RenderOptions {
  mode: 'preview' | 'export';
  /** Adds the "DRAFT — NOT APPROVED" banner (and a watermark on every printed page). */
  draftMark: boolean;
  /** Decides whether the embargo line still shows; passed in so that rendering is deterministic. */
  now: Date;
  profile: OrganisationProfile;
  latestNews?: LatestNewsItem[];
  /** The organisation's logo as a base64 data: URL of a raster image; anything else is ignored. */
  logoDataUrl?: string | null;
  /** Fonts to inline; the voices they serve name them first. Faces that fail the checks below are left out. */
  fontFaces?: readonly EmbeddedFontFace[];
  /** The paper a printed copy is laid out on; the stylesheet's own default is A4. */
  pageSize?: PageSize;
}

/** Only inline raster images: an SVG could carry script, and any other URL would be a request. */
export function isSafeLogoDataUrl(url: string): boolean {
  return /^data:image\/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+={0,2}$/.test(url);
}

/** No script, no remote anything: only the inline stylesheet and data: fonts and images may load. */
export const RELEASE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'";

export const UNTITLED_HEADLINE = 'Untitled release';
export const DRAFT_MARK = 'DRAFT — NOT APPROVED';
export const IMMEDIATE_RELEASE = 'FOR IMMEDIATE RELEASE';

// The preview renders live form values, in which a field can briefly be missing; these keep a half-filled form
// from throwing in the middle of typing.
function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
function list<T>(value: readonly T[] | null | undefined): readonly T[] {
  return Array.isArray(value) ? value : [];
}
function isBlank(value: unknown): boolean {
  return str(value).trim() === '';
}

function field(name: string): string {
  return ` data-field="${escapeAttribute(name)}"`;
}

/** A user string inside a sentence we compose ("Role Name said:"): isolated so a bidi override cannot reorder ours. */
function isolate(text: string): string {
  return `<bdi>${escapeHtml(text)}</bdi>`;
}

/** A tel: href for something that looks like a phone number, else null (so "ask at reception" stays text). */
export function phoneHref(phone: string): string | null {
  const trimmed = str(phone).trim();
  if (!/^\+?[0-9 ().-]+$/.test(trimmed)) return null;
  // "+44 (0)1632 960000": the (0) is dialled only from inside the country.
  const international = trimmed.startsWith('+');
  const digits = (international ? trimmed.replace(/\(0\)/g, '') : trimmed).replace(/\D/g, '');
  if (digits.length < 5 || digits.length > 20) return null;
  return `tel:${international ? '+' : ''}${digits}`;
}

/**
 * A PDF sitting beside the exported page is linked by a relative path ("ashford-appeal.pdf"), which
 * isAllowedUrl (absolute addresses only) refuses. This admits plain relative paths and nothing with a scheme,
 * a leading slash or "..".
 */
export function isSafeRelativeHref(href: string): boolean {
  return /^[A-Za-z0-9_][A-Za-z0-9._\-/]*$/.test(href) && !href.includes('..') && !href.includes('//');
}

function organisationName(release: ReleaseContent, profile: OrganisationProfile): string {
  const own = str(release.header?.organisation).trim();
  return own !== '' ? own : str(profile?.name).trim();
}

function renderHeader(release: ReleaseContent, options: RenderOptions, locale: string): string {
  const header = release.header;
  const parts: string[] = [];
  const organisation = organisationName(release, options.profile);
  const logo = str(options.logoDataUrl);
  if (logo && isSafeLogoDataUrl(logo)) {
    parts.push(
      `<img class="logo" src="${escapeAttribute(logo)}" alt="${escapeAttribute(organisation ? `${organisation} logo` : 'Logo')}">`,
    );
  }
  if (organisation)
    parts.push(`<p class="issuer"${field('header.organisation')}>${escapeHtml(organisation)}</p>`);

  const meta: string[] = [];
  const type = str(header?.type);
  const typeLabel = Object.hasOwn(RELEASE_TYPE_LABELS, type)
    ? RELEASE_TYPE_LABELS[type as keyof typeof RELEASE_TYPE_LABELS]
    : '';
  if (typeLabel)
    meta.push(`<span class="release-type"${field('header.type')}>${escapeHtml(typeLabel)}</span>`);
  const releaseDate = str(header?.releaseDate);
  const timeZone = str(header?.timeZone);
  const date = formatReleaseDate(releaseDate, timeZone, locale);
  const iso = toIsoWithOffset(releaseDate, timeZone);
  if (date && iso) {
    meta.push(
      `<time${field('header.releaseDate')} datetime="${escapeAttribute(iso)}">${escapeHtml(date)}</time>`,
    );
  }
  if (meta.length > 0)
    parts.push(
      `<p class="release-meta">${meta.join('<span class="separator" aria-hidden="true">·</span>')}</p>`,
    );

  const reference = str(header?.reference).trim();
  if (reference)
    parts.push(`<p class="reference"${field('header.reference')}>Reference: ${isolate(reference)}</p>`);

  const tags = list(header?.tags)
    .map((tag) => str(tag).trim())
    .filter((tag) => tag !== '');
  if (tags.length > 0) {
    parts.push(
      `<ul class="tags"${field('header.tags')} aria-label="Tags">${tags.map((tag) => `<li>${escapeHtml(tag)}</li>`).join('')}</ul>`,
    );
  }
  return `<header class="release-header"${field('header')}>${parts.join('')}</header>`;
}

function renderTiming(release: ReleaseContent, options: RenderOptions, locale: string): string {
  const embargo = release.header?.embargo;
  if (!embargo) return `<p class="immediate"${field('header.embargo')}>${IMMEDIATE_RELEASE}</p>`;
  if (!isEmbargoActive(embargo, options.now)) return '';
  const when = formatEmbargoTime(embargo, locale);
  const iso = toIsoWithOffset(str(embargo.until), str(embargo.timeZone));
  const content =
    when && iso
      ? `EMBARGOED UNTIL <time datetime="${escapeAttribute(iso)}">${escapeHtml(when)}</time>`
      : escapeHtml(formatEmbargoLine(embargo, locale));
  return `<p class="embargo"${field('header.embargo')}>${content}</p>`;
}

function renderHeadline(release: ReleaseContent, options: RenderOptions): string {
  const headline = str(release.headline).trim();
  if (headline !== '') return `<h1${field('headline')}>${escapeHtml(headline)}</h1>`;
  // One h1 always: the page needs its heading even before the writer has one.
  const placeholder = options.mode === 'preview' ? ' class="placeholder"' : '';
  return `<h1${placeholder}${field('headline')}>${UNTITLED_HEADLINE}</h1>`;
}

function renderQuote(quote: Quote, index: number, citeUrl: string | null): string {
  const name = str(quote.speakerName).trim();
  const role = str(quote.speakerRole).trim();
  const organisation = str(quote.organisation).trim();
  const paragraphs = list(quote.paragraphs)
    .map((text) => renderParagraphBlock(str(text)))
    .filter((html) => html !== '');
  if (!name && !role && !organisation && paragraphs.length === 0) return '';

  const speaker = [role, name].filter(Boolean).map(isolate).join(' ');
  const attribution = speaker ? `<p class="attribution">${speaker} said:</p>` : '';
  const cite = citeUrl ? ` cite="${escapeAttribute(citeUrl)}"` : '';
  const blockquote = paragraphs.length > 0 ? `<blockquote${cite}>${paragraphs.join('')}</blockquote>` : '';
  const credit = [name, role, organisation].filter(Boolean).map(isolate).join(', ');
  const caption = credit ? `<figcaption><cite>${credit}</cite></figcaption>` : '';
  return `<figure class="quote"${field(`quotes.${index}`)}>${attribution}${blockquote}${caption}</figure>`;
}

/** Body paragraphs with each quote after the paragraph it names; an unknown or null anchor means "at the end". */
function renderBody(release: ReleaseContent, citeUrl: string | null): string {
  const body = list(release.body);
  const quotes = list(release.quotes);
  const bodyIds = new Set(body.map((paragraph) => str(paragraph?.id)));
  const quotesAfter = new Map<string, string[]>();
  const trailing: string[] = [];
  quotes.forEach((quote, index) => {
    const html = renderQuote(quote, index, citeUrl);
    if (!html) return;
    const anchor = quote.afterParagraphId;
    if (typeof anchor === 'string' && bodyIds.has(anchor)) {
      const group = quotesAfter.get(anchor) ?? [];
      group.push(html);
      quotesAfter.set(anchor, group);
    } else {
      trailing.push(html);
    }
  });

  const out: string[] = [];
  body.forEach((paragraph, index) => {
    out.push(renderParagraphBlock(str(paragraph?.text), { 'data-field': `body.${index}` }));
    const id = str(paragraph?.id);
    const group = quotesAfter.get(id);
    if (group) {
      out.push(...group);
      // A duplicated id would otherwise repeat the quote.
      quotesAfter.delete(id);
    }
  });
  out.push(...trailing);
  const html = out.join('');
  return html ? `<div class="body">${html}</div>` : '';
}

function renderParagraphSection(
  className: string,
  heading: string,
  fieldName: string,
  paragraphs: readonly { text: string }[],
): string {
  const html = paragraphs
    .map((paragraph, index) =>
      renderParagraphBlock(str(paragraph?.text), { 'data-field': `${fieldName}.${index}` }),
    )
    .join('');
  if (!html) return '';
  return `<section class="${className}"${field(fieldName)}><h2>${heading}</h2>${html}</section>`;
}

function renderNotes(release: ReleaseContent): string {
  const items = list(release.notesToEditors)
    .map((note, index) => ({ index, html: renderParagraphBlock(str(note?.text)) }))
    .filter((item) => item.html !== '')
    .map((item) => `<li${field(`notesToEditors.${item.index}`)}>${item.html}</li>`);
  if (items.length === 0) return '';
  return `<section class="notes"${field('notesToEditors')}><h2>Notes to editors</h2><ol>${items.join('')}</ol></section>`;
}

function renderAbout(release: ReleaseContent, organisation: string): string {
  const html = renderParagraphBlock(str(release.boilerplate));
  if (!html) return '';
  const heading = organisation ? `About ${isolate(organisation)}` : 'About us';
  return `<section class="about"${field('boilerplate')}><h2>${heading}</h2>${html}</section>`;
}

function renderContact(contact: Contact, index: number): string {
  const name = str(contact?.name).trim();
  const role = str(contact?.role).trim();
  const phone = str(contact?.phone).trim();
  const email = str(contact?.email).trim();
  const outOfHours = str(contact?.outOfHours).trim();
  if (!name && !role && !phone && !email && !outOfHours) return '';
  const lines: string[] = [];
  if (name) lines.push(`<p class="contact-name">${escapeHtml(name)}</p>`);
  if (role) lines.push(`<p class="contact-role">${escapeHtml(role)}</p>`);
  if (phone) {
    const tel = phoneHref(phone);
    const value = tel ? `<a href="${escapeAttribute(tel)}">${escapeHtml(phone)}</a>` : escapeHtml(phone);
    lines.push(`<p class="contact-phone">Phone: ${value}</p>`);
  }
  if (email) {
    const mailto = `mailto:${email}`;
    const value = isAllowedUrl(mailto)
      ? `<a href="${escapeAttribute(mailto)}">${escapeHtml(email)}</a>`
      : escapeHtml(email);
    lines.push(`<p class="contact-email">Email: ${value}</p>`);
  }
  if (outOfHours) lines.push(`<p class="out-of-hours">${escapeHtml(outOfHours)}</p>`);
  return `<address${field(`mediaContacts.${index}`)}>${lines.join('')}</address>`;
}

function renderContacts(release: ReleaseContent): string {
  const html = list(release.mediaContacts)
    .map((contact, index) => renderContact(contact, index))
    .join('');
  if (!html) return '';
  return `<section class="contacts"${field('mediaContacts')}><h2>Media contacts</h2>${html}</section>`;
}

/** A link when the address is allowed; otherwise the label and the address as text, so nothing is lost silently. */
function linkOrText(label: string, url: string): string {
  const href = url.trim();
  if (isAllowedUrl(href)) return `<a href="${escapeAttribute(href)}">${escapeHtml(label || href)}</a>`;
  if (!label || label === url) return escapeHtml(url);
  return `${escapeHtml(label)} (${escapeHtml(url)})`;
}

function renderLinks(release: ReleaseContent): string {
  const parts: string[] = [];
  const canonical = str(release.canonicalUrl).trim();
  if (canonical) {
    parts.push(
      `<p class="canonical"${field('canonicalUrl')}>Original article: ${linkOrText('', canonical)}</p>`,
    );
  }
  const related = list(release.relatedLinks)
    .map((link, index) => ({ index, label: str(link?.label).trim(), url: str(link?.url).trim() }))
    .filter((link) => link.label !== '' || link.url !== '')
    .map((link) => {
      const content = link.url ? linkOrText(link.label, link.url) : escapeHtml(link.label);
      return `<li${field(`relatedLinks.${link.index}`)}>${content}</li>`;
    });
  if (related.length > 0)
    parts.push(`<ul class="related-links"${field('relatedLinks')}>${related.join('')}</ul>`);
  if (parts.length === 0) return '';
  return `<section class="links"${field('links')}><h2>Links</h2>${parts.join('')}</section>`;
}

function renderEndMark(release: ReleaseContent): string {
  const endMark = str(release.endMark).trim();
  return endMark ? `<p class="end-mark"${field('endMark')}>${escapeHtml(endMark)}</p>` : '';
}

function renderLatestNews(items: readonly LatestNewsItem[], organisation: string, locale: string): string {
  const entries = items.map((item) => {
    const headline = str(item?.headline).trim() || UNTITLED_HEADLINE;
    const parts = [`<h3>${escapeHtml(headline)}</h3>`];
    const when = formatReleaseDateTime(str(item?.releaseDate), str(item?.timeZone), locale);
    const iso = toIsoWithOffset(str(item?.releaseDate), str(item?.timeZone));
    if (when && iso) parts.push(`<p><time datetime="${escapeAttribute(iso)}">${escapeHtml(when)}</time></p>`);
    const standfirst = str(item?.standfirst).trim();
    if (standfirst) parts.push(`<p>${renderInline(standfirst)}</p>`);
    const pdf = str(item?.pdfHref).trim();
    if (pdf && (isAllowedUrl(pdf) || isSafeRelativeHref(pdf))) {
      parts.push(`<p><a class="pdf-link" href="${escapeAttribute(pdf)}">Printable version (PDF)</a></p>`);
    }
    return `<li>${parts.join('')}</li>`;
  });
  const heading = organisation ? `Latest news from ${isolate(organisation)}` : 'Latest news';
  return `<aside class="latest-news"><h2>${heading}</h2><ul>${entries.join('')}</ul></aside>`;
}

/** The template's key facts (an appeal's contact route, an advisory's what/when/where) as a definition list. */
function renderDetails(release: ReleaseContent): string {
  const items = list(release.details)
    .map((detail, index) => ({ detail, index }))
    .filter(({ detail }) => !isBlank(detail?.text));
  if (items.length === 0) return '';
  const rows = items.map(
    ({ detail, index }) =>
      `<div class="key-detail"${field(`details.${index}`)}><dt>${escapeHtml(str(detail.label).trim())}</dt>` +
      `<dd>${renderInline(str(detail.text).trim())}</dd></div>`,
  );
  return `<dl class="key-details">${rows.join('')}</dl>`;
}

/**
 * The `<article>` alone: what the preview swaps into its frame's body on each keystroke, and what
 * renderReleaseDocument wraps, so both always show the same thing.
 */
export function renderReleaseBody(release: ReleaseContent, options: RenderOptions): string {
  const locale = resolveLocale(str(options.profile?.locale));
  const organisation = organisationName(release, options.profile);
  const canonical = str(release.canonicalUrl).trim();
  // blockquote@cite names the source of the quotation: the web version of this release, when there is one.
  const citeUrl = /^https?:/i.test(canonical) && isAllowedUrl(canonical) ? canonical : null;
  const latestNews = list(options.latestNews);

  const sections = [
    renderHeader(release, options, locale),
    renderTiming(release, options, locale),
    options.draftMark ? `<p class="draft-banner" role="note">${DRAFT_MARK}</p>` : '',
    renderHeadline(release, options),
    isBlank(release.standfirst)
      ? ''
      : `<p class="standfirst"${field('standfirst')}>${renderInline(str(release.standfirst).trim())}</p>`,
    renderDetails(release),
    renderBody(release, citeUrl),
    renderParagraphSection('background', 'Background', 'background', list(release.background)),
    renderNotes(release),
    renderAbout(release, organisation),
    renderContacts(release),
    renderLinks(release),
    renderEndMark(release),
    latestNews.length > 0 ? renderLatestNews(latestNews, organisation, locale) : '',
  ];
  const className = options.draftMark ? 'release is-draft' : 'release';
  return breakLongWords(`<article class="${className}">${sections.join('')}</article>`);
}

/** A run of this many characters without a space is wider than any line of the page. */
const LONG_WORD = 100;
const WORD_PIECE = 64;
const LONG_WORD_RUNS = /[^ \t\n\r\f<>]{100,}/g;

/**
 * Offers a line break (<wbr>) every 64 characters inside any run of text over 100 characters without a space (a
 * pasted hash, a long address as text, a hostile megabyte). Such a run is broken anyway (overflow-wrap), but
 * Chromium finds those breaks in time that grows with the square of the run when the face is kerned, as the
 * exported house font is: a 200,000-character word took minutes to print. With the offered breaks it stays linear.
 * Only text between tags is touched (an attribute value cannot hold "<" or ">", which are escaped), and never
 * inside a character reference.
 */
function breakLongWords(html: string): string {
  // The preview calls this on every keystroke: one plain scan, and nothing more for an ordinary release.
  if (!hasLongTextRun(html)) return html;
  return html.replace(/>([^<]+)</g, (segment, text: string) =>
    hasLongTextRun(text) ? `>${text.replace(LONG_WORD_RUNS, pieces)}<` : segment,
  );
}

/** Whether text outside the tags has a run of LONG_WORD characters without a space (a logo's data URL does not count). */
function hasLongTextRun(html: string): boolean {
  let run = 0;
  let inTag = false;
  for (let i = 0; i < html.length; i++) {
    const code = html.charCodeAt(i);
    if (inTag) {
      if (code === 62 /* > */) inTag = false;
    } else if (code === 60 /* < */) {
      inTag = true;
      run = 0;
    } else if (code === 32 || code === 9 || code === 10 || code === 13 || code === 12) {
      run = 0;
    } else if (++run >= LONG_WORD) {
      return true;
    }
  }
  return false;
}

function pieces(run: string): string {
  const out: string[] = [];
  let start = 0;
  let count = 0;
  let i = 0;
  while (i < run.length) {
    const code = run.charCodeAt(i);
    let next = i + 1;
    if (code === 38 /* & */) {
      const end = run.indexOf(';', i);
      if (end > i && end - i <= 12) next = end + 1;
    } else if (code >= 0xd800 && code <= 0xdbff && i + 1 < run.length) {
      const low = run.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) next = i + 2;
    }
    i = next;
    if (++count === WORD_PIECE && i < run.length) {
      out.push(run.slice(start, i));
      start = i;
      count = 0;
    }
  }
  out.push(run.slice(start));
  return out.join('<wbr>');
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
function renderFontStyles(faces: readonly EmbeddedFontFace[]): string {
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

/** The stylesheet's @page names A4; a Letter copy overrides it (a later @page rule wins). */
function renderPageSize(pageSize: PageSize | undefined): string {
  return pageSize === 'Letter' ? '@media print { @page { size: Letter; } }' : '';
}

/** The complete, self-contained page: the preview's first document and the HTML export. */
export function renderReleaseDocument(release: ReleaseContent, options: RenderOptions): string {
  const locale = resolveLocale(str(options.profile?.locale));
  const headline = str(release.headline).trim() || UNTITLED_HEADLINE;
  return [
    '<!doctype html>',
    `<html lang="${escapeAttribute(locale)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${RELEASE_CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(headline)}</title>`,
    `<style>${RELEASE_STYLES}${renderFontStyles(list(options.fontFaces))}${renderPageSize(options.pageSize)}</style>`,
    '</head>',
    // An exported page stands alone, so its content sits in a main landmark (the preview frame patches the
    // article straight into its body, and is left as it is).
    options.mode === 'export'
      ? `<body><main>${renderReleaseBody(release, options)}</main></body>`
      : `<body>${renderReleaseBody(release, options)}</body>`,
    '</html>',
    '',
  ].join('\n');
}
