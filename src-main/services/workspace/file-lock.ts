import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { hostname } from 'node:os';
import { isErrorCode } from './durable-file';
import { lockFileOf } from './layout';

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

const queues = new Map<string, Promise<void>>();
/** Tokens of lock files this process holds right now, so that our own live lock is never mistaken for a dead one. */
const heldTokens = new Set<string>();

/** Runs `action` while holding the lock for `file` (the lock itself is `<file>.lock`). */
export async function withFileLock<T>(
  file: string,
  action: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const lockFile = lockFileOf(file);
  return withMutex(lockFile, async () => {
    const token = await acquire(lockFile, options);
    try {
      return await action();
    } finally {
      await releaseLock(lockFile, token);
    }
  });
}

/** An async mutex per key, for work that only needs ordering inside this process. */
export async function withMutex<T>(key: string, action: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  let done!: () => void;
  const turn = new Promise<void>((resolveTurn) => (done = resolveTurn));
  const tail = previous.then(() => turn);
  queues.set(key, tail);
  await previous;
  try {
    return await action();
  } finally {
    done();
    // Without this the map would keep one settled promise per file ever saved.
    if (queues.get(key) === tail) queues.delete(key);
  }
}

async function acquire(lockFile: string, options: LockOptions): Promise<string> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const token = randomBytes(8).toString('hex');
  const owner: LockOwner = { pid: process.pid, host: hostname(), time: new Date().toISOString(), token };
  const deadline = Date.now() + timeoutMs;
  for (let delay = 5; ; delay = Math.min(delay * 2, 200)) {
    try {
      const handle = await fsp.open(lockFile, 'wx');
      heldTokens.add(token);
      try {
        await handle.writeFile(JSON.stringify(owner));
      } finally {
        await handle.close();
      }
      return token;
    } catch (error) {
      if (!isErrorCode(error, 'EEXIST')) throw error;
    }
    if (await breakIfAbandoned(lockFile, staleMs)) continue;
    if (Date.now() >= deadline) throw new LockBusyError(lockFile, await readOwner(lockFile));
    // Jitter so that two waiters who collided once do not collide again on every retry.
    await sleep(delay / 2 + Math.random() * delay);
  }
}

async function breakIfAbandoned(lockFile: string, staleMs: number): Promise<boolean> {
  let ageMs: number;
  try {
    ageMs = Date.now() - (await fsp.stat(lockFile)).mtimeMs;
  } catch (error) {
    // Released between our attempt and now: simply try again.
    if (isErrorCode(error, 'ENOENT')) return true;
    throw error;
  }
  const owner = await readOwner(lockFile);
  if (owner?.token && heldTokens.has(owner.token)) return false;
  const abandoned =
    ageMs > staleMs || (owner !== null && owner.host === hostname() && !isProcessAlive(owner.pid));
  if (!abandoned) return false;
  // Renaming first means that of two processes breaking the same lock, only one succeeds; the other sees ENOENT.
  const aside = `${lockFile}.${randomBytes(4).toString('hex')}.stale`;
  try {
    await fsp.rename(lockFile, aside);
  } catch (error) {
    if (isErrorCode(error, 'ENOENT')) return true;
    throw error;
  }
  await fsp.rm(aside, { force: true });
  return true;
}

async function releaseLock(lockFile: string, token: string): Promise<void> {
  heldTokens.delete(token);
  // If we held it so long that someone broke it as stale, the lock there now is theirs: leave it.
  const owner = await readOwner(lockFile);
  if (owner?.token !== token) return;
  await fsp.rm(lockFile, { force: true });
}

async function readOwner(lockFile: string): Promise<Partial<LockOwner> | null> {
  try {
    const parsed: unknown = JSON.parse(await fsp.readFile(lockFile, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Partial<LockOwner>) : null;
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
