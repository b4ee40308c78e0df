import { protectedPeopleNamed } from '../../../src-shared/release/schema';
import { parse, type DefaultTreeAdapterTypes } from 'parse5';
import { describe, expect, it } from 'vitest';
import { createBlankRelease } from '../../../src-shared/release/new-release';
import {
  DEFAULT_PROFILE,
  ReleaseContentSchema,
  type OrganisationProfile,
  type ReleaseContent,
} from '../../../src-shared/release/schema';
import { balanceBidi } from '../../../src-shared/render/bidi';
import { inlineToPlainText } from '../../../src-shared/render/inline-markup';
import {
  RELEASE_CSP,
  renderReleaseBody,
  renderReleaseDocument,
  type LatestNewsItem,
  type RenderOptions,
} from '../../../src-shared/render/render-release';
import { RELEASE_STYLES } from '../../../src-shared/render/release-styles';

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;

// ---------------------------------------------------------------------------------------------------------------
// A few DOM-like helpers over the parse5 tree.

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

function all(root: Node, predicate: (el: Element) => boolean = () => true): Element[] {
  const found: Element[] = [];
  const walk = (node: Node) => {
    if (isElement(node) && predicate(node)) found.push(node);
    if ('childNodes' in node) node.childNodes.forEach(walk);
    // parse5 keeps <template> content apart; walk it too so nothing can hide there.
    if (isElement(node) && node.tagName === 'template' && 'content' in node)
      walk((node as DefaultTreeAdapterTypes.Template).content);
  };
  walk(root);
  return found;
}

const byTag = (root: Node, tag: string) => all(root, (el) => el.tagName === tag);
const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;
const classes = (el: Element) => (attr(el, 'class') ?? '').split(/\s+/).filter(Boolean);
const byClass = (root: Node, name: string) => all(root, (el) => classes(el).includes(name));
const byField = (root: Node, name: string) => all(root, (el) => attr(el, 'data-field') === name);
const children = (el: Element) => el.childNodes.filter(isElement);

function one(list: Element[], what = 'element'): Element {
  expect(list, what).toHaveLength(1);
  return list[0]!;
}

/** textContent; with `breaks`, a <br> reads as a newline (to compare with inlineToPlainText). */
function text(node: Node, breaks = false): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterTypes.TextNode).value;
  if (breaks && isElement(node) && node.tagName === 'br') return '\n';
  return 'childNodes' in node ? node.childNodes.map((child) => text(child, breaks)).join('') : '';
}

function nextElement(el: Element): Element | undefined {
  const siblings = children(el.parentNode as Element);
  return siblings[siblings.indexOf(el) + 1];
}

// ---------------------------------------------------------------------------------------------------------------
// Fixtures.

const profile: OrganisationProfile = { ...DEFAULT_PROFILE, name: 'Northshire Police', locale: 'en-GB' };

function fixture(): ReleaseContent {
  return {
    header: {
      type: 'outcome',
      organisation: 'Northshire Police',
      releaseDate: '2024-07-18T09:30',
      timeZone: 'Europe/London',
      embargo: null,
      reference: 'NP-2024-117',
      tags: ['Ashford', 'Courts'],
    },
    headline: 'Man jailed for string of Ashford burglaries',
    standfirst: 'A 34-year-old man has been jailed for *six years* after a string of burglaries in Ashford.',
    details: [{ key: 'outcome', label: 'Outcome', text: 'Dismissed without notice' }],
    anonymityList: protectedPeopleNamed('Secret Witness'),
    changeNotes: [],
    body: [
      { id: 'p1', text: 'James Doe, of Station Road, was sentenced at Northshire Crown Court on Wednesday.' },
      { id: 'p2', text: 'He admitted **eight** burglaries between March and May.' },
      { id: 'p3', text: 'Read the [court listing](https://courts.example/listing/1).' },
    ],
    quotes: [
      {
        id: 'q1',
        speakerName: 'Jane Smith',
        speakerRole: 'Chief Constable',
        organisation: 'Northshire Police',
        paragraphs: ['We welcome the sentence.', 'Burglary is never a victimless crime.'],
        afterParagraphId: 'p1',
      },
      {
        id: 'q2',
        speakerName: 'Tom Brown',
        speakerRole: '',
        organisation: '',
        paragraphs: ['I am relieved.'],
        afterParagraphId: null,
      },
    ],
    background: [{ id: 'b1', text: 'Officers arrested Doe on 2 June.' }],
    notesToEditors: [
      { id: 'n1', text: 'Doe was sentenced to six years.' },
      { id: 'n2', text: 'Photographs are available on request.' },
    ],
    boilerplate: 'Northshire Police serves 1.2 million people.',
    mediaContacts: [
      {
        name: 'Press office',
        role: 'Media enquiries',
        phone: '01632 960 000',
        email: 'press@northshire.example',
        outOfHours: 'Out of hours: 07700 900 000',
      },
    ],
    canonicalUrl: 'https://northshire.example/news/ashford-burglaries',
    relatedLinks: [
      { id: 'l1', label: 'Court listing', url: 'https://courts.example/listing/1' },
      { id: 'l2', label: 'Bad link', url: 'javascript:alert(1)' },
    ],
    endMark: 'ENDS',
  };
}

const JULY_1 = new Date('2024-07-01T00:00:00Z');

function options(overrides: Partial<RenderOptions> = {}): RenderOptions {
  return { mode: 'export', draftMark: false, now: JULY_1, profile, ...overrides };
}

function render(release: ReleaseContent, overrides: Partial<RenderOptions> = {}) {
  const html = renderReleaseDocument(release, options(overrides));
  return { html, doc: parse(html) };
}

function article(doc: Node): Element {
  return one(byTag(doc, 'article'), 'article');
}

// ---------------------------------------------------------------------------------------------------------------

