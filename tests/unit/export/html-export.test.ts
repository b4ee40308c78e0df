import { describe, expect, it } from 'vitest';
import { exportFileName } from '../../../src-main/services/export/export-file-name';
import { exportRelease, type ExportReleaseInput } from '../../../src-main/services/export/export-release';
import { loadHouseFonts } from '../../../src-main/services/export/house-fonts';
import { latestNewsFor } from '../../../src-main/services/export/html-export';
import {
  DEFAULT_SETTINGS,
  RELEASE_STATUSES,
  type Release,
  type ReleaseStatus,
} from '../../../src-shared/release/schema';
import { DRAFT_MARK, isSafeFontFace, RELEASE_CSP } from '../../../src-shared/render/render-release';
import { contentHash } from '../../../src-shared/workflow/content-hash';
import {
  AFTER_EMBARGO,
  attr,
  BEFORE_EMBARGO,
  byTag,
  elements,
  parseHtml,
  profile,
  release,
  textOf,
  type Element,
} from './fixtures';

const PNG_1x1 =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

async function exportHtml(overrides: Partial<ExportReleaseInput> = {}) {
  const result = await exportRelease({
    release: release(),
    profile,
    format: 'html',
    now: BEFORE_EMBARGO,
    ...overrides,
  });
  if (!result.ok) throw new Error(result.error.message);
  const html = new TextDecoder().decode(result.value.bytes);
  return { ...result.value, html, document: parseHtml(html) };
}

function published(id: string, releaseDate: string, extra: Partial<Release> = {}): Release {
  return release(
    {
      id,
      headline: `Headline of ${id}`,
      standfirst: `Standfirst of ${id}`,
      header: { ...release().header, releaseDate, embargo: null },
      // No original article unless a test gives one: "Latest news" links it (issue 14, item 7).
      canonicalUrl: '',
      ...extra,
    },
    'published',
  );
}

const hasClass = (el: Element, name: string) => (attr(el, 'class') ?? '').split(/\s+/).includes(name);

