import { contentHash } from '../../../src-shared/workflow/content-hash';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import type { RecoverableEdit } from '../../../src-shared/api/contract';
import { ReleaseSchema, type Release } from '../../../src-shared/release/schema';
import { readTextFile, toJsonText, writeFileDurably } from './durable-file';
import { checkReleaseId, isValidId, type WorkspaceStore } from './store';

/**
 * Edits that have not reached the release file yet. The editor stashes its text here a moment after each change
 * (sooner than the autosave); a successful save of the same text removes the stash. Whatever is left when the
 * app next opens is offered back: after a crash, a killed window, a refused or failed save.
 *
 * Stashes live in the workspace but per person and machine (`.recovery/<user>@<host>/`), so that colleagues on a
 * shared folder never see, or are offered, each other's unsaved text.
 */
export interface EditRecovery {
  stash(release: Release): Promise<{ stashedAt: string }>;
  list(): Promise<RecoverableEdit[]>;
  discard(id: string): Promise<void>;
  /** After a save: drop the stash if it holds exactly what was saved (newer typing must survive). */
  clearIfSaved(saved: Release): Promise<void>;
}

interface StashFile {
  stashedAt: string;
  release: Release;
}

export function recoveryFolder(workspaceFolder: string): string {
  let user = 'user';
  try {
    user = userInfo().username;
  } catch {
    // Some containers have no passwd entry; the host name still keeps machines apart.
  }
  const owner = `${user}@${hostname()}`.replace(/[^A-Za-z0-9@._-]/g, '_');
  return join(workspaceFolder, '.recovery', owner);
}

/** Content only (the content hash): revision, timestamps, status and sign-offs do not make an edit different. */
function sameContent(a: Release, b: Release): boolean {
  return contentHash(a) === contentHash(b);
}

export function createEditRecovery(store: WorkspaceStore, now: () => Date = () => new Date()): EditRecovery {
  const folder = recoveryFolder(store.path);
  const fileOf = (id: string) => join(folder, `${checkReleaseId(id)}.json`);

  async function read(id: string): Promise<StashFile | null> {
    const text = await readTextFile(fileOf(id)).catch(() => null);
    if (text === null) return null;
    try {
      const raw = JSON.parse(text) as { stashedAt?: unknown; release?: unknown };
      const release = ReleaseSchema.parse(raw.release);
      return {
        stashedAt: typeof raw.stashedAt === 'string' ? raw.stashedAt : new Date(0).toISOString(),
        release,
      };
    } catch {
      // A torn stash is worth nothing and must not block the editor: it is simply dropped.
      await rm(fileOf(id), { force: true });
      return null;
    }
  }

  return {
    async stash(release) {
      const stashedAt = now().toISOString();
      await mkdir(folder, { recursive: true });
      await writeFileDurably(fileOf(release.id), toJsonText({ stashedAt, release } satisfies StashFile));
      return { stashedAt };
    },

    async list() {
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
      await rm(fileOf(id), { force: true });
    },

    async clearIfSaved(saved) {
      const stash = await read(saved.id);
      if (stash && sameContent(stash.release, saved)) await rm(fileOf(saved.id), { force: true });
    },
  };
}
