import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { EditorPage, LibraryPage, expect, test, type RunningHost, hostApi as api } from './fixtures';
import { readStoredRelease } from '../support/stored-release';

/**
 * Dates the UK way, whatever the browser (issue 14, item 2). The browser here is an en-US Chromium in New York:
 * its own date box would be month first with AM/PM and would read 18/07/2024 as nonsense or as 7 December. The
 * organisation's profile is en-GB, so the release date, the embargo and the library's date filters are typed and
 * shown day first, read back in words, and text that cannot be read is refused at the field with nothing stored.
 */

test.use({ locale: 'en-US', timezoneId: 'America/New_York' });

const SHOTS = join('test-results', 'uk-dates');

type Json = Record<string, unknown>;

async function seed(host: RunningHost, headline: string, releaseDate: string): Promise<void> {
  const created = await api(host, 'releases.create', { type: 'news-release' });
  await api(host, 'releases.save', {
    release: {
      ...created,
      headline,
      header: { ...(created.header as Json), releaseDate, embargo: null },
      body: [{ id: 'b0', text: 'Plain text.' }],
    },
  });
}

const releaseDate = (page: Page) => page.locator('#field-header-releaseDate');

test('the release date is typed day first in an en-US browser, read back in words, and stored as typed', async ({
  page,
  host,
  workspace,
}) => {
  await new LibraryPage(page).open(host.url);
  await new LibraryPage(page).createRelease();
  const editor = new EditorPage(page);
  const id = editor.releaseIdFromUrl();
  const field = releaseDate(page);

  // A text box in the profile's style, not the browser's month-first date widget.
  await expect(field).toHaveAttribute('type', 'text');
  await expect(page.locator('#field-header-releaseDate-hint')).toContainText(
    'For example, 18/07/2024 17:30.',
  );

  await field.fill('18/07/2024 17:30');
  await field.press('Enter');
  // Shown as en-GB writes it, 24-hour as the release prints it.
  await expect(field).toHaveValue('18/07/2024 17:30');
  await expect(page.locator('#field-header-releaseDate-readback')).toHaveText(
    'Thursday 18 July 2024 at 17:30',
  );
  await expect(page.locator('.kind-prints-as').first()).toHaveText('Prints as 18 July 2024 at 17:30');
  const dateline = editor.preview.locator('time[datetime]').first();
  await expect(dateline).toHaveText('18 July 2024');
  await expect(dateline).toHaveAttribute('datetime', '2024-07-18T17:30:00+01:00');
  await editor.waitUntilSaved();
  await expect
    .poll(async () => (await readStoredRelease(workspace, id))?.header.releaseDate)
    .toBe('2024-07-18T17:30');

  // Other ways people write it.
  for (const [typed, stored] of [
    ['18 Jul 24 9.30am', '2024-07-18T09:30'],
    ['Friday 19 July 2024 at noon', '2024-07-19T12:00'],
    ['18/7/24 17:30', '2024-07-18T17:30'],
  ] as const) {
    await field.fill(typed);
    await field.press('Tab');
    await expect(field).not.toHaveAttribute('aria-invalid', 'true');
    await editor.waitUntilSaved();
    await expect.poll(async () => (await readStoredRelease(workspace, id))?.header.releaseDate).toBe(stored);
  }

  // What cannot be read is refused at the field, and nothing is stored.
  await field.fill('31/02/2024');
  await field.press('Enter');
  const error = page.locator('#field-header-releaseDate-error');
  await expect(error).toHaveText(
    'Error: Pressroom could not read “31/02/2024” as a date: February has 28 or 29 days.',
  );
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAttribute('aria-describedby', /field-header-releaseDate-error/);
  await expect(field).toHaveValue('31/02/2024');
  await expect(page.locator('#field-header-releaseDate-readback')).toHaveText(
    'Nothing was changed: still Thursday 18 July 2024 at 17:30.',
  );
  await expect(dateline).toHaveText('18 July 2024');
  // A later save (the headline) carries the release date as it was.
  await editor.headline.fill('Dates typed the UK way');
  await editor.waitUntilSaved();
  await expect
    .poll(async () => (await readStoredRelease(workspace, id))?.headline)
    .toBe('Dates typed the UK way');
  expect((await readStoredRelease(workspace, id))?.header.releaseDate).toBe('2024-07-18T17:30');

  // Month first, as an en-US colleague might type it, is refused rather than swapped.
  await field.fill('07/18/2024 17:30');
  await field.press('Enter');
  await expect(error).toContainText(
    'there is no month 18. Dates are read day first: 18/07/2024 is 18 July 2024.',
  );
  // Escape puts back what is stored.
  await field.press('Escape');
  await expect(field).toHaveValue('18/07/2024 17:30');
  await expect(error).toBeHidden();
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  // Up and Down move the part the caret is in.
  await field.press('Home');
  await field.press('ArrowUp');
  await expect(field).toHaveValue('19/07/2024 17:30');
  await field.press('ArrowDown');
  await expect(field).toHaveValue('18/07/2024 17:30');

  // The embargo is typed the same way.
  await page.getByLabel('Embargoed (otherwise “For immediate release”)').check();
  const embargo = page.locator('#field-header-embargo');
  await expect(embargo).toHaveValue('18/07/2024 17:30');
  await embargo.fill('19/07/2024 00:01');
  await embargo.press('Enter');
  await expect(page.locator('.embargo .kind-prints-as')).toHaveText(
    'Prints as EMBARGOED UNTIL 00:01 BST, Friday 19 July 2024',
  );
  await expect(page.locator('#field-header-embargo-readback')).toHaveText('Friday 19 July 2024 at 00:01');
  await editor.waitUntilSaved();
  await expect
    .poll(async () => (await readStoredRelease(workspace, id))?.header.embargo?.until)
    .toBe('2024-07-19T00:01');
  await embargo.fill('32/07/2024 00:01');
  await embargo.press('Enter');
  await expect(page.locator('#field-header-embargo-error')).toHaveText(
    'Error: Pressroom could not read “32/07/2024 00:01” as a date: July has 31 days.',
  );
  expect((await readStoredRelease(workspace, id))?.header.embargo?.until).toBe('2024-07-19T00:01');
});

