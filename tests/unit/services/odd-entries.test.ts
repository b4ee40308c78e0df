import { execFileSync } from 'node:child_process';
import { lstat, mkdir, mkdtemp, open, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FileTooLargeError,
  NotRegularFileError,
  readRegularTextFile,
} from '../../../src-main/services/workspace/durable-file';
import { openWorkspace, StoreError } from '../../../src-main/services/workspace/store';

const folders: string[] = [];

async function tempFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'pressroom-odd-'));
  folders.push(folder);
  return folder;
}

afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

/** Real named pipes exist where the platform has mkfifo (every Linux and macOS CI machine). */
const canMakeFifo = process.platform !== 'win32';

function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

/** Fails the test instead of hanging it when a call blocks (a read of a pipe never returns by itself). */
function promptly<T>(promise: Promise<T>, ms = 3000): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, rejectLate) =>
      setTimeout(() => rejectLate(new Error(`did not answer within ${ms} ms`)), ms).unref(),
    ),
  ]);
}

const SECRET = 'root:x:0:0:canary-from-outside-the-workspace';

describe.runIf(canMakeFifo)('odd entries in the releases folder', () => {
  it('lists the good releases and reports a pipe, a folder, a link and an oversized file by name', async () => {
    const folder = await tempFolder();
    const outside = await tempFolder();
    const store = await openWorkspace(folder);
    const keep = await store.save({ ...(await store.create('statement')), headline: 'still here' });
    const replaced = await store.save({ ...(await store.create('statement')), headline: 'replaced' });
    const releases = join(folder, 'releases');

    // A release replaced by a pipe must not vanish unreported; four more pipes would have used up the I/O pool.
    await rm(join(releases, `${replaced.id}.json`));
    mkfifo(join(releases, `${replaced.id}.json`));
    for (let i = 0; i < 6; i++) mkfifo(join(releases, `r-pipe${i}.json`));
    await mkdir(join(releases, 'r-folder.json'));
    await writeFile(join(outside, 'passwd'), `${SECRET}\n`);
    await symlink(join(outside, 'passwd'), join(releases, 'r-link.json'));
    if ((await lstat('/etc/passwd').catch(() => null))?.isFile()) {
      await symlink('/etc/passwd', join(releases, 'r-etc.json'));
    }
    // Sparse: 40 MB on paper, nothing on disk, and never read.
    const big = await open(join(releases, 'r-big.json'), 'w');
    await big.truncate(40 * 1024 * 1024);
    await big.close();

    const started = Date.now();
    const listed = await promptly(store.list());
    const elapsed = Date.now() - started;
    expect(listed.map((summary) => summary.id)).toEqual([keep.id]);
    expect(elapsed).toBeLessThan(2000);

    const { problems } = await promptly(store.describe());
    const byFile = new Map(problems.map((problem) => [problem.file, problem]));
    expect(byFile.get(`releases/${replaced.id}.json`)?.message).toBe(
      `releases/${replaced.id}.json is not a regular file (a named pipe): left alone.`,
    );
    expect(byFile.get('releases/r-pipe5.json')?.message).toMatch(/is not a regular file \(a named pipe\)/);
    expect(byFile.get('releases/r-folder.json')?.message).toBe(
      'releases/r-folder.json is not a regular file (a folder): left alone.',
    );
    expect(byFile.get('releases/r-link.json')?.message).toBe(
      'releases/r-link.json is not a regular file (a link): left alone.',
    );
    // Set aside by its size alone, without being read.
    const bigProblem = byFile.get('releases/r-big.json');
    expect(bigProblem?.message).toMatch(/40 MB, larger than any release can be \(32 MB\)/);
    expect(bigProblem?.movedTo).toMatch(/^quarantine\//);
    const text = JSON.stringify(problems);
    expect(text).not.toContain('canary');
    expect(text).not.toContain('root:x');
    // Everything odd is left where it was; the pipes and the link are still there.
    expect((await lstat(join(releases, 'r-link.json'))).isSymbolicLink()).toBe(true);
    expect((await lstat(join(releases, `${replaced.id}.json`))).isFIFO()).toBe(true);
    expect(await readdir(join(folder, 'quarantine'))).toHaveLength(1);

    // The library keeps answering: the host's I/O pool is not held by any of the pipes.
    for (let i = 0; i < 3; i++) expect((await promptly(store.list())).map((s) => s.id)).toEqual([keep.id]);
    expect((await promptly(store.get(keep.id))).headline).toBe('still here');
  });

  it('opening, saving over or fetching an odd entry by id answers at once without its content', async () => {
    const folder = await tempFolder();
    const outside = await tempFolder();
    const store = await openWorkspace(folder);
    const release = await store.create('statement');
    const file = join(folder, 'releases', `${release.id}.json`);
    await rm(file);
    mkfifo(file);
    const asPipe = await promptly(
      store.get(release.id).then(
        () => null,
        (error: unknown) => error,
      ),
    );
    expect(asPipe).toBeInstanceOf(StoreError);
    expect((asPipe as StoreError).message).toMatch(/not a regular file \(a named pipe\)/);
    const saved = await promptly(
      store.save({ ...release, headline: 'over a pipe' }).then(
        () => null,
        (e: unknown) => e,
      ),
    );
    expect(saved).toBeInstanceOf(StoreError);
    expect((await lstat(file)).isFIFO()).toBe(true);

    await rm(file);
    await writeFile(join(outside, 'secret.json'), JSON.stringify({ note: SECRET }));
    await symlink(join(outside, 'secret.json'), file);
    const asLink = await promptly(
      store.get(release.id).then(
        () => null,
        (error: unknown) => error,
      ),
    );
    expect((asLink as StoreError).message).toMatch(/not a regular file \(a link\)/);
    expect(JSON.stringify(asLink)).not.toContain('canary');
    expect((asLink as StoreError).message).not.toContain('canary');
  });

  it('readRegularTextFile refuses pipes, folders, links and oversized files without opening them', async () => {
    const folder = await tempFolder();
    mkfifo(join(folder, 'pipe'));
    await mkdir(join(folder, 'dir'));
    await writeFile(join(folder, 'plain'), '\ufeff{"a":1}');
    await symlink(join(folder, 'plain'), join(folder, 'link'));
    await writeFile(join(folder, 'big'), 'x'.repeat(2000));
    const kindOf = (name: string) =>
      promptly(readRegularTextFile(join(folder, name), 1000)).then(
        () => null,
        (error: unknown) => (error instanceof NotRegularFileError ? error.kind : error),
      );
    expect(await kindOf('pipe')).toBe('a named pipe');
    expect(await kindOf('dir')).toBe('a folder');
    expect(await kindOf('link')).toBe('a link');
    await expect(readRegularTextFile(join(folder, 'big'), 1000)).rejects.toBeInstanceOf(FileTooLargeError);
    expect(await readRegularTextFile(join(folder, 'plain'), 1000)).toBe('{"a":1}');
    expect(await readRegularTextFile(join(folder, 'missing'), 1000)).toBeNull();
  });
});
