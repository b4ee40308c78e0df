import { protectedPeopleNamed } from '../../../src-shared/release/schema';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, chromiumExecutable } from '../../../src-main/services/export/chromium-printer';
import { exportRelease } from '../../../src-main/services/export/export-release';
import { renderExportHtml } from '../../../src-main/services/export/html-export';
import { loadHouseFonts } from '../../../src-main/services/export/house-fonts';
import { ReleaseSchema, type OrganisationProfile, type Release } from '../../../src-shared/release/schema';
import type { EmbeddedFontFace } from '../../../src-shared/render/render-release';
import { renderReleaseText, TEXT_WIDTH } from '../../../src-shared/render/render-text';
import { attr, BEFORE_EMBARGO, elements, parseHtml, profile, release } from './fixtures';

/**
 * Issue 6: "at least 100 hostile inputs through every field leave no executable content: each export is opened in
 * Chromium and no script runs". Four sets of cases:
 *
 *  - every payload in every text field at once, as typed (rendered by the export's renderer: a payload longer than
 *    a field allows would be refused by exportRelease before rendering, and the renderer must cope regardless);
 *  - some payloads in the structural fields as well (type, dates, zones, locale, quote anchors);
 *  - each field filled to its schema maximum with hostile text (200,000 characters in a paragraph), through
 *    exportRelease itself;
 *  - a megabyte in each field: exportRelease refuses it (over every field's limit), and the renderer's output for
 *    it is audited with parse5. Not in Chromium: its layout of a megabyte-long bidi-isolated word (a speaker's
 *    name) takes minutes, which is why the exporter keeps to the schema's limits.
 *
 * Each exported page is loaded, with JavaScript on, into one page of one browser, where any script that ran would
 * call a trap, open a dialog or trip the Content Security Policy, and its live DOM is audited.
 *
 * The same file runs axe-core over representative exports (it needs the same browser with JavaScript on).
 */

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const TRAP = `__pwned`;
const js = (tag: string) => `${TRAP}('${tag}')`;

