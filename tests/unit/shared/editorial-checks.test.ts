import { describe, expect, it } from 'vitest';
import {
  checkRelease,
  missingFiveWs,
  sectionReadingEase,
  type Finding,
} from '../../../src-shared/checks/editorial-checks';
import { countWords, findPhrase, readingEase, sentences } from '../../../src-shared/checks/text-stats';
import { createBlankRelease } from '../../../src-shared/release/new-release';
import {
  DEFAULT_PROFILE,
  protectedPeopleNamed,
  type ReleaseContent,
} from '../../../src-shared/release/schema';

const now = new Date('2024-07-18T08:30:00Z');
let n = 0;
const base = (): ReleaseContent => ({
  ...createBlankRelease({
    id: 'r-1',
    type: 'news-release',
    profile: DEFAULT_PROFILE,
    now,
    makeId: () => `p${++n}`,
  }),
  headline: 'Council opens new library in Ashford',
  standfirst: 'Northshire Council opened a new library on Station Road in Ashford on Tuesday.',
  body: [{ id: 'p1', text: 'The library has 20,000 books.' }],
});
const profile = { ...DEFAULT_PROFILE, wordsToAvoid: ['utilise', 'going forward'] };
const run = (content: ReleaseContent, anonymityList: string[] = []) =>
  checkRelease(content, { profile, now, anonymityList: protectedPeopleNamed(...anonymityList) });
const rules = (findings: Finding[]) => findings.map((f) => `${f.severity}:${f.rule}@${f.field}`);

describe('a clean release', () => {
  it('has no findings', () => {
    expect(run(base())).toEqual([]);
  });
});

describe('editorial rules: inputs -> findings', () => {
  const cases: Array<[string, (c: ReleaseContent) => void, string[], string[]?]> = [
    ['empty headline', (c) => (c.headline = ''), ['error:headline.required@headline']],
    ['headline of 65 characters', (c) => (c.headline = 'A'.repeat(1) + 'b'.repeat(64)), []],
    [
      'headline of 66 characters',
      (c) => (c.headline = 'A' + 'b'.repeat(65)),
      ['warning:headline.characters@headline'],
    ],
    [
      'headline of 15 words',
      (c) => (c.headline = Array.from({ length: 15 }, () => 'go').join(' ')),
      ['warning:headline.words@headline'],
    ],
    [
      'headline in capitals',
      (c) => (c.headline = 'COUNCIL OPENS LIBRARY'),
      ['warning:headline.all-caps@headline'],
    ],
    [
      'headline with an acronym is not all-caps (though the acronym wants spelling out)',
      (c) => (c.headline = 'NOPC opens inquiry in Ashford'),
      ['warning:house-style.acronym@headline'],
    ],
    [
      'headline with a full stop',
      (c) => (c.headline = 'Council opens library.'),
      ['warning:headline.full-stop@headline'],
    ],
    ['headline with an ellipsis is not a full stop', (c) => (c.headline = 'Council opens library...'), []],
    ['empty standfirst', (c) => (c.standfirst = ''), ['error:standfirst.required@standfirst']],
    [
      'standfirst of 36 words',
      (c) =>
        (c.standfirst = `Northshire Council opened a library in Ashford on Tuesday ${Array.from({ length: 27 }, () => 'a').join(' ')}.`),
      ['warning:standfirst.words@standfirst'],
    ],
    [
      'standfirst over 160 characters',
      (c) =>
        (c.standfirst = `Northshire Council opened a library in Ashford on Tuesday, ${'extraordinarily '.repeat(7)}so.`),
      ['warning:standfirst.characters@standfirst'],
    ],
    [
      'standfirst without when or where',
      (c) => (c.standfirst = 'Northshire Council opened a library.'),
      ['warning:standfirst.five-ws@standfirst'],
    ],
    ['no body text', (c) => (c.body = [{ id: 'p1', text: '  ' }]), ['error:body.required@body.0.text']],
    [
      'body paragraph over 80 words',
      (c) =>
        (c.body = [
          {
            id: 'p1',
            text: Array.from({ length: 12 }, () => 'The council said it was very pleased.').join(' '),
          },
        ]),
      ['warning:paragraph.long@body.0.text'],
    ],
    [
      'sentence over 30 words',
      (c) => c.body.push({ id: 'p2', text: `The council ${'very '.repeat(30)}much agreed.` }),
      ['warning:sentence.long@body.1.text'],
    ],
    [
      'background paragraph with a long sentence',
      (c) => (c.background = [{ id: 'b1', text: `Officers ${'carefully '.repeat(31)}checked.` }]),
      ['warning:sentence.long@background.0.text'],
    ],
    [
      'quote without speaker or role',
      (c) =>
        (c.quotes = [
          {
            id: 'q1',
            speakerName: '',
            speakerRole: ' ',
            organisation: '',
            paragraphs: ['We are pleased.'],
            afterParagraphId: null,
          },
        ]),
      ['error:quote.speaker@quotes.0.speakerName', 'error:quote.role@quotes.0.speakerRole'],
    ],
    [
      'quote with no words',
      (c) =>
        (c.quotes = [
          {
            id: 'q1',
            speakerName: 'Jane Smith',
            speakerRole: 'Director',
            organisation: '',
            paragraphs: [''],
            afterParagraphId: null,
          },
        ]),
      ['error:quote.empty@quotes.0.paragraphs.0'],
    ],
    [
      'embargo already passed',
      (c) => (c.header.embargo = { until: '2024-07-18T09:00', timeZone: 'Europe/London' }),
      ['warning:embargo.past@header.embargo'],
    ],
    [
      'embargo after the release date',
      (c) => {
        c.header.releaseDate = '2024-07-19T09:00';
        c.header.embargo = { until: '2024-07-20T00:01', timeZone: 'Europe/London' };
      },
      ['error:embargo.after-release@header.embargo'],
    ],
    [
      'embargo in the future and before the release date',
      (c) => {
        c.header.releaseDate = '2024-07-20T09:00';
        c.header.embargo = { until: '2024-07-20T00:01', timeZone: 'Europe/London' };
      },
      [],
    ],
    [
      'javascript: original-article link',
      (c) => (c.canonicalUrl = 'javascript:alert(1)'),
      ['error:link.scheme@canonicalUrl'],
    ],
    [
      'related link with data: address',
      (c) => (c.relatedLinks = [{ id: 'l1', label: 'x', url: 'data:text/html,hi' }]),
      ['error:link.scheme@relatedLinks.0.url'],
    ],
    ['https link is fine', (c) => (c.canonicalUrl = 'https://example.org/news/1'), []],
    [
      'word to avoid in the body',
      (c) => (c.body[0]!.text = 'We will utilise the space.'),
      ['warning:avoid-word@body.0.text'],
    ],
    [
      'word to avoid, other case and spacing',
      (c) => (c.headline = 'Council plans Going  Forward'),
      ['warning:avoid-word@headline'],
    ],
    [
      'word to avoid inside another word is not flagged',
      (c) => (c.body[0]!.text = 'We underutilised it.'),
      [],
    ],
  ];

  it.each(cases)('%s', (_name, change, expected) => {
    const content = base();
    change(content);
    expect(rules(run(content))).toEqual(expected);
  });
});

