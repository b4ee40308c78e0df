import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { hostname } from 'node:os';
import { identityOf, isErrorCode, removeQuietly, type FileIdentity } from './durable-file';
import {
  lockInWorker,
  unlockInWorker,
  type ExpectedFolder,
  type NewestFiles,
  type UnlockRequest,
} from './file-worker';
import { lockFileOf, tempFileOf } from './layout';

/**
 * "Read the revision, compare, write" must happen as one step, both between two windows of one process and between
 * two computers sharing a folder. Two layers do that:
 *  - an in-process queue per file, so that callers in this process wait their turn without polling;
 *  - a `<file>.lock` created with O_EXCL, which every file system Pressroom is likely to meet (local disks, SMB,
 *    NFSv3+) creates atomically, so that only one process at a time holds it.
 * A lock left behind by a crash is broken once it is clearly abandoned: its process is gone (same computer) or it
 * is older than `staleMs` (any computer; a held lock is only held for the few milliseconds of one save).
 */

export interface LockOptions {
  /**
   * A folder to list as soon as the lock is held, in the same trip to the file worker: the action receives its
   * names (LockHeld.listing), and with `newest` (a pattern whose first group is a file's number and second its
   * writer) the identities of the newest file of each writer there (LockHeld.newest).
   */
  list?: {
    folder: string;
    newest?: RegExp;
    /**
     * What the folder is expected to hold: the file worker notes whether it does, so that a create sent under this
     * lock before the action has heard that it is held can be done in the worker's next trip
     * (createUnderExpectedLock, with the token `sent` was given).
     */
    expect?: ExpectedFolder;
    /**
     * Called as each attempt to take the lock is sent to the file worker, with the lock's owner token. Synchronously
     * within withFileLock's call for the first attempt when nobody in this process is ahead.
     */
    sent?: (token: string) => void;
  };
  /** How long to keep trying before giving up with LockBusyError. */
  timeoutMs?: number;
  /** A lock file older than this is treated as abandoned. */
  staleMs?: number;
}

const DEFAULT_TIMEOUT_MS = 2000;
const DEFAULT_STALE_MS = 30_000;

interface LockOwner {
  pid: number;
  host: string;
  time: string;
  token: string;
}

/** Another writer held the lock for longer than the caller was willing to wait. */
export class LockBusyError extends Error {
  override readonly name = 'LockBusyError';
  constructor(
    readonly lockFile: string,
    readonly owner: Partial<LockOwner> | null,
  ) {
    super(
      `Timed out waiting for ${lockFile}${owner?.host ? ` (held by ${owner.host}, process ${owner.pid})` : ''}`,
    );
  }
}

/** The lock file could not be made at all (a full disk, a read-only share): `cause` says why. */
export class LockFileError extends Error {
  override readonly name = 'LockFileError';
  /** The cause's code (ENOSPC, EROFS…), so that callers that explain file errors by their code still can. */
  readonly code: string | undefined;
  constructor(
    readonly lockFile: string,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    const code = typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
    this.code = typeof code === 'string' ? code : undefined;
  }
}

/** What an action run under a lock is given. */
export interface LockHeld {
  /** LockOptions.list's names (null: no such folder), or undefined where they could not be listed that way. */
  listing?: string[] | null;
  /** For LockOptions.list.newest: the newest file of each writer (by name, its identity), taken under the lock. */
  newest?: NewestFiles;
  /**
   * The lock's removal, for an action whose last step is one file created in the file worker: handed to
   * createFileExclusively, the lock is removed in the same trip (one trip to the worker less on every save).
   */
  release: LockRelease;
}

/** A held lock that the file worker can remove at the end of a create; see LockHeld.release. */
export interface LockRelease {
  /** The request to send with the create, or null when the lock must be removed the usual way (held too long). */
  request(): UnlockRequest | null;
  /** The worker removed it (or found it no longer ours): the action must not write anything more. */
  released(): void;
}

