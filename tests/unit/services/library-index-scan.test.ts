import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { createBlankRelease } from '../../../src-shared/release/new-release';
import { DEFAULT_PROFILE, type Release } from '../../../src-shared/release/schema';
import { fold, searchableFields, searchTerms } from '../../../src-main/services/library-search';
import { entryOf, LibraryIndex, type LibraryArea } from '../../../src-main/services/library/library-index';
import { stem } from '../../../src-main/services/library/stemmer';

/**
 * The library index against a scan of every release (issue 15): whatever it keeps in memory to find candidates
 * fast, a search must name exactly the releases that a reading of each release's text names, after any sequence of
 * saves, deletions and moves to Deleted releases. The scan is the index's rule written the slow way: each word of a
 * term must start a word of the release's folded text or share its stem; a phrase, or a word with punctuation
 * inside, must also be in the folded text whole.
 */

const TOKENIZE = MiniSearch.getDefault('tokenize') as (text: string) => string[];

/** Words that start, hold and share stems with one another, with accents and punctuation. */
const VOCABULARY = [
  'dismissed',
  'dismissal',
  'dismiss',
  'appeal',
  'appealing',
  'appeals',
  'court',
  'courts',
  'courtroom',
  'Crown',
  'café',
  'cafe',
  'Cafés',
  'naïve',
  'police',
  'policy',
  'witness',
  'NSP-2024-117',
  'nsp',
  '2024',
  'O’Brien',
  'brien',
  'Ashford,',
  'ashford',
  'x',
];

let partId = 0;
function releaseOf(id: string, texts: { headline: string; standfirst: string; body: string[] }): Release {
  const r = createBlankRelease({
    id,
    type: 'news-release',
    profile: { ...DEFAULT_PROFILE, name: 'Northshire Police', boilerplate: '' },
    now: new Date('2024-07-01T09:00:00Z'),
    makeId: () => `p-${++partId}`,
  });
  r.details = [];
  r.headline = texts.headline;
  r.standfirst = texts.standfirst;
  r.body = texts.body.map((text) => ({ id: `p-${++partId}`, text }));
  return r;
}

/** The scan: does this release's text hold the term, by the index's rule? */
function holds(release: Release, term: string): boolean {
  const folded = searchableFields(release)
    .map((field) => fold(field.text))
    .join('\n');
  const words = TOKENIZE(folded).filter((word) => word !== '');
  const termWords = TOKENIZE(term).filter((word) => word !== '');
  const wordsFound = termWords.every((wanted) =>
    words.some((word) => word.startsWith(wanted) || stem(word) === stem(wanted)),
  );
  const whole = termWords.length !== 1 || termWords[0] !== term;
  return wordsFound && (!whole || folded.includes(term));
}

function scan(
  library: ReadonlyMap<string, { release: Release; area: LibraryArea }>,
  text: string,
  area: LibraryArea,
) {
  const terms = searchTerms(text);
  return [...library.values()]
    .filter((kept) => kept.area === area && terms.every((term) => holds(kept.release, term)))
    .map((kept) => kept.release.id)
    .sort();
}

const sentence = fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 5 }).map((words) => words.join(' '));
const textsArb = fc.record({
  headline: sentence,
  standfirst: sentence,
  body: fc.array(sentence, { maxLength: 3 }),
});
const wordArb = fc.constantFrom(...VOCABULARY);
const queryArb = fc.oneof(
  wordArb,
  // What is typed so far: a word's first letters.
  wordArb.chain((word) => fc.integer({ min: 1, max: word.length }).map((n) => word.slice(0, n))),
  wordArb.map((word) => stem(fold(word))),
  wordArb.map((word) => word.toUpperCase()),
  // Accents typed or left out.
  wordArb.map((word) => fold(word)),
  fc.constantFrom('cafè', 'NAIVE', 'Naïve', 'o’brien', "o'brien", 'nsp-2024', '"crown court"'),
  fc.tuple(wordArb, wordArb).map(([a, b]) => `${a} ${b}`),
  fc.tuple(wordArb, wordArb).map(([a, b]) => `"${a} ${b}"`),
  fc.tuple(wordArb, wordArb, wordArb).map(([a, b, c]) => `${a} "${b} ${c}"`),
);

