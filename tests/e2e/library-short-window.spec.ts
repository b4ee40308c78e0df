import { mkdir } from 'node:fs/promises';
import { LibraryPage, expect, test, type RunningHost } from './fixtures';

/**
 * The library in a small, short window (600 by 600 px, issue 14, item 11): the top bar stays a bar, not most of
 * the window, and releases show without scrolling past it.
 */

type Json = Record<string, unknown>;

async function api(host: RunningHost, method: string, input: unknown): Promise<Json> {
  const response = await fetch(`${host.origin}/api/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const answer = (await response.json()) as { ok: boolean; value?: Json; error?: unknown };
  if (!answer.ok) throw new Error(`${method} failed: ${JSON.stringify(answer.error)}`);
  return answer.value!;
}

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
  // Everything in the bar is still there and usable.
  for (const control of [
    page.getByRole('link', { name: 'Organisation profile' }),
    page.getByLabel('Release type'),
    page.getByRole('button', { name: 'New release' }),
    page.getByRole('button', { name: 'Open release file…' }),
  ]) {
    await expect(control).toBeVisible();
    const box = (await control.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(bar.y + bar.height);
    expect(box.x + box.width).toBeLessThanOrEqual(600);
  }

  // Without scrolling: the newest release's headline is in the window, whole.
  const first = page.getByRole('link', { name: 'Witnesses sought after a crash on the ring road' });
  const box = (await first.boundingBox())!;
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  expect(box.y).toBeGreaterThan(bar.y + bar.height);
  expect(box.y + box.height).toBeLessThanOrEqual(600);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
