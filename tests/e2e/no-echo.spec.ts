import { readStoredRelease } from '../support/stored-release';
import type { Browser, Page } from '@playwright/test';
import { EditorPage, expect, startHost, takeStep, test, type E2EPerson, type RunningHost } from './fixtures';

/**
 * Two editors open on one release, on one folder, each through its own browser host (issue 12, item 8): taking a
 * colleague's save is not an edit. Before the fix the idle editor saved what it had just taken, the other took
 * that, and the revision climbed for as long as both stayed open (4 -> 12 in 15 s).
 */

const WREN: E2EPerson = { id: 'u-wren', name: 'Wren Writer', roles: ['writer'] };
const RAFI: E2EPerson = { id: 'u-rafi', name: 'Rafi Reviewer', roles: ['reviewer', 'approver'] };

async function open(browser: Browser, host: RunningHost, hash: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${host.url}${hash}`);
  return page;
}

async function onDisk(
  workspace: string,
  id: string,
): Promise<{ revision: number; status: string; headline: string }> {
  return (await readStoredRelease(workspace, id)) as unknown as {
    revision: number;
    status: string;
    headline: string;
  };
}

const status = (page: Page) => page.locator('.workflow-bar [data-status]');

/** One poll of the open workspace's changes by the page: the tick on which a colleague's save is taken. */
const watcherTick = (page: Page) =>
  page.waitForResponse((response) => response.url().includes('/api/workspace.changes'), { timeout: 10_000 });

test('two idle editors on one release: a colleague save is shown, never saved back', async ({
  browser,
  workspace,
}) => {
  const writerHost = await startHost(workspace, { person: WREN });
  const reviewerHost = await startHost(workspace, { person: RAFI });
  try {
    const writer = await open(browser, writerHost, '');
    await expect(writer.getByRole('heading', { name: 'Releases', exact: true })).toBeVisible();
    await writer.getByRole('button', { name: 'New release' }).click();
    const writerEditor = new EditorPage(writer);
    await writerEditor.headline.fill('Bridge closed for repairs');
    await writerEditor.waitUntilSaved();
    const id = writerEditor.releaseIdFromUrl();

    // The reviewer opens the same release; nobody types.
    const reviewer = await open(browser, reviewerHost, `#/release/${id}`);
    const reviewerEditor = new EditorPage(reviewer);
    await expect(reviewerEditor.headline).toHaveValue('Bridge closed for repairs');
    await expect(status(reviewer)).toHaveText('Draft');

    // The writer changes the headline and submits: the reviewer's open editor shows the text, the status and the
    // reviewer's next step, from the release it took.
    await writerEditor.headline.fill('Bridge reopens after repairs');
    await writerEditor.waitUntilSaved();
    await takeStep(writer, 'Submit for review');
    await expect(status(writer)).toHaveText('In review');
    await expect(reviewerEditor.headline).toHaveValue('Bridge reopens after repairs');
    await expect(status(reviewer)).toHaveText('In review');
    await expect(reviewer.getByRole('button', { name: 'Approve', exact: true })).toBeVisible();
    await expect(reviewer.getByTestId('external-notice')).toContainText(
      'Updated with changes saved elsewhere',
    );

    // Now nobody types. Over at least 10 s of the reviewer's watcher ticks the file stays as it is: no save
    // from either side, both indicators at rest.
    const settled = await onDisk(workspace, id);
    expect(settled).toMatchObject({ status: 'in-review', headline: 'Bridge reopens after repairs' });
    const started = Date.now();
    let ticks = 0;
    for (let check = 0; check < 12 && (Date.now() - started < 10_000 || ticks < 5); check++) {
      await Promise.all([watcherTick(reviewer), watcherTick(writer)]);
      ticks += 1;
      expect((await onDisk(workspace, id)).revision, `revision after ${ticks} ticks`).toBe(settled.revision);
      await expect(reviewerEditor.saveState).toHaveAttribute('data-save-state', 'saved');
      await expect(writerEditor.saveState).toHaveAttribute('data-save-state', 'saved');
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(10_000);
    expect(ticks).toBeGreaterThanOrEqual(5);
    // And neither side was told of a clash that did not happen.
    await expect(reviewer.locator('[data-save-state="failed"]')).toHaveCount(0);
    await expect(writer.getByTestId('external-notice')).toHaveCount(0);
  } finally {
    await Promise.all([writerHost.stop(), reviewerHost.stop()]);
  }
});
