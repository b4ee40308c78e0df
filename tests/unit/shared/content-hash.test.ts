import { protectedPeopleNamed } from '../../../src-shared/release/schema';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBlankRelease } from '../../../src-shared/release/new-release';
import {
  DEFAULT_PROFILE,
  ReleaseContentSchema,
  type Release,
  type ReleaseContent,
} from '../../../src-shared/release/schema';
import {
  canonicalContent,
  canonicalJson,
  canonicalNormalisedJson,
  contentHash,
  normaliseText,
  normaliseTextInFull,
  sha256,
  utf8Encode,
} from '../../../src-shared/workflow/content-hash';

const nodeSha256 = (input: string | Uint8Array) => createHash('sha256').update(input).digest('hex');

describe('sha256', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
    [
      'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
      'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
    ],
  ])('matches the FIPS 180-4 vector for %j', (input, expected) => {
    expect(sha256(input)).toBe(expected);
  });

  it('matches the one-million-"a" vector', () => {
    expect(sha256('a'.repeat(1_000_000))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });

  it('agrees with node:crypto on non-ASCII text', () => {
    for (const text of [
      'Café ☕ 𝄞',
      'é',
      'e\u0301',
      '日本語のテキスト',
      '🏳️‍🌈 family 👨‍👩‍👧',
      '\u0000\u007f\u0080\u07ff\u0800\uffff',
    ]) {
      expect(sha256(text)).toBe(nodeSha256(text));
    }
  });

  it('agrees with node:crypto at every length around the block and padding boundaries', () => {
    for (let length = 0; length <= 200; length++) {
      const text = 'x'.repeat(length);
      expect(sha256(text), `length ${length}`).toBe(nodeSha256(text));
    }
  });

  it('hashes bytes as given', () => {
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 37) & 0xff);
    expect(sha256(bytes)).toBe(nodeSha256(bytes));
  });
});

describe('utf8Encode', () => {
  it('encodes exactly as Buffer does, lone surrogates included', () => {
    const samples = [
      'plain ASCII',
      'Café ☕ 𝄞',
      '\ud800',
      'a\udc00b',
      '\ud83d\ude00\ud83d',
      '\udbff\udfff',
      String.fromCharCode(...Array.from({ length: 2048 }, (_, i) => (i * 7919) % 0x10000)),
    ];
    for (const text of samples) {
      expect([...utf8Encode(text)]).toEqual([...Buffer.from(text, 'utf8')]);
    }
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and leaves array order alone', () => {
    expect(canonicalJson({ b: 1, a: [3, { d: true, c: null }], é: 'x' })).toBe(
      '{"a":[3,{"c":null,"d":true}],"b":1,"é":"x"}',
    );
  });

  it('refuses values JSON would silently change', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ n: Infinity })).toThrow(TypeError);
    expect(() => canonicalJson(() => 1)).toThrow(TypeError);
  });
});

