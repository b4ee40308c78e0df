import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { AppCommand } from '../../../src-shared/api/app-commands';
import { RELEASE_TYPES } from '../../../src-shared/release/schema';
import { SHORTCUTS } from '../../../src-shared/shortcuts';
import { buildMenuTemplate, type MenuActions } from '../../../src-main/electron/menu';

/** The menu is built by a pure function: these tests need no Electron (only its types). */
function build(platform: NodeJS.Platform, recent: string[] = [], development = false) {
  const calls: string[] = [];
  const sent: AppCommand[] = [];
  const actions: MenuActions = {
    send: (command) => sent.push(command),
    openWorkspace: () => calls.push('openWorkspace'),
    openRecent: (folder) => calls.push(`openRecent ${folder}`),
    clearRecent: () => calls.push('clearRecent'),
    importRelease: () => calls.push('importRelease'),
    printRelease: () => calls.push('printRelease'),
    showAbout: () => calls.push('showAbout'),
  };
  const template = buildMenuTemplate({
    platform,
    appName: 'Pressroom',
    recentWorkspaces: recent,
    development,
    actions,
  });
  return { template, calls, sent };
}

function flatten(items: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? flatten(item.submenu as MenuItemConstructorOptions[]) : []),
  ]);
}

function byId(items: readonly MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions {
  const found = flatten(items).find((item) => item.id === id);
  if (!found) throw new Error(`no menu item ${id}`);
  return found;
}

function click(item: MenuItemConstructorOptions): void {
  (item.click as unknown as () => void)();
}

const PLATFORMS: NodeJS.Platform[] = ['darwin', 'win32', 'linux'];

describe('application menu', () => {
  it('follows each platform: an app menu and a Window menu on macOS, Exit and About in File/Help elsewhere', () => {
    const mac = build('darwin').template;
    expect(mac.map((item) => item.id)).toEqual(['app', 'file', 'edit', 'view', 'window', 'help']);
    expect(mac[0]!.label).toBe('Pressroom');
    const macApp = flatten([mac[0]!]).map((item) => item.role ?? item.id);
    expect(macApp).toEqual(
      expect.arrayContaining(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']),
    );
    expect(flatten(mac).filter((item) => item.id === 'about')).toHaveLength(1);

    for (const platform of ['win32', 'linux'] as const) {
      const other = build(platform).template;
      expect(other.map((item) => item.id)).toEqual(['file', 'edit', 'view', 'help']);
      const fileItems = flatten([other[0]!]);
      expect(fileItems.at(-1)).toMatchObject({ role: 'quit', label: 'E&xit' });
      expect(flatten([other[3]!]).some((item) => item.id === 'about')).toBe(true);
    }
  });

  it.each(PLATFORMS)('has the File, Edit, View and Help items on %s', (platform) => {
    const { template } = build(platform);
    const ids = flatten(template).map((item) => item.id ?? item.role);
    expect(ids).toEqual(
      expect.arrayContaining([
        'new-release',
        'new-from-template',
        'open-workspace',
        'open-recent',
        'import',
        'export',
        'print',
        'save',
        'undo',
        'redo',
        'cut',
        'copy',
        'paste',
        'selectAll',
        'find',
        'toggle-preview',
        'zoom-in',
        'zoom-out',
        'zoom-reset',
        'shortcuts',
        'about',
      ]),
    );
    // Developer tools only in development.
    expect(ids).not.toContain('toggleDevTools');
    expect(flatten(build(platform, [], true).template).map((item) => item.role)).toContain('toggleDevTools');
  });

  it('offers every release template under New from template', () => {
    const { template, sent } = build('linux');
    const submenu = byId(template, 'new-from-template').submenu as MenuItemConstructorOptions[];
    expect(submenu.map((item) => item.id)).toEqual(RELEASE_TYPES.map((type) => `new-${type}`));
    for (const item of submenu) click(item);
    expect(sent).toEqual(RELEASE_TYPES.map((type) => ({ name: 'new-release', type })));
  });

  it.each(PLATFORMS)('gives no two items the same accelerator on %s', (platform) => {
    const accelerators = flatten(build(platform, ['/a', '/b'], true).template)
      .map((item) => item.accelerator)
      .filter((accelerator): accelerator is string => typeof accelerator === 'string');
    expect(accelerators.length).toBeGreaterThan(8);
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('takes every accelerator from the shortcuts table and leaves page-handled keys to the page', () => {
    const items = flatten(build('linux').template).filter((item) => item.accelerator);
    for (const item of items) {
      const entry = SHORTCUTS.find((s) => s.id === item.id);
      expect(entry, `menu item ${item.id}`).toBeDefined();
      expect(item.accelerator).toBe(entry!.accelerator);
      // Ctrl+S, Ctrl+Z... are the editor's: the menu must not swallow them before the page sees them.
      expect(item.registerAccelerator === false).toBe(entry!.page);
    }
    expect(byId(build('linux').template, 'save')).toMatchObject({
      accelerator: 'CmdOrCtrl+S',
      registerAccelerator: false,
    });
  });

  it('keeps the shortcuts table free of clashes', () => {
    const keys = SHORTCUTS.flatMap((s) => [s.accelerator, ...(s.alternatives ?? [])]);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('sends page commands to the renderer and runs main-side actions itself', () => {
    const { template, calls, sent } = build('linux', ['/work/a', '/work/b']);
    for (const id of [
      'save',
      'export',
      'undo',
      'redo',
      'find',
      'toggle-preview',
      'shortcuts',
      'new-release',
    ]) {
      click(byId(template, id));
    }
    expect(sent).toEqual([
      { name: 'save' },
      { name: 'export' },
      { name: 'undo' },
      { name: 'redo' },
      { name: 'find' },
      { name: 'toggle-preview' },
      { name: 'show-shortcuts' },
      { name: 'new-release', type: 'news-release' },
    ]);
    for (const id of ['open-workspace', 'recent-1', 'recent-clear', 'import', 'print', 'about']) {
      click(byId(template, id));
    }
    expect(calls).toEqual([
      'openWorkspace',
      'openRecent /work/b',
      'clearRecent',
      'importRelease',
      'printRelease',
      'showAbout',
    ]);
  });

  it('says so when there is no recent workspace', () => {
    const recent = byId(build('win32').template, 'open-recent').submenu as MenuItemConstructorOptions[];
    expect(recent).toEqual([{ id: 'recent-none', label: 'No recent workspaces', enabled: false }]);
  });
});
