import { randomBytes } from 'node:crypto';
import { constants as fsConstants, promises as fsp, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Adapter } from 'lowdb';
import { createInWorker, createUnderExpectedLock } from './file-worker';
import type { LockRelease } from './file-lock';
import { isTempFileName, tempFileOf } from './layout';

/*
 * Every fs call goes through the `fsp` object (not named imports) so that a test can replace one operation with
 * vi.spyOn and watch a write fail half way.
 */

export { isTempFileName };

/**
 * Replaces `target` so that a crash or kill at any instant leaves either the complete old file or the complete new
 * one, never a torn mix: the bytes go to a temp file in the same folder (a rename is only atomic within one file
 * system), are flushed to the disk, and only then renamed over the target. The folder is flushed last so that the
 * rename itself survives a power cut.
 */
export async function writeFileDurably(
  target: string,
  data: string | Uint8Array | AsyncIterable<string>,
): Promise<void> {
  const folder = dirname(target);
  const temp = tempFileOf(target, `${process.pid}.${randomBytes(6).toString('hex')}`);
  let handle: FileHandle | undefined;
  try {
    // wx: a temp name that somehow exists already belongs to someone else; never write into it.
    handle = await fsp.open(temp, 'wx', 0o666);
    if (typeof data === 'string' || data instanceof Uint8Array) await handle.writeFile(data);
    // In parts as they are made: a large file (the library index's text) is never one string in memory, and the
    // work of making it can give the main process back between parts.
    else for await (const part of data) await handle.write(part);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await renameWithRetry(temp, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fsp.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncFolder(folder);
}

/** Moves a file within one workspace (to trash, quarantine, back) and makes the move itself durable. */
export async function renameDurably(from: string, to: string): Promise<void> {
  await renameWithRetry(from, to);
  await syncFolder(dirname(to));
  if (dirname(from) !== dirname(to)) await syncFolder(dirname(from));
}

/**
 * Flushes a folder's entries. Windows cannot open a folder as a file and some file systems (network shares, some
 * FUSE mounts) refuse fsync on one; there the rename is as durable as the platform allows.
 */
export async function syncFolder(folder: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await fsp.open(folder, 'r');
    await handle.sync();
  } catch (error) {
    if (!isErrorCode(error, 'EISDIR', 'EPERM', 'EINVAL', 'EACCES', 'ENOTSUP', 'EBADF')) throw error;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * On Windows a rename over a file that a virus scanner or sync client has open briefly fails with EPERM, EACCES
 * or EBUSY; retrying for a moment is what npm's graceful-fs does too. Elsewhere those codes are permanent.
 */
async function renameWithRetry(from: string, to: string): Promise<void> {
  const deadline = Date.now() + (process.platform === 'win32' ? 1000 : 0);
  for (let delay = 10; ; delay = Math.min(delay * 2, 100)) {
    try {
      await fsp.rename(from, to);
      return;
    } catch (error) {
      if (!isErrorCode(error, 'EPERM', 'EACCES', 'EBUSY') || Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

export function isErrorCode(error: unknown, ...codes: string[]): boolean {
  return (
    typeof error === 'object' && error !== null && codes.includes(String((error as { code?: unknown }).code))
  );
}

/** Reads a text file, or null when it does not exist. A leading byte-order mark (Notepad adds one) is dropped. */
export async function readTextFile(path: string): Promise<string | null> {
  try {
    const text = await fsp.readFile(path, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (error) {
    if (isErrorCode(error, 'ENOENT')) return null;
    throw error;
  }
}

/** What a non-regular entry is, in the words the library's problems list uses. */
export type OddEntryKind =
  'a named pipe' | 'a folder' | 'a link' | 'a device' | 'a socket' | 'not a plain file';

/** The entry at a path is not a regular file, so it was not opened (or was closed unread). */
export class NotRegularFileError extends Error {
  override readonly name = 'NotRegularFileError';
  readonly code = 'ENOTREG';
  constructor(readonly kind: OddEntryKind) {
    super(`not a regular file (${kind})`);
  }
}

/** The file is larger than the caller allows, so it was not read. */
export class FileTooLargeError extends Error {
  override readonly name = 'FileTooLargeError';
  readonly code = 'EFBIG';
  constructor(
    readonly size: number,
    readonly limit: number,
  ) {
    super(`${formatBytes(size)}, larger than ${formatBytes(limit)}`);
  }
}

export function oddEntryKind(entry: {
  isFIFO(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
  isBlockDevice(): boolean;
  isCharacterDevice(): boolean;
  isSocket(): boolean;
}): OddEntryKind {
  if (entry.isFIFO()) return 'a named pipe';
  if (entry.isDirectory()) return 'a folder';
  if (entry.isSymbolicLink()) return 'a link';
  if (entry.isBlockDevice() || entry.isCharacterDevice()) return 'a device';
  if (entry.isSocket()) return 'a socket';
  return 'not a plain file';
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

// O_NOFOLLOW and O_NONBLOCK do not exist on Windows (no FIFOs there; links are refused by the lstat check).
/** Open for reading without following a link or waiting for a pipe's writer: a read that can never hang. */
export const SAFE_OPEN_FLAGS =
  fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0) | (fsConstants.O_NONBLOCK ?? 0);

/**
 * Reads a text file that must be a regular file of at most `maxBytes`, or null when it does not exist. Nothing
 * else is ever opened for reading, so a named pipe cannot hold a read (and a thread of the I/O pool) forever, a
 * link cannot pull in a file from outside the workspace, and a huge file costs one lstat:
 *  - lstat first: a pipe, folder, link, device or socket throws NotRegularFileError, a file over `maxBytes`
 *    throws FileTooLargeError, both without opening it;
 *  - the entry can be swapped between that check and the open, so the open does not follow links and does not
 *    wait for a pipe's writer (O_NOFOLLOW | O_NONBLOCK), and fstat of the opened handle checks again;
 *  - at most `maxBytes + 1` bytes are read, whatever the file grows to meanwhile.
 * A leading byte-order mark is dropped, as readTextFile does.
 */
export async function readRegularTextFile(path: string, maxBytes: number): Promise<string | null> {
  const bytes = await readRegularFile(path, maxBytes);
  if (bytes === null) return null;
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** As readRegularTextFile, the bytes exactly as stored (the audit trail hashes them). */
export async function readRegularFile(path: string, maxBytes: number): Promise<Buffer | null> {
  let stats: Stats;
  try {
    stats = await fsp.lstat(path);
  } catch (error) {
    if (isErrorCode(error, 'ENOENT')) return null;
    throw error;
  }
  if (!stats.isFile()) throw new NotRegularFileError(oddEntryKind(stats));
  if (stats.size > maxBytes) throw new FileTooLargeError(stats.size, maxBytes);
  let handle: FileHandle;
  try {
    handle = await fsp.open(path, SAFE_OPEN_FLAGS);
  } catch (error) {
    if (isErrorCode(error, 'ENOENT')) return null;
    // O_NOFOLLOW on a link that replaced the file since the lstat.
    if (isErrorCode(error, 'ELOOP', 'EMLINK')) throw new NotRegularFileError('a link');
    throw error;
  }
  try {
    const opened = await handle.stat();
    if (!opened.isFile()) throw new NotRegularFileError(oddEntryKind(opened));
    if (opened.size > maxBytes) throw new FileTooLargeError(opened.size, maxBytes);
    const chunks: Buffer[] = [];
    let length = 0;
    while (length <= maxBytes) {
      const chunk = Buffer.alloc(
        Math.min(maxBytes + 1 - length, Math.max(opened.size - length, 0) + 64 * 1024),
      );
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, length);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
    }
    if (length > maxBytes) throw new FileTooLargeError(length, maxBytes);
    return Buffer.concat(chunks, length);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * A lowdb adapter that writes with writeFileDurably: lowdb's own JSONFile goes through steno, which renames a temp
 * file but never fsyncs, so a power cut can leave an empty file behind. `read` throws a SyntaxError for a file
 * that is not JSON, so that the caller can set it aside instead of lowdb silently starting from defaults.
 */
export class DurableJSONFile<T> implements Adapter<T> {
  constructor(readonly filename: string) {}

  async read(): Promise<T | null> {
    const text = await readTextFile(this.filename);
    return text === null ? null : (JSON.parse(text) as T);
  }

  async write(data: T): Promise<void> {
    await writeFileDurably(this.filename, toJsonText(data));
  }
}

/** The on-disk form of every JSON file in a workspace: indented so that a diff or a sync tool's merge is readable. */
export function toJsonText(data: unknown): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

/** What tells one file from its replacement: a file rewritten in place changes its size or modification time. */
export interface FileIdentity {
  ino: number;
  size: number;
  mtimeMs: number;
}

export function identityOf(stats: Stats): FileIdentity {
  return { ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs };
}

export function sameIdentity(a: FileIdentity, b: FileIdentity): boolean {
  return a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

/**
 * Writes `path` only if nothing is there: answers null when it exists, so an immutable file (a revision, a kept
 * version) is never replaced. Durable when it answers: temp file flushed, hard-linked to its name (link refuses an
 * existing name where rename would replace it), the folder flushed. The answer is the new file's identity, which
 * lets a reader that keeps what it wrote notice if the file is ever replaced (revisions.ts).
 */
export async function createFileExclusively(
  path: string,
  text: string,
  lock?: LockRelease,
): Promise<FileIdentity | null> {
  // In the file worker, start to finish (file-worker.ts): the same steps, a fraction of the time of a trip through
  // the thread pool for each. `lock`, the lock the caller writes under when this is its last write: removed by the
  // worker once the file is created, in the same trip.
  const made = await createInWorker(
    path,
    tempFileOf(path, `${process.pid}.${randomBytes(6).toString('hex')}`),
    dirname(path),
    text,
    lock?.request() ?? null,
  );
  if (made?.unlocked) lock?.released();
  return made ? made.identity : null;
}

/**
 * createFileExclusively under the lock whose owner token is `token`, sent before its taker has heard that the lock
 * is held (file-worker.ts createUnderExpectedLock): done only if the lock's trip found its folder as expected, and
 * the lock is then removed in the same trip (`unlocked`); 'not-as-expected' when nothing was written.
 */
export async function createFileUnderExpectedLock(
  path: string,
  text: string,
  token: string,
): Promise<{ identity: FileIdentity; unlocked: boolean } | 'exists' | 'not-as-expected'> {
  return createUnderExpectedLock(
    path,
    tempFileOf(path, `${process.pid}.${randomBytes(6).toString('hex')}`),
    dirname(path),
    text,
    token,
  );
}

/** unlink, where a missing file is no error (one call, where fsp.rm with force is a stat and an unlink). */
export async function removeQuietly(path: string): Promise<void> {
  await fsp.unlink(path).catch(() => undefined);
}
