import { describe, expect, it } from 'vitest';
import { itemOfPath, NewItemGrace } from '../../../src-renderer/src/features/editor/new-item-grace';
import { checkRelease, type Finding } from '../../../src-shared/checks/editorial-checks';
import { createBlankRelease } from '../../../src-shared/release/new-release';
import { DEFAULT_PROFILE, type Quote, type ReleaseContent } from '../../../src-shared/release/schema';

const now = new Date('2024-07-18T08:30:00Z');
let n = 0;
const opened = (): ReleaseContent => ({
  ...createBlankRelease({
    id: 'r-1',
    type: 'news-release',
    profile: DEFAULT_PROFILE,
    now,
    makeId: () => `p${++n}`,
  }),
  headline: 'Council opens new library in Ashford',
});
const emptyQuote = (id: string): Quote => ({
  id,
  speakerName: '',
  speakerRole: '',
  organisation: '',
  paragraphs: [''],
  afterParagraphId: null,
});
const findings = (content: ReleaseContent): Finding[] =>
  checkRelease(content, { profile: DEFAULT_PROFILE, now, anonymityList: content.anonymityList ?? [] });
const quoteMessages = (list: Finding[]) =>
  list.filter((f) => f.field.startsWith('quotes.')).map((f) => f.rule);

describe('NewItemGrace: a new empty item says nothing until the person has left it', () => {
  it('holds back the messages of a quote added empty, and shows them once released', () => {
    const grace = new NewItemGrace();
    const start = opened();
    grace.observe(start);
    const added = { ...start, quotes: [emptyQuote('q-new')] };
    grace.observe(added);
    expect(quoteMessages(findings(added))).toContain('quote.speaker');
    expect(quoteMessages(grace.shown(added, findings(added)))).toEqual([]);
    expect(grace.release(added, 'quotes', 0)).toBe(true);
    expect(quoteMessages(grace.shown(added, findings(added)))).toContain('quote.speaker');
  });

  it('never holds an item that was there when the release was opened, even empty', () => {
    const grace = new NewItemGrace();
    const content = { ...opened(), quotes: [emptyQuote('q-old')] };
    grace.observe(content);
    expect(quoteMessages(grace.shown(content, findings(content)))).toContain('quote.speaker');
  });

  it('follows the item by its id when an earlier one is removed, and releaseAll shows everything', () => {
    const grace = new NewItemGrace();
    const start = {
      ...opened(),
      quotes: [{ ...emptyQuote('q-old'), speakerName: 'Sam', speakerRole: 'Chief' }],
    };
    grace.observe(start);
    const added = { ...start, quotes: [...start.quotes, emptyQuote('q-new')] };
    grace.observe(added);
    const removedFirst = { ...added, quotes: [added.quotes[1]!] };
    grace.observe(removedFirst);
    expect(quoteMessages(grace.shown(removedFirst, findings(removedFirst)))).toEqual([]);
    expect(grace.releaseAll()).toBe(true);
    expect(quoteMessages(grace.shown(removedFirst, findings(removedFirst)))).toContain('quote.speaker');
  });

  it('does not hold an item added with text in it (a colleague’s quote, an undo)', () => {
    const grace = new NewItemGrace();
    const start = opened();
    grace.observe(start);
    const added = { ...start, quotes: [{ ...emptyQuote('q-typed'), paragraphs: ['We are delighted.'] }] };
    grace.observe(added);
    expect(quoteMessages(grace.shown(added, findings(added)))).toContain('quote.speaker');
  });

  it('finds the item of a form path through the structure table', () => {
    expect(itemOfPath('quotes.2.speakerName')).toEqual({ listPath: 'quotes', index: 2 });
    expect(itemOfPath('body.0.text')).toEqual({ listPath: 'body', index: 0 });
    expect(itemOfPath('mediaContacts.1.phone')).toEqual({ listPath: 'mediaContacts', index: 1 });
    expect(itemOfPath('headline')).toBeNull();
  });
});
