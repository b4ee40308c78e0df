import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM_ARGS,
  chromiumExecutable,
  createChromiumPrinter,
} from '../../../src-main/services/export/chromium-printer';
import { exportRelease } from '../../../src-main/services/export/export-release';
import type { PdfPrinter } from '../../../src-main/services/export/pdf-printer';
import { RELEASE_TYPES, type Release, type ReleaseType } from '../../../src-shared/release/schema';
import { RELEASE_TEMPLATES } from '../../../src-shared/release/templates';
import type { PageSize } from '../../../src-shared/render/render-release';
import { BEFORE_EMBARGO, profile, release } from './fixtures';
import { headingOrderProblem, readPdfAccessibility, type PdfAccessibilityFacts } from './pdf-structure';

/**
 * Accessible by construction (issue 17, item 3): every release type, printed on A4 and on Letter through the real
 * Chromium printer (one warm browser for all of them), is read back with pdf-lib and must carry its language, a
 * title the viewer shows as the window title, tags (MarkInfo and a structure tree), headings in order, the logo
 * as a Figure with its text alternative, and only embedded fonts. The same releases' HTML pages pass axe-core at
 * WCAG 2.2 AA. The table printed at the end is the one quoted in the closing note of the issue.
 */

const PNG_1x1 =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const LOGO_ALT = 'Northshire Police logo';
const PAPER: readonly PageSize[] = ['A4', 'Letter'];
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** A published release of the other kind, so that "Latest news" (an h2 with an h3 per item) is on every page. */
const otherRelease = release(
  {
    id: 'r-bridge01',
    headline: 'Bridge reopens after repairs',
    standfirst: 'The bridge on the A28 reopened on Monday.',
    header: { ...release().header, type: 'news-release', embargo: null, releaseDate: '2024-07-10T09:00' },
  },
  'published',
);

/**
 * One filled-in release per type, from the type's template (its key details, notes) with the fixture's story.
 * The embargoed release is still under embargo when printed, and the statement is a draft, so the embargo line
 * and the "DRAFT — NOT APPROVED" mark are checked too.
 */
function releaseOfType(type: ReleaseType): Release {
  const template = RELEASE_TEMPLATES[type];
  const base = release();
  return release(
    {
      id: `r-${type.replace(/-/g, '').slice(0, 10)}`,
      header: { ...base.header, type, embargo: template.embargoed ? base.header.embargo : null },
      details: template.details.map((detail) => ({
        key: detail.key,
        label: detail.label,
        text: `${detail.label}: see the notes to editors.`,
      })),
    },
    type === 'statement' ? 'in-review' : 'approved',
  );
}

let printer: PdfPrinter;
let browser: Browser;
beforeAll(async () => {
  printer = createChromiumPrinter();
  browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await printer.close();
  await browser?.close();
});