type Step =
  | {
      kind: 'put';
      slot: number;
      area: LibraryArea;
      texts: { headline: string; standfirst: string; body: string[] };
    }
  | { kind: 'remove'; slot: number }
  | { kind: 'search'; text: string; area: LibraryArea };

const SLOTS = 4;
const areaArb = fc.constantFrom<LibraryArea>('releases', 'releases', 'trash');
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('put'),
      slot: fc.nat(SLOTS - 1),
      area: areaArb,
      texts: textsArb,
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('remove'), slot: fc.nat(SLOTS - 1) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('search'), text: queryArb, area: areaArb }), weight: 3 },
) as fc.Arbitrary<Step>;

describe('library index: the same releases as a scan of every release', () => {
  it('after any saves and deletions, for words, first letters, stems, accents and phrases', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 30, maxLength: 100 }), (steps) => {
        const index = LibraryIndex.empty();
        const library = new Map<string, { release: Release; area: LibraryArea }>();
        let version = 0;
        const check = (text: string, area: LibraryArea) => {
          const result = index.search({ text, trash: area === 'trash', limit: null });
          expect(result.rows.map((row) => row.id).sort(), `"${text}" in ${area}`).toEqual(
            scan(library, text, area),
          );
        };
        for (const step of steps) {
          const id = `r-${'slot' in step ? step.slot : 0}`;
          if (step.kind === 'put') {
            const release = releaseOf(id, step.texts);
            library.set(id, { release, area: step.area });
            index.put(entryOf(release, step.area, `k-${++version}`));
          } else if (step.kind === 'remove') {
            library.delete(id);
            index.remove(id);
          } else {
            check(step.text, step.area);
            // Asked again: what the index remembers gives the same answer.
            check(step.text, step.area);
          }
        }
        // Every word of the vocabulary at the end, after whatever the steps did to the index.
        for (const word of VOCABULARY) check(word, 'releases');
      }),
      { numRuns: 300 },
    );
  });

  it('builds the same index from the text part, in chunks, as from saves: rows, snippets and text', async () => {
    const releases = Array.from({ length: 130 }, (_, n) =>
      releaseOf(`r-${String(n).padStart(3, '0')}`, {
        headline: `${VOCABULARY[n % VOCABULARY.length]} ${VOCABULARY[(n * 7) % VOCABULARY.length]}`,
        standfirst: VOCABULARY[(n * 3) % VOCABULARY.length]!,
        // Text no one types but a file may hold (a NUL), and letters beyond Latin-1.
        body: [
          `${VOCABULARY[(n * 5) % VOCABULARY.length]} court`,
          n % 10 === 0 ? 'crown\u0000court — “ΣΟΦΙΑ”' : '',
        ],
      }),
    );
    const saved = LibraryIndex.empty();
    for (const release of releases) saved.put(entryOf(release, 'releases', 'k'));
    const { entries, text } = saved.toJSON();
    const loaded = await LibraryIndex.withText(entries, text);
    expect(loaded).not.toBeNull();
    expect(loaded!.toJSON()).toEqual(saved.toJSON());
    const library = new Map(releases.map((release) => [release.id, { release, area: 'releases' as const }]));
    for (const query of [
      ...VOCABULARY,
      'dismissal',
      'cafe',
      '"crown court"',
      'co',
      'nsp-2024-117 court',
      'σοφια',
    ]) {
      const answer = loaded!.search({ text: query, limit: null });
      expect(answer.rows.map((row) => row.id).sort(), query).toEqual(scan(library, query, 'releases'));
      expect(answer, query).toEqual(saved.search({ text: query, limit: null }));
    }
  });
});
