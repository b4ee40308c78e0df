import { searchableTexts } from '../../src-shared/release/structure';
import {
  LIBRARY_SORTS,
  LibraryQuerySchema,
  type LibraryQuery,
  type LibraryResult,
  type LibraryRow,
} from '../../src-shared/api/contract';
import { zonedToInstant } from '../../src-shared/release/new-release';
import {
  summariseRelease,
  type Release,
  type ReleaseStatus,
  type ReleaseType,
} from '../../src-shared/release/schema';
import type { z } from 'zod';

/**
 * The library search (ARCHITECTURE §8): free text over every section a reader or a colleague would remember a
 * release by, plus filters and sorts. Pure, so that the rules are tested as a table without a disk.
 */

/** How much text a snippet shows; long enough to recognise the paragraph, short enough for one table line. */
const SNIPPET_LENGTH = 120;
/** Where the match sits in the snippet: a little context before it, most of it after, as people read on. */
const SNIPPET_LEAD = 40;

export function searchReleases(
  releases: readonly Release[],
  input: LibraryQuery,
  waitingForMe: (release: Release) => boolean = () => false,
): LibraryResult {
  const query = LibraryQuerySchema.parse(input);
  let waiting = 0;
  const terms = searchTerms(query.text);
  const filters = libraryFilters(query);

  const rows: Array<{ keys: SortKeys; row: LibraryRow }> = [];
  for (const release of releases) {
    const waits = waitingForMe(release);
    if (waits) waiting++;
    if (query.waitingForMe && !waits) continue;
    if (!filters(release.status, release.header.type, release.header.tags, release.header.releaseDate))
      continue;
    const match = matchText(release, terms);
    if (!match.matches) continue;
    rows.push({ keys: sortKeysOf(release), row: { ...summariseRelease(release), snippet: match.snippet } });
  }
  const compare = comparatorFor(query.sort);
  rows.sort((a, b) => compare(a.keys, b.keys));

  const shown = query.limit === null ? rows : rows.slice(query.offset, query.offset + query.limit);
  return {
    rows: shown.map(({ row }) => row),
    allTags: collectTags(releases.map((release) => release.header.tags)),
    total: releases.length,
    waitingForMe: waiting,
    matched: rows.length,
  };
}

/** The filters of a query (status, type, tag, release date), as one test per release. */
export function libraryFilters(
  query: z.output<typeof LibraryQuerySchema>,
): (status: ReleaseStatus, type: ReleaseType, tags: readonly string[], releaseDate: string) => boolean {
  const wantedTags = new Set(query.tags.map(tagKey));
  return (status, type, tags, releaseDate) => {
    if (query.statuses.length > 0 && !query.statuses.includes(status)) return false;
    if (query.types.length > 0 && !query.types.includes(type)) return false;
    if (wantedTags.size > 0 && !tags.some((tag) => wantedTags.has(tagKey(tag)))) return false;
    const day = releaseDate.slice(0, 10);
    if (query.from !== null && day < query.from) return false;
    if (query.to !== null && day > query.to) return false;
    return true;
  };
}

// --- text ----------------------------------------------------------------------------------------------------

/**
 * Words of the search box, folded. A "quoted phrase" stays one term; punctuation around a word is dropped so
 * that "Ashford," typed from memory still finds Ashford.
 */
export function searchTerms(text: string): string[] {
  const terms: string[] = [];
  for (const match of text.matchAll(/"([^"]*)"?|(\S+)/g)) {
    const raw = match[1] ?? match[2] ?? '';
    const term = fold(raw)
      .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
      .replace(/\s+/g, ' ');
    if (term !== '' && !terms.includes(term)) terms.push(term);
  }
  return terms;
}

interface Folded {
  text: string;
  /** For each character of `text`, the index in the original string it came from; null when it is the same. */
  origin: number[] | null;
}

/**
 * Text that folding leaves the same length, character for character: printable ASCII and line breaks (the bulk of
 * any UK archive). Anything else, control characters included, takes the full fold.
 */
const NOT_ASCII = /[^\t\n\r -~]/;

/** Text `fold` only lower-cases: tab, line ends and printable ASCII. */
export function isFoldedByLowerCase(text: string): boolean {
  return !NOT_ASCII.test(text);
}