const queues = new Map<string, Promise<void>>();
/** Tokens of lock files this process holds right now, so that our own live lock is never mistaken for a dead one. */
const heldTokens = new Set<string>();

/** Runs `action` while holding the lock for `file` (the lock itself is `<file>.lock`). */
export async function withFileLock<T>(
  file: string,
  action: (held: LockHeld) => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const lockFile = lockFileOf(file);
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  return withMutex(lockFile, async () => {
    const hold = await acquire(lockFile, options);
    let releasedInTrip = false;
    const release: LockRelease = {
      // Only a lock held briefly is removed by its identity alone (as releaseLock does).
      request: () =>
        !releasedInTrip && heldBriefly(hold, staleMs) ? { lockFile, expected: hold.identity } : null,
      released: () => {
        releasedInTrip = true;
        heldTokens.delete(hold.token);
      },
    };
    try {
      return await action({
        ...(hold.listing !== undefined ? { listing: hold.listing } : {}),
        ...(hold.newest ? { newest: hold.newest } : {}),
        release,
      });
    } finally {
      if (!releasedInTrip) await releaseLock(lockFile, hold, staleMs);
    }
  });
}

/** An async mutex per key, for work that only needs ordering inside this process. */
export async function withMutex<T>(key: string, action: () => Promise<T>): Promise<T> {
  const previous = queues.get(key);
  let done!: () => void;
  const turn = new Promise<void>((resolveTurn) => (done = resolveTurn));
  const tail = previous ? previous.then(() => turn) : turn;
  queues.set(key, tail);
  // Nobody ahead: the action starts now, in this call, so that a lock's first step (a message to the file worker)
  // is on its way before the caller goes on (a save checks its text meanwhile: store.ts saveEdit).
  if (previous) await previous;
  try {
    return await action();
  } finally {
    done();
    // Without this the map would keep one settled promise per file ever saved.
    if (queues.get(key) === tail) queues.delete(key);
  }
}

/** A lock this process holds. */
interface LockHold {
  token: string;
  /** performance.now() when it was taken. */
  takenAt: number;
  /** The lock file's identity when it was made: tells it from a lock someone made after breaking ours. */
  identity: FileIdentity;
  /** LockOptions.list's names, listed once the lock was held, and the newest files' identities. */
  listing?: string[] | null;
  newest?: NewestFiles;
}

async function acquire(lockFile: string, options: LockOptions): Promise<LockHold> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const token = randomBytes(8).toString('hex');
  const owner: LockOwner = { pid: process.pid, host: hostname(), time: new Date().toISOString(), token };
  const deadline = Date.now() + timeoutMs;
  for (let delay = 5; ; delay = Math.min(delay * 2, 200)) {
    let hold: LockHold | null;
    try {
      hold = await tryCreate(lockFile, owner, options.list);
    } catch (error) {
      throw new LockFileError(lockFile, error);
    }
    if (hold) return hold;
    const verdict = await breakIfAbandoned(lockFile, staleMs);
    if (verdict === 'retry') continue;
    if (Date.now() >= deadline) throw new LockBusyError(lockFile, await readOwner(lockFile));
    // Jitter so that two waiters who collided once do not collide again on every retry.
    await sleep(delay / 2 + Math.random() * delay);
  }
}

/**
 * Creates `lockFile` holding `owner`, or answers false when it exists. The owner is written to a temp file first
 * and hard-linked into place (link fails with EEXIST, like O_EXCL), so a lock file never exists without its owner:
 * a process killed between creating and writing the lock used to leave an empty file that only age could break
 * (30 s of "Another Pressroom window … is saving"). File systems without hard links fall back to O_EXCL.
 */
async function tryCreate(
  lockFile: string,
  owner: LockOwner,
  list?: LockOptions['list'],
): Promise<LockHold | null> {
  heldTokens.add(owner.token);
  let hold: LockHold | null = null;
  try {
    hold = await createByLink(lockFile, owner, list).catch(async (error: unknown) => {
      if (!LINK_UNSUPPORTED.some((code) => isErrorCode(error, code))) throw error;
      return createExclusive(lockFile, owner);
    });
    return hold;
  } finally {
    if (!hold) heldTokens.delete(owner.token);
  }
}

