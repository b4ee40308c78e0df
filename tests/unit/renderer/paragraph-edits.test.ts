import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  enterInParagraph,
  joinWithNext,
  pastedParagraphs,
  pasteParagraphs,
  reanchorQuotes,
  splitParagraph,
} from '../../../src-renderer/src/features/editor/kinds/paragraph-edits';
import { paragraphMoveTargets } from '../../../src-renderer/src/features/editor/kinds/form-plan';
import { FIELDS } from '../../../src-shared/release/structure';
import { RELEASE_TEMPLATES } from '../../../src-shared/release/templates';

const words = (text: string) => text.split(/\s+/).filter(Boolean);

describe('pastedParagraphs', () => {
  it('splits at blank lines and makes the soft line breaks inside a paragraph spaces', () => {
    expect(
      pastedParagraphs('First line\nwrapped here.\r\n\r\n  Second.\n \n\n\nThird\u000bwith a soft break.\n'),
    ).toEqual(['First line wrapped here.', 'Second.', 'Third with a soft break.']);
  });

  it('reads one line per paragraph where there are no blank lines, joining lines wrapped mid-sentence', () => {
    expect(pastedParagraphs('One sentence.\r\nAnother that wraps\r\nhere.\r\n“A quote.”\r\nLast')).toEqual([
      'One sentence.',
      'Another that wraps here.',
      '“A quote.”',
      'Last',
    ]);
  });

  it('keeps list lines one per line, and a list in one paragraph even across blank lines', () => {
    expect(pastedParagraphs('We will:\n- open on Monday\n- close at 7pm\n\nThen more.')).toEqual([
      'We will:\n- open on Monday\n- close at 7pm',
      'Then more.',
    ]);
    expect(pastedParagraphs('Intro.\n\n- one\n\n- two\n\n1. first')).toEqual([
      'Intro.',
      '- one\n- two\n1. first',
    ]);
  });

  it('gives nothing for blank text and one paragraph for one line', () => {
    expect(pastedParagraphs(' \n\n \r\n')).toEqual([]);
    expect(pastedParagraphs('Just this')).toEqual(['Just this']);
  });

  it('keeps every word in order, whatever the text (property)', () => {
    const piece = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom(
        '\n',
        '\n\n',
        '\r\n',
        '\r\n\r\n',
        '\u000b',
        ' ',
        '- ',
        '1. ',
        '.',
        '”',
        '\u2029',
        '\u00a0',
      ),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const paragraphs = pastedParagraphs(text);
        expect(words(paragraphs.join('\n\n'))).toEqual(words(text));
        for (const paragraph of paragraphs) expect(paragraph.trim()).not.toBe('');
      }),
      { numRuns: 500 },
    );
  });

  it('splits five megabytes quickly', () => {
    const paragraph = 'The council said the library would open on Tuesday. '.repeat(20);
    const text = Array.from({ length: 5_000 }, () => paragraph).join('\n\n');
    expect(text.length).toBeGreaterThan(5_000_000);
    const started = performance.now();
    expect(pastedParagraphs(text)).toHaveLength(5_000);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('paragraph list edits', () => {
  let counter = 0;
  const newId = () => `p-new${++counter}`;
  const list = [
    { id: 'p-a', text: 'Before the caret|after it' },
    { id: 'p-b', text: 'Second' },
  ];

  it('pastes paragraphs at the caret: the text around it joins the first and the last piece', () => {
    const at = list[0]!.text.indexOf('|');
    const edit = pasteParagraphs(list, 0, at, at + 1, ['one', 'two', 'three'], 500, newId);
    expect(edit.items.map((item) => item.text)).toEqual([
      'Before the caretone',
      'two',
      'threeafter it',
      'Second',
    ]);
    expect(edit.items[0]!.id).toBe('p-a');
    expect(new Set(edit.items.map((item) => item.id)).size).toBe(4);
    expect(edit.focus).toEqual({ index: 2, caret: 'three'.length });
  });

  it('puts what goes over the most paragraphs into the last one, losing nothing', () => {
    const pieces = Array.from({ length: 10 }, (_, i) => `piece ${i}`);
    const twoBoxes = [list[0]!, { id: 'p-b', text: '' }];
    const edit = pasteParagraphs(twoBoxes, 1, 0, 0, pieces, 5, newId);
    expect(edit.items).toHaveLength(5);
    expect(edit.items[4]!.text).toBe(
      'piece 3\n\npiece 4\n\npiece 5\n\npiece 6\n\npiece 7\n\npiece 8\n\npiece 9',
    );
    expect(words(edit.items.map((item) => item.text).join(' '))).toEqual(
      words(`Before the caret|after it ${pieces.join(' ')}`),
    );
    // Already full: everything into the paragraph pasted into.
    expect(pasteParagraphs(list, 0, 0, 0, ['a', 'b'], 2, newId).items.map((item) => item.text)).toEqual([
      'a\n\nbBefore the caret|after it',
      'Second',
    ]);
  });

  it('splits at the caret, the first half keeping the id', () => {
    const enter = enterInParagraph('One sentence. Two.', 14, 14);
    expect(enter).toEqual({ split: true, head: 'One sentence.', tail: 'Two.' });
    if (!enter.split) throw new Error('expected a split');
    const edit = splitParagraph(list, 0, enter.head, enter.tail, newId);
    expect(edit.items.slice(0, 2)).toEqual([
      { id: 'p-a', text: 'One sentence.' },
      { id: expect.stringMatching(/^p-new/), text: 'Two.' },
    ]);
    expect(edit.focus).toEqual({ index: 1, caret: 0 });
  });

  it('continues a list on Enter, and ends it on an empty item', () => {
    expect(enterInParagraph('- one', 5, 5)).toEqual({ split: false, text: '- one\n- ', caret: 8 });
    expect(enterInParagraph('Steps:\n9. nine', 14, 14)).toEqual({
      split: false,
      text: 'Steps:\n9. nine\n10. ',
      caret: 19,
    });
    expect(enterInParagraph('- one\n- ', 8, 8)).toEqual({ split: true, head: '- one', tail: '' });
  });

  it('joins with the next paragraph with one space, the caret where they meet', () => {
    const edit = joinWithNext(
      [
        { id: 'p-a', text: 'First.' },
        { id: 'p-b', text: 'Second.' },
      ],
      0,
    );
    expect(edit).toEqual({ items: [{ id: 'p-a', text: 'First. Second.' }], focus: { index: 0, caret: 6 } });
    expect(
      joinWithNext(
        [
          { id: 'p-a', text: '' },
          { id: 'p-b', text: 'x' },
        ],
        0,
      )!.items,
    ).toEqual([{ id: 'p-a', text: 'x' }]);
    expect(
      joinWithNext(
        [
          { id: 'p-a', text: 'We will:' },
          { id: 'p-b', text: '- go' },
        ],
        0,
      )!.items[0]!.text,
    ).toBe('We will:\n- go');
    expect(joinWithNext(list, 1)).toBeNull();
  });

  // Joining puts a space where the halves meet, so a word split in two comes back as two: the characters other
  // than spaces are what must come back in order.
  it('splitting and joining again gives the paragraph back, its characters in order (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.nat(), (text, at) => {
        const caret = at % (text.length + 1);
        const enter = enterInParagraph(text, caret, caret);
        if (!enter.split) return;
        const split = splitParagraph([{ id: 'p-x', text }], 0, enter.head, enter.tail, newId);
        const joined = joinWithNext(split.items, 0)!;
        expect(joined.items).toHaveLength(1);
        expect(joined.items[0]!.id).toBe('p-x');
        const ink = (value: string) => value.replace(/\s+/g, '');
        expect(ink(joined.items[0]!.text)).toBe(ink(text));
      }),
    );
  });
});

