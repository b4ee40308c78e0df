import { isAllowedUrl } from '../release/schema';
import { escapeAttribute, escapeHtml } from './escape';
import { memoByText } from './memo-by-text';

/**
 * The small inline set a writer may use inside a paragraph (ARCHITECTURE §6):
 *
 *   *emphasis*   **strong**   [label](https://example.org)   lines starting "- " or "1. " become lists
 *
 * Nothing else is markup: every other character reaches the page as escaped text.
 *
 * The parser is a single left-to-right scan plus a CommonMark-style delimiter stack, with no regular expression
 * over the whole input and no rescanning: the preview re-renders on every keystroke, and a pasted megabyte of
 * `*[*[` must not freeze it. Each character is looked at a bounded number of times (see `matchLink`).
 */

const STAR = 42; // *
const OPEN_BRACKET = 91; // [
const CLOSE_BRACKET = 93; // ]
const OPEN_PAREN = 40; // (
const CLOSE_PAREN = 41; // )
const NEWLINE = 10; // \n

/**
 * Elements (emphasis, strong, links, line breaks) one piece of inline text may make; past them the markup is
 * printed as typed. A real paragraph has a handful. A pasted `*[*[*[…` of 40,000 characters made 10,000 <em> in
 * one paragraph, and Chromium's tagged PDF spends time that grows with the square of the inline elements of a
 * block (11 s for that paragraph, 47 s at 80,000): bounded per block, the cost of a page is linear in its text.
 */
export const MAX_INLINE_ELEMENTS = 400;

/**
 * Lines one <p> holds, and items one list holds, before the block continues in another (same attributes, a
 * numbered list keeping its numbers): the same square law holds for the children of a block.
 */
export const MAX_BLOCK_LINES = 200;

const TEXT = 0;
const BREAK = 1;
const LINK = 2;
const DELIM = 3;
const CAN_OPEN = 1;
const CAN_CLOSE = 2;

/**
 * The tokens of one piece of text, as parallel arrays rather than one object per token: a pasted megabyte of
 * `*[*[` is a million tokens, and a million small objects spent most of the time in the garbage collector.
 */
interface Parsed {
  source: string;
  count: number;
  /** Elements left to make (MAX_INLINE_ELEMENTS): each link, line break and emphasis pair takes one. */
  budget: number;
  kind: Uint8Array;
  /** TEXT: slice start. LINK: index of `[`. */
  start: Int32Array;
  /** TEXT: slice end. LINK: index just after `)`. */
  end: Int32Array;
  /** LINK: index of `]`. DELIM: stars still unmatched, printed literally at the end. */
  mid: Int32Array;
  /** DELIM: CAN_OPEN | CAN_CLOSE. */
  flags: Uint8Array;
  /** DELIM: opening tags placed here, outermost first (a later match wraps the earlier ones). */
  opens: Array<string | undefined>;
  /** DELIM: closing tags placed here, innermost first. */
  closes: Array<string | undefined>;
}

function pushToken(
  parsed: Parsed,
  kind: number,
  start: number,
  end: number,
  mid: number,
  flags: number,
): void {
  const t = parsed.count++;
  parsed.kind[t] = kind;
  parsed.start[t] = start;
  parsed.end[t] = end;
  parsed.mid[t] = mid;
  parsed.flags[t] = flags;
}

/**
 * Room for every token: each `*`, `[` or newline starts at most one token and ends at most one text run before
 * it, plus a final run. Sized from the text so that a short paragraph allocates almost nothing.
 */
function newParsed(text: string): Parsed {
  let specials = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === STAR || c === OPEN_BRACKET || c === NEWLINE) specials++;
  }
  const capacity = 2 * specials + 1;
  return {
    source: text,
    count: 0,
    budget: MAX_INLINE_ELEMENTS,
    kind: new Uint8Array(capacity),
    start: new Int32Array(capacity),
    end: new Int32Array(capacity),
    mid: new Int32Array(capacity),
    flags: new Uint8Array(capacity),
    // Filled, not sparse: writing far-apart indices into an empty array turns it into a slow dictionary.
    opens: new Array<string | undefined>(capacity).fill(undefined),
    closes: new Array<string | undefined>(capacity).fill(undefined),
  };
}

