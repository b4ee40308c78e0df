import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { openWorkspace } from '../../src-main/services/workspace/store';
import { EditorPage, LibraryPage, expect, test, type RunningHost, hostApi as api } from './fixtures';

/**
 * Keyboard and small windows (issue 14, item 8): a skip link, headlines that are links, focus that lands somewhere
 * sensible after a dialog closes or a paragraph goes, a library that fits 600 px, an editor top bar that wraps at
 * 400 px, and axe-core (WCAG 2 A and AA) clean at 1440, 800 and 600 px.
 */

type Json = Record<string, unknown>;

/** A saved release made through the app's own API; answers its id. */
async function seed(host: RunningHost, headline: string, body: string[] = ['Plain text.']): Promise<string> {
  const created = await api(host, 'releases.create', { type: 'news-release' });
  const header = created.header as Json;
  await api(host, 'releases.save', {
    release: {
      ...created,
      headline,
      header: { ...header, tags: ['Roads', 'Appeals'], embargo: null },
      body: body.map((text, index) => ({ id: `b${index}`, text })),
    },
  });
  return created.id as string;
}

/** A status set the way a colleague's Pressroom would: a revision from another computer's user-data folder. */
async function setStatus(workspace: string, id: string, status: string): Promise<void> {
  const colleague = await openWorkspace(workspace, { userData: await mkdtemp(join(tmpdir(), 'colleague-')) });
  const release = await colleague.get(id);
  await colleague.update(id, release.revision, (stored) => ({
    ...stored,
    status: status as typeof stored.status,
  }));
}

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2 A and AA rules over the page (not the sandboxed preview frame, which export tests cover). */
async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the debugging protocol, so the app's CSP (script-src 'self') is left as it is.
  await page.evaluate(await axeSource);
  return page.evaluate(async () => {
    type Results = {
      violations: Array<{
        id: string;
        help: string;
        nodes: Array<{ target: string[]; failureSummary?: string }>;
      }>;
    };
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<Results> } }).axe;
    const results = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] },
      iframes: false,
      resultTypes: ['violations'],
    });
    return results.violations.flatMap((violation) =>
      violation.nodes.map(
        (node) =>
          `${violation.id} (${violation.help}) at ${node.target.join(' ')}: ${node.failureSummary ?? ''}`,
      ),
    );
  });
}

async function shot(page: Page, name: string) {
  await mkdir('.tmp/screenshots', { recursive: true });
  await page.screenshot({ path: `.tmp/screenshots/${name}.png` });
}

test('a skip link is the first stop of the Tab key: two key presses from the top of the library to the first release, and one to the form', async ({
  page,
  host,
}) => {
  await seed(host, 'Older release about the bypass');
  const id = await seed(host, 'Witnesses sought after a crash on the ring road');
  const library = new LibraryPage(page);
  await library.open(host.url);

  let presses = 0;
  await page.keyboard.press('Tab');
  presses++;
  const skip = page.getByRole('link', { name: 'Skip to releases' });
  await expect(skip).toBeFocused();
  // Out of sight until it has the focus, then in sight.
  const box = await skip.boundingBox();
  expect(box && box.y >= 0 && box.height > 0).toBe(true);
  await shot(page, 'library-skip-link');
  await page.keyboard.press('Enter');
  presses++;
  // The newest release is first (last change, newest first), and its headline is a real link to it.
  const first = page.getByRole('link', { name: 'Witnesses sought after a crash on the ring road' });
  await expect(first).toBeFocused();
  await expect(first).toHaveAttribute('href', `#/release/${id}`);
  expect(presses).toBeLessThanOrEqual(3);
  await expect(page.getByRole('link', { name: 'Older release about the bypass' })).toBeVisible();

  // Enter on the link opens the release, as the button did.
  await page.keyboard.press('Enter');
  const editor = new EditorPage(page);
  await expect(editor.headline).toHaveValue('Witnesses sought after a crash on the ring road');
  expect(editor.releaseIdFromUrl()).toBe(id);

  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to the form' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('form', { name: 'Release' })).toBeFocused();
  // The URL still names the release: the skip link moved the focus, not the route.
  expect(editor.releaseIdFromUrl()).toBe(id);
  await page.keyboard.press('Tab');
  const focusedInForm = await page.evaluate(
    () =>
      document.activeElement?.closest('#release-form') !== null &&
      document.activeElement?.id !== 'release-form',
  );
  expect(focusedInForm).toBe(true);
});

