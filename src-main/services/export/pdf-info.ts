/**
 * The PDF's document information (its Info dictionary) names Pressroom as Creator and Producer, where Chromium
 * writes its user agent ("HeadlessChrome/…") and "Skia/PDF". Neither playwright's page.pdf nor Electron's
 * printToPDF can set them, so the printed bytes are edited here: the Info object the last trailer points to is
 * rewritten in place, padded with spaces to its old length, so that every byte offset in the cross-reference
 * table stays right. Title and dates are kept as Chromium wrote them.
 *
 * A file this does not understand (a cross-reference stream, an Info object that is not a flat dictionary, new
 * values that would not fit) is returned unchanged: the metadata is worth less than a PDF that opens.
 */

export const PDF_CREATOR = 'Pressroom';

export function setPdfCreator(pdf: Uint8Array, name: string = PDF_CREATOR): Uint8Array {
  try {
    return rewriteInfo(pdf, { Creator: literalString(name), Producer: literalString(name) }) ?? pdf;
  } catch {
    return pdf;
  }
}

const latin1 = (bytes: Uint8Array, start = 0, end = bytes.length) =>
  Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');

function rewriteInfo(pdf: Uint8Array, values: Record<string, string>): Uint8Array | null {
  // The last startxref and the classic trailer after the table it points to.
  const tailStart = Math.max(0, pdf.length - 4096);
  const tail = latin1(pdf, tailStart);
  const startxref = [...tail.matchAll(/startxref\s+(\d+)/g)].pop();
  if (!startxref) return null;
  const xrefAt = Number(startxref[1]);
  if (!Number.isSafeInteger(xrefAt) || xrefAt >= pdf.length) return null;
  const section = latin1(pdf, xrefAt);
  if (!section.startsWith('xref')) return null;
  const trailerAt = section.indexOf('trailer');
  if (trailerAt < 0) return null;
  const info = /\/Info\s+(\d+)\s+(\d+)\s+R/.exec(section.slice(trailerAt, trailerAt + 2048));
  if (!info) return null;
  const objectNumber = Number(info[1]);
  const generation = Number(info[2]);

  const offset = xrefOffset(section.slice(4, trailerAt), objectNumber, generation);
  if (offset === null || offset >= pdf.length) return null;
  const object = latin1(pdf, offset, Math.min(pdf.length, offset + 65_536));
  const header = new RegExp(`^${objectNumber}\\s+${generation}\\s+obj\\s*`).exec(object);
  if (!header) return null;
  const dictStart = header[0].length;
  const entries = parseFlatDictionary(object, dictStart);
  if (!entries || !/^\s*endobj/.test(object.slice(entries.end))) return null;

  const merged = new Map(entries.entries);
  for (const [key, value] of Object.entries(values)) merged.set(key, value);
  const body = [...merged].map(([key, value]) => `/${key} ${value}`).join('\n');
  const oldLength = entries.end - dictStart;
  const room = oldLength - `<<${body}>>`.length;
  if (room < 0) return null;
  const replacement = `<<${body}${' '.repeat(room)}>>`;
  const out = new Uint8Array(pdf);
  out.set(Buffer.from(replacement, 'latin1'), offset + dictStart);
  return out;
}

/** The byte offset of an object in a classic cross-reference table (the text between "xref" and "trailer"). */
function xrefOffset(table: string, objectNumber: number, generation: number): number | null {
  const tokens = table.trim().split(/\s+/);
  let i = 0;
  while (i + 1 < tokens.length) {
    const first = Number(tokens[i]);
    const count = Number(tokens[i + 1]);
    if (!Number.isSafeInteger(first) || !Number.isSafeInteger(count) || count < 0) return null;
    i += 2;
    for (let n = 0; n < count; n++, i += 3) {
      if (first + n !== objectNumber) continue;
      if (tokens[i + 2] !== 'n' || Number(tokens[i + 1]) !== generation) return null;
      const offset = Number(tokens[i]);
      return Number.isSafeInteger(offset) ? offset : null;
    }
  }
  return null;
}

/**
 * A dictionary of names to simple values (strings, names, numbers, references) starting at `at` with "<<".
 * Values are kept as written. Null for anything else (a nested dictionary or array, unbalanced input).
 */
export function parseFlatDictionary(
  text: string,
  at: number,
): { entries: Array<[string, string]>; end: number } | null {
  if (!text.startsWith('<<', at)) return null;
  let i = at + 2;
  const entries: Array<[string, string]> = [];
  const skipSpace = () => {
    while (i < text.length && /[\0\t\n\f\r ]/.test(text[i]!)) i++;
  };
  for (;;) {
    skipSpace();
    if (text.startsWith('>>', i)) return { entries, end: i + 2 };
    if (text[i] !== '/') return null;
    const key = /^\/([^\0\t\n\f\r ()<>[\]{}/%]+)/.exec(text.slice(i, i + 256));
    if (!key) return null;
    i += key[0].length;
    skipSpace();
    const start = i;
    if (text[i] === '(') {
      const end = literalStringEnd(text, i);
      if (end === null) return null;
      i = end;
    } else if (text[i] === '<' && text[i + 1] !== '<') {
      const end = text.indexOf('>', i);
      if (end < 0 || !/^<[0-9A-Fa-f\s]*$/.test(text.slice(i, end))) return null;
      i = end + 1;
    } else if (text[i] === '/') {
      i++;
      while (i < text.length && !/[\0\t\n\f\r ()<>[\]{}/%]/.test(text[i]!)) i++;
    } else {
      // Numbers, booleans, null and references ("12 0 R"): up to the next key or the end.
      while (i < text.length && text[i] !== '/' && !text.startsWith('>>', i)) {
        if (/[()<>[\]{}%]/.test(text[i]!)) return null;
        i++;
      }
    }
    const value = text.slice(start, i).trim();
    if (value === '') return null;
    entries.push([key[1]!, value]);
  }
}

/** Just past the ")" that closes the literal string opening at `at`: escapes and balanced parentheses count. */
function literalStringEnd(text: string, at: number): number | null {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') i++;
    else if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return i + 1;
  }
  return null;
}

/** A PDF literal string of printable ASCII (anything else becomes "?"), with \, ( and ) escaped. */
export function literalString(value: string): string {
  const ascii = value.replace(/[^\x20-\x7e]/g, '?');
  return `(${ascii.replace(/[\\()]/g, (char) => `\\${char}`)})`;
}
