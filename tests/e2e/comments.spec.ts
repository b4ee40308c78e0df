import { appendFile, readdir, readFile } from 'node:fs/promises';
import { readStoredRelease } from '../support/stored-release';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { EditorPage, LibraryPage, expect, test } from './fixtures';

/**
 * Comments in the editor (issue 5, item 4): beside each field with a count of open threads, in a list for the
 * whole release, as markers on the preview; resolved and reopened, never deleted; anchored to a paragraph's id
 * so that they follow it when paragraphs move.
 */

/** The Comment button of a part: "Comment on Headline", "Comment on paragraph 2, 1 open". */
const commentButton = (page: Page, on: string) =>
  page.getByRole('button', { name: new RegExp(`^Comment on ${on}(, \\d+ open)?$`) });
const panel = (page: Page, title: string) =>
  page.getByRole('region', { name: `Comments on ${title}`, exact: true });
const markers = (editor: EditorPage) => editor.preview.locator('#pressroom-comment-markers button');
const EN_GB_TIME = /^\d{1,2} [A-Z][a-z]{2,3} \d{4}, \d{2}:\d{2}$/;

test('comments beside the fields, on the preview and in the list: replied, resolved, reopened, following their paragraph', async ({
  page,
  host,
}) => {
  const library = new LibraryPage(page);
  await library.open(host.url);
  await library.createRelease();
  const editor = new EditorPage(page);
  await editor.headline.fill('Council opens new library in Ashford');
  await page.getByLabel('Paragraph 1', { exact: true }).fill('Alpha paragraph.');
  for (const text of ['Bravo paragraph.', 'Charlie paragraph.']) {
    await page.getByRole('button', { name: 'Add paragraph' }).click();
    await page.keyboard.type(text);
  }
  await editor.waitUntilSaved();
  const id = editor.releaseIdFromUrl();

  // --- a comment on the headline, with the GOV.UK error pattern for an empty one -------------------------------
  await commentButton(page, 'Headline').click();
  const headlinePanel = panel(page, 'Headline');
  await expect(headlinePanel).toBeVisible();
  const headlineBox = headlinePanel.getByRole('textbox', { name: 'Add a comment' });
  await expect(headlineBox).toBeFocused();
  await headlinePanel.getByRole('button', { name: 'Add comment' }).click();
  await expect(headlinePanel.locator('.comment-error')).toHaveText('Error: Write the comment first');
  await expect(headlineBox).toHaveAttribute('aria-invalid', 'true');
  await headlineBox.fill('Say which library: there are two in Ashford.');
  await headlinePanel.getByRole('button', { name: 'Add comment' }).click();
  const headlineThread = headlinePanel.locator('.comment-thread');
  await expect(headlineThread).toHaveCount(1);
  await expect(headlineThread.locator('.comment-text')).toHaveText(
    'Say which library: there are two in Ashford.',
  );
  await expect(headlineThread.locator('.comment-meta strong')).toHaveText('Sam Taylor');
  await expect(headlineThread.locator('.comment-meta time')).toHaveText(EN_GB_TIME);
  await expect(headlineBox).toHaveValue('');
  await expect(headlinePanel.locator('.comment-error')).toHaveCount(0);
  await expect(commentButton(page, 'Headline')).toHaveAccessibleName('Comment on Headline, 1 open');
  // The section navigator counts it too.
  await expect(
    page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: /^Headline, .+, 1 open comment$/ }),
  ).toBeVisible();
  await expect(commentButton(page, 'Headline').locator('.comment-count')).toHaveText('1');
  // Escape closes the panel and gives the focus back to its button.
  await headlineBox.press('Escape');
  await expect(headlinePanel).toHaveCount(0);
  await expect(commentButton(page, 'Headline')).toBeFocused();

  // --- a comment on body paragraph 2, and a reply --------------------------------------------------------------
  await commentButton(page, 'paragraph 2').click();
  const paragraphPanel = panel(page, 'Paragraph 2');
  await paragraphPanel.getByRole('textbox', { name: 'Add a comment' }).fill('Name the architect here.');
  await paragraphPanel.getByRole('button', { name: 'Add comment' }).click();
  await expect(paragraphPanel.locator('.comment-thread')).toHaveCount(1);
  await paragraphPanel.getByRole('button', { name: 'Reply to Sam Taylor' }).click();
  const replyBox = paragraphPanel.getByRole('textbox', { name: 'Reply to Sam Taylor' });
  await expect(replyBox).toBeFocused();
  await replyBox.fill('Added: Priya Shah of Shah Architects.');
  await paragraphPanel.getByRole('button', { name: 'Send reply' }).click();
  await expect(paragraphPanel.locator('.comment-replies li')).toHaveText([
    /Sam Taylor.*Added: Priya Shah of Shah Architects\./,
  ]);
  await expect(commentButton(page, 'paragraph 2')).toHaveAccessibleName('Comment on paragraph 2, 1 open');
  await expect(commentButton(page, 'paragraph 1')).toHaveAccessibleName('Comment on paragraph 1');
  await expect(commentButton(page, 'Body')).toHaveAccessibleName('Comment on Body');

  // --- markers on the preview, beside the right elements; never inside the rendered release -------------------
  await expect(markers(editor)).toHaveCount(2);
  const paragraphMarker = editor.preview.getByRole('button', { name: '1 open comment on Body, paragraph 2' });
  const headlineMarker = editor.preview.getByRole('button', { name: '1 open comment on Headline' });
  await expect(paragraphMarker).toHaveText('1');
  await expect(editor.preview.locator('[data-field="body.1"]')).toHaveText('Bravo paragraph.');
  await expectBeside(paragraphMarker, editor.preview.locator('[data-field="body.1"]'));
  await expectBeside(headlineMarker, editor.preview.locator('h1'));
  // The badges follow the page when its layout changes (the print view has margins to put them in).
  await page.getByRole('button', { name: 'Print', exact: true }).click();
  await expectBeside(paragraphMarker, editor.preview.locator('[data-field="body.1"]'));
  await page.getByRole('button', { name: 'Desktop', exact: true }).click();
  await expectBeside(paragraphMarker, editor.preview.locator('[data-field="body.1"]'));
  await expect(editor.preview.locator('body #pressroom-comment-markers')).toHaveCount(0);
  await expect(editor.preview.locator('body')).not.toContainText('Name the architect');
  // Choosing a marker opens its threads beside the field.
  await paragraphPanel.getByRole('button', { name: 'Close comments on Paragraph 2' }).click();
  await expect(paragraphPanel).toHaveCount(0);
  await headlineMarker.click();
  await expect(headlinePanel).toBeVisible();
  await expect(headlinePanel.locator('.comment-text')).toHaveText(
    'Say which library: there are two in Ashford.',
  );
  await expect(editor.headline).toBeInViewport();

  // --- the list of the whole release ---------------------------------------------------------------------------
  const overview = page.getByRole('region', { name: 'Comments', exact: true });
  await overview.getByRole('button', { name: /^Comments 2 open$/ }).click();
  const openList = overview.getByRole('list', { name: 'Open comments' });
  await expect(openList.locator('.comments-overview-item .link-button')).toHaveText([
    'Headline',
    'Body, paragraph 2',
  ]);
  await expect(openList.locator('.comments-overview-item').nth(1)).toContainText('1 reply');
  await openList.getByRole('button', { name: 'Body, paragraph 2' }).click();
  await expect(page.getByLabel('Paragraph 2', { exact: true })).toBeFocused();
  await expect(paragraphPanel).toBeVisible();

  // --- resolve: the count drops, "Show resolved" shows it; reopen ------------------------------------------------
  await commentButton(page, 'Headline').click();
  await headlinePanel.getByRole('button', { name: 'Resolve comment by Sam Taylor' }).click();
  await expect(commentButton(page, 'Headline')).toHaveAccessibleName('Comment on Headline');
  await expect(commentButton(page, 'Headline').locator('.comment-count')).toHaveCount(0);
  await expect(headlinePanel.getByText('No open comments here.')).toBeVisible();
  await expect(markers(editor)).toHaveCount(1);
  await expect(overview.getByRole('button', { name: /^Comments 1 open$/ })).toBeVisible();
  const showResolved = headlinePanel.getByRole('button', { name: 'Show resolved (1)' });
  await expect(showResolved).toHaveAttribute('aria-expanded', 'false');
  await showResolved.click();
  const resolvedThread = headlinePanel
    .getByRole('list', { name: 'Resolved comments' })
    .locator('.comment-thread');
  await expect(resolvedThread.locator('.comment-text')).toHaveText(
    'Say which library: there are two in Ashford.',
  );
  await expect(resolvedThread.locator('.comment-status')).toContainText('Resolved by Sam Taylor');
  await resolvedThread.getByRole('button', { name: 'Reopen comment by Sam Taylor' }).click();
  await expect(commentButton(page, 'Headline')).toHaveAccessibleName('Comment on Headline, 1 open');
  await expect(markers(editor)).toHaveCount(2);
  await expect(
    headlinePanel.getByRole('list', { name: 'Open comments' }).locator('.comment-thread'),
  ).toHaveCount(1);

  // --- reorder: the comment follows its paragraph --------------------------------------------------------------
  await page.getByLabel('Paragraph 2', { exact: true }).focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(page.getByLabel('Paragraph 1', { exact: true })).toHaveValue('Bravo paragraph.');
  await expect(commentButton(page, 'paragraph 1')).toHaveAccessibleName('Comment on paragraph 1, 1 open');
  await expect(commentButton(page, 'paragraph 2')).toHaveAccessibleName('Comment on paragraph 2');
  await expect(
    editor.preview.getByRole('button', { name: '1 open comment on Body, paragraph 1' }),
  ).toBeVisible();
  await expectBeside(
    editor.preview.getByRole('button', { name: '1 open comment on Body, paragraph 1' }),
    editor.preview.locator('[data-field="body.0"]'),
  );
  await expect(openList.locator('.comments-overview-item .link-button')).toHaveText([
    'Headline',
    'Body, paragraph 1',
  ]);
  await editor.waitUntilSaved();

  // --- a reload finds everything where it was ------------------------------------------------------------------
  await page.reload();
  await expect(editor.headline).toHaveValue('Council opens new library in Ashford');
  await expect(commentButton(page, 'Headline')).toHaveAccessibleName('Comment on Headline, 1 open');
  await expect(commentButton(page, 'paragraph 1')).toHaveAccessibleName('Comment on paragraph 1, 1 open');
  await expect(markers(editor)).toHaveCount(2);
  await commentButton(page, 'paragraph 1').click();
  const movedPanel = panel(page, 'Paragraph 1');
  await expect(movedPanel.locator('.comment-thread > .comment-entry .comment-text')).toHaveText(
    'Name the architect here.',
  );
  await expect(movedPanel.locator('.comment-replies')).toContainText('Added: Priya Shah of Shah Architects.');

  // --- a removed paragraph: its comment stays, listed as such --------------------------------------------------
  await page.getByRole('button', { name: 'Remove paragraph 1' }).click();
  await expect(page.getByLabel('Paragraph 1', { exact: true })).toHaveValue('Alpha paragraph.');
  const reloadedOverview = page.getByRole('region', { name: 'Comments', exact: true });
  await reloadedOverview.getByRole('button', { name: /^Comments 2 open$/ }).click();
  const removedEntry = reloadedOverview.getByRole('button', { name: 'Body (paragraph removed)' });
  await expect(removedEntry).toBeVisible();
  await expect(markers(editor)).toHaveCount(1);
  await removedEntry.click();
  const bodyPanel = panel(page, 'Body');
  await expect(bodyPanel.locator('.comment-thread')).toHaveCount(1);
  await expect(bodyPanel.locator('.comment-orphan')).toBeVisible();

  // --- on disk: one append-only file per author under comments/<id>/ ------------------------------------------
  const folder = join(host.workspace, 'comments', id);
  expect(await readdir(folder)).toEqual(['u-sam.jsonl']);
  const events = (await readFile(join(folder, 'u-sam.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { kind: string; text?: string; resolved?: boolean });
  expect(events.map((event) => event.kind)).toEqual(['thread', 'thread', 'reply', 'status', 'status']);
  expect(events.filter((e) => e.kind === 'status').map((e) => e.resolved)).toEqual([true, false]);
  expect(events[1]?.text).toBe('Name the architect here.');
});

test('a comment that cannot be saved keeps its text and says why', async ({ page, host }) => {
  const library = new LibraryPage(page);
  await library.open(host.url);
  await library.createRelease();
  await page.route('**/api/comments.add', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        ok: false,
        error: { code: 'io', message: 'The comments folder is read-only.' },
      }),
    }),
  );
  await commentButton(page, 'Standfirst').click();
  const standfirstPanel = panel(page, 'Standfirst');
  const box = standfirstPanel.getByRole('textbox', { name: 'Add a comment' });
  await box.fill('Too long: cut it to one sentence.');
  await standfirstPanel.getByRole('button', { name: 'Add comment' }).click();
  await expect(standfirstPanel.locator('.comment-error')).toHaveText(
    'Error: The comments folder is read-only.',
  );
  await expect(box).toHaveValue('Too long: cut it to one sentence.');
  await expect(box).toBeFocused();
  await expect(commentButton(page, 'Standfirst')).toHaveAccessibleName('Comment on Standfirst');
});

