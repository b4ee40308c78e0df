import MiniSearch from 'minisearch';
import {
  LibraryQuerySchema,
  type FileProblem,
  type LibraryQuery,
  type LibraryResult,
  type LibraryRow,
} from '../../../src-shared/api/contract';
import {
  summariseRelease,
  type Release,
  type ReleaseStatus,
  type ReleaseSummary,
} from '../../../src-shared/release/schema';
import {
  collectTags,
  comparatorFor,
  type LibrarySort,
  fold,
  isFoldedByLowerCase,
  libraryFilters,
  searchableFields,
  searchTerms,
  snippetFor,
  sortKeysOf,
  type SearchField,
  type SortKeys,
} from '../library-search';
import { escapeRegExp } from '../../../src-shared/checks/text-stats';
import { stem } from './stemmer';
import { keepText, sectionsOf, type KeptText } from './kept-text';
import { TermIndex } from './term-index';

/**
 * The library index (issue 15): what the library shows and searches, kept in memory so that a search at 10,000
 * releases costs milliseconds instead of a read of every file. Derived from the releases and never the source of
 * truth: library-catalogue.ts keeps it in step with the folder and persists it in the user-data folder.
 *
 * Free text goes through a boolean word index (term-index.ts) over the folded text (lower case, accents removed,
 * split into words by MiniSearch's tokenizer); stems (stemmer.ts) are worked out at search time. MiniSearch's own
 * index was used until the library had to fit its memory budget: it keeps, for BM25 ranking, a Map entry with a
 * term frequency for every (word, release) pair, plus field lengths and per-release data. The library never ranks
 * (rows are sorted by date or headline), so at 10,000 releases that was 93 MB of heap (about 150 MB resident) spent
 * on nothing it shows; the word index keeps only which releases hold each word, 15 MB for the same releases, and
 * keeps MiniSearch's radix tree for the words, so search as you type still looks a prefix up in it.
 *
 * A search word matches a word it starts (search as you type, as before) or a word with the same stem ("dismissal"
 * finds "dismissed"); every word must match (AND). A "quoted phrase", or a
 * word with punctuation inside ("nsp-2024-117"), takes its words as candidates and is then checked against the
 * folded text, as the full scan did. Filters, sorts, tags, counts and snippets are the full scan's own functions
 * (library-search.ts), so both give the same rows; snippets are made only for the rows returned.
 */

export type LibraryArea = 'releases' | 'trash';

/** Who may be waiting on a release: what `isWaitingFor` reads. */
export type WorkflowState = Pick<
  Release,
  'status' | 'approvals' | 'editedSinceApproval' | 'withdrawal' | 'uncheckedPublish'
>;

export interface LibraryEntry {
  id: string;
  area: LibraryArea;
  /** What the entry was made from: the names of the release's revision files (stale once they differ). */
  key: string;
  summary: ReleaseSummary;
  workflow: WorkflowState;
  sort: SortKeys;
  /** Revisions of this release that could not be used (damaged, from a newer Pressroom), as the store reports them. */
  problems?: FileProblem[];
  /**
   * The searchable text, as made from the release. On disk it is kept apart from the summaries (persisted-index.ts):
   * absent from an entry read from the summaries file until the text part is loaded. An index with its text keeps
   * the text apart too, compactly (kept-text.ts): its entries have none.
   */
  fields?: SearchField[];
}

/**
 * The text part of the index on disk: each release's searchable text. The word index is not kept: it is built again
 * from the text, in chunks that let saves run in between (2 s at 10,000 releases). When MiniSearch's index was kept,
 * its JSON was twice the size and was parsed in one piece, which held the main process for most of a second and left
 * 200 MB behind.
 */
export interface TextPart {
  fields: Array<[id: string, text: KeptText]>;
}

