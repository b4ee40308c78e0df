import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createAppPreferences,
  DEFAULT_PREFERENCES,
  MAX_RECENT_WORKSPACES,
  PREFERENCES_FILE,
} from '../../../src-main/services/app-preferences';

let folder: string;
const logged: string[] = [];
const log = (message: string) => logged.push(message);

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'pressroom-prefs-'));
  logged.length = 0;
});
afterEach(() => rm(folder, { recursive: true, force: true }));

describe('app preferences', () => {
  it('starts from the defaults when there is no file, and writes nothing until asked', async () => {
    const prefs = createAppPreferences(folder, { log });
    expect(await prefs.read()).toEqual(DEFAULT_PREFERENCES);
    expect(await readdir(folder)).toEqual([]);
  });

  it('remembers the last workspace and keeps a recent list, newest first, without repeats', async () => {
    const prefs = createAppPreferences(folder, { log });
    await prefs.rememberWorkspace('/work/a');
    await prefs.rememberWorkspace('/work/b');
    await prefs.rememberWorkspace('/work/a/');
    const again = await createAppPreferences(folder, { log }).read();
    expect(again.lastWorkspace).toBe(resolve('/work/a'));
    expect(again.recentWorkspaces).toEqual([resolve('/work/a'), resolve('/work/b')]);
    const onDisk = JSON.parse(await readFile(join(folder, PREFERENCES_FILE), 'utf8'));
    expect(onDisk).toMatchObject({ version: 1, lastWorkspace: resolve('/work/a') });
  });

  it('keeps only the most recent workspaces', async () => {
    const prefs = createAppPreferences(folder, { log });
    for (let i = 0; i < MAX_RECENT_WORKSPACES + 3; i++) await prefs.rememberWorkspace(`/work/${i}`);
    const { recentWorkspaces } = await prefs.read();
    expect(recentWorkspaces).toHaveLength(MAX_RECENT_WORKSPACES);
    expect(recentWorkspaces[0]).toBe(resolve(`/work/${MAX_RECENT_WORKSPACES + 2}`));
  });

  it('forgets one folder (it could not be opened) or the whole list', async () => {
    const prefs = createAppPreferences(folder, { log });
    await prefs.rememberWorkspace('/work/a');
    await prefs.rememberWorkspace('/work/b');
    expect(await prefs.forgetRecent('/work/b')).toMatchObject({
      lastWorkspace: null,
      recentWorkspaces: [resolve('/work/a')],
    });
    await prefs.rememberWorkspace('/work/c');
    expect(await prefs.forgetRecent()).toMatchObject({
      lastWorkspace: resolve('/work/c'),
      recentWorkspaces: [],
    });
  });

  it('stores the window state', async () => {
    const prefs = createAppPreferences(folder, { log });
    await prefs.saveWindow({ x: 10, y: 20, width: 1000, height: 700, maximized: true });
    expect((await createAppPreferences(folder, { log }).read()).window).toEqual({
      x: 10,
      y: 20,
      width: 1000,
      height: 700,
      maximized: true,
    });
  });

  it('applies concurrent changes one after another, losing none', async () => {
    const prefs = createAppPreferences(folder, { log });
    await Promise.all([
      prefs.rememberWorkspace('/work/a'),
      prefs.saveWindow({ x: 0, y: 0, width: 800, height: 600, maximized: false }),
      prefs.rememberWorkspace('/work/b'),
    ]);
    const read = await createAppPreferences(folder, { log }).read();
    expect(read.recentWorkspaces).toEqual([resolve('/work/b'), resolve('/work/a')]);
    expect(read.window).toMatchObject({ width: 800 });
  });

  it('sets a file that is not JSON aside and starts from the defaults', async () => {
    await writeFile(join(folder, PREFERENCES_FILE), '{"lastWorkspace": "/wor');
    const prefs = createAppPreferences(folder, { log, now: () => new Date('2024-07-18T09:30:00Z') });
    expect(await prefs.read()).toEqual(DEFAULT_PREFERENCES);
    expect(logged.join('\n')).toMatch(/not readable JSON/);
    const files = await readdir(folder);
    expect(files).toContain(`${PREFERENCES_FILE}.unreadable-2024-07-18T09-30-00-000Z`);
    await prefs.rememberWorkspace('/work/a');
    expect((await createAppPreferences(folder, { log }).read()).lastWorkspace).toBe(resolve('/work/a'));
  });

  it('keeps the good fields of a file with bad ones', async () => {
    await writeFile(
      join(folder, PREFERENCES_FILE),
      JSON.stringify({
        version: 7,
        lastWorkspace: 42,
        recentWorkspaces: ['/work/a', '/work/a', '/work/b'],
        window: { x: 'left', width: -3 },
      }),
    );
    expect(await createAppPreferences(folder, { log }).read()).toEqual({
      version: 1,
      lastWorkspace: null,
      recentWorkspaces: ['/work/a', '/work/b'],
      window: null,
    });
    await writeFile(join(folder, PREFERENCES_FILE), '[1, 2, 3]');
    expect(await createAppPreferences(folder, { log }).read()).toEqual(DEFAULT_PREFERENCES);
  });

  it('never writes over a file it could not read: changes are kept for this run only', async () => {
    // A folder where the file should be stands for any file that cannot be read (permissions, a disk error).
    await mkdir(join(folder, PREFERENCES_FILE));
    const prefs = createAppPreferences(folder, { log });
    expect(await prefs.read()).toEqual(DEFAULT_PREFERENCES);
    expect(logged.join('\n')).toMatch(/could not be read/);
    await prefs.rememberWorkspace('/work/a');
    await prefs.rememberWorkspace('/work/b');
    expect((await prefs.read()).recentWorkspaces).toEqual([resolve('/work/b'), resolve('/work/a')]);
    expect(await readdir(join(folder, PREFERENCES_FILE))).toEqual([]);
  });

  it('reads the file an earlier Pressroom wrote, byte for byte the same format', async () => {
    const earlier = `${JSON.stringify(
      { version: 1, lastWorkspace: '/work/a', recentWorkspaces: ['/work/a'], window: null },
      null,
      2,
    )}\n`;
    await writeFile(join(folder, PREFERENCES_FILE), earlier);
    const prefs = createAppPreferences(folder, { log });
    expect((await prefs.read()).lastWorkspace).toBe('/work/a');
    await prefs.forgetRecent('/nowhere');
    expect(await readFile(join(folder, PREFERENCES_FILE), 'utf8')).toBe(earlier);
  });
});
