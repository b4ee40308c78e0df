import { Worker } from 'node:worker_threads';
import type { FileIdentity } from './durable-file';

/**
 * The file operations of a save, each run start to finish in a worker thread with the file system's own calls, one
 * after the other (issue 15: a save against the floor of writing, fsyncing and renaming the same bytes): the durable
 * exclusive create of a revision, and making and removing the release's lock file.
 *
 * Why a thread: done from the main process with node:fs's promises, each of the eight or nine calls of a durable
 * create (open, write, fsync, stat, close, link, unlink, and the folder's open, fsync, close) is a trip to libuv's
 * thread pool and back to the event loop. On a disk where fsync is fast, those trips were most of a save: measured
 * here, the same calls took 2.2 ms through promises and 0.95 ms one after the other. In a worker they run one after
 * the other without blocking the main process (which a synchronous call there would: a network share that stalls
 * would freeze every window), and the main process waits for one message.
 *
 * A save makes two trips: the lock taken, the release's folder listed and its newest revisions stat-ed (the files
 * the save reads next); then the revision created and the lock removed. Each trip wakes two threads, and on a
 * shared machine a wake-up is what varies most, so the steps that belong together go together. A save that expects
 * the folder as its last save left it sends its create without waiting for the lock's answer
 * (createUnderExpectedLock): the worker does it straight after the lock, if the folder is so, and the save waits
 * for one answer instead of two.
 *
 * The worker's code is plain JavaScript in a string (`eval`), so that it needs no file of its own in any of the
 * builds (electron-vite's main bundle, the browser host, the CLI, the tests). Each operation does the steps
 * createFileExclusively and file-lock.ts document, no more; every decision about what to write stays in TypeScript.
 * There is one such thread: its calls follow one another, which is what a save's are anyway.
 *
 * A failpoint (`failNextAt`) makes the next create or lock fail as a full disk would at that step: the tests' way to
 * show that a failed save leaves nothing behind, since a worker's calls cannot be intercepted from the main thread.
 */

export type CreateFailpoint = 'write' | 'sync' | 'link';

/** A lock file to remove once its action's last write is done, if it is still the file `expected` names. */
export interface UnlockRequest {
  lockFile: string;
  expected: FileIdentity;
}

interface CreateRequest {
  path: string;
  temp: string;
  folder: string;
  text: string;
  failAt: CreateFailpoint | null;
  /** Removed in the same trip once the file is created (never when it is not: the caller still holds it then). */
  unlock: UnlockRequest | null;
  /**
   * A lock's owner token: created only under that lock, taken in an earlier trip of this thread, and only if that
   * trip found the folder as expected (lockInWorker's `expect`); the lock is then removed in the same trip.
   */
  underLock?: string;
}

type CreateAnswer =
  | { kind: 'created'; identity: FileIdentity; unlocked: boolean }
  | { kind: 'exists' }
  | { kind: 'not-as-expected' }
  | ErrorAnswer;

