import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import {
  EditorPage,
  SAM,
  expect,
  startHost,
  takeStep,
  test,
  type E2EPerson,
  type RunningHost,
} from './fixtures';

/**
 * Issue 14, item 11: the editor's notices (what a step did, a colleague's save, someone else in the release, edits
 * to recover, two versions) no longer stack into a wall that pushes the form below the fold. With several, they
 * share one compact area of limited height that says how many there are; each stays reachable by keyboard and
 * keeps its own live region.
 */
test.use({ locale: 'en-GB', timezoneId: 'Europe/London' });

const RAFI: E2EPerson = { id: 'u-rafi', name: 'Rafi Reviewer', roles: ['reviewer', 'approver'] };
const SHOTS = '/tmp/shots';

async function open(browser: Browser, host: RunningHost, hash = ''): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${host.url}${hash}`);
  return page;
}

test('three notices at once share one compact area and leave the form in view', async ({
  browser,
  workspace,
}) => {
  const samHost = await startHost(workspace, { person: SAM });
  const rafiHost = await startHost(workspace, { person: RAFI });
  try {
    const sam = await open(browser, samHost);
    await expect(sam.getByRole('heading', { name: 'Releases', exact: true })).toBeVisible();
    await sam.getByRole('button', { name: 'New release' }).click();
    const editor = new EditorPage(sam);
    await editor.headline.fill('Council confirms road closure');
    await editor.waitUntilSaved();
    const id = editor.releaseIdFromUrl();

    // Rafi opens the same release (presence) and saves a change (a colleague's save); Sam then takes a step.
    const rafi = await open(browser, rafiHost, `#/release/${id}`);
    const theirs = new EditorPage(rafi);
    await expect(theirs.headline).toHaveValue('Council confirms road closure');
    // Presence is asked for on opening (then every 15 s): Sam opens the release again rather than wait.
    await sam.reload();
    await expect(sam.getByTestId('presence-banner')).toBeVisible();
    await theirs.headline.fill('Council confirms road closure on Friday');
    await theirs.waitUntilSaved();
    await expect(sam.getByTestId('external-notice')).toBeVisible();
    await takeStep(sam, 'Submit for review');
    await expect(sam.getByTestId('workflow-notice')).toBeVisible();

    // At 1440 and 600 px wide: the notices (between the review strip and the form) take at most a quarter of
    // the window, and the form keeps most of it.
    for (const width of [1440, 600]) {
      await sam.setViewportSize({ width, height: 800 });
      await sam.screenshot({ path: join(SHOTS, `editor-banners-${width}.png`) });
      const strip = (await sam.locator('.review-strip').boundingBox())!;
      const form = (await sam.locator('form.editor-form').boundingBox())!;
      expect(form.y - (strip.y + strip.height)).toBeLessThanOrEqual(800 * 0.25);
      expect(800 - form.y).toBeGreaterThan(800 * 0.4);
    }
    const notices = sam.getByRole('region', { name: /^Notices/ });
    await expect(notices).toContainText('3 notices');

    // Every notice stays reachable: the area scrolls, by keyboard too, and "Show all" opens it out.
    for (const id of ['workflow-notice', 'external-notice', 'presence-banner']) {
      await expect(notices.getByTestId(id)).toHaveCount(1);
    }
    await notices.getByRole('button', { name: 'Show all 3' }).click();
    await expect(notices.getByRole('button', { name: 'Show fewer' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    await expect(sam.getByTestId('presence-banner')).toBeInViewport();

    // Dismissing one leaves two, still counted.
    await sam.getByTestId('workflow-notice').getByRole('button', { name: 'Dismiss' }).click();
    await expect(notices).toContainText('2 notices');
  } finally {
    await Promise.all([samHost.stop(), rafiHost.stop()]);
  }
});
