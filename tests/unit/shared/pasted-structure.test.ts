import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRelease } from '../../../src-shared/checks/editorial-checks';
import { pastedStructureFindings } from '../../../src-shared/checks/pasted-structure';
import { createBlankRelease } from '../../../src-shared/release/new-release';
import { DEFAULT_PROFILE, type ReleaseContent } from '../../../src-shared/release/schema';
import { publishedTexts, SECTION_IDS } from '../../../src-shared/release/structure';

/**
 * Issue 14, item 4: a whole draft pasted into one field leaves the frame's own lines in the text ("FOR IMMEDIATE
 * RELEASE", "ENDS", "Notes to editors"), which would print twice or in the wrong place. Each is an error at its
 * field until the structure import (the distribution issue) can take such a draft apart.
 */
const now = new Date('2024-07-18T08:30:00Z');
let n = 0;
const release = (change: Partial<ReleaseContent>): ReleaseContent => ({
  ...createBlankRelease({
    id: 'r-1',
    type: 'news-release',
    profile: DEFAULT_PROFILE,
    now,
    makeId: () => `p${++n}`,
  }),
  headline: 'Council opens new library in Ashford',
  standfirst: 'Northshire Council opened a new library on Station Road in Ashford on Tuesday.',
  ...change,
});

const MARKER_LINES = [
  'FOR IMMEDIATE RELEASE',
  'For immediate release:',
  'EMBARGOED UNTIL 00:01 THURSDAY 18 JULY 2024',
  'Embargo: 10am, 18 July',
  'ENDS',
  '-ends-',
  '– ENDS –',
  '###',
  'Notes to editors',
  'NOTES TO EDITORS:',
  'Media contacts',
  'For further information, please contact:',
];

const SENTENCES = [
  'The library has 20,000 books.',
  'Embargoed goods were seized at the port on Tuesday.',
  'That is where the road ends.',
  'Notes to editors are below, said the spokesperson.',
  'It is for immediate use by residents.',
];

describe('lines of the frame pasted into a field', () => {
  it.each(MARKER_LINES)('finds “%s” as a line of a paragraph, as an error at that paragraph', (line) => {
    const content = release({
      body: [
        { id: 'a', text: 'The library has 20,000 books.' },
        { id: 'b', text: `Opening hours are 9am to 5pm.\n${line}\nMore text.` },
      ],
    });
    const findings = checkRelease(content, { profile: DEFAULT_PROFILE, now }).filter(
      (f) => f.rule === 'pasted-structure',
    );
    expect(findings).toEqual([
      expect.objectContaining({ severity: 'error', section: 'body', field: 'body.1.text' }),
    ]);
    expect(findings[0]!.message).toContain('remove that line');
  });

  it.each(SENTENCES)('leaves an ordinary sentence alone: “%s”', (sentence) => {
    expect(pastedStructureFindings([{ section: 'body', field: 'body.0.text', text: sentence }])).toEqual([]);
  });

  it('holds for every published field of the structure table: a marker line there is an error there', () => {
    const full = release({
      body: [{ id: 'b1', text: 'Body.' }],
      background: [{ id: 'g1', text: 'Background.' }],
      quotes: [
        {
          id: 'q1',
          speakerName: 'Priya Raman',
          speakerRole: 'Inspector',
          organisation: '',
          paragraphs: ['A quote.'],
          afterParagraphId: null,
        },
      ],
      notesToEditors: [{ id: 'n1', text: 'A note.' }],
    });
    const fields = publishedTexts(full);
    expect(fields.length).toBeGreaterThan(5);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: fields.length - 1 }),
        fc.constantFrom(...MARKER_LINES),
        fc.array(fc.constantFrom(...SENTENCES), { maxLength: 3 }),
        (index, marker, around) => {
          const target = fields[index]!;
          // The end mark's own field holds "ENDS" by design.
          fc.pre(!(target.section === 'endMark' && /end|#/i.test(marker)));
          const text = [...around, marker, ...around].join('\n');
          const found = pastedStructureFindings(
            fields.map((field, i) => ({ ...field, text: i === index ? text : 'Plain text.' })),
          );
          expect(found).toHaveLength(1);
          expect(found[0]).toMatchObject({ field: target.field, section: target.section, severity: 'error' });
          expect(SECTION_IDS).toContain(found[0]!.section);
        },
      ),
      { numRuns: 300 },
    );
  });
});