const LINK_UNSUPPORTED = ['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK'];

async function createByLink(
  lockFile: string,
  owner: LockOwner,
  list?: LockOptions['list'],
): Promise<LockHold | null> {
  // In the file worker (file-worker.ts): written, linked, the temp name removed and `list` listed in one trip.
  const made = lockInWorker(
    lockFile,
    tempFileOf(lockFile, `${process.pid}.${owner.token}`),
    JSON.stringify(owner),
    list && { ...list, token: owner.token },
  );
  // On its way (lockInWorker posts within its call): a create sent from here on is done after it.
  list?.sent?.(owner.token);
  const hold = await made;
  if (!hold) return null;
  return { token: owner.token, takenAt: performance.now(), ...hold };
}

async function createExclusive(lockFile: string, owner: LockOwner): Promise<LockHold | null> {
  let handle: FileHandle;
  try {
    handle = await fsp.open(lockFile, 'wx');
  } catch (error) {
    if (isErrorCode(error, 'EEXIST')) return null;
    throw error;
  }
  try {
    await handle.writeFile(JSON.stringify(owner));
    return {
      token: owner.token,
      takenAt: performance.now(),
      identity: identityOf(await handle.stat()),
    };
  } finally {
    await handle.close();
  }
}

/** What a waiter saw of a lock file when it judged it: enough to tell later whether it is still the same file. */
interface LockSighting {
  ino: number;
  mtimeMs: number;
  size: number;
  text: string;
}

async function sight(file: string): Promise<LockSighting | null> {
  try {
    const stats = await fsp.stat(file);
    const text = await fsp.readFile(file, 'utf8');
    return { ino: stats.ino, mtimeMs: stats.mtimeMs, size: stats.size, text };
  } catch (error) {
    if (isErrorCode(error, 'ENOENT')) return null;
    throw error;
  }
}

function sameLock(a: LockSighting, b: LockSighting): boolean {
  // Every owner text carries a random token, so equal non-empty texts are the same lock; inode and mtime cover the
  // empty file of an O_EXCL writer killed before writing.
  return a.text === b.text && a.ino === b.ino && a.mtimeMs === b.mtimeMs && a.size === b.size;
}

function parseOwner(text: string): Partial<LockOwner> | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Partial<LockOwner>) : null;
  } catch {
    return null;
  }
}

/** An empty or unreadable lock file is only ever the O_EXCL fallback's, written within milliseconds of creation. */
const UNWRITTEN_STALE_MS = 5000;

function isAbandoned(seen: LockSighting, staleMs: number): boolean {
  const owner = parseOwner(seen.text);
  if (owner?.token && heldTokens.has(owner.token)) return false;
  const ageMs = Date.now() - seen.mtimeMs;
  if (ageMs > staleMs) return true;
  // Same computer, process gone (a kill, a crash, a power cut before this boot): broken at once.
  if (owner !== null && owner.host === hostname() && !isProcessAlive(owner.pid)) return true;
  return owner === null && ageMs > Math.min(staleMs, UNWRITTEN_STALE_MS);
}

/**
 * Breaks `lockFile` if it is abandoned. Answers 'retry' when the caller should try to take the lock again at once,
 * 'wait' when it should back off.
 *
 * The race this guards against: waiters A and B both judge the same dead lock stale; A breaks it and takes the lock;
 * B, acting on its old judgement, then breaks A's live lock and takes it too. Two defences:
 *  - breakers take turns through a second lock, `<lock>.breaker.stale`, and under it re-read the lock and break it
 *    only if it is still the very file they judged (same text, with its random token, inode and mtime);
 *  - the break itself is a rename to a unique name, followed by a check that what was renamed is what was judged;
 *    if not (its live owner released it and someone took it in between), it is linked back, which cannot overwrite.
 * The breaker lock is held for a few milliseconds; if its holder dies it is broken by the same rules (dead process
 * on this computer, or age), renamed and checked the same way.
 */
