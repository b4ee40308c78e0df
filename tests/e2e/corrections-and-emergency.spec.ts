import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from '@playwright/test';
import { readAuditEntries, readStoredRelease } from '../support/stored-release';
import { EditorPage, expect, startHost, test, takeStep, type E2EPerson, type RunningHost } from './fixtures';

/**
 * Issue 17, items 2 and 4, with two people on one workspace folder (as review.spec.ts): an approver publishes
 * without a second check, the release waits for the other person until they review it afterwards; a correction
 * with a major change note shows in the preview; a withdrawal asked for by one is confirmed by the other and the
 * page says so with the explanation.
 */

const ANA: E2EPerson = { id: 'u-ana', name: 'Ana Approver', roles: ['writer', 'approver'] };
const RAFI: E2EPerson = { id: 'u-rafi', name: 'Rafi Reviewer', roles: ['reviewer'] };

async function open(browser: Browser, host: RunningHost): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Releases', exact: true })).toBeVisible();
  return page;
}

const status = (page: Page) => page.locator('.workflow-bar [data-status]');

async function draftInReview(page: Page, headline: string): Promise<string> {
  await page.getByRole('button', { name: 'New release' }).click();
  const editor = new EditorPage(page);
  await editor.headline.fill(headline);
  await page
    .getByRole('textbox', { name: 'Standfirst', exact: true })
    .fill('The A20 at Ashford will close from 10pm tonight (18 July 2024) for emergency repairs.');
  await editor.waitUntilSaved();
  await takeStep(page, 'Submit for review');
  await expect(status(page)).toHaveText('In review');
  return editor.releaseIdFromUrl();
}

async function publishWithoutSecondCheck(page: Page, reason: string) {
  await page.getByRole('button', { name: 'Publish without a second check…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Publish without a second check' });
  await dialog.getByLabel('Why can this not wait for a second person?').fill(reason);
  await dialog.getByRole('button', { name: 'Publish now' }).click();
  await expect(status(page)).toHaveText('Published');
}

async function shoot(page: Page, name: string) {
  await mkdir('/tmp/shots', { recursive: true });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: `/tmp/shots/${name}-1440.png` });
  await page.setViewportSize({ width: 600, height: 900 });
  await page.screenshot({ path: `/tmp/shots/${name}-600.png` });
  await page.setViewportSize({ width: 1440, height: 900 });
}