// Called once per star run; the ASCII fast path matters on pasted megabytes.
function isWhitespaceAt(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return true;
  const code = text.charCodeAt(index);
  if (code <= 32) return true;
  if (code < 128) return false;
  return /\s/u.test(text.charAt(index));
}

/** Writers paste from Word and mail clients: one line ending everywhere. */
function normaliseNewlines(text: string): string {
  return String(text).replace(/\r\n?/g, '\n');
}

/**
 * The end of `[label](url)` starting at `start` (a `[`), or -1; `labelEnd` receives the index of `]`. The label
 * may not contain brackets and the url may not contain brackets or a newline; parentheses in the url must
 * balance (Wikipedia-style addresses). Those stops keep the whole parse linear: a failed attempt scans only up to
 * the next `[`, which is where the next attempt can begin, so no character is scanned by two attempts.
 */
function matchLink(text: string, start: number, labelEnd: { index: number }): number {
  const n = text.length;
  let j = start + 1;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === OPEN_BRACKET || c === CLOSE_BRACKET) break;
    j++;
  }
  if (j >= n || text.charCodeAt(j) !== CLOSE_BRACKET || j === start + 1) return -1;
  if (text.charCodeAt(j + 1) !== OPEN_PAREN) return -1;
  let k = j + 2;
  let depth = 0;
  while (k < n) {
    const c = text.charCodeAt(k);
    if (c === OPEN_BRACKET || c === CLOSE_BRACKET || c === NEWLINE) return -1;
    if (c === OPEN_PAREN) depth++;
    else if (c === CLOSE_PAREN) {
      if (depth === 0) break;
      depth--;
    }
    k++;
  }
  if (k >= n || text.slice(j + 2, k).trim() === '') return -1;
  labelEnd.index = j;
  return k + 1;
}

function tokenize(text: string): Parsed {
  const n = text.length;
  const parsed = newParsed(text);
  const labelEnd = { index: 0 };
  let textStart = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE && parsed.budget > 0) {
      parsed.budget--;
      if (i > textStart) pushToken(parsed, TEXT, textStart, i, 0, 0);
      pushToken(parsed, BREAK, i, i + 1, 0, 0);
      textStart = ++i;
    } else if (c === STAR) {
      let j = i;
      while (j < n && text.charCodeAt(j) === STAR) j++;
      if (i > textStart) pushToken(parsed, TEXT, textStart, i, 0, 0);
      // Simplified CommonMark flanking: a run opens if text follows it and closes if text precedes it, so
      // "2 * 3 * 4" stays literal while "a *b* c" is emphasis.
      const flags = (isWhitespaceAt(text, j) ? 0 : CAN_OPEN) | (isWhitespaceAt(text, i - 1) ? 0 : CAN_CLOSE);
      pushToken(parsed, DELIM, i, j, j - i, flags);
      textStart = i = j;
    } else if (c === OPEN_BRACKET && parsed.budget > 0) {
      const linkEnd = matchLink(text, i, labelEnd);
      if (linkEnd >= 0) {
        parsed.budget--;
        if (i > textStart) pushToken(parsed, TEXT, textStart, i, 0, 0);
        pushToken(parsed, LINK, i, linkEnd, labelEnd.index, 0);
        textStart = i = linkEnd;
      } else {
        i++;
      }
    } else {
      i++;
    }
  }
  if (n > textStart) pushToken(parsed, TEXT, textStart, n, 0, 0);
  return parsed;
}

/**
 * Pairs star runs into em/strong. Every delimiter left on the stack can open, so the nearest opener is always
 * the top: linear time, and tags always nest because a closer only ever pairs with the innermost open run.
 */
