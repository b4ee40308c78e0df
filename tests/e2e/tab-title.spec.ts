import { EditorPage, expect, LibraryPage, test } from './fixtures';

// Issue 14, item 11d: the browser tab (and the desktop window) names the open release.
test('the tab title is "<headline> — Pressroom" while a release is open, and "Pressroom" elsewhere', async ({
  page,
  host,
}) => {
  const library = new LibraryPage(page);
  const editor = new EditorPage(page);
  await library.open(host.url);
  await expect(page).toHaveTitle('Pressroom');

  await library.createRelease();
  await expect(page).toHaveTitle(/^.+ — Pressroom$/);
  await editor.headline.fill('Flood   warning for Ashford');
  await expect(page).toHaveTitle('Flood warning for Ashford — Pressroom');
  await editor.headline.fill('');
  await expect(page).toHaveTitle('Untitled release — Pressroom');
  await editor.headline.fill('Flood warning for Ashford and Kent');
  await editor.waitUntilSaved();
  const url = page.url();

  await page.getByRole('button', { name: '← Library' }).click();
  await expect(page.getByRole('heading', { name: 'Releases', exact: true })).toBeVisible();
  await expect(page).toHaveTitle('Pressroom');

  // Opened afresh (a reload or a link), the saved headline names it.
  await page.goto(url);
  await expect(editor.headline).toHaveValue('Flood warning for Ashford and Kent');
  await expect(page).toHaveTitle('Flood warning for Ashford and Kent — Pressroom');
});