const WORKER_SOURCE = String.raw`
'use strict';
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');

const LINK_UNSUPPORTED = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);
const FOLDER_SYNC_REFUSED = new Set(['EISDIR', 'EPERM', 'EINVAL', 'EACCES', 'ENOTSUP', 'EBADF']);

function full(step) {
  return Object.assign(new Error('ENOSPC: no space left on device, ' + step + ' (failpoint)'), { code: 'ENOSPC' });
}

function identity(stats) {
  return { ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs };
}

// The same inode, size and modification time: the same file, not one made or rewritten since (durable-file.ts
// sameIdentity, which this thread cannot import).
function sameFile(a, b) {
  return a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

function unlinkQuietly(path) {
  try { fs.unlinkSync(path); } catch {}
}

function syncFolder(folder) {
  let fd;
  try {
    fd = fs.openSync(folder, 'r');
    fs.fsyncSync(fd);
  } catch (error) {
    if (!FOLDER_SYNC_REFUSED.has(error && error.code)) throw error;
  } finally {
    if (fd !== undefined) try { fs.closeSync(fd); } catch {}
  }
}

// Locks taken for a save that sends its write before it has heard that the lock is held (file-lock.ts, 'expect'),
// by the owner's token: the lock, and whether its trip found the folder as the save expected. This thread takes
// its messages in order, so such a write, sent after its lock, is done after it, under it or not at all.
const expectedLocks = new Map();

function create({ path, temp, folder, text, failAt, unlock: release, underLock }) {
  if (underLock) {
    const held = expectedLocks.get(underLock);
    expectedLocks.delete(underLock);
    if (!held || !held.asExpected) return { kind: 'not-as-expected' };
    release = { lockFile: held.lockFile, expected: held.identity };
  }
  let fd;
  let found;
  try {
    fd = fs.openSync(temp, 'wx', 0o666);
    const bytes = Buffer.from(text, 'utf8');
    if (failAt === 'write') {
      fs.writeSync(fd, bytes, 0, Math.min(100, bytes.length));
      throw full('write');
    }
    let written = 0;
    while (written < bytes.length) written += fs.writeSync(fd, bytes, written, bytes.length - written);
    if (failAt === 'sync') throw full('sync');
    fs.fsyncSync(fd);
    found = identity(fs.fstatSync(fd));
    fs.closeSync(fd);
    fd = undefined;
    if (failAt === 'link') throw full('link');
    try {
      fs.linkSync(temp, path);
    } catch (error) {
      if (error && error.code === 'EEXIST') return { kind: 'exists' };
      if (!LINK_UNSUPPORTED.has(error && error.code)) throw error;
      try {
        fs.writeFileSync(path, bytes, { flag: 'wx' });
      } catch (inner) {
        if (inner && inner.code === 'EEXIST') return { kind: 'exists' };
        throw inner;
      }
      found = identity(fs.statSync(path));
    }
  } finally {
    if (fd !== undefined) try { fs.closeSync(fd); } catch {}
    unlinkQuietly(temp);
  }
  syncFolder(folder);
  // The lock the file was written under, removed in the same trip (if it is still ours): the file is durable by now.
  // A failure to remove it is not the create's: the caller is told, and removes it itself.
  let unlocked = false;
  if (release) {
    try { unlock(release); unlocked = true; } catch {}
  }
  return { kind: 'created', identity: found, unlocked };
}

// A lock file made whole (file-lock.ts): the owner written to a temp file, linked to the lock's name (which fails
// if it exists, like O_EXCL), the temp name removed. Its identity tells it from a lock made after breaking it.
function lock({ lockFile, temp, owner, failAt, list, newest, expect, token }) {
  let fd = fs.openSync(temp, 'wx', 0o666);
  let found;
  try {
    if (failAt === 'write') throw full('write');
    fs.writeSync(fd, owner);
    found = identity(fs.fstatSync(fd));
    fs.closeSync(fd);
    fd = undefined;
    try {
      fs.linkSync(temp, lockFile);
    } catch (error) {
      if (error && error.code === 'EEXIST') return { kind: 'exists' };
      throw error;
    }
  } finally {
    if (fd !== undefined) try { fs.closeSync(fd); } catch {}
    unlinkQuietly(temp);
  }
  // What the lock guards, listed under it in the same trip (a save reads the release's folder first thing).
  if (!list) return { kind: 'created', identity: found };
  let listing = null;
  try {
    listing = fs.readdirSync(list);
  } catch (error) {
    if (!(error && (error.code === 'ENOENT' || error.code === 'ENOTDIR'))) listing = undefined;
  }
  const files = listing && newest ? newestOf(list, listing, newest) : undefined;
  if (expect && token) {
    expectedLocks.set(token, { lockFile, identity: found, asExpected: !!files && asExpected(files, expect) });
    // One a save never used (its lock taken on a retry, after its write was turned away) is forgotten in time.
    if (expectedLocks.size > 64) expectedLocks.delete(expectedLocks.keys().next().value);
  }
  return { kind: 'created', identity: found, listing, ...(files ? { newest: files } : {}) };
}

// The folder holds what the save expected: the same newest file of every writer (by name and identity), as many
// files, the same highest number (store.ts, folder-after-save.ts).
function asExpected(files, expect) {
  const names = Object.keys(expect.identities);
  if (files.files !== expect.files || files.highest !== expect.highest) return false;
  if (files.writers !== names.length || Object.keys(files.identities).length !== names.length) return false;
  return names.every((name) => {
    const now = files.identities[name];
    return !!now && sameFile(now, expect.identities[name]);
  });
}

// The identity of the newest file of each writer among names, by a pattern whose first group is the file's number
// and second its writer (revisions.ts: <number>.<computer>.json): the files a save reads next, stat-ed here so that
// it need not make a trip of its own to check that a file it keeps is still the one on disk. With them, how many
// names match, the highest number and how many writers there are: what a save compares with what its last save left.
function newestOf(folder, names, pattern) {
  const match = new RegExp(pattern);
  const newest = new Map();
  let files = 0;
  let highest = 0;
  for (const name of names) {
    const found = match.exec(name);
    if (!found) continue;
    files++;
    const number = Number(found[1]);
    if (number > highest) highest = number;
    const mine = newest.get(found[2]);
    if (!mine || mine.number < number) newest.set(found[2], { name, number });
  }
  const identities = {};
  for (const { name } of newest.values()) {
    try { identities[name] = identity(fs.statSync(folder + '/' + name)); } catch {}
  }
  return { identities, files, highest, writers: newest.size };
}

// Removes a lock file if it is still the one made (same inode, size and time); answers whether it was.
function unlock({ lockFile, expected }) {
  // A write expected under this lock that never came: forgotten with the lock.
  for (const [token, held] of expectedLocks) if (held.lockFile === lockFile) expectedLocks.delete(token);
  let now;
  try {
    now = fs.lstatSync(lockFile);
  } catch {
    return { kind: 'gone' };
  }
  if (!sameFile(now, expected)) return { kind: 'not-ours' };
  unlinkQuietly(lockFile);
  return { kind: 'removed' };
}

const OPS = { create, lock, unlock };

parentPort.on('message', ({ id, op, request }) => {
  let answer;
  try {
    answer = OPS[op](request);
  } catch (error) {
    answer = {
      kind: 'error',
      code: error && typeof error.code === 'string' ? error.code : null,
      message: error && error.message ? String(error.message) : String(error),
    };
  }
  parentPort.postMessage({ id, answer });
});
`;

