import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { EditorPage, LibraryPage, expect, test } from './fixtures';
import type { Release } from '../../src-shared/release/schema';

/**
 * List fields (tags, the other names of a protected person) are one input per entry. These tests type the way a
 * press officer does, fast and with pauses long enough for autosave to run in the middle, and check that every
 * row reads exactly what was typed, in the form, on disk and after a reload.
 */

async function releaseOnDisk(workspace: string, id: string): Promise<Release> {
  return JSON.parse(await readFile(join(workspace, 'releases', `${id}.json`), 'utf8')) as Release;
}

/** The values of the inputs a locator matches, in order. */
async function valuesOf(rows: Locator): Promise<string[]> {
  return rows.evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
}

function tagsOf(page: Page) {
  const group = page.getByRole('group', { name: 'Tags', exact: true });
  return { group, rows: group.getByRole('textbox') };
}

async function newRelease(page: Page, url: string): Promise<EditorPage> {
  const library = new LibraryPage(page);
  await library.open(url);
  await library.createRelease();
  return new EditorPage(page);
}

/** Waits for the save that the typing just before started (the state goes to pending on the keystroke). */
async function saved(editor: EditorPage) {
  await editor.waitUntilSaved();
}

test('tags typed fast, and slowly enough for autosave to run mid-word, read exactly as typed', async ({
  page,
  host,
}) => {
  const editor = await newRelease(page, host.url);
  const { rows } = tagsOf(page);
  await expect(rows).toHaveCount(1);

  await rows.first().click();
  await page.keyboard.type('London');
  await page.getByRole('button', { name: 'Add tag' }).click();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toBeFocused();
  // Slowly, with a save landing between "Croy" and "don": the row must not be reset under the fingers.
  await page.keyboard.type('Croy', { delay: 30 });
  await saved(editor);
  await page.keyboard.type('don', { delay: 30 });
  // Enter adds a row after this one and moves into it; typed at full speed.
  await page.keyboard.press('Enter');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(2)).toBeFocused();
  await page.keyboard.type('Sutton');
  await saved(editor);

  expect(await valuesOf(rows)).toEqual(['London', 'Croydon', 'Sutton']);
  const id = editor.releaseIdFromUrl();
  expect((await releaseOnDisk(host.workspace, id)).header.tags).toEqual(['London', 'Croydon', 'Sutton']);

  // Select all in a row and type: the row holds the new text only.
  await rows.first().click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Lewisham', { delay: 30 });
  await expect(rows.first()).toHaveValue('Lewisham');
  // Backspace in an emptied row removes it and goes to the row above; a held key stops at the empty row.
  await rows.nth(2).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await expect(rows).toHaveCount(3);
  await page.keyboard.press('Backspace');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toBeFocused();
  await saved(editor);
  expect(await valuesOf(rows)).toEqual(['Lewisham', 'Croydon']);

  await page.reload();
  await expect(editor.headline).toBeVisible();
  expect(await valuesOf(tagsOf(page).rows)).toEqual(['Lewisham', 'Croydon']);
  expect((await releaseOnDisk(host.workspace, id)).header.tags).toEqual(['Lewisham', 'Croydon']);
});

test('a tag moves with Alt+Up and Alt+Down and by its buttons, keeping the focus', async ({ page, host }) => {
  const editor = await newRelease(page, host.url);
  const { group, rows } = tagsOf(page);
  await rows.first().click();
  await page.keyboard.type('London');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Croydon');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Sutton');

  await page.keyboard.press('Alt+ArrowUp');
  expect(await valuesOf(rows)).toEqual(['London', 'Sutton', 'Croydon']);
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press('Alt+ArrowUp');
  expect(await valuesOf(rows)).toEqual(['Sutton', 'London', 'Croydon']);
  await expect(rows.nth(0)).toBeFocused();
  // Typing goes on where the caret was, in the moved row.
  await page.keyboard.type(' North');
  expect(await valuesOf(rows)).toEqual(['Sutton North', 'London', 'Croydon']);
  await page.keyboard.press('Alt+ArrowDown');
  expect(await valuesOf(rows)).toEqual(['London', 'Sutton North', 'Croydon']);
  await expect(rows.nth(1)).toBeFocused();

  await group.getByRole('button', { name: 'Move Croydon up' }).click();
  expect(await valuesOf(rows)).toEqual(['London', 'Croydon', 'Sutton North']);
  await group.getByRole('button', { name: 'Remove Sutton North' }).click();
  expect(await valuesOf(rows)).toEqual(['London', 'Croydon']);

  await saved(editor);
  const id = editor.releaseIdFromUrl();
  expect((await releaseOnDisk(host.workspace, id)).header.tags).toEqual(['London', 'Croydon']);
});

test('empty tag rows are places to type: leaving the list drops them, undo brings a change back', async ({
  page,
  host,
}) => {
  const editor = await newRelease(page, host.url);
  const { rows } = tagsOf(page);
  await rows.first().click();
  await page.keyboard.type('London');
  await page.getByRole('button', { name: 'Add tag' }).click();
  await page.getByRole('button', { name: 'Add tag' }).click();
  await expect(rows).toHaveCount(3);
  await editor.headline.click();
  await expect(rows).toHaveCount(1);
  await saved(editor);
  const id = editor.releaseIdFromUrl();
  expect((await releaseOnDisk(host.workspace, id)).header.tags).toEqual(['London']);

  // An undo (from outside the list) rewrites the list; the rows show it, and typing after it is kept whole.
  await rows.first().click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Bridge');
  await expect(rows.first()).toHaveValue('London Bridge');
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(rows.first()).toHaveValue('London');
  await rows.first().click();
  await page.keyboard.press('End');
  await page.keyboard.type(', Croydon', { delay: 30 });
  await expect(rows.first()).toHaveValue('London, Croydon');
});

/** The form's sections as a press officer sees them, wide and narrow, saved under test-results/ for a look. */
async function screenshotSections(page: Page, name: string, sections: string[]) {
  for (const width of [1440, 600]) {
    await page.setViewportSize({ width, height: 900 });
    for (const section of sections) {
      const element = page.locator(`#section-${section}`);
      await element.scrollIntoViewIfNeeded();
      await element.screenshot({
        path: join('test-results', 'list-fields', `${name}-${section}-${width}.png`),
      });
    }
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

test('screenshots: the header with tags, wide and narrow, focus visible', async ({ page, host }) => {
  await newRelease(page, host.url);
  const { rows } = tagsOf(page);
  await rows.first().click();
  await page.keyboard.type('London');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Croydon');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Metropolitan Police Service');
  await rows.nth(1).focus();
  await screenshotSections(page, 'editor', ['header']);
});