function matchDelimiters(parsed: Parsed): void {
  const { kind, mid: remaining, flags, opens, closes } = parsed;
  const openers: number[] = [];
  for (let t = 0; t < parsed.count; t++) {
    if (kind[t] !== DELIM) continue;
    if (flags[t]! & CAN_CLOSE) {
      while (remaining[t]! > 0 && openers.length > 0 && parsed.budget > 0) {
        parsed.budget--;
        const o = openers[openers.length - 1]!;
        const use = remaining[t]! >= 2 && remaining[o]! >= 2 ? 2 : 1;
        const open = use === 2 ? '<strong>' : '<em>';
        const close = use === 2 ? '</strong>' : '</em>';
        remaining[o]! -= use;
        remaining[t]! -= use;
        const opened = opens[o];
        const closed = closes[t];
        opens[o] = opened === undefined ? open : open + opened;
        closes[t] = closed === undefined ? close : closed + close;
        if (remaining[o] === 0) openers.pop();
      }
    }
    if (flags[t]! & CAN_OPEN && remaining[t]! > 0) openers.push(t);
  }
}

function parse(text: string): Parsed {
  const parsed = tokenize(text);
  matchDelimiters(parsed);
  return parsed;
}

function stars(count: number): string {
  return count === 0 ? '' : count === 1 ? '*' : '*'.repeat(count);
}

function renderParsed(parsed: Parsed): string {
  const { source, kind, start, end, mid, opens, closes } = parsed;
  // Plain concatenation and skipped empty pieces: on a pasted megabyte this loop runs a million times.
  let out = '';
  for (let t = 0; t < parsed.count; t++) {
    switch (kind[t]) {
      case TEXT:
        out += escapeHtml(source.slice(start[t], end[t]));
        break;
      case BREAK:
        out += '<br>';
        break;
      case LINK:
        out += renderLink(source.slice(start[t]! + 1, mid[t]), source.slice(mid[t]! + 2, end[t]! - 1));
        break;
      case DELIM:
        out += (closes[t] ?? '') + stars(mid[t]!) + (opens[t] ?? '');
        break;
    }
  }
  return out;
}

function renderLink(label: string, url: string): string {
  const href = url.trim();
  if (isAllowedUrl(href)) {
    // The label has no brackets, so this recursion never meets another link: emphasis only, one level deep.
    return `<a class="inline-link" href="${escapeAttribute(href)}">${renderParsed(parse(label))}</a>`;
  }
  // A refused address stays readable, so the writer sees what they typed and the checks can point at it.
  return `${escapeHtml(label)} (${escapeHtml(url)})`;
}

/** HTML for the inside of one paragraph or list item: emphasis, strong, allowed links; newlines become <br>. */
export function renderInline(text: string): string {
  return renderParsed(parse(normaliseNewlines(text)));
}

/**
 * The text a reader sees, with the inline markup removed: what the word counts use. List markers and line breaks
 * are kept, since they are how plain text shows a list. One argument only, so it can be handed to `Array.map`.
 */
export const inlineToPlainText: (text: string) => string = memoByText((text) =>
  plainParsed(parse(normaliseNewlines(text)), false),
);

/** As inlineToPlainText, with " (url)" after each link's label: for a plain-text export, where links cannot be clicked. */
export function inlineToPlainTextWithUrls(text: string): string {
  return plainParsed(parse(normaliseNewlines(text)), true);
}

/**
 * As inlineToPlainText, with each allowed link's label followed by what `reference` makes of its address (" [1]"
 * for a numbered list of addresses at the end): for the plain-text export, where a long address in mid-sentence
 * would wreck the line wrapping.
 */
export function inlineToPlainTextWithReferences(text: string, reference: (href: string) => string): string {
  return plainParsed(parse(normaliseNewlines(text)), reference);
}

