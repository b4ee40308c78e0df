import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyCopyMarks,
  applyCopyMarksToHtml,
  fingerprintIdOf,
  readCopyMarks,
  stripCopyMarks,
  traceCopyMarks,
  TRACE_THRESHOLD,
  type TraceCandidate,
} from '../../../src-shared/embargo/fingerprint';
import { sha256 } from '../../../src-shared/workflow/content-hash';
import { hmacKey, hmacSha256 } from '../../../src-shared/embargo/keyed-hash';
import { createHmac } from 'node:crypto';
import { markReleaseText } from '../../../src-shared/embargo/mark-release-text';
import { release } from '../export/fixtures';

/** Twenty recorded copies: half pages (no-break spaces too), half PDFs (zero-width marks only). */
const copies: TraceCandidate[] = Array.from({ length: 20 }, (_, index) => ({
  id: `copy-${index}`,
  key: sha256(`test key ${index}`),
  channels: { nbsp: index % 2 === 0 },
}));

const PARAGRAPH =
  'Detectives investigating a burglary at a jeweller’s shop in Ashford High Street are appealing for ' +
  'witnesses. The shop was broken into between 11pm on Tuesday 16 July and 6am the next day, and watches ' +
  'worth more than £20,000 were taken. Anyone who saw a dark-coloured van parked nearby is asked to call 101.';

