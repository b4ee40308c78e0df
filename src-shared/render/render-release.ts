import { isAllowedUrl, type OrganisationProfile, type ReleaseContent } from '../release/schema';
import {
  assertNever,
  fieldValue,
  SECTION_LABELS,
  type FieldSpec,
  type SectionId,
} from '../release/structure';
import { breakLongWords } from './break-long-words';
import { escapeAttribute, escapeHtml } from './escape';
import { renderFontStyles, type EmbeddedFontFace } from './font-faces';
import {
  EMBARGOED_UNTIL,
  formatInstantInZone,
  formatReleaseDateTime,
  resolveLocale,
  toIsoWithOffset,
} from './format-date';
import { renderInline, renderParagraphBlock } from './inline-markup';
import {
  bodyFlow,
  endMarkPlacementOf,
  issuerOf,
  Layout,
  META_SEPARATOR,
  metaLineItems,
  printedFields,
  quoteCreditOf,
  quoteWords,
  releaseTypeLabel,
  timingWords,
  type MetaItem,
  type Segment,
} from './release-layout';
import { RELEASE_STYLES } from './release-styles';
import { applyCopyMarksToHtml, type CopyMarkKey } from '../embargo/fingerprint';
import { str, list, record } from '../release/loose-values';
import {
  renderSiteAfterArticle,
  renderSiteFooter,
  renderSiteHead,
  renderSiteHeader,
  type ReleasePageSite,
} from '../newsroom/release-page-site';

export { isSafeFontFace, type EmbeddedFontFace } from './font-faces';

/**
 * Release -> HTML: the one render function behind both the live preview and the exported page (ARCHITECTURE
 * §6), so what the writer sees is what is published. It walks the structure table (src-shared/release/
 * structure.ts) in printing order (`printedFields`): where a field goes is its `render.placement`, how it prints
 * is its `kind`. Internal fields (tags, protected people) are never walked.
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
  /**
   * Where the headline leads: the release's own page beside this one ("2024-07-18-....html") or its original
   * article. Absent: the headline is plain text. The caller passes only a link that resolves where the page is
   * read (html-export.ts latestNewsFor): a dead link is worse than none.
   */
  href?: string;
  /** The release's PDF, passed only when it is written beside this page. */
  pdfHref?: string;
}

export type PageSize = 'A4' | 'Letter';

