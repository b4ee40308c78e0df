import fc from 'fast-check';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unlockInWorker } from '../../../src-main/services/workspace/file-worker';
import { lockFileOf } from '../../../src-main/services/workspace/layout';
import { parseRevisionName } from '../../../src-main/services/workspace/revisions';
import { openWorkspace, StoreError, type WorkspaceStore } from '../../../src-main/services/workspace/store';
import type { Release } from '../../../src-shared/release/schema';
import { revisionNames } from '../../support/stored-release';

/**
 * A save works out what it will write while its lock is being taken, from the release's folder as this process's
 * last save left it, and writes that only if the lock's trip finds the folder still so (folder-after-save.ts).
 * The property: whatever happens to the folder between two saves, a save writes exactly what a save that reads
 * the heads under its lock writes.
 *
 * Two workspaces, "early" (the app's way) and "plain" (guessSaves: false), with the same computers, clock and ids,
 * go through the same random steps: saves from this computer's two windows (two stores on one folder, each with its
 * own memory of the folder), from a colleague writing into the same folder (a shared drive), some from a text
 * opened long ago (a conflict); a third computer's save carried across as a sync engine does; a revision file
 * damaged in place or removed; the release deleted and restored.
 * After every step the two must have answered alike and hold the same revision files, byte for byte.
 */

const RUNS = Number(process.env.PRESSROOM_EARLY_SAVE_RUNS ?? 60);
const HEADLINES = ['Council approves budget', 'Council approves new budget', 'Budget approved'];
type Writer = 'window1' | 'window2' | 'colleague';
const WRITERS: readonly Writer[] = ['window1', 'window2', 'colleague'];

type Step =
  /** `times` saves in a row, as autosave makes while someone types. */
  | { kind: 'save'; writer: Writer; headline: number; fromOpened: boolean; times: number }
  | { kind: 'reopen'; writer: Writer }
  /** A colleague's save on a computer with its own copy of the folder, carried across as a sync engine does. */
  | { kind: 'arrive'; headline: number }
  | { kind: 'damage'; computer: 'me' | 'colleague' }
  | { kind: 'remove-newest'; computer: 'me' | 'colleague' }
  | { kind: 'delete-and-restore' };

const writer = fc.constantFrom(...WRITERS);
const computer = fc.constantFrom('me' as const, 'colleague' as const);
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('save' as const),
      writer,
      headline: fc.nat({ max: HEADLINES.length - 1 }),
      fromOpened: fc.boolean(),
      times: fc.integer({ min: 1, max: 3 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reopen' as const), writer }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('arrive' as const),
      headline: fc.nat({ max: HEADLINES.length - 1 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('damage' as const), computer }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove-newest' as const), computer }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete-and-restore' as const) }) },
);

interface World {
  folder: string;
  stores: Record<Writer, WorkspaceStore>;
  /** A third computer with its own copy of the workspace: no file it writes is ever written by this process. */
  elsewhere: WorkspaceStore;
  /** The text each writer has open: what its next save continues. */
  open: Partial<Record<Writer, Release>>;
  /** What each writer opened first, for saves made from a text opened long ago. */
  opened: Partial<Record<Writer, Release>>;
}

let root: string;
let run = 0;
let clock = Date.parse('2026-12-07T09:00:00Z');
const now = () => new Date(clock);