describe('renderReleaseDocument: the page', () => {
  it('uses a fixture that is a valid release', () => {
    expect(ReleaseContentSchema.safeParse(fixture()).success).toBe(true);
  });

  it('is a complete, self-contained, locked-down document', () => {
    const { html, doc } = render(fixture());
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(attr(one(byTag(doc, 'html')), 'lang')).toBe('en-GB');
    expect(byTag(doc, 'meta').some((m) => attr(m, 'charset') === 'utf-8')).toBe(true);
    const csp = one(byTag(doc, 'meta').filter((m) => attr(m, 'http-equiv') === 'Content-Security-Policy'));
    expect(attr(csp, 'content')).toBe(RELEASE_CSP);
    expect(RELEASE_CSP).toContain(
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:",
    );
    expect(text(one(byTag(doc, 'title')))).toBe('Man jailed for string of Ashford burglaries');
    expect(text(one(byTag(doc, 'style')))).toBe(RELEASE_STYLES);
    expect(byTag(doc, 'script')).toEqual([]);
    expect(byTag(doc, 'link')).toEqual([]);
  });

  it('has exactly one h1, the headline', () => {
    const { doc } = render(fixture());
    const h1 = one(byTag(doc, 'h1'), 'h1');
    expect(text(h1)).toBe('Man jailed for string of Ashford burglaries');
    expect(attr(h1, 'data-field')).toBe('headline');
  });

  it('wraps exactly what renderReleaseBody returns, so preview and export match', () => {
    const release = fixture();
    const body = renderReleaseBody(release, options());
    // An exported page puts the article in a main landmark; the preview's frame has it straight in the body.
    expect(renderReleaseDocument(release, options())).toContain(`<body><main>${body}</main></body>`);
    expect(renderReleaseDocument(release, options({ mode: 'preview' }))).toContain(`<body>${body}</body>`);
    expect(body.startsWith('<article class="release">')).toBe(true);
    expect(body.endsWith('</article>')).toBe(true);
    // A filled-in release renders identically for preview and export.
    expect(renderReleaseBody(release, options({ mode: 'preview' }))).toBe(body);
  });

  it('lays the sections out in the standard order', () => {
    const latestNews: LatestNewsItem[] = [
      {
        id: 'r2',
        headline: 'Other news',
        releaseDate: '2024-07-10T10:00',
        timeZone: 'Europe/London',
        standfirst: 'More.',
      },
    ];
    const { doc } = render(fixture(), { draftMark: true, latestNews });
    const order = children(article(doc)).map(
      (el) =>
        `${el.tagName}${classes(el)
          .map((c) => `.${c}`)
          .join('')}`,
    );
    expect(order).toEqual([
      'header.release-header',
      'p.immediate',
      'p.draft-banner',
      'h1',
      'p.standfirst',
      'dl.key-details',
      'div.body',
      'section.background',
      // UK practice: ENDS closes the story; what follows is for editors.
      'p.end-mark',
      'section.notes-to-editors',
      'section.boilerplate',
      'section.media-contacts',
      'section.links',
      'aside.latest-news',
    ]);
  });

  it('puts the end mark after everything when the house style says so', () => {
    const { doc } = render(fixture(), { profile: { ...profile, endMarkPlacement: 'after-everything' } });
    const order = children(article(doc)).map((el) => classes(el)[0] ?? el.tagName);
    expect(order.slice(-3)).toEqual(['media-contacts', 'links', 'end-mark']);
  });

  it('puts the end mark after the story for a profile saved before the setting existed', () => {
    const { endMarkPlacement: _, ...older } = profile;
    const { doc } = render(fixture(), { profile: older });
    const order = children(article(doc)).map((el) => classes(el)[0] ?? el.tagName);
    expect(order.indexOf('end-mark')).toBe(order.indexOf('background') + 1);
  });
});

describe('header and date line', () => {
  it('shows organisation, release type, date and reference, and never the tags (internal)', () => {
    const { doc } = render(fixture());
    const header = one(byTag(doc, 'header'));
    expect(attr(header, 'data-field')).toBe('header');
    expect(text(one(byClass(header, 'issuer')))).toBe('Northshire Police');
    expect(text(one(byClass(header, 'release-type')))).toBe('Outcome / hearing result');
    expect(text(one(byField(header, 'header.reference')))).toBe('Reference: NP-2024-117');
    expect(byField(doc, 'header.tags')).toEqual([]);
    expect(text(doc)).not.toContain('Courts');
  });

  it('dates the release in its zone, with the offset in datetime (+01:00 in July)', () => {
    const { doc } = render(fixture());
    const time = one(byTag(one(byTag(doc, 'header')), 'time'));
    expect(text(time)).toBe('18 July 2024');
    expect(attr(time, 'datetime')).toBe('2024-07-18T09:30:00+01:00');
  });

  it('uses +00:00 in January', () => {
    const release = fixture();
    release.header.releaseDate = '2024-01-18T09:30';
    const time = one(byTag(one(byTag(render(release).doc, 'header')), 'time'));
    expect(text(time)).toBe('18 January 2024');
    expect(attr(time, 'datetime')).toMatch(/^2024-01-18T09:30:00(Z|\+00:00)$/);
  });

  it('formats the date in the profile locale', () => {
    const { doc } = render(fixture(), { profile: { ...profile, locale: 'de-DE' } });
    expect(text(one(byTag(one(byTag(doc, 'header')), 'time')))).toBe('18. Juli 2024');
    expect(attr(one(byTag(doc, 'html')), 'lang')).toBe('de-DE');
  });

  it('falls back to the profile name when the release has no organisation', () => {
    const release = fixture();
    release.header.organisation = '';
    const { doc } = render(release, { profile: { ...profile, name: 'Profile Org' } });
    expect(text(one(byClass(doc, 'issuer')))).toBe('Profile Org');
    expect(text(one(byTag(one(byClass(doc, 'boilerplate')), 'h2')))).toBe('About Profile Org');
  });
});

