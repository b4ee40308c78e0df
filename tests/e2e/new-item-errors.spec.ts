import { EditorPage, LibraryPage, expect, test } from './fixtures';

/**
 * Issue 14, item 11: "Add quote" showed "Quote 1 has no speaker" on boxes nobody had typed in yet. A new empty
 * item's messages wait until the person has been in it and left it, or has tried an action that needs them
 * (submit for review), for every list kind the structure table has, not only quotes.
 */
test.use({ locale: 'en-GB', timezoneId: 'Europe/London' });

test('a new empty item shows its errors only once the person has left it', async ({ page, host }) => {
  const library = new LibraryPage(page);
  await library.open(host.url);
  await library.createRelease('News release');
  const editor = new EditorPage(page);
  await editor.headline.fill('Council opens new library in Ashford');

  const form = page.locator('form.editor-form');
  const quote = page.locator('li.quote-item').first();
  await page.getByRole('button', { name: 'Add quote' }).click();
  await expect(quote.getByLabel("Speaker's name")).toBeFocused();
  // Nothing typed yet: no error on the new quote, in the summary at the top or in the navigator.
  await expect(quote.locator('.finding-error')).toHaveCount(0);
  await expect(form).not.toContainText('Quote 1 has no speaker');
  // Moving between the quote's own boxes is not leaving it.
  await page.keyboard.press('Tab');
  await expect(quote.getByLabel('Role', { exact: true })).toBeFocused();
  await expect(form).not.toContainText('Quote 1 has no speaker');

  // Leaving the quote: now its messages show.
  await editor.headline.focus();
  await expect(quote).toContainText('Quote 1 has no speaker: every quote needs a name');
  await expect(quote.getByLabel("Speaker's name")).toHaveAttribute('aria-invalid', 'true');

  // A second quote, added empty, then an action that needs every finding: submitting for review.
  await page.getByRole('button', { name: 'Add quote' }).click();
  const second = page.locator('li.quote-item').nth(1);
  await expect(second.getByLabel("Speaker's name")).toBeFocused();
  await expect(second.locator('.finding-error')).toHaveCount(0);
  await page.getByRole('button', { name: 'Submit for review', exact: true }).click();
  const dialog = page.getByRole('dialog').filter({ has: page.locator('#check-errors-title') });
  await expect(dialog).toContainText('Quote 2 has no speaker');
  await dialog.getByRole('button', { name: /Go back and fix/ }).click();
  await expect(second).toContainText('Quote 2 has no speaker: every quote needs a name');
});