describe('canonicalNormalisedJson', () => {
  /** The rule it keeps in one pass: every string normalised, then canonicalJson. */
  const normalisedCopy = (value: unknown): unknown => {
    if (typeof value === 'string') return normaliseText(value);
    if (Array.isArray(value)) return value.map(normalisedCopy);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, normalisedCopy(item)]));
    }
    return value;
  };
  // Texts with what normalising changes: spaces, tabs, line ends, composed and decomposed accents, other scripts.
  const text = fc.oneof(
    fc.string({
      unit: fc.constantFrom(
        'a',
        'B',
        ' ',
        '  ',
        '\t',
        '\n',
        '\r\n',
        'e\u0301',
        'é',
        '“',
        '\u00a0',
        'ß',
        '😀',
      ),
    }),
    fc.string({ unit: 'grapheme' }),
  );
  const value = fc.letrec((tie) => ({
    json: fc.oneof(
      { depthSize: 'small' },
      text,
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('json')),
      fc.dictionary(text, fc.option(tie('json'), { nil: undefined })),
    ),
  })).json;

  it('writes what canonicalJson writes of a copy with every string normalised (fast-check)', () => {
    fc.assert(
      fc.property(value, (json) => {
        expect(canonicalNormalisedJson(json)).toBe(canonicalJson(normalisedCopy(json)));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses what canonicalJson refuses', () => {
    expect(() => canonicalNormalisedJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalNormalisedJson([undefined])).toThrow(TypeError);
  });
});

describe('normaliseText', () => {
  it.each([
    ['  Hello   world\t ', 'Hello world'],
    ['line one\r\nline two\rline three', 'line one\nline two\nline three'],
    ['a\n\n\n\nb', 'a\n\nb'],
    ['a  \n   b', 'a\nb'],
    ['Cafe\u0301', 'Café'],
    ['keep\u00a0non-breaking', 'keep\u00a0non-breaking'],
  ])('%j becomes %j', (input, expected) => {
    expect(normaliseText(input)).toBe(expected);
  });

  it('gives the same text through its shortcut for text already normal as the full steps give (fast-check)', () => {
    // The full steps, taken whatever the text: the shortcut must never answer differently.
    // Mostly the characters that matter (spaces, line ends, tabs, CR, form feeds, accents), with the odd other one.
    const character = fc.oneof(
      {
        weight: 6,
        arbitrary: fc.constantFrom(
          'a',
          'B',
          '.',
          ' ',
          '\n',
          '\t',
          '\r',
          '\v',
          '\f',
          '\u00a0',
          'e\u0301',
          '\u00e9',
        ),
      },
      { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }) },
    );
    fc.assert(
      fc.property(fc.array(character, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(normaliseText(text)).toBe(normaliseTextInFull(text));
      }),
      { numRuns: 5000 },
    );
  });
});

// --- releases ---------------------------------------------------------------------------------------------------

function baseRelease(): Release {
  let n = 0;
  const release = createBlankRelease({
    id: 'r-hash',
    type: 'news-release',
    profile: {
      ...DEFAULT_PROFILE,
      name: 'Northshire Police',
      contacts: [
        {
          name: 'Press office',
          role: 'Media',
          phone: '01234 567890',
          email: 'press@example.org',
          outOfHours: '07700 900000',
        },
      ],
    },
    now: new Date('2024-07-18T08:30:00Z'),
    makeId: () => `p${++n}`,
  });
  return {
    ...release,
    header: { ...release.header, reference: 'NP-101', tags: ['Ashford', 'Appeals'] },
    headline: 'Police appeal after Café fire in Ashford',
    standfirst: 'Officers are asking witnesses to come forward.',
    details: [{ key: 'contact-route', label: 'How to contact us', text: 'Call 101 quoting NP-101.' }],
    body: [
      { id: 'p1', text: 'A fire broke out on Station Road on Tuesday night.' },
      { id: 'p2', text: 'Nobody was hurt.\n\nThe café was closed at the time.' },
      { id: 'p3', text: 'Officers would like to speak to anyone who saw a grey van.' },
    ],
    quotes: [
      {
        id: 'q1',
        speakerName: 'Jane Smith',
        speakerRole: 'Detective Inspector',
        organisation: 'Northshire Police',
        paragraphs: ['We are keeping an open mind.', 'Please get in touch.'],
        afterParagraphId: 'p2',
      },
    ],
    background: [{ id: 'b1', text: 'The café opened in 2019.' }],
    notesToEditors: [{ id: 'n1', text: 'Images are available on request.' }],
    boilerplate: 'Northshire Police serves 1.2 million people.',
    canonicalUrl: 'https://example.org/news/101',
    relatedLinks: [{ id: 'l1', label: 'Report online', url: 'https://example.org/report' }],
    anonymityList: protectedPeopleNamed('John Doe'),
    changeNotes: [
      {
        id: 'c1',
        text: 'Corrected the date of the hearing.',
        importance: 'major',
        publishedAt: '2024-07-20T09:15:00.000Z',
      },
    ],
  };
}

