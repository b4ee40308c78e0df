import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { readStoredRelease } from '../support/stored-release';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { EditorPage, expect, LibraryPage, test, takeStep } from './fixtures';

/**
 * The History screen (issue 5, items 5 and 6): versions kept on demand, a word-level compare of any two, a restore
 * as a new draft, and the audit trail with the verdict of its hash chain, which a one-character change to the
 * file on disk turns red.
 */

const OLD_HEADLINE = 'Police appeal for witnesses after Leeds crash';
const NEW_HEADLINE = 'Police ask for witnesses after Leeds crash';
const OLD_PARAGRAPH = 'Officers were called to the scene on Tuesday evening.';
const NEW_PARAGRAPH = 'Officers were called to the scene late on Tuesday night.';

/** Set PRESSROOM_SCREENSHOTS=1 to save the screen at a wide and a narrow window into .tmp/ for a look. */
const SCREENSHOTS = process.env.PRESSROOM_SCREENSHOTS === '1';
async function screenshot(page: Page, name: string) {
  if (!SCREENSHOTS) return;
  await mkdir('.tmp', { recursive: true });
  for (const width of [1440, 400]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join('.tmp', `history-${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

async function releaseOnDisk(workspace: string, id: string) {
  return (await readStoredRelease(workspace, id)) as unknown as {
    headline: string;
    status: string;
    body: Array<{ text: string }>;
  };
}

test.beforeAll(() => {
  // The computer as people know it, as the desktop app would name it (the host name otherwise).
  process.env.PRESSROOM_COMPUTER_NAME = 'PRESS-PC1';
});
test.afterAll(() => {
  delete process.env.PRESSROOM_COMPUTER_NAME;
});

async function openHistory(page: Page) {
  await page.getByRole('button', { name: 'History', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'History', level: 1 })).toBeVisible();
  await expect(page.getByTestId('version-current')).toBeVisible();
}

test('keep a version, compare it word by word with the current text, restore it, read the audit trail', async ({
  page,
  host,
}) => {
  const library = new LibraryPage(page);
  const editor = new EditorPage(page);
  await library.open(host.url);
  await library.createRelease();
  const id = editor.releaseIdFromUrl();
  await editor.headline.fill(OLD_HEADLINE);
  await page.getByLabel('Paragraph 1', { exact: true }).fill(OLD_PARAGRAPH);
  await editor.waitUntilSaved();

  // Nothing kept yet: keep the text as it is now.
  await openHistory(page);
  await expect(page.getByText('No versions kept yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Keep a version now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'kept as version 1' })).toBeVisible();
  const kept = page.locator('.version-item[data-seq="1"]');
  await expect(kept).toContainText('Version 1');
  await expect(kept).toContainText('Kept by hand');
  await expect(kept).toContainText('Sam Taylor');
  await expect(kept).toContainText('Draft');
  await expect(kept).toContainText(OLD_HEADLINE);
  await expect(page.getByTestId('compare-summary')).toContainText('No changes');

  // Back in the editor, change the headline and the first paragraph.
  await page.getByRole('link', { name: '← Back to the release' }).click();
  await expect(editor.headline).toHaveValue(OLD_HEADLINE);
  await editor.headline.fill(NEW_HEADLINE);
  await page.getByLabel('Paragraph 1', { exact: true }).fill(NEW_PARAGRAPH);
  await editor.waitUntilSaved();

  // The compare view opens on the newest kept version against the current text.
  await openHistory(page);
  // Sides are named by key, not number: two computers may both keep a version 1.
  await expect(page.getByLabel('From')).toHaveValue(/^v:000001-manual\.[a-z0-9-]+$/);
  const keptChoice = await page.getByLabel('From').inputValue();
  await expect(page.getByLabel('To')).toHaveValue('current');
  await expect(page.getByTestId('compare-summary')).toContainText('2 fields changed');
  await expect(page.getByTestId('compare-summary')).toContainText('2 words removed, 3 words added');

  const headline = page.locator('.diff-field[data-field="headline"]');
  await expect(headline.getByRole('heading')).toContainText('Headline');
  await expect(headline.locator('del')).toHaveText(['[removed: appeal]']);
  await expect(headline.locator('ins')).toHaveText(['[added: ask]']);
  await expect(headline.locator('.diff-text')).toContainText('Police');
  const paragraph = page.locator('.diff-field[data-field="body.0"]');
  await expect(paragraph.getByRole('heading')).toContainText('Paragraph 1');
  await expect(paragraph.locator('del')).toContainText(['evening']);
  await expect(paragraph.locator('ins')).toContainText(['late', 'night']);
  // Unchanged fields are folded away, not listed.
  await expect(page.locator('.diff-unchanged summary').first()).toHaveText(/^\d+ fields? unchanged$/);
  await expect(page.locator('.diff-field[data-field="standfirst"]')).toHaveCount(0);

  // The same comparison the other way round swaps removed and added.
  await page.getByLabel('From').selectOption('current');
  await page.getByLabel('To').selectOption(keptChoice);
  await expect(headline.locator('del')).toContainText(['ask']);
  await expect(headline.locator('ins')).toContainText(['appeal']);
  await page.getByRole('button', { name: 'Compare with current text (version 1)' }).click();
  await expect(page.getByLabel('From')).toHaveValue(keptChoice);
  await expect(page.getByLabel('To')).toHaveValue('current');
  await expect(headline.locator('del')).toContainText(['appeal']);
  await screenshot(page, 'compare');

  // Restore the kept version: the dialog says what happens, then the editor shows the old text.
  await page.getByRole('button', { name: 'Restore this version as a draft (version 1)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore version 1 as a draft?' });
  await expect(dialog).toContainText('The current text is kept as a version first');
  await expect(dialog).toContainText('Any approval lapses');
  await screenshot(page, 'restore-dialog');
  await dialog.getByRole('button', { name: 'Restore as a draft' }).click();
  await expect(page).toHaveURL(new RegExp(`#/release/${id}$`));
  await expect(editor.headline).toHaveValue(OLD_HEADLINE);
  await expect(page.getByLabel('Paragraph 1', { exact: true })).toHaveValue(OLD_PARAGRAPH);
  const onDisk = await releaseOnDisk(host.workspace, id);
  expect(onDisk.headline).toBe(OLD_HEADLINE);
  expect(onDisk.body[0]?.text).toBe(OLD_PARAGRAPH);
  expect(onDisk.status).toBe('draft');

  // The replaced text was kept first, so the restore itself can be undone.
  await openHistory(page);
  const before = page.locator('.version-item[data-seq="2"]');
  await expect(before).toContainText('Before a restore');
  await expect(before).toContainText(NEW_HEADLINE);

  // The audit trail: intact, every event in order.
  await page.getByRole('tab', { name: 'Audit trail' }).click();
  await expect(page).toHaveURL(new RegExp(`#/release/${id}/history/audit$`));
  const verdict = page.getByTestId('audit-verdict');
  await expect(verdict).toHaveText(/The audit trail is intact: 3 entries, each linked to the one before\./);
  const rows = page.locator('.audit-table tbody tr');
  await expect(rows.locator('.audit-event')).toHaveText(['Created', 'Edited', 'Restored an earlier version']);
  await expect(rows.nth(0)).toContainText('Sam Taylor');
  await expect(rows.nth(0)).toContainText('Type: News release');
  const restored = rows.nth(2);
  await expect(restored).toContainText('Version: 1');
  const hash = restored.locator('.audit-hash');
  await expect(hash).toHaveText(/^[0-9a-f]{12}$/);
  await expect(hash).toHaveAttribute('title', /^[0-9a-f]{64}$/);
  expect((await hash.getAttribute('title'))!.startsWith((await hash.textContent())!)).toBe(true);
  await screenshot(page, 'audit');

  // One changed character in the first entry on disk: the screen reports the broken chain on open.
  // Each computer appends to its own chain (issue 12): audit/<id>/<computer>.jsonl.
  const chains = (await readdir(join(host.workspace, 'audit', id))).filter((name) => name.endsWith('.jsonl'));
  expect(chains).toHaveLength(1);
  const trailFile = join(host.workspace, 'audit', id, chains[0]!);
  const lines = (await readFile(trailFile, 'utf8')).split('\n');
  expect(lines[0]).toContain('Sam Taylor');
  lines[0] = lines[0]!.replace('Sam Taylor', 'Pam Taylor');
  await writeFile(trailFile, lines.join('\n'));
  await page.reload();
  const alarm = page.getByRole('alert').filter({ hasText: 'The audit trail has been altered' });
  await expect(alarm).toBeVisible();
  await expect(alarm).toContainText('Entry 1');
  await expect(page.getByText('The audit trail is intact')).toHaveCount(0);
  await screenshot(page, 'audit-broken');

  // The versions tab says so too, with a way to the trail.
  await page.getByRole('tab', { name: 'Versions' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The audit trail has been altered' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open the audit trail' })).toBeVisible();
});

