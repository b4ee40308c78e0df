import { isAllowedUrl, RELEASE_TYPE_LABELS, type Contact, type ReleaseContent } from '../release/schema';
import { formatEmbargoLine, formatReleaseDate, isEmbargoActive, resolveLocale } from './format-date';
import { inlineToPlainTextWithReferences } from './inline-markup';
import { DRAFT_MARK, IMMEDIATE_RELEASE, UNTITLED_HEADLINE, type RenderOptions } from './render-release';

/**
 * Release -> plain text, for pasting into an email: the same sections in the same order as the HTML page
 * (render-release.ts), wrapped at 72 columns so that no mail client re-wraps it into ragged lines. Links cannot
 * be clicked in plain text and a long address in mid-sentence wrecks the wrapping, so each link's text is
 * followed by a number ("the appeal page [1]") and the addresses are listed, numbered, at the end.
 *
 * Like the HTML renderer, this accepts half-filled input without throwing.
 */

export type TextRenderOptions = Pick<RenderOptions, 'draftMark' | 'now' | 'profile'> & {
  /** Columns to wrap at; 72 leaves room for the "> " of a reply. */
  width?: number;
};

export const TEXT_WIDTH = 72;

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
function list<T>(value: readonly T[] | null | undefined): readonly T[] {
  return Array.isArray(value) ? value : [];
}

/**
 * Text as it may appear in a mail: one kind of line ending, no control characters (a NUL becomes U+FFFD as in
 * the HTML; other controls would be invisible or do things to a terminal), tabs as spaces.
 */
function clean(text: string): string {
  return (
    str(text)
      .replace(/\r\n?|[\u2028\u2029]/g, '\n')
      .replace(/\t/g, ' ')
      // eslint-disable-next-line no-control-regex -- NUL is replaced on purpose
      .replace(/\u0000/g, '\uFFFD')
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0001-\u0008\u000b-\u001f\u007f-\u009f]/g, '')
  );
}

// Right-to-left letters and the bidi controls: where they occur, a string set inside a sentence of ours is isolated
// (FSI ... PDI, the plain-text <bdi>) so that it cannot reorder our words ("said:").
const BIDI_SENSITIVE =
  /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/;
function isolate(text: string): string {
  return BIDI_SENSITIVE.test(text) ? `\u2068${text}\u2069` : text;
}

/** Columns taken by a string: one per code point (a surrogate pair is one character on screen). */
function columns(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xdc00 && code <= 0xdfff && i > 0) {
      const previous = text.charCodeAt(i - 1);
      if (previous >= 0xd800 && previous <= 0xdbff) count--;
    }
  }
  return count;
}

