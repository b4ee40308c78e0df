import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PROFILE, type Release } from '../../../src-shared/release/schema';
import {
  partHtml,
  renderReleaseBody,
  renderReleaseBodyParts,
  type RenderOptions,
} from '../../../src-shared/render/render-release';
import { blankRelease, editsOf, withEdits } from './release-arbitraries';

/**
 * The live preview writes the article part by part (renderReleaseBodyParts), and only the parts that changed;
 * the export writes the page whole (renderReleaseBody). For any release the two must be the same markup, or the
 * preview would show what the export does not print.
 */

const base: Release = blankRelease('r-parts');

/** Text as writers type it, with what the page treats specially: long words, inline markup, references, emoji. */
const text = fc
  .array(
    fc.oneof(
      fc.string({ maxLength: 10 }),
      fc.constantFrom(
        ' ',
        '*emphasis*',
        '**strong**',
        '[a link](https://example.org/a)',
        '&',
        '<b>',
        '😀',
        'é',
      ),
      // Long enough to be broken with <wbr> (break-long-words.ts: over 100 characters).
      fc.integer({ min: 90, max: 300 }).map((n) => 'x'.repeat(n)),
      fc.integer({ min: 50, max: 160 }).map((n) => `*${'y'.repeat(n)}*`),
    ),
    { maxLength: 6 },
  )
  .map((pieces) => pieces.join(''));

const options: fc.Arbitrary<RenderOptions> = fc.record({
  mode: fc.constant('preview' as const),
  draftMark: fc.boolean(),
  now: fc.constant(new Date('2026-12-07T10:00:00Z')),
  profile: fc.constant(DEFAULT_PROFILE),
  latestNews: fc.array(
    fc.record({
      id: fc.constantFrom('r1', 'r2'),
      headline: text,
      releaseDate: fc.constant('2026-11-30T09:00'),
      timeZone: fc.constant('Europe/London'),
      standfirst: text,
    }),
    { maxLength: 2 },
  ),
});

describe('the article in parts', () => {
  it('joins to exactly the page renderReleaseBody writes, for any release', () => {
    fc.assert(
      fc.property(editsOf(text), options, (edits, renderOptions) => {
        const release = withEdits(base, edits);
        expect(partHtml(renderReleaseBodyParts(release, renderOptions))).toBe(
          renderReleaseBody(release, renderOptions),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('breaks a long word in a part as the whole page does', () => {
    const release = { ...base, headline: 'z'.repeat(250) };
    const parts = renderReleaseBodyParts(release, preview);
    expect(partHtml(parts)).toContain('<wbr>');
  });

  it('has each paragraph and quote of the body as a part of its own', () => {
    const release = {
      ...base,
      body: [
        { id: 'a', text: 'First.' },
        { id: 'b', text: 'Second.' },
      ],
      quotes: [{ ...quote, id: 'q', afterParagraphId: 'a' }],
    };
    const body = renderReleaseBodyParts(release, preview).parts.find(
      (part) => typeof part !== 'string' && part.open === '<div class="body">',
    );
    expect(body).toMatchObject({
      parts: [/First\./, /Said\./, /Second\./].map((words) => expect.stringMatching(words)),
    });
  });
});

const preview: RenderOptions = {
  mode: 'preview',
  draftMark: false,
  now: new Date(),
  profile: DEFAULT_PROFILE,
};
const quote = {
  speakerName: 'Ann Lee',
  speakerRole: 'Director',
  organisation: '',
  paragraphs: ['Said.'],
};
