/**
 * The paragraph list's edits that change more than one paragraph at a time (issue 14, item 4): a pasted draft
 * becoming paragraphs, Enter splitting a paragraph at the caret, Backspace and Delete joining two. Pure functions of
 * text and positions, so that they can be tested as they are; ParagraphsField.tsx applies them to the form.
 */

// A list line as the renderer reads one (src-shared/render/inline-markup.ts): "- ", "• " or "1. " and some text.
const LIST_LINE = /^[ \t]*(?:[-•]|\d{1,9}\.)[ \t]+\S/;
const LIST_MARKER = /^([ \t]*)(?:([-•])|(\d{1,9})\.)([ \t]+)/;
/** A blank line (spaces allowed): what separates paragraphs in plain text. */
const BLANK_LINE = /\n[ \t\u00a0]*\n/;
/** The end of a line that closes a sentence, a heading's colon, or a closing quotation mark or bracket. */
const SENTENCE_END = /[.!?:;"”’)\]]$/;

/**
 * Line breaks as the form keeps them: "\r\n" and "\r" from Windows, and the vertical tab a Word soft line break
 * (Shift+Enter) becomes in its plain text, are "\n"; Unicode's paragraph separator is a blank line.
 */
export function normaliseLineBreaks(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replaceAll('\u000b', '\n')
    .replaceAll('\u2028', '\n')
    .replace(/\u2029/g, '\n\n');
}

/**
 * Pasted text as the paragraphs it holds, in order, none empty.
 *
 * - A blank line separates paragraphs (an email, a text editor, Word's own blank lines).
 * - Text without any blank line but with several lines (Word's or Outlook's plain text has one line break per
 *   paragraph): a line that ends a sentence ends its paragraph, any other line break is a line wrapped by the
 *   program it came from.
 * - Inside a paragraph a line break is a space (a soft line break, or a line wrapped at 72 characters), except
 *   around list lines ("- ", "• ", "1. "), which stay one per line since they print as a list; the items of one
 *   list stay in one paragraph even when blank lines separate them.
 *
 * No word is dropped or reordered: joining the paragraphs gives the pasted text's words in order.
 */
export function pastedParagraphs(pasted: string): string[] {
  const text = normaliseLineBreaks(pasted);
  const blocks = BLANK_LINE.test(text) ? text.split(/\n(?:[ \t\u00a0]*\n)+/) : splitAtSentenceEnds(text);
  const paragraphs: string[] = [];
  for (const paragraph of blocks.map(unwrapLines)) {
    if (paragraph === '') continue;
    // Items of one list stay one list (Word copies each item as a paragraph of its own).
    const previous = paragraphs[paragraphs.length - 1];
    if (previous !== undefined && isAllList(previous) && isAllList(paragraph))
      paragraphs[paragraphs.length - 1] = `${previous}\n${paragraph}`;
    else paragraphs.push(paragraph);
  }
  return paragraphs;
}

function isAllList(paragraph: string): boolean {
  return paragraph.split('\n').every((line) => LIST_LINE.test(line));
}

/** Lines without blank lines between them: a new paragraph after each line that ends a sentence (or a list). */
function splitAtSentenceEnds(text: string): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  for (const line of text.split('\n')) {
    const isList = LIST_LINE.test(line);
    const previous = current[current.length - 1];
    // A list starts and ends a paragraph of its own, so that it is not glued to the sentence before it.
    const previousIsList = previous !== undefined && LIST_LINE.test(previous);
    if (previous !== undefined && isList !== previousIsList && previous.trim() !== '') {
      blocks.push(current.join('\n'));
      current = [];
    }
    current.push(line);
    if (!isList && SENTENCE_END.test(line.trimEnd())) {
      blocks.push(current.join('\n'));
      current = [];
    }
  }
  if (current.length) blocks.push(current.join('\n'));
  return blocks;
}

/** One paragraph's lines: wrapped lines joined by a space, list lines kept one per line, the ends trimmed. */
function unwrapLines(block: string): string {
  let out = '';
  let previousIsList = false;
  for (const raw of block.split('\n')) {
    const line = raw.trimEnd();
    if (line.trim() === '') continue;
    const isList = LIST_LINE.test(line);
    if (out === '') out = isList ? line : line.trimStart();
    else if (isList || previousIsList) out += `\n${line}`;
    else out += ` ${line.trimStart()}`;
    previousIsList = isList;
  }
  return out;
}

// --- edits of the list -------------------------------------------------------------------------------------------

export interface ParagraphItem {
  id: string;
  text: string;
}

/** A list after an edit, and where the caret goes: the paragraph's index and the position in its text. */
export interface ListEdit {
  items: ParagraphItem[];
  focus: { index: number; caret: number };
}

/**
 * `pieces` (several pasted paragraphs) pasted over the selection `start`..`end` of paragraph `index`: the text
 * before the selection goes on with the first piece, each further piece is a paragraph of its own with a fresh id,
 * and the text after the selection follows the last piece. The caret ends after the last piece, as after any paste.
 *
 * A list has at most `maxItems` paragraphs: pieces beyond that go into the last paragraph, separated by blank
 * lines, so that nothing pasted is lost (the field then says it is too long, as it does for any long text).
 */
