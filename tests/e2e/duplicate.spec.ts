import { mkdir } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { readAuditEntries, readStoredRelease } from '../support/stored-release';
import { EditorPage, LibraryPage, expect, test, type RunningHost, hostApi as api } from './fixtures';

/**
 * A duplicate is marked as a copy outside its text (issue 14, item 11): the headline stays exactly as it was, so
 * nothing like "Copy of …" can leak into an export; the copy records where it came from (`copiedFrom`), the
 * library row and the editor header say "Copy of: <original headline>", and the audit trail records the
 * duplication.
 */

type Json = Record<string, unknown>;

const HEADLINE = 'Witnesses sought after a crash on the ring road';

async function seedOriginal(host: RunningHost): Promise<string> {
  const created = await api(host, 'releases.create', { type: 'news-release' });
  const header = created.header as Json;
  await api(host, 'releases.save', {
    release: {
      ...created,
      headline: HEADLINE,
      standfirst: 'Police are appealing for witnesses after a collision on the A4174 on Tuesday evening.',
      header: { ...header, tags: ['Roads'], embargo: null },
      body: [{ id: 'b0', text: 'Anyone with dashcam footage is asked to call 101.' }],
    },
  });
  return created.id as string;
}

async function shot(page: Page, name: string) {
  await mkdir('/tmp/shots', { recursive: true });
  await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: false });
}

test('a duplicate keeps the headline, is marked "Copy of:" in the library and the editor, and exports without the mark', async ({
  page,
  host,
  workspace,
}) => {
  const originalId = await seedOriginal(host);
  await new LibraryPage(page).open(host.url);

  await page.getByRole('button', { name: 'Duplicate', exact: true }).click();
  const message = page.getByRole('status').filter({ hasText: 'copy' });
  await expect(message).toContainText(
    `“${HEADLINE}” was copied as a new draft, marked “Copy of” in the list.`,
  );
  await expect(page.getByText(/^\d+ of \d+ releases?$/)).toHaveText('2 of 2 releases');

  // Both rows carry the same headline; only the copy carries the mark, so the two can be told apart.
  const headlines = page.locator('tbody .row-headline');
  await expect(headlines).toHaveText([HEADLINE, HEADLINE]);
  const marks = page.locator('tbody').getByText(`Copy of: ${HEADLINE}`, { exact: true });
  await expect(marks).toHaveCount(1);
  const copyRow = page.locator('tbody tr').filter({ hasText: `Copy of: ${HEADLINE}` });
  await expect(copyRow).toContainText('Draft');
  const copyLink = copyRow.getByRole('link', { name: HEADLINE, exact: true });
  const copyId = (await copyLink.getAttribute('href'))!.replace('#/release/', '');
  expect(copyId).not.toBe(originalId);

  // On disk: the headline as it was, and where the copy came from, outside the content.
  const stored = (await readStoredRelease(workspace, copyId)) as unknown as Json;
  expect(stored).toMatchObject({
    headline: HEADLINE,
    status: 'draft',
    copiedFrom: { id: originalId, headline: HEADLINE },
  });
  // The audit trail records the duplication, naming the original.
  const created = (await readAuditEntries(workspace, copyId)).find((entry) => entry.event === 'created');
  expect(created?.actor.name).toBe('Sam Taylor');
  expect(created?.details).toMatchObject({ copiedFrom: originalId, headline: HEADLINE });

  await shot(page, 'library-duplicate-1440');
  await page.setViewportSize({ width: 600, height: 600 });
  await expect(marks).toBeVisible();
  await shot(page, 'library-duplicate-600x600');
  await page.setViewportSize({ width: 1440, height: 900 });

  // The editor says the same in its header, and the headline box holds the headline unchanged.
  await copyLink.click();
  const editor = new EditorPage(page);
  await expect(editor.headline).toHaveValue(HEADLINE);
  await expect(page.locator('.editor-topbar').getByText(`Copy of: ${HEADLINE}`)).toBeVisible();
  await expect(editor.preview.locator('h1')).toHaveText(HEADLINE);
  await expect(editor.preview.locator('body')).not.toContainText('Copy of');
  await shot(page, 'editor-duplicate-1440');

  // An edit to the copy keeps the mark (it is not content, so the save does not drop or change it).
  await page
    .getByRole('textbox', { name: 'Standfirst', exact: true })
    .fill('Police are appealing for witnesses after a collision on the A4174 on Wednesday evening.');
  await editor.waitUntilSaved();
  await expect
    .poll(async () => ((await readStoredRelease(workspace, copyId)) as unknown as Json).standfirst)
    .toContain('Wednesday');
  expect(((await readStoredRelease(workspace, copyId)) as unknown as Json).copiedFrom).toEqual({
    id: originalId,
    headline: HEADLINE,
  });
  await page.reload();
  await expect(page.locator('.editor-topbar').getByText(`Copy of: ${HEADLINE}`)).toBeVisible();

  // Exports carry the headline as written and no copy mark.
  for (const format of ['html', 'txt'] as const) {
    const exported = await api(host, 'export.release', { id: copyId, format });
    const text = Buffer.from(exported.dataBase64 as string, 'base64').toString('utf8');
    expect(text).toContain(HEADLINE);
    expect(text).not.toMatch(/copy of/i);
    expect(text).not.toContain(originalId);
  }
});
