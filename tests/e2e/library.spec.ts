import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { openWorkspace } from '../../src-main/services/workspace/store';
import { readAuditEntries, readStoredRelease, revisionNames, storedHeads } from '../support/stored-release';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { EditorPage, LibraryPage, expect, test, type RunningHost, hostApi as api } from './fixtures';

interface Seed {
  type?: string;
  headline: string;
  body?: string[];
  quote?: string;
  tags?: string[];
  releaseDate?: string;
}

type Json = Record<string, unknown>;

/** Creates and saves a release through the same API the app uses; answers its id. */
async function seed(host: RunningHost, release: Seed): Promise<string> {
  const created = await api(host, 'releases.create', { type: release.type ?? 'news-release' });
  const header = created.header as Json;
  await api(host, 'releases.save', {
    release: {
      ...created,
      headline: release.headline,
      header: {
        ...header,
        tags: release.tags ?? [],
        releaseDate: release.releaseDate ?? header.releaseDate,
        embargo: null,
      },
      body: (release.body ?? ['Plain text.']).map((text, index) => ({ id: `b${index}`, text })),
      quotes: release.quote
        ? [
            {
              id: 'q1',
              speakerName: 'Priya Raman',
              speakerRole: 'Inspector',
              organisation: '',
              paragraphs: [release.quote],
              afterParagraphId: null,
            },
          ]
        : [],
    },
  });
  return created.id as string;
}

/**
 * Sets a status the way a colleague's Pressroom would: a revision added by another computer (its own user-data
 * folder) on the folder the app reads afresh on every request.
 */
async function setStatus(workspace: string, id: string, status: string): Promise<void> {
  const colleague = await openWorkspace(workspace, { userData: await mkdtemp(join(tmpdir(), 'colleague-')) });
  const release = await colleague.get(id);
  await colleague.update(id, release.revision, (stored) => ({
    ...stored,
    status: status as typeof stored.status,
  }));
}

/** Deleted releases keep every revision; the newest says whether it is deleted. */
async function isDeleted(workspace: string, id: string): Promise<boolean> {
  const heads = await storedHeads(workspace, id);
  return heads !== null && heads.heads.every((head) => head.deleted);
}

