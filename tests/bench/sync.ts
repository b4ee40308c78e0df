import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { call, createDispatcher, createWorkspaceHandlers } from '../../src-main/services/api/dispatch';
import { createMemoryIdentityStore } from '../../src-main/services/identity';
import { createWorkspaceWatch } from '../../src-main/services/workspace/watch';
import { openWorkspace } from '../../src-main/services/workspace/store';
import { quantile, type BenchRow } from './rows';

/**
 * `npm run bench -- sync` (issue 12): what Pressroom itself adds on a shared folder.
 *
 *  - arrival -> screen: a colleague's save reaches this computer as one new revision file (the engine writes a temp
 *    file and renames it into `releases/<id>/`); measured from that rename to `workspace.changes` reporting the
 *    release and `releases.get` answering the new text, through the API dispatcher with the app's own watch.
 *    The engine's transfer comes before it and the renderer's poll (every 2 s) after it: neither is Pressroom's
 *    work on the file, so neither is in the figure.
 *  - open, 1,000 revisions vs 10: `store.get` of a release saved 1,000 times against one saved 10 times. The heads
 *    are found from one listing and one read per computer, so the ratio must stay small (target <= 3x).
 */

const ARRIVALS = 40;
const OPENS = 200;
/** Arrival -> screen, Pressroom's part: the watch's 100 ms debounce plus its scan and one read. */
const ARRIVAL_TARGET_MS = 300;
const OPEN_RATIO_TARGET = 3;

async function scratch(prefix: string): Promise<string> {
  return mkdtemp(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), prefix));
}

/** Milliseconds from a revision file's arrival to the colleague's API answering with its text, ARRIVALS times. */
async function arrivalTimes(): Promise<number[]> {
  const root = await scratch('pressroom-bench-sync-');
  const folderA = join(root, 'a', 'workspace');
  const folderB = join(root, 'b', 'workspace');
  try {
    const a = await openWorkspace(folderA, { userData: join(root, 'a', 'user-data') });
    const b = await openWorkspace(folderB, { userData: join(root, 'b', 'user-data') });
    let release = await a.create('news-release');
    const revisionsA = a.layout.revisionsFolder(release.id);
    const revisionsB = b.layout.revisionsFolder(release.id);
    // The colleague starts with the release as it was created.
    await mkdir(revisionsB, { recursive: true });
    for (const name of await readdir(revisionsA)) {
      if (name.endsWith('.json')) await copyFile(join(revisionsA, name), join(revisionsB, name));
    }
    const watch = createWorkspaceWatch(b.layout);
    const dispatch = createDispatcher(
      createWorkspaceHandlers(b, {
        watch,
        identity: createMemoryIdentityStore({ id: 'u-ben', name: 'Ben', roles: ['writer'] }),
        userData: join(root, 'b', 'user-data'),
      }),
    );
    try {
      await watch.ready;
      const first = await call(dispatch, 'workspace.changes', { cursor: 0 });
      if (!first.ok) throw new Error(first.error.message);
      let cursor = first.value.cursor;
      const times: number[] = [];
      for (let i = 0; i < ARRIVALS + 3; i++) {
        const headline = `Arrival ${i}`;
        release = await a.save({ ...release, headline });
        const name = `${String(release.revision).padStart(8, '0')}.${a.layout.computer.id}.json`;
        // As the engine delivers: the whole file under a temp name it skips, then renamed into place.
        const temp = join(revisionsB, `.syncthing.${name}.tmp`);
        await copyFile(join(revisionsA, name), temp);
        const started = performance.now();
        await rename(temp, join(revisionsB, name));
        for (;;) {
          const changes = await call(dispatch, 'workspace.changes', { cursor });
          if (!changes.ok) throw new Error(changes.error.message);
          cursor = changes.value.cursor;
          if (changes.value.releaseIds.includes(release.id)) break;
          await nextTurn();
        }
        for (;;) {
          const shown = await call(dispatch, 'releases.get', { id: release.id });
          if (!shown.ok) throw new Error(shown.error.message);
          if (shown.value.headline === headline) break;
          await nextTurn();
        }
        // The first few warm the watch and the module caches.
        if (i >= 3) times.push(performance.now() - started);
      }
      return times;
    } finally {
      watch.close();
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** A workspace holding one release saved `revisions` times; answers how to open it and how to clean up. */
async function releaseWith(revisions: number) {
  const root = await scratch('pressroom-bench-open-');
  const store = await openWorkspace(join(root, 'workspace'), { userData: join(root, 'user-data') });
  let release = await store.create('news-release');
  for (let i = 1; i < revisions; i++) release = await store.save({ ...release, headline: `Save ${i}` });
  const expected = release.revision;
  return {
    async open(): Promise<number> {
      const started = performance.now();
      const opened = await store.get(release.id);
      const elapsed = performance.now() - started;
      if (opened.revision !== expected) throw new Error('opened the wrong revision');
      return elapsed;
    },
    close: () => rm(root, { recursive: true, force: true }),
  };
}

/**
 * Milliseconds of `store.get` on a release of 10 and of 1,000 revisions, OPENS times each. The two are opened in
 * turn, so that whatever else the machine is doing weighs on both alike and the ratio stays a ratio.
 */
async function openTimes(): Promise<{ ten: number[]; thousand: number[] }> {
  const small = await releaseWith(10);
  const large = await releaseWith(1000);
  try {
    for (let i = 0; i < 10; i++) {
      await small.open();
      await large.open();
    }
    const ten: number[] = [];
    const thousand: number[] = [];
    for (let i = 0; i < OPENS; i++) {
      ten.push(await small.open());
      thousand.push(await large.open());
    }
    return { ten, thousand };
  } finally {
    await small.close();
    await large.close();
  }
}

/** Adds the sync rows (run.ts gates them like every other row). */
export async function syncRows(rows: BenchRow[]): Promise<void> {
  const arrival = await arrivalTimes();
  rows.push({
    name: 'sync: revision arrives -> API shows it',
    median: quantile(arrival, 0.5),
    p95: quantile(arrival, 0.95),
    target: ARRIVAL_TARGET_MS,
    unit: 'ms',
  });
  const { ten, thousand } = await openTimes();
  rows.push({
    name: 'sync: open, 10 revisions',
    median: quantile(ten, 0.5),
    p95: quantile(ten, 0.95),
    target: 0,
    unit: 'ms',
    gate: 'none',
  });
  rows.push({
    name: 'sync: open, 1,000 revisions',
    median: quantile(thousand, 0.5),
    p95: quantile(thousand, 0.95),
    target: 0,
    unit: 'ms',
    gate: 'none',
  });
  const ratio = quantile(thousand, 0.5) / Math.max(0.01, quantile(ten, 0.5));
  const ratio95 = quantile(thousand, 0.95) / Math.max(0.01, quantile(ten, 0.95));
  rows.push({
    name: 'sync: open 1,000 / 10 revisions',
    median: ratio,
    p95: ratio95,
    target: OPEN_RATIO_TARGET,
    unit: 'x',
    gate: 'median',
  });
}