test('a submit keeps a version; restoring one makes a release in review a draft again', async ({
  page,
  host,
}) => {
  const library = new LibraryPage(page);
  const editor = new EditorPage(page);
  await library.open(host.url);
  await library.createRelease();
  const id = editor.releaseIdFromUrl();
  await editor.headline.fill(OLD_HEADLINE);
  await editor.waitUntilSaved();
  await takeStep(page, 'Submit for review');
  await expect(page.locator('.workflow-bar [data-status]')).toHaveText('In review');

  await openHistory(page);
  const submitted = page.locator('.version-item[data-seq="1"]');
  await expect(submitted).toContainText('Submitted');
  await expect(submitted).toContainText('In review');
  await expect(page.getByTestId('version-current')).toContainText('In review');

  // Going back and forth between the tabs keeps the address in step, so a reload returns to the same tab.
  await page.getByRole('tab', { name: 'Audit trail' }).click();
  await expect(page.getByRole('tab', { name: 'Audit trail' })).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Versions' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: 'Versions' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.getByRole('tab', { name: 'Audit trail' })).toHaveAttribute('aria-selected', 'true');
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Audit trail' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('.audit-table .audit-event')).toHaveText([
    'Created',
    'Edited',
    'Submitted for review',
  ]);
  await expect(page.locator('.audit-table tbody tr').nth(2)).toContainText(/Status: Draft →\s*to In review/);
  await page.getByRole('tab', { name: 'Versions' }).click();

  // Cancel first: nothing changes.
  await page.getByRole('button', { name: 'Restore this version as a draft (version 1)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore version 1 as a draft?' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  expect((await releaseOnDisk(host.workspace, id)).status).toBe('in-review');

  await page.getByRole('button', { name: 'Restore this version as a draft (version 1)' }).click();
  await dialog.getByRole('button', { name: 'Restore as a draft' }).click();
  await expect(page).toHaveURL(new RegExp(`#/release/${id}$`));
  await expect(page.locator('.workflow-bar [data-status]')).toHaveText('Draft');
  expect((await releaseOnDisk(host.workspace, id)).status).toBe('draft');
});

