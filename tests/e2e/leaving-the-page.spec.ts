import { mkdir } from 'node:fs/promises';
import type { BrowserContext, Page } from '@playwright/test';
import { EditorPage, LibraryPage, expect, test, type RunningHost } from './fixtures';
import type { Release } from '../../src-shared/release/schema';

/**
 * Leaving the page never loses a word or cries wolf (issue 14, item 5). Reloading or closing the tab the instant
 * after typing keeps the last word (it is sent on its way as the page goes), Back right after typing shows no
 * false "Unsaved edits were found", and text over a field's limit, which the release cannot take, is still kept
 * in the recovery stash and offered back.
 */

const SHOTS = '/tmp/shots';

/** The release as the main side has it now, through the API (as the app reads it). */
async function savedRelease(asker: Page | BrowserContext, host: RunningHost, id: string): Promise<Release> {
  const response = await asker.request.post(`${host.origin}/api/releases.get`, {
    headers: { Authorization: `Bearer ${host.token}` },
    data: { id },
  });
  const result = (await response.json()) as { ok: boolean; value: Release };
  expect(result.ok).toBe(true);
  return result.value;
}

/** Records every question the browser asks (a "Leave site?" on reload), answering yes so that the page goes. */
function questionsAsked(page: Page): string[] {
  const asked: string[] = [];
  page.on('dialog', (dialog) => {
    asked.push(dialog.type());
    void dialog.accept();
  });
  return asked;
}

async function newRelease(page: Page, host: RunningHost): Promise<EditorPage> {
  const library = new LibraryPage(page);
  await library.open(host.url);
  await library.createRelease();
  const editor = new EditorPage(page);
  await editor.headline.fill('Council opens new library');
  await editor.waitUntilSaved();
  return editor;
}

test('a word typed and reloaded at once is in the field and in the saved release', async ({ page, host }) => {
  const editor = await newRelease(page, host);
  const id = editor.releaseIdFromUrl();
  const asked = questionsAsked(page);

  await editor.headline.press('End');
  await editor.headline.pressSequentially(' Ashford');
  // 0 ms: no pause for the autosave.
  await page.reload();
  // Not even a "Leave site?": the edit goes with the page.
  expect(asked).toEqual([]);

  await expect(editor.headline).toHaveValue('Council opens new library Ashford');
  await expect(page.getByText('Unsaved edits found.')).toHaveCount(0);
  expect((await savedRelease(page, host, id)).headline).toBe('Council opens new library Ashford');
});

test('a word typed and the tab closed at once is in the saved release', async ({ page, context, host }) => {
  const editor = await newRelease(page, host);
  const id = editor.releaseIdFromUrl();

  await editor.headline.press('End');
  await editor.headline.pressSequentially(' today');
  await page.close({ runBeforeUnload: true });

  await expect
    .poll(async () => (await savedRelease(context, host, id)).headline)
    .toBe('Council opens new library today');
});

test('Back right after typing: the edit is saved and no unsaved edits are reported', async ({
  page,
  host,
}) => {
  const editor = await newRelease(page, host);
  const id = editor.releaseIdFromUrl();

  await editor.headline.press('End');
  await editor.headline.pressSequentially(' in Kent');
  const listed = page.waitForResponse((response) => response.url().includes('/api/recovery.list'));
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Releases', exact: true })).toBeVisible();
  await listed;
  const row = page.getByRole('link', { name: 'Council opens new library in Kent' });
  await expect(row).toBeVisible();
  await expect(page.getByText(/Unsaved edits were found/)).toHaveCount(0);

  await row.click();
  await expect(editor.headline).toHaveValue('Council opens new library in Kent');
  await expect(page.getByText('Unsaved edits found.')).toHaveCount(0);
  await expect(page.getByText(/Unsaved edits were found/)).toHaveCount(0);
  expect((await savedRelease(page, host, id)).headline).toBe('Council opens new library in Kent');
});

test('text over a field limit, then a reload: the recovery notice offers it back', async ({ page, host }) => {
  const editor = await newRelease(page, host);
  const id = editor.releaseIdFromUrl();
  // The headline's limit is 1,000 characters; this is 1,040.
  const tooLong = `Council opens new library ${'and more '.repeat(113)}`.slice(0, 1040);
  await editor.headline.fill(tooLong);
  await expect(page.locator('.field[data-path="headline"] .finding-error')).toContainText(
    'The headline can be at most 1,000 characters',
  );
  await page.reload();

  // The release kept its last good headline; the typed one is offered back.
  await expect(editor.headline).toHaveValue('Council opens new library');
  await expect(page.getByText('Unsaved edits found.')).toBeVisible();
  await expect(page.locator('.recovery-banner')).toContainText(
    'They include the headline (too long), which the release cannot take as it is.',
  );
  expect((await savedRelease(page, host, id)).headline).toBe('Council opens new library');
  await mkdir(SHOTS, { recursive: true });
  for (const width of [1440, 600]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS}/leaving-recovery-${width}.png` });
  }
  await page.getByRole('button', { name: 'Restore unsaved edits' }).click();
  await expect(editor.headline).toHaveValue(tooLong);
  // Restored, it goes through the normal form: held back at the field, never into the release.
  await expect(page.locator('.field[data-path="headline"] .finding-error')).toContainText(
    'The headline can be at most 1,000 characters',
  );
  await expect(editor.saveState).toHaveText('Saved, except the headline (too long)');
  expect((await savedRelease(page, host, id)).headline).toBe('Council opens new library');
});

test('a release over the 64 KB a closing page may send: the last word is offered back after a reload', async ({
  page,
  host,
}) => {
  const editor = await newRelease(page, host);
  const id = editor.releaseIdFromUrl();
  // About 80 KB of body text: too large for the save to go with the page.
  const longBody = 'The library will open six days a week and hold regular events for families. '.repeat(
    1050,
  );
  await page.getByLabel('Paragraph 1', { exact: true }).fill(longBody);
  await editor.waitUntilSaved();

  const asked = questionsAsked(page);
  await editor.headline.press('End');
  await editor.headline.pressSequentially(' at last');
  await page.reload();
  // No "Leave site?" either: the changed section goes to the stash as the page goes.
  expect(asked).toEqual([]);

  await expect(page.getByText('Unsaved edits found.')).toBeVisible();
  await page.getByRole('button', { name: 'Restore unsaved edits' }).click();
  await expect(editor.headline).toHaveValue('Council opens new library at last');
  await expect(page.getByLabel('Paragraph 1', { exact: true })).toHaveValue(longBody);
  await editor.waitUntilSaved();
  expect((await savedRelease(page, host, id)).headline).toBe('Council opens new library at last');
});
