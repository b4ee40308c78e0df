import { protectedPeopleNamed } from '../../../src-shared/release/schema';
import { describe, expect, it } from 'vitest';
import type { LibraryQuery } from '../../../src-shared/api/contract';
import { createBlankRelease } from '../../../src-shared/release/new-release';
import { DEFAULT_PROFILE, type Release } from '../../../src-shared/release/schema';
import { searchReleases, searchTerms } from '../../../src-main/services/library-search';

let partId = 0;
function release(id: string, change: (r: Release) => void): Release {
  const r = createBlankRelease({
    id,
    type: 'news-release',
    profile: { ...DEFAULT_PROFILE, name: 'Northshire Police', boilerplate: '' },
    now: new Date('2024-07-01T09:00:00Z'),
    makeId: () => `p-${++partId}`,
  });
  r.headline = '';
  r.standfirst = '';
  r.body = [];
  r.notesToEditors = [];
  r.details = [];
  change(r);
  return r;
}

const releases: Release[] = [
  release('cafe', (r) => {
    r.headline = 'Café owner thanks community';
    r.header.tags = ['Ashford', 'Community'];
    r.header.releaseDate = '2024-07-18T09:30';
    r.updatedAt = '2024-07-20T10:00:00.000Z';
    r.status = 'published';
    r.body = [
      { id: 'b1', text: 'The owner of the cafe on the High Street said the support had been overwhelming.' },
    ];
  }),
  release('appeal', (r) => {
    r.header.type = 'witness-appeal';
    r.headline = 'Witnesses sought after crash on the A28';
    r.header.tags = ['ashford', 'Roads'];
    r.header.releaseDate = '2024-07-19T14:00';
    r.updatedAt = '2024-07-22T10:00:00.000Z';
    r.status = 'in-review';
    r.body = [
      {
        id: 'b2',
        text:
          'Officers are appealing for anyone who saw a blue hatchback travelling towards Canterbury shortly ' +
          'before the collision near the Bybrook roundabout, which closed the road for several hours. ' +
          'Anyone with information should call 101 quoting reference 42 of 18 July.',
      },
    ];
    r.quotes = [
      {
        id: 'q1',
        speakerName: 'Priya Raman',
        speakerRole: 'Inspector',
        organisation: 'Northshire Police',
        paragraphs: ['We need dashcam footage from anyone driving nearby.'],
        afterParagraphId: null,
      },
    ];
    r.anonymityList = protectedPeopleNamed('Jonah Whitcombe');
  }),
  release('outcome', (r) => {
    r.header.type = 'outcome';
    r.headline = 'Man jailed for burglary spree';
    r.header.tags = ['Canterbury'];
    r.header.releaseDate = '2024-06-30T23:30';
    r.updatedAt = '2024-07-21T10:00:00.000Z';
    r.status = 'draft';
    r.notesToEditors = [{ id: 'n1', text: 'Sentencing took place at Maidstone Crown Court.' }];
    r.background = [{ id: 'bg1', text: 'The investigation ran for eight months.' }];
  }),
  release('untitled', (r) => {
    r.header.releaseDate = '2024-07-01T10:00';
    r.updatedAt = '2024-07-01T09:00:00.000Z';
    r.mediaContacts = [
      {
        name: 'Sam Okafor',
        role: 'Press officer',
        phone: '01234 567890',
        email: 'press@example.org',
        outOfHours: '',
      },
    ];
  }),
  release('statement', (r) => {
    r.header.type = 'statement';
    r.headline = 'Statement on the Zebra crossing review';
    r.header.reference = 'NSP-2024-117';
    r.header.releaseDate = '2024-07-18T16:00';
    r.updatedAt = '2024-07-19T10:00:00.000Z';
    r.status = 'approved';
    r.details = [{ key: 'what', label: 'What', text: 'A review of pedestrian crossings in Folkestone.' }];
    r.relatedLinks = [{ id: 'l1', label: 'Crossing report', url: 'https://example.org/zebra-report' }];
  }),
];

const ids = (query: LibraryQuery) => searchReleases(releases, query).rows.map((row) => row.id);

describe('library search: free text', () => {
  it.each<[string, string, string[]]>([
    [
      'empty text lists everything, newest change first',
      '',
      ['appeal', 'outcome', 'cafe', 'statement', 'untitled'],
    ],
    ['accented query finds unaccented text and back', 'Café', ['cafe']],
    ['unaccented query finds the accented headline', 'cafe', ['cafe']],
    ['case does not matter', 'WITNESSES', ['appeal']],
    ['every word must match (AND)', 'blue hatchback', ['appeal']],
    ['words may be in different sections', 'crash dashcam', ['appeal']],
    ['a word that is nowhere fails the whole query', 'crash unicorn', []],
    ['a word only in a quote', 'dashcam', ['appeal']],
    ['a speaker name in a quote', 'Raman', ['appeal']],
    ['a word only in a note to editors', 'Maidstone', ['outcome']],
    ['a word only in the background', 'eight months', ['outcome']],
    ['a media contact', 'Okafor', ['untitled']],
    ['the reference', 'nsp-2024-117', ['statement']],
    ['a detail', 'Folkestone', ['statement']],
    ['a link address', 'zebra-report', ['statement']],
    ['a tag', 'roads', ['appeal']],
    ['a name only in the anonymity list is not found', 'Whitcombe', []],
    ['punctuation around a word is ignored', 'Maidstone,', ['outcome']],
    ['a quoted phrase must match as a whole', '"crown court"', ['outcome']],
    ['a quoted phrase in the wrong order does not match', '"court crown"', []],
  ])('%s (%s)', (_name, text, expected) => {
    expect(ids({ text })).toEqual(expected);
  });

  it('splits words and folds them', () => {
    expect(searchTerms('  Café  "Crown  Court" , x ')).toEqual(['cafe', 'crown court', 'x']);
  });
});

