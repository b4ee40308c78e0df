import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyEngineFile } from '../../../src-main/services/workspace/engine-files';
import { openWorkspace } from '../../../src-main/services/workspace/store';

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((f) => rm(f, { recursive: true, force: true })));
});

describe('files sync engines make', () => {
  it('recognises conflict copies by the names each engine gives them', () => {
    const beside = new Set(['r-k3j9x2m1qa.json']);
    expect(classifyEngineFile('r-k3j9x2m1qa.sync-conflict-20240718-093012-7QXJ4RD.json')).toEqual({
      kind: 'conflict-copy',
      engine: 'Syncthing',
      original: 'r-k3j9x2m1qa.json',
    });
    expect(classifyEngineFile("r-k3j9x2m1qa (Sam Taylor's conflicted copy 2024-07-18).json")).toEqual({
      kind: 'conflict-copy',
      engine: 'Dropbox',
      original: 'r-k3j9x2m1qa.json',
    });
    expect(classifyEngineFile('r-k3j9x2m1qa (conflicted copy 2024-07-18).json')).toMatchObject({
      engine: 'Dropbox',
      original: 'r-k3j9x2m1qa.json',
    });
    expect(classifyEngineFile('r-k3j9x2m1qa (conflicted copy 2024-07-18 (1)).json')).toMatchObject({
      engine: 'Dropbox',
    });
    expect(classifyEngineFile('r-k3j9x2m1qa-DESKTOP-4F2K9AB.json', beside)).toEqual({
      kind: 'conflict-copy',
      engine: 'OneDrive',
      original: 'r-k3j9x2m1qa.json',
    });
    expect(classifyEngineFile('r-k3j9x2m1qa-PRESS-LAPTOP-2.json', beside)).toMatchObject({
      engine: 'OneDrive',
    });
    expect(classifyEngineFile('workspace.sync-conflict-20240718-093012-7QXJ4RD.json')).toMatchObject({
      original: 'workspace.json',
    });
  });

  it('recognises the engines’ temp files and office lock files', () => {
    for (const name of [
      '.syncthing.r-k3j9x2m1qa.json.tmp',
      '~syncthing~r-k3j9x2m1qa.json.tmp',
      '~$ess release.docx',
      '.~lock.notes.odt#',
      '.r-k3j9x2m1qa.json.4242.a1b2c3d4e5f6.tmp',
      'upload.TMP',
    ]) {
      expect(classifyEngineFile(name), name).toEqual({ kind: 'temp' });
    }
  });

  it('leaves release files and look-alikes alone', () => {
    expect(classifyEngineFile('r-k3j9x2m1qa.json')).toEqual({ kind: 'plain' });
    // Not beside its original, or not a computer name: a release may be called this.
    expect(classifyEngineFile('r-k3j9x2m1qa-DESKTOP-4F2K9AB.json')).toEqual({ kind: 'plain' });
    expect(classifyEngineFile('r-k3j9x2m1qa-copy.json', new Set(['r-k3j9x2m1qa.json']))).toEqual({
      kind: 'plain',
    });
    expect(classifyEngineFile('r-k3j9x2m1qa.sync-conflict-2024-093012-7QXJ4RD.json')).toEqual({
      kind: 'plain',
    });
  });
});

describe('a library on a synced folder', () => {
  it('lists only releases; a conflict copy is a second version of its release, kept and never unreadable', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'pressroom-engines-'));
    folders.push(folder);
    const store = await openWorkspace(folder);
    const created = await store.create('news-release');
    const saved = await store.save({ ...created, headline: 'Bridge reopens after repairs' });
    const releases = join(folder, 'releases');
    const theirs = JSON.stringify({ ...saved, headline: 'Bridge reopens early' });
    const copies = [
      `${saved.id}.sync-conflict-20240718-093012-7QXJ4RD.json`,
      `${saved.id} (Sam Taylor's conflicted copy 2024-07-18).json`,
      `${saved.id}-DESKTOP-4F2K9AB.json`,
    ];
    for (const name of copies) await writeFile(join(releases, name), theirs);
    for (const name of [`.syncthing.${saved.id}.json.tmp`, '~$notes.docx', '.~lock.notes.odt#']) {
      await writeFile(join(releases, name), 'half a file');
    }

    const reopened = await openWorkspace(folder);
    expect((await reopened.list()).map((r) => [r.id, r.headline])).toEqual([
      [saved.id, 'Bridge reopens after repairs'],
    ]);
    const { problems } = await reopened.describe();
    expect(problems.map((p) => p.file).sort()).toEqual(copies.map((name) => `releases/${name}`).sort());
    for (const problem of problems) {
      expect(problem.message).toMatch(
        /^A second version of “Bridge reopens early” from a sync conflict \((Syncthing|Dropbox|OneDrive)\)/,
      );
      expect(problem.message).not.toMatch(/could not be read|damaged|only opens/);
      expect(problem.movedTo).toBeNull();
    }
    // Kept as they came, and the release itself is untouched.
    expect((await readdir(releases)).filter((name) => copies.includes(name)).sort()).toEqual(
      [...copies].sort(),
    );
    expect(JSON.parse(await readFile(join(releases, `${saved.id}.json`), 'utf8')).headline).toBe(
      'Bridge reopens after repairs',
    );
    expect((await reopened.get(saved.id)).headline).toBe('Bridge reopens after repairs');
  });
});