describe('embargo', () => {
  const embargoed = (until: string) => {
    const release = fixture();
    release.header.embargo = { until, timeZone: 'Europe/London' };
    return release;
  };

  it('says FOR IMMEDIATE RELEASE when there is no embargo', () => {
    const { doc } = render(fixture());
    expect(text(one(byClass(doc, 'immediate')))).toBe('FOR IMMEDIATE RELEASE');
    expect(byClass(doc, 'embargo')).toEqual([]);
  });

  it('shows the embargo line, before the headline, until the embargo time', () => {
    const { doc } = render(embargoed('2024-07-18T00:01'), { now: new Date('2024-07-17T23:00:00Z') });
    const line = one(byClass(doc, 'embargo'));
    expect(text(line)).toBe('EMBARGOED UNTIL 00:01 BST, Thursday 18 July 2024');
    expect(attr(one(byTag(line, 'time')), 'datetime')).toBe('2024-07-18T00:01:00+01:00');
    expect(attr(line, 'data-field')).toBe('header.embargo');
    const order = children(article(doc));
    expect(order.indexOf(line)).toBeLessThan(order.indexOf(one(byTag(doc, 'h1'))));
    expect(byClass(doc, 'immediate')).toEqual([]);
  });

  it('drops the embargo line once the embargo has passed', () => {
    const { doc } = render(embargoed('2024-07-18T00:01'), { now: new Date('2024-07-17T23:01:00Z') });
    expect(byClass(doc, 'embargo')).toEqual([]);
    expect(byClass(doc, 'immediate')).toEqual([]);
  });

  it.each([
    [
      '2024-10-27T00:30',
      '2024-10-26T12:00:00Z',
      'EMBARGOED UNTIL 00:30 BST, Sunday 27 October 2024',
      '+01:00',
    ],
    [
      '2024-10-27T01:30',
      '2024-10-26T12:00:00Z',
      'EMBARGOED UNTIL 01:30 BST, Sunday 27 October 2024',
      '+01:00',
    ],
    [
      '2024-10-27T02:30',
      '2024-10-26T12:00:00Z',
      'EMBARGOED UNTIL 02:30 GMT, Sunday 27 October 2024',
      '+00:00',
    ],
    [
      '2024-10-27T09:00',
      '2024-10-27T08:59:00Z',
      'EMBARGOED UNTIL 09:00 GMT, Sunday 27 October 2024',
      '+00:00',
    ],
  ])('names the right zone across the BST->GMT change: %s', (until, now, line, offset) => {
    const { doc } = render(embargoed(until), { now: new Date(now) });
    const element = one(byClass(doc, 'embargo'));
    expect(text(element)).toBe(line);
    expect(attr(one(byTag(element, 'time')), 'datetime')).toBe(`${until}:00${offset}`);
  });

  it('lifts at 09:00 GMT, not 09:00 BST, after the change', () => {
    expect(
      byClass(
        render(embargoed('2024-10-27T09:00'), { now: new Date('2024-10-27T08:30:00Z') }).doc,
        'embargo',
      ),
    ).toHaveLength(1);
    expect(
      byClass(
        render(embargoed('2024-10-27T09:00'), { now: new Date('2024-10-27T09:00:00Z') }).doc,
        'embargo',
      ),
    ).toHaveLength(0);
  });

  it('still shows an embargo whose date is not valid yet', () => {
    const { doc } = render(embargoed(''), { now: new Date('2030-01-01T00:00:00Z') });
    expect(text(one(byClass(doc, 'embargo')))).toMatch(/^EMBARGOED/);
  });
});

describe('draft mark', () => {
  it('shows the DRAFT banner and marks the article when asked', () => {
    const { doc } = render(fixture(), { draftMark: true });
    expect(text(one(byClass(doc, 'draft-banner')))).toBe('DRAFT — NOT APPROVED');
    expect(classes(article(doc))).toContain('is-draft');
  });

  it('shows nothing of the kind for an approved release', () => {
    const { doc, html } = render(fixture(), { draftMark: false });
    expect(byClass(doc, 'draft-banner')).toEqual([]);
    expect(classes(article(doc))).not.toContain('is-draft');
    expect(html.replace(RELEASE_STYLES, '')).not.toContain('DRAFT');
  });
});

describe('headline placeholder', () => {
  it('shows a muted "Untitled release" in the preview when the headline is empty', () => {
    const release = { ...fixture(), headline: '   ' };
    const { doc } = render(release, { mode: 'preview' });
    const h1 = one(byTag(doc, 'h1'));
    expect(text(h1)).toBe('Untitled release');
    expect(classes(h1)).toContain('placeholder');
    expect(text(one(byTag(doc, 'title')))).toBe('Untitled release');
  });

  it('keeps a single unstyled h1 in an export', () => {
    const { doc } = render({ ...fixture(), headline: '' }, { mode: 'export' });
    const h1 = one(byTag(doc, 'h1'));
    expect(classes(h1)).not.toContain('placeholder');
  });
});

