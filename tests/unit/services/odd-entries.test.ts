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
  // Two places can hold an odd entry now: the releases folder, where an older Pressroom kept `<id>.json` (those
  // names are still looked at, to be taken in), and a release's own folder of revision files.
  it('lists the good releases and reports a pipe, a folder, a link and an oversized file by name', async () => {
    const folder = await tempFolder();
    const outside = await tempFolder();
    const store = await openWorkspace(folder);
    const me = store.layout.computer.id;
    const keep = await store.save({ ...(await store.create('statement')), headline: 'still here' });
    const replacedFirst = await store.create('statement');
    const replaced = await store.save({ ...replacedFirst, headline: 'replaced' });
    const linkedFirst = await store.create('statement');
    const linked = await store.save({ ...linkedFirst, headline: 'linked' });
    const releases = join(folder, 'releases');
    const revision = (id: string, n: number) => join(releases, id, `0000000${n}.${me}.json`);

    // A revision replaced by a pipe must not vanish unreported (nor hold the listing); the one before it is used.
    await rm(revision(replaced.id, 2));
    mkfifo(revision(replaced.id, 2));
    // A newest revision that is a folder, and the one before it a link to a file outside the workspace.
    await rm(revision(linked.id, 2));
    await writeFile(join(outside, 'secret.json'), JSON.stringify({ note: SECRET }));
    await symlink(join(outside, 'secret.json'), revision(linked.id, 2));
    await mkdir(revision(linked.id, 3));
    // Older-format names in the releases folder: six pipes would have used up the I/O pool.
    for (let i = 0; i < 6; i++) mkfifo(join(releases, `r-pipe${i}.json`));
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
    expect(listed.map((summary) => summary.id).sort()).toEqual([keep.id, replaced.id, linked.id].sort());
    expect(elapsed).toBeLessThan(2000);

    const { problems } = await promptly(store.describe());
    const byFile = new Map(problems.map((problem) => [problem.file, problem]));
    const pipeRevision = byFile.get(`releases/${replaced.id}/00000002.${me}.json`);
    expect(pipeRevision?.message).toMatch(/cannot be used: It is not a regular file \(a named pipe\)/);
    expect(pipeRevision?.movedTo).toBeNull();
    expect(byFile.get(`releases/${linked.id}/00000003.${me}.json`)?.message).toMatch(
      /cannot be used: It is not a regular file \(a folder\)/,
    );
    expect(byFile.get(`releases/${linked.id}/00000002.${me}.json`)?.message).toMatch(
      /cannot be used: It is not a regular file \(a link\)/,
    );
    expect(byFile.get('releases/r-pipe5.json')?.message).toBe(
      'releases/r-pipe5.json is not a regular file (a named pipe): left alone.',
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
    // Everything odd is left where it was: the pipes, the folder and the links are still there, none taken in.
    expect((await lstat(join(releases, 'r-link.json'))).isSymbolicLink()).toBe(true);
    expect((await lstat(join(releases, 'r-pipe0.json'))).isFIFO()).toBe(true);
    expect((await lstat(revision(replaced.id, 2))).isFIFO()).toBe(true);
    expect((await lstat(revision(linked.id, 2))).isSymbolicLink()).toBe(true);
    expect((await lstat(revision(linked.id, 3))).isDirectory()).toBe(true);
    expect(await readdir(join(folder, 'quarantine'))).toHaveLength(1);
    expect(await readdir(join(folder, 'older-format')).catch(() => [])).toEqual([]);

    // The library keeps answering: the host's I/O pool is not held by any of the pipes.
    for (let i = 0; i < 3; i++) {
      expect((await promptly(store.list())).map((s) => s.id).sort()).toEqual(
        [keep.id, replaced.id, linked.id].sort(),
      );
    }
    expect((await promptly(store.get(keep.id))).headline).toBe('still here');
    // The revision before the odd ones is what is shown; nothing of the link's target is.
    expect(await promptly(store.get(replaced.id))).toEqual(replacedFirst);
    expect(await promptly(store.get(linked.id))).toEqual(linkedFirst);
  });

  it('opening, saving over or fetching an odd entry by id answers at once without its content', async () => {
    const folder = await tempFolder();
    const outside = await tempFolder();
    const store = await openWorkspace(folder);
    const release = await store.create('statement');
    // The release's only revision file is replaced: no version of it can be read.
    const file = join(folder, 'releases', release.id, `00000001.${store.layout.computer.id}.json`);
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
    expect(await readdir(join(folder, 'releases', release.id))).toHaveLength(1);

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

describe.runIf(canMakeFifo)('odd entries beside the releases: comments, audit chains, presence', () => {
  it('answers promptly and reports a pipe or a huge file named like a comment file or an audit chain', async () => {
    const { createReviewComments } = await import('../../../src-main/services/review/comments');
    const { createAuditTrail } = await import('../../../src-main/services/review/audit-trail');
    const { createPresence } = await import('../../../src-main/services/workspace/presence');
    const folder = await tempFolder();
    const store = await openWorkspace(folder, { userData: await tempFolder() });
    const release = await store.create('statement');
    const comments = createReviewComments(store.layout);
    await comments.add(release.id, { id: 'u-sam', name: 'Sam' }, { section: 'release', itemId: null }, 'A real comment');
    const commentsFolder = store.layout.commentsFolder(release.id);
    await mkdir(commentsFolder, { recursive: true });
    mkfifo(join(commentsFolder, 'u-pipe.jsonl'));
    const huge = await open(join(commentsFolder, 'u-huge.jsonl'), 'w');
    await huge.truncate(64 * 1024 * 1024);
    await huge.close();
    const listed = await promptly(comments.list(release.id));
    expect(listed.threads).toHaveLength(1);
    const problems = JSON.stringify(listed.problems);
    expect(problems).toContain('u-pipe.jsonl could not be read (it is a named pipe, not a file)');
    expect(problems).toMatch(/u-huge\.jsonl could not be read \(it is 64(\.0)? MB, more than comments can be\)/);

    const audit = createAuditTrail(store.layout);
    await audit.append(release.id, { actor: { id: 'u-sam', name: 'Sam' }, event: 'created' });
    const other = join(store.layout.auditFolder(release.id), 'other-pc-a1b2c3.jsonl');
    mkfifo(other);
    // Never hangs: the pipe is opened without waiting for a writer, and read as what it is.
    expect((await promptly(audit.read(release.id))).map((entry) => entry.event)).toEqual(['created']);
    const verdict = await promptly(audit.verify(release.id));
    // Reported as that computer's damaged chain, not a hang and not an error for the whole trail.
    expect(verdict.ok).toBe(false);
    expect(JSON.stringify(verdict)).toContain('other-pc');

    const presenceFolder = store.layout.presenceFolder(release.id);
    await mkdir(presenceFolder, { recursive: true });
    mkfifo(join(presenceFolder, 'someone@pc.abc.json'));
    const presence = createPresence(store.layout, { displayName: () => 'Sam' });
    expect(await promptly(presence.othersOn(release.id))).toEqual([]);
    await presence.closeAll();
  });
});
