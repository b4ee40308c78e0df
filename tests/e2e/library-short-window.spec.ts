import { mkdir } from 'node:fs/promises';
import { LibraryPage, expect, test, type RunningHost, hostApi as api } from './fixtures';

/**
 * The library in a small, short window (600 by 600 px, issue 14, item 11): the top bar stays a bar, not most of
 * the window, and releases show without scrolling past it.
 */

type Json = Record<string, unknown>;

async function seed(host: RunningHost, headline: string): Promise<void> {
  const created = await api(host, 'releases.create', { type: 'news-release' });
  await api(host, 'releases.save', { release: { ...created, headline } });
}

test('at 600 by 600 px the top bar takes at most a fifth of the window and the first releases show below it', async ({
  page,
  host,
}) => {
  await api(host, 'workspace.updateProfile', {
    profile: {
      ...((await api(host, 'workspace.describe', {})).profile as Json),
      // A long organisation name, as real ones are.
      name: 'Northshire Office for Police Conduct',
    },
  });
  for (const headline of [
    'Road closure on the A38 for resurfacing',
    'Appeal for witnesses after a fire in Hartcliffe',
    'Witnesses sought after a crash on the ring road',
  ]) {
    await seed(host, headline);
  }
  await page.setViewportSize({ width: 600, height: 600 });
  await new LibraryPage(page).open(host.url);
  await mkdir('/tmp/shots', { recursive: true });
  await page.screenshot({ path: '/tmp/shots/library-600x600.png' });

  const bar = (await page.locator('.library > header.topbar').boundingBox())!;
  expect(bar.height).toBeLessThanOrEqual(600 / 5);
  // Everything in the bar is still there and usable; the less frequent ways in are behind two menu buttons.
  const workspaceMenu = page.getByRole('button', { name: 'Workspace', exact: true });
  const startMenu = page.getByRole('button', { name: 'More ways to start' });
  for (const control of [
    workspaceMenu,
    page.getByLabel('Release type'),
    page.getByRole('button', { name: 'New release' }),
    startMenu,
  ]) {
    await expect(control).toBeVisible();
    const box = (await control.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(bar.y + bar.height);
    expect(box.x + box.width).toBeLessThanOrEqual(600);
  }
  // Each menu opens whole inside the window.
  const inWindow = async (names: Array<[role: 'link' | 'button', name: string]>) => {
    for (const [role, name] of names) {
      const item = page.getByRole(role, { name, exact: true });
      await expect(item).toBeVisible();
      const box = (await item.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(600);
      expect(box.y + box.height).toBeLessThanOrEqual(600);
    }
  };
  await startMenu.click();
  await expect(startMenu).toHaveAttribute('aria-expanded', 'true');
  await inWindow([
    ['button', 'Open release file…'],
    ['button', 'Import…'],
    ['button', 'Paste a release…'],
  ]);
  await page.screenshot({ path: '/tmp/shots/library-600x600-start-menu.png' });
  // A click elsewhere closes it.
  await page.getByRole('heading', { name: 'Releases', level: 1 }).click();
  await expect(page.getByRole('button', { name: 'Open release file…' })).toBeHidden();
  await expect(startMenu).toHaveAttribute('aria-expanded', 'false');

  // From the keyboard: arrow down opens the menu on its first item, arrows move, Escape closes it back on its button.
  await workspaceMenu.focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('link', { name: 'Organisation profile' })).toBeFocused();
  await inWindow([
    ['link', 'Organisation profile'],
    ['link', 'Distribution list'],
    ['link', 'Newsroom'],
    ['link', 'Embargoed copies'],
  ]);
  await page.screenshot({ path: '/tmp/shots/library-600x600-workspace-menu.png' });
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('link', { name: 'Distribution list' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('link', { name: 'Embargoed copies' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('link', { name: 'Organisation profile' })).toBeHidden();
  await expect(workspaceMenu).toBeFocused();

  // Without scrolling: the newest release's headline is in the window, whole.
  const first = page.getByRole('link', { name: 'Witnesses sought after a crash on the ring road' });
  const box = (await first.boundingBox())!;
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  expect(box.y).toBeGreaterThan(bar.y + bar.height);
  expect(box.y + box.height).toBeLessThanOrEqual(600);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // The same bar in a wider window, for a look: closed, and with a menu open.
  for (const [width, height] of [
    [800, 600],
    [1440, 900],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `/tmp/shots/library-${width}x${height}.png` });
    await startMenu.click();
    await expect(page.getByRole('button', { name: 'Paste a release…' })).toBeVisible();
    await page.screenshot({ path: `/tmp/shots/library-${width}x${height}-start-menu.png` });
    await workspaceMenu.click();
    await expect(page.getByRole('button', { name: 'Paste a release…' })).toBeHidden();
    await expect(page.getByRole('link', { name: 'Newsroom' })).toBeVisible();
    await page.screenshot({ path: `/tmp/shots/library-${width}x${height}-workspace-menu.png` });
    await page.keyboard.press('Escape');
  }
});