describe('body and quotes', () => {
  it('renders the standfirst and body paragraphs with inline markup', () => {
    const { doc } = render(fixture());
    const standfirst = one(byClass(doc, 'standfirst'));
    expect(attr(standfirst, 'data-field')).toBe('standfirst');
    expect(text(one(byTag(standfirst, 'em')))).toBe('six years');
    expect(text(one(byTag(one(byField(doc, 'body.1')), 'strong')))).toBe('eight');
    expect(attr(one(byTag(one(byField(doc, 'body.2')), 'a')), 'href')).toBe(
      'https://courts.example/listing/1',
    );
  });

  it('places a quote after the paragraph it names, as "Role Name said:" and the quotation in its marks', () => {
    const { doc } = render(fixture());
    const quote = one(byField(doc, 'quotes.0'));
    expect(quote.tagName).toBe('figure');
    expect(nextElement(one(byField(doc, 'body.0')))).toBe(quote);
    // The attribution is the figure's caption, before the words; no second caption repeats the name.
    const caption = one(byTag(quote, 'figcaption'));
    expect(classes(caption)).toEqual(['attribution']);
    expect(children(quote)[0]).toBe(caption);
    expect(text(caption)).toBe('Chief Constable Jane Smith said:');
    expect(byTag(quote, 'cite')).toEqual([]);
    const blockquote = one(byTag(quote, 'blockquote'));
    // UK style over several paragraphs: each opens with a mark, only the last closes.
    expect(byTag(blockquote, 'p').map((p) => text(p))).toEqual([
      '“We welcome the sentence.',
      '“Burglary is never a victimless crime.”',
    ]);
    expect(attr(blockquote, 'cite')).toBe('https://northshire.example/news/ashford-burglaries');
  });

  it('places a quote without an anchor after the last paragraph and leaves out empty parts', () => {
    const { doc } = render(fixture());
    const quote = one(byField(doc, 'quotes.1'));
    const body = one(byClass(doc, 'body'));
    expect(children(body).at(-1)).toBe(quote);
    expect(text(one(byClass(quote, 'attribution')))).toBe('Tom Brown said:');
    expect(text(one(byTag(quote, 'blockquote')))).toBe('“I am relieved.”');
  });

  it.each([
    // The role as written, organisation prefix and all: never lower-cased.
    ['IOPC regional director', 'Charmaine Arbouin', 'IOPC', 'IOPC regional director Charmaine Arbouin said:'],
    // Lower case at the start of the sentence: only the first letter is capitalised.
    ['regional director', 'Charmaine Arbouin', '', 'Regional director Charmaine Arbouin said:'],
    ['eBay safety lead', 'Ann Lee', '', 'EBay safety lead Ann Lee said:'],
    // Another organisation is named; the issuer's own is not repeated.
    [
      'Victim support lead',
      'Priya Shah',
      'Northshire Victim Care',
      'Victim support lead Priya Shah, of Northshire Victim Care, said:',
    ],
    ['Chief Constable', 'Jane Smith', 'northshire police', 'Chief Constable Jane Smith said:'],
    ['', 'Tom Brown', '', 'Tom Brown said:'],
    ['Head teacher', '', '', 'Head teacher said:'],
  ])('attributes role %j, name %j, organisation %j as %j', (role, name, organisation, sentence) => {
    const release = fixture();
    release.quotes[0] = { ...release.quotes[0]!, speakerRole: role, speakerName: name, organisation };
    const quote = one(byField(render(release).doc, 'quotes.0'));
    expect(text(one(byClass(quote, 'attribution')))).toBe(sentence);
  });

  it('keeps the quotation marks a writer typed, and makes a blank line a new paragraph', () => {
    const release = fixture();
    release.quotes[0]!.paragraphs = ['“Already opened.', 'Two parts.\n\nOf one paragraph."'];
    const quote = one(byField(render(release).doc, 'quotes.0'));
    expect(byTag(quote, 'p').map((p) => text(p))).toEqual([
      '“Already opened.',
      '“Two parts.',
      '“Of one paragraph."',
    ]);
  });

  it('keeps inline markup working inside the quotation marks', () => {
    const release = fixture();
    release.quotes[0]!.paragraphs = ['*Never* again, see [the appeal](https://example.org/appeal).'];
    const quote = one(byField(render(release).doc, 'quotes.0'));
    expect(text(one(byTag(quote, 'em')))).toBe('Never');
    expect(attr(one(byTag(quote, 'a')), 'href')).toBe('https://example.org/appeal');
    expect(text(one(byTag(quote, 'p')))).toBe('“Never again, see the appeal.”');
  });

  it('adds the "Name, role, organisation" caption only where the house style asks for it', () => {
    const { doc } = render(fixture(), { profile: { ...profile, quoteCredit: true } });
    const quote = one(byField(doc, 'quotes.0'));
    expect(children(quote).map((el) => el.tagName)).toEqual(['p', 'blockquote', 'figcaption']);
    expect(text(one(byClass(quote, 'attribution')))).toBe('Chief Constable Jane Smith said:');
    expect(text(one(byTag(one(byTag(quote, 'figcaption')), 'cite')))).toBe(
      'Jane Smith, Chief Constable, Northshire Police',
    );
  });

  it('places a quote whose paragraph no longer exists at the end, and never twice for a repeated id', () => {
    const release = fixture();
    release.quotes[0]!.afterParagraphId = 'gone';
    release.body.push({ id: 'p2', text: 'A duplicated id.' });
    release.quotes[1]!.afterParagraphId = 'p2';
    const { doc } = render(release);
    const body = children(one(byClass(doc, 'body')));
    expect(body.at(-1)).toBe(one(byField(doc, 'quotes.0')));
    expect(nextElement(one(byField(doc, 'body.1')))).toBe(one(byField(doc, 'quotes.1')));
  });

  it('keeps quotes when there are no body paragraphs yet', () => {
    const release = { ...fixture(), body: [] };
    const { doc } = render(release);
    expect(byTag(doc, 'figure')).toHaveLength(2);
  });

  it('omits the blockquote cite when there is no web address for the release', () => {
    const { doc } = render({ ...fixture(), canonicalUrl: '' });
    for (const blockquote of byTag(doc, 'blockquote')) expect(attr(blockquote, 'cite')).toBeUndefined();
  });
});

