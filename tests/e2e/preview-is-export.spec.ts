import { access, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { EditorPage, expect, takeStep, test, type RunningHost, hostApi as api } from './fixtures';

/**
 * "The preview is the export" (issue 14, item 6 and 7): the preview frame and the exported page of one release
 * show the same text in the same house fonts, the preview follows the status without a reload, and a "Latest news"
 * headline in an export links to a page that is in the export folder.
 */

const SHOTS = process.env.PRESSROOM_SHOTS ?? join(tmpdir(), 'pressroom-preview-shots');

async function allowSelfApproval(host: RunningHost) {
  const description = await api(host, 'workspace.describe', {});
  await api(host, 'workspace.updateSettings', {
    settings: { ...(description.settings as object), allowSelfApproval: true },
  });
}

type Stored = Record<string, unknown> & { id: string; revision: number; header: object };

/** A release with a full text, saved through the API. */
async function writeRelease(host: RunningHost, headline: string, releaseDate: string): Promise<Stored> {
  const created = (await api(host, 'releases.create', { type: 'news-release' })) as Stored;
  return (await api(host, 'releases.save', {
    release: {
      ...created,
      headline,
      standfirst:
        'Northshire County Council will close Bridge Street for six weeks from Monday so that the bridge can be repaired.',
      body: [
        {
          id: 'p1',
          text:
            'The closure runs from 8am on Monday 2 September until Friday 11 October. A signed diversion will use ' +
            'the ring road, and buses will stop on Castle Way instead.',
        },
        {
          id: 'p2',
          text: 'Pedestrians and cyclists can still cross on the footbridge, which stays open throughout the works.',
        },
      ],
      header: { ...created.header, releaseDate, embargo: null },
    },
  })) as Stored;
}

async function publish(host: RunningHost, release: Stored, folder: string): Promise<string> {
  let current = release;
  current = (await api(host, 'releases.act', {
    id: current.id,
    revision: current.revision,
    action: 'submit',
  })) as Stored;
  current = (await api(host, 'releases.act', {
    id: current.id,
    revision: current.revision,
    action: 'approve',
  })) as Stored;
  const exported = await api(host, 'export.toFolder', { id: current.id, format: 'html', folder });
  return exported.path as string;
}

const FRAME = 'iframe[title="Preview of the finished release"]';

/** The text and the font faces (with their load status) of a document, read once its fonts have settled. */
async function frameFacts(page: Page) {
  return page.evaluate(async (selector) => {
    const doc = (document.querySelector(selector) as HTMLIFrameElement).contentDocument!;
    await doc.fonts.ready;
    return {
      text: doc.body.innerText,
      fonts: Array.from(doc.fonts)
        .map((face) => `${face.family}|${face.weight}|${face.style}|${face.unicodeRange}|${face.status}`)
        .sort(),
    };
  }, FRAME);
}

async function pageFacts(page: Page) {
  return page.evaluate(async () => {
    await document.fonts.ready;
    return {
      text: document.body.innerText,
      fonts: Array.from(document.fonts)
        .map((face) => `${face.family}|${face.weight}|${face.style}|${face.unicodeRange}|${face.status}`)
        .sort(),
    };
  });
}

const folders: string[] = [];
test.afterEach(async () => {
  await Promise.all(folders.splice(0).map((f) => rm(f, { recursive: true, force: true })));
});

test('the preview frame and the exported page give the same text in the same loaded house fonts, Latest news included', async ({
  page,
  host,
  browser,
}) => {
  const folder = await mkdtemp(join(tmpdir(), 'pressroom-e2e-preview-export-'));
  folders.push(folder);
  await allowSelfApproval(host);
  const earlier = await writeRelease(host, 'Library opening hours extended over summer', '2024-07-01T09:30');
  await publish(host, earlier, folder);
  const release = await writeRelease(
    host,
    'Bridge Street to close for six weeks of repairs',
    '2024-08-20T10:00',
  );

  await page.goto(`${host.url}#/release/${release.id}`);
  const editor = new EditorPage(page);
  await expect(editor.headline).toHaveValue('Bridge Street to close for six weeks of repairs');
  // The preview has the library's other releases, as the export does.
  await expect(editor.preview.locator('aside.latest-news h3')).toHaveText([
    'Library opening hours extended over summer',
  ]);

  const exported = await api(host, 'export.toFolder', { id: release.id, format: 'html', folder });
  const exportPage = await browser.newPage();
  try {
    await exportPage.goto(pathToFileURL(exported.path as string).href);
    const fromExport = await pageFacts(exportPage);
    expect(
      fromExport.fonts.some((face) => face.startsWith('Pressroom Serif|') && face.endsWith('|loaded')),
    ).toBe(true);
    expect(
      fromExport.fonts.some((face) => face.startsWith('Pressroom Sans|') && face.endsWith('|loaded')),
    ).toBe(true);
    // The preview's font arrives after its text: wait until its faces have loaded as the export's have.
    await expect.poll(async () => (await frameFacts(page)).fonts).toEqual(fromExport.fonts);
    expect((await frameFacts(page)).text).toBe(fromExport.text);

    // The export's "Latest news" headline links to the other release's page, which is in the folder.
    const hrefs = await exportPage
      .locator('aside.latest-news a')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    expect(hrefs).toHaveLength(1);
    for (const href of hrefs) {
      await access(join(dirname(exported.path as string), decodeURIComponent(href)));
    }
    await expect(exportPage.locator('aside.latest-news h3 a')).toHaveText(
      'Library opening hours extended over summer',
    );
    await expect(exportPage.getByText('Printable version (PDF)')).toHaveCount(0);
  } finally {
    await exportPage.close();
  }

  // Screenshots to look at: the preview at 1440 and 800 px, and its print view at 1400 px.
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, 'preview-1440.png') });
  await editor.preview.locator('aside.latest-news').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'preview-1440-latest-news.png') });
  await page.setViewportSize({ width: 800, height: 900 });
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(editor.preview.locator('h1')).toBeVisible();
  await page.screenshot({ path: join(SHOTS, 'preview-800.png') });
});

