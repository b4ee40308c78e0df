import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { readStoredRelease } from '../support/stored-release';
import { EditorPage, expect, startHost, takeStep, test, type E2EPerson, type RunningHost } from './fixtures';

/**
 * Issue 14, item 10: the first edit of signed-off text says which sign-offs it will withdraw before it does.
 * A writer and an approver on one workspace folder, each with their own host (as in review.spec.ts).
 */
test.use({ locale: 'en-GB', timezoneId: 'Europe/London' });

const WREN: E2EPerson = { id: 'u-wren', name: 'Wren Writer', roles: ['writer'] };
const RAFI: E2EPerson = { id: 'u-rafi', name: 'Rafi Reviewer', roles: ['reviewer', 'approver'] };
const SHOTS = '/tmp/shots';

async function open(browser: Browser, host: RunningHost, hash = ''): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${host.url}${hash}`);
  return page;
}

const status = (page: Page) => page.locator('.workflow-bar [data-status]');

test('the first edit of approved text names the approval it withdraws, and Keep changes nothing', async ({
  browser,
  workspace,
}) => {
  const writerHost = await startHost(workspace, { person: WREN });
  const approverHost = await startHost(workspace, { person: RAFI });
  try {
    const writer = await open(browser, writerHost);
    await expect(writer.getByRole('heading', { name: 'Releases', exact: true })).toBeVisible();
    await writer.getByRole('button', { name: 'New release' }).click();
    const editor = new EditorPage(writer);
    await editor.headline.fill('Council confirms road closure');
    await editor.waitUntilSaved();
    const id = editor.releaseIdFromUrl();
    await takeStep(writer, 'Submit for review');

    const approver = await open(browser, approverHost, `#/release/${id}`);
    await expect(status(approver)).toHaveText('In review');
    await takeStep(approver, 'Approve');
    await expect(status(approver)).toHaveText('Approved');
    const approvedAt = new Date(
      ((await readStoredRelease(workspace, id)) as unknown as { approvals: Array<{ at: string }> })
        .approvals[0]!.at,
    );
    const when = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }).format(approvedAt);

    await writer.reload();
    await expect(status(writer)).toHaveText('Approved');

    // A keystroke in the headline: held, and the dialog names who approved and when.
    await editor.headline.click();
    await writer.keyboard.press('End');
    await writer.keyboard.type('X');
    const dialog = writer.getByRole('dialog', { name: 'Edit the approved text?' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(
      `Changing the text withdraws the approval of Rafi Reviewer (approved ${when}).`,
    );
    await expect(dialog.getByRole('button', { name: 'Keep it as approved' })).toBeFocused();
    for (const width of [1440, 600]) {
      await writer.setViewportSize({ width, height: 900 });
      await writer.screenshot({ path: join(SHOTS, `lapse-warning-${width}.png`) });
    }
    await writer.setViewportSize({ width: 1440, height: 900 });

    // Escape keeps it: nothing typed, the focus back in the headline, still approved on disk.
    await writer.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(editor.headline).toBeFocused();
    await expect(editor.headline).toHaveValue('Council confirms road closure');

    // An item button is held too: "Add quote" adds nothing while the person keeps the approval.
    await writer.getByRole('button', { name: 'Add quote' }).click();
    await expect(dialog).toContainText('If you choose to edit, “Add quote” goes ahead.');
    await dialog.getByRole('button', { name: 'Keep it as approved' }).click();
    await expect(writer.locator('li.quote-item')).toHaveCount(0);
    await expect(status(writer)).toHaveText('Approved');
    expect(((await readStoredRelease(workspace, id)) as unknown as { status: string }).status).toBe(
      'approved',
    );

    // A choice is held too: an arrow key on the release type changes nothing until the person says so.
    const type = writer.getByLabel('Release type');
    const before = await type.inputValue();
    await type.focus();
    await writer.keyboard.press('ArrowDown');
    await expect(dialog).toBeVisible();
    await writer.keyboard.press('Escape');
    await expect(type).toBeFocused();
    await expect(type).toHaveValue(before);

    // Edit and withdraw: back in the headline, the held keystroke not typed; edits then flow.
    await editor.headline.click();
    await writer.keyboard.press('End');
    await writer.keyboard.type('!');
    await expect(dialog).toContainText('What you just typed has not gone in yet');
    await dialog.getByRole('button', { name: 'Edit and withdraw' }).click();
    await expect(dialog).toBeHidden();
    await expect(editor.headline).toBeFocused();
    await expect(editor.headline).toHaveValue('Council confirms road closure');
    await writer.keyboard.type(' on Friday');
    await expect(dialog).toBeHidden();
    await expect(editor.headline).toHaveValue('Council confirms road closure on Friday');
    await editor.waitUntilSaved();
    await expect(status(writer)).toHaveText('Draft');
    await expect(writer.getByTestId('lapse-notice')).toBeVisible();
    await writer.getByRole('button', { name: 'Add quote' }).click();
    await expect(writer.locator('li.quote-item')).toHaveCount(1);
  } finally {
    await Promise.all([writerHost.stop(), approverHost.stop()]);
  }
});
