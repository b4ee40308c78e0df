import { readStoredRelease } from '../support/stored-release';
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
  return (await readStoredRelease(workspace, id)) as unknown as Release;
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

  // A jump to the list (its field id) lands in the first row; a jump to one entry, in that row.
  await editor.headline.focus();
  await page.evaluate(() => document.getElementById('field-header-tags')?.focus());
  await expect(rows.nth(0)).toBeFocused();
  await page.evaluate(() => document.getElementById('field-header-tags-1')?.focus());
  await expect(rows.nth(1)).toBeFocused();
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

function peopleOf(page: Page) {
  const region = page.getByRole('region', { name: 'Protected people (internal)' });
  return {
    region,
    names: region.getByRole('textbox', { name: 'Name', exact: true }),
    person: (n: number) => region.getByRole('group', { name: `Protected person ${n}`, exact: true }),
  };
}

test('tags and protected people typed around autosave read exactly as typed, on disk, after a reload, and the checks find both people', async ({
  page,
  host,
}) => {
  const editor = await newRelease(page, host.url);
  const { rows: tags } = tagsOf(page);
  const people = peopleOf(page);

  await tags.first().click();
  await page.keyboard.type('London');
  await page.getByRole('button', { name: 'Add tag' }).click();
  await page.keyboard.type('Croydon', { delay: 30 });

  await page.getByRole('button', { name: 'Add protected person' }).click();
  await expect(people.names.first()).toBeFocused();
  await page.keyboard.type('Mark', { delay: 30 });
  await saved(editor);
  await page.keyboard.type(' Smith');
  await page.getByRole('button', { name: 'Add protected person' }).click();
  await expect(people.names.nth(1)).toBeFocused();
  await page.keyboard.type('Jane Doe', { delay: 30 });
  // A second name for Jane, in the list of other names: Enter adds a row, and a held-over empty one goes.
  const janeOther = people.person(2).getByRole('group', { name: 'Other ways they may be named' });
  await janeOther.getByRole('textbox').first().click();
  await page.keyboard.type('JD', { delay: 30 });
  await page.keyboard.press('Enter');
  await page.keyboard.type('Janie');
  await page.keyboard.press('Enter');
  // An identifying detail.
  await people.person(2).getByRole('button', { name: 'Add identifying detail' }).click();
  await expect(people.person(2).getByLabel('Detail 1: kind')).toBeFocused();
  await people.person(2).getByLabel('Detail 1: kind').selectOption({ label: 'School or college' });
  await people.person(2).getByLabel('Detail 1: text').fill('Ashford Grammar School');
  await saved(editor);

  expect(await valuesOf(tags)).toEqual(['London', 'Croydon']);
  expect(await valuesOf(people.names)).toEqual(['Mark Smith', 'Jane Doe']);
  expect(await valuesOf(janeOther.getByRole('textbox'))).toEqual(['JD', 'Janie']);
  const id = editor.releaseIdFromUrl();
  const onDisk = await releaseOnDisk(host.workspace, id);
  expect(onDisk.header.tags).toEqual(['London', 'Croydon']);
  expect(onDisk.anonymityList.map((person) => person.name)).toEqual(['Mark Smith', 'Jane Doe']);
  expect(onDisk.anonymityList[1]?.variants).toEqual(['JD', 'Janie']);
  expect(onDisk.anonymityList[1]?.identifiers).toEqual([{ kind: 'school', text: 'Ashford Grammar School' }]);
  expect(new Set(onDisk.anonymityList.map((person) => person.id)).size).toBe(2);

  await page.reload();
  await expect(editor.headline).toBeVisible();
  expect(await valuesOf(tagsOf(page).rows)).toEqual(['London', 'Croydon']);
  expect(await valuesOf(peopleOf(page).names)).toEqual(['Mark Smith', 'Jane Doe']);
  expect(await valuesOf(janeOther.getByRole('textbox'))).toEqual(['JD', 'Janie']);

  // A body naming both: an error for each, at the body field.
  await page
    .getByLabel('Paragraph 1', { exact: true })
    .fill('Mark Smith and Jane Doe were both at the scene.');
  const bodyErrors = page.locator('[data-path="body.0.text"] .finding-error');
  await expect(bodyErrors.filter({ hasText: '“Mark Smith”' }).first()).toBeVisible();
  await expect(bodyErrors.filter({ hasText: '“Jane Doe”' }).first()).toBeVisible();
  // A variant typed by hand is looked for too.
  await page.getByLabel('Paragraph 1', { exact: true }).fill('Janie was at the scene.');
  await expect(bodyErrors.filter({ hasText: '“Janie”' }).first()).toBeVisible();
  // The people are internal: never in the preview.
  await expect(editor.preview.locator('body')).not.toContainText('Mark Smith');

  // Removing a person: its own button, named after them.
  await people.region.getByRole('button', { name: 'Remove person Mark Smith' }).click();
  expect(await valuesOf(people.names)).toEqual(['Jane Doe']);
  await saved(editor);
  expect((await releaseOnDisk(host.workspace, id)).anonymityList.map((person) => person.name)).toEqual([
    'Jane Doe',
  ]);
});