/**
 * listing: the names in the folder asked for (null: no such folder; undefined: not asked, or not readable); newest:
 * by name, the identities of the newest file of each writer in it (lockInWorker's `newest` pattern).
 */
type LockAnswer =
  | {
      kind: 'created';
      identity: FileIdentity;
      listing?: string[] | null;
      newest?: { identities: Record<string, FileIdentity>; files: number; highest: number; writers: number };
    }
  | { kind: 'exists' }
  | ErrorAnswer;
type UnlockAnswer = { kind: 'gone' | 'not-ours' | 'removed' } | ErrorAnswer;
type ErrorAnswer = { kind: 'error'; code: string | null; message: string };
type AnyAnswer = CreateAnswer | LockAnswer | UnlockAnswer;

let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, { resolve: (answer: AnyAnswer) => void; reject: (error: Error) => void }>();
const failpoints: { create: CreateFailpoint | null; lock: 'write' | null } = { create: null, lock: null };

/** Tests only: the next create of a file, or of a lock, fails as a full disk would at `step`. */
export function failNextAt(
  ...[op, step]: ['create', CreateFailpoint | null] | ['lock', 'write' | null]
): void {
  if (op === 'create') failpoints.create = step;
  else failpoints.lock = step;
}

function fileWorker(): Worker {
  if (worker) return worker;
  // No flags of the process: they may make eval'd code a module (--input-type=module), where `require` is not
  // defined, and the worker needs none (a loader such as tsx has nothing to compile in it).
  const started = new Worker(WORKER_SOURCE, { eval: true, execArgv: [] });
  // A worker that is only waiting for work must not keep the app (or a CLI command, or a test run) alive.
  started.unref();
  started.on('message', ({ id, answer }: { id: number; answer: AnyAnswer }) => {
    const waiting = pending.get(id);
    pending.delete(id);
    waiting?.resolve(answer);
  });
  const fail = (error: Error) => {
    if (worker === started) worker = null;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  started.on('error', fail);
  started.on('exit', (code) => fail(new Error(`The file worker stopped (exit code ${code}).`)));
  worker = started;
  return started;
}

/** Sends one operation to the worker and waits for its answer; a failure comes back as the file system's error. */
async function ask<A extends AnyAnswer>(
  op: 'create' | 'lock' | 'unlock',
  request: object,
): Promise<Exclude<A, ErrorAnswer>> {
  const answer = await new Promise<AnyAnswer>((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    const thread = fileWorker();
    // Waiting for an answer keeps the process alive, as a pending promise of node:fs would.
    thread.ref();
    thread.postMessage({ id, op, request });
  }).finally(() => {
    if (pending.size === 0) worker?.unref();
  });
  if (answer.kind === 'error') {
    throw Object.assign(new Error(answer.message), answer.code ? { code: answer.code } : {});
  }
  return answer as Exclude<A, ErrorAnswer>;
}

/**
 * Creates `path` with `text` through `temp` (see createFileExclusively): the new file's identity, or null when
 * `path` exists. A failure is thrown as the file system's error (its `code` kept), as node:fs would throw it.
 * `unlock`: a lock to remove in the same trip once the file is created; `unlocked` says whether it was.
 */
export async function createInWorker(
  path: string,
  temp: string,
  folder: string,
  text: string,
  unlock: UnlockRequest | null = null,
): Promise<{ identity: FileIdentity; unlocked: boolean } | null> {
  const answer = await sendCreate({ path, temp, folder, text, failAt: failpoints.create, unlock });
  if (answer.kind === 'not-as-expected')
    throw new Error('The file worker was asked for a create under no lock.');
  return answer.kind === 'created' ? { identity: answer.identity, unlocked: answer.unlocked } : null;
}

/**
 * Creates `path` as createInWorker does, under the lock whose owner token is `token`, sent before its taker has
 * heard that it is held: done only if the worker took that lock before (messages are taken in order) and found the
 * folder as expected (lockInWorker's `expect`), with the lock removed in the same trip; 'not-as-expected' (nothing
 * written) otherwise.
 */
export async function createUnderExpectedLock(
  path: string,
  temp: string,
  folder: string,
  text: string,
  token: string,
): Promise<{ identity: FileIdentity; unlocked: boolean } | 'exists' | 'not-as-expected'> {
  const answer = await sendCreate({
    path,
    temp,
    folder,
    text,
    failAt: failpoints.create,
    unlock: null,
    underLock: token,
  });
  if (answer.kind === 'created') return { identity: answer.identity, unlocked: answer.unlocked };
  return answer.kind;
}

function sendCreate(request: CreateRequest): Promise<Exclude<CreateAnswer, ErrorAnswer>> {
  failpoints.create = null;
  return ask<CreateAnswer>('create', request);
}

/**
 * The newest file of each writer in a folder, by a pattern whose first group is a file's number and second its
 * writer, with the folder's other names summed up: what a save reads next, and what tells it whether the folder is
 * as its last save left it.
 */
export interface NewestFiles {
  /** By name, each writer's newest file's identity (a file that could not be stat-ed is left out). */
  identities: ReadonlyMap<string, FileIdentity>;
  /** Names that match the pattern. */
  files: number;
  /** The highest number among them (0 when none). */
  highest: number;
  /** Writers among them: more than `identities` holds when a newest file could not be stat-ed. */
  writers: number;
}

/** What a save expects the folder its lock guards to hold (NewestFiles, as its last save left it). */
export type ExpectedFolder = Omit<NewestFiles, 'writers'>;

/**
 * Makes `lockFile` holding `owner` through `temp` (file-lock.ts): its identity, with the names in `list` once it
 * is held when asked, and the newest file of each writer there by the `newest` pattern (NewestFiles); null when a
 * lock is there. With `expect` and the owner's `token`, the worker also notes whether the folder holds what was
 * expected, for a create sent under this lock before its answer comes back (createUnderExpectedLock).
 */
export async function lockInWorker(
  lockFile: string,
  temp: string,
  owner: string,
  list?: { folder: string; newest?: RegExp; expect?: ExpectedFolder; token?: string },
): Promise<{
  identity: FileIdentity;
  listing?: string[] | null;
  newest?: NewestFiles;
} | null> {
  const failAt = failpoints.lock;
  failpoints.lock = null;
  const answer = await ask<LockAnswer>('lock', {
    lockFile,
    temp,
    owner,
    failAt,
    list: list?.folder,
    newest: list?.newest?.source,
    ...(list?.expect && list.token
      ? {
          expect: { ...list.expect, identities: Object.fromEntries(list.expect.identities) },
          token: list.token,
        }
      : {}),
  });
  if (answer.kind !== 'created') return null;
  if (answer.listing === undefined) return { identity: answer.identity };
  const { newest } = answer;
  return {
    identity: answer.identity,
    listing: answer.listing,
    ...(newest ? { newest: { ...newest, identities: new Map(Object.entries(newest.identities)) } } : {}),
  };
}

/** Removes `lockFile` if it is still the file with `expected` identity; answers whether it was removed. */
export async function unlockInWorker(lockFile: string, expected: FileIdentity): Promise<boolean> {
  const answer = await ask<UnlockAnswer>('unlock', { lockFile, expected });
  return answer.kind === 'removed';
}
