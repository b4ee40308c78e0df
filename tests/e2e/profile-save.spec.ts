import { mkdir } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { readStoredWorkspace } from '../../src-main/services/workspace/workspace-settings';
import { LibraryPage, expect, test, type RunningHost } from './fixtures';

/**
 * One save on the organisation profile screen (issue 14, item 11): the profile, the review chain and the
 * "Latest news" count are saved by one "Save profile" button that stays in reach at the foot of the window, by
 * the keyboard (Tab from the last field, Enter in a field, Ctrl+S). A bad value is shown at its field and in the
 * summary; nothing is written and nothing typed is lost; once fixed, one press saves all of it.
 */

async function openProfile(page: Page, host: RunningHost) {
  await new LibraryPage(page).open(host.url);
  await page.goto(`${host.origin}/#/profile`);
  await expect(page.getByRole('heading', { name: 'Organisation profile', level: 1 })).toBeVisible();
}

async function shot(page: Page, name: string) {
  await mkdir('/tmp/shots', { recursive: true });
  await page.screenshot({ path: `/tmp/shots/${name}.png` });
}

const LATEST_NEWS = 'How many other releases “Latest news” lists';

test('one "Save profile" saves the profile and the review settings together; a bad value stays at its field and loses nothing', async ({
  page,
  host,
}) => {
  await openProfile(page, host);
  const save = page.getByRole('button', { name: 'Save profile' });
  // One save button on the whole screen.
  await expect(page.getByRole('button', { name: /save/i })).toHaveCount(1);
  await expect(save).toHaveAttribute('aria-keyshortcuts', 'Control+S');
  await shot(page, 'profile-1440');

  const before = JSON.stringify(await readStoredWorkspace(host.workspace));
  await page.getByLabel('Organisation name').fill('Northshire Office for Police Conduct');
  await page.getByLabel('Step 1 name').fill('Legal');
  await page.getByLabel('Signed by').selectOption('reviewer');
  await page.getByRole('button', { name: 'Add a step' }).click();
  await page.getByLabel('Step 2 name').fill('');
  const count = page.getByLabel(LATEST_NEWS);
  await count.fill('25');
  await expect(page.getByRole('status').filter({ hasText: 'Unsaved changes' })).toBeVisible();

  // Enter in a field sends the whole form.
  await count.press('Enter');
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveText([
    'Step 2 name: Name the step, for example Legal',
    'Latest news: Enter a whole number from 0 to 20',
  ]);
  // Each message sits at its field, which is marked invalid and described by it.
  await expect(count).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Error: Enter a whole number from 0 to 20')).toBeVisible();
  await expect(page.getByLabel('Step 2 name')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Step 2 name')).toHaveAccessibleDescription(
    /Name the step, for example Legal/,
  );
  // Nothing was written, and nothing typed was lost.
  expect(JSON.stringify(await readStoredWorkspace(host.workspace))).toBe(before);
  await expect(page.getByLabel('Organisation name')).toHaveValue('Northshire Office for Police Conduct');
  await expect(page.getByLabel('Step 1 name')).toHaveValue('Legal');
  await expect(count).toHaveValue('25');

  await page.setViewportSize({ width: 600, height: 800 });
  await summary.getByRole('link').nth(1).click();
  await expect(count).toBeFocused();
  await shot(page, 'profile-600-error');
  // The save bar stays at the foot of the window wherever the person is in the form, and never covers the field
  // the summary link moved to.
  const box = (await save.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(800);
  expect(box.y).toBeGreaterThan(600);
  const field = (await count.boundingBox())!;
  expect(field.y + field.height).toBeLessThan(box.y);

  await count.fill('3');
  await page.getByLabel('Step 2 name').fill('Director');
  // From the last field, the next Tab stop is the save button; the focused field is not hidden under the bar.
  await page.getByLabel('Organisation name').focus();
  await page.getByLabel('Allow people to approve text they edited').focus();
  await page.keyboard.press('Tab');
  await expect(count).toBeFocused();
  expect((await count.boundingBox())!.y + (await count.boundingBox())!.height).toBeLessThan(
    (await save.boundingBox())!.y,
  );
  await page.keyboard.press('Tab');
  await expect(save).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Profile saved' })).toBeVisible();
  await expect(summary).toBeHidden();
  await shot(page, 'profile-600-saved');

  const stored = await readStoredWorkspace(host.workspace);
  expect(stored.profile.name).toBe('Northshire Office for Police Conduct');
  expect(stored.settings.latestNewsCount).toBe(3);
  expect(stored.settings.approvalChain).toEqual([
    { label: 'Legal', role: 'reviewer' },
    { label: 'Director', role: 'approver' },
  ]);

  // Ctrl+S saves too, from anywhere in the form.
  await page.getByLabel('End mark').fill('-ENDS-');
  await page.getByLabel('End mark').press('Control+s');
  await expect(page.getByRole('status').filter({ hasText: 'Profile saved' })).toBeVisible();
  await expect.poll(async () => (await readStoredWorkspace(host.workspace)).profile.endMark).toBe('-ENDS-');

  // After a reload everything is as saved, and leaving asks nothing.
  await page.reload();
  await expect(page.getByLabel('Step 2 name')).toHaveValue('Director');
  await expect(page.getByLabel(LATEST_NEWS)).toHaveValue('3');
  await page.getByRole('link', { name: '← Library' }).click();
  await expect(page.getByRole('heading', { name: 'Releases', exact: true })).toBeVisible();
});

test('leaving with an unsaved review setting asks first', async ({ page, host }) => {
  await openProfile(page, host);
  await page.getByLabel(LATEST_NEWS).fill('5');
  let asked = '';
  page.once('dialog', (dialog) => {
    asked = dialog.message();
    void dialog.dismiss();
  });
  await page.getByRole('link', { name: '← Library' }).click();
  await expect.poll(() => asked).toContain('without saving');
  await expect(page.getByLabel(LATEST_NEWS)).toHaveValue('5');
});
