import { EditorPage, LibraryPage, expect, test, type RunningHost } from './fixtures';
import type { Page } from '@playwright/test';

/**
 * Issue 14, item 4: a draft pasted into a paragraph box becomes paragraphs; a paragraph is split at the caret and
 * joined with its neighbour from the keyboard; a paragraph moves between the body and the background.
 */

async function newRelease(page: Page, host: RunningHost): Promise<EditorPage> {
  const library = new LibraryPage(page);
  await library.open(host.url);
  await library.createRelease();
  const editor = new EditorPage(page);
  await editor.headline.fill('Council opens new library in Ashford');
  return editor;
}

/** Puts text on the real clipboard (plain, and HTML when given), as Word or Outlook would. */
async function copyToClipboard(page: Page, plain: string, html?: string): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate(
    async ({ plain, html }) => {
      const parts: Record<string, Blob> = { 'text/plain': new Blob([plain], { type: 'text/plain' }) };
      if (html !== undefined) parts['text/html'] = new Blob([html], { type: 'text/html' });
      await navigator.clipboard.write([new ClipboardItem(parts)]);
    },
    { plain, html },
  );
}

/** The release as saved, through the API the app itself uses. */
async function savedRelease(
  page: Page,
  host: RunningHost,
  id: string,
): Promise<{
  body: Array<{ id: string; text: string }>;
  background: Array<{ id: string; text: string }>;
  quotes: Array<{ afterParagraphId: string | null }>;
}> {
  return page.evaluate(
    async ({ id, token }) => {
      const response = await fetch('/api/releases.get', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ id }),
      });
      const result = (await response.json()) as { value: { body: never; background: never; quotes: never } };
      return { body: result.value.body, background: result.value.background, quotes: result.value.quotes };
    },
    { id, token: host.token },
  );
}

async function setCaret(page: Page, label: string, position: number): Promise<void> {
  const box = page.getByLabel(label, { exact: true });
  await box.focus();
  await box.evaluate((element, at) => (element as HTMLTextAreaElement).setSelectionRange(at, at), position);
}

async function caretOf(page: Page, label: string): Promise<number> {
  return page
    .getByLabel(label, { exact: true })
    .evaluate((element) => (element as HTMLTextAreaElement).selectionStart);
}

const FIRST = 'Northshire Council opened a new library on Station Road in Ashford on Tuesday.';
const SECOND = 'The library has 20,000 books, a children’s room and free wifi.';
const THIRD = 'It is open from 9am to 7pm on weekdays and from 10am to 4pm on Saturdays.';

test('three pasted paragraphs become three paragraph boxes, and one undo takes the paste back', async ({
  page,
  host,
}) => {
  const editor = await newRelease(page, host);
  const first = page.getByLabel('Paragraph 1', { exact: true });
  await first.fill('Opening words: ');
  await copyToClipboard(page, `${FIRST}\n\n${SECOND}\n\n${THIRD}`);
  await first.focus();
  await first.press('End');
  await page.keyboard.press('ControlOrMeta+V');

  // The text before the caret stays with the first pasted paragraph; the others get boxes of their own.
  await expect(page.getByLabel('Paragraph 1', { exact: true })).toHaveValue(`Opening words: ${FIRST}`);
  await expect(page.getByLabel('Paragraph 2', { exact: true })).toHaveValue(SECOND);
  await expect(page.getByLabel('Paragraph 3', { exact: true })).toHaveValue(THIRD);
  await expect(page.getByLabel('Paragraph 4', { exact: true })).toHaveCount(0);
  // The caret is at the end of what was pasted, as after any paste.
  await expect(page.getByLabel('Paragraph 3', { exact: true })).toBeFocused();
  expect(await caretOf(page, 'Paragraph 3')).toBe(THIRD.length);

  // The preview shows three paragraphs of the body, each its own.
  const previewParagraphs = editor.preview.locator('p[data-field^="body."]');
  await expect(previewParagraphs).toHaveCount(3);
  await expect(previewParagraphs.nth(0)).toHaveAttribute('data-field', 'body.0');
  await expect(previewParagraphs.nth(1)).toHaveAttribute('data-field', 'body.1');
  await expect(previewParagraphs.nth(2)).toHaveText(THIRD);

  // One step of the editor's own undo takes the whole paste back.
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(page.getByLabel('Paragraph 1', { exact: true })).toHaveValue('Opening words: ');
  await expect(page.getByLabel('Paragraph 2', { exact: true })).toHaveCount(0);
});

