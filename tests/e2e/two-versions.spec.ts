import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { openWorkspace, type WorkspaceStore } from '../../src-main/services/workspace/store';
import { readRevisionFile, revisionNames, storedHeads } from '../support/stored-release';
import { EditorPage, expect, startHost, takeStep, test, type E2EPerson, type RunningHost } from './fixtures';

/**
 * Two versions of one release (issue 12, item 2). The browser is Ana's computer, PRESS-PC1. Ben's computer,
 * PRESS-PC2, is this test process: its own copy of the workspace folder and its own user-data folder, as a sync
 * engine gives each computer. Both save on the revision Ana has open before their copies have exchanged the change;
 * then the copier carries Ben's files across, as the engine would, and Ana's open editor shows "Two versions".
 */

const ANA: E2EPerson = { id: 'u-ana', name: 'Ana Patel', roles: ['writer', 'reviewer', 'approver'] };
const BEN = { id: 'u-ben', name: 'Ben Okafor' };
const SHOTS = process.env.PRESSROOM_SHOTS ?? join(tmpdir(), 'pressroom-two-versions-shots');

interface Fork {
  host: RunningHost;
  page: Page;
  editor: EditorPage;
  id: string;
  /** Ben's computer: its store and its copy of the folder. */
  ben: WorkspaceStore;
  benFolder: string;
  /** Carries every file one copy has and the other lacks, both ways (revision files are never rewritten). */
  sync: () => Promise<void>;
  cleanup: () => Promise<void>;
}

/** Whole files, added where missing; never the lock files or temp files that stay on their computer. */
const copyAcross = (from: string, to: string) =>
  cp(from, to, {
    recursive: true,
    force: false,
    errorOnExist: false,
    filter: (src) => !src.endsWith('.lock') && !/\.tmp/.test(src),
  });

async function withComputerName<T>(name: string, run: () => Promise<T>): Promise<T> {
  const before = process.env.PRESSROOM_COMPUTER_NAME;
  process.env.PRESSROOM_COMPUTER_NAME = name;
  try {
    return await run();
  } finally {
    if (before === undefined) delete process.env.PRESSROOM_COMPUTER_NAME;
    else process.env.PRESSROOM_COMPUTER_NAME = before;
  }
}

