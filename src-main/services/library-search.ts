import { searchableTexts } from '../../src-shared/release/structure';
import {
  LIBRARY_SORTS,
  LibraryQuerySchema,
  type LibraryQuery,
  type LibraryResult,
  type LibraryRow,
} from '../../src-shared/api/contract';
import { zonedToInstant } from '../../src-shared/release/new-release';
import { summariseRelease, type Release } from '../../src-shared/release/schema';

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
  const wantedTags = new Set(query.tags.map(tagKey));

  const rows: Array<{ release: Release; row: LibraryRow }> = [];
  for (const release of releases) {
    const waits = waitingForMe(release);
    if (waits) waiting++;
    if (query.waitingForMe && !waits) continue;
    if (query.statuses.length > 0 && !query.statuses.includes(release.status)) continue;
    if (query.types.length > 0 && !query.types.includes(release.header.type)) continue;
    if (wantedTags.size > 0 && !release.header.tags.some((tag) => wantedTags.has(tagKey(tag)))) continue;
    const day = release.header.releaseDate.slice(0, 10);
    if (query.from !== null && day < query.from) continue;
    if (query.to !== null && day > query.to) continue;
    const match = matchText(release, terms);
    if (!match.matches) continue;
    rows.push({ release, row: { ...summariseRelease(release), snippet: match.snippet } });
  }
  rows.sort((a, b) => compare(query.sort, a.release, b.release));

  return {
    rows: rows.map(({ row }) => row),
    allTags: collectTags(releases),
    total: releases.length,
    waitingForMe: waiting,
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
  /** For each character of `text`, the index in the original string it came from (for snippets). */
  origin: number[];
}

/** Lower case without accents ("Café" -> "cafe"). Every search folds every field of every release. */
function fold(original: string): string {
  return original.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * `fold` with a map back to the original, so that a snippet shows the writer's own spelling. Per character,
 * because decomposition and case mapping can change the length; slower, so only for the field a snippet needs.
 */
function foldWithOrigin(original: string): Folded {
  let text = '';
  const origin: number[] = [];
  let index = 0;
  for (const char of original) {
    const folded = fold(char);
    for (let i = 0; i < folded.length; i++) origin.push(index);
    text += folded;
    index += char.length;
  }
  return { text, origin };
}

/**
 * The searchable text of a release, in reading order, walked from the structure table: every published field and
 * the office's own tags; never the protected people.
 */
function searchableFields(release: Release): Array<{ text: string; inHeadline: boolean }> {
  return searchableTexts(release)
    .filter((part) => part.text.trim() !== '')
    .map((part) => ({ text: part.text, inHeadline: part.field === 'headline' }));
}

function matchText(release: Release, terms: readonly string[]): { matches: boolean; snippet: string | null } {
  if (terms.length === 0) return { matches: true, snippet: null };
  const fields = searchableFields(release).map((field) => ({ ...field, folded: fold(field.text) }));
  // Every term must occur somewhere (AND), not necessarily in the same section.
  if (!terms.every((term) => fields.some((field) => field.folded.includes(term)))) {
    return { matches: false, snippet: null };
  }
  // The headline is on screen already; a snippet is only worth showing for a term found elsewhere.
  const headline = fields[0]!.folded;
  const elsewhere = terms.filter((term) => !headline.includes(term));
  for (const field of fields) {
    if (field.inHeadline || !elsewhere.some((term) => field.folded.includes(term))) continue;
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
    if (first !== -1) return { matches: true, snippet: snippetAround(field.text, mapped, first, length) };
  }
  return { matches: true, snippet: null };
}

function snippetAround(original: string, folded: Folded, foldedStart: number, foldedLength: number): string {
  const start = folded.origin[foldedStart] ?? 0;
  const end = (folded.origin[foldedStart + foldedLength - 1] ?? start) + 1;
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

const headlineCollator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function compare(sort: (typeof LIBRARY_SORTS)[number], a: Release, b: Release): number {
  const byUpdated = Date.parse(b.updatedAt) - Date.parse(a.updatedAt);
  const tie = byUpdated || a.id.localeCompare(b.id);
  switch (sort) {
    case 'updated-desc':
      return tie;
    case 'updated-asc':
      return -byUpdated || a.id.localeCompare(b.id);
    case 'release-date-desc':
      return releaseInstant(b) - releaseInstant(a) || tie;
    case 'release-date-asc':
      return releaseInstant(a) - releaseInstant(b) || tie;
    case 'headline-asc': {
      // Untitled drafts go last: they are the ones nobody is looking for by name.
      const ah = a.headline.trim();
      const bh = b.headline.trim();
      if (ah === '' || bh === '') return Number(ah === '') - Number(bh === '') || tie;
      return headlineCollator.compare(ah, bh) || tie;
    }
  }
}

// Working out an instant builds Intl formatters, far too slow to repeat for every comparison of a sort.
const instants = new WeakMap<Release, number>();

/** Releases in different zones are ordered by the moment they go out, not by their wall-clock text. */
function releaseInstant(release: Release): number {
  let instant = instants.get(release);
  if (instant === undefined) {
    try {
      instant = zonedToInstant(release.header.releaseDate, release.header.timeZone).getTime();
    } catch {
      instant = Date.parse(`${release.header.releaseDate}:00Z`);
    }
    instants.set(release, instant);
  }
  return instant;
}

function tagKey(tag: string): string {
  return fold(tag.trim());
}

/**
 * One entry per tag whatever its case or accents, in alphabetical order, for the tag filter. Each is shown in
 * the spelling most releases use, so that one stray "ashford" does not rename everyone's "Ashford".
 */
function collectTags(releases: readonly Release[]): string[] {
  const spellings = new Map<string, Map<string, number>>();
  for (const release of releases) {
    for (const raw of release.header.tags) {
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
