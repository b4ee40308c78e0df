import { EventEmitter } from 'node:events';
import { watch as fsWatch, type FSWatcher } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { toJsonText, writeFileDurably } from '../../../src-main/services/workspace/durable-file';
import { withFileLock } from '../../../src-main/services/workspace/file-lock';
import { openWorkspace } from '../../../src-main/services/workspace/store';
import {
  createWorkspaceWatch,
  releaseIdOfFileName,
  type WorkspaceWatch,
  type WorkspaceWatchOptions,
} from '../../../src-main/services/workspace/watch';
import { workspaceLayout } from '../../../src-main/services/workspace/layout';

const folders: string[] = [];
const watches: WorkspaceWatch[] = [];

afterEach(async () => {
  for (const watch of watches.splice(0)) watch.close();
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

async function workspaceFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'pressroom-watch-'));
  folders.push(folder);
  await mkdir(join(folder, 'releases'));
  return folder;
}

async function startWatch(folder: string, options: WorkspaceWatchOptions = {}): Promise<WorkspaceWatch> {
  const watch = createWorkspaceWatch(workspaceLayout(folder), {
    debounceMs: 20,
    pollMs: 40,
    rescanMs: 60_000,
    ...options,
  });
  watches.push(watch);
  await watch.ready;
  return watch;
}

/** Polls until `check` passes: file events take an unknown few milliseconds to arrive. */
async function eventually<T>(read: () => T, check: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
    await sleep(10);
  }
}

/** Only for "nothing happens" checks, which need some time to pass by their nature. */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const release = (id: string, headline = 'x') => toJsonText({ id, headline });

/** A watcher that never reports anything, like fs.watch on a network share for a colleague's writes. */
function silentWatcher(): FSWatcher {
  return Object.assign(new EventEmitter(), { close() {}, ref() {}, unref() {} }) as unknown as FSWatcher;
}

describe('release file names', () => {
  it.each([
    ['r-abc123.json', 'r-abc123'],
    // A release's revisions folder, and a revision arriving in it (issue 12: every save adds a file).
    ['r-abc123', 'r-abc123'],
    ['r-abc123/00000002.press-pc1-a1b2c3.json', 'r-abc123'],
    ['r-abc123/.00000002.press-pc1-a1b2c3.json.4242.a1b2c3.tmp', null],
    ['.r-abc123.json.4242.a1b2c3.tmp', null],
    ['r-abc123.json.lock', null],
    ['r-abc123.json.lock.1a2b.stale', null],
    ['r-abc123 (conflicted copy).json', null],
    ['.DS_Store', null],
    ['notes.txt', null],
  ])('%s is release %s', (name, id) => {
    expect(releaseIdOfFileName(name)).toBe(id);
  });
});

