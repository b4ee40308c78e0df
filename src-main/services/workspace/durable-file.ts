import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Adapter } from 'lowdb';
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
export async function writeFileDurably(target: string, data: string | Uint8Array): Promise<void> {
  const folder = dirname(target);
  const temp = tempFileOf(target, `${process.pid}.${randomBytes(6).toString('hex')}`);
  let handle: FileHandle | undefined;
  try {
    // wx: a temp name that somehow exists already belongs to someone else; never write into it.
    handle = await fsp.open(temp, 'wx', 0o666);
    await handle.writeFile(data);
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
