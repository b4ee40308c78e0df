import { execFileSync } from 'node:child_process';
import { readAuditEntries } from '../support/stored-release';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { EditorPage, expect, test, type RunningHost, hostApi as api } from './fixtures';

/**
 * Export from the app (issue 6): what the dialog says before the button, drafts marked, a final export under
 * embargo confirmed by name, the release published and the export recorded, batch export with progress and
 * cancel into a remembered folder, and copying as rich text.
 */

/** A release written, submitted and approved through the API (self-approval allowed in this workspace). */
async function approvedRelease(host: RunningHost, headline: string, embargoUntil: string | null = null) {
  const description = await api(host, 'workspace.describe', {});
  await api(host, 'workspace.updateSettings', {
    settings: { ...(description.settings as object), allowSelfApproval: true },
  });
  const created = await api(host, 'releases.create', { type: 'news-release' });
  let release = await api(host, 'releases.save', {
    release: {
      ...created,
      headline,
      standfirst: 'The council voted on Monday to close the bridge for repairs.',
      header: {
        ...(created.header as object),
        embargo: embargoUntil ? { until: embargoUntil, timeZone: 'Europe/London' } : null,
      },
    },
  });
  release = await api(host, 'releases.act', { id: release.id, revision: release.revision, action: 'submit' });
  release = await api(host, 'releases.act', {
    id: release.id,
    revision: release.revision,
    action: 'approve',
  });
  return release as { id: string; revision: number };
}

async function draft(page: Page, headline: string): Promise<string> {
  await page.getByRole('button', { name: 'New release' }).click();
  const editor = new EditorPage(page);
  await editor.headline.fill(headline);
  await editor.waitUntilSaved();
  return editor.releaseIdFromUrl();
}

const folders: string[] = [];
test.afterEach(async () => {
  await Promise.all(folders.splice(0).map((f) => rm(f, { recursive: true, force: true })));
});
async function exportFolder() {
  const folder = await mkdtemp(join(tmpdir(), 'pressroom-e2e-exports-'));
  folders.push(folder);
  return folder;
}

test('a draft exports as a PDF marked DRAFT on every page, in its name, and says so first', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await draft(page, 'Road closure on the high street');
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export this release' });
  await expect(dialog.getByTestId('export-kind')).toContainText('This release is not approved');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Export draft' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    /^DRAFT-NOT-APPROVED-.*road-closure-on-the-high-street.*\.pdf$/,
  );
  const path = join(await exportFolder(), download.suggestedFilename());
  await download.saveAs(path);
  const pages = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' })
    .split('\f')
    .filter((p) => p.trim());
  expect(pages.length).toBeGreaterThan(0);
  for (const text of pages) expect(text).toContain('DRAFT — NOT APPROVED');
  expect(pages[0]).toContain('Road closure on the high street');
  await expect(dialog.getByTestId('export-status')).toContainText('marked as a draft');
});

test('a final export under embargo asks to confirm the embargo by name, then publishes and records it', async ({
  page,
  host,
  workspace,
}) => {
  const release = await approvedRelease(host, 'Inquiry report published', '2099-07-18T00:01');
  const folder = await exportFolder();
  await page.goto(`${host.url}#/release/${release.id}`);
  await expect(page.locator('.workflow-bar [data-status]')).toHaveText('Approved');
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export this release' });
  await expect(dialog.getByTestId('export-kind')).toContainText('Final export');
  await expect(dialog.locator('.export-embargo')).toContainText(
    'EMBARGOED UNTIL 00:01 BST, Saturday 18 July 2099',
  );
  await dialog.getByLabel('Save in a folder').check();
  await dialog.getByLabel('Export folder').fill(folder);
  await dialog.getByLabel('Plain text for email').check();
  await dialog.getByRole('button', { name: 'Export final' }).click();
  await expect(dialog.getByTestId('export-status')).toContainText('Confirm the embargo time');
  if (process.env.PRESSROOM_SCREENSHOTS) await page.screenshot({ path: '.tmp/export-final.png' });
  expect(await readdir(folder)).toEqual([]);

  await dialog.getByLabel(/I confirm the embargo/).check();
  await dialog.getByRole('button', { name: 'Export final' }).click();
  await expect(dialog.getByTestId('export-status')).toContainText('the release is published');
  const [file] = await readdir(folder);
  expect(file).not.toMatch(/DRAFT/);
  const text = await readFile(join(folder, file!), 'utf8');
  expect(text.split('\n')[0]).toMatch(/EMBARGOED/);
  expect(text).toContain('Inquiry report published');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.locator('.workflow-bar [data-status]')).toHaveText('Published');
  const last = (await readAuditEntries(workspace, release.id)).at(-1)!;
  expect(last).toMatchObject({ event: 'exported', details: { format: 'txt', kind: 'final' } });
  expect(last.details.contentHash).toMatch(/^[0-9a-f]{64}$/);
});