test('the library filters by a release date typed day first', async ({ page, host }) => {
  await seed(host, 'Appeal after Ashford crash', '2024-07-19T14:00');
  await seed(host, 'Café reopens in Ashford', '2024-07-18T09:30');
  await seed(host, 'Statement on crossings', '2024-06-30T16:00');
  await new LibraryPage(page).open(host.url);
  const headlines = page.locator('tbody .row-headline');
  await expect(headlines).toHaveCount(3);

  const from = page.getByLabel('From', { exact: true });
  const to = page.getByLabel('To', { exact: true });
  await expect(from).toHaveAttribute('type', 'text');
  await from.fill('18/07/2024');
  await from.press('Enter');
  await expect(headlines).toHaveText(['Café reopens in Ashford', 'Appeal after Ashford crash']);
  await expect(page.locator(`[id="${await from.getAttribute('id')}-readback"]`)).toHaveText(
    'Thursday 18 July 2024',
  );

  await to.fill('18 July 2024');
  await to.press('Enter');
  await expect(headlines).toHaveText(['Café reopens in Ashford']);
  await expect(to).toHaveValue('18/07/2024');

  // Month first is refused at the field, and the filter stays as it was.
  await to.fill('07/18/2024');
  await to.press('Enter');
  await expect(to).toHaveAttribute('aria-invalid', 'true');
  await expect(
    page.getByText('Pressroom could not read “07/18/2024” as a date: there is no month 18.'),
  ).toBeVisible();
  await expect(headlines).toHaveText(['Café reopens in Ashford']);

  // Emptied, the filter is off.
  await to.fill('');
  await to.press('Enter');
  await expect(headlines).toHaveCount(2);
});

for (const locale of ['en-US', 'en-GB']) {
  test(`screenshots of the date fields in an ${locale} browser, wide and narrow`, async ({
    browser,
    host,
  }) => {
    test.setTimeout(120_000);
    await mkdir(SHOTS, { recursive: true });
    await seed(host, 'Café reopens in Ashford', '2024-07-18T09:30');
    const context = await browser.newContext({ locale, timezoneId: 'America/New_York' });
    const page = await context.newPage();
    try {
      for (const width of [1440, 600]) {
        await page.setViewportSize({ width, height: 1000 });
        const library = new LibraryPage(page);
        await library.open(host.url);
        const from = page.getByLabel('From', { exact: true });
        // A narrow window folds the filters away under "Filters".
        const toggle = page.getByRole('button', { name: /^Filters/ });
        await expect(from.or(toggle).first()).toBeVisible();
        if (await toggle.isVisible()) await toggle.click();
        await from.fill('18/07/2024');
        await from.press('Enter');
        const to = page.getByLabel('To', { exact: true });
        await to.fill('31/02/2024');
        await to.press('Enter');
        await page
          .locator('.library-filters')
          .screenshot({ path: join(SHOTS, `library-${locale}-${width}.png`) });

        await library.createRelease();
        const field = releaseDate(page);
        await field.fill('18/07/2024 17:30');
        await field.press('Enter');
        await page.getByLabel('Embargoed (otherwise “For immediate release”)').check();
        const embargo = page.locator('#field-header-embargo');
        await embargo.fill('19/07/2024 00:01');
        await embargo.press('Enter');
        await page
          .locator('#section-header')
          .screenshot({ path: join(SHOTS, `header-${locale}-${width}.png`) });
        await field.fill('31/02/2024');
        await field.press('Enter');
        await expect(page.locator('#field-header-releaseDate-error')).toBeVisible();
        await page
          .locator('#section-header')
          .screenshot({ path: join(SHOTS, `header-error-${locale}-${width}.png`) });
        await field.press('Escape');
      }
    } finally {
      await context.close();
    }
  });
}
