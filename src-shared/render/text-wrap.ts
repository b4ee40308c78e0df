import { balanceBidi } from './bidi';
import { str } from '../release/loose-values';

/**
 * Plain text as a mail client shows it (render-text.ts): cleaning, bidi isolation, wrapping at a width without
 * cutting an address, and the numbered list of a document's links.
 */

/**
 * `target.push(...items)` without the spread: a spread passes every item as an argument on the stack, and a field
 * of 100,000 short lines overflowed it ("Maximum call stack size exceeded"). Returns `target`.
 */
export function append<T>(target: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) target.push(items[i]!);
  return target;
}

/**
 * Text as it may appear in a mail: one kind of line ending, no control characters (a NUL becomes U+FFFD as in
 * the HTML; other controls would be invisible or do things to a terminal), tabs as spaces, and its bidi controls
 * balanced (bidi.ts): an override typed in one field cannot reverse the next one on the line.
 */
export function clean(text: string): string {
  return balanceBidi(
    str(text)
      .replace(/\r\n?|[\u2028\u2029]/g, '\n')
      .replace(/\t/g, ' ')
      // eslint-disable-next-line no-control-regex -- NUL is replaced on purpose
      .replace(/\u0000/g, '\uFFFD')
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0001-\u0008\u000b-\u001f\u007f-\u009f]/g, ''),
  );
}

// Right-to-left letters and the bidi controls: where they occur, a string set inside a sentence of ours is isolated
// (FSI ... PDI, the plain-text <bdi>) so that it cannot reorder our words ("said:").
const BIDI_SENSITIVE =
  /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/;
export function isolate(text: string): string {
  return BIDI_SENSITIVE.test(text) ? `\u2068${text}\u2069` : text;
}

/**
 * Columns taken by a string: one per code point (a surrogate pair is one character on screen), none for a bidi
 * control (invisible: the closers bidi.ts adds must not push a word onto the next line).
 */
export function columns(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) count--;
    else if (code >= 0xdc00 && code <= 0xdfff && i > 0) {
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
export function wrap(text: string, width: number, first = '', rest = first): string[] {
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
export function wrapBlock(text: string, width: number): string[] {
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
      append(out, wrap(item[2] ?? '', width, marker, ' '.repeat(columns(marker))));
    } else {
      append(out, wrap(line.trim(), width));
    }
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/** The numbered addresses of a document, each address numbered once however often it is linked. */
export class References {
  private readonly numbers = new Map<string, number>();
  readonly entries: Array<{ number: number; label: string; href: string }> = [];
  /** Whether a section has printed the list. */
  listed = false;

  number(href: string, label = ''): number {
    const known = this.numbers.get(href);
    if (known !== undefined && label === '') return known;
    const number = this.entries.length + 1;
    this.entries.push({ number, label, href });
    if (known === undefined) this.numbers.set(href, number);
    return number;
  }
}

export function heading(text: string, underline: '=' | '-', width: number): string[] {
  const lines = wrap(text, width);
  const longest = lines.reduce((most, line) => Math.max(most, columns(line)), 0);
  lines.push(underline.repeat(Math.min(width, Math.max(3, longest))));
  return lines;
}