/** Lower case without accents ("Café" -> "cafe"). ASCII text, most of it, only needs lower-casing. */
export function fold(original: string): string {
  if (!NOT_ASCII.test(original)) return original.toLowerCase();
  // Only the other characters are folded, one by one and remembered, as foldWithOrigin does: a whole-text
  // normalisation of a release with one curly apostrophe took most of a phrase search over the library.
  return original
    .replace(/[^\t\n\r -~]+/g, (run) => {
      let out = '';
      for (const char of run) out += foldChar(char);
      return out;
    })
    .toLowerCase();
}

/** One character folded: decomposed, marks dropped, lower case; remembered. */
function foldChar(char: string): string {
  let folded = foldedChars.get(char);
  if (folded === undefined) {
    folded = char.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    if (foldedChars.size < 10_000) foldedChars.set(char, folded);
  }
  return folded;
}

/** Folded characters, remembered: an archive uses a few hundred different accented letters at most. */
const foldedChars = new Map<string, string>();

/**
 * `fold` with a map back to the original, so that a snippet shows the writer's own spelling. Folded once per
 * text: ASCII text maps one to one (no map at all); elsewhere, each run of ASCII is lower-cased whole and only the
 * other characters are folded one by one (decomposition and case mapping can change their length), which gives
 * exactly what folding every character on its own gives.
 */
export function foldWithOrigin(original: string): Folded {
  if (!NOT_ASCII.test(original)) return { text: original.toLowerCase(), origin: null };
  const parts: string[] = [];
  const origin: number[] = [];
  const runs = /[\t\n\r -~]+|[^\t\n\r -~]+/g;
  for (const run of original.matchAll(runs)) {
    const at = run.index;
    const chunk = run[0];
    if (!NOT_ASCII.test(chunk[0]!)) {
      parts.push(chunk.toLowerCase());
      for (let i = 0; i < chunk.length; i++) origin.push(at + i);
      continue;
    }
    let index = at;
    for (const char of chunk) {
      const folded = foldChar(char);
      for (let i = 0; i < folded.length; i++) origin.push(index);
      parts.push(folded);
      index += char.length;
    }
  }
  return { text: parts.join(''), origin };
}

/** One searchable text of a release, in reading order (`searchableFields`). */
export interface SearchField {
  text: string;
  inHeadline: boolean;
}

/**
 * The searchable text of a release, in reading order, walked from the structure table: every published field and
 * the office's own tags; never the protected people.
 */
export function searchableFields(release: Release): SearchField[] {
  return searchableTexts(release)
    .filter((part) => part.text.trim() !== '')
    .map((part) => ({ text: part.text, inHeadline: part.field === 'headline' }));
}

function matchText(release: Release, terms: readonly string[]): { matches: boolean; snippet: string | null } {
  if (terms.length === 0) return { matches: true, snippet: null };
  const fields = searchableFields(release);
  const folded = fields.map((field) => fold(field.text));
  // Every term must occur somewhere (AND), not necessarily in the same section.
  if (!terms.every((term) => folded.some((text) => text.includes(term)))) {
    return { matches: false, snippet: null };
  }
  return { matches: true, snippet: snippetFor(fields, terms, folded) };
}

/**
 * The snippet for a release whose text matched: around the first match, in the first section after the headline
 * that holds a term not in the headline (the headline is on screen already); null when there is none. Sections
 * are folded only as far as needed (`folded`: those folded already).
 */
export function snippetFor(
  fields: readonly SearchField[],
  terms: readonly string[],
  folded: ReadonlyArray<string | undefined> = [],
): string | null {
  if (terms.length === 0 || fields.length === 0) return null;
  const foldedAt = (index: number) => folded[index] ?? fold(fields[index]!.text);
  const headline = foldedAt(0);
  const elsewhere = terms.filter((term) => !headline.includes(term));
  if (elsewhere.length === 0) return null;
  for (let index = 0; index < fields.length; index++) {
    const field = fields[index]!;
    if (field.inHeadline) continue;
    const text = index === 0 ? headline : foldedAt(index);
    if (!elsewhere.some((term) => text.includes(term))) continue;
    const mapped = foldWithOrigin(field.text);
    let first = -1;
    let length = 0;
    for (const term of elsewhere) {
      const at = mapped.text.indexOf(term);
      if (at !== -1 && (first === -1 || at < first)) {
        first = at;
        length = term.length;
      }
    }
    // Folding a whole text and folding it letter by letter differ only in rare cases (a Greek final sigma).
    if (first !== -1) return snippetAround(field.text, mapped, first, length);
  }
  return null;
}