export function pasteParagraphs(
  items: readonly ParagraphItem[],
  index: number,
  start: number,
  end: number,
  pieces: readonly string[],
  maxItems: number,
  newId: () => string,
): ListEdit {
  const current = items[index]!;
  const room = Math.max(1, maxItems - items.length + 1);
  const fitted =
    pieces.length > room ? [...pieces.slice(0, room - 1), pieces.slice(room - 1).join('\n\n')] : [...pieces];
  const before = current.text.slice(0, start);
  const after = current.text.slice(end);
  const last = fitted.length - 1;
  const texts = fitted.map((piece, i) => `${i === 0 ? before : ''}${piece}${i === last ? after : ''}`);
  const pasted: ParagraphItem[] = texts.map((text, i) =>
    i === 0 ? { ...current, text } : { id: newId(), text },
  );
  return {
    items: [...items.slice(0, index), ...pasted, ...items.slice(index + 1)],
    focus: { index: index + last, caret: (last === 0 ? before.length : 0) + fitted[last]!.length },
  };
}

/**
 * Enter at `start`..`end` of a paragraph, as in a word processor. In a list line it starts the next item ("- ",
 * or the next number); on an empty list item it ends the list, and the paragraph is split there. Anywhere else
 * the paragraph is split at the caret (`split: true`, the two halves); otherwise the text and caret after the edit.
 */
export function enterInParagraph(
  text: string,
  start: number,
  end: number,
): { split: true; head: string; tail: string } | { split: false; text: string; caret: number } {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const nextBreak = text.indexOf('\n', end);
  const lineEnd = nextBreak === -1 ? text.length : nextBreak;
  const line = text.slice(lineStart, lineEnd);
  const marker = LIST_MARKER.exec(line);
  const typedAfterMarker = marker !== null && start >= lineStart + marker[0].length;
  if (marker && typedAfterMarker && line.slice(marker[0].length).trim() !== '') {
    const [, indent = '', bullet, number, gap = ' '] = marker;
    const next = `\n${indent}${bullet ?? `${Number(number) + 1}.`}${gap}`;
    return { split: false, text: text.slice(0, start) + next + text.slice(end), caret: start + next.length };
  }
  if (marker && start === end && line.slice(marker[0].length).trim() === '') {
    // Enter on an empty item: the list ends, the empty item goes, and what follows is a new paragraph.
    return splitText(text.slice(0, lineStart) + text.slice(lineEnd), lineStart, lineStart);
  }
  return splitText(text, start, end);
}

function splitText(text: string, start: number, end: number): { split: true; head: string; tail: string } {
  // The spaces and line breaks at the split belong to neither half: "one. |Two." gives "one." and "Two.".
  return { split: true, head: text.slice(0, start).trimEnd(), tail: text.slice(end).trimStart() };
}

/**
 * Paragraph `index` split into `head` (which keeps the paragraph's id: comments and quotes point at it) and a new
 * paragraph `tail` with a fresh id after it; the caret at the start of the new one.
 */
export function splitParagraph(
  items: readonly ParagraphItem[],
  index: number,
  head: string,
  tail: string,
  newId: () => string,
): ListEdit {
  const current = items[index]!;
  return {
    items: [
      ...items.slice(0, index),
      { ...current, text: head },
      { id: newId(), text: tail },
      ...items.slice(index + 1),
    ],
    focus: { index: index + 1, caret: 0 },
  };
}

/**
 * Paragraph `index` and the next joined into one, which keeps the first's id; the caret where they meet. A space
 * goes between them (a line break before a list), unless either side already has one or is empty. Null when there
 * is no next paragraph.
 */
export function joinWithNext(items: readonly ParagraphItem[], index: number): ListEdit | null {
  const first = items[index];
  const second = items[index + 1];
  if (!first || !second) return null;
  const lastLine = first.text.slice(first.text.lastIndexOf('\n') + 1);
  const separator =
    first.text === '' || second.text === '' || /\s$/.test(first.text) || /^\s/.test(second.text)
      ? ''
      : LIST_LINE.test(second.text) || LIST_LINE.test(lastLine)
        ? '\n'
        : ' ';
  return {
    items: [
      ...items.slice(0, index),
      { ...first, text: `${first.text}${separator}${second.text}` },
      ...items.slice(index + 2),
    ],
    focus: { index, caret: first.text.length },
  };
}

/** What a quote's place in the story is: the id of the paragraph it follows, null after the last. */
export interface PlacedQuote {
  afterParagraphId: string | null;
}

/**
 * The quotes placed after paragraph `goneId` (joined into another, or moved out of the story) placed after
 * `nowId` instead, so that a quote stays where it was in the story rather than falling to its end. Null when no
 * quote was placed there (nothing to change).
 */
export function reanchorQuotes<Q extends PlacedQuote>(
  quotes: readonly Q[],
  goneId: string,
  nowId: string | null,
): Q[] | null {
  if (!quotes.some((quote) => quote.afterParagraphId === goneId)) return null;
  return quotes.map((quote) =>
    quote.afterParagraphId === goneId ? { ...quote, afterParagraphId: nowId } : quote,
  );
}
