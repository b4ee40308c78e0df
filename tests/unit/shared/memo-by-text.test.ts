import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memoByText } from '../../../src-shared/render/memo-by-text';
import { readingEase, readingEaseOfParagraphs, sentences } from '../../../src-shared/checks/text-stats';

describe('memoByText (issue 13: a keystroke re-works one field, not all of them)', () => {
  it('answers as the function does, for any sequence of texts, and works each text out once while it is remembered', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 60 }), (texts) => {
        const worked: string[] = [];
        const remembered = memoByText((text: string) => {
          worked.push(text);
          return `${text.length}:${text.toUpperCase()}`;
        }, 1000);
        for (const text of texts) expect(remembered(text)).toBe(`${text.length}:${text.toUpperCase()}`);
        expect(worked).toEqual([...new Set(texts)]);
      }),
    );
  });

  it('holds at most its capacity: past it, texts are worked out again rather than kept for ever', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.string({ maxLength: 3 }), { maxLength: 80 }),
        (capacity, texts) => {
          let worked = 0;
          const remembered = memoByText((text: string) => {
            worked++;
            return text.length;
          }, capacity);
          for (const text of texts) remembered(text);
          // Never fewer calls than distinct texts; and a capacity of one re-works every change of text.
          expect(worked).toBeGreaterThanOrEqual(new Set(texts).size);
          if (capacity === 1) {
            const changes = texts.filter((text, i) => i === 0 || texts[i - 1] !== text).length;
            expect(worked).toBe(changes);
          }
        },
      ),
    );
  });

  it('remembers undefined and false answers too', () => {
    let worked = 0;
    const remembered = memoByText((text: string) => {
      worked++;
      return text === 'yes' ? true : false;
    });
    remembered('no');
    remembered('no');
    expect(worked).toBe(1);
  });
});

describe('reading ease over paragraphs', () => {
  const sentence = fc
    .array(fc.constantFrom('the', 'council', 'said', 'bridge', 'will', 'open', 'in', 'spring', 'officers'), {
      minLength: 2,
      maxLength: 12,
    })
    .map((words) => `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`);
  const paragraph = fc.array(sentence, { minLength: 1, maxLength: 4 }).map((list) => list.join(' '));

  it('is the reading ease of the paragraphs read as one text, when each ends its sentence', () => {
    fc.assert(
      fc.property(fc.array(paragraph, { minLength: 1, maxLength: 8 }), (paragraphs) => {
        expect(readingEaseOfParagraphs(paragraphs)).toBe(readingEase(paragraphs.join('\n\n')));
      }),
    );
  });

  it('ends a sentence at a paragraph break, as a reader does', () => {
    const first = 'The council said the bridge will open in spring';
    const second = 'Officers said the road will close for two weeks in March';
    expect(sentences(`${first}\n\n${second}`)).toHaveLength(1);
    expect(readingEaseOfParagraphs([first, second])).toBe(readingEase(`${first}. ${second}.`));
  });
});