function snippetAround(original: string, folded: Folded, foldedStart: number, foldedLength: number): string {
  const origin = (index: number) => (folded.origin ? folded.origin[index] : index);
  const start = origin(foldedStart) ?? 0;
  const end = (origin(foldedStart + foldedLength - 1) ?? start) + 1;
  let from = Math.max(0, start - SNIPPET_LEAD);
  let to = Math.min(original.length, Math.max(end, from + SNIPPET_LENGTH));
  // Pull a short tail's unused room back to the front, so a match near the end still gets its full context.
  from = Math.max(0, Math.min(from, to - SNIPPET_LENGTH));
  // Cut at word boundaries rather than through a word.
  if (from > 0) {
    const space = original.slice(from, start).search(/\s/);
    if (space !== -1) from += space + 1;
  }
  if (to < original.length) {
    const space = original.slice(end, to).search(/\s\S*$/);
    if (space !== -1) to = end + space;
  }
  const excerpt = original.slice(from, to).replace(/\s+/g, ' ').trim();
  return `${from > 0 ? '…' : ''}${excerpt}${to < original.length ? '…' : ''}`;
}

// --- sorting and tags ----------------------------------------------------------------------------------------

export const headlineCollator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** What the sorts compare, worked out once per release (an instant builds Intl formatters: far too slow per comparison). */
export interface SortKeys {
  id: string;
  updatedMs: number;
  releaseInstant: number;
  /** Trimmed; '' for an untitled draft. */
  headline: string;
}

export function sortKeysOf(release: Release): SortKeys {
  return {
    id: release.id,
    updatedMs: Date.parse(release.updatedAt),
    releaseInstant: releaseInstant(release.header.releaseDate, release.header.timeZone),
    headline: release.headline.trim(),
  };
}

export function comparatorFor(sort: LibrarySort): (a: SortKeys, b: SortKeys) => number {
  return (a, b) => {
    const byUpdated = b.updatedMs - a.updatedMs;
    const tie = byUpdated || a.id.localeCompare(b.id);
    switch (sort) {
      case 'updated-desc':
        return tie;
      case 'updated-asc':
        return -byUpdated || a.id.localeCompare(b.id);
      case 'release-date-desc':
        return b.releaseInstant - a.releaseInstant || tie;
      case 'release-date-asc':
        return a.releaseInstant - b.releaseInstant || tie;
      case 'headline-asc': {
        // Untitled drafts go last: they are the ones nobody is looking for by name.
        const ah = a.headline;
        const bh = b.headline;
        if (ah === '' || bh === '') return Number(ah === '') - Number(bh === '') || tie;
        return headlineCollator.compare(ah, bh) || tie;
      }
    }
  };
}

export type LibrarySort = (typeof LIBRARY_SORTS)[number];

/** Releases in different zones are ordered by the moment they go out, not by their wall-clock text. */
export function releaseInstant(releaseDate: string, timeZone: string): number {
  try {
    return zonedToInstant(releaseDate, timeZone).getTime();
  } catch {
    return Date.parse(`${releaseDate}:00Z`);
  }
}

export function tagKey(tag: string): string {
  return fold(tag.trim());
}

/**
 * One entry per tag whatever its case or accents, in alphabetical order, for the tag filter. Each is shown in
 * the spelling most releases use, so that one stray "ashford" does not rename everyone's "Ashford".
 */
export function collectTags(tagLists: Iterable<readonly string[]>): string[] {
  const spellings = new Map<string, Map<string, number>>();
  for (const tags of tagLists) {
    for (const raw of tags) {
      const tag = raw.trim();
      if (tag === '') continue;
      const key = tagKey(tag);
      const counts = spellings.get(key) ?? new Map<string, number>();
      counts.set(tag, (counts.get(tag) ?? 0) + 1);
      spellings.set(key, counts);
    }
  }
  const chosen = [...spellings.values()].map(
    (counts) =>
      [...counts].sort(([a, countA], [b, countB]) => countB - countA || a.localeCompare(b, 'en'))[0]![0],
  );
  return chosen.sort((a, b) => headlineCollator.compare(a, b) || a.localeCompare(b, 'en'));
}
