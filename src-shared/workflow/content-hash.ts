import { sha256Bytes } from '../hashing/sha256';
import type { ReleaseContent } from '../release/schema';
import { assertNever, FIELD_LIST, fieldValue, type FieldSpec } from '../release/structure';

/**
 * The fingerprint an approval is bound to (ARCHITECTURE §5): "approved" means "approved exactly this text", so a
 * signature records `contentHash(content)` and any later change to the content makes it lapse.
 *
 * Written out here rather than taken from `crypto.subtle` or node:crypto because src-shared runs unchanged in the
 * renderer and in Node, and `crypto.subtle` is asynchronous, which would turn every "has this changed?" question in
 * the editor into a promise. The hash only has to be collision-resistant, not fast: a release is a few kilobytes.
 */

// --- UTF-8 ---------------------------------------------------------------------------------------------------

/**
 * UTF-8 bytes of `text`. A lone surrogate (possible in a JS string, impossible in valid UTF-8) becomes U+FFFD,
 * as TextEncoder and Node's Buffer both do, so the same string hashes the same on either side of the bridge.
 */
export function utf8Encode(text: string): Uint8Array {
  // TextEncoder is synchronous and native on both sides (the renderer and Node); a hand-written loop was a fifth
  // of hashing a release.
  return UTF8.encode(text);
}

/**
 * TextEncoder is a global of both runtimes (the WHATWG Encoding standard in Chromium, and Node since 11), but
 * src-shared compiles with neither the DOM's types nor Node's: the one member used is declared here.
 */
declare const TextEncoder: new () => { encode(input: string): Uint8Array };

const UTF8 = new TextEncoder();

// --- SHA-256 (FIPS 180-4): hashing/sha256.ts, shared with the embargoed copies' keyed hash ---------------

export { sha256Bytes };