test('at 600 px the tick boxes keep their size and the filters fold behind a "Filters" button, so the first release is above the fold', async ({
  page,
  host,
}) => {
  for (const headline of [
    'Road closure on the A38 for resurfacing',
    'Appeal for witnesses after a fire in Hartcliffe',
    'Witnesses sought after a crash on the ring road',
  ]) {
    await seed(host, headline);
  }
  await page.setViewportSize({ width: 600, height: 800 });
  const library = new LibraryPage(page);
  await library.open(host.url);

  const first = page.getByRole('link', { name: 'Witnesses sought after a crash on the ring road' });
  await expect(first).toBeVisible();
  const firstBox = (await first.boundingBox())!;
  expect(firstBox.y + firstBox.height).toBeLessThanOrEqual(800);

  for (const box of [
    page.getByRole('checkbox', { name: 'Select all releases shown' }),
    page.getByRole('checkbox', { name: 'Select Witnesses sought after a crash on the ring road' }),
  ]) {
    await expect(box).toBeVisible();
    const size = (await box.boundingBox())!;
    expect(size.width).toBeGreaterThanOrEqual(16);
    expect(size.height).toBeGreaterThanOrEqual(16);
  }

  const toggle = page.getByRole('button', { name: /^Filters/ });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('group', { name: 'Status' })).toBeHidden();
  await shot(page, 'library-600');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await page.getByRole('group', { name: 'Status' }).getByLabel('Draft').check();
  await expect(toggle).toContainText('1 in use');
  await shot(page, 'library-600-filters-open');
  await toggle.click();
  await expect(page.getByRole('group', { name: 'Status' })).toBeHidden();

  // A wide window shows the filters down the side, with no button in the way.
  await page.setViewportSize({ width: 1440, height: 900 });
  await expect(page.getByRole('group', { name: 'Status' })).toBeVisible();
  await expect(toggle).toBeHidden();

  await page.setViewportSize({ width: 400, height: 800 });
  await shot(page, 'library-400');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('at 400 px the editor top bar wraps onto rows of its own: nothing runs over the workflow bar and "Export…" shows whole', async ({
  page,
  host,
}) => {
  const library = new LibraryPage(page);
  await library.open(host.url);
  await library.createRelease();
  for (const width of [600, 400]) {
    await page.setViewportSize({ width, height: 800 });
    const header = page.locator('.editor-topbar');
    const headerBox = (await header.boundingBox())!;
    const strip = (await page.locator('.review-strip').boundingBox())!;
    expect(strip.y).toBeGreaterThanOrEqual(headerBox.y + headerBox.height - 1);
    for (const name of ['← Library', 'History', 'Save as release file', 'Export…', 'Undo', 'Redo']) {
      const button = (await page.getByRole('button', { name, exact: true }).boundingBox())!;
      expect(button.x).toBeGreaterThanOrEqual(0);
      expect(button.x + button.width).toBeLessThanOrEqual(width);
      expect(button.y).toBeGreaterThanOrEqual(headerBox.y);
      expect(button.y + button.height).toBeLessThanOrEqual(headerBox.y + headerBox.height);
    }
    await shot(page, `editor-topbar-${width}`);
  }
});

test('focus returns to the button that opened a dialog, and to the paragraph before a removed one', async ({
  page,
  host,
  workspace,
}) => {
  const approved = await seed(host, 'Approved statement on parking');
  await setStatus(workspace, approved, 'approved');
  const id = await seed(host, 'Three paragraphs', [
    'First paragraph.',
    'Second paragraph.',
    'Third paragraph.',
  ]);
  const library = new LibraryPage(page);
  await library.open(host.url);

  // The library's Delete dialog, left with Cancel.
  const deleteButton = page
    .getByRole('row', { name: /Approved statement on parking/ })
    .getByRole('button', { name: 'Delete', exact: true });
  await deleteButton.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Delete an approved release?' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Enter'); // Cancel is the default
  await expect(dialog).toHaveCount(0);
  await expect(deleteButton).toBeFocused();

  // The keyboard shortcuts sheet, left with Escape.
  const shortcuts = page.getByRole('button', { name: /Keyboard shortcuts/ });
  await shortcuts.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveCount(0);
  await expect(shortcuts).toBeFocused();

  // The editor's Export dialog, left with Escape.
  await page.goto(`${host.url}#/release/${id}`);
  const editor = new EditorPage(page);
  await expect(editor.headline).toHaveValue('Three paragraphs');
  const exportButton = page.getByRole('button', { name: 'Export…', exact: true });
  await exportButton.focus();
  await page.keyboard.press('Enter');
  const exportDialog = page.getByRole('dialog');
  await expect(exportDialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(exportDialog).toHaveCount(0);
  await expect(exportButton).toBeFocused();

  // Removing paragraph 2 puts the focus in paragraph 1; removing the first puts it in the new first one; removing
  // the last one left puts it on the Add button.
  const focusedValue = () =>
    page.evaluate(() => (document.activeElement as HTMLTextAreaElement | null)?.value);
  await page.getByRole('button', { name: /^Remove paragraph 2$/i }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#field-body-0-text')).toBeFocused();
  expect(await focusedValue()).toBe('First paragraph.');
  await page.getByRole('button', { name: /^Remove paragraph 1$/i }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#field-body-0-text')).toBeFocused();
  expect(await focusedValue()).toBe('Third paragraph.');
  await page.getByRole('button', { name: /^Remove paragraph 1$/i }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Add paragraph', exact: true })).toBeFocused();
});

test('axe-core finds no WCAG 2 A or AA violation in the library and the editor at 1440, 800 and 600 px', async ({
  page,
  host,
}) => {
  await seed(host, 'Road closure on the A38 for resurfacing');
  const id = await seed(host, 'Witnesses sought after a crash on the ring road', [
    'Police are appealing for witnesses.',
    'The crash happened at 5.30pm.',
  ]);
  const library = new LibraryPage(page);
  const found: string[] = [];
  for (const width of [1440, 800, 600]) {
    await page.setViewportSize({ width, height: 900 });
    await library.open(host.url);
    await expect(page.getByRole('link', { name: /Witnesses sought/ })).toBeVisible();
    found.push(...(await axeViolations(page)).map((v) => `library ${width}: ${v}`));
    await page.goto(`${host.url}#/release/${id}`);
    await expect(new EditorPage(page).headline).toHaveValue(/Witnesses sought/);
    found.push(...(await axeViolations(page)).map((v) => `editor ${width}: ${v}`));
    await page.goto(host.url);
  }
  expect(found).toEqual([]);
});
