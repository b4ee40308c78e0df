import { parseAtomFeed } from 'feedsmith';
import { parse, type DefaultTreeAdapterTypes } from 'parse5';
import { describe, expect, it } from 'vitest';
import { loadHouseFonts } from '../../../src-main/services/export/house-fonts';
import { buildNewsroomSite, type NewsroomSiteInput } from '../../../src-main/services/newsroom/newsroom-site';
import { DEFAULT_SETTINGS } from '../../../src-shared/release/schema';
import { profile } from '../export/fixtures';
import { checkJsonLdTerms } from './schema-org-terms';
import { AFTER_LIFT, BEFORE_LIFT, newsroomReleases } from './newsroom-fixtures';

/** A 1×1 PNG: the organisation's logo. */
const LOGO =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const built = new Map<string, ReturnType<typeof buildNewsroomSite>>();

/** The site as built from the fixtures (each variant once: the tests only read it). No house font: speed. */
function site(overrides: Partial<Pick<NewsroomSiteInput, 'now' | 'siteUrl'>> = {}) {
  const key = JSON.stringify(overrides);
  let made = built.get(key);
  if (!made) {
    made = buildNewsroomSite({
      releases: newsroomReleases(),
      profile,
      settings: DEFAULT_SETTINGS,
      logoDataUrl: LOGO,
      fontFaces: [],
      now: BEFORE_LIFT,
      siteUrl: 'https://www.northshire.example/news/',
      ...overrides,
    });
    built.set(key, made);
  }
  return made;
}

const text = (content: string | Uint8Array | undefined) =>
  typeof content === 'string' ? content : new TextDecoder().decode(content);

type Node = DefaultTreeAdapterTypes.Node;
function walk(node: Node, visit: (element: DefaultTreeAdapterTypes.Element) => void): void {
  if ('tagName' in node) visit(node);
  const children = 'childNodes' in node ? node.childNodes : [];
  for (const child of children) walk(child as Node, visit);
  if ('content' in node && node.content) walk(node.content as Node, visit);
}
function elements(html: string, tag: string): DefaultTreeAdapterTypes.Element[] {
  const found: DefaultTreeAdapterTypes.Element[] = [];
  walk(parse(html), (element) => {
    if (element.tagName === tag) found.push(element);
  });
  return found;
}
const attr = (element: DefaultTreeAdapterTypes.Element, name: string) =>
  element.attrs.find((a) => a.name === name)?.value;
const textOf = (node: Node): string =>
  '#text' === node.nodeName
    ? (node as DefaultTreeAdapterTypes.TextNode).value
    : 'childNodes' in node
      ? node.childNodes.map((child) => textOf(child as Node)).join('')
      : '';