test('comments stay readable in both colour schemes: no colour-contrast failures with a thread open', async ({
  page,
  host,
}) => {
  const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const contrastProblems = async () => {
    await page.evaluate(axeSource);
    return page.evaluate(async () => {
      type Results = { violations: Array<{ nodes: Array<{ target: string[]; failureSummary?: string }> }> };
      const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<Results> } }).axe;
      const results = await axe.run(document, { runOnly: ['color-contrast'], iframes: false });
      return results.violations.flatMap((violation) =>
        violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`),
      );
    });
  };
  const library = new LibraryPage(page);
  await library.open(host.url);
  await library.createRelease();
  await commentButton(page, 'Headline').click();
  const headlinePanel = panel(page, 'Headline');
  await headlinePanel.getByRole('textbox', { name: 'Add a comment' }).fill('Shorter, please.');
  await headlinePanel.getByRole('button', { name: 'Add comment' }).click();
  await headlinePanel.getByRole('button', { name: 'Reply to Sam Taylor' }).click();
  await headlinePanel.getByRole('textbox', { name: 'Reply to Sam Taylor' }).fill('Done.');
  await headlinePanel.getByRole('button', { name: 'Send reply' }).click();
  await expect(headlinePanel.locator('.comment-replies')).toContainText('Done.');
  // A second thread, resolved and shown: resolved threads are drawn in the muted colour.
  await headlinePanel.getByRole('textbox', { name: 'Add a comment' }).fill('Check the date.');
  await headlinePanel.getByRole('button', { name: 'Add comment' }).click();
  await headlinePanel
    .locator('.comment-thread')
    .nth(1)
    .getByRole('button', { name: /^Resolve/ })
    .click();
  await headlinePanel.getByRole('button', { name: 'Show resolved (1)' }).click();
  await headlinePanel.getByRole('button', { name: 'Add comment' }).click(); // an empty one: the error message
  await expect(headlinePanel.locator('.comment-error')).toBeVisible();
  const overview = page.getByRole('region', { name: 'Comments', exact: true });
  await overview.getByRole('button', { name: /^Comments 1 open$/ }).click();
  await overview.getByRole('button', { name: 'Show resolved (1)' }).click();
  await expect(overview.getByRole('button', { name: 'Headline' })).toHaveCount(2);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await contrastProblems(), colorScheme).toEqual([]);
  }
});

/**
 * The marker sits beside its element: in the page's left margin level with its top, or (when the page has no
 * margin to spare) on the top-right corner of its highlight.
 */
async function expectBeside(
  marker: ReturnType<EditorPage['preview']['locator']>,
  element: ReturnType<EditorPage['preview']['locator']>,
) {
  await expect
    .poll(async () => {
      const m = await marker.boundingBox();
      const e = await element.boundingBox();
      if (!m || !e) return 'not laid out';
      const inMargin = m.x + m.width <= e.x + 1 && Math.abs(m.y - e.y) <= 4;
      const onCorner =
        Math.abs(m.x + m.width / 2 - (e.x + e.width)) <= 8 && Math.abs(m.y + m.height / 2 - e.y) <= 8;
      return inMargin || onCorner ? 'beside' : `marker ${JSON.stringify(m)} element ${JSON.stringify(e)}`;
    })
    .toBe('beside');
}

test('a comment on a media contact stays with that contact when another is removed', async ({
  page,
  host,
}) => {
  const library = new LibraryPage(page);
  await library.open(host.url);
  await library.createRelease();
  const editor = new EditorPage(page);
  const before = await page.locator('.contact-list > li').count();
  for (const name of ['Ann Lee', 'Bob Roy']) {
    await page.getByRole('button', { name: 'Add media contact' }).click();
    const index = (await page.locator('.contact-list > li').count()) - 1;
    await page.locator(`#field-mediaContacts-${index}-name`).fill(name);
  }
  await editor.waitUntilSaved();
  const bob = before + 2; // 1-based place of Bob

  await commentButton(page, `media contact ${bob}`).click();
  const onBob = panel(page, `Media contact ${bob}`);
  await onBob.getByRole('textbox', { name: 'Add a comment' }).fill('Is Bob on call that weekend?');
  await onBob.getByRole('button', { name: 'Add comment' }).click();
  await expect(onBob.locator('.comment-thread')).toHaveCount(1);
  await page.keyboard.press('Escape');

  // Remove the contact before Bob: Bob moves up one place, and his comment goes with him.
  await page.getByRole('button', { name: `Remove media contact ${bob - 1}` }).click();
  // Saved: the release file on disk has lost Ann (the save state alone may not have left "saved" yet).
  const releaseId = editor.releaseIdFromUrl();
  await expect
    .poll(async () =>
      ((await readStoredRelease(host.workspace, releaseId))?.mediaContacts ?? []).map((contact) => contact.name),
    )
    .not.toContain('Ann Lee');
  await expect(page.locator(`#field-mediaContacts-${bob - 2}-name`)).toHaveValue('Bob Roy');
  await expect(commentButton(page, `media contact ${bob - 1}`)).toHaveAccessibleName(
    `Comment on media contact ${bob - 1}, 1 open`,
  );
  await page.reload();
  await expect(commentButton(page, `media contact ${bob - 1}`)).toHaveAccessibleName(
    `Comment on media contact ${bob - 1}, 1 open`,
  );
});

