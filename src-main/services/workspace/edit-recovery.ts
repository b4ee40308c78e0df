import { mkdir, readdir, readFile, rename, rm, rmdir } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import type { RecoverableEdit } from '../../../src-shared/api/contract';
import type { Release, ReleaseContent } from '../../../src-shared/release/schema';
import { StashedReleaseSchema } from '../../../src-shared/release/stash-schema';
import { contentHash } from '../../../src-shared/workflow/content-hash';
import { isErrorCode, readTextFile, syncFolder, toJsonText, writeFileDurably } from './durable-file';
import type { WorkspaceLayout } from './layout';
import { checkReleaseId, isValidId, type WorkspaceStore } from './store';

/**
 * Edits that have not reached the release file yet. The editor stashes its text here a moment after each change
 * (sooner than the autosave); a successful save of the same text removes the stash. Whatever is left when the
 * app next opens is offered back: after a crash, a killed window, a refused or failed save.
 *
 * Stashes are this person's unsaved typing on this computer, so they live in the user-data folder
 * (layout.recoveryFolder()), never in the shared folder: a sync engine copied the old `.recovery/<user>@<host>/`
 * folder to every colleague's computer. Stashes found there are moved here when the workspace opens.
 *
 * A stash holds the release as typed, text over a limit included (StashedReleaseSchema): the store never sees it.
 * What is offered back is only what really did not reach the release: a stash whose content is on disk is dropped,
 * and the list waits for saves and stashes still being written (a page sends its last edits as it closes, and the
 * next page asks straight away), so that an edit on its way is not reported as lost (issue 14, item 5).
 */
export interface EditRecovery {
  stash(release: Release): Promise<{ stashedAt: string }>;
  /**
   * Stashes some sections only, on top of this release's stash (`onto: 'stash'`) or of the release as stored: the
   * last edits of a page closing with a release too large to send whole.
   */
  stashChanges(
    id: string,
    changes: Partial<ReleaseContent>,
    onto: 'stash' | 'release',
  ): Promise<{ stashedAt: string }>;
  list(): Promise<RecoverableEdit[]>;
  /** Runs a save of a release; `list` waits for it, so that a save still being written is not taken for lost. */
  whileSaving<T>(save: () => Promise<T>): Promise<T>;
  discard(id: string): Promise<void>;
  /** After a save: drop the stash if it holds exactly what was saved (newer typing must survive). */
  clearIfSaved(saved: Release): Promise<void>;
  /** Resolves once stashes left in the shared folder by an older Pressroom have been moved here. */
  readonly migrated: Promise<void>;
}

interface StashFile {
  stashedAt: string;
  release: Release;
}

/** `<user>@<host>`: the folder an older Pressroom stashed this person's edits in, inside the shared folder. */
export function legacyOwnerName(): string {
  let user = 'user';
  try {
    user = userInfo().username;
  } catch {
    // Some containers have no passwd entry; the host name still keeps machines apart.
  }
  return `${user}@${hostname()}`.replace(/[^A-Za-z0-9@._-]/g, '_');
}

/** Where an older Pressroom kept this person's stashes: `.recovery/<user>@<host>/` in the shared folder. */
export function legacyRecoveryFolder(layout: WorkspaceLayout): string {
  return join(layout.folder('legacyRecovery'), legacyOwnerName());
}

/** Content only (the content hash): revision, timestamps, status and sign-offs do not make an edit different. */
function sameContent(a: Release, b: Release): boolean {
  return contentHash(a) === contentHash(b);
}