describe('HTML export: structure', () => {
  it('is one semantic page: main, article, one h1, time datetime, figures with blockquote and cite, notes as ol', async () => {
    const { document } = await exportHtml();
    expect(byTag(document, 'main')).toHaveLength(1);
    expect(byTag(document, 'article')).toHaveLength(1);
    const h1s = byTag(document, 'h1');
    expect(h1s).toHaveLength(1);
    expect(textOf(h1s[0]!)).toBe('Ashford man jailed for harassing former partner');

    const times = byTag(document, 'time');
    expect(times.map((t) => attr(t, 'datetime'))).toEqual(
      expect.arrayContaining(['2024-07-18T09:30:00+01:00', '2024-07-18T00:01:00+01:00']),
    );

    const figures = elements(document).filter((el) => el.tagName === 'figure' && hasClass(el, 'quote'));
    expect(figures).toHaveLength(2);
    const [first, second] = figures;
    // "Role Name said:" is the figure's caption; the quotation is in curly marks; no caption repeats the name.
    expect(byTag(first!, 'figcaption').map(textOf)).toEqual(['Detective Inspector Sarah Okafor said:']);
    const blockquote = byTag(first!, 'blockquote')[0]!;
    expect(attr(blockquote, 'cite')).toBe('https://northshire.example/news/ashford-harassment');
    expect(textOf(blockquote)).toBe('“Harassment ruins lives. We will always take it seriously.”');
    expect(byTag(first!, 'cite')).toEqual([]);
    // A speaker from another organisation is placed by it; the issuer's own officer is not.
    expect(byTag(second!, 'figcaption').map(textOf)).toEqual([
      'Victim support lead Priya Shah, of Northshire Victim Care, said:',
    ]);

    const notes = elements(document).find(
      (el) => el.tagName === 'section' && hasClass(el, 'notes-to-editors'),
    )!;
    const ol = byTag(notes, 'ol');
    expect(ol).toHaveLength(1);
    expect(byTag(ol[0]!, 'li').map(textOf)).toEqual([
      'Photographs of Smith are available on request.',
      'The case reference is NP-2024-117.',
    ]);
    expect(textOf(document)).toContain('ENDS');
  });

  it('reads like a UK release, in order: issuer and date, embargo, headline, standfirst, body, background, ENDS, notes, about, contacts, links', async () => {
    const text = textOf(byTag((await exportHtml()).document, 'article')[0]!).replace(/\s+/g, ' ');
    const order = [
      'Northshire Police',
      '18 July 2024',
      'EMBARGOED UNTIL 00:01 BST, Thursday 18 July 2024',
      'Ashford man jailed',
      'A 41-year-old man',
      'sentenced to two years',
      'Background',
      'ENDS',
      'Notes to editors',
      'About Northshire Police',
      'Media contacts',
      'Original article',
    ];
    const positions = order.map((phrase) => text.indexOf(phrase));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('is self-contained: no script, no handler, no external resource, the strict CSP', async () => {
    const { html, document } = await exportHtml({ logoDataUrl: PNG_1x1 });
    const all = elements(document);
    expect(
      all.filter((el) =>
        ['script', 'iframe', 'object', 'embed', 'base', 'link', 'form'].includes(el.tagName),
      ),
    ).toEqual([]);
    expect(all.flatMap((el) => el.attrs.filter((a) => /^on/i.test(a.name)))).toEqual([]);
    for (const el of all) {
      const href = attr(el, 'href');
      if (href !== undefined) expect(href).toMatch(/^(?:https?:|mailto:|tel:|[A-Za-z0-9_][\w.-]*\.pdf$)/);
      const src = attr(el, 'src');
      if (src !== undefined) expect(src).toMatch(/^data:image\/png;base64,/);
    }
    const csp = all.find(
      (el) => el.tagName === 'meta' && attr(el, 'http-equiv') === 'Content-Security-Policy',
    );
    expect(attr(csp!, 'content')).toBe(RELEASE_CSP);
    // Every url() in the styles is an inline font.
    const urls = [...html.matchAll(/url\(([^)]*)\)/g)].map((match) => match[1]!);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url).toMatch(/^data:font\/woff2;base64,/);
    expect(byTag(document, 'img').map((img) => attr(img, 'alt'))).toEqual(['Northshire Police logo']);
  });

  it('inlines the house font and names it first in both voices', async () => {
    const fonts = await loadHouseFonts();
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    expect(fonts.every(isSafeFontFace)).toBe(true);
    const { html } = await exportHtml();
    expect(html.match(/@font-face/g)).toHaveLength(fonts.length);
    expect(html).toContain("--font-serif:'Pressroom Serif', Georgia");
    expect(html).toContain("--font-sans:'Pressroom Sans', system-ui");
  });

  it('refuses a font face that could break out of the stylesheet', async () => {
    const evil = {
      role: 'serif' as const,
      family: "x';}</style><script>alert(1)</script>",
      weight: 400,
      style: 'normal' as const,
      dataUrl: 'data:font/woff2;base64,AAAA',
    };
    const { html } = await exportHtml({
      fontFaces: [evil, { ...evil, family: 'Fine', dataUrl: 'data:font/woff2;base64,AA);}<' }],
    });
    expect(html).not.toContain('@font-face');
    expect(html).not.toContain('<script');
  });

  it('lays a Letter copy out on Letter paper', async () => {
    expect((await exportHtml({ pageSize: 'Letter' })).html).toContain('@page { size: Letter; }');
    expect((await exportHtml()).html).not.toContain('size: Letter');
  });

  it('reports the hash of the content it exported', async () => {
    const r = release();
    expect((await exportHtml({ release: r })).contentHash).toBe(contentHash(r));
  });
});

describe('HTML export: draft and embargo rules', () => {
  it.each(RELEASE_STATUSES.map((status) => [status]))('a %s release', async (status: ReleaseStatus) => {
    const final = status === 'approved' || status === 'published';
    const { html, document, draft, fileName } = await exportHtml({ release: release({}, status) });
    expect(draft).toBe(!final);
    expect(fileName.startsWith('DRAFT-NOT-APPROVED-')).toBe(!final);
    const article = byTag(document, 'article')[0]!;
    // The stylesheet always holds the mark (for the printed watermark); the page shows it only on a draft.
    expect(textOf(article).includes(DRAFT_MARK)).toBe(!final);
    expect(html.includes('class="draft-banner"')).toBe(!final);
    expect(hasClass(article, 'is-draft')).toBe(!final);
  });

  it('shows the embargo line at the top until the embargo passes', async () => {
    const before = await exportHtml();
    expect(before.embargoLine).toBe('EMBARGOED UNTIL 00:01 BST, Thursday 18 July 2024');
    const embargo = elements(before.document).find((el) => hasClass(el, 'embargo'))!;
    expect(textOf(embargo)).toBe('EMBARGOED UNTIL 00:01 BST, Thursday 18 July 2024');
    const after = await exportHtml({ now: AFTER_EMBARGO });
    expect(after.embargoLine).toBeNull();
    expect(after.html).not.toContain('EMBARGOED');
  });

  it('names the zone in force at the embargo time (GMT in winter)', async () => {
    const winter = release({
      header: { ...release().header, embargo: { until: '2024-12-05T10:00', timeZone: 'Europe/London' } },
    });
    const { embargoLine } = await exportHtml({ release: winter });
    expect(embargoLine).toBe('EMBARGOED UNTIL 10:00 GMT, Thursday 5 December 2024');
  });
});