export function entryOf(release: Release, area: LibraryArea, key: string): LibraryEntry {
  return {
    id: release.id,
    area,
    key,
    summary: summariseRelease(release),
    workflow: {
      status: release.status,
      approvals: release.approvals,
      editedSinceApproval: release.editedSinceApproval,
      // Issue 17: a withdrawal to confirm, or a release published without a second check, waits for someone.
      ...(release.withdrawal ? { withdrawal: release.withdrawal } : {}),
      ...(release.uncheckedPublish ? { uncheckedPublish: release.uncheckedPublish } : {}),
    },
    sort: sortKeysOf(release),
    fields: searchableFields(release),
  };
}

/** The longest a phrase search holds the main process before letting other work (a save) run. */
const PREPARE_SLICE_MS = 8;
/** Starts of a phrase search's preparation when saves keep changing the index; then `search` does it in one go. */
const PREPARE_ATTEMPTS = 3;

/** How many searches' candidates are remembered (search as you type, paging, filter changes). */
const CANDIDATE_CACHE_SIZE = 16;
/** Snippets remembered: a few pages of rows for each of the last searches. */
const SNIPPET_CACHE_SIZE = 4000;

/** MiniSearch's own tokenizer, as the index used before: the same words, so the same answers. */
const TOKENIZE = MiniSearch.getDefault('tokenize') as (text: string, field?: string) => string[];

/** Releases indexed between two turns of the event loop when the index is built from the text part. */
const BUILD_CHUNK = 50;

/**
 * The words of a release's whole folded text, as they are: a stem is a prefix of its words, so the words of one
 * stem are found by a prefix search (idsHolding), with no second term per word in memory.
 */
function wordsOf(fields: readonly SearchField[]): string[] {
  return TOKENIZE(fold(fields.map((part) => part.text).join('\n'))).filter((word) => word !== '');
}

export class LibraryIndex {
  private readonly entries = new Map<string, LibraryEntry>();
  /** Null in an index of summaries alone (a warm open, before the text part is loaded): filters only. */
  private readonly text: TermIndex | null;
  /** Each release's searchable text, in an index with its text part: for snippets and phrase checks. */
  private readonly texts = new Map<string, KeptText>();
  private tagsByArea = new Map<LibraryArea, string[]>();
  /**
   * Snippets made for the rows shown lately, by release version and search text: the library asks the same page
   * again for every refresh, filter and sort, and a snippet (folding a release's text to find the words) is most of
   * what a page of 100 rows costs.
   */
  private readonly snippetCache = new Map<string, string | null>();
  private readonly candidateCache = new Map<string, readonly string[]>();
  /** Counts changes to the index, so that work spread over several turns of the event loop can tell it is stale. */
  private generation = 0;
  private readonly sortedCache = new Map<string, readonly LibraryEntry[]>();

  private constructor(text: TermIndex | null) {
    this.text = text;
  }

  static empty(): LibraryIndex {
    return new LibraryIndex(new TermIndex());
  }

  /** The summaries alone: answers filters and sorts at once; free text waits for `withText`. */
  static summaries(entries: readonly LibraryEntry[]): LibraryIndex {
    const index = new LibraryIndex(null);
    for (const entry of entries) index.entries.set(entry.id, entry);
    return index;
  }

  /**
   * The summaries with their text part; null when the text part does not cover them. The word index is built from
   * the texts in chunks that let other work (a save) run in between.
   */
  static async withText(entries: readonly LibraryEntry[], part: TextPart): Promise<LibraryIndex | null> {
    const texts = new Map(part.fields);
    if (texts.size !== entries.length) return null;
    for (const entry of entries) if (!texts.has(entry.id)) return null;
    const words = new TermIndex();
    const index = new LibraryIndex(words);
    for (const entry of entries) index.entries.set(entry.id, withoutText(entry));
    for (let at = 0; at < entries.length; at += BUILD_CHUNK) {
      if (at > 0) await new Promise((next) => setImmediate(next));
      for (const { id } of entries.slice(at, at + BUILD_CHUNK)) {
        const kept = texts.get(id)!;
        index.texts.set(id, kept);
        words.add(id, wordsOf(sectionsOf(kept)));
      }
    }
    words.trim();
    return index;
  }