type Change = (r: Release) => Release;

/** Every object's keys in reverse order, at every depth: the same content built in another order. */
function reverseKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reverseKeys) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reverseKeys(v)]),
    ) as T;
  }
  return value;
}

const mapBody = (r: Release, f: (text: string, index: number) => string): Release => ({
  ...r,
  body: r.body.map((p, i) => ({ ...p, text: f(p.text, i) })),
});

const SAME: Array<[string, Change]> = [
  ['key order shuffled at every depth', reverseKeys],
  ['extra spaces and tabs inside lines', (r) => ({ ...r, headline: r.headline.replace(/ /g, '  \t ') })],
  [
    'leading and trailing whitespace',
    (r) => ({ ...r, standfirst: `   ${r.standfirst}\n\n`, headline: `\t${r.headline} ` }),
  ],
  ['CRLF line ends', (r) => mapBody(r, (t) => t.replace(/\n/g, '\r\n'))],
  ['old Mac CR line ends', (r) => mapBody(r, (t) => t.replace(/\n/g, '\r'))],
  [
    'NFD instead of NFC "é"',
    (r) => ({
      ...r,
      headline: r.headline.normalize('NFD'),
      background: [{ id: 'b1', text: 'The cafe\u0301 opened in 2019.' }],
    }),
  ],
  ['more blank lines between blocks', (r) => mapBody(r, (t) => t.replace('\n\n', '\n\n\n\n'))],
  ['spaces at the ends of lines', (r) => mapBody(r, (t) => t.replace('\n\n', '   \n \t\n'))],
  ['an empty paragraph at the end of the body', (r) => ({ ...r, body: [...r.body, { id: 'p9', text: '' }] })],
  [
    'a blank paragraph at the end of the background',
    (r) => ({ ...r, background: [...r.background, { id: 'b9', text: '  \n ' }] }),
  ],
  [
    'an empty note at the end',
    (r) => ({ ...r, notesToEditors: [...r.notesToEditors, { id: 'n9', text: '' }] }),
  ],
  [
    'an empty last quote paragraph',
    (r) => ({ ...r, quotes: r.quotes.map((q) => ({ ...q, paragraphs: [...q.paragraphs, ' '] })) }),
  ],
  [
    'an unchanged save (revision, timestamps, status)',
    (r) => ({ ...r, revision: r.revision + 7, updatedAt: '2025-01-01T00:00:00.000Z', status: 'approved' }),
  ],
  ['another release id', (r) => ({ ...r, id: 'r-other', createdAt: '2020-01-01T00:00:00.000Z' })],
  [
    'new paragraph ids with the quote anchor following',
    (r) => ({
      ...r,
      body: r.body.map((p) => ({ ...p, id: `x-${p.id}` })),
      quotes: r.quotes.map((q) => ({ ...q, afterParagraphId: `x-${q.afterParagraphId}` })),
    }),
  ],
  [
    'new ids for notes, links and background',
    (r) => ({
      ...r,
      notesToEditors: r.notesToEditors.map((n) => ({ ...n, id: `y-${n.id}` })),
      relatedLinks: r.relatedLinks.map((l) => ({ ...l, id: `y-${l.id}` })),
      background: r.background.map((b) => ({ ...b, id: `y-${b.id}` })),
      quotes: r.quotes.map((q) => ({ ...q, id: 'q-new' })),
    }),
  ],
];