/** The library's search, filters and table, beyond what the shared LibraryPage offers. */
class LibraryScreen {
  private readonly shared: LibraryPage;
  constructor(readonly page: Page) {
    this.shared = new LibraryPage(page);
  }
  open(url: string) {
    return this.shared.open(url);
  }
  get search() {
    return this.page.getByRole('searchbox', { name: /^Search (deleted )?releases$/ });
  }
  get count() {
    return this.page.getByText(/^\d+ of \d+ (deleted )?releases?$/);
  }
  get headlines() {
    return this.page.locator('tbody .row-headline');
  }
  get message() {
    return this.page.getByRole('status');
  }
  row(headline: string | RegExp) {
    return this.page.getByRole('row', { name: headline });
  }
  async showTrash() {
    await this.page.getByRole('tab', { name: 'Deleted releases' }).click();
    await expect(this.page.getByRole('tab', { name: 'Deleted releases' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  }
  async showLibrary() {
    await this.page.getByRole('tab', { name: 'Library' }).click();
    await expect(this.page.getByRole('tab', { name: 'Library' })).toHaveAttribute('aria-selected', 'true');
  }
}

test('search finds a word that is only in a body paragraph or only in a quote, ignoring case and accents', async ({
  page,
  host,
}) => {
  await seed(host, {
    headline: 'Witnesses sought after crash on the A28',
    body: ['Officers want to hear from anyone who saw a blue hatchback near the Bybrook roundabout.'],
  });
  await seed(host, {
    headline: 'Burglary arrests in Canterbury',
    body: ['Two men were arrested on Tuesday.'],
    quote: 'We are grateful to the café owners who called us.',
  });
  await seed(host, { headline: 'Road closure for resurfacing' });

  const library = new LibraryScreen(page);
  await library.open(host.url);
  await expect(library.count).toHaveText('3 of 3 releases');

  await library.search.fill('BYBROOK');
  await expect(library.headlines).toHaveText(['Witnesses sought after crash on the A28']);
  await expect(library.count).toHaveText('1 of 3 releases');
  // The snippet shows where the word was found, with the word picked out.
  await expect(library.row(/Witnesses sought/).locator('.row-snippet strong')).toHaveText('Bybrook');

  await library.search.fill('cafe grateful');
  await expect(library.headlines).toHaveText(['Burglary arrests in Canterbury']);
  await expect(library.row(/Burglary arrests/)).toContainText('grateful to the café owners');

  await library.search.fill('unicorn');
  await expect(page.getByRole('heading', { name: 'No releases match' })).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(library.search).toHaveValue('');
  await expect(library.headlines).toHaveCount(3);
});

test('an answer to an older search never replaces the answer to a newer one', async ({ page, host }) => {
  await seed(host, { headline: 'Witnesses sought', body: ['Near the Bybrook roundabout.'] });
  await seed(host, { headline: 'Burglary arrests' });
  const library = new LibraryScreen(page);
  await library.open(host.url);
  await expect(library.count).toHaveText('2 of 2 releases');

  // Hold the answer for "burglary" back until the search typed after it has been answered.
  let letSlowThrough!: () => void;
  const slowHeld = new Promise<void>((resolve) => (letSlowThrough = resolve));
  await page.route('**/api/releases.search', async (route) => {
    if ((route.request().postDataJSON() as { text?: string }).text === 'burglary') await slowHeld;
    await route.continue();
  });
  const slowRequest = page.waitForRequest(
    (request) =>
      request.url().endsWith('/api/releases.search') &&
      (request.postDataJSON() as { text?: string }).text === 'burglary',
  );
  await library.search.fill('burglary');
  const slow = await slowRequest;
  await library.search.fill('bybrook');
  await expect(library.headlines).toHaveText(['Witnesses sought']);

  letSlowThrough();
  await (await slow.response())?.finished();
  // Let the page handle the late answer and paint before looking again.
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
  await expect(library.headlines).toHaveText(['Witnesses sought']);
  await expect(library.search).toHaveValue('bybrook');
});

test('filters by status, type, tag and release date, and sorts', async ({ page, host, workspace }) => {
  const appeal = await seed(host, {
    type: 'witness-appeal',
    headline: 'Appeal after Ashford crash',
    tags: ['Ashford', 'Roads'],
    releaseDate: '2024-07-19T14:00',
  });
  // Published by a colleague before the other two were written: a status change is a change, so it comes first.
  await setStatus(workspace, appeal, 'published');
  await seed(host, {
    headline: 'Café reopens in Ashford',
    tags: ['ashford'],
    releaseDate: '2024-07-18T09:30',
  });
  await seed(host, {
    type: 'statement',
    headline: 'Statement on crossings',
    tags: ['Folkestone'],
    releaseDate: '2024-06-30T16:00',
  });

  const library = new LibraryScreen(page);
  await library.open(host.url);
  await expect(library.count).toHaveText('3 of 3 releases');
  // Newest change first by default.
  await expect(library.headlines).toHaveText([
    'Statement on crossings',
    'Café reopens in Ashford',
    'Appeal after Ashford crash',
  ]);
  await expect(library.row(/Appeal after Ashford crash/)).toContainText('19 July 2024, 14:00');

  const published = page.getByRole('checkbox', { name: 'Published', exact: true });
  await published.check();
  await expect(library.headlines).toHaveText(['Appeal after Ashford crash']);
  await expect(library.row(/Appeal after Ashford crash/)).toContainText('Published');
  await published.uncheck();

  await page.getByRole('checkbox', { name: 'Statement', exact: true }).check();
  await expect(library.headlines).toHaveText(['Statement on crossings']);
  await page.getByRole('checkbox', { name: 'Statement', exact: true }).uncheck();

  // One tag whatever its case: both Ashford releases.
  await expect(page.getByRole('group', { name: 'Tags' }).getByRole('checkbox')).toHaveCount(3);
  await page.getByRole('group', { name: 'Tags' }).getByRole('checkbox', { name: 'Ashford' }).check();
  await expect(library.count).toHaveText('2 of 3 releases');

  await page.getByLabel('Sort by').selectOption({ label: 'Headline, A to Z' });
  await expect(library.headlines).toHaveText(['Appeal after Ashford crash', 'Café reopens in Ashford']);
  await page.getByLabel('Sort by').selectOption({ label: 'Release date, oldest first' });
  await expect(library.headlines).toHaveText(['Café reopens in Ashford', 'Appeal after Ashford crash']);

  await page.getByLabel('From', { exact: true }).fill('2024-07-19');
  await expect(library.headlines).toHaveText(['Appeal after Ashford crash']);

  await page.getByRole('button', { name: 'Reset filters' }).click();
  await expect(library.headlines).toHaveText([
    'Statement on crossings',
    'Café reopens in Ashford',
    'Appeal after Ashford crash',
  ]);
  await page.getByLabel('Sort by').selectOption({ label: 'Release date, newest first' });
  await expect(library.headlines).toHaveText([
    'Appeal after Ashford crash',
    'Café reopens in Ashford',
    'Statement on crossings',
  ]);
});

test('a duplicate appears in the library as a new draft and opens in the editor', async ({
  page,
  host,
  workspace,
}) => {
  const original = await seed(host, {
    headline: 'Appeal for witnesses',
    body: ['Call 101.'],
    tags: ['Ashford'],
  });
  await setStatus(workspace, original, 'approved');
  const library = new LibraryScreen(page);
  await library.open(host.url);

  await library
    .row(/Appeal for witnesses/)
    .getByRole('button', { name: 'Duplicate', exact: true })
    .click();
  await expect(library.message).toContainText('“Appeal for witnesses” was copied as a new draft');
  // The headline is copied as it was; the copy is told apart by its "Copy of:" mark (duplicate.spec.ts).
  const copyRow = library.row(/Copy of: Appeal for witnesses/);
  await expect(copyRow).toContainText('Draft');
  await expect(copyRow).toContainText('Ashford');
  await expect(library.count).toHaveText('2 of 2 releases');

  await copyRow.getByRole('link', { name: 'Appeal for witnesses' }).click();
  const editor = new EditorPage(page);
  await expect(editor.headline).toHaveValue('Appeal for witnesses');
  const copyId = editor.releaseIdFromUrl();
  expect(copyId).not.toBe(original);
  const onDisk = (await readStoredRelease(workspace, copyId)) as unknown as Json;
  expect(onDisk).toMatchObject({
    revision: 1,
    status: 'draft',
    headline: 'Appeal for witnesses',
    copiedFrom: { id: original, headline: 'Appeal for witnesses' },
  });
});

test('a deleted release goes to Deleted releases, keeps every revision, and comes back on restore', async ({
  page,
  host,
  workspace,
}) => {
  const id = await seed(host, { headline: 'Release to delete' });
  await seed(host, { headline: 'Release that stays' });
  const revisionsBefore = await revisionNames(workspace, id);
  const library = new LibraryScreen(page);
  await library.open(host.url);

  // Delete, then Undo from the message.
  await library
    .row(/Release to delete/)
    .getByRole('button', { name: 'Delete', exact: true })
    .click();
  await expect(library.message).toContainText('“Release to delete” was moved to Deleted releases');
  await expect(library.row(/Release to delete/)).toHaveCount(0);
  await expect(library.count).toHaveText('1 of 1 release');
  expect(await isDeleted(workspace, id)).toBe(true);
  // Deleting added a revision that says so; nothing was removed.
  expect(await revisionNames(workspace, id)).toEqual(expect.arrayContaining(revisionsBefore));
  await expect(page.getByRole('button', { name: 'Undo', exact: true })).toBeFocused();
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(library.message).toContainText('“Release to delete” was restored to the library');
  await expect(library.row(/Release to delete/)).toBeVisible();
  expect(await isDeleted(workspace, id)).toBe(false);

  // Delete again and restore from the Deleted releases view.
  await library
    .row(/Release to delete/)
    .getByRole('button', { name: 'Delete', exact: true })
    .click();
  await expect(library.row(/Release to delete/)).toHaveCount(0);
  await library.showTrash();
  await expect(library.headlines).toHaveText(['Release to delete']);
  await expect(library.count).toHaveText('1 of 1 deleted release');
  // A deleted release cannot be opened or changed, only restored.
  await expect(library.row(/Release to delete/).getByRole('link', { name: 'Release to delete' })).toHaveCount(
    0,
  );
  await library
    .row(/Release to delete/)
    .getByRole('button', { name: 'Restore', exact: true })
    .click();
  await expect(library.message).toContainText('restored to the library');
  await expect(page.getByRole('heading', { name: 'No deleted releases' })).toBeVisible();
  expect(await isDeleted(workspace, id)).toBe(false);
  expect((await readStoredRelease(workspace, id))?.headline).toBe('Release to delete');

  await library.showLibrary();
  await expect(library.headlines).toHaveText(['Release that stays', 'Release to delete']);
  await library
    .row(/Release to delete/)
    .getByRole('link', { name: 'Release to delete' })
    .click();
  await expect(new EditorPage(page).headline).toHaveValue('Release to delete');
});

test('the tabs and row actions work from the keyboard', async ({ page, host }) => {
  await seed(host, { headline: 'Keyboard release' });
  const library = new LibraryScreen(page);
  await library.open(host.url);
  await page.getByRole('tab', { name: 'Library' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Deleted releases' })).toBeFocused();
  await expect(page.getByRole('heading', { name: 'No deleted releases' })).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(library.row(/Keyboard release/)).toBeVisible();

  await library
    .row(/Keyboard release/)
    .getByRole('button', { name: 'Delete', exact: true })
    .focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Undo', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(library.row(/Keyboard release/)).toBeVisible();
});

test('deleting a signed-off release asks first and names its status; delete and restore are recorded with who and when', async ({
  page,
  host,
  workspace,
}) => {
  const id = await seed(host, { headline: 'Approved statement on parking' });
  await setStatus(workspace, id, 'approved');
  const library = new LibraryScreen(page);
  await library.open(host.url);

  await library
    .row(/Approved statement on parking/)
    .getByRole('button', { name: 'Delete', exact: true })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Delete an approved release?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('“Approved statement on parking” is approved');
  // Cancel is the default: nothing happens.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(library.row(/Approved statement on parking/)).toBeVisible();
  expect(await isDeleted(workspace, id)).toBe(false);

  await library
    .row(/Approved statement on parking/)
    .getByRole('button', { name: 'Delete', exact: true })
    .click();
  await dialog.getByRole('button', { name: 'Delete the approved release' }).click();
  await expect(library.message).toContainText('was moved to Deleted releases');
  expect(await isDeleted(workspace, id)).toBe(true);

  await library.showTrash();
  await page.setViewportSize({ width: 600, height: 800 });
  await expect(library.row(/Approved statement on parking/)).toContainText(
    /Deleted by Sam Taylor on .+, \d{1,2} Dec \d{4}, \d\d:\d\d/,
  );
  await library.row(/Approved statement on parking/).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/deleted-releases-600.png' });
  await library
    .row(/Approved statement on parking/)
    .getByRole('button', { name: 'Restore', exact: true })
    .click();
  await expect(library.message).toContainText('restored to the library');

  const trail = (await readAuditEntries(workspace, id)).filter((e) =>
    ['deleted', 'undeleted'].includes(e.event),
  );
  expect(trail.map((entry) => [entry.event, entry.actor.name, entry.details.status])).toEqual([
    ['deleted', 'Sam Taylor', 'approved'],
    ['undeleted', 'Sam Taylor', 'approved'],
  ]);
});
