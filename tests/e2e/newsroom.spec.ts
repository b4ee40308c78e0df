import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { release } from '../unit/export/fixtures';
import { newsroomReleases } from '../unit/newsroom/newsroom-fixtures';
import { expect, startHost, test, hostApi as api } from './fixtures';
import type { Page } from '@playwright/test';

/**
 * The newsroom (issue 17, items 1 and 5): published from its screen into a folder, then the folder's pages opened
 * in Chromium as a reader would (index, a release page, a tag page), at a desktop width and a phone's.
 */

const REPO = resolve(import.meta.dirname, '../..');

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2 A and AA rules over the page, evaluated through the debugging protocol (the pages' CSP stays). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(await axeSource);
  return page.evaluate(async () => {
    type Results = { violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> };
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<Results> } }).axe;
    const results = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] },
      resultTypes: ['violations'],
    });
    return results.violations.flatMap((v) => v.nodes.map((node) => `${v.id} at ${node.target.join(' ')}`));
  });
}

test('publishing the newsroom from its screen writes a site that reads well at 1440 and 400 px', async ({
  page,
  workspace,
}) => {
  test.setTimeout(120_000);
  // A workspace with 26 published releases, one still under embargo until 2030, and drafts.
  await cp(join(REPO, 'resources/default-workspace'), workspace, { recursive: true });
  await mkdir(join(workspace, 'releases'), { recursive: true });
  const future = release(
    {
      id: 'r-future',
      headline: 'New police station for Hythe to open in 2030',
      canonicalUrl: '',
      header: {
        ...release().header,
        releaseDate: '2030-01-06T00:01',
        embargo: { until: '2030-01-06T00:01', timeZone: 'Europe/London' },
      },
    },
    'published',
  );
  for (const each of [...newsroomReleases(), future]) {
    await writeFile(join(workspace, 'releases', `${each.id}.json`), JSON.stringify(each, null, 2));
  }
  const out = await mkdtemp(join(tmpdir(), 'pressroom-newsroom-e2e-'));
  const host = await startHost(workspace);
  try {
    const { profile } = (await api(host, 'workspace.describe', {})) as { profile: Record<string, unknown> };
    await api(host, 'workspace.updateProfile', { profile: { ...profile, name: 'Northshire Police' } });

    await page.goto(host.url);
    await page.getByRole('button', { name: 'Workspace', exact: true }).click();
    await page.getByRole('link', { name: 'Newsroom', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Newsroom', level: 1 })).toBeVisible();
    await page.getByLabel('Newsroom folder').fill(join(out, 'site'));
    await page
      .getByLabel('Web address of the newsroom (optional)')
      .fill('https://www.northshire.example/news/');
    await page.getByRole('button', { name: 'Publish newsroom' }).click();

    const report = page.getByTestId('newsroom-report');
    await expect(report.getByRole('heading', { name: 'Newsroom published' })).toBeVisible();
    await expect(report).toContainText('26 releases and 6 tag pages');
    await expect(report.getByRole('heading', { name: 'Held back (2)' })).toBeVisible();
    await expect(report).toContainText('New police station for Hythe to open in 2030');
    await expect(report).toContainText('Under embargo until 00:01 GMT, Sunday 6 January 2030');
    await expect(report).toContainText('Withdrawn release that must not appear');
    await expect(page.getByTestId('newsroom-unchanged')).toHaveText('0');
    expect(await axeViolations(page)).toEqual([]);
    await mkdir('/tmp/shots', { recursive: true });
    for (const width of [1440, 600]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `/tmp/shots/newsroom-screen-${width}.png`, fullPage: true });
    }

    // Publishing again rewrites nothing: nothing changed.
    await page.getByRole('button', { name: 'Publish newsroom' }).click();
    await expect(page.getByTestId('newsroom-written')).toHaveText('0');
    expect(Number(await page.getByTestId('newsroom-unchanged').textContent())).toBeGreaterThan(50);

    // The site, as a reader opens it from the folder.
    const site = join(out, 'site');
    const index = pathToFileURL(join(site, 'index.html')).href;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(index);
    await expect(
      page.getByRole('heading', { name: 'Latest news from Northshire Police', level: 1 }),
    ).toBeVisible();
    await expect(page.locator('.news-item')).toHaveCount(10);
    await expect(page.getByText('Page 1 of 3')).toBeVisible();
    await expect(page.getByText('Draft that must not appear')).toHaveCount(0);
    await page.screenshot({ path: '/tmp/shots/newsroom-index-1440.png', fullPage: true });
    const violations = (await axeViolations(page)).map((v) => `index: ${v}`);
    await page.setViewportSize({ width: 400, height: 860 });
    await page.screenshot({ path: '/tmp/shots/newsroom-index-400.png', fullPage: true });

    // The newest release, from its headline.
    const first = page.locator('.news-item h2 a').first();
    const headline = (await first.textContent())!;
    await first.click();
    await expect(page.getByRole('heading', { name: headline, level: 1 })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Latest news from Northshire Police' })).toBeVisible();
    await page.screenshot({ path: '/tmp/shots/newsroom-release-400.png', fullPage: true });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: '/tmp/shots/newsroom-release-1440.png', fullPage: true });
    violations.push(...(await axeViolations(page)).map((v) => `release: ${v}`));

    // One of its tags.
    const tag = page.locator('.release-tags a').first();
    const tagName = (await tag.textContent())!;
    await tag.click();
    await expect(page.getByRole('heading', { name: `News about ${tagName}`, level: 1 })).toBeVisible();
    await page.screenshot({ path: '/tmp/shots/newsroom-tag-1440.png', fullPage: true });
    violations.push(...(await axeViolations(page)).map((v) => `tag: ${v}`));
    await page.setViewportSize({ width: 400, height: 860 });
    await page.screenshot({ path: '/tmp/shots/newsroom-tag-400.png', fullPage: true });
    expect(violations).toEqual([]);
    // Nothing on the page is wider than a phone's screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);

    expect((await readdir(site)).sort()).toEqual(
      expect.arrayContaining(['feed.xml', 'index.html', 'news', 'page-2.html', 'sitemap.xml', 'tags']),
    );
  } finally {
    await host.stop();
    await rm(out, { recursive: true, force: true });
  }
});