const DIFFERENT: Array<[string, Change]> = [
  ['one word changed', (r) => mapBody(r, (t, i) => (i === 0 ? t.replace('Tuesday', 'Wednesday') : t))],
  ['a paragraph reordered', (r) => ({ ...r, body: [r.body[1]!, r.body[0]!, r.body[2]!] })],
  ["a quote's speaker changed", (r) => ({ ...r, quotes: [{ ...r.quotes[0]!, speakerName: 'John Smith' }] })],
  ['a tag added', (r) => ({ ...r, header: { ...r.header, tags: [...r.header.tags, 'Fire'] } })],
  [
    'the embargo time changed',
    (r) => ({
      ...r,
      header: { ...r.header, embargo: { until: '2024-07-19T00:01', timeZone: 'Europe/London' } },
    }),
  ],
  ['the release type changed', (r) => ({ ...r, header: { ...r.header, type: 'witness-appeal' } })],
  [
    'a quote moved to another paragraph',
    (r) => ({ ...r, quotes: [{ ...r.quotes[0]!, afterParagraphId: 'p1' }] }),
  ],
  ['a quote moved to the end', (r) => ({ ...r, quotes: [{ ...r.quotes[0]!, afterParagraphId: null }] })],
  [
    'a quote paragraph changed',
    (r) => ({
      ...r,
      quotes: [{ ...r.quotes[0]!, paragraphs: ['We are keeping an open mind.', 'Please call us.'] }],
    }),
  ],
  [
    'a name added to the anonymity list',
    (r) => ({
      ...r,
      anonymityList: [...r.anonymityList, { ...protectedPeopleNamed('Mary Roe')[0]!, id: 'person-2' }],
    }),
  ],
  ['a name taken off the anonymity list', (r) => ({ ...r, anonymityList: [] })],
  [
    'a contact phone changed',
    (r) => ({ ...r, mediaContacts: [{ ...r.mediaContacts[0]!, phone: '01234 000000' }] }),
  ],
  [
    'a link address changed',
    (r) => ({ ...r, relatedLinks: [{ ...r.relatedLinks[0]!, url: 'https://example.org/other' }] }),
  ],
  ['a note changed', (r) => ({ ...r, notesToEditors: [{ id: 'n1', text: 'Images are not available.' }] })],
  [
    'an empty paragraph in the middle',
    (r) => ({ ...r, body: [r.body[0]!, { id: 'p9', text: '' }, r.body[1]!, r.body[2]!] }),
  ],
  [
    'a non-breaking space instead of a space',
    (r) => ({ ...r, headline: r.headline.replace('Café fire', 'Café\u00a0fire') }),
  ],
  [
    'a paragraph split in two',
    (r) => mapBody(r, (t, i) => (i === 0 ? t.replace(' on Tuesday', '\n\nOn Tuesday') : t)),
  ],
  ['a letter changed case', (r) => ({ ...r, headline: r.headline.replace('appeal', 'Appeal') })],
];

/** One change per content field, so that a field added to the schema without a line here fails the test below. */
const PER_FIELD: Record<keyof ReleaseContent, Change> = {
  header: (r) => ({ ...r, header: { ...r.header, reference: 'NP-102' } }),
  headline: (r) => ({ ...r, headline: `${r.headline}!` }),
  standfirst: (r) => ({ ...r, standfirst: 'Officers ask witnesses to come forward.' }),
  details: (r) => ({ ...r, details: [{ ...r.details[0]!, text: 'Call 999.' }] }),
  body: (r) => ({ ...r, body: r.body.slice(0, 2) }),
  quotes: (r) => ({ ...r, quotes: [{ ...r.quotes[0]!, organisation: 'Northshire Fire' }] }),
  background: (r) => ({ ...r, background: [{ id: 'b1', text: 'The café opened in 2018.' }] }),
  notesToEditors: (r) => ({ ...r, notesToEditors: [] }),
  boilerplate: (r) => ({ ...r, boilerplate: 'Northshire Police serves 1.3 million people.' }),
  mediaContacts: (r) => ({ ...r, mediaContacts: [{ ...r.mediaContacts[0]!, outOfHours: '' }] }),
  canonicalUrl: (r) => ({ ...r, canonicalUrl: 'https://example.org/news/102' }),
  relatedLinks: (r) => ({ ...r, relatedLinks: [{ ...r.relatedLinks[0]!, label: 'Report it online' }] }),
  endMark: (r) => ({ ...r, endMark: '-ENDS-' }),
  anonymityList: (r) => ({ ...r, anonymityList: protectedPeopleNamed('Jon Doe') }),
  changeNotes: (r) => ({ ...r, changeNotes: [{ ...r.changeNotes[0]!, importance: 'minor' }] }),
};

