import { spawn } from 'node:child_process';
import { appendFile, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LockBusyError } from '../../../src-main/services/workspace/file-lock';
import { openWorkspace, StoreError } from '../../../src-main/services/workspace/store';
import { filesChanged, readStoredRelease, revisionNames, snapshotFiles } from '../../support/stored-release';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const lockModule = join(repoRoot, 'src-main/services/workspace/file-lock.ts');
const folders: string[] = [];

async function tempFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'pressroom-lock-'));
  folders.push(folder);
  return folder;
}

/** The path a release's lock is named after (`releases/<id>.json.lock`); its revisions are in `releases/<id>/`. */
function releaseFile(folder: string, id: string): string {
  return join(folder, 'releases', `${id}.json`);
}

afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

/** A `node -e` child that takes the lock of `file` through the module, says so, and holds it until killed. */
function holdLockInChild(file: string): Promise<{ pid: number; kill: () => Promise<void> }> {
  const script = `
setInterval(() => {}, 60_000);
const { withFileLock } = await import(${JSON.stringify(pathToFileURL(lockModule).href)});
await withFileLock(${JSON.stringify(file)}, () => { process.stdout.write('held\\n'); return new Promise(() => {}); });
`;
  return new Promise((resolveHeld, rejectHeld) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code, signal) => {
      if (signal === null) rejectHeld(new Error(`child ended (${code}) before holding the lock: ${err}`));
    });
    child.stdout.on('data', (chunk: Buffer) => {
      if (!chunk.toString().includes('held')) return;
      resolveHeld({
        pid: child.pid!,
        kill: () =>
          new Promise<void>((resolveKill) => {
            child.on('exit', () => resolveKill());
            child.kill('SIGKILL');
          }),
      });
    });
  });
}

describe('file lock: a lock left by a killed process', () => {
  it('lets the next save through at once after the holder is SIGKILLed on this computer', async () => {
    const folder = await tempFolder();
    const store = await openWorkspace(folder);
    const release = await store.create('statement');
    const file = releaseFile(folder, release.id);
    const holder = await holdLockInChild(file);
    const lock = JSON.parse(await readFile(`${file}.lock`, 'utf8')) as { pid: number; host: string };
    expect(lock).toMatchObject({ pid: holder.pid, host: hostname() });

    // While it lives, the save is refused, and the refusal has written nothing.
    const before = await snapshotFiles(join(folder, 'releases', release.id));
    const refused = await store.save({ ...release, headline: 'while held' }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(StoreError);
    expect((refused as StoreError).message).toMatch(/saving this release right now/);
    expect(filesChanged(before, await snapshotFiles(join(folder, 'releases', release.id)))).toEqual({
      added: [],
      changed: [],
      removed: [],
    });
    expect((await readdir(join(folder, 'releases'))).sort()).toEqual([release.id, `${release.id}.json.lock`]);

    await holder.kill();
    const started = Date.now();
    const saved = await store.save({ ...release, headline: 'after the kill' });
    const elapsed = Date.now() - started;
    expect(saved.revision).toBe(2);
    expect(elapsed).toBeLessThan(1000);
    expect((await readdir(join(folder, 'releases'))).sort()).toEqual([release.id]);
    expect(await revisionNames(folder, release.id)).toHaveLength(2);
    expect(await readStoredRelease(folder, release.id)).toEqual(saved);
  }, 20_000);

  it('breaks an empty lock file (a writer killed between creating and writing it) after seconds, not 30', async () => {
    const folder = await tempFolder();
    const file = join(folder, 'r-x.json');
    await writeFile(`${file}.lock`, '');
    const { withFileLock } = await import('../../../src-main/services/workspace/file-lock');
    // Fresh: it may be a live writer about to write its owner, so it is respected.
    await expect(withFileLock(file, async () => 'ran', { timeoutMs: 100 })).rejects.toBeInstanceOf(
      LockBusyError,
    );
    const sixSecondsAgo = new Date(Date.now() - 6000);
    await utimes(`${file}.lock`, sixSecondsAgo, sixSecondsAgo);
    expect(await withFileLock(file, async () => 'ran', { timeoutMs: 100 })).toBe('ran');
    expect(await readdir(folder)).toEqual([]);
  });

  it('never leaves a lock file without its owner, even for a moment', async () => {
    const folder = await tempFolder();
    const file = join(folder, 'r-y.json');
    const { withFileLock } = await import('../../../src-main/services/workspace/file-lock');
    const text = await withFileLock(file, () => readFile(`${file}.lock`, 'utf8'));
    expect(JSON.parse(text)).toMatchObject({ pid: process.pid, host: hostname() });
    expect((await stat(folder)).isDirectory()).toBe(true);
    expect(await readdir(folder)).toEqual([]);
  });
});

describe('file lock: many waiters on one stale lock', () => {
  /**
   * Each waiter is a separate instance of the module (its own in-process queue and token set), as separate
   * processes would be, so they race on the lock file itself. Every round starts from one stale lock that all of
   * them find at once; each critical section writes enter/exit lines to a shared log, and no two may overlap.
   */
  it('never lets two holders in at once (3 to 6 waiters, 40 rounds)', async () => {
    const folder = await tempFolder();
    const file = join(folder, 'r-z.json');
    const log = join(folder, 'sections.log');
    const instances: (typeof import('../../../src-main/services/workspace/file-lock'))[] = [];
    for (let i = 0; i < 6; i++) {
      vi.resetModules();
      instances.push(await import('../../../src-main/services/workspace/file-lock'));
    }
    vi.resetModules();
    let inside = 0;
    let overlaps = 0;
    let sections = 0;
    for (let round = 0; round < 40; round++) {
      const waiters = 3 + (round % 4);
      const staleOwner = {
        pid: 999_999_999,
        host: 'a-colleagues-pc',
        time: '2024-01-01T00:00:00Z',
        token: `s${round}`,
      };
      await writeFile(`${file}.lock`, JSON.stringify(staleOwner));
      const longAgo = new Date(Date.now() - 120_000);
      await utimes(`${file}.lock`, longAgo, longAgo);
      await Promise.all(
        instances.slice(0, waiters).map((instance, who) =>
          instance.withFileLock(
            file,
            async () => {
              inside++;
              if (inside > 1) overlaps++;
              await appendFile(log, `enter ${round} ${who}\n`);
              await new Promise((resolveWait) => setTimeout(resolveWait, 2 + Math.random() * 4));
              await appendFile(log, `exit ${round} ${who}\n`);
              inside--;
              sections++;
            },
            { timeoutMs: 10_000, staleMs: 30_000 },
          ),
        ),
      );
    }
    const lines = (await readFile(log, 'utf8')).trim().split('\n');
    let open = 0;
    let maxOpen = 0;
    for (const line of lines) {
      open += line.startsWith('enter') ? 1 : -1;
      maxOpen = Math.max(maxOpen, open);
    }
    expect(overlaps).toBe(0);
    expect(maxOpen).toBe(1);
    expect(sections).toBe(Array.from({ length: 40 }, (_, round) => 3 + (round % 4)).reduce((a, b) => a + b));
    expect((await readdir(folder)).sort()).toEqual(['sections.log']);
  }, 60_000);
});