test('paragraphs copied from Word (HTML on the clipboard) become paragraphs, soft line breaks become spaces', async ({
  page,
  host,
}) => {
  const editor = await newRelease(page, host);
  const first = page.getByLabel('Paragraph 1', { exact: true });
  // Word's HTML: one <p class=MsoNormal> per paragraph, a soft break (Shift+Enter) as <br>; its plain text has a
  // single line break between paragraphs, so only the HTML says where the paragraphs are.
  const html =
    '<html><body><!--StartFragment-->' +
    `<p class=MsoNormal>${FIRST}<o:p></o:p></p>` +
    `<p class=MsoNormal>The library has 20,000 books,<br>a children’s room and free wifi.<o:p></o:p></p>` +
    '<!--EndFragment--></body></html>';
  await copyToClipboard(
    page,
    `${FIRST}\r\nThe library has 20,000 books,\u000ba children’s room and free wifi.`,
    html,
  );
  await first.focus();
  await page.keyboard.press('ControlOrMeta+V');

  await expect(page.getByLabel('Paragraph 1', { exact: true })).toHaveValue(FIRST);
  await expect(page.getByLabel('Paragraph 2', { exact: true })).toHaveValue(SECOND);
  await expect(editor.preview.locator('p[data-field="body.1"]')).toHaveText(SECOND);
});

test('Enter splits a paragraph at the cursor, Backspace at the start and Delete at the end join it again', async ({
  page,
  host,
}) => {
  const editor = await newRelease(page, host);
  const id = editor.releaseIdFromUrl();
  const first = page.getByLabel('Paragraph 1', { exact: true });
  await first.fill(`${FIRST} ${SECOND}`);
  await editor.waitUntilSaved();
  const [original] = (await savedRelease(page, host, id)).body;

  // Enter at the caret: the first half keeps the box (and its id, which comments point at), the rest is a new one.
  await setCaret(page, 'Paragraph 1', FIRST.length + 1);
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Paragraph 1', { exact: true })).toHaveValue(FIRST);
  await expect(page.getByLabel('Paragraph 2', { exact: true })).toHaveValue(SECOND);
  await expect(page.getByLabel('Paragraph 2', { exact: true })).toBeFocused();
  expect(await caretOf(page, 'Paragraph 2')).toBe(0);
  await editor.waitUntilSaved();
  const split = (await savedRelease(page, host, id)).body;
  expect(split.map((paragraph) => paragraph.text)).toEqual([FIRST, SECOND]);
  expect(split[0]!.id).toBe(original!.id);
  expect(split[1]!.id).not.toBe(original!.id);
  await expect(editor.preview.locator('p[data-field^="body."]')).toHaveCount(2);

  // Backspace at the very start joins it to the paragraph before, the caret where they meet.
  await page.keyboard.press('Backspace');
  await expect(page.getByLabel('Paragraph 1', { exact: true })).toHaveValue(`${FIRST} ${SECOND}`);
  await expect(page.getByLabel('Paragraph 2', { exact: true })).toHaveCount(0);
  await expect(page.getByLabel('Paragraph 1', { exact: true })).toBeFocused();
  expect(await caretOf(page, 'Paragraph 1')).toBe(FIRST.length);

  // Shift+Enter is a line break inside the paragraph, as in Word.
  await setCaret(page, 'Paragraph 1', (await first.inputValue()).length);
  await page.keyboard.press('Shift+Enter');
  await expect(page.getByLabel('Paragraph 2', { exact: true })).toHaveCount(0);
  await page.keyboard.press('Backspace');

  // Enter at the end starts an empty paragraph; Delete at the end of the one before pulls the next one up.
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Paragraph 2', { exact: true })).toBeFocused();
  await page.keyboard.type(THIRD);
  // A quote placed after paragraph 2 stays after the same words once they are joined into paragraph 1.
  await page.getByRole('button', { name: 'Add quote', exact: true }).click();
  await page.getByLabel('Place it after').selectOption({ index: 2 });
  await setCaret(page, 'Paragraph 1', `${FIRST} ${SECOND}`.length);
  await page.keyboard.press('Delete');
  await expect(page.getByLabel('Paragraph 1', { exact: true })).toHaveValue(`${FIRST} ${SECOND} ${THIRD}`);
  await expect(page.getByLabel('Paragraph 2', { exact: true })).toHaveCount(0);
  await expect(page.getByLabel('Paragraph 1', { exact: true })).toBeFocused();
  expect(await caretOf(page, 'Paragraph 1')).toBe(`${FIRST} ${SECOND}`.length);
  await editor.waitUntilSaved();
  const joined = await savedRelease(page, host, id);
  expect(joined.body).toEqual([{ id: original!.id, text: `${FIRST} ${SECOND} ${THIRD}` }]);
  expect(joined.quotes[0]!.afterParagraphId).toBe(original!.id);

  // The keyboard-shortcuts list says so.
  await page.keyboard.press('F1');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet.getByRole('row', { name: /Split the paragraph at the cursor/ })).toBeVisible();
  await expect(sheet.getByRole('row', { name: /Join with the next paragraph/ })).toBeVisible();
  await expect(sheet.getByRole('row', { name: /Move the paragraph to the next section/ })).toBeVisible();
  await sheet.screenshot({ path: '/tmp/shots/shortcuts-sheet.png' });
});

