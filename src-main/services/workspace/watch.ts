import { watch as fsWatch, promises as fsp, type FSWatcher } from 'node:fs';
import { basename } from 'node:path';
import { SHARED_FOLDERS, type WorkspaceLayout } from './layout';
import type { WorkspaceChanges } from '../../../src-shared/api/contract';
import { IdSchema } from '../../../src-shared/release/schema';
import { isTempFileName } from './durable-file';
import { mapLimit } from './map-limit';

/**
 * Notices changes that another window or another computer makes to a shared workspace folder, so that the
 * library and an open release can follow them without a restart.
 *
 * Three sources feed one change counter:
 *  - `fs.watch` on `releases/` and on the workspace folder (for `workspace.json`): immediate on local disks and on
 *    folders kept in step by a sync client, which writes through the local file system;
 *  - a slow rescan of file times while fs.watch runs, because on network shares (SMB, NFS) the OS only reports
 *    changes made by this computer: a colleague's save arrives without any event;
 *  - polling every `pollMs` instead, when fs.watch cannot be used at all or fails later (no inotify watches left,
 *    a share that refuses notifications, the folder replaced under the watcher).
 *
 * A reader keeps the cursor of its previous call and asks what changed since; the answer never depends on how
 * often it asks.
 */
export interface WorkspaceWatch {
  /** Releases whose file was created, changed, deleted or moved since the cursor (sorted), and workspace.json. */
  changesSince(cursor: number): WorkspaceChanges;
  /** 'watch' while fs.watch is in use, 'poll' after falling back to polling. */
  readonly mode: 'watch' | 'poll';
  /** Resolves once the first snapshot of the folder is taken: changes after this are never missed. */
  readonly ready: Promise<void>;
  close(): void;
}

type WatchFolder = (
  folder: string,
  listener: (event: string, filename: string | null) => void,
  recursive?: boolean,
) => FSWatcher;

export interface WorkspaceWatchOptions {
  /** Collects the burst of events one save makes (temp file, rename, folder sync) into one change. */
  debounceMs?: number;
  /** Scan interval when fs.watch is not available. */
  pollMs?: number;
  /** Scan interval while fs.watch runs, for the changes it cannot see (network shares). */
  rescanMs?: number;
  /** How folders are watched; tests pass one that fails, or that counts open watchers. */
  watchFolder?: WatchFolder;
}

const STAT_CONCURRENCY = 16;

// persistent: false, so that a forgotten watch never keeps a CLI run or a test worker alive.
const defaultWatchFolder: WatchFolder = (folder, listener, recursive = false) =>
  fsWatch(folder, { persistent: false, recursive }, (event, filename) => listener(event, filename));

/**
 * The release a name under `releases/` belongs to: `<id>` (its revisions folder), `<id>/<revision>.json` (a
 * revision arriving) or `<id>.json` (a file of an older Pressroom); temp files and `.lock` files are not releases.
 */
export function releaseIdOfFileName(name: string): string | null {
  const parts = name.split(/[\\/]/);
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (isTempFileName(last) || last.endsWith('.lock')) return null;
  const id = parts.length === 1 && first.endsWith('.json') ? first.slice(0, -'.json'.length) : first;
  return IdSchema.safeParse(id).success ? id : null;
}