const word = fc.stringMatching(/^[A-Za-z][a-z]{1,9}[,.;’']?$/);
const paragraph = fc.array(word, { minLength: 30, maxLength: 80 }).map((words) => words.join(' '));

describe('copy marks', () => {
  it('keep every word of any text: only the spaces and invisible marks differ', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 300 }),
        fc.integer({ min: 0, max: 19 }),
        (text, which) => {
          const marked = applyCopyMarks(text, copies[which]!);
          expect(stripCopyMarks(marked)).toBe(stripCopyMarks(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('read back from a marked paragraph name the copy that marked it (extract(apply(text, r)) = r)', () => {
    fc.assert(
      fc.property(paragraph, fc.integer({ min: 0, max: 19 }), (text, which) => {
        fc.pre(readCopyMarks(text).size >= 20);
        const outcome = traceCopyMarks(applyCopyMarks(text, copies[which]!), copies);
        expect(outcome.ranked[0]!.id).toBe(`copy-${which}`);
        expect(outcome.ranked[0]!.confidence).toBeGreaterThanOrEqual(TRACE_THRESHOLD);
      }),
      { numRuns: 100 },
    );
  });

  it('read from unmarked text (the public page) name no copy', () => {
    fc.assert(
      fc.property(paragraph, (text) => {
        const outcome = traceCopyMarks(text, copies);
        expect(outcome.ranked[0]!.confidence).toBeLessThan(TRACE_THRESHOLD);
        expect(outcome.unmarked).toBeGreaterThan(0.5);
      }),
      { numRuns: 100 },
    );
  });

  it('survive the spaces becoming plain and lines breaking anywhere, as in pdftotext (PDF copies)', () => {
    const marked = applyCopyMarks(PARAGRAPH, copies[3]!);
    // pdftotext: every space plain, a line break every few words; the zero-width marks stay.
    let count = 0;
    const extracted = marked.replace(/[ \u00a0]/g, () => (++count % 9 === 0 ? '\n' : ' '));
    const outcome = traceCopyMarks(extracted, copies);
    expect(outcome.ranked[0]).toMatchObject({ id: 'copy-3' });
    expect(outcome.ranked[0]!.confidence).toBeGreaterThanOrEqual(TRACE_THRESHOLD);
  });

  it('are read from part of a paragraph too, and a page copy is told from a PDF copy', () => {
    const page = applyCopyMarks(PARAGRAPH, copies[4]!);
    const excerpt = page.slice(page.indexOf('The'));
    expect(excerpt.length).toBeLessThan(page.length / 2 + 60);
    expect(traceCopyMarks(excerpt, copies).ranked[0]).toMatchObject({ id: 'copy-4' });
  });

  it('leave a page copy with few no-break spaces, never several in a row', () => {
    const marked = applyCopyMarks(PARAGRAPH, copies[0]!);
    const gaps = marked.match(/[ \u00a0][\u200b\u200c\u2060]?/g)!;
    const nbsp = gaps.filter((gap) => gap.startsWith('\u00a0')).length;
    expect(nbsp).toBeGreaterThan(0);
    expect(nbsp).toBeLessThan(gaps.length / 2);
    expect(marked).toMatch(/\u200b|\u200c|\u2060/);
    // A PDF copy has none: pdftotext prints them as plain spaces anyway.
    expect(applyCopyMarks(PARAGRAPH, copies[1]!)).not.toContain('\u00a0');
  });
});

describe('copy marks in rendered HTML', () => {
  const html =
    '<article class="release"><p data-field="body.0">Police said the <em>van</em> was seen ' +
    'in <a class="inline-link" href="https://example.org/a b">Station Road’s car park</a> at 11pm &amp; ' +
    'officers would like to hear from anyone who saw it being driven away towards the town centre that night, ' +
    'or who has dashcam footage of the area.</p>' +
    '<address><p class="contact-phone">Phone: <a href="tel:01632960000">01632 960 000</a></p></address></article>';
  const textOf = (markup: string) =>
    markup
      .replace(/<[^>]*>/g, (tag) => (/^<\/?(p|address)\b/.test(tag) ? '\n\n' : ''))
      .replace(/&amp;/g, '&');

  it('change only text: tags, attributes and contact details are as they were', () => {
    const marked = applyCopyMarksToHtml(html, copies[2]!);
    expect(marked.match(/<[^>]*>/g)).toEqual(html.match(/<[^>]*>/g));
    expect(stripCopyMarks(marked)).toBe(html);
    expect(marked).toContain('01632 960 000');
  });

  it('are read from the page text and name the copy', () => {
    const outcome = traceCopyMarks(textOf(applyCopyMarksToHtml(html, copies[6]!)), copies);
    expect(outcome.ranked[0]).toMatchObject({ id: 'copy-6' });
    expect(outcome.ranked[0]!.confidence).toBeGreaterThanOrEqual(TRACE_THRESHOLD);
    expect(traceCopyMarks(textOf(html), copies).ranked[0]!.confidence).toBeLessThan(TRACE_THRESHOLD);
  });

  it('key the marks with HMAC-SHA256, as node:crypto computes it', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.uint8Array({ maxLength: 200 }), (key, message) => {
        const expected = createHmac('sha256', key).update(message).digest('hex');
        expect(Buffer.from(hmacSha256(hmacKey(key), message)).toString('hex')).toBe(expected);
      }),
    );
  });

  it('give each copy a short fingerprint id that does not reveal its key', () => {
    const id = fingerprintIdOf(copies[0]!.key);
    expect(id).toMatch(/^FP-[0-9A-F]{10}$/);
    expect(copies[0]!.key.toUpperCase()).not.toContain(id.slice(3));
  });
});

describe('copy marks in a release’s own text (Word copies)', () => {
  it('go into the story’s spaces, never into a link’s address or before emphasis', () => {
    const story = release({
      standfirst:
        'Police are appealing for witnesses after a man was seriously assaulted in Ashford on Saturday night.',
      body: [
        {
          id: 'p1',
          text: 'See [the appeal page on our website](https://example.org/appeal page) and *please* share it widely with friends.',
        },
      ],
    });
    const marked = markReleaseText(story, copies[2]!);
    expect(stripCopyMarks(marked.standfirst)).toBe(story.standfirst);
    expect(marked.standfirst).not.toBe(story.standfirst);
    expect(marked.body[0]!.text).toContain(
      '[the appeal page on our website](https://example.org/appeal page)',
    );
    expect(marked.body[0]!.text).not.toMatch(/[\u200b\u200c\u2060]\*/);
    expect(stripCopyMarks(marked.body[0]!.text)).toBe(story.body[0]!.text);
    expect(marked.headline).toBe(story.headline);
    expect(marked.mediaContacts).toEqual(story.mediaContacts);
  });
});