describe('contentHash', () => {
  const base = baseRelease();
  const baseHash = contentHash(base);

  it('is a 64-digit hex SHA-256 of the canonical content', () => {
    expect(baseHash).toMatch(/^[0-9a-f]{64}$/);
    expect(baseHash).toBe(nodeSha256(canonicalContent(base)));
  });

  it.each(SAME)('does not change for %s', (_name, change) => {
    const changed = change(structuredClone(base));
    expect(canonicalContent(changed)).toBe(canonicalContent(base));
    expect(contentHash(changed)).toBe(baseHash);
  });

  it.each(DIFFERENT)('changes for %s', (_name, change) => {
    expect(contentHash(change(structuredClone(base)))).not.toBe(baseHash);
  });

  it('has a change for every field of the content schema', () => {
    expect(Object.keys(PER_FIELD).sort()).toEqual(Object.keys(ReleaseContentSchema.shape).sort());
  });

  it.each(Object.entries(PER_FIELD))('changes when %s changes', (_field, change) => {
    expect(contentHash(change(structuredClone(base)))).not.toBe(baseHash);
  });

  it('gives every change in the tables a hash of its own', () => {
    const hashes = [...DIFFERENT, ...Object.entries(PER_FIELD)].map(([, change]) =>
      contentHash(change(structuredClone(base))),
    );
    expect(new Set([baseHash, ...hashes]).size).toBe(hashes.length + 1);
  });

  it('treats a quote anchored to a paragraph that is not in the body like one with no anchor, as the renderer does', () => {
    const atEnd = (anchor: string | null) => ({
      ...base,
      quotes: [{ ...base.quotes[0]!, afterParagraphId: anchor }],
    });
    expect(contentHash(atEnd('gone'))).toBe(contentHash(atEnd(null)));
    expect(contentHash(atEnd('p3'))).not.toBe(contentHash(atEnd(null)));
  });

  it('does not change the release it is given', () => {
    const copy = structuredClone(base);
    contentHash(copy);
    expect(copy).toEqual(base);
  });

  it('reads as the structure a reviewer sees', () => {
    const canonical = JSON.parse(canonicalContent(base)) as Record<string, unknown>;
    expect(Object.keys(canonical)).toEqual(Object.keys(ReleaseContentSchema.shape).sort());
    expect(canonical.body).toEqual([
      'A fire broke out on Station Road on Tuesday night.',
      'Nobody was hurt.\n\nThe café was closed at the time.',
      'Officers would like to speak to anyone who saw a grey van.',
    ]);
    expect(canonical.quotes).toEqual([
      {
        afterParagraph: 1,
        organisation: 'Northshire Police',
        paragraphs: ['We are keeping an open mind.', 'Please get in touch.'],
        speakerName: 'Jane Smith',
        speakerRole: 'Detective Inspector',
      },
    ]);
    expect(canonical.anonymityList).toEqual(['John Doe']);
  });

  it("leaves contact ids out: giving an old release's contacts ids changes nothing signed", () => {
    const withIds = {
      ...base,
      mediaContacts: base.mediaContacts.map((contact, index) => ({ ...contact, id: `c-${index}` })),
    };
    expect(contentHash(withIds)).toBe(contentHash(base));
    expect(
      contentHash({
        ...withIds,
        mediaContacts: withIds.mediaContacts.map((c) => ({ ...c, name: `${c.name}x` })),
      }),
    ).not.toBe(contentHash(base));
  });

  it('does not run away on a large release', () => {
    const big: ReleaseContent = {
      ...base,
      body: Array.from({ length: 500 }, (_, i) => ({ id: `p${i}`, text: `Paragraph ${i} `.repeat(60) })),
    };
    const started = performance.now();
    contentHash(big);
    // A runaway guard only; `npm run bench` has the figure.
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