describe('newsroom site', () => {
  it('shows published releases only, newest first, and says which were held back and why', async () => {
    const before = site();
    const ids = before.items.map((item) => item.id);
    expect(ids).toHaveLength(25); // 24 published and the one whose embargo lifted long ago
    expect(ids).toContain('r-embargo-lifted');
    for (const absent of ['r-embargo-later', 'r-draft', 'r-withdrawn', 'r-approved']) {
      expect(ids).not.toContain(absent);
      expect([...before.files.keys()].some((path) => path.includes(absent))).toBe(false);
      expect([...before.files.values()].some((content) => text(content).includes(absent))).toBe(false);
    }
    const published = before.items.map((item) => Date.parse(item.published));
    expect(published).toEqual([...published].sort((a, b) => b - a));
    expect(before.heldBack).toEqual([
      expect.objectContaining({ id: 'r-embargo-later', reason: 'embargo' }),
      expect.objectContaining({ id: 'r-withdrawn', reason: 'withdrawn' }),
    ]);
    expect(before.heldBack[0]!.message).toBe(
      'Under embargo until 00:01 GMT, Tuesday 18 March 2025: it appears on the site after that time.',
    );
    expect(before.notPublished).toBe(2);

    const after = site({ now: AFTER_LIFT });
    expect(after.items[0]!.id).toBe('r-embargo-later');
    expect(after.heldBack.map((held) => held.id)).toEqual(['r-withdrawn']);
  });

  it('keeps a release withdrawn with a confirmed explanation, marked withdrawn everywhere', () => {
    const withdrawn = newsroomReleases().map((release) =>
      release.id === 'r-withdrawn'
        ? {
            ...release,
            withdrawal: {
              explanation: 'This release named the wrong road. A corrected release follows.',
              requestedBy: { id: 'u-sam', name: 'Sam Taylor' },
              requestedAt: '2024-07-19T09:00:00.000Z',
              confirmedBy: { id: 'u-ada', name: 'Ada Approver' },
              confirmedAt: '2024-07-19T10:00:00.000Z',
            },
          }
        : release,
    );
    const { files, items, heldBack } = buildNewsroomSite({
      releases: withdrawn,
      profile,
      settings: DEFAULT_SETTINGS,
      logoDataUrl: null,
      fontFaces: [],
      now: BEFORE_LIFT,
      siteUrl: null,
    });
    const item = items.find((each) => each.id === 'r-withdrawn')!;
    expect(item.withdrawn).toBe(true);
    expect(heldBack.map((held) => held.id)).toEqual(['r-embargo-later']);
    const page = text(files.get(item.pagePath));
    expect(page).toContain('This release was withdrawn');
    expect(page).toContain('This release named the wrong road.');
    expect(page).not.toContain('class="draft-banner"');
    expect(JSON.parse(text(files.get(item.ninjsPath)))).toMatchObject({ pubstatus: 'canceled' });
    expect(text(files.get('index.html'))).toContain('Withdrawn');
  });

  it('paginates the index ten a page, each entry with title, house-style date and time, standfirst and link', async () => {
    const { files, items } = site();
    expect([...files.keys()].filter((path) => /^(index|page-\d+)\.html$/.test(path)).sort()).toEqual([
      'index.html',
      'page-2.html',
      'page-3.html',
    ]);
    const index = text(files.get('index.html'));
    const headings = elements(index, 'article').map((article) =>
      textOf(elements(textHtml(article), 'h2')[0]!),
    );
    expect(headings).toEqual(items.slice(0, 10).map((item) => item.headline));
    const first = items[0]!;
    const link = elements(index, 'a').find((a) => attr(a, 'href') === first.pagePath);
    expect(link && textOf(link)).toBe(first.headline);
    // "1 December 2024, 00:01" style: the release's date in house style, then the 24-hour time.
    const times = elements(index, 'time').map((time) => textOf(time));
    expect(times[0]).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}$/);
    expect(index).toContain(first.standfirst);
    expect(index).toContain('Page 1 of 3');
    expect(text(files.get('page-3.html'))).toContain('Newer releases');
  });

  it('makes a page per tag and links every release page to its tags and the index', async () => {
    const { files, tags } = site();
    expect(tags.map((tag) => tag.label)).toEqual([
      'Appeals',
      'Ashford',
      'Canterbury',
      'Dover',
      'Maidstone',
      'Roads policing',
    ]);
    const roads = text(files.get('tags/roads-policing.html'));
    expect(roads).toContain('News about Roads policing');
    const page = text(files.get([...files.keys()].find((path) => /^news\/.*-r-news00\.html$/.test(path))!));
    expect(page).toContain('href="../index.html"');
    expect(page).toContain('href="../tags/ashford.html"');
    expect(page).toContain('Latest news from');
  });

  it('writes an Atom feed a feed parser reads, with the elements RFC 4287 requires', async () => {
    const { files, items } = site();
    const xml = text(files.get('feed.xml'));
    const feed = parseAtomFeed(xml);
    expect(feed.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(feed.title).toEqual({ type: 'text', value: 'News from Northshire Police' });
    expect(feed.updated).toBe(
      items.map((item) => item.updated).sort((a, b) => Date.parse(b) - Date.parse(a))[0],
    );
    expect(feed.authors?.[0]?.name).toBe('Northshire Police');
    expect(feed.links?.find((link) => link.rel === 'self')?.href).toBe(
      'https://www.northshire.example/news/feed.xml',
    );
    expect(feed.entries).toHaveLength(items.length);
    const ids = new Set<string>();
    for (const entry of feed.entries ?? []) {
      expect(entry.id).toMatch(/^urn:uuid:/);
      ids.add(entry.id!);
      expect(entry.title).toMatchObject({ value: expect.any(String) });
      expect(entry.updated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
      expect(entry.links?.find((link) => link.rel === 'alternate')?.href).toMatch(
        /^https:\/\/www\.northshire\.example\/news\/news\/.+\.html$/,
      );
    }
    expect(ids.size).toBe(items.length);
    // Exactly one of each feed-level element RFC 4287 allows once.
    const head = xml.slice(0, xml.indexOf('<entry>'));
    for (const element of ['id', 'title', 'updated']) {
      expect(head.match(new RegExp(`<${element}[ >]`, 'g'))).toHaveLength(1);
    }
    expect(head.match(/<author>/g)).toHaveLength(1);
  });

  it('describes every release page as a schema.org NewsArticle, in vocabulary terms only', async () => {
    const { files, items } = site();
    for (const item of items) {
      const html = text(files.get(item.pagePath));
      const blocks = elements(html, 'script');
      expect(blocks).toHaveLength(1);
      expect(attr(blocks[0]!, 'type')).toBe('application/ld+json');
      const data = JSON.parse(textOf(blocks[0]!)) as Record<string, unknown>;
      expect(checkJsonLdTerms(data)).toEqual([]);
      expect(data).toMatchObject({
        '@context': 'https://schema.org',
        '@type': 'NewsArticle',
        headline: item.headline,
        description: item.standfirst,
        datePublished: item.published,
        dateModified: item.updated,
        inLanguage: 'en-GB',
        author: { '@type': 'Organization', name: 'Northshire Police' },
        publisher: {
          '@type': 'Organization',
          name: 'Northshire Police',
          logo: { '@type': 'ImageObject', url: 'https://www.northshire.example/news/logo.png' },
        },
        mainEntityOfPage: {
          '@type': 'WebPage',
          '@id': `https://www.northshire.example/news/${item.pagePath}`,
        },
      });
      expect(String(data.datePublished)).toMatch(/[+-]\d{2}:\d{2}$/);
    }
  });

  it('writes a ninjs document per release, with embargoed and pubstatus', async () => {
    const { files, items } = site({ now: AFTER_LIFT });
    const embargoed = items.find((item) => item.id === 'r-embargo-later')!;
    const ninjs = JSON.parse(text(files.get(embargoed.ninjsPath))) as Record<string, unknown>;
    expect(ninjs).toMatchObject({
      uri: expect.stringMatching(/^urn:uuid:/),
      standard: { name: 'ninjs', version: '2.1' },
      type: 'text',
      embargoed: '2025-03-18T00:01:00+00:00',
      pubstatus: 'usable',
      language: 'en-GB',
      headlines: [{ role: 'main', value: 'Embargoed figures on road deaths' }],
      subjects: [{ name: 'Dover' }],
      renditions: [{ name: 'web page', href: `https://www.northshire.example/news/${embargoed.pagePath}` }],
    });
    const plain = JSON.parse(text(files.get(items.find((item) => item.id === 'r-news03')!.ninjsPath)));
    expect(plain).not.toHaveProperty('embargoed');
    expect((plain as { bodies: Array<{ contenttype: string; value: string }> }).bodies[1]!.value).toContain(
      '<article',
    );
  });

  it('resolves every internal link and source in every page to a file of the site', async () => {
    for (const siteUrl of ['https://www.northshire.example/news/', null]) {
      const { files } = site({ siteUrl });
      const broken: string[] = [];
      let checked = 0;
      for (const [path, content] of files) {
        if (!path.endsWith('.html')) continue;
        const html = text(content);
        const targets: string[] = [];
        walk(parse(html), (element) => {
          for (const name of ['href', 'src']) {
            const value = attr(element, name);
            if (value !== undefined) targets.push(value);
          }
        });
        for (const target of targets) {
          checked++;
          if (/^(?:https?:|mailto:|tel:|data:image\/)/.test(target)) continue;
          const resolved = new URL(target, `https://site.invalid/${path}`);
          const file = decodeURIComponent(resolved.pathname.slice(1));
          if (resolved.host !== 'site.invalid' || !files.has(file)) broken.push(`${path} -> ${target}`);
        }
      }
      expect(broken).toEqual([]);
      expect(checked).toBeGreaterThan(500);
    }
  });

  it('inlines the house font and styles in every page, so each page stands alone', async () => {
    const fonts = buildNewsroomSite({
      releases: newsroomReleases().slice(0, 2),
      profile,
      settings: DEFAULT_SETTINGS,
      logoDataUrl: null,
      fontFaces: await loadHouseFonts(),
      now: BEFORE_LIFT,
      siteUrl: null,
    });
    for (const [path, content] of fonts.files) {
      if (path.endsWith('.html')) expect(text(content)).toContain('@font-face{font-family:');
    }
  });

  it('writes a sitemap of every page when the site address is known, and none without it', async () => {
    const { files, items } = site();
    const sitemap = text(files.get('sitemap.xml'));
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1]!);
    const pages = [...files.keys()].filter((path) => path.endsWith('.html'));
    expect(locs.sort()).toEqual(pages.map((path) => `https://www.northshire.example/news/${path}`).sort());
    expect(sitemap).toContain(`<lastmod>${items[0]!.updated}</lastmod>`);
    expect(site({ siteUrl: null }).files.has('sitemap.xml')).toBe(false);
  });
});