describe('closing sections', () => {
  it('renders background under its heading', () => {
    const { doc } = render(fixture());
    const section = one(byClass(doc, 'background'));
    expect(text(one(byTag(section, 'h2')))).toBe('Background');
    expect(text(one(byField(section, 'background.0')))).toBe('Officers arrested Doe on 2 June.');
  });

  it('renders notes to editors as an ordered list', () => {
    const { doc } = render(fixture());
    const section = one(byClass(doc, 'notes-to-editors'));
    expect(text(one(byTag(section, 'h2')))).toBe('Notes to editors');
    const items = children(one(byTag(section, 'ol')));
    expect(items.map((li) => li.tagName)).toEqual(['li', 'li']);
    expect(items.map((li) => attr(li, 'data-field'))).toEqual(['notesToEditors.0', 'notesToEditors.1']);
    expect(items.map((li) => text(li))).toEqual([
      'Doe was sentenced to six years.',
      'Photographs are available on request.',
    ]);
  });

  it('renders the boilerplate under "About ORGANISATION"', () => {
    const { doc } = render(fixture());
    const section = one(byClass(doc, 'boilerplate'));
    expect(text(one(byTag(section, 'h2')))).toBe('About Northshire Police');
    expect(attr(section, 'data-field')).toBe('boilerplate');
  });

  it('renders media contacts with tel: and mailto: links', () => {
    const { doc } = render(fixture());
    const contact = one(byField(doc, 'mediaContacts.0'));
    expect(contact.tagName).toBe('address');
    expect(text(one(byClass(contact, 'contact-name')))).toBe('Press office');
    expect(byTag(contact, 'a').map((a) => attr(a, 'href'))).toEqual([
      'tel:01632960000',
      'mailto:press@northshire.example',
    ]);
    expect(text(one(byClass(contact, 'out-of-hours')))).toBe('Out of hours: 07700 900 000');
  });

  it.each([
    ['+44 (0)1632 960000', 'tel:+441632960000'],
    ['(01632) 960-000', 'tel:01632960000'],
    ['Ask at reception', undefined],
    ['12', undefined],
    ['javascript:alert(1)', undefined],
  ])('links the phone %j only when it looks like a number', (phone, href) => {
    const release = fixture();
    release.mediaContacts[0]!.phone = phone;
    const line = one(byClass(render(release).doc, 'contact-phone'));
    expect(byTag(line, 'a').map((a) => attr(a, 'href'))[0]).toBe(href);
    expect(text(line)).toBe(`Phone: ${phone}`);
  });

  it.each(['not an email', 'press@', 'a@b@c', 'x@y" onmouseover="alert(1)'])(
    'does not link the email %j',
    (email) => {
      const release = fixture();
      release.mediaContacts[0]!.email = email;
      const line = one(byClass(render(release).doc, 'contact-email'));
      expect(byTag(line, 'a')).toEqual([]);
      expect(text(line)).toBe(`Email: ${email}`);
    },
  );

  it('links the original article and allowed related links; others stay text', () => {
    const { doc } = render(fixture());
    const section = one(byClass(doc, 'links'));
    const canonical = one(byField(section, 'canonicalUrl'));
    expect(text(canonical)).toBe('Original article: https://northshire.example/news/ashford-burglaries');
    expect(attr(one(byTag(canonical, 'a')), 'href')).toBe(
      'https://northshire.example/news/ashford-burglaries',
    );
    expect(attr(one(byTag(one(byField(section, 'relatedLinks.0')), 'a')), 'href')).toBe(
      'https://courts.example/listing/1',
    );
    const refused = one(byField(section, 'relatedLinks.1'));
    expect(byTag(refused, 'a')).toEqual([]);
    expect(text(refused)).toBe('Bad link (javascript:alert(1))');
  });

  it('centres the end mark', () => {
    const { doc } = render(fixture());
    expect(text(one(byClass(doc, 'end-mark')))).toBe('ENDS');
    expect(RELEASE_STYLES).toMatch(/\.end-mark \{[^}]*text-align: center/);
  });
});

describe('latest news', () => {
  const item = (overrides: Partial<LatestNewsItem> = {}): LatestNewsItem => ({
    id: 'r2',
    headline: 'Appeal after Ashford collision',
    releaseDate: '2024-01-10T10:00',
    timeZone: 'Europe/London',
    standfirst: 'Police are appealing for *witnesses*.',
    pdfHref: 'appeal-after-ashford-collision.pdf',
    ...overrides,
  });

  it('lists other releases with headline, time, standfirst and a PDF link', () => {
    const { doc } = render(fixture(), {
      latestNews: [
        item(),
        item({ id: 'r3', headline: 'Second', pdfHref: 'https://northshire.example/r3.pdf' }),
      ],
    });
    const aside = one(byTag(doc, 'aside'));
    expect(text(one(byTag(aside, 'h2')))).toBe('Latest news from Northshire Police');
    const entries = byTag(aside, 'li');
    expect(entries).toHaveLength(2);
    expect(text(one(byTag(entries[0]!, 'h3')))).toBe('Appeal after Ashford collision');
    expect(attr(one(byTag(entries[0]!, 'time')), 'datetime')).toBe('2024-01-10T10:00:00+00:00');
    expect(text(one(byTag(entries[0]!, 'em')))).toBe('witnesses');
    const pdf = one(byTag(entries[0]!, 'a'));
    expect(text(pdf)).toBe('Printable version (PDF)');
    expect(attr(pdf, 'href')).toBe('appeal-after-ashford-collision.pdf');
    expect(attr(one(byTag(entries[1]!, 'a')), 'href')).toBe('https://northshire.example/r3.pdf');
  });

  it.each([
    'javascript:alert(1)',
    '../../secret.pdf',
    '/etc/passwd',
    '//evil.example/x.pdf',
    'file:///x.pdf',
    'data:application/pdf,x',
    '',
  ])('leaves out a PDF link to %j', (pdfHref) => {
    const { doc } = render(fixture(), { latestNews: [item({ pdfHref })] });
    expect(byTag(one(byTag(doc, 'aside')), 'a')).toEqual([]);
  });

  it('links a headline to the page or article it is given, and leaves it plain text without one (issue 14, item 7)', () => {
    const { doc } = render(fixture(), {
      latestNews: [
        item({ href: '2024-01-10-appeal-after-ashford-collision-r2.html', pdfHref: '' }),
        item({ id: 'r3', headline: 'Second', href: 'https://northshire.example/news/r3', pdfHref: '' }),
        item({ id: 'r4', headline: 'Third', pdfHref: '' }),
      ],
    });
    const headings = byTag(one(byTag(doc, 'aside')), 'h3');
    expect(headings.map((h) => text(h))).toEqual(['Appeal after Ashford collision', 'Second', 'Third']);
    expect(headings.map((h) => byTag(h, 'a').map((a) => attr(a, 'href')))).toEqual([
      ['2024-01-10-appeal-after-ashford-collision-r2.html'],
      ['https://northshire.example/news/r3'],
      [],
    ]);
  });

  it.each(['javascript:alert(1)', '../../secret.html', '//evil.example/x', 'file:///x.html'])(
    'leaves a headline linked to %j as plain text',
    (href) => {
      const { doc } = render(fixture(), { latestNews: [item({ href, pdfHref: '' })] });
      const aside = one(byTag(doc, 'aside'));
      expect(byTag(aside, 'a')).toEqual([]);
      expect(text(one(byTag(aside, 'h3')))).toBe('Appeal after Ashford collision');
    },
  );

  it('is absent when there is no other news', () => {
    expect(byTag(render(fixture(), { latestNews: [] }).doc, 'aside')).toEqual([]);
    expect(byTag(render(fixture()).doc, 'aside')).toEqual([]);
  });
});

