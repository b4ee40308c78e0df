import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileExclusively } from '../../../src-main/services/workspace/durable-file';
import { withFileLock } from '../../../src-main/services/workspace/file-lock';
import { failNextAt } from '../../../src-main/services/workspace/file-worker';

/**
 * A save's last write carries its lock's removal (LockHeld.release → createFileExclusively): the file worker removes
 * the lock in the same trip as the create, but only once the file is created, and only while it is still the lock
 * this holder made. Anything else leaves the lock to the holder, which removes it the usual way when its action ends.
 */

let folder: string;
let target: string;
let lockFile: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'pressroom-lock-trip-'));
  await mkdir(join(folder, 'r1'));
  target = join(folder, 'r1.json');
  lockFile = `${target}.lock`;
});

afterEach(async () => {
  failNextAt('create', null);
  await rm(folder, { recursive: true, force: true });
});

describe('a lock removed with the write it guarded', () => {
  it('is gone as soon as the file is created, and the holder does not remove it again', async () => {
    let goneAfterCreate = false;
    await withFileLock(target, async (held) => {
      expect(existsSync(lockFile)).toBe(true);
      expect(await createFileExclusively(join(folder, 'r1', 'a.json'), 'A\n', held.release)).not.toBeNull();
      goneAfterCreate = !existsSync(lockFile);
      // Released: a second write under it gets no removal request (the lock is no longer this holder's).
      expect(held.release.request()).toBeNull();
    });
    expect(goneAfterCreate).toBe(true);
    expect(await readFile(join(folder, 'r1', 'a.json'), 'utf8')).toBe('A\n');
  });

  it('stays held when the name is taken (nothing was written) and is removed when the action ends', async () => {
    await writeFile(join(folder, 'r1', 'a.json'), 'already here\n');
    let heldAfterCreate = false;
    await withFileLock(target, async (held) => {
      expect(await createFileExclusively(join(folder, 'r1', 'a.json'), 'A\n', held.release)).toBeNull();
      heldAfterCreate = existsSync(lockFile);
    });
    expect(heldAfterCreate).toBe(true);
    expect(existsSync(lockFile)).toBe(false);
    expect(await readFile(join(folder, 'r1', 'a.json'), 'utf8')).toBe('already here\n');
  });

  it('stays held when the write fails (a full disk) and is removed when the action ends', async () => {
    let heldAfterFailure = false;
    await expect(
      withFileLock(target, async (held) => {
        failNextAt('create', 'sync');
        await createFileExclusively(join(folder, 'r1', 'a.json'), 'A\n', held.release).catch(
          (error: unknown) => {
            heldAfterFailure = existsSync(lockFile);
            throw error;
          },
        );
      }),
    ).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(heldAfterFailure).toBe(true);
    expect(existsSync(lockFile)).toBe(false);
    expect(existsSync(join(folder, 'r1', 'a.json'))).toBe(false);
  });

  it('leaves a lock that is no longer its own (broken and taken by someone else meanwhile)', async () => {
    const theirs = JSON.stringify({
      pid: 1,
      host: 'elsewhere',
      time: new Date().toISOString(),
      token: 'theirs',
    });
    await withFileLock(target, async (held) => {
      // What a waiter does to a lock it judged abandoned: moves it aside, and takes the lock itself.
      await rename(lockFile, `${lockFile}.aside.stale`);
      await writeFile(lockFile, theirs);
      expect(await createFileExclusively(join(folder, 'r1', 'a.json'), 'A\n', held.release)).not.toBeNull();
    });
    expect(await readFile(lockFile, 'utf8')).toBe(theirs);
  });
});
