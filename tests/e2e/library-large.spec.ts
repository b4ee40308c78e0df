import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { generateLibrary } from '../../scripts/generate-library';
import { expect, LibraryPage, startHost, test, type RunningHost, hostApi as api } from './fixtures';

/**
 * A library of 2,000 releases (issue 15): the list asks the main side for the rows around what is on screen and
 * keeps only those (plus a few either side) in the page, so it opens, searches, filters and scrolls as a small
 * one does. The releases are written by scripts/generate-library.ts, in the workspace's own layout.
 */

const COUNT = 2_000;

type Json = Record<string, unknown>;

/** How many releases match a search, and the headline of the last one, as the main side answers. */
async function searchByApi(host: RunningHost, query: Json): Promise<{ matched: number; last: string }> {
  const first = await api(host, 'releases.search', { ...query, limit: 1, offset: 0 });
  const matched = first.matched as number;
  const last = await api(host, 'releases.search', { ...query, limit: 1, offset: matched - 1 });
  return { matched, last: (last.rows as Json[])[0]!.headline as string };
}

const grouped = (count: number) => count.toLocaleString('en-GB');

/** Release rows in the page (the spacers that stand for the rest carry no row index). */
const rowsInPage = (page: Page) => page.locator('tbody tr[aria-rowindex]');

async function scrollToEnd(page: Page): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
}