describe('reanchorQuotes', () => {
  it('moves the quotes that followed a paragraph that left the story, and only those', () => {
    const quotes = [
      { id: 'q-1', afterParagraphId: 'p-b' },
      { id: 'q-2', afterParagraphId: 'p-a' },
      { id: 'q-3', afterParagraphId: null },
    ];
    expect(reanchorQuotes(quotes, 'p-b', 'p-a')).toEqual([
      { id: 'q-1', afterParagraphId: 'p-a' },
      { id: 'q-2', afterParagraphId: 'p-a' },
      { id: 'q-3', afterParagraphId: null },
    ]);
    expect(reanchorQuotes(quotes, 'p-z', 'p-a')).toBeNull();
  });
});

describe('paragraphMoveTargets', () => {
  it('moves between the paragraph lists of the structure table the template offers', () => {
    const template = Object.values(RELEASE_TEMPLATES).find((candidate) =>
      candidate.sections.includes('background'),
    )!;
    expect(paragraphMoveTargets(FIELDS.body, template)).toEqual({
      previous: undefined,
      next: FIELDS.background,
    });
    expect(paragraphMoveTargets(FIELDS.background, template)).toEqual({
      previous: FIELDS.body,
      next: undefined,
    });
    expect(paragraphMoveTargets(FIELDS.notesToEditors, template)).toEqual({
      previous: undefined,
      next: undefined,
    });
    const withoutBackground = Object.values(RELEASE_TEMPLATES).find(
      (candidate) => !candidate.sections.includes('background'),
    );
    if (withoutBackground) expect(paragraphMoveTargets(FIELDS.body, withoutBackground).next).toBeUndefined();
  });
});