beforeAll(async () => {
  // On /dev/shm where there is one: the property is about what is written, not about the disk.
  root = await mkdtemp(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'pressroom-early-save-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A workspace with this computer (two windows) and a colleague's computer, with fixed computer ids. */
async function world(name: string, guessSaves: boolean): Promise<World> {
  const folder = join(root, `${run}`, name);
  const stores = {} as Record<Writer, WorkspaceStore>;
  let ids = 0;
  for (const [who, id] of [
    ['window1', 'press-pc1-aaaaaa'],
    ['window2', 'press-pc1-aaaaaa'],
    ['colleague', 'press-pc2-bbbbbb'],
  ] as const) {
    const userData = join(root, `${run}`, `${name}-${id}`);
    await mkdir(userData, { recursive: true });
    await writeFile(join(userData, 'computer-id.txt'), id);
    stores[who] = await openWorkspace(folder, {
      userData,
      now,
      makeId: () => `r-test${String(ids++).padStart(4, '0')}`,
      guessSaves,
    });
  }
  const elsewhereData = join(root, `${run}`, `${name}-press-pc3-cccccc`);
  await mkdir(elsewhereData, { recursive: true });
  await writeFile(join(elsewhereData, 'computer-id.txt'), 'press-pc3-cccccc');
  const elsewhere = await openWorkspace(join(root, `${run}`, `${name}-elsewhere`), {
    userData: elsewhereData,
    now,
    guessSaves,
  });
  return { folder, stores, elsewhere, open: {}, opened: {} };
}

/** Revision files `from` has and `to` has not, copied whole (a sync engine's delivery). */
async function carry(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  const there = new Set(await readdir(to));
  for (const name of await readdir(from).catch(() => [] as string[])) {
    if (parseRevisionName(name) && !there.has(name)) await copyFile(join(from, name), join(to, name));
  }
}

type Answer = { ok: string } | { refused: string };

async function answer(action: () => Promise<Release | void>): Promise<Answer> {
  try {
    const result = await action();
    return { ok: result ? `${result.revision}:${result.headline}:${result.status}` : 'done' };
  } catch (error) {
    if (error instanceof StoreError) return { refused: error.code };
    throw error;
  }
}

/** The newest revision file of `computerId` in the release's folder, or null. */
async function newestFile(w: World, id: string, computerId: string): Promise<string | null> {
  const newest = (await revisionNames(w.folder, id))
    .filter((name) => parseRevisionName(name)?.computer === computerId)
    .at(-1);
  return newest ? join(w.folder, 'releases', id, newest) : null;
}

async function take(w: World, id: string, s: Step): Promise<Answer> {
  const revisions = join(w.folder, 'releases', id);
  switch (s.kind) {
    case 'save': {
      const store = w.stores[s.writer];
      return answer(async () => {
        let saved: Release | undefined;
        for (let time = 0; time < s.times; time++) {
          const open = w.open[s.writer] ?? (w.open[s.writer] = w.opened[s.writer] = await store.get(id));
          const from = s.fromOpened && time === 0 ? (w.opened[s.writer] ?? open) : open;
          saved = await store.save({ ...from, headline: `${HEADLINES[s.headline]!} ${time}` });
          w.open[s.writer] = saved;
        }
        return saved;
      });
    }
    case 'arrive': {
      const elsewhere = join(w.elsewhere.path, 'releases', id);
      await carry(revisions, elsewhere);
      return answer(async () => {
        const open = await w.elsewhere.get(id);
        const saved = await w.elsewhere.save({ ...open, headline: HEADLINES[s.headline]! });
        await carry(elsewhere, revisions);
        return saved;
      });
    }
    case 'reopen':
      return answer(async () => (w.open[s.writer] = await w.stores[s.writer].get(id)));
    case 'damage': {
      // The same length, a later time: a file changed in place after it was written.
      const file = await newestFile(w, id, s.computer === 'me' ? 'press-pc1-aaaaaa' : 'press-pc2-bbbbbb');
      if (!file) return { ok: 'nothing to damage' };
      const text = await readFile(file, 'utf8');
      await writeFile(file, text.replace('"headline": "', '"headline": "X').replace(/.\n}\n$/, '\n}\n'));
      const { mtimeMs } = await stat(file);
      await utimes(file, new Date(), new Date(mtimeMs + 5000));
      return { ok: 'damaged' };
    }
    case 'remove-newest': {
      const file = await newestFile(w, id, s.computer === 'me' ? 'press-pc1-aaaaaa' : 'press-pc2-bbbbbb');
      if (file) await rm(file);
      return { ok: file ? 'removed' : 'nothing to remove' };
    }
    case 'delete-and-restore':
      return answer(async () => {
        await w.stores.window1.delete(id);
        return w.stores.window1.restore(id);
      });
  }
}

/** The release's revision files, by name, with their bytes. */
async function revisionFiles(w: World, id: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of await revisionNames(w.folder, id)) {
    files[name] = await readFile(join(w.folder, 'releases', id, name), 'utf8');
  }
  return files;
}

describe('a save worked out while its lock is being taken', () => {
  it('writes nothing while someone else holds the lock, and saves once it is let go', async () => {
    run++;
    const w = await world('held', true);
    const store = w.stores.window1;
    const id = (await store.create('news-release')).id;
    await take(w, id, { kind: 'save', writer: 'window1', headline: 0, fromOpened: false, times: 1 });
    const before = await revisionFiles(w, id);
    // Another Pressroom on this computer holds the release's lock (a live process, a fresh lock).
    const lockFile = lockFileOf(store.layout.releaseFile('releases', id));
    await writeFile(
      lockFile,
      JSON.stringify({ pid: process.pid, host: hostname(), time: new Date().toISOString(), token: 'other' }),
    );
    const routes = { ...store.saveRoutes };
    const saving = store.save({ ...w.open.window1!, headline: 'Written once the lock is free' });
    // The save's write was sent with its first try at the lock; the worker answers in order, so once it has answered
    // a later question, it has turned that write away.
    await unlockInWorker(join(root, 'no-such.lock'), { ino: 0, size: 0, mtimeMs: 0 });
    expect(await revisionFiles(w, id)).toEqual(before);
    await rm(lockFile);
    const saved = await saving;
    expect(saved.headline).toBe('Written once the lock is free');
    expect(store.saveRoutes.readUnderLock - routes.readUnderLock).toBe(1);
    expect(Object.keys(await revisionFiles(w, id))).toHaveLength(Object.keys(before).length + 1);
    expect(existsSync(lockFile)).toBe(false);
  });

  it('is the usual save of a release a colleague saved too, from the second save after their revision arrived', async () => {
    run++;
    const w = await world('shared', true);
    const id = (await w.stores.window1.create('news-release')).id;
    expect(await take(w, id, { kind: 'arrive', headline: 0 })).toHaveProperty('ok');
    await take(w, id, { kind: 'reopen', writer: 'window1' });
    const { saveRoutes } = w.stores.window1;
    const before = { ...saveRoutes };
    await take(w, id, { kind: 'save', writer: 'window1', headline: 1, fromOpened: false, times: 3 });
    // The first reads the colleague's file under the lock, and keeps it as checked; the next two need no read.
    expect(saveRoutes.readUnderLock - before.readUnderLock).toBe(1);
    expect(saveRoutes.workedOutEarly - before.workedOutEarly).toBe(2);
    expect((await w.stores.window2.get(id)).headline).toBe(`${HEADLINES[1]} 2`);
  });

  it(`writes what a save that reads the heads under its lock writes, whatever changed in between (${RUNS} runs, fast-check)`, async () => {
    let workedOutEarly = 0;
    let readUnderLock = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 14 }), async (steps) => {
        run++;
        const early = await world('early', true);
        const plain = await world('plain', false);
        const id = (await early.stores.window1.create('news-release')).id;
        expect((await plain.stores.window1.create('news-release')).id).toBe(id);
        for (const s of steps) {
          clock += 1000;
          const fromEarly = await take(early, id, s);
          const fromPlain = await take(plain, id, s);
          expect({ step: s, answer: fromEarly }).toEqual({ step: s, answer: fromPlain });
          expect(await revisionFiles(early, id)).toEqual(await revisionFiles(plain, id));
        }
        for (const store of Object.values(early.stores)) {
          workedOutEarly += store.saveRoutes.workedOutEarly;
          readUnderLock += store.saveRoutes.readUnderLock;
        }
        for (const store of Object.values(plain.stores)) expect(store.saveRoutes.workedOutEarly).toBe(0);
      }),
      {
        numRuns: RUNS,
        // Always tried first: a colleague's first revision arriving between two saves (no file of this computer's
        // changes), and this computer's newest file changed in place between two saves.
        examples: [
          [
            [
              { kind: 'save', writer: 'window1', headline: 0, fromOpened: false, times: 2 },
              { kind: 'save', writer: 'colleague', headline: 1, fromOpened: false, times: 1 },
              { kind: 'save', writer: 'window1', headline: 2, fromOpened: false, times: 1 },
              { kind: 'save', writer: 'window1', headline: 0, fromOpened: false, times: 1 },
            ],
          ],
          [
            [
              { kind: 'save', writer: 'window1', headline: 0, fromOpened: false, times: 2 },
              { kind: 'damage', computer: 'me' },
              { kind: 'save', writer: 'window1', headline: 1, fromOpened: false, times: 2 },
              { kind: 'remove-newest', computer: 'me' },
            ],
          ],
        ],
      },
    );
    // Both ways were taken, often: the property compared something.
    expect(workedOutEarly).toBeGreaterThan(RUNS);
    expect(readUnderLock).toBeGreaterThan(RUNS);
  }, 120_000);
});
