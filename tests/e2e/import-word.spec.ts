import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { wordFile } from '../fixtures/import/make-fixtures';
import { IMPORT_FIXTURES, type ImportFixture } from '../fixtures/import/releases';
import { EditorPage, LibraryPage, expect, test, hostApi as api } from './fixtures';

/**
 * Issue 16, item 1: a witness appeal written in Word is imported from the library. The review screen shows where
 * each paragraph went and flags the one it could not place; the writer moves that one out and another into the
 * background, creates the release, and the editor's preview shows every section in its place.
 */

async function shot(page: Page, name: string) {
  await mkdir('/tmp/shots', { recursive: true });
  await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: false });
}

/** The appeal as the press office sent it, with a note to news desks above the headline that is not the release's. */
function appealWithCirculationNote(): ImportFixture {
  const appeal = IMPORT_FIXTURES.find((fixture) => fixture.name === 'witness-appeal')!;
  const lines = [...appeal.lines];
  lines.splice(1, 0, ['p', 'Please circulate to all news desks.', 'body']);
  return { ...appeal, lines };
}

test('a Word release is imported through the review screen, a paragraph moved, and the editor shows its sections', async ({
  page,
  host,
}) => {
  const folder = await mkdtemp(join(tmpdir(), 'pressroom-import-e2e-'));
  const file = join(folder, 'Cyclist appeal.docx');
  await writeFile(file, await wordFile(appealWithCirculationNote()));
  try {
    await page.setViewportSize({ width: 1440, height: 900 });
    await new LibraryPage(page).open(host.url);
    // "Import…" is in the top bar's "More ways to start" menu.
    await page.getByRole('button', { name: 'More ways to start' }).click();
    await expect(page.getByRole('button', { name: 'Import…' })).toBeVisible();
    await shot(page, 'import-library-1440');
    await page.setViewportSize({ width: 600, height: 900 });
    await expect(page.getByRole('button', { name: 'Import…' })).toBeVisible();
    await shot(page, 'import-library-600');
    await page.setViewportSize({ width: 1440, height: 900 });

    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import…' }).click();
    await (await chooser).setFiles(file);

    const review = page.getByRole('dialog', { name: 'Check where each paragraph goes' });
    await expect(review).toBeVisible();
    await expect(review).toContainText('From Cyclist appeal.docx');
    await expect(review.getByLabel('Release type')).toHaveValue('witness-appeal');
    const row = (text: string) => review.getByRole('listitem').filter({ hasText: text }).last();
    const section = (text: string) => row(text).getByRole('combobox');
    await expect(section('Appeal for witnesses after cyclist')).toHaveValue('headline');
    await expect(section('Sergeant Amy Clarke, of the Roads Policing Unit, said')).toHaveValue('quotes');
    await expect(section('A photograph of the junction is attached.')).toHaveValue('notesToEditors');
    await expect(section('Email: press.office@northshire.police.uk')).toHaveValue('mediaContacts');

    // The line it could not place went to the body, flagged, with a link from the summary to its choice.
    const flagged = review.getByRole('status').filter({ hasText: '1 paragraph could not be placed' });
    await expect(flagged).toBeVisible();
    await expect(section('Please circulate to all news desks.')).toHaveValue('body');
    await shot(page, 'import-review-1440');
    await flagged.getByRole('link', { name: /Please circulate/ }).click();
    await expect(section('Please circulate to all news desks.')).toBeFocused();
    // Moved from the keyboard: the choice has the focus, and typing an option's first words picks it.
    await page.keyboard.type('Left out');
    await expect(section('Please circulate to all news desks.')).toHaveValue('left-out');
    await expect(flagged).toBeHidden();
    await section('The driver of the van').selectOption('background');

    await page.setViewportSize({ width: 600, height: 900 });
    await expect(section('The driver of the van')).toBeVisible();
    await shot(page, 'import-review-600');
    await page.setViewportSize({ width: 1440, height: 900 });

    await review.getByRole('button', { name: 'Create release' }).click();
    const editor = new EditorPage(page);
    await expect(editor.headline).toHaveValue(
      'Appeal for witnesses after cyclist seriously injured in Kingsbridge',
    );
    const article = editor.preview.locator('article');
    await expect(editor.preview.locator('h1')).toHaveText(
      'Appeal for witnesses after cyclist seriously injured in Kingsbridge',
    );
    await expect(article).toContainText('Police are appealing for witnesses after a cyclist');
    await expect(article).toContainText('Sergeant Amy Clarke, of Roads Policing Unit, said:');
    await expect(article).toContainText('If you were driving on the A38 that evening');
    await expect(article).toContainText('Anyone with information is asked to call 101');
    await expect(editor.preview.getByRole('heading', { name: 'Background' })).toBeVisible();
    await expect(
      article.locator('section', { has: editor.preview.getByRole('heading', { name: 'Background' }) }),
    ).toContainText('The driver of the van, a white Ford Transit');
    await expect(editor.preview.getByRole('heading', { name: 'Notes to editors' })).toBeVisible();
    await expect(article).toContainText('Northshire Police serves 1.1 million people');
    await expect(article).toContainText('press.office@northshire.police.uk');
    await expect(article).not.toContainText('Please circulate');
    await shot(page, 'import-editor-1440');

    // Saved as a draft, with the move the writer made.
    const saved = await api(host, 'releases.get', { id: editor.releaseIdFromUrl() });
    expect(saved.status).toBe('draft');
    expect((saved.background as Array<{ text: string }>).map((p) => p.text)).toEqual([
      'The driver of the van, a white Ford Transit, stopped at the scene and is helping officers.',
    ]);
    expect(saved.header).toMatchObject({ type: 'witness-appeal', reference: 'NP/2024/0812', embargo: null });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});

test('a release pasted from an email keeps its layout, and a 5 MB paste is refused with a sentence', async ({
  page,
  host,
}) => {
  await new LibraryPage(page).open(host.url);
  await page.getByRole('button', { name: 'More ways to start' }).click();
  await page.getByRole('button', { name: 'Paste a release…' }).click();
  const paste = page.getByRole('dialog', { name: 'Paste a release' });
  const box = paste.getByLabel(/The whole release/);
  const html =
    '<p>Northshire Police</p><p><b>FOR IMMEDIATE RELEASE</b></p><h1>Road reopens after repairs</h1>' +
    '<p><b>The A38 at Kingsbridge reopened this morning after three weeks of repairs.</b></p>' +
    '<p>Chief Inspector Tom Reed said:</p><p>“Thank you to everyone for their patience.”</p><p>ENDS</p>';
  const text = 'Northshire Police\nFOR IMMEDIATE RELEASE\nRoad reopens after repairs\n…';
  // What a paste from an email does: the clipboard's formatted copy, then the text in the box.
  await box.evaluate((element, copied) => {
    const data = new DataTransfer();
    data.setData('text/html', copied);
    element.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, html);
  await box.fill(text);
  await paste.getByRole('button', { name: 'Continue' }).click();

  const review = page.getByRole('dialog', { name: 'Check where each paragraph goes' });
  await expect(review).toContainText('From Pasted text');
  const section = (line: string) =>
    review.getByRole('listitem').filter({ hasText: line }).last().getByRole('combobox');
  await expect(section('Road reopens after repairs')).toHaveValue('headline');
  await expect(section('The A38 at Kingsbridge reopened')).toHaveValue('standfirst');
  await expect(section('Chief Inspector Tom Reed said:')).toHaveValue('quotes');
  await expect(section('ENDS')).toHaveValue('endMark');
  await review.getByRole('button', { name: 'Cancel' }).click();
  await expect(review).toBeHidden();

  await page.getByRole('button', { name: 'More ways to start' }).click();
  await page.getByRole('button', { name: 'Paste a release…' }).click();
  await paste.getByLabel(/The whole release/).fill('word '.repeat(1_050_000));
  await paste.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'The pasted text is 5 MB, too large to import: Pressroom imports a press release of up to 1 MB.',
  );
  await shot(page, 'import-paste-too-large-1440');
});