const SHORT_PAYLOADS: string[] = [
  `<script>${js('script')}</script>`,
  `<SCRIPT SRC=data:text/javascript,${js('src')}></SCRIPT>`,
  `<img src=x onerror="${js('img')}">`,
  `<img src="x" onerror=${js('img2')}//`,
  `"><img src=x onerror=${js('break-attr')}>`,
  `'><img src=x onerror=${js('break-attr2')}>`,
  `" onmouseover="${js('attr')}" x="`,
  `' autofocus onfocus='${js('focus')}' x='`,
  `<svg onload=${js('svg')}>`,
  `<svg><script>${js('svg-script')}</script></svg>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${js('mxss')}>`,
  `<noscript><p title="</noscript><img src=x onerror=${js('noscript')}>">`,
  `<iframe srcdoc="<script>parent.${js('srcdoc')}</script>"></iframe>`,
  `<iframe src="javascript:parent.${js('iframe')}"></iframe>`,
  `<object data="javascript:${js('object')}"></object>`,
  `<embed src="data:text/html,<script>${js('embed')}</script>">`,
  `<body onload=${js('body')}>`,
  `<details open ontoggle=${js('details')}>`,
  `<video><source onerror=${js('video')}></video>`,
  `<input autofocus onfocus=${js('input')}>`,
  `<marquee onstart=${js('marquee')}>x</marquee>`,
  `<a href="javascript:${js('href')}">click</a>`,
  `<form action="javascript:${js('form')}"><button>go</button></form>`,
  `<base href="javascript:${js('base')}//">`,
  `<meta http-equiv="refresh" content="0;url=javascript:${js('refresh')}">`,
  `<link rel=stylesheet href="https://evil.example/x.css">`,
  `<style>@import url(https://evil.example/x.css); body{background:url(javascript:${js('css')})}</style>`,
  `</style><script>${js('style-end')}</script>`,
  `</title><script>${js('title-end')}</script>`,
  `</textarea><script>${js('textarea-end')}</script>`,
  `<!--<script>${js('comment')}</script>-->`,
  `--><script>${js('comment-end')}</script>`,
  `<![CDATA[<script>${js('cdata')}</script>]]>`,
  `<template><script>${js('template')}</script></template>`,
  `<isindex action=javascript:${js('isindex')} type=image>`,
  `<x onclick=${js('custom')}>x</x>`,
  `&lt;script&gt;${js('entity')}&lt;/script&gt;`,
  `&#60;script&#62;${js('numeric-entity')}&#60;/script&#62;`,
  `\\x3cscript\\x3e${js('escaped')}\\x3c/script\\x3e`,
  `{{constructor.constructor('${js('template-injection')}')()}}`,
  `\${${js('template-literal')}}`,
  `[x](javascript:${js('md-link')})`,
  `[x](JaVaScRiPt:${js('md-case')})`,
  `[x](java\tscript:${js('md-tab')})`,
  `[x](java\nscript:${js('md-newline')})`,
  `[x]( javascript:${js('md-space')})`,
  `[x](&#106;avascript:${js('md-entity')})`,
  `[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
  `[x](data:text/html,<script>${js('md-data')}</script>)`,
  `[x](vbscript:msgbox(1))`,
  `[x](file:///etc/passwd)`,
  `[x](//evil.example/)`,
  `[x](https://evil.example/" onclick="${js('md-quote')})`,
  `[x](https://evil.example/' onmouseover='${js('md-squote')})`,
  `[x](https://evil.example/\`onclick=${js('md-backtick')})`,
  `[<img src=x onerror=${js('md-label')}>](https://ok.example/)`,
  `[**x**](https://ok.example/)<script>${js('after-link')}</script>`,
  `*<script>${js('em')}</script>*`,
  `**<b onclick=${js('strong')}>x</b>**`,
  `- <script>${js('list')}</script>\n1. <img src=x onerror=${js('ol')}>`,
  `javascript:${js('bare')}`,
  `data:text/html,<script>${js('bare-data')}</script>`,
  `vbscript:msgbox("x")`,
  `mailto:x@example.org?body=<script>${js('mailto')}</script>`,
  `https://ok.example/<script>${js('url-script')}</script>`,
  `tel:+44"><script>${js('tel')}</script>`,
  `+44 (0)1632 960000"><img src=x onerror=${js('phone')}>`,
  `x@example.org" onclick="${js('email')}`,
  `\u202Eevil\u202C said: <script>${js('rlo')}</script>`,
  `\u2066\u2067\u2068 isolate \u2069 <img src=x onerror=${js('isolates')}>`,
  `\u200F\u061C\u200E marks`,
  `nul\u0000<scr\u0000ipt>${js('nul')}</scr\u0000ipt>`,
  `<scr<script>ipt>${js('nested')}</scr</script>ipt>`,
  `<<script>script>${js('double-lt')}<</script>/script>`,
  `<img """><script>${js('quotes')}</script>">`,
  `<img src=\`x\` onerror=${js('backtick')}>`,
  `<a href="&#x6A;avascript:${js('hex-entity')}">x</a>`,
  `<svg><a xlink:href="javascript:${js('xlink')}"><text y=20>x</text></a></svg>`,
  `<div style="background:url(javascript:${js('inline-style')})">x</div>`,
  `<div style="width: expression(${js('expression')})">x</div>`,
  `<plaintext><script>${js('plaintext')}</script>`,
  `<xmp><script>${js('xmp')}</script></xmp>`,
  `<frameset onload=${js('frameset')}>`,
  `<audio src=x onerror=${js('audio')}>`,
  `<body/onload=${js('slash')}>`,
  `<img/src=x/onerror=${js('slash-img')}>`,
  `<script\x0Dtype="text/javascript">${js('cr')}</script>`,
  `<img src=x onerror="window.__ran=1">`,
  `<svg><animate onbegin="window.__ran=1" attributeName=x dur=1s>`,
  `"'\`><>&;\\/%`,
  `\uFEFF\u200B\u00AD invisible characters`,
  `𝒰𝓃𝒾𝒸ℴ𝒹ℯ 😀🇬🇧 e\u0301 ﷽ 漢字 עברית العربية`,
  `\uD800 lone surrogate \uDC00`,
  `Broken <b><i>markup</b></i> <p> <div> </span> <`,
  `ENDS\n\n\n\r\n\r\r\n\u2028\u2029 line separators`,
];

/** The megabyte-long ones: each goes into one field per case. */
const LONG_PAYLOADS: string[] = [
  'A'.repeat(1_000_000),
  `<script>${js('long')}</script>`.repeat(40_000),
  '*[*['.repeat(250_000),
  `[x](javascript:${js('long-link')}) `.repeat(25_000),
  '\u202E\u0000<>&"\''.repeat(150_000),
  `word `.repeat(200_000),
];

/** A release with `payload` in every text field, and another published one carrying it into "Latest news". */
function hostileRelease(
  payload: string,
  structural: boolean,
): { release: Release; others: Release[]; profile: OrganisationProfile } {
  const base = release();
  const r = release(
    {
      header: {
        ...base.header,
        organisation: payload,
        reference: payload,
        tags: [payload, payload],
        ...(structural
          ? {
              type: payload as Release['header']['type'],
              releaseDate: payload,
              timeZone: payload,
              embargo: { until: payload, timeZone: payload },
            }
          : {}),
      },
      headline: payload,
      standfirst: payload,
      details: [{ key: 'k', label: payload, text: payload }],
      body: [
        { id: 'p1', text: payload },
        { id: 'p2', text: `Before ${payload} after` },
      ],
      quotes: [
        {
          id: 'q1',
          speakerName: payload,
          speakerRole: payload,
          organisation: payload,
          paragraphs: [payload, payload],
          afterParagraphId: structural ? payload : 'p1',
        },
      ],
      background: [{ id: 'b1', text: payload }],
      notesToEditors: [{ id: 'n1', text: payload }],
      boilerplate: payload,
      mediaContacts: [{ name: payload, role: payload, phone: payload, email: payload, outOfHours: payload }],
      canonicalUrl: payload,
      relatedLinks: [{ id: 'l1', label: payload, url: payload }],
      endMark: payload,
      anonymityList: protectedPeopleNamed(payload),
    },
    'draft',
  );
  const other = release(
    {
      id: 'r-other',
      headline: payload,
      standfirst: payload,
      header: { ...base.header, embargo: null, releaseDate: '2024-07-01T10:00' },
    },
    'published',
  );
  return {
    release: r,
    others: [other],
    // The structural cases also take the house's other print settings: the quote credit caption and ENDS last.
    profile: {
      ...profile,
      name: payload,
      locale: structural ? payload : 'en-GB',
      ...(structural ? { quoteCredit: true, endMarkPlacement: 'after-everything' as const } : {}),
    },
  };
}

/** The text fields of a release, each as a setter of one field. */
const FIELD_SETTERS: Record<string, (r: Release, value: string) => Release> = {
  organisation: (r, v) => ({ ...r, header: { ...r.header, organisation: v } }),
  reference: (r, v) => ({ ...r, header: { ...r.header, reference: v } }),
  tag: (r, v) => ({ ...r, header: { ...r.header, tags: [v] } }),
  headline: (r, v) => ({ ...r, headline: v }),
  standfirst: (r, v) => ({ ...r, standfirst: v }),
  detailLabel: (r, v) => ({ ...r, details: [{ key: 'k', label: v, text: 'x' }] }),
  detailText: (r, v) => ({ ...r, details: [{ key: 'k', label: 'x', text: v }] }),
  body: (r, v) => ({ ...r, body: [{ id: 'p1', text: v }] }),
  speakerName: (r, v) => ({ ...r, quotes: [{ ...r.quotes[0]!, speakerName: v }] }),
  speakerRole: (r, v) => ({ ...r, quotes: [{ ...r.quotes[0]!, speakerRole: v }] }),
  quoteOrganisation: (r, v) => ({ ...r, quotes: [{ ...r.quotes[0]!, organisation: v }] }),
  quoteParagraph: (r, v) => ({ ...r, quotes: [{ ...r.quotes[0]!, paragraphs: [v] }] }),
  background: (r, v) => ({ ...r, background: [{ id: 'b1', text: v }] }),
  note: (r, v) => ({ ...r, notesToEditors: [{ id: 'n1', text: v }] }),
  boilerplate: (r, v) => ({ ...r, boilerplate: v }),
  contactName: (r, v) => ({ ...r, mediaContacts: [{ ...r.mediaContacts[0]!, name: v }] }),
  contactRole: (r, v) => ({ ...r, mediaContacts: [{ ...r.mediaContacts[0]!, role: v }] }),
  contactPhone: (r, v) => ({ ...r, mediaContacts: [{ ...r.mediaContacts[0]!, phone: v }] }),
  contactEmail: (r, v) => ({ ...r, mediaContacts: [{ ...r.mediaContacts[0]!, email: v }] }),
  contactOutOfHours: (r, v) => ({ ...r, mediaContacts: [{ ...r.mediaContacts[0]!, outOfHours: v }] }),
  canonicalUrl: (r, v) => ({ ...r, canonicalUrl: v }),
  relatedLabel: (r, v) => ({ ...r, relatedLinks: [{ id: 'l1', label: v, url: 'https://ok.example/' }] }),
  relatedUrl: (r, v) => ({ ...r, relatedLinks: [{ id: 'l1', label: 'x', url: v }] }),
  endMark: (r, v) => ({ ...r, endMark: v }),
};

interface Case {
  name: string;
  release: Release;
  others: Release[];
  profile: OrganisationProfile;
  /** Through exportRelease (schema-checked); otherwise straight through the renderer it uses. */
  viaExport: boolean;
}

/** Longest value a field takes, read from the schema the exporter checks against. */
function maxLengthOf(field: string): number {
  const parsed = ReleaseSchema.safeParse(FIELD_SETTERS[field]!(release(), 'x'.repeat(3_000_000)));
  const issue = parsed.success ? undefined : parsed.error.issues.find((i) => i.code === 'too_big');
  return issue && 'maximum' in issue ? Number(issue.maximum) : 3_000_000;
}

/** `payload` repeated or cut to exactly `length` code units, without splitting a surrogate pair. */
function fill(payload: string, length: number): string {
  let text = payload.repeat(Math.ceil(length / payload.length)).slice(0, length);
  if (/[\ud800-\udbff]$/.test(text)) text = `${text.slice(0, -1)}x`;
  return text;
}

const label = (payload: string) => JSON.stringify(payload).slice(0, 60);

const CASES: Case[] = [
  ...SHORT_PAYLOADS.map((payload, i) => ({
    name: `short ${i}: ${label(payload)}`,
    viaExport: false,
    ...hostileRelease(payload, false),
  })),
  ...SHORT_PAYLOADS.filter((_, i) => i % 4 === 0).map((payload, i) => ({
    name: `structural ${i}: ${label(payload)}`,
    viaExport: false,
    ...hostileRelease(payload, true),
  })),
  ...Object.entries(FIELD_SETTERS).map(([field, set], i) => {
    const payload = SHORT_PAYLOADS[(i * 7) % SHORT_PAYLOADS.length]!;
    const max = maxLengthOf(field);
    return {
      name: `longest allowed ${field} (${max}): ${label(payload)}`,
      viaExport: true,
      release: set(release({}, 'draft'), fill(payload, max)),
      others: [],
      profile,
    };
  }),
];

/** A megabyte in each field, each case a different payload. */
const MEGABYTE_CASES = Object.entries(FIELD_SETTERS).map(([field, set], i) => {
  const payload = LONG_PAYLOADS[i % LONG_PAYLOADS.length]!;
  return {
    name: `1 MB in ${field}: ${label(payload.slice(0, 20))}`,
    release: set(release({}, 'draft'), payload),
  };
});

const SAFE_HREF = /^(?:https?:|mailto:|tel:|[A-Za-z0-9_][\w.-]*\.pdf$)/;

/** Every element a rendered release may contain; anything else got in from an input. */
const ALLOWED_TAGS = new Set(
  'html head meta title style body main article header img p span time ul ol li h1 h2 h3 div dl dt dd figure blockquote figcaption cite bdi section address a aside br wbr em strong'.split(
    ' ',
  ),
);

let browser: Browser;
let context: BrowserContext;
let page: Page;
let fonts: readonly EmbeddedFontFace[];
const ran: string[] = [];
const blocked: string[] = [];
const requests: string[] = [];

beforeAll(async () => {
  fonts = await loadHouseFonts();
  browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  // JavaScript on: the test is that none of the page's own runs.
  context = await browser.newContext();
  await context.exposeBinding(TRAP, (_source, tag: string) => {
    ran.push(`binding ${tag}`);
  });
  await context.route('**/*', async (route) => {
    requests.push(route.request().url().slice(0, 100));
    await route.abort();
  });
  page = await context.newPage();
  page.on('dialog', (dialog) => {
    ran.push(`dialog ${dialog.message()}`);
    void dialog.dismiss();
  });
  // Chromium reports what the CSP refused on its log, not the console API.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Log.enable');
  cdp.on('Log.entryAdded', ({ entry }) => {
    if (/Content Security Policy/i.test(entry.text)) blocked.push(entry.text.slice(0, 200));
  });
  page.on('pageerror', (error) => ran.push(`page error ${error.message}`));
}, 30_000);

afterAll(async () => {
  await browser?.close();
});

async function exportText(c: Case, format: 'html' | 'txt'): Promise<string> {
  if (!c.viaExport) {
    if (format === 'txt') {
      return renderReleaseText(c.release, { draftMark: true, now: BEFORE_EMBARGO, profile: c.profile });
    }
    return renderExportHtml({
      release: c.release,
      allReleases: c.others,
      profile: c.profile,
      now: BEFORE_EMBARGO,
      fontFaces: fonts,
    });
  }
  const result = await exportRelease({
    release: c.release,
    allReleases: c.others,
    profile: c.profile,
    format,
    now: BEFORE_EMBARGO,
    fontFaces: fonts,
  });
  if (!result.ok) throw new Error(`${c.name}: ${result.error.message}`);
  return new TextDecoder().decode(result.value.bytes);
}

/** A line may run over only when it is one address (after a list or reference marker), which cannot be cut. */
const UNBREAKABLE_LINE = /^\s*(?:\[\d+\] |[-•] |\d+\. +)?[(<[]?(?:https?:\/\/|mailto:)\S*$/i;

interface Audit {
  strangeTags: string[];
  handlers: string[];
  badHrefs: string[];
  badSources: string[];
  flag: boolean;
}

/** Loads a page into a fresh document and lists everything that betrays executable or loading content. */
async function loadAndAudit(html: string): Promise<string[]> {
  ran.length = 0;
  blocked.length = 0;
  requests.length = 0;
  // A fresh document each time: setContent writes into the current one, which keeps its CSP.
  await page.goto('about:blank');
  await page.setContent(html, { waitUntil: 'load' });
  // Any script would have run by load; give a timer-based one a turn of the event loop as well.
  const audit = (await page.evaluate(`(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    const all = [...document.querySelectorAll('*')];
    const allowed = /^(?:https?:|mailto:|tel:|[A-Za-z0-9_][\\w.-]*\\.pdf$)/;
    return {
      strangeTags: [...new Set(all.map((el) => el.localName))],
      handlers: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => el.localName + '@' + a.name)),
      badHrefs: all.filter((el) => el.hasAttribute('href') && !allowed.test(el.getAttribute('href'))).map((el) => el.getAttribute('href').slice(0, 80)),
      badSources: all.filter((el) => el.hasAttribute('src') && !/^data:image\\/(?:png|jpeg|gif|webp);base64,/.test(el.getAttribute('src'))).map((el) => el.getAttribute('src').slice(0, 80)),
      flag: '__ran' in window,
    };
  })()`)) as Audit;
  return [
    ...ran,
    ...blocked.map((message) => `CSP: ${message}`),
    ...requests.map((url) => `request ${url}`),
    ...audit.strangeTags.filter((tag) => !ALLOWED_TAGS.has(tag)).map((tag) => `element <${tag}>`),
    ...audit.handlers.map((handler) => `handler ${handler}`),
    ...audit.badHrefs.map((href) => `href ${href}`),
    ...audit.badSources.map((src) => `src ${src}`),
    ...(audit.flag ? ['window flag set'] : []),
  ];
}

describe('hostile inputs', () => {
  it('there are at least 100 cases, and every field meets its longest value and a megabyte', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(100);
    expect(Object.keys(FIELD_SETTERS).length).toBeGreaterThanOrEqual(24);
    expect(MEGABYTE_CASES).toHaveLength(Object.keys(FIELD_SETTERS).length);
  });

  it('a megabyte in any field: the export is refused, and what the renderer would make of it is inert', async () => {
    const failures: string[] = [];
    for (const c of MEGABYTE_CASES) {
      const result = await exportRelease({
        release: c.release,
        profile,
        format: 'html',
        now: BEFORE_EMBARGO,
        fontFaces: fonts,
      });
      if (result.ok || result.error.code !== 'invalid-input') failures.push(`${c.name}: not refused`);
      const document = parseHtml(
        renderExportHtml({ release: c.release, profile, now: BEFORE_EMBARGO, fontFaces: [] }),
      );
      for (const el of elements(document)) {
        if (!ALLOWED_TAGS.has(el.tagName)) failures.push(`${c.name}: <${el.tagName}>`);
        for (const a of el.attrs)
          if (/^on/i.test(a.name)) failures.push(`${c.name}: ${el.tagName}@${a.name}`);
        const href = attr(el, 'href');
        if (href !== undefined && !SAFE_HREF.test(href))
          failures.push(`${c.name}: href ${href.slice(0, 60)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);

  it('leave nothing executable in the HTML export: loaded in Chromium, no script runs', async () => {
    const failures: string[] = [];
    for (const c of CASES) {
      const problems = await loadAndAudit(await exportText(c, 'html'));
      if (problems.length > 0) failures.push(`${c.name}: ${problems.join('; ')}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('the traps work: script that runs, and markup that got in, are caught', async () => {
    expect(await loadAndAudit(`<script>${js('control')}</script>`)).toEqual([
      'binding control',
      'element <script>',
    ]);
    // Into an exported page (past the renderer): the CSP stops the script, the audit sees the rest.
    const exported = await exportText(CASES[0]!, 'html');
    const injected = exported.replace(
      '</main>',
      `<script>${js('injected')}</script><img src="https://evil.example/x.png" onerror="${js('img')}">` +
        `<a href="javascript:${js('a')}">x</a><iframe></iframe></main>`,
    );
    const problems = await loadAndAudit(injected);
    expect(problems).not.toContain(expect.stringMatching(/^binding/));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^CSP: .*inline script/),
        'element <iframe>',
        'handler img@onerror',
        `href javascript:${js('a')}`,
        'src https://evil.example/x.png',
      ]),
    );
    // And an export as made is clean.
    expect(await loadAndAudit(exported)).toEqual([]);
  });

  it('leave the plain-text export without control characters and within 72 columns', async () => {
    const failures: string[] = [];
    for (const c of CASES) {
      const text = await exportText(c, 'txt');
      // eslint-disable-next-line no-control-regex -- looking for control characters
      if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(text))
        failures.push(`${c.name}: control character`);
      const long = text
        .split('\n')
        // Bidi controls take no column (and the renderer adds closers at line ends).
        .filter(
          (line) =>
            [...line.replace(/[\u202a-\u202e\u2066-\u2069]/g, '')].length > TEXT_WIDTH &&
            !UNBREAKABLE_LINE.test(line),
        );
      if (long.length > 0)
        failures.push(`${c.name}: ${long.length} lines over ${TEXT_WIDTH}: ${long[0]!.slice(0, 90)}`);
    }
    expect(failures).toEqual([]);
  }, 60_000);
});

describe('accessibility', () => {
  it.each([
    ['an approved release with an embargo, a logo and latest news', 'approved'],
    ['a draft', 'draft'],
  ] as const)('axe-core finds no violation in %s', async (_name, status) => {
    const png =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    const others = [
      release(
        { id: 'r-2', headline: 'An earlier release', header: { ...release().header, embargo: null } },
        'published',
      ),
    ];
    const result = await exportRelease({
      release: release({}, status),
      allReleases: others,
      profile,
      logoDataUrl: png,
      format: 'html',
      now: BEFORE_EMBARGO,
      fontFaces: fonts,
    });
    if (!result.ok) throw new Error(result.error.message);
    await page.goto('about:blank');
    await page.setContent(new TextDecoder().decode(result.value.bytes), { waitUntil: 'load' });
    await page.evaluate(AXE_SOURCE);
    const outcome = (await page.evaluate(
      `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => v.id + ': ' + v.help + ' ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
    )) as string[];
    expect(outcome).toEqual([]);
  });
});