export function createEditRecovery(store: WorkspaceStore, now: () => Date = () => new Date()): EditRecovery {
  const folder = store.layout.recoveryFolder();
  const fileOf = (id: string) => join(folder, `${checkReleaseId(id)}.json`);
  // Started now, when the workspace opens; every call waits for it, so a stash is never offered twice or missed.
  const migrated = migrateLegacyStashes(legacyRecoveryFolder(store.layout), folder).catch(() => undefined);

  async function read(id: string): Promise<StashFile | null> {
    const stash = await readStash(fileOf(id));
    if (stash === 'torn') {
      // A torn stash is worth nothing and must not block the editor: it is simply dropped.
      await rm(fileOf(id), { force: true });
      return null;
    }
    return stash;
  }

  /** Saves and stashes being written now: the list answers once they are on disk. */
  const writing = new Set<Promise<unknown>>();
  function tracked<T>(work: Promise<T>): Promise<T> {
    writing.add(work);
    const done = () => writing.delete(work);
    work.then(done, done);
    return work;
  }
  async function writesDone(): Promise<void> {
    while (writing.size > 0) await Promise.allSettled([...writing]);
  }

  /** One write at a time per release, in the order asked: changes go on top of the stash before them. */
  const queues = new Map<string, Promise<unknown>>();
  function inTurn<T>(id: string, work: () => Promise<T>): Promise<T> {
    const previous = queues.get(id) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    queues.set(id, next);
    const forget = () => {
      if (queues.get(id) === next) queues.delete(id);
    };
    next.then(forget, forget);
    return tracked(next);
  }
  async function write(release: Release) {
    await migrated;
    const stashedAt = now().toISOString();
    await mkdir(folder, { recursive: true });
    await writeFileDurably(fileOf(release.id), toJsonText({ stashedAt, release } satisfies StashFile));
    return { stashedAt };
  }

  return {
    migrated,
    stash(release) {
      return inTurn(release.id, () => write(release));
    },

    stashChanges(id, changes, onto) {
      return inTurn(id, async () => {
        await migrated;
        const base = (onto === 'stash' ? (await read(id))?.release : undefined) ?? (await store.get(id));
        return write(StashedReleaseSchema.parse({ ...base, ...changes }));
      });
    },

    whileSaving(save) {
      return tracked(save());
    },

    async list() {
      await migrated;
      await writesDone();
      const names = await readdir(folder).catch(() => [] as string[]);
      const out: RecoverableEdit[] = [];
      for (const name of names) {
        if (!name.endsWith('.json')) continue;
        const id = name.slice(0, -'.json'.length);
        if (!isValidId(id)) continue;
        const stash = await read(id);
        if (!stash) continue;
        const current: Release | null = await store.get(id).catch(() => null);
        if (current && sameContent(current, stash.release)) {
          // It reached the disk after all (or someone saved the same text): nothing to offer.
          await rm(fileOf(id), { force: true });
          continue;
        }
        out.push({
          release: stash.release,
          stashedAt: stash.stashedAt,
          currentRevision: current?.revision ?? null,
        });
      }
      return out.sort((a, b) => b.stashedAt.localeCompare(a.stashedAt));
    },

    async discard(id) {
      await migrated;
      await rm(fileOf(id), { force: true });
    },

    async clearIfSaved(saved) {
      await migrated;
      const stash = await read(saved.id);
      if (stash && sameContent(stash.release, saved)) await rm(fileOf(saved.id), { force: true });
    },
  };
}

async function readStash(path: string): Promise<StashFile | null | 'torn'> {
  const text = await readTextFile(path).catch(() => null);
  if (text === null) return null;
  try {
    const raw = JSON.parse(text) as { stashedAt?: unknown; release?: unknown };
    // As typed: a stash may hold text over a limit (that is why it was kept).
    const release = StashedReleaseSchema.parse(raw.release);
    return {
      stashedAt: typeof raw.stashedAt === 'string' ? raw.stashedAt : new Date(0).toISOString(),
      release,
    };
  } catch {
    return 'torn';
  }
}

/**
 * Moves this person's stashes from the shared folder's `.recovery/<user>@<host>/` to the user-data folder. Only
 * this person's own folder: a colleague's folder (copied here by a sync engine) is theirs, and their Pressroom moves
 * it on their computer. Nothing is lost: a file is copied and flushed before the original goes; when both places
 * hold a stash of one release (an older Pressroom still running elsewhere) the newer one is kept, and a file that
 * is not a readable stash is left where it is.
 */
async function migrateLegacyStashes(from: string, to: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(from);
  } catch (error) {
    if (isErrorCode(error, 'ENOENT', 'ENOTDIR')) return;
    throw error;
  }
  await mkdir(to, { recursive: true });
  for (const name of names) {
    if (!name.endsWith('.json') || !isValidId(name.slice(0, -'.json'.length))) continue;
    const source = join(from, name);
    const target = join(to, name);
    const moving = await readStash(source);
    if (moving === null || moving === 'torn') continue;
    const existing = await readStash(target);
    if (existing === null || existing === 'torn' || existing.stashedAt < moving.stashedAt) {
      await moveFile(source, target);
    } else {
      await rm(source, { force: true });
    }
  }
  // Leave no empty folders behind for the engines to carry around; anything still in them stays.
  await rmdir(from).catch(() => undefined);
  await rmdir(join(from, '..')).catch(() => undefined);
}

/** A rename when both are on one file system; otherwise copy, flush, then remove (the user-data folder is local). */
async function moveFile(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if (!isErrorCode(error, 'EXDEV')) throw error;
    // writeFileDurably goes through a temp file beside `to` and flushes it before the original is removed.
    await writeFileDurably(to, await readFile(from));
    await rm(from, { force: true });
  }
  await syncFolder(join(to, '..'));
}
