import { EditorPage, expect, test, hostApi as api } from './fixtures';

// Issue 13, item 4: the preview of a long release keeps up with typing. A keystroke changes the part typed in and
// nothing else of the preview's page: the frame's other nodes stay the very same nodes (so the browser re-lays-out
// one heading or paragraph, not 10,000 words), and the form's paragraphs off screen are not laid out at all.

const SENTENCE = 'Officers from Ashford attended the scene on Tuesday and spoke to witnesses. ';

test('a keystroke replaces only the part typed in, in the preview of a 60-paragraph release', async ({
  page,
  host,
}) => {
  const created = await api(host, 'releases.create', { type: 'news-release' });
  const body = Array.from({ length: 60 }, (_, i) => ({
    id: `p${i + 1}`,
    text: `Part ${i + 1}: ${SENTENCE.repeat(3)}`.trim(),
  }));
  await api(host, 'releases.save', { release: { ...created, headline: 'Bridge to open', body } });
  const editor = new EditorPage(page);
  await page.goto(`${host.url}#/release/${created.id}`);
  await expect(editor.preview.locator('h1')).toHaveText('Bridge to open');
  await expect(editor.preview.locator('p', { hasText: /^Part 60: Officers/ })).toHaveCount(1);

  // Mark every node of the preview's page; a node replaced by a keystroke comes back unmarked.
  const frame = page.frame({ url: 'about:srcdoc' })!;
  await frame.evaluate(() => {
    for (const element of Array.from(document.body.querySelectorAll('*'))) {
      (element as unknown as { keptNode?: true }).keptNode = true;
    }
  });
  const unmarked = () =>
    frame.evaluate(() =>
      Array.from(document.body.querySelectorAll('*'))
        .filter((element) => !(element as unknown as { keptNode?: true }).keptNode)
        .map((element) => element.tagName.toLowerCase()),
    );

  await editor.headline.click();
  await page.keyboard.press('End');
  await page.keyboard.type(' in spring');
  await expect(editor.preview.locator('h1')).toHaveText('Bridge to open in spring');
  expect(await unmarked()).toEqual(['h1']);
  await expect(editor.preview.locator('p', { hasText: /^Part 60: Officers/ })).toHaveCount(1);

  // The last paragraph, far below the fold: only its own paragraph in the page is new.
  const last = page.getByLabel('Paragraph 60', { exact: true });
  await last.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Ends');
  await expect(editor.preview.locator('p', { hasText: /spoke to witnesses\. Ends$/ })).toHaveCount(1);
  expect(await unmarked()).toEqual(['h1', 'p']);
  await editor.waitUntilSaved();

  // The form's first paragraph is now off screen: the browser skips its layout, yet it keeps its text for
  // find-in-page and screen readers, and comes back when scrolled to.
  const first = page.getByLabel('Paragraph 1', { exact: true });
  expect(
    await first.evaluate((element) =>
      element.checkVisibility({ contentVisibilityAuto: true } as CheckVisibilityOptions),
    ),
  ).toBe(false);
  await first.scrollIntoViewIfNeeded();
  await expect(first).toBeVisible();
  await expect(first).toHaveValue(/^Part 1: Officers/);
  await page.screenshot({ path: '/tmp/shots/preview-keystroke-1440.png' });
});

test('after typing, splitting and joining paragraphs and adding a quote, the preview is the page a fresh preview draws', async ({
  page,
  host,
}) => {
  const created = await api(host, 'releases.create', { type: 'news-release' });
  const body = Array.from({ length: 4 }, (_, i) => ({
    id: `p${i + 1}`,
    text: `Part ${i + 1}: ${SENTENCE}`.trim(),
  }));
  await api(host, 'releases.save', { release: { ...created, headline: 'Bridge to open', body } });
  const editor = new EditorPage(page);
  await page.goto(`${host.url}#/release/${created.id}`);
  await expect(editor.preview.locator('h1')).toHaveText('Bridge to open');
  const frame = page.frame({ url: 'about:srcdoc' })!;
  const drawn = () => frame.evaluate(() => document.body.innerHTML);

  // The preview writes only the parts of the page that changed (patch-article.ts); each step changes a different
  // part, or the number of nodes in one.
  await editor.headline.click();
  await page.keyboard.press('End');
  await page.keyboard.type(' in spring');
  const standfirst = page.getByRole('textbox', { name: 'Standfirst', exact: true });
  await standfirst.click();
  // A word too long for a line: the page breaks it (<wbr>) in the part as in the whole.
  await page.keyboard.type('Gone soon');
  await expect(editor.preview.locator('.standfirst')).toHaveText('Gone soon');
  // Emptied, the standfirst's part has no nodes at all; typed again, it has one.
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await expect(editor.preview.locator('.standfirst')).toHaveCount(0);
  await page.keyboard.type(`Repairs ${'x'.repeat(130)} end`);
  await expect(editor.preview.locator('.standfirst')).toHaveCount(1);
  const second = page.getByLabel('Paragraph 2', { exact: true });
  await second.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  // The new paragraph takes the focus a frame after Enter: typing before that would land in paragraph 2.
  await expect(page.getByLabel('Paragraph 3', { exact: true })).toBeFocused();
  await page.keyboard.type('A new paragraph in the middle.');
  await expect(page.getByLabel('Paragraph 3', { exact: true })).toHaveValue('A new paragraph in the middle.');
  await page.keyboard.press('Home');
  await page.keyboard.press('Backspace');
  await expect(page.getByLabel('Paragraph 5', { exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'Add quote', exact: true }).click();
  await page.keyboard.type('Jo Bloggs');
  await expect(editor.preview.getByText('Jo Bloggs')).toHaveCount(1);
  await page.getByLabel('Paragraph 1', { exact: true }).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Ends');
  await expect(editor.preview.locator('p', { hasText: /^Part 1: .* Ends$/ })).toHaveCount(1);
  await editor.waitUntilSaved();
  const patched = await drawn();

  await page.reload();
  await expect(editor.preview.locator('h1')).toHaveText('Bridge to open in spring');
  await expect(editor.preview.locator('p', { hasText: /^Part 1: .* Ends$/ })).toHaveCount(1);
  const fresh = await page.frame({ url: 'about:srcdoc' })!.evaluate(() => document.body.innerHTML);
  expect(patched).toContain('<wbr>');
  expect(patched).toBe(fresh);
});
