import { INLINE_TAGS as RENDER_INLINE_TAGS } from '../render/break-long-words';
import { sha256Bytes, utf8Encode } from '../workflow/content-hash';
import { hmacKey, hmacSha256Words, type HmacKey } from './keyed-hash';

/**
 * The invisible fingerprint of a recipient's embargoed copy (issue 16, item 4), and the reading of it back out of
 * leaked text. Pure: the renderer applies it to the copy's page (render-release.ts, option `copy`), the trace reads
 * it from whatever text was pasted.
 *
 * The channel, chosen by measurement here (Chromium's PDF read by pdftotext 22.x, and a page's textContent,
 * innerText and selection): every space between two words of a copy carries one of four states, set by a mark
 * right AFTER the space: nothing, ZERO WIDTH SPACE, ZERO WIDTH NON-JOINER or WORD JOINER. All three survive both
 * extractions and the page's own copy; none is drawn, none needs a fallback font (U+2010 and U+2011, the
 * equivalent hyphens, pulled in DejaVu and looked different, so hyphens are left alone). A mark BEFORE the space
 * made pdftotext drop the space; every other space character (no-break, thin, en, four-per-em…) came out of
 * pdftotext as a plain space. So a page copy also carries a second, sparser channel that survives textContent and
 * selection: about one space in four becomes a NO-BREAK SPACE (same width; it only holds two words on one line).
 * A PDF copy relies on the zero-width marks alone for its text, and on its metadata for a leaked file.
 *
 * Which state a space gets is keyed by the copy's secret and by the two words either side of it (an HMAC-SHA256
 * of "word word"), not by its position: a paragraph copied out of the middle of the page is read the same way as
 * the whole page. Words are compared after NFKC, lower case and with anything but letters and digits dropped, so
 * quotation marks, apostrophes and ligatures that an extractor changes do not move the key.
 */

/** The marks a space may be followed by; index = the state (0: none). */
export const GAP_MARKS = ['', '\u200b', '\u200c', '\u2060'] as const;
const MARK_STATE: Readonly<Record<string, number>> = { '\u200b': 1, '\u200c': 2, '\u2060': 3 };
const NBSP = '\u00a0';

/** What a copy's text carries besides the zero-width marks. */
export interface CopyChannels {
  /** No-break spaces (a page, an email's HTML): survives textContent and copy, not pdftotext. */
  nbsp: boolean;
}

export interface CopyMarkKey {
  /** The copy's secret: 64 hex digits, kept in the embargo register, never in the copy. */
  key: string;
  channels: CopyChannels;
}

/** The state of one space between two words. */
interface GapState {
  mark: number;
  nbsp: boolean;
}

// --- keyed decision -----------------------------------------------------------------------------------------------