test('a damaged comment record is said, not silently missing', async ({ page, host }) => {
  const library = new LibraryPage(page);
  await library.open(host.url);
  await library.createRelease();
  const editor = new EditorPage(page);
  await editor.headline.fill('Damaged comments');
  await editor.waitUntilSaved();
  await commentButton(page, 'Headline').click();
  const onHeadline = panel(page, 'Headline');
  await onHeadline.getByRole('textbox', { name: 'Add a comment' }).fill('A good comment.');
  await onHeadline.getByRole('button', { name: 'Add comment' }).click();
  await expect(onHeadline.locator('.comment-thread')).toHaveCount(1);

  const id = editor.releaseIdFromUrl();
  const folder = join(host.workspace, 'comments', id);
  const [file] = await readdir(folder);
  await appendFile(join(folder, file!), '{"kind":"thread","id":"x", torn by a sync tool\n');
  await page.reload();
  await expect(page.locator('.comments-unreadable')).toContainText('One comment record could not be read');
  await expect(page.locator('.comments-unreadable')).toContainText(`comments/${id}/${file}, line 2`);
  if (process.env.PRESSROOM_SCREENSHOTS) await page.screenshot({ path: '.tmp/comments-unreadable.png' });
  await expect(commentButton(page, 'Headline')).toHaveAccessibleName('Comment on Headline, 1 open');
});