test("select all and retype in a protected person's name or other name replaces it", async ({
  page,
  host,
}) => {
  const editor = await newRelease(page, host.url);
  const people = peopleOf(page);
  await page.getByRole('button', { name: 'Add protected person' }).click();
  await page.keyboard.type('Mark Smith');
  const other = people.person(1).getByRole('group', { name: 'Other ways they may be named' });
  await other.getByRole('textbox').first().click();
  await page.keyboard.type('Marky');
  await saved(editor);

  await people.names.first().click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Jane Doe', { delay: 30 });
  await other.getByRole('textbox').first().click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('JD', { delay: 30 });
  await saved(editor);
  expect(await valuesOf(people.names)).toEqual(['Jane Doe']);
  expect(await valuesOf(other.getByRole('textbox'))).toEqual(['JD']);
  const onDisk = await releaseOnDisk(host.workspace, editor.releaseIdFromUrl());
  expect(onDisk.anonymityList.map((person) => [person.name, person.variants])).toEqual([
    ['Jane Doe', ['JD']],
  ]);
});

/** The form's sections as a press officer sees them, wide and narrow, saved under test-results/ for a look. */
async function screenshotSections(page: Page, name: string, sections: string[]) {
  for (const width of [1440, 600]) {
    // Tall enough that a whole section fits in the form's scroller: an element screenshot shows what is in view.
    await page.setViewportSize({ width, height: 2000 });
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

test('screenshots: the header and protected people, wide and narrow, focus visible', async ({
  page,
  host,
}) => {
  await newRelease(page, host.url);
  const { rows } = tagsOf(page);
  await rows.first().click();
  await page.keyboard.type('London');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Croydon');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Metropolitan Police Service');
  const people = peopleOf(page);
  for (const name of ['Mark Smith', 'Jane Doe']) {
    await page.getByRole('button', { name: 'Add protected person' }).click();
    await page.keyboard.type(name);
  }
  const jane = people.person(2);
  await jane
    .getByRole('group', { name: 'Other ways they may be named' })
    .getByRole('textbox')
    .first()
    .click();
  await page.keyboard.type('JD');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Janie');
  await jane.getByRole('button', { name: 'Add identifying detail' }).click();
  await jane.getByLabel('Detail 1: kind').selectOption({ label: 'School or college' });
  await jane.getByLabel('Detail 1: text').fill('Ashford Grammar School');
  await jane.getByRole('button', { name: 'Add identifying detail' }).click();
  await jane.getByLabel('Detail 2: text').fill('Station Road, Ashford');
  // The focus ring, on a row of the tags and on a button in the people: both must be plain to see.
  await rows.nth(1).focus();
  await screenshotSections(page, 'editor', ['header']);
  // A button shows its ring when reached by keyboard, as a press officer tabbing through would reach it.
  await jane.getByRole('button', { name: 'Add another name' }).focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(jane.getByRole('button', { name: 'Add another name' })).toBeFocused();
  await screenshotSections(page, 'editor', ['protectedPeople']);
});