function hexBytes(hex: string): Uint8Array {
  const clean = /^[0-9a-f]*$/i.test(hex) && hex.length % 2 === 0 ? hex : '';
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

type PreparedKey = HmacKey;

function prepareKey(keyHex: string): PreparedKey {
  return hmacKey(hexBytes(keyHex));
}

/** The copy's choice for the space between these two (normalised) words. */
function decide(key: PreparedKey, context: string | Uint8Array): GapState {
  const first = hmacSha256Words(key, typeof context === 'string' ? utf8Encode(context) : context)[0]!;
  // The first byte's low bits choose the mark; a no-break space on one space in four (two bits of the second
  // byte): often enough to identify, rare enough never to hold a long run together.
  return { mark: (first >>> 24) & 3, nbsp: ((first >>> 16) & 3) === 3 };
}

// --- words and the spaces between them ----------------------------------------------------------------------------

/** Anything an extractor may put between two words: whitespace, and the zero-width marks (ours and others'). */
const ZERO_WIDTH = new Set(['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff']);

export function isGapChar(char: string): boolean {
  return ZERO_WIDTH.has(char) || /\s/u.test(char);
}

/** A word as the key sees it: what an extractor changes (quotes, ligatures, case) does not count. */
export function normaliseWord(word: string): string {
  return word
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** The key of the space between two words, or null where either has no letter or digit ("—", "&"). */
function contextOf(before: string, after: string): string | null {
  const a = normaliseWord(before);
  const b = normaliseWord(after);
  return a && b ? `${a} ${b}` : null;
}

interface Gap {
  /** Index of the gap's first and just past its last character. */
  start: number;
  end: number;
  context: string | null;
}

/** The words and gaps of a text, left to right. */
function gapsOf(chars: readonly string[]): Gap[] {
  const gaps: Gap[] = [];
  let i = 0;
  const n = chars.length;
  while (i < n && isGapChar(chars[i]!)) i++;
  let wordStart = i;
  while (i < n) {
    if (!isGapChar(chars[i]!)) {
      i++;
      continue;
    }
    const wordEnd = i;
    const gapStart = i;
    while (i < n && isGapChar(chars[i]!)) i++;
    if (i >= n) break;
    const nextStart = i;
    let nextEnd = i;
    while (nextEnd < n && !isGapChar(chars[nextEnd]!)) nextEnd++;
    gaps.push({
      start: gapStart,
      end: i,
      context: contextOf(chars.slice(wordStart, wordEnd).join(''), chars.slice(nextStart, nextEnd).join('')),
    });
    wordStart = nextStart;
  }
  return gaps;
}

/** The edit of one gap: the marks a copy adds (or null when it leaves the gap as it is). */
function markedGap(gapChars: readonly string[], state: GapState, channels: CopyChannels): string | null {
  // A line break written into the text (a <br>) is left alone: extractors treat it as they please.
  if (gapChars.includes('\n')) return null;
  // Marks already there (pasted from somewhere) go: the copy's own mark is the last one in the gap.
  const spaces = gapChars.filter((char) => MARK_STATE[char] === undefined);
  if (spaces.length === 0) return null;
  const single = spaces.length === 1 && spaces[0] === ' ';
  const spacing = channels.nbsp && single && state.nbsp ? NBSP : spaces.join('');
  return spacing + GAP_MARKS[state.mark as 0 | 1 | 2 | 3];
}

// --- applying -----------------------------------------------------------------------------------------------------

/** A plain text with the copy's marks in its spaces; its words are untouched. */
export function applyCopyMarks(text: string, copy: CopyMarkKey): string {
  const key = prepareKey(copy.key);
  const chars = Array.from(text);
  const gaps = gapsOf(chars);
  let out = '';
  let at = 0;
  for (const gap of gaps) {
    if (!gap.context) continue;
    const replacement = markedGap(chars.slice(gap.start, gap.end), decide(key, gap.context), copy.channels);
    if (replacement === null) continue;
    out += chars.slice(at, gap.start).join('') + replacement;
    at = gap.end;
  }
  return out + chars.slice(at).join('');
}

/** The text without any copy's marks: what every copy and the public page have in common. */
export function stripCopyMarks(text: string): string {
  return text.replace(/[\u200b\u200c\u2060]/g, '').replace(/\u00a0/g, ' ');
}

// Elements inside a line: their text belongs to the same run of words as the text around them. The renderer's
// list (break-long-words.ts), plus `<wbr>`: a break opportunity there still sits between letters of one word.
const INLINE_TAGS: ReadonlySet<string> = new Set([...RENDER_INLINE_TAGS, 'wbr']);
/**
 * Left unmarked: the masthead and the notices a reader quotes or searches for as they are (the embargo line, the
 * copy's own line, the draft mark), and contact blocks (a phone number copied from one must still dial).
 */
const UNMARKED_BLOCKS = new Set(['address', 'header']);
const UNMARKED_CLASSES = /\bclass="(?:embargo|embargo-copy|draft-banner|immediate)"/;

const ENTITY = /&(#[0-9]+|#x[0-9a-f]+|amp|lt|gt|quot|apos|nbsp);/giy;
const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: NBSP,
};

interface DecodedChar {
  char: string;
  /** Text piece of the page it came from, and where it ends in that piece's raw HTML. */
  piece: number;
  rawEnd: number;
}

function decodePiece(raw: string, piece: number, into: DecodedChar[]): void {
  let i = 0;
  while (i < raw.length) {
    if (raw[i] === '&') {
      ENTITY.lastIndex = i;
      const entity = ENTITY.exec(raw);
      if (entity) {
        const name = entity[1]!.toLowerCase();
        const char = name.startsWith('#x')
          ? String.fromCodePoint(parseInt(name.slice(2), 16))
          : name.startsWith('#')
            ? String.fromCodePoint(parseInt(name.slice(1), 10))
            : NAMED[name]!;
        into.push({ char, piece, rawEnd: i + entity[0].length });
        i += entity[0].length;
        continue;
      }
    }
    const code = raw.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    into.push({ char: raw.slice(i, i + width), piece, rawEnd: i + width });
    i += width;
  }
}

/**
 * The copy's marks in the text of rendered HTML (the release's `<article>`): each block's words are read across
 * its inline elements, and a mark goes into the text piece where its space is. Tags and attributes are never
 * touched, so links, ids and the page's structure are those of the public page.
 */
export function applyCopyMarksToHtml(html: string, copy: CopyMarkKey): string {
  const key = prepareKey(copy.key);
  const pieces = html.match(/<[^>]*>|[^<]+/g) ?? [];
  const edits = new Map<number, Array<{ rawStart: number; rawEnd: number; text: string }>>();
  let block: DecodedChar[] = [];
  /** The element whose text is left alone, and how deep in elements of its name we are. */
  let unmarked: { name: string; depth: number } | null = null;

  const flush = () => {
    if (block.length === 0) return;
    const chars = block.map((each) => each.char);
    for (const gap of gapsOf(chars)) {
      if (!gap.context) continue;
      const state = decide(key, gap.context);
      const replacement = markedGap(chars.slice(gap.start, gap.end), state, copy.channels);
      if (replacement === null) continue;
      const last = block[gap.end - 1]!;
      const inOnePiece = block.slice(gap.start, gap.end).every((each) => each.piece === last.piece);
      // A gap within one text piece (nearly all) is rewritten whole; one split by a tag ("word </em>next") keeps
      // its spaces and gets the mark after its last character.
      const edit = inOnePiece
        ? { rawStart: rawStartOf(gap.start), rawEnd: last.rawEnd, text: replacement }
        : { rawStart: last.rawEnd, rawEnd: last.rawEnd, text: GAP_MARKS[state.mark as 0] };
      const list = edits.get(last.piece) ?? [];
      list.push(edit);
      edits.set(last.piece, list);
    }
    block = [];
  };
  // Where a character's raw text starts: just after the previous character of the same piece, else 0.
  const rawStartOf = (index: number): number => {
    const here = block[index]!;
    const previous = index > 0 ? block[index - 1] : undefined;
    return previous && previous.piece === here.piece ? previous.rawEnd : 0;
  };

  pieces.forEach((piece, index) => {
    if (piece.startsWith('<')) {
      const tag = /^<(\/?)([a-zA-Z][a-zA-Z0-9]*)/.exec(piece);
      const closing = tag?.[1] === '/';
      const name = tag ? tag[2]!.toLowerCase() : '';
      if (unmarked) {
        if (name === unmarked.name) unmarked.depth += closing ? -1 : 1;
        if (unmarked.depth === 0) unmarked = null;
        return;
      }
      if (!closing && (UNMARKED_BLOCKS.has(name) || UNMARKED_CLASSES.test(piece))) {
        flush();
        unmarked = { name, depth: 1 };
        return;
      }
      if (name === 'br') {
        block.push({ char: '\n', piece: -1, rawEnd: 0 });
        return;
      }
      if (!INLINE_TAGS.has(name)) flush();
      return;
    }
    if (unmarked) return;
    decodePiece(piece, index, block);
  });
  flush();

  if (edits.size === 0) return html;
  return pieces
    .map((piece, index) => {
      const list = edits.get(index);
      if (!list) return piece;
      let out = '';
      let at = 0;
      for (const edit of list.sort((a, b) => a.rawStart - b.rawStart)) {
        out += piece.slice(at, edit.rawStart) + edit.text;
        at = edit.rawEnd;
      }
      return out + piece.slice(at);
    })
    .join('');
}

// --- reading ------------------------------------------------------------------------------------------------------

/** What one space of the leaked text shows. */
export interface GapObservation {
  mark: number;
  /** null: cannot tell (a line break, where an extractor may have put any space). */
  nbsp: boolean | null;
}

/** Each distinct pair of words of the text with what the space between them shows (the first time it occurs). */
export function readCopyMarks(text: string): Map<string, GapObservation> {
  const chars = Array.from(text.replace(/\r\n?/g, '\n'));
  const out = new Map<string, GapObservation>();
  for (const gap of gapsOf(chars)) {
    if (!gap.context || out.has(gap.context)) continue;
    const gapChars = chars.slice(gap.start, gap.end);
    // A blank line is a paragraph's end: the copy never had a space there.
    if (gapChars.filter((char) => char === '\n').length > 1) continue;
    let mark = 0;
    for (const char of gapChars) mark = MARK_STATE[char] ?? mark;
    const nbsp = gapChars.includes('\n') ? null : gapChars.includes(NBSP);
    out.set(gap.context, { mark, nbsp });
  }
  return out;
}

// --- tracing ------------------------------------------------------------------------------------------------------

export interface TraceCandidate {
  id: string;
  key: string;
  channels: CopyChannels;
}

export interface TraceScore {
  id: string;
  /** Posterior probability that the text came from this copy, 0..1. */
  confidence: number;
  /** Spaces read, and how many of them showed what this copy would show. */
  agreed: number;
  read: number;
}

export interface TraceOutcome {
  /** The copies, most likely first (at most `limit`). */
  ranked: TraceScore[];
  /** Probability that the text carries no copy's marks at all (the public page, or marks removed). */
  unmarked: number;
  /** Distinct word pairs read from the text: the evidence there was. */
  read: number;
}

/** A copy named below this confidence is "no recorded copy". */
export const TRACE_THRESHOLD = 0.95;

/**
 * How often an extractor may change what one space shows (a word split differently, a mark lost at a line's end):
 * the trace stays right when a few spaces disagree.
 */
const SLIP = 0.05;

/**
 * Scores every recorded copy against the marks in `text`. Each copy is a hypothesis; so are "no marks at all" (the
 * public page) and "marks of a copy not on record" (each space's state random). Equal odds before reading; each
 * space read multiplies a hypothesis by how likely it made what the space shows. The answer is the posterior.
 */
export function traceCopyMarks(text: string, candidates: readonly TraceCandidate[], limit = 5): TraceOutcome {
  // Each pair of words as bytes once, not once per copy.
  const observed = [...readCopyMarks(text)].map(([context, seen]) => [utf8Encode(context), seen] as const);
  const match = Math.log(1 - SLIP);
  const slipMark = Math.log(SLIP / 3);
  const slipNbsp = Math.log(SLIP);
  const randomMark = Math.log(1 / 4);
  const randomNbsp = (nbsp: boolean) => Math.log(nbsp ? 1 / 4 : 3 / 4);

  // "No copy on record" as the baseline (log-likelihood 0): each hypothesis is scored against it.
  const scoreOf = (expected: (context: Uint8Array) => GapState, channels: CopyChannels) => {
    let logRatio = 0;
    let agreed = 0;
    let read = 0;
    for (const [context, seen] of observed) {
      const want = expected(context);
      read++;
      const sameMark = want.mark === seen.mark;
      logRatio += (sameMark ? match : slipMark) - randomMark;
      let same = sameMark;
      if (channels.nbsp && seen.nbsp !== null) {
        const sameNbsp = want.nbsp === seen.nbsp;
        logRatio += (sameNbsp ? match : slipNbsp) - randomNbsp(seen.nbsp);
        same &&= sameNbsp;
      }
      if (same) agreed++;
    }
    return { logRatio, agreed, read };
  };

  const unmarked = scoreOf(() => ({ mark: 0, nbsp: false }), { nbsp: true });
  const scored = candidates.map((candidate) => {
    const key = prepareKey(candidate.key);
    return { id: candidate.id, ...scoreOf((context) => decide(key, context), candidate.channels) };
  });
  const logs = [0, unmarked.logRatio, ...scored.map((each) => each.logRatio)];
  const top = Math.max(...logs);
  const total = logs.reduce((sum, value) => sum + Math.exp(value - top), 0);
  const posterior = (logRatio: number) => Math.exp(logRatio - top) / total;
  const ranked = scored
    .map((each) => ({
      id: each.id,
      confidence: posterior(each.logRatio),
      agreed: each.agreed,
      read: each.read,
    }))
    .sort((a, b) => b.confidence - a.confidence)
    .slice(0, limit);
  return { ranked, unmarked: posterior(unmarked.logRatio), read: observed.length };
}

/** The short name of a copy's fingerprint, as the register and the copy's metadata give it ("FP-3FA9C01B2D"). */
export function fingerprintIdOf(keyHex: string): string {
  const digest = sha256Bytes(utf8Encode(`pressroom-copy:${keyHex}`));
  let hex = '';
  for (const byte of digest.subarray(0, 5)) hex += byte.toString(16).padStart(2, '0');
  return `FP-${hex.toUpperCase()}`;
}