  /** Free text can be searched (the text part is loaded). */
  get hasText(): boolean {
    return this.text !== null;
  }

  get size(): number {
    return this.entries.size;
  }

  get(id: string): LibraryEntry | undefined {
    return this.entries.get(id);
  }

  all(): IterableIterator<LibraryEntry> {
    return this.entries.values();
  }

  /** Adds or replaces a release's entry. */
  put(entry: LibraryEntry): void {
    if (this.text) {
      const fields = entry.fields ?? [];
      this.text.add(entry.id, wordsOf(fields));
      this.texts.set(entry.id, keepText(fields));
      this.entries.set(entry.id, withoutText(entry));
    } else {
      // The summaries keep what they are given: the catalogue takes the text of fresh reads from them.
      this.entries.set(entry.id, entry);
    }
    this.generation++;
    this.candidateCache.clear();
    this.sortedCache.clear();
    this.tagsByArea.clear();
  }

  remove(id: string): void {
    if (!this.entries.delete(id)) return;
    this.text?.remove(id);
    this.texts.delete(id);
    this.generation++;
    this.candidateCache.clear();
    this.sortedCache.clear();
    this.tagsByArea.clear();
  }

  /** The summaries and the text part, for the catalogue to persist; only an index with its text has both. */
  toJSON(): { entries: LibraryEntry[]; text: TextPart } {
    if (!this.text) throw new Error('The library index has no text part to keep.');
    const entries: LibraryEntry[] = [];
    const fields: TextPart['fields'] = [];
    for (const entry of this.entries.values()) {
      entries.push(withoutText(entry));
      fields.push([entry.id, this.texts.get(entry.id) ?? '']);
    }
    return { entries, text: { fields } };
  }

  search(input: LibraryQuery, waitingFor: (workflow: WorkflowState) => boolean = () => false): LibraryResult {
    const query = LibraryQuerySchema.parse(input);
    const area: LibraryArea = query.trash ? 'trash' : 'releases';
    const terms = searchTerms(query.text);
    const filters = libraryFilters(query);

    let total = 0;
    let waiting = 0;
    for (const entry of this.entries.values()) {
      if (entry.area !== area) continue;
      total++;
      if (waitingFor(entry.workflow)) waiting++;
    }

    // In the order asked for already: filtering a sorted list keeps it sorted.
    const rows: LibraryEntry[] = [];
    for (const entry of this.sortedCandidates(terms, area, query.sort)) {
      if (query.waitingForMe && !waitingFor(entry.workflow)) continue;
      const { summary } = entry;
      if (!filters(summary.status as ReleaseStatus, summary.type, summary.tags, summary.releaseDate))
        continue;
      rows.push(entry);
    }

    const shown = query.limit === null ? rows : rows.slice(query.offset, query.offset + query.limit);
    return {
      rows: shown.map((entry) => this.rowOf(entry, terms)),
      allTags: this.tagsOf(area),
      total,
      waitingForMe: waiting,
      matched: rows.length,
    };
  }

  /**
   * The candidates of the area in the order of `sort`, remembered like the candidates themselves: a sort of 10,000
   * rows is most of a search's work, and the library asks the same text and order again for every page and filter.
   */
  private sortedCandidates(
    terms: readonly string[],
    area: LibraryArea,
    sort: LibrarySort,
  ): readonly LibraryEntry[] {
    const key = `${sort}\u0001${area}\u0001${terms.join('\u0000')}`;
    const known = this.sortedCache.get(key);
    if (known) return known;
    const compare = comparatorFor(sort);
    const sorted = [...this.candidates(terms, area)].sort((a, b) => compare(a.sort, b.sort));
    this.sortedCache.set(key, sorted);
    if (this.sortedCache.size > CANDIDATE_CACHE_SIZE) {
      this.sortedCache.delete(this.sortedCache.keys().next().value!);
    }
    return sorted;
  }

