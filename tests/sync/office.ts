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
import { SYNC_IGNORE_PATTERNS } from '../../src-main/services/workspace/layout';
import { parseRevisionName, readRevision, type Revision } from '../../src-main/services/workspace/revisions';
import { openWorkspace, type WorkspaceStore } from '../../src-main/services/workspace/store';
import type { Person } from '../../src-shared/workflow/workflow';
import type { SyncthingNode, SyncthingPair } from './syncthing';

export { START_TIMEOUT_MS, STOP_TIMEOUT_MS } from './syncthing';

/** What Pressroom asks engines to skip (its lock and temp files), as the README tells people to set it up. */
export const PRESSROOM_IGNORES = SYNC_IGNORE_PATTERNS;

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
export async function openOffice(
  pair: SyncthingPair,
  workspace = 'workspace',
  people: { a: Person; b: Person } = { a: ANA, b: BEN },
): Promise<Office> {
  const open = async (node: SyncthingNode, person: Person): Promise<Desk> => {
    // Each computer's own part (stashes, caches) goes to its user-data folder, outside the synced folder.
    const store = await openWorkspace(join(node.folder, workspace), { userData: node.local });
    const dispatch = createDispatcher(
      createWorkspaceHandlers(store, { identity: createMemoryIdentityStore(person), userData: node.local }),
    );
    return { person, store, dispatch, comments: createReviewComments(store.layout) };
  };
  const a = await open(pair.a, people.a);
  await pair.waitUntilInSync();
  const b = await open(pair.b, people.b);
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

/** Every revision file of a release in one computer's copy, read and checked as that computer's Pressroom would. */
export async function revisionsIn(store: WorkspaceStore, id: string): Promise<Map<string, Revision>> {
  const out = new Map<string, Revision>();
  const names = await readdir(store.layout.revisionsFolder(id)).catch(() => [] as string[]);
  for (const name of names) {
    const parsed = parseRevisionName(name);
    if (!parsed) continue;
    const read = await readRevision(store.layout, id, parsed);
    if (read.kind === 'ok') out.set(parsed.id, read.revision);
  }
  return out;
}

/** The revisions reachable from `heads` by their parents (what History can walk back to), by id. */
export function reachableFrom(heads: readonly string[], all: ReadonlyMap<string, Revision>): Set<string> {
  const seen = new Set<string>();
  const stack = [...heads];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(all.get(id)?.parents ?? []));
  }
  return seen;
}