describe('HTML export: latest news', () => {
  const others = [
    published('r-old', '2024-06-01T10:00'),
    published('r-newest', '2024-07-17T10:00'),
    published('r-mid', '2024-07-01T10:00'),
    release({ id: 'r-draft', headline: 'Unpublished draft' }, 'draft'),
    release({ id: 'r-approved', headline: 'Approved, not yet out' }, 'approved'),
    published('r-embargoed', '2024-07-20T10:00', {
      header: {
        ...release().header,
        releaseDate: '2024-07-20T10:00',
        embargo: { until: '2024-07-20T00:01', timeZone: 'Europe/London' },
      },
    }),
  ];

  it('lists the newest other published releases, as many as the setting says', async () => {
    const self = published('r-self', '2024-07-18T10:00');
    const { document } = await exportHtml({
      release: self,
      allReleases: [self, ...others],
      settings: { latestNewsCount: 2 },
    });
    const aside = byTag(document, 'aside')[0]!;
    expect(textOf(byTag(aside, 'h2')[0]!)).toBe('Latest news from Northshire Police');
    expect(byTag(aside, 'h3').map(textOf)).toEqual(['Headline of r-newest', 'Headline of r-mid']);
    expect(textOf(aside)).toContain('Standfirst of r-newest');
    expect(byTag(aside, 'time').map((t) => attr(t, 'datetime'))).toEqual([
      '2024-07-17T10:00:00+01:00',
      '2024-07-01T10:00:00+01:00',
    ]);
    // A page downloaded lands nobody knows where: nothing relative is linked, and no release here has an article.
    expect(byTag(aside, 'a')).toEqual([]);
    expect(textOf(aside)).not.toContain('Printable version');
  });

  const fileOf = (other: Release, format: 'html' | 'pdf') =>
    exportFileName({
      id: other.id,
      headline: other.headline,
      releaseDate: other.header.releaseDate,
      draft: false,
      format,
    });

  it('links a headline to its page in the export folder, else to its original article, else not at all (issue 14, item 7)', async () => {
    const self = published('r-self', '2024-07-18T10:00');
    const newest = others[1]!;
    const mid = { ...others[2]!, canonicalUrl: 'https://northshire.example/news/r-mid' };
    const old = others[0]!;
    const { document } = await exportHtml({
      release: self,
      allReleases: [self, newest, mid, old],
      besideFiles: new Set([fileOf(newest, 'html'), fileOf(mid, 'pdf'), 'unrelated.html']),
    });
    const aside = byTag(document, 'aside')[0]!;
    const headings = byTag(aside, 'h3');
    expect(headings.map((h) => byTag(h, 'a').map((a) => attr(a, 'href')))).toEqual([
      [fileOf(newest, 'html')],
      ['https://northshire.example/news/r-mid'],
      [],
    ]);
    expect(headings.map(textOf)).toEqual(['Headline of r-newest', 'Headline of r-mid', 'Headline of r-old']);
    // "Printable version (PDF)" only where that PDF is in the folder.
    const pdfLinks = byTag(aside, 'a').filter((a) => hasClass(a, 'pdf-link'));
    expect(pdfLinks.map((a) => attr(a, 'href'))).toEqual([fileOf(mid, 'pdf')]);
    expect(textOf(aside).match(/Printable version/g)).toHaveLength(1);
  });

  it('puts no link in a PDF that cannot resolve: only original articles, no page or PDF beside it', async () => {
    const self = published('r-self', '2024-07-18T10:00');
    const newest = { ...others[1]!, canonicalUrl: 'https://northshire.example/news/r-newest' };
    const mid = others[2]!;
    let printed = '';
    const result = await exportRelease({
      release: self,
      allReleases: [self, newest, mid],
      profile,
      format: 'pdf',
      now: BEFORE_EMBARGO,
      besideFiles: new Set([fileOf(mid, 'html'), fileOf(mid, 'pdf')]),
      printer: {
        print: (html: string) => {
          printed = html;
          return Promise.resolve(new Uint8Array([37, 80, 68, 70]));
        },
        close: () => Promise.resolve(),
      },
    });
    expect(result.ok).toBe(true);
    const aside = byTag(parseHtml(printed), 'aside')[0]!;
    expect(byTag(aside, 'a').map((a) => attr(a, 'href'))).toEqual(['https://northshire.example/news/r-newest']);
    expect(textOf(aside)).not.toContain('Printable version');
  });

  it('leaves out drafts, unpublished approvals, the release itself and releases still under embargo', () => {
    const items = latestNewsFor({ id: 'r-newest' }, others, { count: 10, now: BEFORE_EMBARGO });
    expect(items.map((item) => item.id)).toEqual(['r-mid', 'r-old']);
    const later = latestNewsFor({ id: 'r-newest' }, others, { count: 10, now: AFTER_EMBARGO });
    expect(later.map((item) => item.id)).toEqual(['r-embargoed', 'r-mid', 'r-old']);
  });

  it('uses the workspace default count (8, as newsrooms list), and shows nothing for 0', async () => {
    const many = Array.from({ length: 12 }, (_, i) => published(`r-${i}`, `2024-05-${String(i + 10)}T10:00`));
    const byDefault = await exportHtml({ allReleases: many });
    expect(DEFAULT_SETTINGS.latestNewsCount).toBe(8);
    expect(byTag(byTag(byDefault.document, 'aside')[0]!, 'li')).toHaveLength(8);
    const none = await exportHtml({ allReleases: many, settings: { latestNewsCount: 0 } });
    expect(byTag(none.document, 'aside')).toHaveLength(0);
  });
});

