import { readdir, readFile } from 'node:fs/promises';
import { readStoredRelease } from '../support/stored-release';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { readStoredWorkspace } from '../../src-main/services/workspace/workspace-settings';
import { EditorPage, LibraryPage, expect, test, type RunningHost } from './fixtures';

/** A real 1x1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

interface StoredProfile {
  name: string;
  boilerplate: string;
  contacts: Array<{ name: string; role: string; phone: string; email: string; outOfHours: string }>;
  outOfHours: string;
  timeZone: string;
  locale: string;
  endMark: string;
  wordsToAvoid: string[];
  limits: Record<string, number>;
  logo: string | null;
}

async function profileOnDisk(workspace: string): Promise<StoredProfile> {
  // workspace.json is never written now (issue 12, item 5): the profile is workspace.json plus each computer's
  // workspace-changes/<computer>.jsonl, merged as the app merges them.
  return (await readStoredWorkspace(workspace)).profile as StoredProfile;
}

const listFolder = (path: string) => readdir(path).catch(() => [] as string[]);

/** The library loads first so that the access token is in session storage; the profile is then a hash away. */
async function openProfile(page: Page, host: RunningHost) {
  await new LibraryPage(page).open(host.url);
  await page.goto(`${host.origin}/#/profile`);
  await expect(page.getByRole('heading', { name: 'Organisation profile', level: 1 })).toBeVisible();
}

test('profile changes are saved, survive a reload and are stored on disk', async ({ page, host }) => {
  await openProfile(page, host);
  await page.getByLabel('Organisation name').fill('Northshire Office for Police Conduct');
  await page
    .getByLabel('Standard paragraph (boilerplate)')
    .fill('The Northshire Office for Police Conduct oversees police complaints in Northshire.');

  await page.getByRole('button', { name: 'Add a contact' }).click();
  const contact = page.getByRole('group', { name: 'Contact 1' });
  await contact.getByLabel('Name', { exact: true }).fill('Sam Okafor');
  await contact.getByLabel('Role', { exact: true }).fill('Press officer');
  await contact.getByLabel('Phone', { exact: true }).fill('0300 020 0096');
  await contact.getByLabel('Email', { exact: true }).fill('press@northshire.example');
  await page.getByLabel('Out-of-hours line').fill('Out of hours: 07700 900000');

  // Keyboard only: a few letters narrow the list and Enter takes the first match.
  const zone = page.getByLabel('Time zone', { exact: true });
  await expect(zone).toHaveValue('Europe/London');
  await page.getByLabel('Filter the list').fill('dubl');
  await page.getByLabel('Filter the list').press('Enter');
  await expect(zone).toHaveValue('Europe/Dublin');
  await page.getByLabel('Language and region').selectOption('en-US');
  const expectedDate = await page.evaluate(() =>
    new Intl.DateTimeFormat('en-US', {
      timeZone: 'Europe/Dublin',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    }).format(new Date()),
  );
  await expect(page.getByText('Releases will be dated:')).toContainText(expectedDate);
  // en-US puts the month first: "July 18, 2024".
  expect(expectedDate).toMatch(/^[A-Z][a-z]+ \d{1,2}, \d{4}$/);

  await page.getByLabel('End mark').fill('-ENDS-');
  await page.getByLabel('Words to avoid').fill('alleged victim\n\n  perpetrator \n');
  await page.getByLabel('Headline: most characters').fill('80');

  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Profile saved' })).toBeVisible();

  const stored = await profileOnDisk(host.workspace);
  expect(stored).toMatchObject({
    name: 'Northshire Office for Police Conduct',
    boilerplate: 'The Northshire Office for Police Conduct oversees police complaints in Northshire.',
    contacts: [
      {
        name: 'Sam Okafor',
        role: 'Press officer',
        phone: '0300 020 0096',
        email: 'press@northshire.example',
        outOfHours: '',
      },
    ],
    outOfHours: 'Out of hours: 07700 900000',
    timeZone: 'Europe/Dublin',
    locale: 'en-US',
    endMark: '-ENDS-',
    wordsToAvoid: ['alleged victim', 'perpetrator'],
    limits: { headlineCharacters: 80, headlineWords: 14 },
  });

  await page.reload();
  await expect(page.getByLabel('Organisation name')).toHaveValue('Northshire Office for Police Conduct');
  await expect(page.getByLabel('Standard paragraph (boilerplate)')).toHaveValue(stored.boilerplate);
  await expect(
    page.getByRole('group', { name: 'Contact 1' }).getByLabel('Email', { exact: true }),
  ).toHaveValue('press@northshire.example');
  await expect(zone).toHaveValue('Europe/Dublin');
  await expect(page.getByLabel('Language and region')).toHaveValue('en-US');
  await expect(page.getByLabel('Words to avoid')).toHaveValue('alleged victim\nperpetrator');
  await expect(page.getByLabel('Headline: most characters')).toHaveValue('80');
});