describe('the workspace watch', () => {
  it('reports a release when a colleague’s computer adds a revision to it', async () => {
    const folder = await workspaceFolder();
    const mine = await openWorkspace(folder, { userData: await workspaceFolder() });
    const created = await mine.create('statement');
    const watch = await startWatch(folder);
    const start = watch.changesSince(0);

    const colleague = await openWorkspace(folder, { userData: await workspaceFolder() });
    expect(colleague.layout.computer.id).not.toBe(mine.layout.computer.id);
    await colleague.save({ ...(await colleague.get(created.id)), headline: 'from the other computer' });
    const changed = await eventually(
      () => watch.changesSince(start.cursor),
      (c) => c.releaseIds.length > 0,
    );
    expect(changed.releaseIds).toEqual([created.id]);
    expect((await mine.get(created.id)).headline).toBe('from the other computer');
  });

  it('reports a release that another computer writes, once, with a cursor to ask again', async () => {
    const folder = await workspaceFolder();
    const watch = await startWatch(folder);
    const start = watch.changesSince(0);
    expect(start).toEqual({ cursor: 0, releaseIds: [], workspaceChanged: false });

    await writeFileDurably(join(folder, 'releases', 'r-one.json'), release('r-one'));
    const first = await eventually(
      () => watch.changesSince(start.cursor),
      (c) => c.releaseIds.length > 0,
    );
    expect(first.releaseIds).toEqual(['r-one']);
    expect(first.workspaceChanged).toBe(false);
    expect(first.cursor).toBeGreaterThan(start.cursor);
    expect(watch.changesSince(first.cursor)).toEqual({
      cursor: first.cursor,
      releaseIds: [],
      workspaceChanged: false,
    });

    // Asking rarely loses nothing: everything since the old cursor comes back together.
    await writeFileDurably(join(folder, 'releases', 'r-two.json'), release('r-two'));
    await eventually(
      () => watch.changesSince(first.cursor),
      (c) => c.releaseIds.includes('r-two'),
    );
    await rm(join(folder, 'releases', 'r-one.json'));
    const later = await eventually(
      () => watch.changesSince(first.cursor),
      (c) => c.releaseIds.length === 2,
    );
    expect(later.releaseIds).toEqual(['r-one', 'r-two']);
    expect(watch.changesSince(start.cursor).releaseIds).toEqual(['r-one', 'r-two']);
  });

  it('reports workspace.json separately from releases', async () => {
    const folder = await workspaceFolder();
    const watch = await startWatch(folder);
    await writeFileDurably(join(folder, 'workspace.json'), '{"changed":true}\n');
    const changes = await eventually(
      () => watch.changesSince(0),
      (c) => c.workspaceChanged,
    );
    expect(changes.releaseIds).toEqual([]);
  });

  it('ignores temp files, lock files and files that are not releases', async () => {
    const folder = await workspaceFolder();
    const watch = await startWatch(folder);
    const releases = join(folder, 'releases');
    await writeFile(join(releases, '.r-one.json.999.abcdef.tmp'), 'half');
    await withFileLock(join(releases, 'r-one.json'), async () => undefined);
    await writeFile(join(releases, 'readme.txt'), 'not a release');
    await writeFile(join(folder, 'other.json'), '{}');
    await mkdir(join(folder, 'conflicts'));
    // A marker written last: once it is reported, every earlier event has been handled too.
    await writeFile(join(releases, 'r-marker.json'), release('r-marker'));
    const changes = await eventually(
      () => watch.changesSince(0),
      (c) => c.releaseIds.length > 0,
    );
    await sleep(100);
    expect(watch.changesSince(0)).toEqual({
      cursor: changes.cursor,
      releaseIds: ['r-marker'],
      workspaceChanged: false,
    });
  });

  it('collects the events of one save into one change', async () => {
    const folder = await workspaceFolder();
    const watch = await startWatch(folder, { debounceMs: 300 });
    await writeFileDurably(join(folder, 'releases', 'r-one.json'), release('r-one'));
    await writeFileDurably(join(folder, 'releases', 'r-one.json'), release('r-one', 'again'));
    const changes = await eventually(
      () => watch.changesSince(0),
      (c) => c.releaseIds.length > 0,
    );
    expect(changes.cursor).toBe(1);
  });

  it('follows the saves, deletions and restores of a store on another computer', async () => {
    const folder = await workspaceFolder();
    const watch = await startWatch(folder);
    const otherComputer = await openWorkspace(folder);
    const created = await otherComputer.create('news-release');
    let cursor = (
      await eventually(
        () => watch.changesSince(0),
        (c) => c.releaseIds.includes(created.id),
      )
    ).cursor;

    await otherComputer.save({ ...created, headline: 'Changed elsewhere' });
    cursor = (
      await eventually(
        () => watch.changesSince(cursor),
        (c) => c.releaseIds.includes(created.id),
      )
    ).cursor;
    await otherComputer.delete(created.id);
    cursor = (
      await eventually(
        () => watch.changesSince(cursor),
        (c) => c.releaseIds.includes(created.id),
      )
    ).cursor;
    await otherComputer.restore(created.id);
    await eventually(
      () => watch.changesSince(cursor),
      (c) => c.releaseIds.includes(created.id),
    );
  });

  it('treats a cursor from before a restart as "everything may have changed"', async () => {
    const folder = await workspaceFolder();
    const watch = await startWatch(folder);
    expect(watch.changesSince(57)).toEqual({ cursor: 0, releaseIds: [], workspaceChanged: true });
  });

  it('polls when fs.watch cannot be used', async () => {
    const folder = await workspaceFolder();
    await writeFile(join(folder, 'releases', 'r-old.json'), release('r-old'));
    const watch = await startWatch(folder, {
      watchFolder: () => {
        throw Object.assign(new Error('ENOSPC: no inotify watches left'), { code: 'ENOSPC' });
      },
    });
    expect(watch.mode).toBe('poll');
    // Files that were there at the start are not news.
    expect(watch.changesSince(0).releaseIds).toEqual([]);

    await writeFileDurably(join(folder, 'releases', 'r-new.json'), release('r-new'));
    await writeFile(join(folder, 'releases', '.r-new.json.1.ab.tmp'), 'half');
    const added = await eventually(
      () => watch.changesSince(0),
      (c) => c.releaseIds.length > 0,
    );
    expect(added.releaseIds).toEqual(['r-new']);
    // Same size as before: the file's time and identity still tell.
    await writeFileDurably(join(folder, 'releases', 'r-old.json'), release('r-old', 'y'));
    await rm(join(folder, 'releases', 'r-new.json'));
    await writeFileDurably(join(folder, 'workspace.json'), '{"a":1}\n');
    const more = await eventually(
      () => watch.changesSince(added.cursor),
      (c) => c.releaseIds.length === 2 && c.workspaceChanged,
    );
    expect(more.releaseIds).toEqual(['r-new', 'r-old']);
  });

  it('falls back to polling when a watcher fails later', async () => {
    const folder = await workspaceFolder();
    const failing: EventEmitter[] = [];
    const watch = await startWatch(folder, {
      watchFolder: () => {
        const watcher = silentWatcher();
        failing.push(watcher);
        return watcher;
      },
    });
    expect(watch.mode).toBe('watch');
    failing[0]!.emit('error', Object.assign(new Error('EPERM'), { code: 'EPERM' }));
    expect(watch.mode).toBe('poll');
    await writeFile(join(folder, 'releases', 'r-one.json'), release('r-one'));
    await eventually(
      () => watch.changesSince(0),
      (c) => c.releaseIds.includes('r-one'),
    );
  });

  it('finds what fs.watch does not report (a colleague on a network share) by rescanning', async () => {
    const folder = await workspaceFolder();
    const watch = await startWatch(folder, { watchFolder: silentWatcher, rescanMs: 40 });
    expect(watch.mode).toBe('watch');
    await writeFileDurably(join(folder, 'releases', 'r-remote.json'), release('r-remote'));
    await eventually(
      () => watch.changesSince(0),
      (c) => c.releaseIds.includes('r-remote'),
    );
  });

  it('close() closes every watcher and stops reporting', async () => {
    const folder = await workspaceFolder();
    let open = 0;
    const watch = await startWatch(folder, {
      rescanMs: 30,
      watchFolder: (path, listener) => {
        const watcher = fsWatch(path, { persistent: false }, (event, filename) => listener(event, filename));
        open += 1;
        watcher.once('close', () => (open -= 1));
        return watcher;
      },
    });
    expect(open).toBe(2);
    watch.close();
    await sleep(10);
    expect(open).toBe(0);
    await writeFileDurably(join(folder, 'releases', 'r-after.json'), release('r-after'));
    await sleep(150);
    expect(watch.changesSince(0)).toEqual({ cursor: 0, releaseIds: [], workspaceChanged: false });
  });

  it('close() also stops polling', async () => {
    const folder = await workspaceFolder();
    const watch = await startWatch(folder, {
      watchFolder: () => {
        throw new Error('unsupported');
      },
    });
    watch.close();
    await writeFile(join(folder, 'releases', 'r-after.json'), release('r-after'));
    await sleep(150);
    expect(watch.changesSince(0).releaseIds).toEqual([]);
  });
});
