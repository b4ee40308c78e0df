import { protectedPeopleNamed } from '../../../src-shared/release/schema';
import { describe, expect, it } from 'vitest';
import { createBlankRelease } from '../../../src-shared/release/new-release';
import {
  DEFAULT_PROFILE,
  ReleaseContentSchema,
  type Release,
  type ReleaseContent,
} from '../../../src-shared/release/schema';
import {
  diffReleases,
  diffTokens,
  diffWords,
  tokenize,
  type DiffSegment,
  type FieldDiff,
} from '../../../src-shared/workflow/word-diff';

const oldText = (segments: DiffSegment[]) =>
  segments
    .filter((s) => s.kind !== 'added')
    .map((s) => s.text)
    .join('');
const newText = (segments: DiffSegment[]) =>
  segments
    .filter((s) => s.kind !== 'removed')
    .map((s) => s.text)
    .join('');
const show = (segments: DiffSegment[]) =>
  segments
    .map((s) => (s.kind === 'same' ? s.text : s.kind === 'added' ? `{+${s.text}+}` : `[-${s.text}-]`))
    .join('');

/** A deterministic generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

describe('tokenize', () => {
  it('keeps every character, with words, spaces and punctuation apart', () => {
    const text = "Don't panic: the well-known café (est. 2019) re-opens — on 18 July!\n\nThanks.";
    const tokens = tokenize(text);
    expect(tokens.join('')).toBe(text);
    expect(tokens).toContain("Don't");
    expect(tokens).toContain('well-known');
    expect(tokens).toContain('café');
    expect(tokens).toContain('\n\n');
    expect(tokens).toContain('—');
    expect(tokens).toContain('(');
  });

  it('keeps characters outside the Basic Multilingual Plane whole', () => {
    expect(tokenize('a 𝄞 ☕')).toEqual(['a', ' ', '𝄞', ' ', '☕']);
  });
});

describe('diffWords', () => {
  it.each([
    ['The quick brown fox', 'The slow brown fox', 'The [-quick-]{+slow+} brown fox'],
    ['The quick brown fox', 'The quick brown fox jumps', 'The quick brown fox{+ jumps+}'],
    ['Nobody was hurt.', 'Nobody was hurt!', 'Nobody was hurt[-.-]{+!+}'],
    ['the quick brown fox', 'a slow red fox', '[-the quick brown-]{+a slow red+} fox'],
    ['Call 101 today.', 'Call 101 or 999 today.', 'Call 101 {+or 999 +}today.'],
    ['one  two', 'one two', 'one[-  -]{+ +}two'],
    ['', 'New text', '{+New text+}'],
    ['Old text', '', '[-Old text-]'],
    ['Café ☕', 'Café 𝄞', 'Café [-☕-]{+𝄞+}'],
  ])('%j → %j', (a, b, expected) => {
    const segments = diffWords(a, b);
    expect(show(segments)).toBe(expected);
    expect(oldText(segments)).toBe(a);
    expect(newText(segments)).toBe(b);
  });

  it('gives one "same" segment for equal texts and none for two empty ones', () => {
    expect(diffWords('Same text.', 'Same text.')).toEqual([{ kind: 'same', text: 'Same text.' }]);
    expect(diffWords('', '')).toEqual([]);
  });

  it('never puts two segments of one kind side by side, and removals come before additions', () => {
    const next = random(7);
    const vocab = [
      'the',
      'police',
      'said',
      'on',
      'Tuesday',
      'a',
      'man',
      'was',
      'arrested',
      '.',
      ',',
      'in',
      'Ashford',
    ];
    for (let round = 0; round < 300; round++) {
      const words = (n: number) =>
        Array.from({ length: n }, () => vocab[Math.floor(next() * vocab.length)]).join(' ');
      const a = words(Math.floor(next() * 30));
      const b =
        next() < 0.5
          ? words(Math.floor(next() * 30))
          : a.replace(/police|man/g, (w) => (next() < 0.5 ? w : 'officer'));
      const segments = diffWords(a, b);
      expect(oldText(segments), `round ${round}`).toBe(a);
      expect(newText(segments), `round ${round}`).toBe(b);
      for (let i = 1; i < segments.length; i++) {
        expect(segments[i]!.kind).not.toBe(segments[i - 1]!.kind);
        expect(segments[i - 1]!.kind === 'added' && segments[i]!.kind === 'removed').toBe(false);
      }
      expect(segments.every((s) => s.text.length > 0)).toBe(true);
    }
  });

  it('never claims more in common than a plain LCS finds, and rebuilds both sides', () => {
    const next = random(11);
    for (let round = 0; round < 200; round++) {
      const tokens = (n: number) => Array.from({ length: n }, () => 'abcde'[Math.floor(next() * 5)]!);
      const a = tokens(Math.floor(next() * 12));
      const b = tokens(Math.floor(next() * 12));
      // Tokens without spaces or punctuation are never folded, so the counts are the raw edit script's.
      const segments = diffTokens(a, b);
      const kept = segments.filter((s) => s.kind === 'same').reduce((n, s) => n + s.text.length, 0);
      expect(kept, `${a.join('')} / ${b.join('')}`).toBeLessThanOrEqual(lcsLength(a, b));
      expect(oldText(segments)).toBe(a.join(''));
      expect(newText(segments)).toBe(b.join(''));
    }
  });
});

function lcsLength(a: string[], b: string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = a[i - 1] === b[j - 1] ? diagonal + 1 : Math.max(row[j]!, row[j - 1]!);
      diagonal = above;
    }
  }
  return row[b.length]!;
}

describe('diffWords on long texts', () => {
  const next = random(42);
  const vocab = Array.from({ length: 3000 }, (_, i) => `word${i.toString(36)}`);
  const words = (n: number) => Array.from({ length: n }, () => vocab[Math.floor(next() * vocab.length)]!);
  const a = words(10_000);
  const textA = a.join(' ');

  // A guard against quadratic blow-ups (minutes), loose enough for a busy CI machine: the speed target itself
  // (10,000 words well under a second) is measured by `npm run bench`.
  const RUNAWAY_MS = 5000;
  const timed = (b: string) => {
    const started = performance.now();
    const segments = diffWords(textA, b);
    const ms = performance.now() - started;
    expect(oldText(segments)).toBe(textA);
    expect(newText(segments)).toBe(b);
    return { segments, ms };
  };

  it('compares 10,000 words with scattered edits without running away', () => {
    const b = [...a];
    for (let i = 0; i < 300; i++) b[Math.floor(next() * b.length)] = 'CHANGED';
    for (let i = 0; i < 50; i++) b.splice(Math.floor(next() * b.length), 0, 'INSERTED');
    const { segments, ms } = timed(b.join(' '));
    expect(ms).toBeLessThan(RUNAWAY_MS);
    expect(
      segments
        .filter((s) => s.kind === 'added')
        .map((s) => s.text)
        .join(' '),
    ).toContain('CHANGED');
    // Most of the text is still recognised as unchanged.
    const same = segments.filter((s) => s.kind === 'same').reduce((n, s) => n + s.text.length, 0);
    expect(same / textA.length).toBeGreaterThan(0.9);
  });

  it('compares two unrelated 10,000-word texts without running away', () => {
    expect(timed(words(10_000).join(' ')).ms).toBeLessThan(RUNAWAY_MS);
    expect(timed(Array.from({ length: 10_000 }, (_, i) => `other${i}`).join(' ')).ms).toBeLessThan(
      RUNAWAY_MS,
    );
  });

  it('compares a 10,000-word text with itself shuffled without running away', () => {
    const shuffled = [...a].sort(() => next() - 0.5);
    expect(timed(shuffled.join(' ')).ms).toBeLessThan(RUNAWAY_MS);
  });

  it('compares a 10,000-word release with moved and edited paragraphs without running away', () => {
    const paragraphs = Array.from({ length: 200 }, (_, i) => ({
      id: `p${i}`,
      text: a.slice(i * 50, i * 50 + 50).join(' '),
    }));
    const before = { ...content(), body: paragraphs };
    const moved = [...paragraphs];
    moved.splice(150, 0, ...moved.splice(10, 5));
    const after = {
      ...before,
      body: moved.map((p, i) => (i % 7 === 0 ? { ...p, text: p.text.replace(/word/g, 'term') } : p)),
    };
    const started = performance.now();
    const diff = diffReleases(before, after);
    expect(performance.now() - started).toBeLessThan(RUNAWAY_MS);
    expect(diff.filter((d) => d.field.startsWith('body.') && d.moved)).toHaveLength(5);
  });
});

// --- releases ---------------------------------------------------------------------------------------------------

function content(): Release {
  let n = 0;
  const release = createBlankRelease({
    id: 'r-diff',
    type: 'witness-appeal',
    profile: DEFAULT_PROFILE,
    now: new Date('2024-07-18T08:30:00Z'),
    makeId: () => `x${++n}`,
  });
  return {
    ...release,
    header: {
      ...release.header,
      organisation: 'Northshire Police',
      reference: 'NP-1',
      tags: ['Ashford', 'Appeals'],
    },
    headline: 'Appeal after fire in Ashford',
    standfirst: 'Officers want to hear from witnesses.',
    details: [
      { key: 'contact-route', label: 'How to contact us', text: 'Call 101.' },
      { key: 'incident-time', label: 'When it happened', text: 'Tuesday night.' },
    ],
    body: [
      { id: 'p1', text: 'A fire broke out on Station Road.' },
      { id: 'p2', text: 'Nobody was hurt.' },
      { id: 'p3', text: 'Officers want to speak to a man seen nearby.' },
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
    notesToEditors: [
      { id: 'n1', text: 'Images are available.' },
      { id: 'n2', text: 'Interviews on request.' },
    ],
    boilerplate: 'Northshire Police serves 1.2 million people.',
    mediaContacts: [
      {
        name: 'Press office',
        role: 'Media',
        phone: '01234 567890',
        email: 'press@example.org',
        outOfHours: '07700 900000',
      },
      {
        name: 'Sam Lee',
        role: 'Press officer',
        phone: '01234 111111',
        email: 'sam@example.org',
        outOfHours: '',
      },
    ],
    canonicalUrl: 'https://example.org/news/1',
    relatedLinks: [{ id: 'l1', label: 'Report online', url: 'https://example.org/report' }],
    endMark: 'ENDS',
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

const changed = (diff: FieldDiff[]) => diff.filter((d) => d.change !== 'same');
const at = (diff: FieldDiff[], field: string) => diff.filter((d) => d.field === field);

describe('diffReleases', () => {
  const base = content();

  it('lists every field, in reading order, all "same" for equal versions', () => {
    const diff = diffReleases(base, structuredClone(base));
    expect(changed(diff)).toEqual([]);
    const fields = diff.map((d) => d.field);
    expect(fields.slice(0, 9)).toEqual([
      'header.type',
      'header.organisation',
      'header.releaseDate',
      'header.timeZone',
      'header.embargo',
      'header.reference',
      'header.tags',
      'headline',
      'standfirst',
    ]);
    expect(fields).toEqual(
      expect.arrayContaining([
        'details.0',
        'details.0.label',
        'body.2',
        'quotes.0.speakerName',
        'quotes.0.speakerRole',
        'quotes.0.organisation',
        'quotes.0.paragraphs',
        'quotes.0.afterParagraphId',
        'background.0',
        'notesToEditors.1',
        'boilerplate',
        'mediaContacts.1.phone',
        'mediaContacts.0.outOfHours',
        'canonicalUrl',
        'relatedLinks.0.label',
        'relatedLinks.0.url',
        'endMark',
        'anonymityList',
        'changeNotes.0',
      ]),
    );
    // Every top-level field of the content schema has at least one entry.
    const roots = new Set(fields.map((f) => f.split('.')[0]));
    expect([...roots].sort()).toEqual(Object.keys(ReleaseContentSchema.shape).sort());
    expect(new Set(fields).size).toBe(fields.length);
    for (const entry of diff) expect(entry.label).not.toBe('');
  });

  /** One edit per field: exactly the field named (and nothing else) changes, with the label given. */
  const EDITS: Array<[string, string, (r: Release) => ReleaseContent]> = [
    ['header.type', 'Release type', (r) => ({ ...r, header: { ...r.header, type: 'statement' } })],
    [
      'header.organisation',
      'Issued by',
      (r) => ({ ...r, header: { ...r.header, organisation: 'Northshire Fire' } }),
    ],
    [
      'header.releaseDate',
      'Release date and time',
      (r) => ({ ...r, header: { ...r.header, releaseDate: '2024-07-19T10:00' } }),
    ],
    ['header.timeZone', 'Time zone', (r) => ({ ...r, header: { ...r.header, timeZone: 'Europe/Dublin' } })],
    [
      'header.embargo',
      'Embargo',
      (r) => ({
        ...r,
        header: { ...r.header, embargo: { until: '2024-07-19T00:01', timeZone: 'Europe/London' } },
      }),
    ],
    ['header.reference', 'Reference', (r) => ({ ...r, header: { ...r.header, reference: 'NP-2' } })],
    ['header.tags', 'Tags', (r) => ({ ...r, header: { ...r.header, tags: ['Ashford', 'Fire', 'Appeals'] } })],
    ['headline', 'Headline', (r) => ({ ...r, headline: 'Appeal after blaze in Ashford' })],
    ['standfirst', 'Standfirst', (r) => ({ ...r, standfirst: 'Officers want to hear from you.' })],
    [
      'details.1',
      'When it happened',
      (r) => ({ ...r, details: [r.details[0]!, { ...r.details[1]!, text: 'Wednesday night.' }] }),
    ],
    [
      'details.0.label',
      'How to reach us — label',
      (r) => ({ ...r, details: [{ ...r.details[0]!, label: 'How to reach us' }, r.details[1]!] }),
    ],
    [
      'body.1',
      'Paragraph 2',
      (r) => ({
        ...r,
        body: r.body.map((p) => (p.id === 'p2' ? { ...p, text: 'Nobody was badly hurt.' } : p)),
      }),
    ],
    [
      'quotes.0.speakerName',
      'Quote 1 — speaker',
      (r) => ({ ...r, quotes: [{ ...r.quotes[0]!, speakerName: 'John Smith' }] }),
    ],
    [
      'quotes.0.speakerRole',
      "Quote 1 — speaker's role",
      (r) => ({ ...r, quotes: [{ ...r.quotes[0]!, speakerRole: 'Inspector' }] }),
    ],
    [
      'quotes.0.organisation',
      'Quote 1 — organisation',
      (r) => ({ ...r, quotes: [{ ...r.quotes[0]!, organisation: 'Northshire Fire' }] }),
    ],
    [
      'quotes.0.paragraphs',
      'Quote 1 — quotation',
      (r) => ({ ...r, quotes: [{ ...r.quotes[0]!, paragraphs: ['We are keeping an open mind.'] }] }),
    ],
    [
      'quotes.0.afterParagraphId',
      'Quote 1 — position',
      (r) => ({ ...r, quotes: [{ ...r.quotes[0]!, afterParagraphId: 'p3' }] }),
    ],
    [
      'background.0',
      'Background paragraph 1',
      (r) => ({ ...r, background: [{ id: 'b1', text: 'The café opened in 2018.' }] }),
    ],
    [
      'notesToEditors.1',
      'Note to editors 2',
      (r) => ({ ...r, notesToEditors: [r.notesToEditors[0]!, { id: 'n2', text: 'No interviews.' }] }),
    ],
    ['boilerplate', 'About', (r) => ({ ...r, boilerplate: 'Northshire Police serves 1.3 million people.' })],
    [
      'mediaContacts.1.phone',
      'Media contact 2 — phone',
      (r) => ({
        ...r,
        mediaContacts: [r.mediaContacts[0]!, { ...r.mediaContacts[1]!, phone: '01234 222222' }],
      }),
    ],
    [
      'mediaContacts.0.outOfHours',
      'Media contact 1 — out of hours',
      (r) => ({ ...r, mediaContacts: [{ ...r.mediaContacts[0]!, outOfHours: '' }, r.mediaContacts[1]!] }),
    ],
    ['canonicalUrl', 'Original article link', (r) => ({ ...r, canonicalUrl: 'https://example.org/news/2' })],
    [
      'relatedLinks.0.url',
      'Related link 1 — address',
      (r) => ({ ...r, relatedLinks: [{ ...r.relatedLinks[0]!, url: 'https://example.org/other' }] }),
    ],
    [
      'relatedLinks.0.label',
      'Related link 1 — text',
      (r) => ({ ...r, relatedLinks: [{ ...r.relatedLinks[0]!, label: 'Tell us online' }] }),
    ],
    ['endMark', 'End mark', (r) => ({ ...r, endMark: '-ENDS-' })],
    [
      'anonymityList',
      'Protected people',
      (r) => ({ ...r, anonymityList: protectedPeopleNamed('John Doe', 'Mary Roe') }),
    ],
    [
      'changeNotes.0',
      'Change note 1 (major)',
      (r) => ({ ...r, changeNotes: [{ ...r.changeNotes[0]!, text: 'Corrected the time of the hearing.' }] }),
    ],
  ];

  it.each(EDITS)('reports a change to %s as "%s" and nothing else', (field, label, edit) => {
    const diff = changed(diffReleases(base, edit(structuredClone(base))));
    expect(diff.map((d) => [d.field, d.label, d.change])).toEqual([[field, label, 'changed']]);
    expect(diff[0]!.segments.some((s) => s.kind !== 'same')).toBe(true);
  });

  it('covers every content field in the edits above', () => {
    const roots = new Set(EDITS.map(([field]) => field.split('.')[0]));
    for (const key of Object.keys(ReleaseContentSchema.shape)) expect(roots, key).toContain(key);
  });

  it('shows word-level changes inside a paragraph', () => {
    const after = {
      ...base,
      body: base.body.map((p) =>
        p.id === 'p3' ? { ...p, text: 'Officers want to speak to a woman seen nearby.' } : p,
      ),
    };
    const [entry] = changed(diffReleases(base, after));
    expect(entry!.segments).toEqual([
      { kind: 'same', text: 'Officers want to speak to a ' },
      { kind: 'removed', text: 'man' },
      { kind: 'added', text: 'woman' },
      { kind: 'same', text: ' seen nearby.' },
    ]);
  });

  it('reports a moved paragraph as moved, not as a rewrite', () => {
    const after = { ...base, body: [base.body[0]!, base.body[2]!, base.body[1]!] };
    const body = diffReleases(base, after).filter((d) => d.field.startsWith('body.'));
    expect(body.map((d) => [d.field, d.change, d.moved])).toEqual([
      ['body.0', 'same', undefined],
      ['body.1', 'same', undefined],
      ['body.2', 'same', { from: 1, to: 2 }],
    ]);
    expect(body[2]!.segments).toEqual([{ kind: 'same', text: 'Nobody was hurt.' }]);
  });

  it('reports a paragraph that moved and changed as both', () => {
    const after = {
      ...base,
      body: [
        { ...base.body[2]!, text: 'Officers want to speak to a man seen running.' },
        base.body[0]!,
        base.body[1]!,
      ],
    };
    const body = diffReleases(base, after).filter((d) => d.field.startsWith('body.'));
    expect(body[0]).toMatchObject({ field: 'body.0', change: 'changed', moved: { from: 2, to: 0 } });
    expect(body.slice(1).every((d) => d.change === 'same' && !d.moved)).toBe(true);
  });

  it('does not call paragraphs moved when one is added above them', () => {
    const after = { ...base, body: [{ id: 'p0', text: 'Breaking: a new first paragraph.' }, ...base.body] };
    const body = diffReleases(base, after).filter((d) => d.field.startsWith('body.'));
    expect(body.map((d) => [d.field, d.label, d.change, d.moved])).toEqual([
      ['body.0', 'Paragraph 1', 'added', undefined],
      ['body.1', 'Paragraph 2', 'same', undefined],
      ['body.2', 'Paragraph 3', 'same', undefined],
      ['body.3', 'Paragraph 4', 'same', undefined],
    ]);
    expect(body[0]!.segments).toEqual([{ kind: 'added', text: 'Breaking: a new first paragraph.' }]);
    // The quote still follows "Nobody was hurt.", now paragraph 3: its position has not changed.
    expect(at(diffReleases(base, after), 'quotes.0.afterParagraphId')[0]!.change).toBe('same');
  });

  it('reports a removed paragraph whole, where it used to be', () => {
    const after = { ...base, body: [base.body[0]!, base.body[2]!] };
    const body = diffReleases(base, after).filter((d) => d.field.startsWith('body.'));
    expect(body.map((d) => [d.field, d.change])).toEqual([
      ['body.0', 'same'],
      ['body.1', 'removed'],
      ['body.1', 'same'],
    ]);
    expect(body[1]!.segments).toEqual([{ kind: 'removed', text: 'Nobody was hurt.' }]);
  });

  it('reports an added or removed quote field by field', () => {
    const quote = { ...base.quotes[0]!, id: 'q2', speakerName: 'Sam Lee', paragraphs: ['Thank you.'] };
    const added = changed(diffReleases(base, { ...base, quotes: [...base.quotes, quote] }));
    expect(added.map((d) => [d.field, d.label, d.change])).toEqual([
      ['quotes.1.speakerName', 'Quote 2 — speaker', 'added'],
      ['quotes.1.speakerRole', "Quote 2 — speaker's role", 'added'],
      ['quotes.1.organisation', 'Quote 2 — organisation', 'added'],
      ['quotes.1.paragraphs', 'Quote 2 — quotation', 'added'],
      ['quotes.1.afterParagraphId', 'Quote 2 — position', 'added'],
    ]);
    expect(added[4]!.segments).toEqual([{ kind: 'added', text: 'After paragraph 2 (“Nobody was hurt.”)' }]);
    const removed = changed(diffReleases(base, { ...base, quotes: [] }));
    expect(removed.map((d) => d.change)).toEqual(Array(5).fill('removed'));
    expect(removed[0]!.segments).toEqual([{ kind: 'removed', text: 'Jane Smith' }]);
  });

  it('matches media contacts by name when one is added or removed', () => {
    const after = { ...base, mediaContacts: [base.mediaContacts[1]!] };
    const contacts = diffReleases(base, after).filter((d) => d.field.startsWith('mediaContacts.'));
    expect(contacts.filter((d) => d.change === 'removed').map((d) => d.field)).toEqual([
      'mediaContacts.0.name',
      'mediaContacts.0.role',
      'mediaContacts.0.phone',
      'mediaContacts.0.email',
      'mediaContacts.0.outOfHours',
    ]);
    expect(
      contacts
        .filter((d) => d.change === 'same')
        .every((d) => d.field.startsWith('mediaContacts.0.') && !d.moved),
    ).toBe(true);
    // Sam Lee is now contact 1, unchanged: a removal above is not a move.
    expect(contacts.filter((d) => d.change === 'same')).toHaveLength(5);
  });

  it('shows tags and names as items', () => {
    const after = { ...base, header: { ...base.header, tags: ['Ashford', 'Fire', 'Appeals'] } };
    const [tags] = at(diffReleases(base, after), 'header.tags');
    expect(tags!.segments).toEqual([
      { kind: 'same', text: 'Ashford, ' },
      { kind: 'added', text: 'Fire, ' },
      { kind: 'same', text: 'Appeals' },
    ]);
    expect(oldText(tags!.segments)).toBe('Ashford, Appeals');
    expect(newText(tags!.segments)).toBe('Ashford, Fire, Appeals');
  });

  it('describes the release type, the embargo and the dates for people', () => {
    const after = {
      ...base,
      header: {
        ...base.header,
        type: 'statement' as const,
        embargo: { until: '2024-07-19T00:01', timeZone: 'Europe/London' },
      },
    };
    const diff = diffReleases(base, after);
    expect(oldText(at(diff, 'header.type')[0]!.segments)).toBe('Witness appeal');
    expect(newText(at(diff, 'header.type')[0]!.segments)).toBe('Statement');
    expect(oldText(at(diff, 'header.embargo')[0]!.segments)).toBe('None (for immediate release)');
    expect(newText(at(diff, 'header.embargo')[0]!.segments)).toBe('Until 2024-07-19 00:01 Europe/London');
  });

  it('puts the old and the new text of every entry back together exactly', () => {
    const after: ReleaseContent = {
      ...base,
      headline: 'A rewritten headline',
      body: [
        base.body[2]!,
        { id: 'p9', text: 'New.' },
        { ...base.body[0]!, text: 'A fire broke out on Mill Lane.' },
      ],
      quotes: [{ ...base.quotes[0]!, paragraphs: ['Only this.'] }],
      mediaContacts: [],
    };
    for (const entry of diffReleases(base, after)) {
      const segments = entry.segments;
      if (entry.change === 'added') expect(oldText(segments)).toBe('');
      if (entry.change === 'removed') expect(newText(segments)).toBe('');
      if (entry.change === 'same') expect(segments.every((s) => s.kind === 'same')).toBe(true);
    }
  });
});
