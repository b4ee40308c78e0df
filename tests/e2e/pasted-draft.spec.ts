import { EditorPage, LibraryPage, expect, test } from './fixtures';

/**
 * Issue 14, item 4 (the part before the structure import): a whole draft pasted into a paragraph leaves the frame's
 * own lines in it ("FOR IMMEDIATE RELEASE", "ENDS"), which would print twice. Each is an error at its field.
 */
test('a pasted draft with FOR IMMEDIATE RELEASE and ENDS lines is flagged at the paragraph', async ({
  page,
  host,
}) => {
  const library = new LibraryPage(page);
  await library.open(host.url);
  await library.createRelease();
  const editor = new EditorPage(page);
  await editor.headline.fill('Council opens new library in Ashford');
  const paragraph = page.getByLabel('Paragraph 1', { exact: true });
  await paragraph.fill(
    'FOR IMMEDIATE RELEASE\nNorthshire Council opened a new library on Station Road on Tuesday.\nENDS',
  );
  const errors = page.locator('[data-path="body.0.text"] .finding-error');
  await expect(errors.filter({ hasText: '“For immediate release” is in the text' })).toBeVisible();
  // One finding per field: the first leftover line found, with where that part really goes.
  await expect(errors.first()).toContainText('Pressroom prints it above the headline');
  await paragraph.fill('Northshire Council opened a new library on Station Road on Tuesday.\n-ends-');
  await expect(errors.filter({ hasText: '“ENDS” is in the text' })).toBeVisible();
  await paragraph.fill('Northshire Council opened a new library on Station Road on Tuesday.');
  await expect(errors).toHaveCount(0);
});