describe('export errors', () => {
  it('asks for a printer for PDF rather than throwing', async () => {
    const result = await exportRelease({ release: release(), profile, format: 'pdf', now: BEFORE_EMBARGO });
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'A PDF export needs a PDF printer, and none was given.' },
    });
  });

  it('reports a failing printer as a value', async () => {
    const result = await exportRelease({
      release: release(),
      profile,
      format: 'pdf',
      now: BEFORE_EMBARGO,
      printer: {
        print: () => Promise.reject(new Error('Chromium crashed\nstack...')),
        close: () => Promise.resolve(),
      },
    });
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', message: 'The PDF could not be made: Chromium crashed' },
    });
  });

  it('hands the printer the page, the paper and the marks for every page', async () => {
    const calls: unknown[] = [];
    const result = await exportRelease({
      release: release({}, 'in-review'),
      profile,
      format: 'pdf',
      now: BEFORE_EMBARGO,
      pageSize: 'Letter',
      printer: {
        print: (html, options) => {
          calls.push({ isPage: html.startsWith('<!doctype html>'), options });
          return Promise.resolve(new Uint8Array([37, 80, 68, 70]));
        },
        close: () => Promise.resolve(),
      },
    });
    expect(result.ok && result.value.fileName).toMatch(/^DRAFT-NOT-APPROVED-.*\.pdf$/);
    expect(calls).toEqual([
      {
        isPage: true,
        options: {
          pageSize: 'Letter',
          footer: { organisation: 'Northshire Police', draft: true },
          embargoLine: 'EMBARGOED UNTIL 00:01 BST, Thursday 18 July 2024',
          // What the PDF says about itself: its language, window title, author and subject.
          document: {
            title: 'Ashford man jailed for harassing former partner',
            language: 'en-GB',
            author: 'Northshire Police',
            subject:
              'A 41-year-old man from Ashford was jailed on Wednesday for harassing his former partner.',
          },
        },
      },
    ]);
  });
});

describe('long words', () => {
  it('offers a line break every 64 characters in a run over 100, in text only, never inside a reference', async () => {
    const word = `${'x'.repeat(70)}&${'y'.repeat(70)}`;
    const { document, html } = await exportHtml({
      release: release({
        body: [{ id: 'p1', text: `Short words stay whole. ${word}` }],
        canonicalUrl: `https://northshire.example/${'z'.repeat(150)}`,
      }),
    });
    const paragraph = elements(document).find((el) => attr(el, 'data-field') === 'body.0')!;
    expect(textOf(paragraph)).toBe(`Short words stay whole. ${word}`);
    expect(byTag(paragraph, 'wbr')).toHaveLength(2);
    // The cut falls beside "&amp;", not inside it.
    expect(html).toContain(`${'x'.repeat(64)}<wbr>${'x'.repeat(6)}&amp;${'y'.repeat(57)}<wbr>`);
    // An address in an attribute is never touched; the same address as link text is.
    const link = byTag(document, 'a').find((a) => attr(a, 'href')?.includes('zzz'))!;
    expect(attr(link, 'href')).toBe(`https://northshire.example/${'z'.repeat(150)}`);
    expect(byTag(link, 'wbr').length).toBeGreaterThan(0);
  });

  it('leaves an ordinary release without any', async () => {
    expect((await exportHtml()).html).not.toContain('<wbr>');
  });
});
