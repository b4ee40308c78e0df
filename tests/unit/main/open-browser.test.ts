import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserCommand } from '../../../src-main/web/open-browser';
import { electronPackageDir, installedElectronBinary } from '../../../scripts/electron-binary.mjs';

const URL = 'http://127.0.0.1:4321/?token=abc';
const everywhere = () => true;
const nowhere = () => false;

describe('opening the browser host in the system browser (issue 14, item 1)', () => {
  it('uses the platform’s opener', () => {
    expect(browserCommand(URL, 'darwin', {}, nowhere)).toEqual({ command: 'open', args: [URL] });
    expect(browserCommand(URL, 'win32', {}, nowhere)).toEqual({ command: 'explorer.exe', args: [URL] });
    expect(browserCommand(URL, 'linux', { DISPLAY: ':0' }, everywhere)).toEqual({
      command: 'xdg-open',
      args: [URL],
    });
    expect(browserCommand(URL, 'freebsd', { WAYLAND_DISPLAY: 'wayland-0' }, everywhere)).toEqual({
      command: 'xdg-open',
      args: [URL],
    });
  });

  it('opens nothing where there is no browser to open, and says why', () => {
    expect(browserCommand(URL, 'linux', {}, everywhere)).toEqual({
      none: 'there is no desktop session here',
    });
    expect(browserCommand(URL, 'linux', { DISPLAY: ':0' }, nowhere)).toEqual({
      none: 'xdg-open is not installed',
    });
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(browserCommand(URL, platform, { BROWSER: 'none', DISPLAY: ':0' }, everywhere)).toEqual({
        none: 'BROWSER=none is set',
      });
    }
  });

  it('finds xdg-open on the PATH by default', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'pressroom-path-'));
    try {
      await writeFile(join(folder, 'xdg-open'), '#!/bin/sh\n', { mode: 0o755 });
      expect(browserCommand(URL, 'linux', { DISPLAY: ':0', PATH: folder })).toMatchObject({
        command: 'xdg-open',
      });
      expect(browserCommand(URL, 'linux', { DISPLAY: ':0', PATH: join(folder, 'none') })).toEqual({
        none: 'xdg-open is not installed',
      });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe('where the Electron binary is looked for', () => {
  it('honours ELECTRON_OVERRIDE_DIST_PATH, as electron itself does', async () => {
    expect(installedElectronBinary({ ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent/electron-dist' })).toBeNull();
    const folder = await mkdtemp(join(tmpdir(), 'pressroom-electron-'));
    try {
      // The executable's name inside the folder, as electron's path.txt gives it where installed.
      const pathFile = join(electronPackageDir()!, 'path.txt');
      const name = existsSync(pathFile) ? (await readFile(pathFile, 'utf8')).trim() : 'electron';
      await mkdir(dirname(join(folder, name)), { recursive: true });
      await writeFile(join(folder, name), '');
      expect(installedElectronBinary({ ELECTRON_OVERRIDE_DIST_PATH: folder })).toBe(join(folder, name));
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