test('the print view shows the whole A4 page at a 1400 px window', async ({ page, host }) => {
  const release = await writeRelease(
    host,
    'Bridge Street to close for six weeks of repairs',
    '2024-08-20T10:00',
  );
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(`${host.url}#/release/${release.id}`);
  const editor = new EditorPage(page);
  await expect(editor.headline).toHaveValue('Bridge Street to close for six weeks of repairs');
  await page.getByRole('group', { name: 'Preview view' }).getByRole('button', { name: 'Print' }).click();
  // The page's right edge (as drawn, after any scaling) lies inside the frame: nothing is cut off.
  await expect
    .poll(() =>
      page.evaluate((selector) => {
        const frame = document.querySelector(selector) as HTMLIFrameElement;
        const doc = frame.contentDocument!;
        if (!doc.documentElement.classList.contains('print-view')) return 'not yet';
        const right = doc.body.getBoundingClientRect().right;
        return right <= doc.documentElement.clientWidth
          ? 'fits'
          : `cut off: ${right} > ${doc.documentElement.clientWidth}`;
      }, FRAME),
    )
    .toBe('fits');
  // Still the A4 layout: the text column keeps its printed width however the page is scaled.
  const width = await page.evaluate(
    (selector) => (document.querySelector(selector) as HTMLIFrameElement).contentDocument!.body.offsetWidth,
    FRAME,
  );
  expect(Math.abs(width - (210 / 25.4) * 96)).toBeLessThan(2);
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, 'print-view-1400.png') });
});

test('after approving and after a final export, the preview has no draft mark, without a reload', async ({
  page,
  host,
}) => {
  const folder = await mkdtemp(join(tmpdir(), 'pressroom-e2e-preview-final-'));
  folders.push(folder);
  await allowSelfApproval(host);
  const release = await writeRelease(
    host,
    'Bridge Street to close for six weeks of repairs',
    '2024-08-20T10:00',
  );
  await page.goto(`${host.url}#/release/${release.id}`);
  const editor = new EditorPage(page);
  await expect(editor.preview.locator('.draft-banner')).toHaveText('DRAFT — NOT APPROVED');
  await takeStep(page, 'Submit for review');
  await expect(editor.preview.locator('.draft-banner')).toHaveText('DRAFT — NOT APPROVED');
  await takeStep(page, 'Approve');
  await expect(page.locator('.workflow-bar [data-status]')).toHaveText('Approved');
  await expect(editor.preview.locator('.draft-banner')).toHaveCount(0);
  await expect(editor.preview.locator('article')).not.toHaveClass(/is-draft/);
  await expect(editor.preview.locator('body')).not.toContainText('DRAFT');

  // A final export publishes the release; the preview stays unmarked.
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export this release' });
  await dialog.getByLabel('Save in a folder').check();
  await dialog.getByLabel('Export folder').fill(folder);
  await dialog.getByLabel('Web page (HTML)').check();
  await dialog.getByRole('button', { name: 'Export final' }).click();
  await expect(dialog.getByTestId('export-status')).toContainText('the release is published');
  await dialog
    .getByRole('button', { name: /Close|Done/ })
    .first()
    .click();
  await expect(page.locator('.workflow-bar [data-status]')).toHaveText('Published');
  await expect(editor.preview.locator('.draft-banner')).toHaveCount(0);
  await expect(editor.preview.locator('body')).not.toContainText('DRAFT');
});