/** Lower-case hex SHA-256 of a string's UTF-8 bytes, or of the bytes given. */
export function sha256(input: string | Uint8Array): string {
  const digest = sha256Bytes(typeof input === 'string' ? utf8Encode(input) : input);
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

// --- canonical JSON -------------------------------------------------------------------------------------------

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * JSON with object keys sorted (by UTF-16 code unit, like Array.prototype.sort) and no whitespace: one text per
 * value whatever order the keys were built in. Anything JSON cannot represent faithfully is refused rather than
 * silently changed (JSON.stringify turns NaN into null and drops undefined), because two different values must
 * never share a canonical form.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} has no JSON form`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  throw new TypeError(`canonicalJson: a ${typeof value} has no JSON form`);
}

// --- the content of a release ---------------------------------------------------------------------------------

/**
 * What normaliseText could change: anything outside printable ASCII and \n (NFC, special spaces), a CR, tab or
 * other control character, two spaces, a space or line end at either end of a line or of the text, three line
 * ends in a row. Text with none of these is returned as it is (a property test holds the two paths together).
 */
const MAY_NEED_NORMALISING = /[^\x20-\x7e\n]| {2}| \n|\n |^[ \n]|[ \n]$|\n{3}/;

/**
 * A string as a reader would see it: NFC (so "é" typed as one code point and as e + combining accent agree), LF
 * line ends, no spaces or tabs at either end of a line, runs of spaces and tabs inside a line as one space, runs
 * of blank lines as one, nothing at either end. None of these change what the renderer shows: HTML collapses the
 * spaces, and a blank line only ever separates blocks (render/inline-markup.ts). Non-breaking and other special
 * spaces are kept: they are typed on purpose and do change the rendering.
 */
export function normaliseText(text: string): string {
  // Most text is already as a reader sees it (plain ASCII, single spaces): then there is nothing to do, and one
  // test of the text replaces the steps, which were most of a save's hashing.
  return MAY_NEED_NORMALISING.test(text) ? normaliseTextInFull(text) : text;
}

/** normaliseText's steps, taken whatever the text (a property test holds the shortcut to these). */
export function normaliseTextInFull(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * The canonical text of what a reviewer reads: every field of the structure table (a schema field missing from
 * the table does not compile, so a field added later is covered), nothing the workflow or the store
 * records (id, revision, status, timestamps), so that an unchanged save never changes it.
 *
 * Choices, each made so that the hash changes exactly when the reviewed text does:
 *  - Strings go through `normaliseText`: whitespace noise and Unicode normal form are not changes.
 *  - Empty paragraphs at the end of body, background, notes to editors and each quote are dropped: they render as
 *    nothing, and an editor that keeps a blank last paragraph open must not void an approval.
 *  - The random ids of paragraphs, quotes, notes and links are left out: they are invisible, and a paragraph
 *    deleted and typed again word for word is the same text. Order is kept, so a reordering still counts. A
 *    quote's anchor (`afterParagraphId`) becomes the position of that body paragraph (0-based), or null where the
 *    renderer would put the quote at the end (no anchor, or an id that is not in the body).
 *  - Detail keys are kept: they name a template fact and are not random.
 *  - Contact ids are dropped, like paragraph ids: they are bookkeeping for comments, not text anyone approved.
 *  - Tags and the anonymity list keep their order: a reordering is rare and treating it as a change is the safe
 *    side of the line.
 *  - Change notes: their text and importance, not their publication stamp; none at all leaves the key out.
 *  - The anonymity list IS included although it is never published: it is part of what the reviewer approved (a
 *    name taken off the list changes what the checks let through), so changing it must make the approval lapse.
 */
export function canonicalContent(content: ReleaseContent): string {
  const bodyIndex = new Map<string, number>();
  content.body.forEach((paragraph, index) => {
    // First occurrence wins, as in the renderer, which places a quote after the first paragraph with its id.
    if (!bodyIndex.has(paragraph.id)) bodyIndex.set(paragraph.id, index);
  });

  const header: Record<string, unknown> = {};
  const picked: Record<string, unknown> = { header };
  for (const spec of FIELD_LIST) {
    const value = canonicalField(spec, content, bodyIndex);
    if (spec.path.startsWith('header.')) header[spec.path.slice('header.'.length)] = value;
    else picked[spec.path] = value;
  }
  return canonicalNormalisedJson(picked);
}

/** One field as it enters the hash; every kind of the structure table says what of it a reviewer approved. */
function canonicalField(spec: FieldSpec, content: ReleaseContent, bodyIndex: Map<string, number>): unknown {
  switch (spec.kind) {
    case 'choice':
    case 'line':
    case 'prose':
    case 'url':
    case 'date-time':
    case 'time-zone':
    case 'embargo':
    case 'list':
    case 'key-details':
      return fieldValue(content, spec.path);
    case 'paragraphs':
    case 'notes':
      return dropTrailingEmpty(
        (fieldValue(content, spec.path) as Array<{ text: string }>).map((p) => normaliseText(p.text)),
      );
    case 'quotes':
      return content.quotes.map((quote) => ({
        speakerName: quote.speakerName,
        speakerRole: quote.speakerRole,
        organisation: quote.organisation,
        paragraphs: dropTrailingEmpty(quote.paragraphs.map(normaliseText)),
        afterParagraph:
          quote.afterParagraphId === null ? null : (bodyIndex.get(quote.afterParagraphId) ?? null),
      }));
    case 'links':
      return content.relatedLinks.map((link) => ({ label: link.label, url: link.url }));
    case 'contacts':
      // A contact's id only lets comments follow it; releases from before it existed have none.
      return content.mediaContacts.map(({ id: _id, ...contact }) => contact);
    case 'protected-people':
      // A person known by name only hashes as the bare name, as the list did before people had variants and
      // identifiers (schema version 3), so that upgrading Pressroom leaves every existing sign-off standing.
      return content.anonymityList.map(({ id: _id, ...person }) =>
        person.variants.length === 0 && person.identifiers.length === 0 ? person.name : person,
      );
    case 'change-notes': {
      // What a correction tells readers is signed off with the text; when it was published is the workflow's stamp
      // (release/change-notes.ts), so dating it on publication never sets the approval aside. An empty history
      // is left out, so that every release from before corrections keeps the hash it was signed off with.
      const notes = Array.isArray(content.changeNotes) ? content.changeNotes : [];
      return notes.length === 0
        ? undefined
        : notes.map((note) => ({ text: note.text, importance: note.importance }));
    }
    default:
      return assertNever(spec.kind);
  }
}

/** Hex SHA-256 of `canonicalContent`: the value every approval signature records. */
export function contentHash(content: ReleaseContent): string {
  return sha256(canonicalContent(content));
}

function dropTrailingEmpty(texts: string[]): string[] {
  let end = texts.length;
  while (end > 0 && texts[end - 1] === '') end--;
  return texts.slice(0, end);
}

/**
 * canonicalJson of `value` with every string in it normalised (normaliseText), in one pass: the same text as
 * normalising a copy first and then writing it (content-hash.test.ts holds the two equal for any JSON value), without
 * the copy, which was half of a save's hashing.
 */
export function canonicalNormalisedJson(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(normaliseText(value));
  if (Array.isArray(value)) {
    let out = '[';
    for (let index = 0; index < value.length; index++) {
      if (index > 0) out += ',';
      out += canonicalNormalisedJson(value[index]);
    }
    return `${out}]`;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    let out = '{';
    // The default sort compares UTF-16 code units, as canonicalJson's comparison does.
    for (const key of Object.keys(record).sort()) {
      const item = record[key];
      if (item === undefined) continue;
      if (out.length > 1) out += ',';
      out += `${JSON.stringify(key)}:${canonicalNormalisedJson(item)}`;
    }
    return `${out}}`;
  }
  return canonicalJson(value);
}
