import { readFile, readdir } from 'node:fs/promises';
import { readStoredRelease } from '../support/stored-release';
import { join } from 'node:path';
import { EditorPage, LibraryPage, expect, test } from './fixtures';

async function releaseOnDisk(workspace: string, id: string) {
  return (await readStoredRelease(workspace, id)) as unknown as {
    headline: string;
    revision: number;
    body: Array<{ text: string }>;
  };
}

test('a typed headline reaches the preview, survives a reload and is in the release file on disk', async ({
  page,
  host,
}) => {
  const library = new LibraryPage(page);
  await library.open(host.url);
  await expect(page.getByText('No releases yet')).toBeVisible();
  await library.createRelease('Witness appeal');

  const editor = new EditorPage(page);
  const headline = 'Police watchdog appeals for witnesses to Ashford crash';
  await editor.headline.fill(headline);
  await expect(editor.preview.locator('h1')).toHaveText(headline);
  await page.getByLabel('Paragraph 1').fill('The Independent Office for Police Conduct is investigating.');
  await expect(editor.preview.locator('article p', { hasText: 'is investigating' })).toBeVisible();
  await editor.waitUntilSaved();

  const id = editor.releaseIdFromUrl();
  await expect.poll(async () => (await releaseOnDisk(host.workspace, id)).headline).toBe(headline);

  await page.reload();
  await expect(editor.headline).toHaveValue(headline);
  await expect(editor.preview.locator('h1')).toHaveText(headline);

  const onDisk = await releaseOnDisk(host.workspace, id);
  expect(onDisk.body[0]?.text).toBe('The Independent Office for Police Conduct is investigating.');

  await page.getByRole('button', { name: '← Library' }).click();
  await expect(page.getByRole('link', { name: headline })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(headline) })).toContainText('Witness appeal');
});

test('markup typed into a headline is shown as text in the preview, never run', async ({ page, host }) => {
  const library = new LibraryPage(page);
  await library.open(host.url);
  await library.createRelease();
  const editor = new EditorPage(page);
  const hostile = '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>';
  await editor.headline.fill(hostile);
  await expect(editor.preview.locator('h1')).toHaveText(hostile);
  await expect(editor.preview.locator('h1 img, h1 script, article script')).toHaveCount(0);
  expect(await page.title()).not.toBe('pwned');
});

test('body paragraphs can be added and reordered, and the preview follows', async ({ page, host }) => {
  const library = new LibraryPage(page);
  await library.open(host.url);
  await library.createRelease();
  const editor = new EditorPage(page);
  await page.getByLabel('Paragraph 1').fill('First said.');
  await page.getByRole('button', { name: 'Add paragraph' }).click();
  await page.getByLabel('Paragraph 2').fill('Second said.');
  await page.getByRole('button', { name: 'Move up paragraph 2' }).click();
  await expect(page.getByLabel('Paragraph 1')).toHaveValue('Second said.');
  const paragraphs = editor.preview.locator('article p', { hasText: /said\./ });
  await expect(paragraphs).toHaveText(['Second said.', 'First said.']);
  await editor.waitUntilSaved();
  const id = editor.releaseIdFromUrl();
  await expect
    .poll(async () => (await releaseOnDisk(host.workspace, id)).body.map((p) => p.text))
    .toEqual(['Second said.', 'First said.']);
});

test('a save from a stale window is refused, the text is kept as a conflict copy and the other edit stays', async ({
  page,
  context,
  host,
}) => {
  const library = new LibraryPage(page);
  await library.open(host.url);
  await library.createRelease();
  const first = new EditorPage(page);
  await first.headline.fill('Original headline');
  await first.waitUntilSaved();
  const id = first.releaseIdFromUrl();

  // A second window opens the same release, then both edit it.
  const secondPage = await context.newPage();
  // This window has not heard of the other's save yet (as on a slow synced drive): no change notifications.
  await secondPage.route('**/api/workspace.changes', (route) => route.abort());
  await secondPage.goto(host.url.replace(/\/\?token=.*$/, `/?token=${host.token}#/release/${id}`));
  const second = new EditorPage(secondPage);
  await expect(second.headline).toHaveValue('Original headline');

  await first.headline.fill('Headline from the first window');
  await first.waitUntilSaved();

  await second.headline.fill('Headline from the second window');
  await expect(secondPage.locator('[data-save-state]')).toHaveAttribute('data-save-state', 'failed');
  await expect(second.saveState).toContainText('changed elsewhere');
  // The writer's text is still in the form…
  await expect(second.headline).toHaveValue('Headline from the second window');
  // …the file on disk holds the first window's save…
  expect((await releaseOnDisk(host.workspace, id)).headline).toBe('Headline from the first window');
  // …and the refused text was kept on disk as a conflict copy.
  const conflicts = await readdir(join(host.workspace, 'conflicts'));
  expect(conflicts.length).toBe(1);
  const copy = await readFile(join(host.workspace, 'conflicts', conflicts[0]!), 'utf8');
  expect(copy).toContain('Headline from the second window');
});

test('a corrupt release file is reported by name and the rest of the library still loads', async ({
  page,
  workspace,
}) => {
  const { writeFile, mkdir } = await import('node:fs/promises');
  const { startHost } = await import('./fixtures');
  // Create one good release through the real host, then break a second file by hand.
  const host = await startHost(workspace);
  try {
    const library = new LibraryPage(page);
    await library.open(host.url);
    await library.createRelease();
    const editor = new EditorPage(page);
    await editor.headline.fill('A release that must survive');
    await editor.waitUntilSaved();
  } finally {
    await host.stop();
  }
  await mkdir(join(workspace, 'releases'), { recursive: true });
  await writeFile(join(workspace, 'releases', 'broken-one.json'), '{"headline": "half a file');
  const second = await startHost(workspace);
  try {
    await page.goto(second.url);
    await expect(page.getByRole('link', { name: 'A release that must survive' })).toBeVisible();
    await expect(page.getByText('Some files in this workspace need a look')).toBeVisible();
    await expect(page.getByText('broken-one.json', { exact: false }).first()).toBeVisible();
  } finally {
    await second.stop();
  }
});

test('the browser host stops cleanly on SIGTERM', async ({ host }) => {
  expect(await host.stop()).toBe(0);
  expect(host.output()).toContain('Received SIGTERM');
});

test("a window with no unsaved edits takes a colleague's newer save without a restart", async ({
  page,
  context,
  host,
}) => {
  const library = new LibraryPage(page);
  await library.open(host.url);
  await library.createRelease();
  const first = new EditorPage(page);
  await first.headline.fill('Before');
  await first.waitUntilSaved();
  const id = first.releaseIdFromUrl();

  const secondPage = await context.newPage();
  await secondPage.goto(`${host.origin}/?token=${host.token}#/release/${id}`);
  const second = new EditorPage(secondPage);
  await expect(second.headline).toHaveValue('Before');

  await first.headline.fill('After, from the other window');
  await first.waitUntilSaved();
  await expect(second.headline).toHaveValue('After, from the other window');
  await expect(secondPage.getByTestId('external-notice')).toContainText(
    'Updated with changes saved elsewhere',
  );
  await expect(second.preview.locator('h1')).toHaveText('After, from the other window');
  // And it can go on editing on top of the newer revision without a conflict.
  await second.headline.fill('Third edit');
  await second.waitUntilSaved();
  expect((await releaseOnDisk(host.workspace, id)).headline).toBe('Third edit');
});