/** Ana writes a release; Ben's computer gets a copy of the folder, as after a sync. */
async function startFork(page: Page, workspace: string, headline: string): Promise<Fork> {
  // The host inherits the name when it is spawned: Ana's computer is PRESS-PC1.
  const host = await withComputerName('PRESS-PC1', () => startHost(workspace, { person: ANA }));
  const root = await mkdtemp(join(tmpdir(), 'pressroom-e2e-pc2-'));
  const benFolder = join(root, 'workspace');
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Releases', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'New release' }).click();
  const editor = new EditorPage(page);
  await editor.headline.fill(headline);
  await editor.waitUntilSaved();
  const id = editor.releaseIdFromUrl();

  await mkdir(benFolder, { recursive: true });
  await copyAcross(workspace, benFolder);
  const ben = await withComputerName('PRESS-PC2', () =>
    openWorkspace(benFolder, { userData: join(root, 'user-data') }),
  );
  const sync = async () => {
    await copyAcross(benFolder, workspace);
    await copyAcross(workspace, benFolder);
  };
  return {
    host,
    page,
    editor,
    id,
    ben,
    benFolder,
    sync,
    cleanup: async () => {
      await host.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Ben saves on the revision he has (the one Ana has open), with his name on the save. */
async function benSaves(fork: Fork, change: Record<string, unknown>): Promise<void> {
  const onBen = await fork.ben.get(fork.id);
  await fork.ben.saveEdit({ ...onBen, ...change }, BEN.id, BEN.name);
}

const banner = (page: Page): Locator => page.getByRole('region', { name: /versions of this release/ });

/** The History screen's "Every save" lists a save by this person on this computer. */
async function expectInHistory(page: Page, person: string, computer: string): Promise<void> {
  await page.getByRole('button', { name: 'History', exact: true }).click();
  const saves = page.getByRole('region', { name: 'Every save' });
  await expect(saves).toBeVisible();
  await expect(
    saves.getByRole('listitem').filter({ hasText: person }).filter({ hasText: computer }),
  ).not.toHaveCount(0);
}

async function shoot(page: Page, name: string): Promise<void> {
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

test('two texts saved at once: the banner appears in the open editor, compare, merge, saved with both changes', async ({
  page,
  workspace,
}) => {
  const fork = await startFork(page, workspace, 'Bridge closed for repairs');
  try {
    const standfirst = page.getByRole('textbox', { name: 'Standfirst', exact: true });
    // Ben writes the standfirst on PRESS-PC2 while Ana changes the headline on PRESS-PC1: neither has seen the other.
    await benSaves(fork, { standfirst: 'The bridge on Mill Lane closes on Monday for four weeks.' });
    await fork.editor.headline.fill('Mill Lane bridge closed for repairs');
    await fork.editor.waitUntilSaved();
    await expect(banner(page)).toHaveCount(0);

    // The copier delivers Ben's revision: the editor, open all along, shows the two versions.
    await fork.sync();
    const region = banner(page);
    await expect(region).toBeVisible({ timeout: 15_000 });
    await expect(region.getByRole('heading', { name: 'Two versions of this release' })).toBeVisible();
    await expect(region).toContainText(/Ana Patel \(you\) saved (this|it) on PRESS-PC1 at \d\d:\d\d/);
    await expect(region).toContainText(/Ben Okafor saved (this|it) on PRESS-PC2 at \d\d:\d\d/);
    await expect(region).toContainText('before their computers had exchanged the change');
    await expect(region.getByTestId('two-versions-changes')).toHaveText(
      "Your version changed: Headline. Ben's version changed: Standfirst.",
    );
    await expect(region).toContainText('Both texts are kept. Choose which to keep, or merge them.');
    await expect(region).toContainText('Ana Patel (you)');
    await expect(region.getByRole('button', { name: 'Keep mine' })).toBeVisible();
    await expect(region.getByRole('button', { name: "Keep Ben's" })).toBeVisible();
    // Ana's own text stays in her editor until she chooses.
    await expect(fork.editor.headline).toHaveValue('Mill Lane bridge closed for repairs');
    await expect(standfirst).toHaveValue('');
    await shoot(page, 'banner-wide');

    // Compare: both texts word by word.
    await region.getByRole('button', { name: 'Compare' }).click();
    const compare = region.getByRole('region', { name: /^Compare your version with Ben's version/ });
    await expect(compare).toBeVisible();
    const headlineDiff = compare.locator('[data-field="headline"]');
    await expect(headlineDiff.locator('del')).toContainText('Mill Lane bridge');
    await expect(headlineDiff.locator('ins')).toContainText('Bridge');
    await expect(headlineDiff.locator('ins')).not.toContainText('Mill');
    await expect(compare.locator('[data-field="standfirst"] ins')).toContainText(
      'The bridge on Mill Lane closes on Monday for four weeks.',
    );
    await shoot(page, 'compare-wide');
    await page.setViewportSize({ width: 400, height: 800 });
    await compare.scrollIntoViewIfNeeded();
    await shoot(page, 'compare-400');
    await page.setViewportSize({ width: 1440, height: 900 });

    // Merge: no clash, the merged text field by field with where each came from, before anything is saved.
    await region.getByRole('button', { name: 'Merge', exact: true }).click();
    const merged = region.getByTestId('merge-result');
    await expect(merged.locator('[data-field="headline"]')).toContainText('from your version');
    await expect(merged.locator('[data-field="headline"]')).toContainText(
      'Mill Lane bridge closed for repairs',
    );
    await expect(merged.locator('[data-field="standfirst"]')).toContainText("from Ben's version");
    await expect(merged.locator('[data-field="standfirst"]')).toContainText(
      'closes on Monday for four weeks',
    );
    expect((await storedHeads(workspace, fork.id))!.kind).toBe('texts');
    await shoot(page, 'merge-wide');
    await region.getByRole('button', { name: 'Save the merge' }).click();

    // Settled: the banner goes, the editor shows the merged text, one head on disk with both changes.
    await expect(banner(page)).toHaveCount(0);
    await expect(page.getByTestId('workflow-notice')).toContainText(
      "Merged your text and Ben's text. Both versions stay in History, under “Every save”.",
    );
    await expect(fork.editor.headline).toHaveValue('Mill Lane bridge closed for repairs');
    await expect(standfirst).toHaveValue('The bridge on Mill Lane closes on Monday for four weeks.');
    const heads = (await storedHeads(workspace, fork.id))!;
    expect(heads.kind).toBe('one');
    expect(heads.heads).toHaveLength(1);
    expect(heads.heads[0]!.release).toMatchObject({
      headline: 'Mill Lane bridge closed for repairs',
      standfirst: 'The bridge on Mill Lane closes on Monday for four weeks.',
    });
    await fork.editor.waitUntilSaved();

    // Ben's computer sees the same once the copier has run.
    await fork.sync();
    const onBen = await fork.ben.versions(fork.id);
    expect(onBen.kind).toBe('one');
    expect(onBen.current.release.headline).toBe('Mill Lane bridge closed for repairs');

    // And after a reload there is nothing to settle.
    const versionsRead = page.waitForResponse((response) =>
      response.url().includes('/api/releases.versions'),
    );
    await page.reload();
    await expect(fork.editor.headline).toHaveValue('Mill Lane bridge closed for repairs');
    expect(((await (await versionsRead).json()) as { value: { kind: string } }).value.kind).toBe('one');
    await expect(banner(page)).toHaveCount(0);
  } finally {
    await fork.cleanup();
  }
});

test('keep mine asks first, names what is set aside, and the other text stays in the folder', async ({
  page,
  workspace,
}) => {
  const fork = await startFork(page, workspace, 'Library opening hours change');
  try {
    // Both change the headline, differently: a clash.
    await benSaves(fork, { headline: 'Library to open on Sundays from May' });
    await fork.editor.headline.fill('Central library opens on Sundays');
    await fork.editor.waitUntilSaved();
    await fork.sync();
    await expect(banner(page)).toBeVisible({ timeout: 15_000 });
    // Opened again with the fork already there: the banner is there from the start, its default button (Compare,
    // which sets nothing aside) has the focus.
    await page.reload();
    const region = banner(page);
    await expect(region).toBeVisible();
    await expect(region.getByRole('button', { name: 'Compare' })).toBeFocused();
    await expect(region.getByTestId('two-versions-changes')).toHaveText(
      'Both changed, differently: Headline.',
    );

    // The merge asks for a choice where both changed the same field; nothing is chosen for her.
    await region.getByRole('button', { name: 'Merge', exact: true }).click();
    const choice = region.getByRole('group', { name: 'Headline' });
    await expect(choice.getByRole('radio')).toHaveCount(2);
    await expect(choice.getByRole('radio', { checked: true })).toHaveCount(0);
    await expect(choice).toContainText('Library to open on Sundays from May');
    await region.getByRole('button', { name: 'Show the merged text' }).click();
    await expect(region.getByRole('alert').filter({ hasText: 'Choose a text for: Headline' })).toBeVisible();
    await shoot(page, 'merge-choice-wide');
    await page.setViewportSize({ width: 400, height: 800 });
    await shoot(page, 'merge-choice-400');
    await region.getByRole('button', { name: 'Cancel' }).click();
    await region.getByRole('heading', { name: 'Two versions of this release' }).scrollIntoViewIfNeeded();
    await shoot(page, 'banner-400');
    await page.setViewportSize({ width: 1440, height: 900 });

    // Keep mine: a confirmation that names what is set aside and where it stays.
    await region.getByRole('button', { name: 'Keep mine' }).click();
    const confirm = region.getByRole('region', { name: 'Keep your text?' });
    await expect(confirm).toBeVisible();
    await expect(confirm).toContainText(
      /Ben's text is set aside: it stays in History, under “Every save” \(PRESS-PC2, \d\d:\d\d\), where you can compare it or restore it later\./,
    );
    await expect(confirm).toContainText("Ben's changes to Headline will not be in the release.");
    await expect(confirm).toBeFocused();
    await shoot(page, 'keep-confirm-wide');
    // Nothing settled by asking.
    expect((await storedHeads(workspace, fork.id))!.kind).toBe('texts');
    await confirm.getByRole('button', { name: "Keep mine, set Ben's aside" }).click();

    await expect(banner(page)).toHaveCount(0);
    await expect(fork.editor.headline).toHaveValue('Central library opens on Sundays');
    const heads = (await storedHeads(workspace, fork.id))!;
    expect(heads.kind).toBe('one');
    expect(heads.heads[0]!.release.headline).toBe('Central library opens on Sundays');

    // Ben's text is still a revision in the folder, under his computer's name.
    const names = await revisionNames(workspace, fork.id);
    const bens = await Promise.all(
      names
        .filter((name) => name.includes('.press-pc2-'))
        .map((name) => readRevisionFile(workspace, fork.id, name)),
    );
    await expectInHistory(page, 'Ben Okafor', 'PRESS-PC2');
    expect(
      bens.some(
        (file) => (file.release as { headline: string }).headline === 'Library to open on Sundays from May',
      ),
    ).toBe(true);
  } finally {
    await fork.cleanup();
  }
});

test('two decisions on the same text at once: a quiet notice says which stands, nothing to choose', async ({
  page,
  workspace,
}) => {
  const fork = await startFork(page, workspace, 'Road closure on the A38 this weekend');
  try {
    // Ben withdraws the release on PRESS-PC2 while Ana submits it for review on PRESS-PC1: same text.
    const onBen = await fork.ben.get(fork.id);
    await fork.ben.update(fork.id, onBen.revision, (stored) => ({ ...stored, status: 'withdrawn' }));
    await takeStep(page, 'Submit for review');
    await expect(page.locator('.workflow-bar [data-status]')).toHaveText('In review');
    await fork.sync();

    const notice = page.getByTestId('versions-decision');
    await expect(notice).toBeVisible({ timeout: 15_000 });
    await expect(notice).toContainText('Two decisions were taken on this text at the same time');
    await expect(notice).toContainText('Withdrawn stands');
    await expect(banner(page)).toHaveCount(0);
    // The editor follows the decision that stands: its status and next steps are the withdrawn release's.
    await expect(page.locator('.workflow-bar [data-status]')).toHaveText('Withdrawn');
    await expect(page.getByRole('button', { name: 'Approve', exact: true })).toHaveCount(0);
    await shoot(page, 'decisions-wide');
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notice).toHaveCount(0);
  } finally {
    await fork.cleanup();
  }
});

test('a clash merged by choice: the person picks a text per field, sees the result, and it is saved', async ({
  page,
  workspace,
}) => {
  const fork = await startFork(page, workspace, 'Museum extends opening hours');
  try {
    await benSaves(fork, {
      headline: 'Museum opens late on Thursdays',
      standfirst: 'The city museum stays open until 9pm every Thursday from 1 March.',
    });
    await fork.editor.headline.fill('City museum extends its opening hours');
    await fork.editor.waitUntilSaved();
    await fork.sync();
    const region = banner(page);
    await expect(region).toBeVisible({ timeout: 15_000 });

    // Keyboard only: Tab from Compare to Merge, Enter; the choices take the focus.
    await region.getByRole('button', { name: 'Compare' }).focus();
    await page.keyboard.press('Tab');
    await expect(region.getByRole('button', { name: 'Merge', exact: true })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(region.getByRole('region', { name: /choose where they differ/ })).toBeFocused();
    await region
      .getByRole('group', { name: 'Headline' })
      .getByRole('radio', { name: /Ben's text/ })
      .check();
    await region.getByRole('button', { name: 'Show the merged text' }).click();

    const merged = region.getByTestId('merge-result');
    await expect(region.getByRole('region', { name: 'The merged text' })).toBeFocused();
    await expect(merged.locator('[data-field="headline"]')).toContainText("your choice: Ben's version");
    await expect(merged.locator('[data-field="headline"]')).toContainText('Museum opens late on Thursdays');
    await expect(merged.locator('[data-field="standfirst"]')).toContainText("from Ben's version");
    await page.setViewportSize({ width: 400, height: 800 });
    await shoot(page, 'merge-result-400');
    await region.getByRole('button', { name: 'Save the merge' }).click();

    await expect(banner(page)).toHaveCount(0);
    await expect(fork.editor.headline).toHaveValue('Museum opens late on Thursdays');
    const heads = (await storedHeads(workspace, fork.id))!;
    expect(heads.kind).toBe('one');
    expect(heads.heads[0]!.release).toMatchObject({
      headline: 'Museum opens late on Thursdays',
      standfirst: 'The city museum stays open until 9pm every Thursday from 1 March.',
    });
  } finally {
    await fork.cleanup();
  }
});

test("keep Ben's: Ben's text becomes the release and this computer's text is still a save in History", async ({
  page,
  workspace,
}) => {
  const fork = await startFork(page, workspace, 'Park gates close early');
  try {
    await benSaves(fork, { headline: 'Park gates close at 6pm from Monday' });
    await fork.editor.headline.fill('Park gates to close early in winter');
    await fork.editor.waitUntilSaved();
    await fork.sync();
    const region = banner(page);
    await expect(region).toBeVisible({ timeout: 15_000 });

    await region.getByRole('button', { name: "Keep Ben's" }).click();
    const confirm = region.getByRole('region', { name: "Keep Ben's text?" });
    await expect(confirm).toContainText(
      /Your text is set aside: it stays in History, under “Every save” \(PRESS-PC1, \d\d:\d\d\)/,
    );
    await expect(confirm).toContainText('Your changes to Headline will not be in the release.');
    await confirm.getByRole('button', { name: "Keep Ben's, set mine aside" }).click();

    await expect(banner(page)).toHaveCount(0);
    await expect(fork.editor.headline).toHaveValue('Park gates close at 6pm from Monday');
    await expect(page.getByTestId('workflow-notice')).toContainText(
      "Kept Ben's text. Your text is set aside: it stays in History",
    );
    expect((await storedHeads(workspace, fork.id))!.heads[0]!.release.headline).toBe(
      'Park gates close at 6pm from Monday',
    );
    // Ana's text is still a save in History, where she can compare or restore it.
    await expectInHistory(page, 'Ana Patel', 'PRESS-PC1');
  } finally {
    await fork.cleanup();
  }
});
