/**
 * `npm run bench`: measurements with targets, printed as a table; exits non-zero when a target is missed.
 * Not part of `npm test`: timings belong here, never in unit tests.
 *
 *  - keystroke -> preview: from the keydown in the editor to the first animation frame after the preview's page
 *    changed, in Debian's Chromium through the browser host, for a 600-word and a 10,000-word release.
 *  - save: one autosave's store write with 10 and with 1,000 releases in the workspace (must not grow).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { openWorkspace } from '../../src-main/services/workspace-store';
import { startHost } from '../e2e/fixtures';
import type { Release } from '../../src-shared/release/schema';

interface Row {
  name: string;
  median: number;
  p95: number;
  target: number;
  unit: string;
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};

const SENTENCE =
  'The investigation team met the family on Tuesday and explained how the inquiry will proceed in Ashford. ';

function paragraphs(words: number): Array<{ id: string; text: string }> {
  const perSentence = SENTENCE.trim().split(/\s+/).length;
  const out: Array<{ id: string; text: string }> = [];
  let remaining = words;
  for (let i = 0; remaining > 0; i++) {
    const sentences = Math.max(1, Math.min(4, Math.ceil(remaining / perSentence)));
    out.push({ id: `p${i + 1}`, text: SENTENCE.repeat(sentences).trim() });
    remaining -= sentences * perSentence;
  }
  return out;
}

async function keystrokeLatency(
  words: number,
  keystrokes: number,
  field: 'headline' | 'middle paragraph',
): Promise<number[]> {
  const workspace = await mkdtemp(join(tmpdir(), 'pressroom-bench-'));
  const host = await startHost(workspace);
  const browser = await chromium.launch({
    executablePath: process.env.PRESSROOM_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const call = async (method: string, input: unknown) => {
      const response = await fetch(`${host.origin}/api/${method}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      });
      const result = (await response.json()) as { ok: boolean; value: Release; error?: { message: string } };
      if (!result.ok) throw new Error(result.error?.message);
      return result.value;
    };
    const created = await call('releases.create', { type: 'news-release' });
    await call('releases.save', {
      release: {
        ...created,
        headline: 'Benchmark release',
        standfirst: 'A long release for timing.',
        body: paragraphs(words),
      },
    });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${host.url}#/release/${created.id}`);
    const headline = page.getByRole('textbox', { name: 'Headline', exact: true });
    await headline.waitFor();
    await page.frameLocator('iframe[title="Preview of the finished release"]').locator('h1').waitFor();
    await page.evaluate(() => {
      const w = window as unknown as { __t0: number | null; __lat: number[] };
      w.__lat = [];
      w.__t0 = null;
      document.addEventListener('keydown', () => (w.__t0 = performance.now()), true);
      const frame = document.querySelector<HTMLIFrameElement>(
        'iframe[title="Preview of the finished release"]',
      )!;
      new MutationObserver(() => {
        const t0 = w.__t0;
        if (t0 === null) return;
        w.__t0 = null;
        requestAnimationFrame(() => w.__lat.push(performance.now() - t0));
      }).observe(frame.contentDocument!.body, { childList: true, subtree: true, characterData: true });
    });
    const target =
      field === 'headline'
        ? headline
        : page.getByLabel(`Paragraph ${Math.ceil(paragraphs(words).length / 2)}`, { exact: true });
    await target.click();
    await page.keyboard.press('End');
    for (let i = 0; i < keystrokes; i++) {
      await page.keyboard.press(i % 10 === 9 ? 'Space' : 'a');
      // About 8 characters a second: a fast typist, leaving each keystroke its own frame.
      await page.waitForTimeout(120);
    }
    await page.waitForTimeout(300);
    return await page.evaluate(() => (window as unknown as { __lat: number[] }).__lat);
  } finally {
    await browser.close();
    await host.stop();
    await rm(workspace, { recursive: true, force: true });
  }
}

async function saveTimes(librarySize: number, saves: number): Promise<number[]> {
  const folder = await mkdtemp(join(tmpdir(), 'pressroom-bench-store-'));
  try {
    const store = await openWorkspace(folder);
    let last = await store.create('news-release');
    for (let i = 1; i < librarySize; i++) last = await store.create('news-release');
    let release = { ...last, body: paragraphs(600) };
    const times: number[] = [];
    for (let i = 0; i < saves; i++) {
      const start = performance.now();
      release = await store.save({ ...release, headline: `Headline ${i}` });
      times.push(performance.now() - start);
    }
    return times;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  if (!existsSync('out/renderer/index.html')) {
    const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
    if (build.status !== 0) return 1;
  }
  const rows: Row[] = [];
  const small = await keystrokeLatency(600, 60, 'headline');
  rows.push({
    name: 'keystroke -> preview, 600 w, headline',
    median: quantile(small, 0.5),
    p95: quantile(small, 0.95),
    target: 16,
    unit: 'ms',
  });
  const smallBody = await keystrokeLatency(600, 60, 'middle paragraph');
  rows.push({
    name: 'keystroke -> preview, 600 w, body',
    median: quantile(smallBody, 0.5),
    p95: quantile(smallBody, 0.95),
    target: 16,
    unit: 'ms',
  });
  const large = await keystrokeLatency(10_000, 60, 'headline');
  rows.push({
    name: 'keystroke -> preview, 10k w, headline',
    median: quantile(large, 0.5),
    p95: quantile(large, 0.95),
    target: 50,
    unit: 'ms',
  });
  const largeBody = await keystrokeLatency(10_000, 60, 'middle paragraph');
  rows.push({
    name: 'keystroke -> preview, 10k w, body',
    median: quantile(largeBody, 0.5),
    p95: quantile(largeBody, 0.95),
    target: 50,
    unit: 'ms',
  });
  const save10 = await saveTimes(10, 30);
  const save1000 = await saveTimes(1000, 30);
  rows.push({
    name: 'save (fsync), 10 releases',
    median: quantile(save10, 0.5),
    p95: quantile(save10, 0.95),
    target: 100,
    unit: 'ms',
  });
  rows.push({
    name: 'save (fsync), 1,000 releases',
    median: quantile(save1000, 0.5),
    p95: quantile(save1000, 0.95),
    target: 100,
    unit: 'ms',
  });

  const failed = rows.filter((row) => !(row.p95 <= row.target));
  const pad = (text: string, width: number) => text.padEnd(width);
  console.log(`${pad('measure', 40)} ${pad('median', 10)} ${pad('p95', 10)} ${pad('target p95', 12)} result`);
  for (const row of rows) {
    console.log(
      `${pad(row.name, 40)} ${pad(`${row.median.toFixed(1)} ${row.unit}`, 10)} ${pad(`${row.p95.toFixed(1)} ${row.unit}`, 10)} ${pad(`<= ${row.target} ${row.unit}`, 12)} ${failed.includes(row) ? 'MISSED' : 'ok'}`,
    );
  }
  console.log(
    `(samples per row: ${[small, smallBody, large, largeBody].map((l) => l.length).join(', ')} keystrokes; 30 saves each)`,
  );
  // The save cost must not grow with the library: a save only writes its own file.
  const growth = quantile(save1000, 0.5) / Math.max(0.01, quantile(save10, 0.5));
  console.log(`save cost ratio 1,000 / 10 releases: ${growth.toFixed(2)} (target < 3)`);
  return failed.length > 0 || growth >= 3 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