test('batch export: progress, cancel, a remembered folder and files on disk', async ({ page, host }) => {
  for (const headline of ['First item', 'Second item', 'Third item', 'Fourth item', 'Fifth item']) {
    await api(host, 'releases.save', {
      release: { ...(await api(host, 'releases.create', { type: 'statement' })), headline },
    });
  }
  const folder = await exportFolder();
  await page.goto(host.url);
  await page.getByLabel('Select all releases shown').check();
  await page.getByRole('button', { name: 'Export selected…' }).click();
  let dialog = page.getByRole('dialog', { name: 'Export 5 releases' });
  await expect(dialog).toContainText('5 not approved');
  await dialog.getByLabel('Export folder').fill(folder);
  await dialog.getByLabel('Plain text for email').check();
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByText('Done: 5 exported.')).toBeVisible();
  if (process.env.PRESSROOM_SCREENSHOTS) await page.screenshot({ path: '.tmp/export-batch.png' });
  expect((await readdir(folder)).sort()).toHaveLength(5);
  expect((await readdir(folder)).every((name) => name.startsWith('DRAFT-NOT-APPROVED-'))).toBe(true);
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Again as PDFs, cancelled straight away: it stops after the file in hand, and says so.
  const second = join(folder, 'pdf');
  await page.getByRole('button', { name: 'Export selected…' }).click();
  dialog = page.getByRole('dialog', { name: 'Export 5 releases' });
  await expect(dialog.getByLabel('Export folder')).toHaveValue(folder);
  await dialog.getByLabel('Export folder').fill(second);
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog.getByText(/Stopped after \d of 5\./)).toBeVisible();
  const written = await readdir(second);
  expect(written.length).toBeGreaterThanOrEqual(1);
  expect(written.length).toBeLessThan(5);
});

test('copy as rich text puts the release on the clipboard as HTML and plain text', async ({ page, host }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
  await page.goto(host.url);
  await draft(page, 'Library opening hours extended');
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export this release' });
  await dialog.getByRole('button', { name: 'Copy as rich text' }).click();
  await expect(dialog.getByTestId('export-status')).toContainText('Copied as rich text');
  const copied = await page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    return {
      types: item!.types,
      html: await (await item!.getType('text/html')).text(),
      text: await (await item!.getType('text/plain')).text(),
    };
  });
  expect(copied.types).toEqual(expect.arrayContaining(['text/html', 'text/plain']));
  expect(copied.html).toContain('<h1');
  expect(copied.html).toContain('Library opening hours extended');
  expect(copied.text).toContain('DRAFT — NOT APPROVED');
  expect(copied.text).toContain('Library opening hours extended');
});

test('the number of "Latest news" items on exported pages is a setting', async ({ page, host }) => {
  await approvedRelease(host, 'Older published item');
  const older = (await api(host, 'releases.list', {})) as unknown as Array<{ id: string }>;
  // Published: a final export of it.
  await api(host, 'export.release', { id: older[0]!.id, format: 'txt' });
  const draftRelease = await api(host, 'releases.create', { type: 'news-release' });
  await api(host, 'releases.save', { release: { ...draftRelease, headline: 'New draft' } });

  const html = async () =>
    Buffer.from(
      (await api(host, 'export.release', { id: draftRelease.id, format: 'html' })).dataBase64 as string,
      'base64',
    ).toString('utf8');
  expect(await html()).toContain('Older published item');

  await page.goto(`${host.url}#/profile`);
  await page.getByLabel('How many other releases “Latest news” lists').fill('0');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Profile saved' })).toBeVisible();
  expect(await html()).not.toContain('Older published item');
});
