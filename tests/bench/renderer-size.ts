import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { BenchRow } from './rows';

/** The budget of issue 15 for the renderer's JavaScript, gzipped. */
const BUDGET_KB = 150;

/**
 * The renderer's JavaScript as built (`npm run build:app`), gzipped: what the window loads at start (the scripts
 * index.html names and the modules they preload), gated on the budget, and every script of the build, reported. A
 * screen loaded only when opened (a lazy chunk) counts in the total, not at start.
 */
export async function rendererSizeRows(rows: BenchRow[]): Promise<void> {
  const out = fileURLToPath(new URL('../../out/renderer/', import.meta.url));
  if (!existsSync(join(out, 'index.html'))) {
    throw new Error('The renderer size rows need the build: run `npm run build:app` first.');
  }
  const html = await readFile(join(out, 'index.html'), 'utf8');
  const atStart = new Set(
    [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\.?\/?([^"]+\.js)"/g)].map((match) => match[1]!),
  );
  const assets = join(out, 'assets');
  let startBytes = 0;
  let totalBytes = 0;
  for (const name of await readdir(assets)) {
    if (!name.endsWith('.js')) continue;
    const size = gzipSync(await readFile(join(assets, name)), { level: 9 }).length;
    totalBytes += size;
    if (atStart.has(`assets/${name}`)) startBytes += size;
  }
  if (startBytes === 0) throw new Error('index.html names no script of out/renderer/assets');
  rows.push({
    name: 'renderer JS at start (gzip)',
    median: startBytes / 1024,
    p95: startBytes / 1024,
    target: BUDGET_KB,
    unit: 'kB',
  });
  rows.push({
    name: '  every renderer script (gzip)',
    median: totalBytes / 1024,
    p95: totalBytes / 1024,
    target: 0,
    unit: 'kB',
    gate: 'none',
  });
}