async function breakIfAbandoned(lockFile: string, staleMs: number): Promise<'retry' | 'wait'> {
  const seen = await sight(lockFile);
  // Released between our attempt and now: simply try again.
  if (!seen) return 'retry';
  if (!isAbandoned(seen, staleMs)) return 'wait';
  const guardFile = `${lockFile}.breaker.stale`;
  const guard: LockOwner = {
    pid: process.pid,
    host: hostname(),
    time: new Date().toISOString(),
    token: randomBytes(8).toString('hex'),
  };
  const guardHold = await tryCreate(guardFile, guard);
  if (!guardHold) {
    const guardSeen = await sight(guardFile);
    if (!guardSeen) return 'retry';
    if (isAbandoned(guardSeen, Math.min(staleMs, GUARD_STALE_MS))) {
      await moveAsideIfSame(guardFile, guardSeen);
      return 'retry';
    }
    return 'wait';
  }
  try {
    const again = await sight(lockFile);
    if (!again || !sameLock(seen, again)) return 'retry';
    await moveAsideIfSame(lockFile, again);
    return 'retry';
  } finally {
    heldTokens.delete(guard.token);
    const now = await sight(guardFile);
    if (now && parseOwner(now.text)?.token === guard.token) await fsp.rm(guardFile, { force: true });
  }
}

/** A breaker lock older than this is abandoned whatever its owner says (it is held for one rename). */
const GUARD_STALE_MS = 10_000;

/** Renames `file` aside and deletes it if it is still `expected`; otherwise puts it back without overwriting. */
async function moveAsideIfSame(file: string, expected: LockSighting): Promise<void> {
  const aside = `${file}.${randomBytes(4).toString('hex')}.stale`;
  try {
    await fsp.rename(file, aside);
  } catch (error) {
    if (isErrorCode(error, 'ENOENT')) return;
    throw error;
  }
  const moved = await sight(aside);
  if (moved && !sameLock(expected, moved)) {
    // Someone's live lock: restore it. link() fails with EEXIST rather than overwrite a lock taken meanwhile.
    await fsp.link(aside, file).catch(async (error: unknown) => {
      if (isErrorCode(error, 'EEXIST')) return;
      if (LINK_UNSUPPORTED.some((code) => isErrorCode(error, code))) {
        await fsp.rename(aside, file);
        return;
      }
      throw error;
    });
  }
  await fsp.rm(aside, { force: true });
}

/** Held for less than half the time after which a lock counts as abandoned: nobody can have broken it yet. */
function heldBriefly(hold: LockHold, staleMs: number): boolean {
  return performance.now() - hold.takenAt < staleMs / 2;
}

async function releaseLock(lockFile: string, hold: LockHold, staleMs: number): Promise<void> {
  heldTokens.delete(hold.token);
  // If we held it so long that someone broke it as stale, the lock there now is theirs: leave it. A lock held for a
  // save (milliseconds) is told from theirs by its identity, in the file worker with the removal (a broken lock is
  // renamed away, so theirs is another file); one held long enough to be judged stale, by its owner's token.
  if (heldBriefly(hold, staleMs)) {
    await unlockInWorker(lockFile, hold.identity);
    return;
  }
  const owner = await readOwner(lockFile);
  if (owner?.token === hold.token) await removeQuietly(lockFile);
}

async function readOwner(lockFile: string): Promise<Partial<LockOwner> | null> {
  try {
    return parseOwner(await fsp.readFile(lockFile, 'utf8'));
  } catch {
    // Missing, or created but not yet written (or its writer crashed in between): age alone decides.
    return null;
  }
}

function isProcessAlive(pid: unknown): boolean {
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user, so it is alive.
    return !isErrorCode(error, 'ESRCH');
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
}