  private candidates(terms: readonly string[], area: LibraryArea): LibraryEntry[] {
    if (terms.length === 0) return [...this.entries.values()].filter((entry) => entry.area === area);
    const out: LibraryEntry[] = [];
    for (const id of this.idsHolding(terms)) {
      const entry = this.entries.get(id);
      if (entry && entry.area === area) out.push(entry);
    }
    return out;
  }

  /**
   * The releases holding every term (the word index's candidates, phrases checked against the text), remembered for the
   * last few searches until the index changes: the library asks the same text again for each page it shows and for each change of filter or sort.
   */
  private idsHolding(terms: readonly string[]): readonly string[] {
    const key = terms.join('\u0000');
    const known = this.candidateCache.get(key);
    if (known) {
      // Most recently used last, so that the oldest goes first when the cache is full.
      this.candidateCache.delete(key);
      this.candidateCache.set(key, known);
      return known;
    }
    const found = this.wordCandidates(terms);
    const checked = terms.filter((term) => needsTextCheck(term));
    const ids = found.filter((id) => checked.length === 0 || this.holdsWhole(id, checked));
    this.rememberCandidates(key, ids);
    return ids;
  }

  /**
   * Works out the candidates of `query`'s text ahead of `search`, giving the event loop back every few milliseconds
   * (issue 15: searching never blocks saving). Only a phrase is slow: its candidates' text is folded and searched,
   * 100-150 ms for a common phrase at 10,000 releases, which held a save arriving meanwhile for as long. A change to
   * the index in between starts the work again, so that what is remembered is never from before a save.
   */
  async prepare(input: LibraryQuery, sliceMs = PREPARE_SLICE_MS): Promise<void> {
    if (!this.text) return;
    const terms = searchTerms(LibraryQuerySchema.parse(input).text);
    const checked = terms.filter((term) => needsTextCheck(term));
    if (checked.length === 0) return;
    const key = terms.join('\u0000');
    for (let attempt = 0; attempt < PREPARE_ATTEMPTS && !this.candidateCache.has(key); attempt++) {
      const generation = this.generation;
      const found = this.wordCandidates(terms);
      const ids: string[] = [];
      let sliceStart = performance.now();
      for (let i = 0; i < found.length; i++) {
        if (this.holdsWhole(found[i]!, checked)) ids.push(found[i]!);
        if ((i & 31) === 31 && performance.now() - sliceStart >= sliceMs) {
          await new Promise<void>((resume) => setImmediate(resume));
          if (this.generation !== generation) break;
          sliceStart = performance.now();
        }
      }
      if (this.generation === generation) this.rememberCandidates(key, ids);
    }
  }

  private rememberCandidates(key: string, ids: readonly string[]): void {
    this.candidateCache.set(key, ids);
    if (this.candidateCache.size > CANDIDATE_CACHE_SIZE) {
      this.candidateCache.delete(this.candidateCache.keys().next().value!);
    }
  }

  private holdsWhole(id: string, checked: readonly string[]): boolean {
    const entry = this.entries.get(id);
    return entry !== undefined && this.containsAll(entry, checked);
  }

  /** The releases holding every word of the terms (phrases by their words): fast, from the word index alone. */
  private wordCandidates(terms: readonly string[]): string[] {
    if (!this.text) throw new Error('The library index has no text part yet.');
    // Each word: the words it starts (search as you type) or that share its stem. Both start with its stem, so
    // one prefix search on the stem finds them, and each matched word is checked.
    const words = [...new Set(terms.flatMap((term) => TOKENIZE(term).filter((word) => word !== '')))];
    return this.text.holdingAll(
      words.map((word) => {
        const root = stem(word);
        return { prefix: root, accepts: (found: string) => found.startsWith(word) || stem(found) === root };
      }),
    );
  }