describe('anonymity list', () => {
  it('flags the name as an error in every field where it appears, and nowhere else', () => {
    const content = base();
    content.body[0]!.text = 'The boy, John Doe, was unhurt.';
    content.quotes = [
      {
        id: 'q1',
        speakerName: 'Jane Smith',
        speakerRole: 'Director',
        organisation: '',
        paragraphs: ['john doe is safe'],
        afterParagraphId: null,
      },
    ];
    content.notesToEditors = [{ id: 'n1', text: 'Named as JOHN DOE by family.' }];
    const findings = run(content, ['John Doe', '  ']);
    expect(rules(findings)).toEqual([
      'error:protected-person@body.0.text',
      'error:protected-person@quotes.0.paragraphs.0',
      'error:protected-person@notesToEditors.0.text',
    ]);
    expect(findings[0]!.message).toBe('“John Doe” must not appear: John Doe is a protected person');
  });

  it('names the form that was found and whose it is', () => {
    const content = base();
    content.body[0]!.text = 'Mrs Doe’s neighbour called the police.';
    expect(run(content, ['Jane Doe']).map((f) => f.message)).toEqual([
      "“Doe” (a form of Jane Doe's name) must not appear: Jane Doe is a protected person",
    ]);
  });

  it('flags a protected name in the key details of a template, which every export prints', () => {
    const content = base();
    content.details = [
      { key: 'contact-route', label: 'How to contact us', text: 'Call 101 quoting Jane Doe.' },
      { key: 'victim', label: 'Jane Doe', text: '' },
    ];
    expect(rules(run(content, ['Jane Doe']))).toEqual([
      'error:protected-person@details.0.text',
      'error:protected-person@details.1.label',
    ]);
  });

  it('does not match part of a longer name', () => {
    const content = base();
    content.body[0]!.text = 'Johnathan Doe-Smith spoke.';
    expect(run(content, ['John Doe'])).toEqual([]);
  });
});

describe('five Ws', () => {
  it.each([
    ['Northshire Police arrested a man in Ashford on Tuesday.', []],
    ['A man was arrested.', ['who', 'when', 'where']],
    ['Police in Ashford yesterday.', ['what']],
    ['The council will open the library at 10am in Dover.', []],
  ])('%s -> missing %j', (lead, missing) => {
    expect(missingFiveWs(lead, '')).toEqual(missing);
  });
});

describe('text measures', () => {
  it('counts words, including hyphenated and apostrophes', () => {
    expect(countWords("The officer's well-known 2,000 reports")).toBe(5);
    expect(countWords('')).toBe(0);
  });
  it('splits sentences without breaking abbreviations or decimals', () => {
    expect(sentences('Mr. smith paid 2.5 million. It was late! Was it? yes')).toEqual([
      'Mr. smith paid 2.5 million.',
      'It was late!',
      'Was it? yes',
    ]);
  });
  it('gives plain English a higher reading ease than dense prose', () => {
    const plain = readingEase('The dog ran home. The cat sat down. We all went out to play in the sun.')!;
    const dense = readingEase(
      'Notwithstanding institutional considerations, organisational accountability mechanisms necessitate comprehensive interdepartmental collaboration methodologies.',
    )!;
    expect(plain).toBeGreaterThan(70);
    expect(dense).toBeLessThan(30);
    expect(readingEase('Too short.')).toBeNull();
  });
  it('reports a figure per prose section', () => {
    const content = base();
    content.body = [
      { id: 'p1', text: 'The dog ran home. The cat sat down. We all went out to play in the sun.' },
    ];
    const figures = sectionReadingEase(content);
    expect(figures.body).toBeGreaterThan(70);
    expect(figures.background).toBeNull();
  });
  it('finds phrases case-insensitively as whole words', () => {
    expect(findPhrase('Going forward, going  FORWARD', 'going forward')).toBe(2);
    expect(findPhrase('the (x) and [y]', '(x)')).toBe(1);
    expect(findPhrase('the x and y', 'x|y')).toBe(0);
    expect(findPhrase('regex.*chars', '.*')).toBe(0);
  });
});