describe('empty sections and half-typed input', () => {
  it('leaves out every empty section of a blank release', () => {
    const blank = createBlankRelease({
      id: 'r1',
      type: 'news-release',
      profile: DEFAULT_PROFILE,
      now: JULY_1,
      makeId: () => 'p1',
    });
    const { doc } = render(blank, { profile: DEFAULT_PROFILE, mode: 'preview' });
    const order = children(article(doc)).map(
      (el) =>
        `${el.tagName}${classes(el)
          .map((c) => `.${c}`)
          .join('')}`,
    );
    expect(order).toEqual(['header.release-header', 'p.immediate', 'h1.placeholder', 'p.end-mark']);
    expect(byTag(doc, 'h2')).toEqual([]);
  });

  it('leaves out blank paragraphs, notes, tags, contacts and links', () => {
    const release: ReleaseContent = {
      ...fixture(),
      header: { ...fixture().header, tags: ['', '  '], reference: ' ' },
      body: [{ id: 'p1', text: ' ' }],
      quotes: [
        {
          id: 'q1',
          speakerName: '',
          speakerRole: '',
          organisation: '',
          paragraphs: [''],
          afterParagraphId: null,
        },
      ],
      background: [{ id: 'b1', text: '' }],
      notesToEditors: [{ id: 'n1', text: '\n' }],
      boilerplate: ' ',
      mediaContacts: [{ name: '', role: '', phone: '', email: '', outOfHours: '' }],
      canonicalUrl: '',
      relatedLinks: [{ id: 'l1', label: '', url: '' }],
      endMark: '',
    };
    const { doc } = render(release);
    for (const tag of ['section', 'figure', 'ul', 'ol', 'h2']) expect(byTag(doc, tag)).toEqual([]);
    expect(byClass(doc, 'body')).toEqual([]);
    expect(byClass(doc, 'end-mark')).toEqual([]);
  });

  it('does not throw on a half-filled form', () => {
    const broken = {
      ...fixture(),
      header: {
        type: 'not-a-type',
        organisation: undefined,
        releaseDate: '',
        timeZone: 'Not/AZone',
        embargo: { until: '2024-07-1', timeZone: '' },
        reference: undefined,
        tags: undefined,
      },
      body: [{ id: 'p1' }, undefined],
      quotes: [{ id: 'q1', speakerName: 'A', paragraphs: undefined }],
      background: undefined,
      notesToEditors: null,
      mediaContacts: [{}],
      relatedLinks: [{ id: 'l1' }],
    } as unknown as ReleaseContent;
    const brokenProfile = { ...profile, locale: 'en_GB!' };
    expect(() =>
      renderReleaseDocument(broken, options({ profile: brokenProfile, latestNews: [{} as LatestNewsItem] })),
    ).not.toThrow();
    const doc = parse(renderReleaseDocument(broken, options({ profile: brokenProfile })));
    expect(byTag(doc, 'h1')).toHaveLength(1);
    expect(text(one(byClass(doc, 'embargo')))).toMatch(/^EMBARGOED/);
    expect(attr(one(byTag(doc, 'html')), 'lang')).toBe('en-GB');
  });
});