test('published without a second check: waits for the other person until reviewed; then corrected with a change note', async ({
  browser,
  workspace,
}) => {
  const anaHost = await startHost(workspace, { person: ANA });
  const rafiHost = await startHost(workspace, { person: RAFI });
  try {
    const ana = await open(browser, anaHost);
    const id = await draftInReview(ana, 'A20 closed at Ashford for emergency repairs');

    // Nobody else is in: Ana publishes alone, with a reason; the editor says so plainly.
    await ana.getByRole('button', { name: 'Publish without a second check…' }).click();
    const dialog = ana.getByRole('dialog', { name: 'Publish without a second check' });
    await dialog.getByRole('button', { name: 'Publish now' }).click();
    await expect(dialog.getByText('Give a reason')).toBeVisible();
    await dialog
      .getByLabel('Why can this not wait for a second person?')
      .fill('Road closes at 10pm; the duty reviewer is off sick.');
    await dialog.getByRole('button', { name: 'Publish now' }).click();
    await expect(status(ana)).toHaveText('Published');
    const mark = ana.getByTestId('unchecked-banner');
    await expect(mark).toContainText('Published without a second check by Ana Approver');
    await expect(mark).toContainText('Road closes at 10pm; the duty reviewer is off sick.');
    await shoot(ana, 'unchecked-banner');

    // Rafi finds it waiting, with the mark in the library, and records his review afterwards.
    const rafi = await open(browser, rafiHost);
    await expect(rafi.getByTestId('waiting-count')).toHaveText('1');
    await rafi.getByRole('button', { name: /Waiting for me/ }).click();
    const row = rafi.getByRole('row').filter({ hasText: 'A20 closed at Ashford for emergency repairs' });
    await expect(row.getByText('Published without a second check')).toBeVisible();
    await shoot(rafi, 'unchecked-library');
    await row.getByRole('link', { name: 'A20 closed at Ashford for emergency repairs' }).click();
    await expect(rafi.getByTestId('unchecked-banner')).toBeVisible();
    await rafi.getByRole('button', { name: 'Reviewed after publishing', exact: true }).click();
    await expect(rafi.getByTestId('unchecked-banner')).toBeHidden();
    await expect(rafi.getByTestId('workflow-notice')).toContainText('Your review is recorded');
    await rafi.getByRole('button', { name: '← Library' }).click();
    await expect(rafi.getByTestId('waiting-count')).toHaveText('0');
    const trail = (await readAuditEntries(workspace, id)).map((entry) => [entry.event, entry.actor.name]);
    expect(trail).toContainEqual(['published-unchecked', 'Ana Approver']);
    expect(trail.at(-1)).toEqual(['reviewed-after-publishing', 'Rafi Reviewer']);

    // Ana corrects it: a major change note, shown in the preview under "Updates to this page".
    await ana.reload();
    await expect(status(ana)).toHaveText('Published');
    await ana.getByRole('button', { name: 'Correct…' }).click();
    const correct = ana.getByRole('dialog', { name: 'Correct this release' });
    await correct.getByLabel('What was corrected?').fill('Corrected the time the road closes.');
    await correct.getByRole('radio', { name: /^Major/ }).check();
    await shoot(ana, 'correct-dialog');
    await correct.getByRole('button', { name: 'Start the correction' }).click();
    await expect(status(ana)).toHaveText('Draft');
    const editor = new EditorPage(ana);
    const updates = editor.preview.locator('section.change-notes');
    await expect(updates.getByRole('heading', { name: 'Updates to this page' })).toBeVisible();
    await expect(updates).toContainText('Corrected the time the road closes.');
    await expect(ana.getByLabel('Change note 1: what was corrected')).toHaveValue(
      'Corrected the time the road closes.',
    );
    await ana
      .getByRole('textbox', { name: 'Standfirst', exact: true })
      .fill('The A20 at Ashford will close from 11pm tonight (18 July 2024) for emergency repairs.');
    await editor.waitUntilSaved();
    await shoot(ana, 'correction-preview');
    const stored = (await readStoredRelease(workspace, id)) as unknown as {
      status: string;
      changeNotes: Array<{ text: string; importance: string; publishedAt: string | null }>;
    };
    expect(stored.status).toBe('draft');
    expect(stored.changeNotes).toEqual([
      expect.objectContaining({
        text: 'Corrected the time the road closes.',
        importance: 'major',
        publishedAt: null,
      }),
    ]);
  } finally {
    await anaHost.stop();
    await rafiHost.stop();
  }
});

test('a published release is withdrawn by two people, and its page keeps the text under the explanation', async ({
  browser,
  workspace,
}) => {
  const anaHost = await startHost(workspace, { person: ANA });
  const rafiHost = await startHost(workspace, { person: RAFI });
  try {
    const ana = await open(browser, anaHost);
    await draftInReview(ana, 'Ashford Road reopens after repairs');
    await publishWithoutSecondCheck(ana, 'Drivers need to know tonight.');

    await ana.getByRole('button', { name: 'Ask to withdraw…' }).click();
    const ask = ana.getByRole('dialog', { name: 'Ask to withdraw this release' });
    await ask
      .getByLabel('Explanation for readers')
      .fill('This release gave the wrong reopening date. The road reopens on 20 July.');
    await ask.getByRole('button', { name: 'Ask to withdraw' }).click();
    await expect(ana.getByTestId('withdrawal-banner')).toContainText(
      'Ana Approver asked to withdraw this release',
    );
    // Ana asked, so she cannot confirm it.
    await expect(ana.getByRole('button', { name: 'Confirm the withdrawal' })).toHaveCount(0);

    const rafi = await open(browser, rafiHost);
    await rafi.getByRole('button', { name: /Waiting for me/ }).click();
    await rafi.getByRole('link', { name: 'Ashford Road reopens after repairs' }).click();
    await expect(rafi.getByTestId('withdrawal-banner')).toContainText(
      'This release gave the wrong reopening date.',
    );
    await rafi.getByRole('button', { name: 'Confirm the withdrawal' }).click();
    await expect(status(rafi)).toHaveText('Withdrawn');
    const notice = new EditorPage(rafi).preview.locator('.withdrawn-notice');
    await expect(notice).toContainText(/This release was withdrawn on \d{1,2} \w+ \d{4}/);
    await expect(notice).toContainText(
      'This release gave the wrong reopening date. The road reopens on 20 July.',
    );
    await expect(new EditorPage(rafi).preview.locator('h1')).toHaveText('Ashford Road reopens after repairs');
    await expect(new EditorPage(rafi).preview.locator('.draft-banner')).toHaveCount(0);
    await shoot(rafi, 'withdrawn');
  } finally {
    await anaHost.stop();
    await rafiHost.stop();
  }
});