test('a profile with errors is not saved; the summary links to each field', async ({ page, host }) => {
  await openProfile(page, host);
  const before = JSON.stringify(await readStoredWorkspace(host.workspace));
  await page.getByLabel('Organisation name').fill('');
  await page.getByLabel('Sentence: most words').fill('');
  await page.getByRole('button', { name: 'Save profile' }).click();

  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  const links = summary.getByRole('link');
  await expect(links).toHaveText([
    'Enter the organisation’s name',
    'Sentence: most words: Enter a whole number, 1 or more',
  ]);
  await expect(page.getByLabel('Sentence: most words')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Error: Enter the organisation’s name')).toBeVisible();

  await links.nth(1).click();
  await expect(page.getByLabel('Sentence: most words')).toBeFocused();
  // The links move focus; they must not change the route.
  expect(new URL(page.url()).hash).toBe('#/profile');
  expect(JSON.stringify(await readStoredWorkspace(host.workspace))).toBe(before);

  // Leaving with unsaved changes asks first; declining stays on the form with the text intact.
  page.once('dialog', (dialog) => void dialog.dismiss());
  await page.getByRole('link', { name: '← Library' }).click();
  await expect(page.getByRole('heading', { name: 'Organisation profile', level: 1 })).toBeVisible();
});

test('a logo is stored in assets/ and shown; a text file named .png is refused and nothing is written', async ({
  page,
  host,
}) => {
  await openProfile(page, host);
  const fileInput = page.locator('input[type="file"]');

  await fileInput.setInputFiles({
    name: 'notes.png',
    mimeType: 'image/png',
    buffer: Buffer.from('Minutes of the meeting\n'),
  });
  await expect(page.getByText('“notes.png” is not a PNG image')).toBeVisible();
  await expect(fileInput).toHaveAttribute('aria-invalid', 'true');
  expect(await listFolder(join(host.workspace, 'assets'))).toEqual([]);
  expect((await profileOnDisk(host.workspace)).logo).toBeNull();
  await expect(page.getByText('No logo yet')).toBeVisible();

  await fileInput.setInputFiles({ name: 'crest.png', mimeType: 'image/png', buffer: PNG });
  const preview = page.getByRole('img', { name: 'Current logo' });
  await expect(preview).toBeVisible();
  await expect(preview).toHaveAttribute('src', `data:image/png;base64,${PNG.toString('base64')}`);
  await expect(page.getByRole('status').filter({ hasText: 'Logo saved' })).toBeVisible();
  const assets = await listFolder(join(host.workspace, 'assets'));
  expect(assets).toHaveLength(1);
  expect(assets[0]).toMatch(/^logo-.+\.png$/);
  expect(await readFile(join(host.workspace, 'assets', assets[0]!))).toEqual(PNG);
  expect((await profileOnDisk(host.workspace)).logo).toBe(assets[0]);

  // A refused file leaves the stored logo alone.
  await fileInput.setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('text') });
  await expect(page.getByText('“notes.png” is not a PNG image')).toBeVisible();
  expect(await listFolder(join(host.workspace, 'assets'))).toEqual(assets);

  await page.reload();
  await expect(page.getByRole('img', { name: 'Current logo' })).toBeVisible();

  await page.getByRole('button', { name: 'Remove logo' }).click();
  await expect(page.getByText('No logo yet')).toBeVisible();
  expect(await listFolder(join(host.workspace, 'assets'))).toEqual([]);
  expect(await listFolder(join(host.workspace, 'trash'))).toEqual(assets);
  expect((await profileOnDisk(host.workspace)).logo).toBeNull();
});

test('a release created after a profile change starts with the new boilerplate, contacts and end mark', async ({
  page,
  host,
}) => {
  await openProfile(page, host);
  await page.getByLabel('Standard paragraph (boilerplate)').fill('About us: a brand-new standard paragraph.');
  await page.getByLabel('End mark').fill('— ENDS —');
  await page.getByRole('button', { name: 'Add a contact' }).click();
  await page.getByRole('group', { name: 'Contact 1' }).getByLabel('Name', { exact: true }).fill('Press desk');
  await page.getByLabel('Out-of-hours line').fill('07700 900111');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Profile saved' })).toBeVisible();

  await page.getByRole('link', { name: '← Library' }).click();
  await expect(page.getByRole('heading', { name: 'Releases', exact: true })).toBeVisible();
  await new LibraryPage(page).createRelease('Statement');
  const id = new EditorPage(page).releaseIdFromUrl();
  const release = (await readStoredRelease(host.workspace, id)) as unknown as {
    boilerplate: string;
    endMark: string;
    mediaContacts: Array<{ name: string; outOfHours: string }>;
  };
  expect(release.boilerplate).toBe('About us: a brand-new standard paragraph.');
  expect(release.endMark).toBe('— ENDS —');
  expect(release.mediaContacts).toMatchObject([{ name: 'Press desk', outOfHours: '07700 900111' }]);
});

test('where ENDS prints and whether quotes repeat their speaker are house-style choices that reach the page', async ({
  page,
  host,
}) => {
  await openProfile(page, host);
  await expect(page.getByLabel('After the story, before the notes to editors (UK practice)')).toBeChecked();
  await page.getByLabel('At the very end, after the contacts and links').check();
  await page.getByLabel("Repeat the speaker's name and role under each quote").check();
  // An About paragraph on every new release, so that there is a section that UK practice prints after ENDS.
  await page
    .getByLabel('Standard paragraph (boilerplate)')
    .fill('The Northshire Office for Police Conduct oversees police complaints in Northshire.');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Profile saved' })).toBeVisible();
  const stored = await readStoredWorkspace(host.workspace);
  expect(stored.profile.endMarkPlacement).toBe('after-everything');
  expect(stored.profile.quoteCredit).toBe(true);

  // A new release's preview prints ENDS last, after the About section.
  await page.goto(`${host.origin}/#/`);
  await new LibraryPage(page).createRelease();
  const editor = new EditorPage(page);
  await editor.headline.fill('Council opens library in Ashford');
  const order = await editor.preview
    .locator('.end-mark, section')
    .evaluateAll((nodes) => nodes.map((node) => node.className));
  expect(order).toContain('boilerplate');
  expect(order.at(-1)).toContain('end-mark');
});