/** An element back to HTML, for a second look inside it. */
function textHtml(element: DefaultTreeAdapterTypes.Element): string {
  const render = (node: Node): string => {
    if (node.nodeName === '#text') return (node as DefaultTreeAdapterTypes.TextNode).value;
    if (!('tagName' in node)) return '';
    const inner = node.childNodes.map((child) => render(child as Node)).join('');
    return `<${node.tagName}>${inner}</${node.tagName}>`;
  };
  return render(element);
}

describe('newsroom feed: corrections', () => {
  it('announces a major correction in the feed (updated at its time, its note first) and keeps a minor one on the page only', () => {
    const [first, second] = newsroomReleases().filter((release) => release.status === 'published');
    const corrected = newsroomReleases().map((release) => {
      if (release.id === first!.id) {
        return {
          ...release,
          changeNotes: [
            {
              id: 'n-1',
              text: 'Corrected the name of the road.',
              importance: 'major' as const,
              publishedAt: '2030-01-02T10:15:00.000Z',
            },
          ],
        };
      }
      if (release.id === second!.id) {
        return {
          ...release,
          changeNotes: [
            {
              id: 'n-2',
              text: 'Fixed a typing error.',
              importance: 'minor' as const,
              publishedAt: '2030-01-03T10:15:00.000Z',
            },
          ],
        };
      }
      return release;
    });
    const { files, items } = buildNewsroomSite({
      releases: corrected,
      profile,
      settings: DEFAULT_SETTINGS,
      logoDataUrl: null,
      fontFaces: [],
      now: BEFORE_LIFT,
      siteUrl: null,
    });
    const feed = parseAtomFeed(text(files.get('feed.xml')));
    const entryOf = (id: string) =>
      feed.entries?.find((entry) =>
        entry.links?.some((link) => link.href === items.find((i) => i.id === id)!.pagePath),
      );
    const major = entryOf(first!.id)!;
    expect(Date.parse(major.updated!)).toBe(Date.parse('2030-01-02T10:15:00.000Z'));
    expect(JSON.stringify(major.summary)).toContain(
      'Updated 2 January 2030, 10:15: Corrected the name of the road.',
    );
    const minor = entryOf(second!.id)!;
    expect(JSON.stringify(minor.summary)).not.toContain('Fixed a typing error.');
    expect(Date.parse(minor.updated!)).toBeLessThan(Date.parse('2030-01-03T10:15:00.000Z'));
    // Both are on their pages.
    expect(text(files.get(items.find((i) => i.id === second!.id)!.pagePath))).toContain(
      'Fixed a typing error.',
    );
  });
});
