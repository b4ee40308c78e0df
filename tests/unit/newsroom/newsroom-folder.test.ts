import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MANIFEST_NAME, writeNewsroomFolder } from '../../../src-main/services/newsroom/newsroom-folder';
import { buildNewsroomSite } from '../../../src-main/services/newsroom/newsroom-site';
import { DEFAULT_SETTINGS, type Release } from '../../../src-shared/release/schema';
import { profile } from '../export/fixtures';
import { BEFORE_LIFT, newsroomReleases } from './newsroom-fixtures';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'pressroom-newsroom-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** Eight of the fixtures: enough for lists, tags and a feed, and quick to write (every write is synced to disk). */
function someReleases(): Release[] {
  return newsroomReleases().filter((release) => /^r-(news0[0-5]|news20|embargo-lifted)$/.test(release.id));
}

function filesOf(releases: Release[]) {
  return buildNewsroomSite({
    releases,
    profile,
    settings: DEFAULT_SETTINGS,
    logoDataUrl: null,
    fontFaces: [],
    now: BEFORE_LIFT,
    siteUrl: 'https://www.northshire.example/news/',
  }).files;
}

describe('newsroom folder', () => {
  it('writes every file once, then a re-export rewrites nothing', async () => {
    const files = filesOf(someReleases());
    const first = await writeNewsroomFolder(folder, files);
    expect(first.written).toHaveLength(files.size);
    expect(first.unchanged).toEqual([]);
    const index = join(folder, 'index.html');
    const before = (await stat(index)).mtimeMs;

    const second = await writeNewsroomFolder(folder, filesOf(someReleases()));
    expect(second.written).toEqual([]);
    expect(second.unchanged).toHaveLength(files.size);
    expect(second.removed).toEqual([]);
    expect((await stat(index)).mtimeMs).toBe(before);
    expect(JSON.parse(await readFile(join(folder, MANIFEST_NAME), 'utf8')).files['index.html']).toMatch(
      /^[0-9a-f]{64}$/,
    );
  });

  it('rewrites only what a change touches, and removes the page of a release no longer published', async () => {
    const releases = someReleases();
    await writeNewsroomFolder(folder, filesOf(releases));

    // An older release's standfirst changes: its page, its ninjs and the list pages that show it, not the others.
    const edited = releases.map((release) =>
      release.id === 'r-news20' ? { ...release, standfirst: 'A corrected standfirst.' } : release,
    );
    const changed = await writeNewsroomFolder(folder, filesOf(edited));
    expect(changed.written.some((path) => path.endsWith('-r-news20.html'))).toBe(true);
    expect(changed.written.some((path) => path.endsWith('-r-news20.json'))).toBe(true);
    expect(changed.written.some((path) => path.endsWith('-r-news01.json'))).toBe(false);
    expect(changed.written.length).toBeLessThan(changed.unchanged.length);

    const withdrawn = edited.map((release) =>
      release.id === 'r-news20' ? { ...release, status: 'withdrawn' as const } : release,
    );
    const removed = await writeNewsroomFolder(folder, filesOf(withdrawn));
    expect(removed.removed.filter((path) => path.includes('r-news20'))).toHaveLength(2);
    for (const path of removed.removed) await expect(stat(join(folder, path))).rejects.toThrow();
  });

  it('writes a file again when it was deleted or changed by hand, and leaves files it did not write alone', async () => {
    const files = filesOf(someReleases());
    await writeNewsroomFolder(folder, files);
    await rm(join(folder, 'feed.xml'));
    await writeFile(join(folder, 'notes.txt'), 'the web team’s own file');
    const again = await writeNewsroomFolder(folder, files);
    expect(again.written).toEqual(['feed.xml']);
    expect(await readFile(join(folder, 'notes.txt'), 'utf8')).toBe('the web team’s own file');
  });

  it('refuses a folder holding a site it did not write', async () => {
    await writeFile(join(folder, 'index.html'), '<h1>Our intranet</h1>');
    await expect(writeNewsroomFolder(folder, filesOf(someReleases()))).rejects.toThrow(
      /already has an index.html that Pressroom did not write/,
    );
    expect(await readFile(join(folder, 'index.html'), 'utf8')).toBe('<h1>Our intranet</h1>');
  });
});