export function createWorkspaceWatch(
  layout: WorkspaceLayout,
  options: WorkspaceWatchOptions = {},
): WorkspaceWatch {
  const debounceMs = options.debounceMs ?? 100;
  const pollMs = options.pollMs ?? 2000;
  const rescanMs = options.rescanMs ?? 10_000;
  const watchFolder = options.watchFolder ?? defaultWatchFolder;
  const folder = layout.shared;
  const releasesFolder = layout.folder('releases');
  const workspaceFile = layout.workspaceFile;
  const changesFolder = layout.folder('workspaceChanges');

  /**
   * A release changes when a revision is added to its folder (the folder's time and entries change) or an older
   * Pressroom rewrites its whole file.
   */
  const releaseSignature = async (id: string): Promise<string | null> => {
    const [revisions, older] = await Promise.all([
      signatureOf(layout.revisionsFolder(id)),
      signatureOf(layout.releaseFile('releases', id)),
    ]);
    return revisions === null && older === null ? null : `${revisions}|${older}`;
  };

  /** The profile and settings change when workspace.json does or when any computer appends a change. */
  const workspaceSignatureNow = async (): Promise<string | null> => {
    const parts = [await signatureOf(workspaceFile)];
    const names = await fsp.readdir(changesFolder).catch(() => [] as string[]);
    for (const name of names.sort()) parts.push(`${name}=${await signatureOf(`${changesFolder}/${name}`)}`);
    return parts.join('|');
  };

  let counter = 0;
  /** The counter value at each release's latest change: memory grows with the releases touched, not with time. */
  const changedAt = new Map<string, number>();
  let workspaceChangedAt = 0;

  /** What the last look at the disk saw, so that a scan reports differences rather than everything. */
  let snapshot = new Map<string, string>();
  let workspaceSignature: string | null = null;

  const pendingIds = new Set<string>();
  let pendingWorkspace = false;
  let debounceTimer: NodeJS.Timeout | undefined;
  let firstPendingAt = 0;

  let watchers: FSWatcher[] = [];
  let mode: 'watch' | 'poll' = 'watch';
  let scanTimer: NodeJS.Timeout | undefined;
  /** The scan in progress; a request for another one meanwhile makes it go round once more. */
  let scanning: Promise<void> | null = null;
  let scanAgain = false;
  let seeded = false;
  let closed = false;

  function record(ids: Iterable<string>, workspace: boolean): void {
    const list = [...ids];
    if (list.length === 0 && !workspace) return;
    counter += 1;
    for (const id of list) changedAt.set(id, counter);
    if (workspace) workspaceChangedAt = counter;
  }

  function flush(): void {
    debounceTimer = undefined;
    if (closed) return;
    const ids = [...pendingIds];
    const workspace = pendingWorkspace;
    pendingIds.clear();
    pendingWorkspace = false;
    record(ids, workspace);
    // Bring the snapshot up to date so that the next rescan does not report the same change again.
    void refreshSignatures(ids, workspace);
  }

  function schedule(): void {
    if (closed) return;
    const now = Date.now();
    if (debounceTimer === undefined) firstPendingAt = now;
    else clearTimeout(debounceTimer);
    // A steady stream of events (a sync client catching up) must not postpone the report for ever.
    const wait = now - firstPendingAt >= debounceMs * 10 ? 0 : debounceMs;
    debounceTimer = setTimeout(flush, wait);
    debounceTimer.unref();
  }

  async function refreshSignatures(ids: string[], workspace: boolean): Promise<void> {
    await mapLimit(ids, STAT_CONCURRENCY, async (id) => {
      const signature = await releaseSignature(id);
      if (signature === null) snapshot.delete(id);
      else snapshot.set(id, signature);
    });
    if (workspace) workspaceSignature = await workspaceSignatureNow();
  }

  /**
   * Compares the folder with the snapshot and reports the differences; the first successful scan only takes the
   * snapshot. A folder that cannot be listed (a share gone offline) is skipped rather than taken as "every release
   * was deleted".
   */
  function scan(): Promise<void> {
    if (closed) return Promise.resolve();
    if (scanning) {
      scanAgain = true;
      return scanning;
    }
    const run = async () => {
      try {
        do {
          scanAgain = false;
          await scanOnce();
        } while (scanAgain && !closed);
      } finally {
        scanning = null;
      }
    };
    scanning = run();
    return scanning;
  }

  async function scanOnce(): Promise<void> {
    let names: string[];
    try {
      names = await fsp.readdir(releasesFolder);
    } catch {
      return;
    }
    const ids = [...new Set(names.map(releaseIdOfFileName).filter((id): id is string => id !== null))];
    const next = new Map<string, string>();
    await mapLimit(ids, STAT_CONCURRENCY, async (id) => {
      const signature = await releaseSignature(id);
      if (signature !== null) next.set(id, signature);
    });
    const nextWorkspace = await workspaceSignatureNow();
    if (closed) return;
    if (seeded) {
      const changed = new Set<string>();
      for (const [id, signature] of next) if (snapshot.get(id) !== signature) changed.add(id);
      for (const id of snapshot.keys()) if (!next.has(id)) changed.add(id);
      record(changed, nextWorkspace !== workspaceSignature);
    }
    snapshot = next;
    workspaceSignature = nextWorkspace;
    seeded = true;
  }

  function scheduleScan(): void {
    if (closed) return;
    clearTimeout(scanTimer);
    scanTimer = setTimeout(
      () => {
        void scan().finally(scheduleScan);
      },
      mode === 'watch' ? rescanMs : pollMs,
    );
    scanTimer.unref();
  }

  function fallBackToPolling(): void {
    if (closed || mode === 'poll') return;
    mode = 'poll';
    closeWatchers();
    // Whatever happened while the watcher was failing is found by comparing with the snapshot, so scan now.
    void scan();
    scheduleScan();
  }

  function closeWatchers(): void {
    for (const watcher of watchers) {
      try {
        watcher.close();
      } catch {
        // Already closed by the failure that brought us here.
      }
    }
    watchers = [];
  }

  function startWatching(): void {
    try {
      // Recursive: revisions arrive inside releases/<id>/.
      const releasesWatcher = watchFolder(
        releasesFolder,
        (_event, filename) => {
          if (!filename) {
            // Some platforms do not say which file changed: only a comparison with the snapshot can tell.
            void scan();
            return;
          }
          const id = releaseIdOfFileName(String(filename));
          if (id === null) return;
          pendingIds.add(id);
          schedule();
        },
        true,
      );
      watchers.push(releasesWatcher);
      releasesWatcher.on('error', fallBackToPolling);
      try {
        const changesWatcher = watchFolder(changesFolder, () => {
          pendingWorkspace = true;
          schedule();
        });
        watchers.push(changesWatcher);
        changesWatcher.on('error', fallBackToPolling);
      } catch {
        // Not made yet: the root watcher sees it appear and starts watching it then.
      }
      const rootWatcher = watchFolder(folder, (_event, filename) => {
        const name = filename ? String(filename) : null;
        if (name === SHARED_FOLDERS.releases) {
          // releases/ itself was replaced (restored from a backup, re-synced): the old watcher sees nothing more.
          restartWatching();
        } else if (name === null) {
          void scan();
        } else if (name === basename(workspaceFile)) {
          pendingWorkspace = true;
          schedule();
        } else if (name === SHARED_FOLDERS.workspaceChanges) {
          // Made (or replaced) since watching began: watch inside it from now on.
          pendingWorkspace = true;
          schedule();
          restartWatching();
        }
      });
      watchers.push(rootWatcher);
      rootWatcher.on('error', fallBackToPolling);
    } catch {
      // ENOSPC (no inotify watches left), ENOENT, EPERM, or no fs.watch support on this file system.
      fallBackToPolling();
    }
  }

  function restartWatching(): void {
    if (closed || mode === 'poll') return;
    closeWatchers();
    startWatching();
    void scan();
  }

  startWatching();
  const ready = scan().then(() => {
    if (!closed) scheduleScan();
  });

  return {
    changesSince(cursor) {
      // A cursor from before a restart of this side cannot be compared with the new counter: report everything.
      const reset = !Number.isInteger(cursor) || cursor < 0 || cursor > counter;
      const from = reset ? 0 : cursor;
      const releaseIds = [...changedAt]
        .filter(([, at]) => at > from)
        .map(([id]) => id)
        .sort();
      return { cursor: counter, releaseIds, workspaceChanged: reset || workspaceChangedAt > from };
    },
    get mode() {
      return mode;
    },
    ready,
    close() {
      closed = true;
      closeWatchers();
      clearTimeout(debounceTimer);
      clearTimeout(scanTimer);
      debounceTimer = undefined;
      scanTimer = undefined;
    },
  };
}

/** Size, change time and file identity: a save by rename gives a new inode even when time and size look equal. */
async function signatureOf(path: string): Promise<string | null> {
  try {
    const stats = await fsp.stat(path);
    return `${stats.mtimeMs}:${stats.size}:${stats.ino}`;
  } catch {
    return null;
  }
}