describe('data-field: every part of the preview leads back to its form field', () => {
  it('marks each element that maps to a field', () => {
    const { doc } = render(fixture(), { draftMark: true });
    const fields = new Set(
      all(doc)
        .map((el) => attr(el, 'data-field'))
        .filter(Boolean),
    );
    for (const name of [
      'header',
      'header.organisation',
      'header.type',
      'header.releaseDate',
      'header.reference',
      'header.embargo',
      'headline',
      'standfirst',
      'details.0',
      'body.0',
      'body.1',
      'body.2',
      'quotes.0',
      'quotes.1',
      'background',
      'background.0',
      'notesToEditors',
      'notesToEditors.0',
      'notesToEditors.1',
      'boilerplate',
      'mediaContacts',
      'mediaContacts.0',
      'links',
      'canonicalUrl',
      'relatedLinks',
      'relatedLinks.0',
      'relatedLinks.1',
      'endMark',
    ]) {
      expect(fields, name).toContain(name);
    }
    // Internal fields have no mark because they are not on the page at all.
    expect(fields).not.toContain('header.tags');
    expect(fields).not.toContain('anonymityList');
  });

  it('puts the field on every block a list-bearing paragraph produces', () => {
    const release = fixture();
    release.body[0]!.text = 'Lead-in:\n- one\n- two\n1. first';
    const blocks = byField(render(release).doc, 'body.0');
    expect(blocks.map((el) => el.tagName)).toEqual(['p', 'ul', 'ol']);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Escaping: hostile text in every field must come out as text.

const HOSTILE: string[] = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "'><svg/onload=alert(1)>",
  '<svg><script>alert(1)</script></svg>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<object data="evil.swf"></object><embed src="evil.swf">',
  '<a href="javascript:alert(1)">click</a>',
  '[x](javascript:alert(1))',
  '[x](JaVaScRiPt:alert(1))',
  '[x](java\tscript:alert(1))',
  '[x](java\nscript:alert(1))',
  '[x]( javascript:alert(1))',
  '[x](data:text/html,<script>alert(1)</script>)',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[x](vbscript:msgbox(1))',
  '[x](file:///etc/passwd)',
  '[x](//evil.example/)',
  '[x](https://example.org/"onmouseover="alert(1))',
  "[x](https://example.org/'onmouseover='alert(1))",
  '[<img src=x onerror=alert(1)>](https://example.org)',
  '**<b onclick=alert(1)>bold</b>**',
  '*<i>em</i>*',
  '</style><script>alert(1)</script>',
  '</title><script>alert(1)</script>',
  '</textarea><script>alert(1)</script>',
  '<!--',
  '-->',
  '<!-- x --><script>alert(1)</script>',
  ']]>',
  '<![CDATA[<script>alert(1)</script>]]>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&#x3C;script&#x3E;alert(1)&#x3C;/script&#x3E;',
  '&amp;&quot;&#39;',
  'evil\u202Etxt.exe',
  '\u2066isolate\u2069 \u202Bembed\u202C',
  'nul\u0000<script>alert(1)</script>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<base href="https://evil.example/">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<template><script>alert(1)</script></template>',
  '<style>*{display:none}</style>',
  '<link rel=stylesheet href=https://evil.example/x.css>',
  '{{constructor.constructor("alert(1)")()}}',
  '${alert(1)}',
  '`-alert(1)-`',
  "'';!--\"<XSS>=&{()}",
  '- <script>alert(1)</script>\n- <img src=x onerror=alert(1)>',
  '1. <svg onload=alert(1)>\n2. two',
  'line one\r\n<script>alert(1)</script>\rline three',
  '\u2028<script>\u2029',
  'javascript:alert(1)',
  'JAVASCRIPT:alert(1)',
  'mailto:a@b.example?body=<script>alert(1)</script>',
  'https://example.org/"><script>alert(1)</script>',
];

const ALLOWED_ELEMENTS = new Set([
  'dl',
  'dt',
  'dd',
  'html',
  'head',
  'meta',
  'title',
  'style',
  'body',
  'main',
  'article',
  'header',
  'aside',
  'section',
  'div',
  'p',
  'span',
  'time',
  'bdi',
  'h1',
  'h2',
  'h3',
  'ul',
  'ol',
  'li',
  'figure',
  'figcaption',
  'blockquote',
  'cite',
  'address',
  'a',
  'em',
  'strong',
  'br',
  'wbr',
]);
const ALLOWED_ATTRIBUTES = new Set([
  'lang',
  'charset',
  'http-equiv',
  'content',
  'name',
  'class',
  'data-field',
  'datetime',
  'href',
  'cite',
  'start',
  'role',
  'aria-label',
  'aria-hidden',
]);
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'cite',
  'action',
  'formaction',
  'xlink:href',
  'poster',
  'background',
  'data',
]);

/** An address a reader's browser may follow: http(s), mailto, tel, a fragment, or a plain relative path (the PDF). */
function isSafeHref(value: string): boolean {
  if (/^(https?:\/\/|mailto:|tel:\+?[0-9]+$|#)/i.test(value)) return true;
  return /^[A-Za-z0-9_][A-Za-z0-9._\-/]*$/.test(value) && !value.includes('..');
}

/** Every structural promise the page makes, whatever the input. */
function assertSafeDocument(html: string, what: string): Node {
  const doc = parse(html);
  for (const el of all(doc)) {
    expect(ALLOWED_ELEMENTS.has(el.tagName), `${what}: unexpected <${el.tagName}>`).toBe(true);
    for (const { name, value } of el.attrs) {
      expect(name.startsWith('on'), `${what}: event handler ${name}`).toBe(false);
      expect(ALLOWED_ATTRIBUTES.has(name), `${what}: unexpected attribute ${name} on <${el.tagName}>`).toBe(
        true,
      );
      if (URL_ATTRIBUTES.has(name)) expect(isSafeHref(value), `${what}: ${name}="${value}"`).toBe(true);
    }
  }
  expect(byTag(doc, 'h1'), `${what}: h1`).toHaveLength(1);
  expect(byTag(doc, 'title')).toHaveLength(1);
  expect(text(one(byTag(doc, 'style')))).toBe(RELEASE_STYLES);
  const metas = byTag(doc, 'meta');
  expect(metas.filter((m) => attr(m, 'http-equiv') !== undefined).map((m) => attr(m, 'content'))).toEqual([
    RELEASE_CSP,
  ]);
  expect(all(doc, (el) => el.tagName === 'body')).toHaveLength(1);
  expect(byTag(one(byTag(doc, 'head')), 'meta')).toHaveLength(4);
  // Nothing the writer typed can start a comment or markup of its own.
  expect(html).not.toMatch(/<!--|<script|<svg|<img|<iframe|<object|<embed|<template|<base|<form|<link/i);
  return doc;
}

/** The same hostile string in every text field of a release (and of the latest-news entries). */
function hostileRelease(s: string): {
  release: ReleaseContent;
  latestNews: LatestNewsItem[];
  profile: OrganisationProfile;
} {
  return {
    release: {
      header: {
        type: 'news-release',
        organisation: s,
        releaseDate: '2024-07-18T09:30',
        timeZone: 'Europe/London',
        embargo: { until: '2024-07-18T00:01', timeZone: 'Europe/London' },
        reference: s,
        tags: [s, s],
      },
      headline: s,
      standfirst: s,
      details: [{ key: 'contact', label: s, text: s }],
      anonymityList: protectedPeopleNamed(s),
      changeNotes: [{ id: 'c1', text: s, importance: 'major', publishedAt: '2024-07-20T09:15:00.000Z' }],
      body: [
        { id: 'p1', text: s },
        { id: 'p2', text: s },
      ],
      quotes: [
        {
          id: 'q1',
          speakerName: s,
          speakerRole: s,
          organisation: s,
          paragraphs: [s, s],
          afterParagraphId: 'p1',
        },
      ],
      background: [{ id: 'b1', text: s }],
      notesToEditors: [{ id: 'n1', text: s }],
      boilerplate: s,
      mediaContacts: [{ name: s, role: s, phone: s, email: s, outOfHours: s }],
      canonicalUrl: s,
      relatedLinks: [{ id: 'l1', label: s, url: s }],
      endMark: s,
    },
    latestNews: [
      {
        id: 'r2',
        headline: s,
        releaseDate: '2024-07-10T10:00',
        timeZone: 'Europe/London',
        standfirst: s,
        pdfHref: s,
      },
    ],
    profile: { ...profile, name: s, locale: s, boilerplate: s },
  };
}

/** What the parser gives back for text we escaped: CR folded into LF, NUL as U+FFFD (we write it so), trimmed. */
/** The text as the page shows it: NUL replaced, line endings one kind, bidi controls closed within the field. */
function asParsed(s: string): string {
  return balanceBidi(s.trim().replace(/\r\n?/g, '\n').replaceAll('\u0000', '\uFFFD'));
}

describe('escaping: hostile input in every field', () => {
  it('has a table of at least 30 hostile inputs', () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(30);
  });

  describe.each(HOSTILE.map((s) => [JSON.stringify(s), s] as const))('%s', (_label, s) => {
    const { release, latestNews, profile: hostileProfile } = hostileRelease(s);

    it.each([
      ['export', false],
      ['preview', true],
    ] as const)('renders only the expected structure (%s)', (mode, draftMark) => {
      const html = renderReleaseDocument(release, {
        mode,
        draftMark,
        now: JULY_1,
        profile: hostileProfile,
        latestNews,
      });
      assertSafeDocument(html, `${mode} of ${JSON.stringify(s)}`);
      // The body the preview swaps in on each keystroke must be just as inert.
      assertSafeDocument(
        `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${RELEASE_CSP}"><meta name="a" content="b"><meta name="c" content="d"><title>t</title><style>${RELEASE_STYLES}</style></head><body>${renderReleaseBody(release, { mode, draftMark, now: JULY_1, profile: hostileProfile, latestNews })}</body></html>`,
        `body of ${JSON.stringify(s)}`,
      );
    });

    it('shows the hostile text as text', () => {
      const doc = parse(
        renderReleaseDocument(release, {
          mode: 'export',
          draftMark: true,
          now: JULY_1,
          profile: hostileProfile,
          latestNews,
        }),
      );
      const expected = asParsed(s);
      expect(text(one(byTag(doc, 'h1')))).toBe(expected);
      expect(text(one(byTag(doc, 'title')))).toBe(expected);
      expect(text(one(byField(doc, 'header.organisation')))).toBe(expected);
      expect(text(one(byField(doc, 'header.reference')))).toBe(`Reference: ${expected}`);
      expect(byField(doc, 'header.tags')).toEqual([]);
      expect(text(one(byClass(doc, 'contact-name')))).toBe(expected);
      expect(text(one(byClass(doc, 'contact-role')))).toBe(expected);
      expect(text(one(byClass(doc, 'out-of-hours')))).toBe(expected);
      expect(text(one(byClass(doc, 'contact-phone')))).toBe(`Phone: ${expected}`);
      expect(text(one(byClass(doc, 'contact-email')))).toBe(`Email: ${expected}`);
      expect(text(one(byClass(doc, 'end-mark')))).toBe(expected);
      expect(text(one(byTag(one(byClass(doc, 'boilerplate')), 'h2')))).toBe(`About ${expected}`);
      expect(text(one(byTag(one(byTag(doc, 'aside')), 'h2')))).toBe(`Latest news from ${expected}`);
      expect(text(one(byTag(one(byTag(doc, 'aside')), 'h3')))).toBe(expected);
      const quote = one(byField(doc, 'quotes.0'));
      // The role opens the sentence (its first letter capitalised); the organisation is the issuer's, so unsaid.
      const role = asParsed(s.trim().replace(/^\p{Ll}/u, (letter) => letter.toUpperCase()));
      expect(text(one(byClass(quote, 'attribution')))).toBe(`${role} ${expected} said:`);

      // Paragraph fields go through the inline markup: what shows is the text less that markup.
      if (!/[\r\n\u2028\u2029]/.test(s)) {
        const plain = asParsed(inlineToPlainText(s.trim()));
        expect(text(one(byField(doc, 'standfirst')), true)).toBe(plain);
        const detail = one(byField(doc, 'details.0'));
        expect(
          text(
            detail.childNodes.find((c) => isElement(c) && c.tagName === 'dd')!,
            true,
          ),
        ).toBe(plain);
        expect(text(one(byField(doc, 'body.0')), true)).toBe(plain);
        expect(text(one(byField(doc, 'background.0')), true)).toBe(plain);
        expect(text(one(byField(doc, 'notesToEditors.0')), true)).toBe(plain);
      }
    });

    // Text with none of the inline markers must not change the page's shape at all compared with harmless text.
    const hasNoInlineMarkers = !/[*[\n\r]/.test(s) && !/^\s*(-|•|\d+\.)\s/.test(s);
    (hasNoInlineMarkers ? it : () => undefined)('gives the same element structure as harmless text', () => {
      const skeleton = (input: string) => {
        const { release: r, latestNews: news } = hostileRelease(input);
        // Addresses decide whether a link exists at all; that is tested above, so hold them fixed here.
        r.canonicalUrl = 'https://example.org/news';
        r.relatedLinks[0]!.url = 'https://example.org/related';
        r.mediaContacts[0]!.phone = '01632 960 000';
        r.mediaContacts[0]!.email = 'press@example.org';
        news[0]!.pdfHref = 'other.pdf';
        const doc = parse(
          renderReleaseDocument(r, {
            mode: 'export',
            draftMark: true,
            now: JULY_1,
            profile,
            latestNews: news,
          }),
        );
        return all(doc).map((el) => `${el.tagName}[${el.attrs.map((a) => a.name).join(',')}]`);
      };
      expect(skeleton(s)).toEqual(skeleton('harmless'));
    });
  });

  it('refuses hostile values in the structural header fields too', () => {
    for (const s of HOSTILE) {
      const release = fixture();
      release.header = {
        ...release.header,
        type: s as ReleaseContent['header']['type'],
        releaseDate: s,
        timeZone: s,
        embargo: { until: s, timeZone: s },
      };
      release.body[0]!.id = s;
      release.quotes[0]!.afterParagraphId = s;
      const html = renderReleaseDocument(release, options({ profile: { ...profile, locale: s } }));
      const doc = assertSafeDocument(html, `header fields of ${JSON.stringify(s)}`);
      expect(text(one(byClass(doc, 'embargo')))).toMatch(/^EMBARGOED/);
      expect(attr(one(byTag(doc, 'html')), 'lang')).toBe('en-GB');
    }
  });
});
