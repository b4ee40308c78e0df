import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportBatch } from '../../../src-main/services/export/batch-export';
import type { PdfPrinter } from '../../../src-main/services/export/pdf-printer';
import { AFTER_EMBARGO, profile, release } from './fixtures';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'pressroom-batch-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const printer: PdfPrinter = {
  print: () => Promise.resolve(new TextEncoder().encode('%PDF-1.4 fake')),
  close: () => Promise.resolve(),
};

const selection = [
  release({ id: 'r-one', headline: 'First' }, 'published'),
  release({ id: 'r-two', headline: 'Second' }, 'draft'),
  release({ id: 'r-three', headline: 'Third' }, 'approved'),
];

describe('batch export', () => {
  it('writes every release in every format into the folder, reporting progress', async () => {
    const progress: string[] = [];
    const outcome = await exportBatch({
      releases: selection,
      allReleases: selection,
      formats: ['html', 'pdf'],
      folder,
      profile,
      now: AFTER_EMBARGO,
      printer,
      onProgress: ({ done, total, id, format }) => progress.push(`${done}/${total} ${id}.${format}`),
    });
    expect(outcome.cancelled).toBe(false);
    expect(outcome.failed).toEqual([]);
    expect(outcome.written.map((w) => [w.id, w.format, w.draft])).toEqual([
      ['r-one', 'html', false],
      ['r-one', 'pdf', false],
      ['r-two', 'html', true],
      ['r-two', 'pdf', true],
      ['r-three', 'html', false],
      ['r-three', 'pdf', false],
    ]);
    expect(progress).toEqual([
      '1/6 r-one.html',
      '2/6 r-one.pdf',
      '3/6 r-two.html',
      '4/6 r-two.pdf',
      '5/6 r-three.html',
      '6/6 r-three.pdf',
    ]);
    expect((await readdir(folder)).sort()).toEqual(
      [
        '2024-07-18-first-r-one.html',
        '2024-07-18-first-r-one.pdf',
        'DRAFT-NOT-APPROVED-2024-07-18-second-r-two.html',
        'DRAFT-NOT-APPROVED-2024-07-18-second-r-two.pdf',
        '2024-07-18-third-r-three.html',
        '2024-07-18-third-r-three.pdf',
      ].sort(),
    );
  });

  it('stops before the next file when cancelled, keeping what was written', async () => {
    const controller = new AbortController();
    const outcome = await exportBatch({
      releases: selection,
      formats: ['txt'],
      folder,
      profile,
      now: AFTER_EMBARGO,
      signal: controller.signal,
      onProgress: ({ done }) => {
        if (done === 1) controller.abort();
      },
    });
    expect(outcome.cancelled).toBe(true);
    expect(outcome.written.map((w) => w.id)).toEqual(['r-one']);
    expect(await readdir(folder)).toHaveLength(1);
  });

  it('reports a release that fails and goes on with the rest', async () => {
    const outcome = await exportBatch({
      releases: selection,
      formats: ['pdf'],
      folder,
      profile,
      now: AFTER_EMBARGO,
      printer: {
        print: (html) =>
          html.includes('Second')
            ? Promise.reject(new Error('out of paper'))
            : Promise.resolve(new Uint8Array([37])),
        close: () => Promise.resolve(),
      },
    });
    expect(outcome.written.map((w) => w.id)).toEqual(['r-one', 'r-three']);
    expect(outcome.failed).toEqual([
      {
        id: 'r-two',
        format: 'pdf',
        error: { code: 'internal', message: 'The PDF could not be made: out of paper' },
      },
    ]);
  });
});