/** The addresses of the links a piece of text makes (allowed ones only: the others print as text), in order. */
export function inlineLinkAddresses(text: string): string[] {
  const parsed = parse(normaliseNewlines(text));
  const out: string[] = [];
  for (let t = 0; t < parsed.count; t++) {
    if (parsed.kind[t] !== LINK) continue;
    const href = parsed.source.slice(parsed.mid[t]! + 2, parsed.end[t]! - 1).trim();
    if (isAllowedUrl(href)) out.push(href);
  }
  return out;
}

function plainParsed(parsed: Parsed, includeUrls: boolean | ((href: string) => string)): string {
  const { source, kind, start, end, mid } = parsed;
  let out = '';
  for (let t = 0; t < parsed.count; t++) {
    switch (kind[t]) {
      case TEXT:
        out += source.slice(start[t], end[t]);
        break;
      case BREAK:
        out += '\n';
        break;
      case LINK: {
        const label = source.slice(start[t]! + 1, mid[t]);
        const url = source.slice(mid[t]! + 2, end[t]! - 1);
        const href = url.trim();
        if (!isAllowedUrl(href)) {
          out += `${label} (${url})`;
          break;
        }
        const text = plainParsed(parse(label), false);
        if (typeof includeUrls === 'function') out += text + includeUrls(href);
        else out += includeUrls && text.trim() !== href ? `${text} (${href})` : text;
        break;
      }
      case DELIM:
        out += stars(mid[t]!);
        break;
    }
  }
  return out;
}

// "- " as typed, "• " as pasted from a word processor.
const BULLET = /^[ \t]*[-•][ \t]+(.*)$/;
const NUMBERED = /^[ \t]*(\d{1,9})\.[ \t]+(.*)$/;

type Block =
  | { kind: 'p'; lines: string[] }
  | { kind: 'ul'; items: string[] }
  | { kind: 'ol'; start: number; items: string[] };

function toBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  for (const line of normaliseNewlines(text).split('\n')) {
    if (line.trim() === '') {
      current = null;
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (bullet) {
      if (current?.kind !== 'ul' || current.items.length >= MAX_BLOCK_LINES)
        blocks.push((current = { kind: 'ul', items: [] }));
      current.items.push(bullet[1] ?? '');
    } else if (numbered) {
      if (current?.kind === 'ol' && current.items.length >= MAX_BLOCK_LINES) {
        // The list goes on in another, numbered on from where this one stopped.
        blocks.push((current = { kind: 'ol', start: current.start + current.items.length, items: [] }));
      } else if (current?.kind !== 'ol') {
        blocks.push((current = { kind: 'ol', start: Number(numbered[1]), items: [] }));
      }
      current.items.push(numbered[2] ?? '');
    } else {
      if (current?.kind !== 'p' || current.lines.length >= MAX_BLOCK_LINES)
        blocks.push((current = { kind: 'p', lines: [] }));
      current.lines.push(line);
    }
  }
  return blocks;
}

/**
 * A paragraph field as block HTML: normally one <p>; lines starting "- " or "1. " become a list, and a blank line
 * starts a new paragraph. `attributes` (for instance data-field) go on every top-level element produced, so a
 * click anywhere in the block finds its field. Blank text renders nothing.
 */
export function renderParagraphBlock(
  text: string,
  attributes: Readonly<Record<string, string>> = {},
): string {
  const attrs = Object.entries(attributes)
    .filter(([name]) => /^[a-z][a-z0-9-]*$/.test(name))
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join('');
  return toBlocks(text)
    .map((block) => {
      switch (block.kind) {
        case 'p':
          return `<p${attrs}>${renderInline(block.lines.join('\n'))}</p>`;
        case 'ul':
          return `<ul${attrs}>${block.items.map((item) => `<li>${renderInline(item)}</li>`).join('')}</ul>`;
        case 'ol': {
          const start = block.start === 1 ? '' : ` start="${block.start}"`;
          return `<ol${attrs}${start}>${block.items.map((item) => `<li>${renderInline(item)}</li>`).join('')}</ol>`;
        }
      }
    })
    .join('');
}