  /**
   * Every term is in some section, as the full scan's `fold(text).includes(term)` says. The folded text is made again
   * for each phrase search rather than kept: kept, it was 25 MB more for 10,000 releases, and the answers of the
   * last searches are remembered anyway (the library asks the same phrase again for every page).
   */
  private containsAll(entry: LibraryEntry, terms: readonly string[]): boolean {
    const sections = this.fieldsOf(entry);
    return terms.every((term) => {
      // A term with a line end may span two sections: only the whole folded text can tell.
      if (term.includes('\n'))
        return sections
          .map((field) => fold(field.text))
          .join('\n')
          .includes(term);
      const pattern = lowerCaseMatcher(term);
      // A section that folding only lower-cases is searched as it is, ignoring case: the same answer, without a
      // folded copy of every candidate's text (10,000 copies of a release for a common phrase, and the
      // collections of garbage that held the main process longest while a phrase was searched).
      return sections.some((field) =>
        pattern && isFoldedByLowerCase(field.text)
          ? pattern.test(field.text)
          : fold(field.text).includes(term),
      );
    });
  }

  private rowOf(entry: LibraryEntry, terms: readonly string[]): LibraryRow {
    if (terms.length === 0) return { ...entry.summary, snippet: null };
    const key = `${entry.id}\u0001${entry.key}\u0001${terms.join('\u0000')}`;
    let snippet = this.snippetCache.get(key);
    if (snippet === undefined) {
      // Where every term is in the text as typed, the snippet is the full scan's; a word found by its stem alone
      // ("dismissal" in a release that says "dismissed") is shown by its stem, which the text holds.
      const fields = this.fieldsOf(entry);
      snippet =
        snippetFor(fields, terms) ??
        snippetFor(
          fields,
          terms.map((term) => (needsTextCheck(term) ? term : stem(term))),
        );
      if (this.snippetCache.size >= SNIPPET_CACHE_SIZE) this.snippetCache.clear();
      this.snippetCache.set(key, snippet);
    }
    return { ...entry.summary, snippet };
  }

  /** A release's searchable text: kept apart in an index with its text part, on the entry in the summaries. */
  private fieldsOf(entry: LibraryEntry): SearchField[] {
    const kept = this.texts.get(entry.id);
    return kept === undefined ? (entry.fields ?? []) : sectionsOf(kept);
  }

  /** Forgets the remembered searches (the bench measures a first search with it). */
  forgetSearches(): void {
    this.snippetCache.clear();
    this.candidateCache.clear();
    this.sortedCache.clear();
  }

  private tagsOf(area: LibraryArea): string[] {
    let tags = this.tagsByArea.get(area);
    if (!tags) {
      const lists: string[][] = [];
      for (const entry of this.entries.values()) if (entry.area === area) lists.push(entry.summary.tags);
      tags = collectTags(lists);
      this.tagsByArea.set(area, tags);
    }
    return tags;
  }
}

/** The entry without its text (the same entry when it has none, as read from the summaries file). */
function withoutText(entry: LibraryEntry): LibraryEntry {
  if (entry.fields === undefined) return entry;
  const { fields: _text, ...summary } = entry;
  return summary;
}

/**
 * A case-insensitive pattern for a folded term of plain ASCII, or null for any other term. Without the `u` flag,
 * `i` compares ASCII letters regardless of case and every other ASCII character exactly, which for text of plain
 * ASCII is what lower-casing it and looking for the lower-case term does.
 */
function lowerCaseMatcher(term: string): RegExp | null {
  let pattern = lowerCaseMatchers.get(term);
  if (pattern === undefined) {
    pattern =
      isFoldedByLowerCase(term) && term === term.toLowerCase() ? new RegExp(escapeRegExp(term), 'i') : null;
    if (lowerCaseMatchers.size >= 256) lowerCaseMatchers.clear();
    lowerCaseMatchers.set(term, pattern);
  }
  return pattern;
}

const lowerCaseMatchers = new Map<string, RegExp | null>();

/** A phrase, or a word with punctuation inside: the word index sees its words, the text must hold it whole. */
function needsTextCheck(term: string): boolean {
  const words = TOKENIZE(term).filter((word) => word !== '');
  return words.length !== 1 || words[0] !== term;
}
