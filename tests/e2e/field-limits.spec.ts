import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { readStoredRelease } from '../support/stored-release';
import { EditorPage, LibraryPage, expect, test } from './fixtures';
import type { Release } from '../../src-shared/release/schema';

/**
 * One bad value never stops saving the rest (issue 14, item 3). A pasted 200 KB paragraph or a headline over the
 * schema's limit is shown at its field in words, its section in the navigator loses its tick, and every other
 * field keeps saving: the file on disk has their changes and the last good value of the bad one. Fixed, it saves.
 */

// Outside test-results, which the next Playwright run (anyone's) empties.
const SHOTS = join('.tmp', 'field-limits');

async function onDisk(workspace: string, id: string): Promise<Release> {
  const stored = await readStoredRelease(workspace, id);
  if (!stored) throw new Error('no release on disk');
  return stored;
}

/** About 200 KB of plain sentences, as a pasted document would be. */
const PASTED = 'The council confirmed the figures in a statement on Monday. '.repeat(3414).slice(0, 204_800);

async function newRelease(page: Page, url: string): Promise<EditorPage> {
  const library = new LibraryPage(page);
  await library.open(url);
  await library.createRelease();
  return new EditorPage(page);
}

function sectionLink(page: Page, label: string) {
  return page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: new RegExp(`^${label},`) });
}

test('a 200 KB paragraph is refused at its field; the other fields keep saving; fixed, it saves', async ({
  page,
  host,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const editor = await newRelease(page, host.url);
  const id = editor.releaseIdFromUrl();
  const paragraph = page.getByLabel('Paragraph 1', { exact: true });

  await editor.headline.fill('Council opens new library in Ashford');
  await paragraph.fill('The library opens on Monday.');
  await expect(editor.saveState).toHaveText('All changes saved');
  await expect(sectionLink(page, 'Body')).not.toHaveAccessibleName(/error/);

  // Pasted: far over the schema's 200,000 characters.
  await paragraph.fill(PASTED);
  const field = page.locator('.field[data-path="body.0.text"]');
  const message = 'Paragraph 1 can be at most 200,000 characters: it has 204,800. Shorten it by 4,800.';
  await expect(field.locator('.finding-error')).toContainText(message);
  await expect(paragraph).toHaveAttribute('aria-invalid', 'true');
  await expect(paragraph).toHaveAccessibleDescription(new RegExp(message.replace(/[.:,]/g, '.')));
  await expect(field.locator('.character-count')).toHaveText('You have 4,800 characters too many');
  // The navigator: no tick for the body, an error mark.
  await expect(sectionLink(page, 'Body')).toHaveAccessibleName(/^Body, \d+ errors?$/);
  await expect(sectionLink(page, 'Body').locator('.section-mark')).toHaveText('✕');
  // Said in the error summary too, linking to the field.
  await expect(page.locator('.findings-summary')).toContainText(message);

  await page.locator('.field[data-path="body.0.text"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'paragraph-too-long-1440.png') });

  // Another field, typed after: it reaches the disk, and the paragraph there keeps its last good text.
  await editor.headline.fill('Council opens new library in Ashford today');
  await expect(editor.saveState).toHaveText(/Saved, except paragraph 1 \(too long\)/);
  await expect(editor.saveState).toHaveAttribute('data-save-state', 'saved');
  await expect
    .poll(async () => (await onDisk(host.workspace, id)).headline)
    .toBe('Council opens new library in Ashford today');
  expect((await onDisk(host.workspace, id)).body[0]!.text).toBe('The library opens on Monday.');
  // The form keeps every character that was pasted.
  expect(await paragraph.inputValue()).toHaveLength(204_800);

  await page.setViewportSize({ width: 600, height: 900 });
  await paragraph.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'paragraph-too-long-600.png') });
  await page.setViewportSize({ width: 1440, height: 900 });

  // Fixed: the message goes, the section gets its tick back and the paragraph saves.
  await paragraph.fill('The library opens on Monday at 9am.');
  await expect(field.locator('.finding-error')).toHaveCount(0);
  await expect(paragraph).not.toHaveAttribute('aria-invalid', 'true');
  await expect(editor.saveState).toHaveText('All changes saved');
  await expect(sectionLink(page, 'Body')).not.toHaveAccessibleName(/error/);
  await expect
    .poll(async () => (await onDisk(host.workspace, id)).body[0]!.text)
    .toBe('The library opens on Monday at 9am.');
});

test('a headline over the limit keeps its last good text on disk while the standfirst saves', async ({
  page,
  host,
}) => {
  const editor = await newRelease(page, host.url);
  const id = editor.releaseIdFromUrl();
  await editor.headline.fill('Council opens new library');
  await expect(editor.saveState).toHaveText('All changes saved');

  const tooLong = 'Council opens new library '.repeat(60).slice(0, 1412);
  await editor.headline.fill(tooLong);
  await expect(page.locator('.field[data-path="headline"] .finding-error')).toContainText(
    'The headline can be at most 1,000 characters: this one has 1,412. Shorten it by 412.',
  );
  await expect(editor.headline).toHaveAttribute('aria-invalid', 'true');
  await expect(sectionLink(page, 'Headline')).toHaveAccessibleName(/^Headline, \d+ errors?$/);

  const standfirst = page.getByRole('textbox', { name: 'Standfirst', exact: true });
  await standfirst.fill('The library in Ashford opened on Monday.');
  await expect(editor.saveState).toHaveText(/Saved, except the headline \(too long\)/);
  await expect
    .poll(async () => (await onDisk(host.workspace, id)).standfirst)
    .toBe('The library in Ashford opened on Monday.');
  expect((await onDisk(host.workspace, id)).headline).toBe('Council opens new library');
  await expect(editor.headline).toHaveValue(tooLong);

  await editor.headline.fill('Council opens new library in Ashford');
  await expect(editor.saveState).toHaveText('All changes saved');
  await expect
    .poll(async () => (await onDisk(host.workspace, id)).headline)
    .toBe('Council opens new library in Ashford');
});

test('a 6-digit year is refused at the release date; the reference typed after it saves', async ({
  page,
  host,
}) => {
  const editor = await newRelease(page, host.url);
  const id = editor.releaseIdFromUrl();
  await editor.headline.fill('Council opens new library');
  await expect(editor.saveState).toHaveText('All changes saved');
  const before = (await onDisk(host.workspace, id)).header.releaseDate;

  // Typed the UK way and as a whole ISO value: either way the box says so and nothing bad is stored.
  const date = page.getByRole('textbox', { name: 'Release date and time', exact: true });
  for (const typed of ['18/07/202024 09:30', '202024-07-18T09:30']) {
    await date.fill(typed);
    await date.press('Enter');
    await expect(date).toHaveAttribute('aria-invalid', 'true');
    await expect(date).toHaveAccessibleDescription(/Error: .*(year|date)/i);
  }

  await page.getByRole('textbox', { name: 'Reference', exact: true }).fill('REF-2024-7');
  await expect.poll(async () => (await onDisk(host.workspace, id)).header.reference).toBe('REF-2024-7');
  expect((await onDisk(host.workspace, id)).header.releaseDate).toBe(before);
});