test('a paragraph moves to the background and back, by button and by keyboard, keeping its id', async ({
  page,
  host,
}) => {
  const editor = await newRelease(page, host);
  const id = editor.releaseIdFromUrl();
  await page.getByLabel('Paragraph 1', { exact: true }).fill(FIRST);
  await page.getByRole('button', { name: 'Add paragraph', exact: true }).click();
  await page.getByLabel('Paragraph 2', { exact: true }).fill(SECOND);
  // A quote placed after paragraph 2: it must not fall to the end of the story when paragraph 2 leaves.
  await page.getByRole('button', { name: 'Add quote', exact: true }).click();
  await page.getByLabel('Place it after').selectOption({ index: 2 });
  await editor.waitUntilSaved();
  const before = (await savedRelease(page, host, id)).body;
  expect((await savedRelease(page, host, id)).quotes[0]!.afterParagraphId).toBe(before[1]!.id);

  // How the paragraph boxes and their buttons look, wide and narrow (looked at by a person, not compared).
  for (const width of [1440, 600]) {
    await page.setViewportSize({ width, height: 900 });
    await page.getByLabel('Paragraph 2', { exact: true }).focus();
    await page
      .locator('.paragraph-list-wrapper')
      .first()
      .locator('xpath=..')
      .screenshot({
        path: `/tmp/shots/paragraph-boxes-${width}.png`,
      });
    await page.screenshot({ path: `/tmp/shots/paragraph-editor-${width}.png` });
  }
  await page.setViewportSize({ width: 1440, height: 900 });

  await page.getByRole('button', { name: 'Move to background paragraph 2', exact: true }).click();
  const moved = page.getByLabel('Background paragraph 1', { exact: true });
  await expect(moved).toHaveValue(SECOND);
  await expect(moved).toBeFocused();
  await expect(page.getByLabel('Paragraph 2', { exact: true })).toHaveCount(0);
  await editor.waitUntilSaved();
  const saved = await savedRelease(page, host, id);
  expect(saved.body.map((paragraph) => paragraph.text)).toEqual([FIRST]);
  expect(saved.background).toEqual([before[1]]);
  expect(saved.quotes[0]!.afterParagraphId).toBe(before[0]!.id);
  await expect(editor.preview.locator('p[data-field="background.0"]')).toHaveText(SECOND);
  await expect(editor.preview.locator('p[data-field^="body."]')).toHaveCount(1);

  // One undo puts it back where it was, quote and all; redo moves it again.
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(page.getByLabel('Paragraph 2', { exact: true })).toHaveValue(SECOND);
  await expect(page.getByLabel('Background paragraph 1', { exact: true })).toHaveCount(0);
  await expect(page.getByLabel('Place it after')).toHaveValue(before[1]!.id);
  await page.keyboard.press('ControlOrMeta+Shift+Z');
  await expect(page.getByLabel('Background paragraph 1', { exact: true })).toHaveValue(SECOND);
  await page.getByLabel('Background paragraph 1', { exact: true }).focus();

  // And back from the keyboard: Alt+Shift+Up moves it to the section above, at the end of its paragraphs.
  await page.keyboard.press('Alt+Shift+ArrowUp');
  const back = page.getByLabel('Paragraph 2', { exact: true });
  await expect(back).toHaveValue(SECOND);
  await expect(back).toBeFocused();
  await expect(page.getByLabel('Background paragraph 1', { exact: true })).toHaveCount(0);
  await editor.waitUntilSaved();
  const restored = await savedRelease(page, host, id);
  expect(restored.body).toEqual(before);
  expect(restored.background).toEqual([]);
  await expect(editor.preview.locator('p[data-field="body.1"]')).toHaveText(SECOND);
  await expect(editor.preview.locator('p[data-field^="background."]')).toHaveCount(0);
});

test('a five-megabyte paste keeps every word: the paragraphs over the most a body can have go into the last box', async ({
  page,
  host,
}) => {
  test.slow();
  const editor = await newRelease(page, host);
  const sentence = 'The council said the new library would open on Tuesday with free wifi for everyone. ';
  const pieces = Array.from({ length: 600 }, (_, i) => `Part ${i + 1}. ${sentence.repeat(100).trim()}`);
  const text = pieces.join('\n\n');
  expect(text.length).toBeGreaterThan(5_000_000);
  await copyToClipboard(page, text);
  await page.getByLabel('Paragraph 1', { exact: true }).focus();
  await page.keyboard.press('ControlOrMeta+V');

  // The body can have 500 paragraphs (the schema's limit): 499 boxes of one part each, the rest in the 500th.
  const last = page.getByLabel('Paragraph 500', { exact: true });
  await expect(last).toBeVisible({ timeout: 60_000 });
  await expect(page.getByLabel('Paragraph 501', { exact: true })).toHaveCount(0);
  await expect(page.getByLabel('Paragraph 499', { exact: true })).toHaveValue(pieces[498]!);
  const lastText = await last.inputValue();
  expect(lastText.startsWith('Part 500. ')).toBe(true);
  expect(lastText.endsWith(pieces[599]!)).toBe(true);
  expect(lastText.split('\n\n')).toHaveLength(101);
  // Too long for one paragraph: said at the field, as for any text over the limit.
  await expect(page.locator('[data-path="body.499.text"]')).toContainText(
    'can be at most 200,000 characters',
    {
      timeout: 60_000,
    },
  );
  // And the page still answers.
  await editor.headline.fill('Still typing');
  await expect(editor.headline).toHaveValue('Still typing');
});
