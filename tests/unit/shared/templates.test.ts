import { protectedPeopleNamed } from '../../../src-shared/release/schema';
import { parse } from 'parse5';
import { describe, expect, it } from 'vitest';
import { checkRelease } from '../../../src-shared/checks/editorial-checks';
import {
  createBlankRelease,
  duplicateRelease,
  zonedToInstant,
} from '../../../src-shared/release/new-release';
import {
  DEFAULT_PROFILE,
  ReleaseSchema,
  RELEASE_TYPES,
  type Release,
} from '../../../src-shared/release/schema';
import { SECTIONS } from '../../../src-shared/release/sections';
import { RELEASE_TEMPLATES } from '../../../src-shared/release/templates';
import { renderReleaseDocument } from '../../../src-shared/render/render-release';

const now = new Date('2024-07-18T08:30:00Z');
let n = 0;
const makeId = () => `x${++n}`;
const profile = {
  ...DEFAULT_PROFILE,
  name: 'Northshire Police',
  boilerplate: 'About us.',
  endMark: '-ENDS-',
};

describe.each(RELEASE_TYPES)('template %s', (type) => {
  const template = RELEASE_TEMPLATES[type];
  const release = createBlankRelease({ id: 'r-1', type, profile, now, makeId });

  it('makes a valid release of its type, filled from the profile', () => {
    expect(ReleaseSchema.parse(release)).toEqual(release);
    expect(release.header.type).toBe(type);
    expect(release.header.organisation).toBe('Northshire Police');
    expect(release.boilerplate).toBe('About us.');
    expect(release.endMark).toBe('-ENDS-');
    expect(release.details.map((d) => d.key)).toEqual(template.details.map((d) => d.key));
    expect(release.body.map((p) => p.text)).toEqual(template.body.length ? [...template.body] : ['']);
  });

  it('offers sections in the order of the standard structure, always with headline, standfirst and body', () => {
    const order = SECTIONS.map((s) => s.id);
    const indexes = template.sections.map((s) => order.indexOf(s));
    expect(indexes.every((i) => i >= 0)).toBe(true);
    expect([...indexes].sort((a, b) => a - b)).toEqual(indexes);
    for (const required of ['header', 'headline', 'standfirst', 'body', 'endMark'] as const) {
      expect(template.sections).toContain(required);
    }
  });

  it('has guidance for headline, standfirst and body, and a label and description', () => {
    expect(template.label).not.toBe('');
    expect(template.description).not.toBe('');
    for (const section of ['headline', 'standfirst', 'body'] as const)
      expect(template.guidance[section]).toBeTruthy();
  });

  it('renders as a page with one h1 and its key details', () => {
    const filled: Release = {
      ...release,
      headline: release.headline || 'A headline',
      details: release.details.map((d) => ({ ...d, text: `${d.label} text` })),
    };
    const html = renderReleaseDocument(filled, { mode: 'export', draftMark: false, now, profile });
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    for (const detail of filled.details) expect(html).toContain(`${detail.label} text`);
    // parse5 never throws, whatever it is given; what it reports is every place the HTML is malformed.
    const errors: string[] = [];
    parse(html, { onParseError: (error) => errors.push(`${error.code} at ${error.startOffset}`) });
    expect(errors).toEqual([]);
  });

  it('flags each of its placeholders, as an error, until they are replaced', () => {
    const findings = checkRelease(release, { profile, now });
    const placeholders = [
      release.headline,
      ...release.details.map((d) => d.text),
      ...release.body.map((p) => p.text),
    ].flatMap((text) => text.match(/\[[^\]]+\](?!\()/g) ?? []);
    const flagged = findings.filter((f) => f.rule === 'placeholder');
    expect(flagged.map((f) => f.message)).toEqual(
      placeholders.map((placeholder) => `Replace the placeholder “${placeholder}”`),
    );
    expect(flagged.every((f) => f.severity === 'error')).toBe(true);
  });
});

describe('embargoed release template', () => {
  it('starts with an embargo at 00:01 the next day, in the future, dated at the embargo', () => {
    const release = createBlankRelease({ id: 'r-1', type: 'embargoed-release', profile, now, makeId });
    expect(release.header.embargo).toEqual({ until: '2024-07-19T00:01', timeZone: 'Europe/London' });
    expect(release.header.releaseDate).toBe('2024-07-19T00:01');
    expect(zonedToInstant(release.header.embargo!.until, 'Europe/London').getTime()).toBeGreaterThan(
      now.getTime(),
    );
    const html = renderReleaseDocument(release, { mode: 'export', draftMark: true, now, profile });
    expect(html).toContain(
      'EMBARGOED UNTIL <time datetime="2024-07-19T00:01:00+01:00">00:01 BST, Friday 19 July 2024</time>',
    );
  });
});

describe('duplicating a release', () => {
  it('copies the content as a new draft with fresh ids and keeps quotes in place', () => {
    const source: Release = {
      ...createBlankRelease({ id: 'r-src', type: 'news-release', profile, now, makeId }),
      status: 'approved',
      revision: 7,
      headline: 'Original',
      body: [
        { id: 'a', text: 'one' },
        { id: 'b', text: 'two' },
      ],
      quotes: [
        {
          id: 'q',
          speakerName: 'Jo',
          speakerRole: 'Chief',
          organisation: '',
          paragraphs: ['Hi'],
          afterParagraphId: 'a',
        },
      ],
    };
    const copy = duplicateRelease(source, { id: 'r-copy', now: new Date('2024-08-01T10:00:00Z'), makeId });
    expect(ReleaseSchema.parse(copy)).toEqual(copy);
    // The headline as it was: the copy is marked beside the content, never in its text (issue 14, item 11).
    expect(copy).toMatchObject({
      id: 'r-copy',
      status: 'draft',
      revision: 0,
      headline: 'Original',
      copiedFrom: { id: 'r-src', headline: 'Original' },
    });
    expect(copy.body.map((p) => p.text)).toEqual(['one', 'two']);
    expect(copy.body.map((p) => p.id)).not.toContain('a');
    expect(copy.quotes[0]!.afterParagraphId).toBe(copy.body[0]!.id);
    expect(source.body[0]!.id).toBe('a');
  });
});

describe('the anonymity list', () => {
  it('never reaches the rendered page', () => {
    const release = {
      ...createBlankRelease({ id: 'r-1', type: 'news-release', profile, now, makeId }),
      headline: 'Man injured',
      anonymityList: protectedPeopleNamed('Zebedee Quarrington'),
    };
    const html = renderReleaseDocument(release, { mode: 'preview', draftMark: true, now, profile });
    expect(html).not.toContain('Zebedee');
  });
});

describe('the organisation logo', () => {
  const release = {
    ...createBlankRelease({ id: 'r-1', type: 'news-release', profile, now, makeId }),
    headline: 'Logo test',
  };
  const png =
    'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
  it('is drawn in the header from an inline raster data: URL', () => {
    const html = renderReleaseDocument(release, {
      mode: 'export',
      draftMark: false,
      now,
      profile,
      logoDataUrl: png,
    });
    expect(html).toContain(`<img class="logo" src="${png}" alt="Northshire Police logo">`);
  });
  it.each([
    'data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+',
    'https://evil.example/logo.png',
    'javascript:alert(1)',
    'data:image/png;base64,AAAA" onerror="alert(1)',
  ])('is left out for %s', (url) => {
    const html = renderReleaseDocument(release, {
      mode: 'export',
      draftMark: false,
      now,
      profile,
      logoDataUrl: url,
    });
    expect(html).not.toContain('<img');
  });
});