test('every save is listed with when, who and on which computer; one is compared and restored', async ({
  page,
  host,
}) => {
  const library = new LibraryPage(page);
  const editor = new EditorPage(page);
  await library.open(host.url);
  await library.createRelease();
  const id = editor.releaseIdFromUrl();
  const headlines = [
    'Road closed after lorry fire on the A64',
    'A64 reopens after lorry fire',
    'Lorry fire: A64 reopens near Malton',
  ];
  for (const headline of headlines) {
    await editor.headline.fill(headline);
    await editor.waitUntilSaved();
  }

  await openHistory(page);
  const saves = page.locator('.save-item');
  await expect(page.getByRole('heading', { name: 'Every save', level: 2 })).toBeVisible();
  for (const headline of headlines) {
    const item = saves.filter({ hasText: headline });
    await expect(item).toHaveCount(1);
    // When (UK order: day, month, year, 24-hour clock), who and on which computer.
    await expect(item.locator('.version-meta')).toHaveText(
      /^\d{1,2} [A-Z][a-z]{2,3} \d{4}, \d{2}:\d{2} · Sam Taylor on PRESS-PC1 · Status: Draft$/,
    );
    await expect(item).toContainText('Saved');
  }
  // Newest first; the newest is the current text, and the first save is the one that created the release.
  await expect(saves.first()).toContainText(headlines[2]!);
  await expect(saves.first().locator('.save-current-tag')).toHaveText('Current text');
  await expect(saves.last()).toContainText('Created');
  const first = saves.filter({ hasText: headlines[0]! });
  const revision = await first.getAttribute('data-revision');
  expect(Number(revision)).toBeGreaterThan(1);
  await expect(first.locator('.save-current-tag')).toHaveCount(0);

  // Its text, on request.
  await first.getByRole('button', { name: `Show the text (revision ${revision})` }).click();
  await expect(first.locator('.save-text-body')).toContainText(headlines[0]!);

  // Compared word by word with the current text.
  await first.getByRole('button', { name: `Compare with current text (revision ${revision})` }).click();
  await expect(page.getByLabel('From')).toHaveValue(`s:${(await first.getAttribute('data-save'))!}`);
  await expect(page.getByLabel('To')).toHaveValue('current');
  await expect(page.getByTestId('compare-summary')).toContainText('1 field changed');
  const headline = page.locator('.diff-field[data-field="headline"]');
  await expect(headline.locator('del').first()).toContainText('Road');
  await expect(headline.locator('ins').last()).toContainText('Malton');
  await screenshot(page, 'saves');

  // Restored: it becomes the current text, saved on top of the others.
  await first.getByRole('button', { name: `Restore this text (revision ${revision})` }).click();
  const dialog = page.getByRole('dialog', { name: `Restore revision ${revision} as a draft?` });
  await expect(dialog).toContainText('every earlier save stays in the history');
  await screenshot(page, 'saves-restore-dialog');
  await dialog.getByRole('button', { name: 'Restore as a draft' }).click();
  await expect(page).toHaveURL(new RegExp(`#/release/${id}$`));
  await expect(editor.headline).toHaveValue(headlines[0]!);
  expect((await releaseOnDisk(host.workspace, id)).headline).toBe(headlines[0]);

  await openHistory(page);
  await expect(saves.first()).toContainText(headlines[0]!);
  await expect(saves.first().locator('.save-current-tag')).toHaveText('Current text');
  for (const headline of headlines) await expect(saves.filter({ hasText: headline }).first()).toBeVisible();
  // The text it replaced was kept as a version too.
  await expect(page.locator('.version-item[data-seq="1"]')).toContainText('Before a restore');
});
