import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nativeContentHash } from '../../../src-main/services/workspace/revisions';
import { createBlankRelease } from '../../../src-shared/release/new-release';
import { DEFAULT_PROFILE, type Release } from '../../../src-shared/release/schema';
import { contentHash } from '../../../src-shared/workflow/content-hash';

/**
 * The main process hashes a release's content with node:crypto (revisions.ts nativeContentHash); the renderer and
 * every signature check elsewhere use the shared SHA-256 (content-hash.ts contentHash). An approval recorded by one
 * is checked by the other, so the two must give the same hash for every release.
 */

const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({
    unit: fc.constantFrom('a', ' ', '  ', '\t', '\n', '\r\n', 'e\u0301', 'é', '“', '😀'),
    maxLength: 60,
  }),
);

function release(headline: string, paragraphs: string[], quote: string): Release {
  let n = 0;
  const blank = createBlankRelease({
    id: 'r-native',
    type: 'news-release',
    profile: DEFAULT_PROFILE,
    now: new Date('2026-12-07T09:00:00Z'),
    makeId: () => `p${++n}`,
  });
  return {
    ...blank,
    headline,
    body: paragraphs.map((paragraph, index) => ({ id: `b${index}`, text: paragraph })),
    quotes: [
      {
        id: 'q1',
        speakerName: quote,
        speakerRole: 'Chief Constable',
        organisation: quote,
        paragraphs: [quote, headline],
        afterParagraphId: paragraphs.length > 0 ? 'b0' : null,
      },
    ],
  };
}

describe('the main process content hash', () => {
  it('is the shared content hash, for any text in any field (fast-check)', () => {
    fc.assert(
      fc.property(text, fc.array(text, { maxLength: 6 }), text, (headline, paragraphs, quote) => {
        const made = release(headline, paragraphs, quote);
        expect(nativeContentHash(made)).toBe(contentHash(made));
      }),
      { numRuns: 300 },
    );
  });
});