export interface RenderOptions {
  mode: 'preview' | 'export';
  /** Adds the "DRAFT — NOT APPROVED" banner (and a watermark on every printed page). */
  draftMark: boolean;
  /** Decides whether the embargo line still shows; passed in so that rendering is deterministic. */
  now: Date;
  /** The issuer's name and locale, and the house's print settings (end-mark placement, quote credit). */
  profile: OrganisationProfile;
  latestNews?: LatestNewsItem[];
  /** The organisation's logo as a base64 data: URL of a raster image; anything else is ignored. */
  logoDataUrl?: string | null;
  /** Fonts to inline; the voices they serve name them first. Faces that fail the checks below are left out. */
  fontFaces?: readonly EmbeddedFontFace[];
  /** The paper a printed copy is laid out on; the stylesheet's own default is A4. */
  pageSize?: PageSize;
  /**
   * A recipient's embargoed copy (issue 16, item 4): "Embargoed copy for NAME, OUTLET" under the embargo line, the
   * copy's invisible marks in the article's text (src-shared/embargo/fingerprint.ts) and its fingerprint id in
   * the page's metadata. Export mode only.
   */
  copy?: { recipient: string; outlet: string; marks: CopyMarkKey; fingerprintId: string };
  /**
   * The page is part of the newsroom site (issue 17): its header, tag links, feed link and schema.org data. Export
   * mode only; the article itself is the same as in every other export.
   */
  site?: ReleasePageSite;
  /**
   * The release was withdrawn (issue 17): the page keeps its text and says so above it, with the public
   * explanation. `at` is the ISO instant the withdrawal was confirmed. Absent or null: not withdrawn.
   */
  withdrawn?: { at: string; explanation: string } | null;
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
// Its home is release-layout.ts, with the rest of the masthead's words every output shares.
export { IMMEDIATE_RELEASE } from './release-layout';

function field(name: string): string {
  return ` data-field="${escapeAttribute(name)}"`;
}

/** A user string inside a sentence we compose ("Role Name said:"): isolated so a bidi override cannot reorder ours. */
function isolate(text: string): string {
  return `<bdi>${escapeHtml(text)}</bdi>`;
}

function segments(parts: readonly Segment[]): string {
  return parts.map((part) => (part.writer ? isolate(part.text) : escapeHtml(part.text))).join('');
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

/** What every part of the walk needs to know. */
interface Context {
  release: ReleaseContent;
  options: RenderOptions;
  locale: string;
  issuer: string;
  /** blockquote@cite: the web version of this release, when there is one. */
  citeUrl: string | null;
}

const value = (ctx: Context, spec: FieldSpec) => fieldValue(ctx.release, spec.path);
const text = (ctx: Context, spec: FieldSpec) => str(value(ctx, spec)).trim();

// --- the walk ---------------------------------------------------------------------------------------------------

/** Where one field of the table goes on the page. */
function place(layout: Layout<ArticlePart>, spec: FieldSpec, ctx: Context): void {
  const placement = spec.render.placement;
  switch (placement) {
    case 'issuer':
    case 'meta':
    case 'reference':
      return layout.join('masthead', spec, (specs) => renderMasthead(specs, ctx));
    case 'timing':
      return layout.add(renderTiming(spec, ctx));
    case 'headline':
      // The draft mark sits right above the headline, where no reader can miss it; so does a withdrawal.
      if (ctx.options.draftMark) layout.add(`<p class="draft-banner" role="note">${DRAFT_MARK}</p>`);
      layout.add(renderWithdrawn(ctx));
      return layout.add(renderHeadline(spec, ctx));
    case 'standfirst': {
      const standfirst = text(ctx, spec);
      return layout.add(
        standfirst ? `<p class="standfirst"${field(spec.path)}>${renderInline(standfirst)}</p>` : '',
      );
    }
    case 'key-details':
      return layout.add(renderKeyDetails(spec, ctx));
    case 'body':
      return layout.join('body', spec, (specs) => renderBody(specs, ctx));
    case 'section':
      return layout.join(`section ${spec.section}`, spec, (specs) => renderSection(spec.section, specs, ctx));
    case 'end-mark': {
      const endMark = text(ctx, spec);
      return layout.add(endMark ? `<p class="end-mark"${field(spec.path)}>${escapeHtml(endMark)}</p>` : '');
    }
    case 'internal':
      // Never printed (printedFields leaves these out as well).
      return;
    default:
      return assertNever(placement);
  }
}

/** The issuer, the line with type and date, and the reference, in one <header>; the logo above them. */
function renderMasthead(specs: readonly FieldSpec[], ctx: Context): string {
  const of = (placement: string) => specs.filter((spec) => spec.render.placement === placement);
  const parts: string[] = [];
  const logo = str(ctx.options.logoDataUrl);
  if (logo && isSafeLogoDataUrl(logo)) {
    const alt = ctx.issuer ? `${ctx.issuer} logo` : 'Logo';
    parts.push(`<img class="logo" src="${escapeAttribute(logo)}" alt="${escapeAttribute(alt)}">`);
  }
  for (const spec of of('issuer')) {
    // The release's own organisation, else the profile's name.
    const issuer = spec.path === 'header.organisation' ? ctx.issuer : text(ctx, spec);
    if (issuer) parts.push(`<p class="issuer"${field(spec.path)}>${escapeHtml(issuer)}</p>`);
  }
  const meta = metaLineItems(specs, ctx.locale, (spec) => text(ctx, spec)).map(renderMetaItem);
  if (meta.length > 0) {
    parts.push(
      `<p class="release-meta">${meta.join(`<span class="separator" aria-hidden="true">${META_SEPARATOR}</span>`)}</p>`,
    );
  }
  for (const spec of of('reference')) {
    const reference = text(ctx, spec);
    if (reference) {
      parts.push(
        `<p class="reference"${field(spec.path)}>${escapeHtml(spec.label)}: ${isolate(reference)}</p>`,
      );
    }
  }
  // The mark of the header section as a whole (a comment on the header points at it).
  return `<header class="release-header"${field(specs[0]!.section)}>${parts.join('')}</header>`;
}

/** One item of the meta line: the release type, the date in the zone beside it, or another field's text. */
function renderMetaItem(item: MetaItem): string {
  switch (item.kind) {
    case 'type':
      return `<span class="release-type"${field(item.spec.path)}>${escapeHtml(item.text)}</span>`;
    case 'date':
      return `<time${field(item.spec.path)} datetime="${escapeAttribute(item.datetime)}">${escapeHtml(item.text)}</time>`;
    case 'text':
      return `<span${field(item.spec.path)}>${escapeHtml(item.text)}</span>`;
    default:
      return assertNever(item);
  }
}

/** "FOR IMMEDIATE RELEASE", or the embargo line while the embargo holds. */
function renderTiming(spec: FieldSpec, ctx: Context): string {
  const timing = timingWords(
    value(ctx, spec) as ReleaseContent['header']['embargo'] | undefined,
    ctx.options.now,
    ctx.locale,
  );
  if (!timing) return '';
  if (timing.kind === 'immediate') return `<p class="immediate"${field(spec.path)}>${timing.text}</p>`;
  const content = timing.until
    ? `${EMBARGOED_UNTIL} <time datetime="${escapeAttribute(timing.until.datetime)}">${escapeHtml(timing.until.when)}</time>`
    : escapeHtml(timing.text);
  const copy = ctx.options.copy;
  const copyLine = copy
    ? `<p class="embargo-copy">Embargoed copy for ${[copy.recipient, copy.outlet].filter(Boolean).map(isolate).join(', ')}</p>`
    : '';
  return `<p class="embargo"${field(spec.path)}>${content}</p>${copyLine}`;
}

function renderHeadline(spec: FieldSpec, ctx: Context): string {
  const headline = text(ctx, spec);
  if (headline !== '') return `<h1${field(spec.path)}>${escapeHtml(headline)}</h1>`;
  // One h1 always: the page needs its heading even before the writer has one.
  const placeholder = ctx.options.mode === 'preview' ? ' class="placeholder"' : '';
  return `<h1${placeholder}${field(spec.path)}>${UNTITLED_HEADLINE}</h1>`;
}

/** The template's key facts (an appeal's contact route, an advisory's what/when/where) as a definition list. */
function renderKeyDetails(spec: FieldSpec, ctx: Context): string {
  const rows = list(value(ctx, spec))
    .map((detail, index) => ({ detail: record(detail), index }))
    .filter(({ detail }) => str(detail.text).trim() !== '')
    .map(
      ({ detail, index }) =>
        `<div class="key-detail"${field(`${spec.path}.${index}`)}><dt>${escapeHtml(str(detail.label).trim())}</dt>` +
        `<dd>${renderInline(str(detail.text).trim())}</dd></div>`,
    );
  return rows.length > 0 ? `<dl class="key-details">${rows.join('')}</dl>` : '';
}

/** The body paragraphs with each quote after the paragraph it names (bodyFlow); other kinds after them. */
function renderBody(specs: readonly FieldSpec[], ctx: Context): ArticlePart {
  const paragraphs = specs.find((spec) => spec.kind === 'paragraphs');
  const quotes = specs.find((spec) => spec.kind === 'quotes');
  const paragraphValues = paragraphs ? list(value(ctx, paragraphs)) : [];
  const quoteValues = quotes ? list(value(ctx, quotes)) : [];
  const out = bodyFlow(paragraphValues, quoteValues).map((item) =>
    item.kind === 'paragraph'
      ? renderParagraphBlock(str(record(paragraphValues[item.index]).text), {
          'data-field': `${paragraphs!.path}.${item.index}`,
        })
      : renderQuote(quoteValues[item.index], `${quotes!.path}.${item.index}`, ctx),
  );
  for (const spec of specs) if (spec !== paragraphs && spec !== quotes) out.push(renderContent(spec, ctx));
  // Each paragraph and quote a part of its own: a keystroke in one changes that part alone (ArticleParts).
  const parts = out.filter((html) => html !== '');
  return parts.length > 0 ? { open: '<div class="body">', parts, close: '</div>' } : '';
}

/**
 * "Role Name said:" and the quotation in its marks, in a figure. A second caption repeating the name is printed
 * only where the house asks for it (the profile's quoteCredit); otherwise the attribution is the caption.
 */
function renderQuote(quote: unknown, mark: string, ctx: Context): string {
  const words = quoteWords(record(quote), ctx.issuer);
  if (!words) return '';
  const credit = quoteCreditOf(ctx.options.profile) && words.credit.length > 0;
  const said = segments(words.attribution);
  const attribution = said
    ? credit
      ? `<p class="attribution">${said}</p>`
      : `<figcaption class="attribution">${said}</figcaption>`
    : '';
  const cite = ctx.citeUrl ? ` cite="${escapeAttribute(ctx.citeUrl)}"` : '';
  const paragraphs = words.paragraphs.map((paragraph) => renderParagraphBlock(paragraph)).join('');
  const blockquote = paragraphs ? `<blockquote${cite}>${paragraphs}</blockquote>` : '';
  const caption = credit
    ? `<figcaption class="credit"><cite>${words.credit.map(isolate).join(', ')}</cite></figcaption>`
    : '';
  return `<figure class="quote"${field(mark)}>${attribution}${blockquote}${caption}</figure>`;
}

/** A section of its own: the heading from the table, then each of its fields by kind; nothing when all are empty. */
function renderSection(section: SectionId, specs: readonly FieldSpec[], ctx: Context): string {
  const html = specs.map((spec) => renderContent(spec, ctx)).join('');
  if (!html) return '';
  const first = specs[0]!;
  const heading = escapeHtml(first.render.heading ?? SECTION_LABELS[section]);
  const title = first.render.namesIssuer
    ? ctx.issuer
      ? `${heading} ${isolate(ctx.issuer)}`
      : `${heading} us`
    : heading;
  const className = section.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
  return `<section class="${className}"${field(section)}><h2>${title}</h2>${html}</section>`;
}

/** A field's value as the page prints it, by kind. */
function renderContent(spec: FieldSpec, ctx: Context): string {
  const path = spec.path;
  const kind = spec.kind;
  switch (kind) {
    case 'line': {
      const line = text(ctx, spec);
      return line ? `<p${field(path)}>${escapeHtml(line)}</p>` : '';
    }
    case 'prose':
      return renderParagraphBlock(str(value(ctx, spec)));
    case 'paragraphs':
      return list(value(ctx, spec))
        .map((paragraph, index) =>
          renderParagraphBlock(str(record(paragraph).text), { 'data-field': `${path}.${index}` }),
        )
        .join('');
    case 'notes': {
      const items = list(value(ctx, spec))
        .map((note, index) => ({ index, html: renderParagraphBlock(str(record(note).text)) }))
        .filter((item) => item.html !== '')
        .map((item) => `<li${field(`${path}.${item.index}`)}>${item.html}</li>`);
      return items.length > 0 ? `<ol>${items.join('')}</ol>` : '';
    }
    case 'list': {
      const items = list(value(ctx, spec))
        .map((item) => str(item).trim())
        .filter(Boolean)
        .map((item) => `<li>${escapeHtml(item)}</li>`);
      return items.length > 0 ? `<ul${field(path)}>${items.join('')}</ul>` : '';
    }
    case 'key-details':
      return renderKeyDetails(spec, ctx);
    case 'quotes':
      return list(value(ctx, spec))
        .map((quote, index) => renderQuote(quote, `${path}.${index}`, ctx))
        .join('');
    case 'contacts':
      return list(value(ctx, spec))
        .map((contact, index) => renderContact(record(contact), `${path}.${index}`))
        .join('');
    case 'url': {
      const url = text(ctx, spec);
      return url ? `<p class="canonical"${field(path)}>Original article: ${linkOrText('', url)}</p>` : '';
    }
    case 'links': {
      const items = list(value(ctx, spec))
        .map((link, index) => ({
          index,
          label: str(record(link).label).trim(),
          url: str(record(link).url).trim(),
        }))
        .filter((link) => link.label !== '' || link.url !== '')
        .map((link) => {
          const content = link.url ? linkOrText(link.label, link.url) : escapeHtml(link.label);
          return `<li${field(`${path}.${link.index}`)}>${content}</li>`;
        });
      return items.length > 0 ? `<ul class="related-links"${field(path)}>${items.join('')}</ul>` : '';
    }
    case 'choice': {
      const label = releaseTypeLabel(text(ctx, spec));
      return label ? `<p${field(path)}>${escapeHtml(label)}</p>` : '';
    }
    case 'date-time':
    case 'time-zone':
      // Dates print in the masthead's meta line, with their zone.
      return '';
    case 'embargo':
      return renderTiming(spec, ctx);
    case 'protected-people':
      // Never printed, whatever the table says of it.
      return '';
    case 'change-notes': {
      const items = changeNoteLines(list(value(ctx, spec)), zoneOf(ctx), ctx.locale).map(
        (note) =>
          `<li${field(`${path}.${note.index}`)}>` +
          (note.when
            ? `<time datetime="${escapeAttribute(note.when.datetime)}">${escapeHtml(note.when.text)}</time>`
            : `<span class="pending">${escapeHtml(ON_PUBLICATION)}</span>`) +
          ` <span class="change-note-text">${escapeHtml(note.text)}</span></li>`,
      );
      return items.length > 0 ? `<ul class="change-history">${items.join('')}</ul>` : '';
    }
    default:
      return assertNever(kind);
  }
}

/** Where an undated change note's date goes: it is dated when the corrected text is published. */
export const ON_PUBLICATION = 'On publication:';

/** The release's own zone, for the instants the workflow records. */
function zoneOf(ctx: Context): string {
  return str(record(ctx.release.header).timeZone) || 'Europe/London';
}

/**
 * The change notes as both renderers print them: newest first, pending ones (dated on publication) before the
 * published; blank ones left out. Shared with render-text.ts.
 */
export function changeNoteLines(
  notes: readonly unknown[],
  timeZone: string,
  locale: string,
): Array<{ index: number; text: string; when: { text: string; datetime: string } | null }> {
  return notes
    .map((raw, index) => {
      const note = record(raw);
      const at = typeof note.publishedAt === 'string' ? note.publishedAt : null;
      return { index, text: str(note.text).trim(), at };
    })
    .filter((note) => note.text !== '')
    .sort((a, b) => (a.at === b.at ? 0 : a.at === null ? -1 : b.at === null ? 1 : a.at < b.at ? 1 : -1))
    .map((note) => ({
      index: note.index,
      text: note.text,
      when: note.at ? formatInstantInZone(note.at, timeZone, locale) : null,
    }));
}

/** "This release was withdrawn on 20 July 2024" and the public explanation, above the kept text. */
export function withdrawnNotice(
  withdrawn: RenderOptions['withdrawn'],
  timeZone: string,
  locale: string,
): { heading: string; datetime: string | null; dateText: string | null; explanation: string } | null {
  if (!withdrawn) return null;
  const when = formatInstantInZone(str(withdrawn.at), timeZone, locale);
  return {
    heading: 'This release was withdrawn',
    datetime: when?.datetime ?? null,
    dateText: when?.dateText ?? null,
    explanation: str(withdrawn.explanation).trim(),
  };
}

function renderWithdrawn(ctx: Context): string {
  const notice = withdrawnNotice(ctx.options.withdrawn, zoneOf(ctx), ctx.locale);
  if (!notice) return '';
  const date =
    notice.datetime && notice.dateText
      ? ` on <time datetime="${escapeAttribute(notice.datetime)}">${escapeHtml(notice.dateText)}</time>`
      : '';
  const explanation = notice.explanation ? `<p>${escapeHtml(notice.explanation)}</p>` : '';
  return (
    `<div class="withdrawn-notice" role="note"><p class="withdrawn-heading"><strong>${notice.heading}${date}</strong></p>` +
    `${explanation}</div>`
  );
}

function renderContact(contact: Record<string, unknown>, mark: string): string {
  const name = str(contact.name).trim();
  const role = str(contact.role).trim();
  const phone = str(contact.phone).trim();
  const email = str(contact.email).trim();
  const outOfHours = str(contact.outOfHours).trim();
  if (!name && !role && !phone && !email && !outOfHours) return '';
  const lines: string[] = [];
  if (name) lines.push(`<p class="contact-name">${escapeHtml(name)}</p>`);
  if (role) lines.push(`<p class="contact-role">${escapeHtml(role)}</p>`);
  if (phone) {
    const tel = phoneHref(phone);
    const shown = tel ? `<a href="${escapeAttribute(tel)}">${escapeHtml(phone)}</a>` : escapeHtml(phone);
    lines.push(`<p class="contact-phone">Phone: ${shown}</p>`);
  }
  if (email) {
    const mailto = `mailto:${email}`;
    const shown = isAllowedUrl(mailto)
      ? `<a href="${escapeAttribute(mailto)}">${escapeHtml(email)}</a>`
      : escapeHtml(email);
    lines.push(`<p class="contact-email">Email: ${shown}</p>`);
  }
  if (outOfHours) lines.push(`<p class="out-of-hours">${escapeHtml(outOfHours)}</p>`);
  return `<address${field(mark)}>${lines.join('')}</address>`;
}

/** A link when the address is allowed; otherwise the label and the address as text, so nothing is lost silently. */
function linkOrText(label: string, url: string): string {
  const href = url.trim();
  if (isAllowedUrl(href)) return `<a href="${escapeAttribute(href)}">${escapeHtml(label || href)}</a>`;
  if (!label || label === url) return escapeHtml(url);
  return `${escapeHtml(label)} (${escapeHtml(url)})`;
}

function renderLatestNews(items: readonly LatestNewsItem[], organisation: string, locale: string): string {
  const entries = items.map((item) => {
    const headline = str(item?.headline).trim() || UNTITLED_HEADLINE;
    const href = str(item?.href).trim();
    const title =
      href && (isAllowedUrl(href) || isSafeRelativeHref(href))
        ? `<a href="${escapeAttribute(href)}">${escapeHtml(headline)}</a>`
        : escapeHtml(headline);
    const parts = [`<h3>${title}</h3>`];
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

/**
 * The `<article>` alone: what the preview swaps into its frame's body on each keystroke, and what
 * renderReleaseDocument wraps, so both always show the same thing.
 */
export function renderReleaseBody(release: ReleaseContent, options: RenderOptions): string {
  const article = partHtml(renderArticle(release, options));
  return breakLongWords(options.copy ? applyCopyMarksToHtml(article, options.copy.marks) : article);
}

/**
 * An element's opening tag, the markup of each of its parts, and its closing tag: the article (whose parts are its
 * fields and groups of fields), and within it the body (whose parts are its paragraphs and quotes).
 */
export interface ArticleParts {
  open: string;
  parts: ArticlePart[];
  close: string;
}

/** Markup, or an element in parts of its own. */
export type ArticlePart = string | ArticleParts;

/** The markup of a part, whole. */
export function partHtml(part: ArticlePart): string {
  return typeof part === 'string' ? part : `${part.open}${part.parts.map(partHtml).join('')}${part.close}`;
}

/**
 * The page's article in its parts, for the live preview: each part is a field, or a group of fields such as the
 * masthead or the body. Joined, they are exactly renderReleaseBody's page, so a preview that writes only the parts
 * that changed since it last painted shows what the export prints. A copy's marks (options.copy) are applied
 * across the whole article, so a copy is never rendered in parts.
 */
export function renderReleaseBodyParts(release: ReleaseContent, options: RenderOptions): ArticleParts {
  if (options.copy) throw new Error('A copy with its marks is rendered whole (renderReleaseBody).');
  // Every part is whole elements, each ending the text run before it and starting its own, so long words are
  // broken within a part as within the whole page (render-parts.test.ts holds the two equal).
  const broken = (part: ArticlePart): ArticlePart =>
    typeof part === 'string' ? breakLongWords(part) : { ...part, parts: part.parts.map(broken) };
  return broken(renderArticle(release, options)) as ArticleParts;
}

function renderArticle(release: ReleaseContent, options: RenderOptions): ArticleParts {
  const canonical = str(release?.canonicalUrl).trim();
  const ctx: Context = {
    release: release ?? ({} as ReleaseContent),
    options,
    locale: resolveLocale(str(options.profile?.locale)),
    issuer: issuerOf(release ?? {}, options.profile),
    citeUrl: /^https?:/i.test(canonical) && isAllowedUrl(canonical) ? canonical : null,
  };
  const layout = new Layout<ArticlePart>();
  for (const spec of printedFields(endMarkPlacementOf(options.profile))) place(layout, spec, ctx);
  const latestNews = list(options.latestNews) as LatestNewsItem[];
  if (latestNews.length > 0) layout.add(renderLatestNews(latestNews, ctx.issuer, ctx.locale));
  const className = options.draftMark ? 'release is-draft' : 'release';
  return { open: `<article class="${className}">`, parts: layout.render(), close: '</article>' };
}

/** The stylesheet's @page names A4; a Letter copy overrides it (a later @page rule wins). */
function renderPageSize(pageSize: PageSize | undefined): string {
  return pageSize === 'Letter' ? '@media print { @page { size: Letter; } }' : '';
}

/** The complete, self-contained page: the preview's first document and the HTML export. */
export function renderReleaseDocument(release: ReleaseContent, options: RenderOptions): string {
  const locale = resolveLocale(str(options.profile?.locale));
  const headline = str(release?.headline).trim() || UNTITLED_HEADLINE;
  const site = options.mode === 'export' ? options.site : undefined;
  const issuer = site ? issuerOf(release ?? {}, options.profile) : '';
  return [
    '<!doctype html>',
    `<html lang="${escapeAttribute(locale)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${RELEASE_CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    ...(options.copy
      ? [`<meta name="pressroom-copy" content="${escapeAttribute(options.copy.fingerprintId)}">`]
      : []),
    `<title>${escapeHtml(headline)}</title>`,
    `<style>${RELEASE_STYLES}${renderFontStyles(list(options.fontFaces) as EmbeddedFontFace[])}${renderPageSize(options.pageSize)}</style>`,
    ...(site ? [renderSiteHead(site)] : []),
    '</head>',
    // An exported page stands alone, so its content sits in a main landmark (the preview frame patches the
    // article straight into its body, and is left as it is).
    options.mode === 'export'
      ? site
        ? `<body>${renderSiteHeader(site, issuer)}<main>` +
          `${renderReleaseBody(release, options)}${renderSiteAfterArticle(site)}</main>` +
          `${renderSiteFooter(site, issuer)}</body>`
        : `<body><main>${renderReleaseBody(release, options)}</main></body>`
      : `<body>${renderReleaseBody(release, options)}</body>`,
    '</html>',
    '',
  ].join('\n');
}
