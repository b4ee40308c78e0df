import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import {
  call,
  createDispatcher,
  createWorkspaceHandlers,
  type ApiDispatcher,
} from '../../src-main/services/api/dispatch';
import { createMemoryIdentityStore } from '../../src-main/services/identity';
import { createReviewComments, type ReviewComments } from '../../src-main/services/review/comments';
import { openWorkspace, type WorkspaceStore } from '../../src-main/services/workspace/store';
import type { Person } from '../../src-shared/workflow/workflow';
import type { SyncthingNode, SyncthingPair } from './syncthing';

export { START_TIMEOUT_MS, STOP_TIMEOUT_MS } from './syncthing';

/** Two colleagues, each on a computer of their own with their own copy of the synced folder. */
export const ANA: Person = { id: 'u-ana', name: 'Ana (computer A)', roles: ['writer', 'reviewer'] };
export const BEN: Person = { id: 'u-ben', name: 'Ben (computer B)', roles: ['writer', 'reviewer'] };

// Every import of the app's services is in this file, so that a move of the services touches one place.

export interface Desk {
  person: Person;
  store: WorkspaceStore;
  /** The app's API on this computer's copy, as the desktop app or the browser host would call it. */
  dispatch: ApiDispatcher;
  /** The app's comment service on this computer's copy. */
  comments: ReviewComments;
}

export interface Office {
  a: Desk;
  b: Desk;
}

/**
 * Opens the workspace `workspace` (a folder inside the synced folder) on both computers, as the app does: first
 * on A (which makes the workspace), then, once the engines have carried it over, on B.
 */
export async function openOffice(pair: SyncthingPair, workspace = 'workspace'): Promise<Office> {
  const open = async (node: SyncthingNode, person: Person): Promise<Desk> => {
    // Each computer's own part (stashes, caches) goes to its user-data folder, outside the synced folder.
    const store = await openWorkspace(join(node.folder, workspace), { userData: node.local });
    const dispatch = createDispatcher(
      createWorkspaceHandlers(store, { identity: createMemoryIdentityStore(person), userData: node.local }),
    );
    return { person, store, dispatch, comments: createReviewComments(store.layout) };
  };
  const a = await open(pair.a, ANA);
  await pair.waitUntilInSync();
  const b = await open(pair.b, BEN);
  await pair.waitUntilInSync();
  return { a, b };
}

/** The value of an API answer that must have succeeded. */
export async function value<T>(
  result: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>,
): Promise<T> {
  const settled = await result;
  if (!settled.ok) throw new Error(`expected success, got: ${settled.error.message}`);
  return settled.value;
}

export { call };

/** Every file under `folder` (relative paths, '/' separated), Syncthing's marker folder left out. */
export async function filesUnder(folder: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (dir === folder && entry.name === '.stfolder') continue;
        await walk(path);
      } else if (entry.isFile()) out.push(relative(folder, path).split(sep).join('/'));
    }
  };
  await walk(folder);
  return out.sort();
}

/** Syncthing's conflict copies: `<name>.sync-conflict-<date>-<time>-<device>.<ext>`. */
export const isSyncConflict = (path: string) => /\.sync-conflict-/.test(path);