async function exported(type: ReleaseType, format: 'pdf' | 'html', pageSize: PageSize = 'A4') {
  const result = await exportRelease({
    release: releaseOfType(type),
    allReleases: [otherRelease],
    profile,
    logoDataUrl: PNG_1x1,
    format,
    pageSize,
    now: BEFORE_EMBARGO,
    printer,
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

interface Row {
  type: ReleaseType;
  paper: PageSize;
  facts: PdfAccessibilityFacts;
  /** What poppler's pdfinfo said on stderr: it reports a broken cross-reference table or object there. */
  popplerComplaints: string;
}

/** poppler's reading of the file, another reader than pdf-lib: the finished PDF must read whole. */
function popplerComplaints(pdf: Uint8Array): string {
  const folder = mkdtempSync(join(tmpdir(), 'pressroom-a11y-'));
  try {
    const file = join(folder, 'release.pdf');
    writeFileSync(file, pdf);
    const run = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
    return run.status === 0 ? run.stderr : `pdfinfo failed: ${run.stderr}`;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('every PDF is accessible by construction', () => {
  const rows: Row[] = [];
  beforeAll(async () => {
    for (const type of RELEASE_TYPES) {
      for (const paper of PAPER) {
        const pdf = await exported(type, 'pdf', paper);
        rows.push({
          type,
          paper,
          facts: await readPdfAccessibility(pdf.bytes),
          popplerComplaints: popplerComplaints(pdf.bytes),
        });
      }
    }
  }, 60_000);

  afterAll(() => {
    // The table for the closing note of issue 17.
    const yes = (value: boolean) => (value ? 'yes' : 'NO');
    const lines = [
      '| release type | paper | /Lang | Title + DisplayDocTitle | tagged (Marked + StructTreeRoot) | headings in order | logo Figure + Alt | all fonts embedded |',
      '|---|---|---|---|---|---|---|---|',
      ...rows.map(({ type, paper, facts }) => {
        const headings = facts.elements.filter((element) => /^H[1-6]$/.test(element.type)).map((e) => e.type);
        const logo = facts.elements.find((element) => element.type === 'Figure' && element.alt === LOGO_ALT);
        return (
          `| ${type} | ${paper} | ${facts.language ?? 'NO'} | ${yes(facts.title !== null && facts.displayDocTitle)} | ` +
          `${yes(facts.marked && facts.hasStructTreeRoot)} | ${headingOrderProblem(facts.elements) ?? `yes (${headings.join(' ')})`} | ` +
          `${logo ? `yes ("${logo.alt}")` : 'NO'} | ${yes(facts.fonts.length > 0 && facts.fonts.every((font) => font.embedded))} (${facts.fonts.length}) |`
        );
      }),
    ];
    console.log(`PDF accessibility checks per release type and paper size:\n${lines.join('\n')}`);
  });

  it('prints every release type on A4 and on Letter', () => {
    expect(rows.map((row) => `${row.type} ${row.paper}`)).toEqual(
      RELEASE_TYPES.flatMap((type) => PAPER.map((paper) => `${type} ${paper}`)),
    );
  });

  it('states the document language, the organisation as author and the standfirst as subject', () => {
    for (const { type, paper, facts } of rows) {
      expect({ type, paper, language: facts.language }).toEqual({ type, paper, language: 'en-GB' });
      expect({ type, paper, author: facts.author }).toEqual({ type, paper, author: 'Northshire Police' });
      expect({ type, paper, subject: facts.subject }).toEqual({ type, paper, subject: release().standfirst });
    }
  });

  it('names Pressroom as its creator and producer, not the browser, and reads whole in another reader', () => {
    for (const { type, paper, facts, popplerComplaints } of rows) {
      expect({ type, paper, creator: facts.creator, producer: facts.producer, popplerComplaints }).toEqual({
        type,
        paper,
        creator: 'Pressroom',
        producer: 'Pressroom',
        popplerComplaints: '',
      });
    }
  });

  it('is titled with the headline, and asks the viewer to show that title as the window title', () => {
    for (const { type, paper, facts } of rows) {
      expect({ type, paper, title: facts.title, shown: facts.displayDocTitle }).toEqual({
        type,
        paper,
        title: 'Ashford man jailed for harassing former partner',
        shown: true,
      });
    }
  });

  it('is tagged (marked content, a structure tree of headline, paragraphs, lists, quotations) with an outline', () => {
    for (const { type, paper, facts } of rows) {
      const tagged = { marked: facts.marked, tree: facts.hasStructTreeRoot, outline: facts.hasOutline };
      expect({ type, paper, ...tagged }).toEqual({ type, paper, marked: true, tree: true, outline: true });
      const types = new Set(facts.elements.map((element) => element.type));
      for (const expected of ['H1', 'H2', 'P', 'L', 'LI', 'BlockQuote', 'Caption', 'Link']) {
        expect({ type, paper, tag: expected, present: types.has(expected) }).toEqual({
          type,
          paper,
          tag: expected,
          present: true,
        });
      }
    }
  });

  it('has its headings in order: one H1 first, and no level skipped', () => {
    for (const { type, paper, facts } of rows) {
      expect({ type, paper, problem: headingOrderProblem(facts.elements) }).toEqual({
        type,
        paper,
        problem: null,
      });
    }
  });

  it('tags the logo as a Figure with the organisation’s name as its text alternative, and no Figure lacks one', () => {
    for (const { type, paper, facts } of rows) {
      const figures = facts.elements.filter((element) => element.type === 'Figure');
      expect({ type, paper, logo: figures.some((figure) => figure.alt === LOGO_ALT) }).toEqual({
        type,
        paper,
        logo: true,
      });
      expect({ type, paper, withoutAlt: figures.filter((figure) => !figure.alt?.trim()).length }).toEqual({
        type,
        paper,
        withoutAlt: 0,
      });
    }
  });

  it('embeds every font it uses', () => {
    for (const { type, paper, facts } of rows) {
      expect(facts.fonts.length).toBeGreaterThan(0);
      expect({ type, paper, notEmbedded: facts.fonts.filter((font) => !font.embedded) }).toEqual({
        type,
        paper,
        notEmbedded: [],
      });
    }
  });
});

describe('every exported HTML page passes axe-core at WCAG 2.2 AA', () => {
  it('finds no violation on the page of any release type (and on a draft’s page in a narrow window)', async () => {
    const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const context = await browser.newContext({ offline: true });
    await context.route('**/*', (route) => route.abort());
    const page = await context.newPage();
    const found: string[] = [];
    try {
      for (const type of RELEASE_TYPES) {
        const html = new TextDecoder().decode((await exported(type, 'html')).bytes);
        // Every page wide; the draft (its banner) narrow as well, where the layout changes most.
        for (const width of type === 'statement' ? [1280, 400] : [1280]) {
          await page.setViewportSize({ width, height: 900 });
          await page.setContent(html, { waitUntil: 'load' });
          // Evaluated through the debugging protocol: the page's own CSP (no script at all) is left as it is.
          await page.evaluate(axeSource);
          const violations = (await page.evaluate(`
            axe.run(document, {
              runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_22_AA)} },
              resultTypes: ['violations'],
            }).then((results) => results.violations.flatMap((violation) =>
              violation.nodes.map((node) => violation.id + ' (' + violation.help + ') at ' + node.target.join(' ')
                + ': ' + (node.failureSummary || ''))))
          `)) as string[];
          found.push(...violations.map((violation) => `${type} at ${width} px: ${violation}`));
        }
      }
    } finally {
      await context.close();
    }
    expect(found).toEqual([]);
  }, 60_000);
});