test.describe('a library of 2,000 releases', () => {
  // One library for both tests: generating it takes a few seconds, and the host's first search reads all of it.
  let host: RunningHost;
  let workspace: string;

  test.beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'pressroom-e2e-large-'));
    await generateLibrary(workspace, { count: COUNT });
    host = await startHost(workspace);
  });
  test.afterAll(async () => {
    await host?.stop();
    await rm(workspace, { recursive: true, force: true });
  });

  test('opens, searches, filters and scrolls to the last release with a bounded number of rows in the page', async ({
    page,
  }) => {
    await new LibraryPage(page).open(host.url);
    const count = page.locator('.library-count');
    // The host's first search reads the 2,000 releases into its index.
    await expect(count).toHaveText(`${grouped(COUNT)} of ${grouped(COUNT)} releases`, { timeout: 30_000 });
    await expect(page.getByRole('table')).toHaveAttribute('aria-rowcount', String(COUNT + 1));
    await expect(rowsInPage(page).first()).toHaveAttribute('aria-rowindex', '2');
    expect(await page.locator('tbody tr').count()).toBeLessThan(150);
    await mkdir('/tmp/shots', { recursive: true });
    await page.screenshot({ path: '/tmp/shots/library-large-1440.png' });

    // A stemmed search: "dismissal" finds the releases whose text says "dismissed".
    const dismissal = await searchByApi(host, { text: 'dismissal' });
    expect(dismissal.matched).toBeGreaterThan(0);
    await page.getByRole('searchbox', { name: 'Search releases' }).fill('dismissal');
    await expect(count).toHaveText(`${grouped(dismissal.matched)} of ${grouped(COUNT)} releases`);
    await expect(page.locator('tbody .row-snippet').first()).toContainText(/dismissed/i);
    expect(await page.locator('tbody tr').count()).toBeLessThan(150);
    await page.getByRole('searchbox', { name: 'Search releases' }).fill('');
    await expect(count).toHaveText(`${grouped(COUNT)} of ${grouped(COUNT)} releases`);

    // A status and a type filter narrow the count to what the main side says matches.
    const drafts = await searchByApi(host, { statuses: ['draft'] });
    await page.getByRole('group', { name: 'Status' }).getByLabel('Draft').check();
    await expect(count).toHaveText(`${grouped(drafts.matched)} of ${grouped(COUNT)} releases`);
    // "Select all" ticks every match, not only the rows in the page.
    expect(drafts.matched).toBeGreaterThan(await rowsInPage(page).count());
    await page.getByLabel('Select all releases shown').check();
    await expect(page.getByRole('group', { name: 'Selected releases' })).toContainText(
      `${drafts.matched} selected`,
    );
    await page.getByRole('button', { name: 'Clear selection' }).click();
    const draftAppeals = await searchByApi(host, { statuses: ['draft'], types: ['witness-appeal'] });
    await page.getByRole('group', { name: 'Type' }).getByLabel('Witness appeal').check();
    await expect(count).toHaveText(`${grouped(draftAppeals.matched)} of ${grouped(COUNT)} releases`);
    await page.getByRole('button', { name: 'Reset filters' }).click();
    await expect(count).toHaveText(`${grouped(COUNT)} of ${grouped(COUNT)} releases`);

    // The bottom of the list is the last release the main side has, and the page still holds a few rows only.
    const everything = await searchByApi(host, {});
    const last = page.getByRole('link', { name: everything.last, exact: true });
    await scrollToEnd(page);
    await expect(last).toBeInViewport();
    await expect(rowsInPage(page).last()).toHaveAttribute('aria-rowindex', String(COUNT + 1));
    expect(await page.locator('tbody tr').count()).toBeLessThan(150);
    await page.screenshot({ path: '/tmp/shots/library-large-1440-end.png' });

    // A narrow window: each release is a block of labelled facts, taller, and the list still scrolls to its end.
    await page.setViewportSize({ width: 600, height: 900 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect(rowsInPage(page).first()).toHaveAttribute('aria-rowindex', '2');
    await page.screenshot({ path: '/tmp/shots/library-large-600.png' });
    await scrollToEnd(page);
    await expect(last).toBeInViewport();
    expect(await page.locator('tbody tr').count()).toBeLessThan(150);
    await page.screenshot({ path: '/tmp/shots/library-large-600-end.png' });
  });

  test('while the main side builds the library index, a progress bar says how far it has got, and goes when it is done', async ({
    page,
  }) => {
    // The index of this small library is built before the page asks; the answers say otherwise until told, as
    // they do while a library of 10,000 releases is read for the first time.
    let building: { done: number; total: number } | null = { done: 3_412, total: 10_000 };
    let asked = 0;
    await page.route('**/api/releases.search', async (route) => {
      const response = await route.fetch();
      const answer = (await response.json()) as { ok: boolean; value?: Json };
      if (answer.ok) answer.value!.building = building;
      asked++;
      await route.fulfill({ response, json: answer });
    });
    await new LibraryPage(page).open(host.url);
    const bar = page.getByRole('progressbar', {
      name: 'Building the library index: 3,412 of 10,000 releases',
    });
    await expect(bar).toBeVisible({ timeout: 30_000 });
    await expect(bar).toHaveAttribute('value', '3412');
    // The count is of the whole library, not of the releases read so far.
    await expect(page.locator('.library-count')).toHaveText(`${grouped(COUNT)} of 10,000 releases`);
    // The list asks again while the index is being built.
    const before = asked;
    await expect.poll(() => asked).toBeGreaterThan(before + 1);
    await page.screenshot({ path: '/tmp/shots/library-building-1440.png' });
    await page.setViewportSize({ width: 600, height: 900 });
    await page.screenshot({ path: '/tmp/shots/library-building-600.png' });

    building = { done: 9_990, total: 10_000 };
    await expect(page.getByText('Building the library index: 9,990 of 10,000 releases')).toBeVisible();
    building = null;
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    await expect(page.locator('.library-count')).toHaveText(
      `${grouped(COUNT)} of ${grouped(COUNT)} releases`,
    );
  });

  test('the keyboard goes down the list past the rows first drawn, and the focus stays put while the list scrolls', async ({
    page,
  }) => {
    await new LibraryPage(page).open(host.url);
    await expect(page.locator('.library-count')).toHaveText(
      `${grouped(COUNT)} of ${grouped(COUNT)} releases`,
    );

    // The skip link lands on the first headline; each release is four Tab stops (tick box, headline, Duplicate,
    // Delete), so 30 releases down is well past the rows drawn when the library opened.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to releases' })).toBeFocused();
    await page.keyboard.press('Enter');
    const focusedRow = () =>
      page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('aria-rowindex') ?? null);
    await expect.poll(focusedRow).toBe('2');
    for (let release = 0; release < 30; release++) {
      for (let stop = 0; stop < 4; stop++) await page.keyboard.press('Tab');
    }
    await expect.poll(focusedRow).toBe('32');
    const focused = page.locator('tbody tr[aria-rowindex="32"] .row-headline');
    await expect(focused).toBeFocused();
    await expect(focused).toBeInViewport();
    const headline = await focused.textContent();

    // Scrolled far away and back, the release keeps the focus: its row stayed in the page.
    await scrollToEnd(page);
    await expect(rowsInPage(page).last()).toHaveAttribute('aria-rowindex', String(COUNT + 1));
    await expect(focused).toBeFocused();
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect(focused).toBeFocused();
    // Enter opens it.
    await page.keyboard.press('Enter');
    await expect(page.getByRole('textbox', { name: 'Headline', exact: true })).toHaveValue(headline ?? '');
  });
});
