import { describe, expect, it } from 'vitest';
import { contactItemId, placeAnchor } from '../../../src-renderer/src/features/review/comments/anchors';
import type { ReleaseContent } from '../../../src-shared/release/schema';

/** Only the parts of a release that anchors read. */
const content: Partial<ReleaseContent> = {
  body: [
    { id: 'p-a', text: 'Alpha.' },
    { id: 'p-b', text: 'Bravo.' },
    { id: 'p-c', text: 'Charlie.' },
  ],
  background: [{ id: 'b-a', text: 'Earlier.' }],
  notesToEditors: [
    { id: 'n-a', text: 'One.' },
    { id: 'n-b', text: 'Two.' },
  ],
  quotes: [
    {
      id: 'q-a',
      speakerName: 'Jane Smith',
      speakerRole: 'Director',
      organisation: '',
      paragraphs: ['Yes.'],
      afterParagraphId: null,
    },
    {
      id: 'q-b',
      speakerName: ' ',
      speakerRole: '',
      organisation: '',
      paragraphs: [''],
      afterParagraphId: null,
    },
  ],
  mediaContacts: [{ name: 'Press office', role: '', phone: '', email: '', outOfHours: '' }],
};

describe('placeAnchor: where a comment sits, named as a person would', () => {
  it.each([
    [{ section: 'release', itemId: null }, 'Whole release', null, null],
    [{ section: 'header', itemId: null }, 'Header', 'header.organisation', '[data-field="header"]'],
    [{ section: 'headline', itemId: null }, 'Headline', 'headline', '[data-field="headline"]'],
    [{ section: 'standfirst', itemId: null }, 'Standfirst', 'standfirst', '[data-field="standfirst"]'],
    [{ section: 'body', itemId: null }, 'Body', 'body.0.text', 'article > .body'],
    [{ section: 'boilerplate', itemId: null }, 'About', 'boilerplate', '[data-field="boilerplate"]'],
    [{ section: 'body', itemId: 'p-c' }, 'Body, paragraph 3', 'body.2.text', '[data-field="body.2"]'],
    [
      { section: 'background', itemId: 'b-a' },
      'Background, paragraph 1',
      'background.0.text',
      '[data-field="background.0"]',
    ],
    [
      { section: 'notesToEditors', itemId: 'n-b' },
      'Notes to editors, note 2',
      'notesToEditors.1.text',
      '[data-field="notesToEditors.1"]',
    ],
    [
      { section: 'quotes', itemId: 'q-a' },
      'Quote 1 (Jane Smith)',
      'quotes.0.paragraphs',
      '[data-field="quotes.0"]',
    ],
    [{ section: 'quotes', itemId: 'q-b' }, 'Quote 2', 'quotes.1.paragraphs', '[data-field="quotes.1"]'],
    [
      { section: 'mediaContacts', itemId: contactItemId(0) },
      'Media contacts, contact 1 (Press office)',
      'mediaContacts.0.name',
      '[data-field="mediaContacts.0"]',
    ],
  ] as const)('%o -> %s', (anchor, label, formPath, previewSelector) => {
    expect(placeAnchor(anchor, content)).toEqual({ label, removed: false, formPath, previewSelector });
  });

  it('follows a paragraph by its id when the paragraphs are reordered', () => {
    const reordered = { ...content, body: [content.body![2]!, content.body![0]!, content.body![1]!] };
    expect(placeAnchor({ section: 'body', itemId: 'p-c' }, reordered).label).toBe('Body, paragraph 1');
    expect(placeAnchor({ section: 'body', itemId: 'p-b' }, reordered).label).toBe('Body, paragraph 3');
  });

  it.each([
    [{ section: 'body', itemId: 'p-gone' }, 'Body (paragraph removed)'],
    [{ section: 'background', itemId: 'p-a' }, 'Background (paragraph removed)'],
    [{ section: 'notesToEditors', itemId: 'n-gone' }, 'Notes to editors (note removed)'],
    [{ section: 'quotes', itemId: 'q-gone' }, 'Quotes (quote removed)'],
    [{ section: 'mediaContacts', itemId: contactItemId(1) }, 'Media contacts (contact removed)'],
    [{ section: 'mediaContacts', itemId: 'not-a-position' }, 'Media contacts (contact removed)'],
  ] as const)('an item no longer there is said so and keeps its section: %o', (anchor, label) => {
    const placed = placeAnchor(anchor, content);
    expect(placed).toMatchObject({ label, removed: true, previewSelector: null });
    expect(placed.formPath).not.toBeNull();
  });

  it('follows a contact by its id when the contacts change, and a contact without one by its place', () => {
    const ann = { id: 'c-ann', name: 'Ann Lee', role: '', phone: '', email: '', outOfHours: '' };
    const bob = { id: 'c-bob', name: 'Bob Roy', role: '', phone: '', email: '', outOfHours: '' };
    expect(contactItemId(0, 'c-ann')).toBe('c-ann');
    expect(
      placeAnchor({ section: 'mediaContacts', itemId: 'c-bob' }, { mediaContacts: [ann, bob] }).label,
    ).toBe('Media contacts, contact 2 (Bob Roy)');
    // Ann removed: the comment on Bob stays on Bob, now the first contact.
    expect(
      placeAnchor({ section: 'mediaContacts', itemId: 'c-bob' }, { mediaContacts: [bob] }),
    ).toMatchObject({
      label: 'Media contacts, contact 1 (Bob Roy)',
      formPath: 'mediaContacts.0.name',
    });
    expect(placeAnchor({ section: 'mediaContacts', itemId: 'c-ann' }, { mediaContacts: [bob] }).removed).toBe(
      true,
    );
  });

  it('copes with a form that is still half-built', () => {
    expect(placeAnchor({ section: 'body', itemId: 'p-a' }, undefined).label).toBe('Body (paragraph removed)');
    expect(placeAnchor({ section: 'body', itemId: 'p-a' }, { body: [undefined as never] }).removed).toBe(
      true,
    );
  });
});
