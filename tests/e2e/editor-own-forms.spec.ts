import { readStoredRelease } from '../support/stored-release';
import { EditorPage, LibraryPage, expect, test } from './fixtures';

/**
 * Each text control of the release has an empty form of its own (own-forms.ts), so that Chrome's autofill reads one
 * field after a keystroke instead of the whole release (about 2 ms a keystroke in a 600-word release). What the
 * release's form did must still happen: Enter in a one-line field saves now, and nobody leaves the page.
 */
test('every text field is a form of one for the browser; Enter in the headline still saves now and stays', async ({
  page,
  host,
}) => {
  const library = new LibraryPage(page);
  await library.open(host.url);
  await library.createRelease();
  const editor = new EditorPage(page);
  const id = editor.releaseIdFromUrl();
  const editorUrl = page.url();

  // A paragraph added after the editor opened gets its own form too.
  await page.getByLabel('Paragraph 1', { exact: true }).fill('The library opens on Monday.');
  await page.getByLabel('Paragraph 1', { exact: true }).press('End');
  await page.getByLabel('Paragraph 1', { exact: true }).press('Enter');
  await expect(page.getByLabel('Paragraph 2', { exact: true })).toBeFocused();

  const owners = await page.evaluate(() => {
    const release = document.getElementById('release-form') as HTMLFormElement;
    return Array.from(
      release.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
        'textarea, input:not([type]), input[type="text"]',
      ),
    ).map((control) => ({
      id: control.id,
      owner: control.form?.id ?? null,
      fields: control.form ? control.form.elements.length : 0,
      inRelease: release.contains(control),
    }));
  });
  expect(owners.length).toBeGreaterThan(5);
  expect(owners.map((o) => o.id)).toContain('field-headline');
  for (const owner of owners) {
    expect(owner, owner.id).toMatchObject({ fields: 1, inRelease: true });
    expect(owner.owner, owner.id).not.toBe('release-form');
  }
  expect(new Set(owners.map((o) => o.owner)).size).toBe(owners.length);

  // Enter in the headline: the release's form is submitted (its "Save now"), and the page stays where it is.
  await page.evaluate(() => {
    const w = window as unknown as { releaseSubmits: number };
    w.releaseSubmits = 0;
    document.getElementById('release-form')!.addEventListener('submit', () => w.releaseSubmits++);
  });
  await editor.headline.fill('Council opens new library in Ashford');
  await editor.headline.press('Enter');
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { releaseSubmits: number }).releaseSubmits))
    .toBe(1);
  await editor.waitUntilSaved();
  expect(page.url()).toBe(editorUrl);
  await expect(editor.headline).toHaveValue('Council opens new library in Ashford');
  expect((await readStoredRelease(host.workspace, id))?.headline).toBe(
    'Council opens new library in Ashford',
  );
});