describe('library search: filters', () => {
  it.each<[string, LibraryQuery, string[]]>([
    ['status', { statuses: ['draft'] }, ['outcome', 'untitled']],
    ['several statuses', { statuses: ['published', 'approved'] }, ['cafe', 'statement']],
    ['type', { types: ['witness-appeal', 'statement'] }, ['appeal', 'statement']],
    ['tag, whatever its case', { tags: ['ASHFORD'] }, ['appeal', 'cafe']],
    ['any of several tags', { tags: ['Roads', 'Canterbury'] }, ['appeal', 'outcome']],
    ['date from, inclusive', { from: '2024-07-18' }, ['appeal', 'cafe', 'statement']],
    ['date to, inclusive, on the date part only', { to: '2024-06-30' }, ['outcome']],
    ['date range', { from: '2024-07-18', to: '2024-07-18' }, ['cafe', 'statement']],
    ['filters and text together', { text: 'ashford', statuses: ['in-review'] }, ['appeal']],
    ['nothing matches', { statuses: ['withdrawn'] }, []],
  ])('%s', (_name, query, expected) => {
    expect(ids(query)).toEqual(expected);
  });

  it('counts the releases before filtering and lists every tag once, sorted', () => {
    const result = searchReleases(releases, { statuses: ['withdrawn'] });
    expect(result.total).toBe(5);
    expect(result.rows).toEqual([]);
    // "Ashford" twice in this spelling would win; here one each, so the first alphabetically is kept.
    expect(result.allTags).toEqual(['ashford', 'Canterbury', 'Community', 'Roads']);
  });

  it('shows a tag in the spelling most releases use', () => {
    const extra = release('extra', (r) => (r.header.tags = ['Ashford ', '']));
    expect(searchReleases([...releases, extra], {}).allTags).toEqual([
      'Ashford',
      'Canterbury',
      'Community',
      'Roads',
    ]);
  });
});

describe('library search: sorting', () => {
  it.each<[LibraryQuery['sort'], string[]]>([
    ['updated-desc', ['appeal', 'outcome', 'cafe', 'statement', 'untitled']],
    ['updated-asc', ['untitled', 'statement', 'cafe', 'outcome', 'appeal']],
    ['release-date-desc', ['appeal', 'statement', 'cafe', 'untitled', 'outcome']],
    ['release-date-asc', ['outcome', 'untitled', 'cafe', 'statement', 'appeal']],
    // Untitled drafts last; accents do not move a headline.
    ['headline-asc', ['cafe', 'outcome', 'statement', 'appeal', 'untitled']],
  ])('%s', (sort, expected) => {
    expect(ids({ sort })).toEqual(expected);
  });

  it('orders release dates by the moment they happen across time zones', () => {
    const london = release('london', (r) => (r.header.releaseDate = '2024-07-18T09:30'));
    // 09:00 in New York is 14:00 in London: later, although its wall-clock text sorts first.
    const newYork = release('new-york', (r) => {
      r.header.releaseDate = '2024-07-18T09:00';
      r.header.timeZone = 'America/New_York';
    });
    expect(searchReleases([london, newYork], { sort: 'release-date-desc' }).rows.map((r) => r.id)).toEqual([
      'new-york',
      'london',
    ]);
  });
});

describe('library search: snippets', () => {
  const snippet = (text: string, id: string) =>
    searchReleases(releases, { text }).rows.find((row) => row.id === id)?.snippet;

  it('is null when there is no search text', () => {
    expect(searchReleases(releases, {}).rows.every((row) => row.snippet === null)).toBe(true);
  });

  it('is null when every word is in the headline', () => {
    expect(snippet('witnesses crash', 'appeal')).toBeNull();
  });

  it('shows a short text around a match outside the headline, in the original spelling', () => {
    expect(snippet('dashcam', 'appeal')).toBe('We need dashcam footage from anyone driving nearby.');
    expect(snippet('maidstone', 'outcome')).toBe('Sentencing took place at Maidstone Crown Court.');
  });

  it('comes from the section a word is found in when another word is in the headline', () => {
    expect(snippet('crash dashcam', 'appeal')).toContain('dashcam');
  });

  it('is cut at word boundaries with an ellipsis and stays about 120 characters long', () => {
    const text = snippet('roundabout', 'appeal')!;
    expect(text.startsWith('…')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
    expect(text).toContain('Bybrook roundabout');
    expect(text.length).toBeLessThanOrEqual(122);
    expect(text.length).toBeGreaterThan(60);
    // Whole words only: the text after the ellipsis starts a word of the paragraph.
    const paragraph = releases[1]!.body[0]!.text;
    expect(paragraph).toContain(` ${text.slice(1, -1)} `);
  });

  it('maps an accent-folded match back to the accented original', () => {
    const accented = release('accented', (r) => {
      r.headline = 'Opening';
      r.body = [{ id: 'x', text: 'Visitors to the Café Noël can expect a warm welcome.' }];
    });
    const [row] = searchReleases([accented], { text: 'noel' }).rows;
    expect(row?.snippet).toBe('Visitors to the Café Noël can expect a warm welcome.');
  });
});