/** An address may not be cut: a mail client would no longer recognise it. Anything else that is too long may. */
function isUnbreakable(word: string): boolean {
  return /^[(<[]?(?:https?:\/\/|mailto:)/i.test(word);
}

/** Cuts a word into pieces of at most `width` columns, never inside a surrogate pair. */
function cut(word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let count = 0;
  for (const char of word) {
    if (count === width) {
      pieces.push(piece);
      piece = '';
      count = 0;
    }
    piece += char;
    count++;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/**
 * One logical line filled into lines of at most `width` columns; `first` starts the first line and `rest` the
 * others (a hanging indent for list items and notes). Words break only at spaces; a word longer than a line is
 * cut, except an address, which gets a line of its own however long.
 */
function wrap(text: string, width: number, first = '', rest = first): string[] {
  const words = text.split(/ +/).filter((word) => word !== '');
  const lines: string[] = [];
  let line = first;
  let lineColumns = columns(first);
  let empty = true;
  const indentColumns = columns(rest);
  const flush = () => {
    lines.push(line);
    line = rest;
    lineColumns = indentColumns;
    empty = true;
  };
  for (const word of words) {
    const wordColumns = columns(word);
    const needed = empty ? wordColumns : wordColumns + 1;
    if (lineColumns + needed <= width) {
      line += empty ? word : ` ${word}`;
      lineColumns += needed;
      empty = false;
      continue;
    }
    if (!empty) flush();
    if (lineColumns + wordColumns <= width || isUnbreakable(word)) {
      line += word;
      lineColumns += wordColumns;
      empty = false;
      continue;
    }
    const pieces = cut(word, Math.max(1, width - lineColumns));
    pieces.forEach((piece, index) => {
      if (index > 0) flush();
      line += piece;
      lineColumns += columns(piece);
      empty = false;
    });
  }
  if (!empty || lines.length === 0) lines.push(line.trimEnd());
  return lines.map((each) => each.trimEnd());
}

const LIST_ITEM = /^ *((?:[-•]|\d{1,9}\.) +)(.*)$/;

/**
 * A paragraph field as wrapped lines: its own line breaks are kept, a blank line stays a paragraph break, and list
 * items ("- ", "1. ") wrap under their own text.
 */
function wrapBlock(text: string, width: number): string[] {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      if (out.length > 0 && out[out.length - 1] !== '') out.push('');
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      const marker = item[1]!.replace(/ +$/, ' ');
      out.push(...wrap(item[2] ?? '', width, marker, ' '.repeat(columns(marker))));
    } else {
      out.push(...wrap(line.trim(), width));
    }
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/** The numbered addresses of a document, each address numbered once however often it is linked. */
class References {
  private readonly numbers = new Map<string, number>();
  readonly entries: Array<{ number: number; label: string; href: string }> = [];

  number(href: string, label = ''): number {
    const known = this.numbers.get(href);
    if (known !== undefined && label === '') return known;
    const number = this.entries.length + 1;
    this.entries.push({ number, label, href });
    if (known === undefined) this.numbers.set(href, number);
    return number;
  }
}

function heading(text: string, underline: '=' | '-', width: number): string[] {
  const lines = wrap(text, width);
  const longest = Math.max(...lines.map(columns));
  return [...lines, underline.repeat(Math.min(width, Math.max(3, longest)))];
}

function organisationName(release: ReleaseContent, options: TextRenderOptions): string {
  const own = str(release.header?.organisation).trim();
  return clean(own !== '' ? own : str(options.profile?.name).trim());
}

function quoteLines(
  quote: ReleaseContent['quotes'][number],
  plain: (text: string) => string,
  width: number,
): string[] {
  const name = clean(str(quote?.speakerName).trim());
  const role = clean(str(quote?.speakerRole).trim());
  const paragraphs = list(quote?.paragraphs)
    .map((text) => plain(str(text)).trim())
    .filter((text) => text !== '');
  if (!name && !role && paragraphs.length === 0) return [];
  const out: string[] = [];
  const speaker = [role, name].filter(Boolean).map(isolate).join(' ');
  if (speaker) out.push(...wrap(`${speaker} said:`, width), '');
  // House style for a quotation over several paragraphs: each opens with a quotation mark, only the last closes.
  paragraphs.forEach((text, index) => {
    const open = /^["“‘']/.test(text) ? '' : '“';
    const close = index === paragraphs.length - 1 && !/["”’']$/.test(text) ? '”' : '';
    if (index > 0) out.push('');
    out.push(...wrapBlock(`${open}${text}${close}`, width));
  });
  return out;
}

function contactLines(contact: Contact, width: number): string[] {
  const name = clean(str(contact?.name).trim());
  const role = clean(str(contact?.role).trim());
  const phone = clean(str(contact?.phone).trim());
  const email = clean(str(contact?.email).trim());
  const outOfHours = clean(str(contact?.outOfHours).trim());
  return [
    ...(name ? wrap(name, width) : []),
    ...(role ? wrap(role, width) : []),
    ...(phone ? wrap(`Phone: ${phone}`, width) : []),
    ...(email ? wrap(`Email: ${email}`, width) : []),
    ...(outOfHours ? wrap(outOfHours, width) : []),
  ];
}

/** The release as plain text: lines of at most `width` columns (addresses excepted), ending with a newline. */
export function renderReleaseText(release: ReleaseContent, options: TextRenderOptions): string {
  const width = Math.max(20, options.width ?? TEXT_WIDTH);
  const locale = resolveLocale(str(options.profile?.locale));
  const references = new References();
  const plain = (text: string) =>
    clean(inlineToPlainTextWithReferences(clean(text), (href) => ` [${references.number(href)}]`));

  const blocks: string[][] = [];
  const add = (lines: string[]) => {
    if (lines.length > 0) blocks.push(lines);
  };

  if (options.draftMark) add([DRAFT_MARK]);
  const embargo = release.header?.embargo;
  if (!embargo) add([IMMEDIATE_RELEASE]);
  else if (isEmbargoActive(embargo, options.now)) add(wrap(formatEmbargoLine(embargo, locale), width));

  const organisation = organisationName(release, options);
  const header: string[] = [];
  if (organisation) header.push(...wrap(organisation, width));
  const type = str(release.header?.type);
  const typeLabel = Object.hasOwn(RELEASE_TYPE_LABELS, type)
    ? RELEASE_TYPE_LABELS[type as keyof typeof RELEASE_TYPE_LABELS]
    : '';
  const date = formatReleaseDate(str(release.header?.releaseDate), str(release.header?.timeZone), locale);
  const meta = [typeLabel, date ?? ''].filter(Boolean).join(' · ');
  if (meta) header.push(meta);
  const reference = clean(str(release.header?.reference).trim());
  if (reference) header.push(...wrap(`Reference: ${isolate(reference)}`, width));
  const tags = list(release.header?.tags)
    .map((tag) => clean(str(tag).trim()))
    .filter(Boolean);
  if (tags.length > 0) header.push(...wrap(`Tags: ${tags.map(isolate).join(', ')}`, width));
  add(header);

  add(heading(clean(str(release.headline).trim()) || UNTITLED_HEADLINE, '=', width));
  const standfirst = plain(str(release.standfirst)).trim();
  if (standfirst) add(wrapBlock(standfirst, width));

  for (const detail of list(release.details)) {
    const text = plain(str(detail?.text)).trim();
    if (!text) continue;
    const label = clean(str(detail?.label).trim());
    add(wrapBlock(label ? `${label}: ${text}` : text, width));
  }

  // Quotes after the paragraph they name, the rest at the end of the body: the placement of renderBody.
  const body = list(release.body);
  const bodyIds = new Set(body.map((paragraph) => str(paragraph?.id)));
  const quotesAfter = new Map<string, Array<ReleaseContent['quotes'][number]>>();
  const trailing: Array<ReleaseContent['quotes'][number]> = [];
  for (const quote of list(release.quotes)) {
    const anchor = quote?.afterParagraphId;
    if (typeof anchor === 'string' && bodyIds.has(anchor)) {
      const group = quotesAfter.get(anchor) ?? [];
      group.push(quote);
      quotesAfter.set(anchor, group);
    } else {
      trailing.push(quote);
    }
  }
  const addQuotes = (quotes: ReadonlyArray<ReleaseContent['quotes'][number]>) => {
    for (const quote of quotes) add(quoteLines(quote, plain, width));
  };
  for (const paragraph of body) {
    add(wrapBlock(plain(str(paragraph?.text)), width));
    const id = str(paragraph?.id);
    const group = quotesAfter.get(id);
    if (group) {
      addQuotes(group);
      quotesAfter.delete(id);
    }
  }
  addQuotes(trailing);

  const section = (title: string, lines: string[]) => {
    if (lines.length > 0) add([...heading(title, '-', width), '', ...lines]);
  };

  const paragraphsOf = (paragraphs: ReadonlyArray<{ text: string }>) => {
    const out: string[] = [];
    for (const paragraph of paragraphs) {
      const lines = wrapBlock(plain(str(paragraph?.text)), width);
      if (lines.length === 0) continue;
      if (out.length > 0) out.push('');
      out.push(...lines);
    }
    return out;
  };
  section('Background', paragraphsOf(list(release.background)));

  const notes: string[] = [];
  const noteTexts = list(release.notesToEditors)
    .map((note) => plain(str(note?.text)).trim())
    .filter(Boolean);
  const markerWidth = `${noteTexts.length}. `.length;
  noteTexts.forEach((text, index) => {
    const marker = `${index + 1}. `.padEnd(markerWidth);
    const [firstLine = '', ...more] = wrapBlock(text, width - markerWidth);
    if (notes.length > 0) notes.push('');
    notes.push(
      `${marker}${firstLine}`.trimEnd(),
      ...more.map((line) => (line ? ' '.repeat(markerWidth) + line : '')),
    );
  });
  section('Notes to editors', notes);

  const boilerplate = plain(str(release.boilerplate)).trim();
  if (boilerplate) {
    section(organisation ? `About ${isolate(organisation)}` : 'About us', wrapBlock(boilerplate, width));
  }

  const contacts: string[] = [];
  for (const contact of list(release.mediaContacts)) {
    const lines = contactLines(contact, width);
    if (lines.length === 0) continue;
    if (contacts.length > 0) contacts.push('');
    contacts.push(...lines);
  }
  section('Media contacts', contacts);

  const canonical = clean(str(release.canonicalUrl).trim());
  if (canonical) {
    if (isAllowedUrl(canonical)) references.number(canonical, 'Original article');
    else add(wrap(`Original article: ${canonical}`, width));
  }
  const unlinked: string[] = [];
  for (const link of list(release.relatedLinks)) {
    const label = clean(str(link?.label).trim());
    const url = clean(str(link?.url).trim());
    if (!label && !url) continue;
    if (url && isAllowedUrl(url)) references.number(url, label === url ? '' : label);
    else unlinked.push(...wrap(url ? `${label} (${url})` : label, width, '- ', '  '));
  }
  const linkLines: string[] = [];
  for (const entry of references.entries) {
    const marker = `[${entry.number}] `;
    const text = entry.label ? `${entry.label}: ${entry.href}` : entry.href;
    linkLines.push(...wrap(text, width, marker, ' '.repeat(marker.length)));
  }
  linkLines.push(...unlinked);
  section('Links', linkLines);

  const endMark = clean(str(release.endMark).trim());
  if (endMark) add(wrap(endMark, width));

  return `${blocks.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}
