import type { MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from '../../src-shared/api/app-commands';
import { RELEASE_TYPES, RELEASE_TYPE_LABELS } from '../../src-shared/release/schema';
import { shortcut, type ShortcutId } from '../../src-shared/shortcuts';

/**
 * The application menu as data: a pure function of the platform, the recent workspaces and the actions, so that
 * tests check it without Electron (tests/unit/electron-shell/menu.test.ts). main.ts builds the menu from it.
 *
 * Platform conventions: on macOS the first menu is the app's own (About, Services, Hide, Quit) and there is a
 * Window menu; elsewhere File ends with Exit and About sits in Help. Accelerators come from the shortcuts table
 * (src-shared/shortcuts.ts). A key the page handles itself (Ctrl+S, Ctrl+Z... in the editor) is shown but not
 * registered, so that it reaches the page and does what it does in the browser; clicking the item sends the
 * command to the page instead.
 */

export interface MenuActions {
  /** To the renderer of the focused window. */
  send(command: AppCommand): void;
  openWorkspace(): void;
  openRecent(folder: string): void;
  clearRecent(): void;
  importRelease(): void;
  printRelease(): void;
  showAbout(): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  /** Most recent first; the current workspace is left out by the caller. */
  recentWorkspaces: readonly string[];
  /** Reload and developer tools only in development. */
  development: boolean;
  actions: MenuActions;
}

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { platform, appName, actions } = options;
  const mac = platform === 'darwin';

  /** A menu item whose key and whether the key is registered come from the shortcuts table. */
  const keyed = (id: ShortcutId, item: MenuItemConstructorOptions): MenuItemConstructorOptions => {
    const entry = shortcut(id);
    return {
      ...item,
      id: item.id ?? id,
      accelerator: entry.accelerator,
      ...(entry.page ? { registerAccelerator: false } : {}),
    };
  };
  const separator: MenuItemConstructorOptions = { type: 'separator' };
  const about: MenuItemConstructorOptions = {
    id: 'about',
    label: `About ${appName}`,
    click: () => actions.showAbout(),
  };

  const recent: MenuItemConstructorOptions[] =
    options.recentWorkspaces.length === 0
      ? [{ id: 'recent-none', label: 'No recent workspaces', enabled: false }]
      : [
          ...options.recentWorkspaces.map((folder, index): MenuItemConstructorOptions => ({
            id: `recent-${index}`,
            label: folder,
            click: () => actions.openRecent(folder),
          })),
          separator,
          { id: 'recent-clear', label: 'Clear recent workspaces', click: () => actions.clearRecent() },
        ];

  const file: MenuItemConstructorOptions = {
    id: 'file',
    label: '&File',
    submenu: [
      keyed('new-release', {
        label: `New ${RELEASE_TYPE_LABELS['news-release'].toLowerCase()}`,
        click: () => actions.send({ name: 'new-release', type: 'news-release' }),
      }),
      {
        id: 'new-from-template',
        label: 'New from template',
        submenu: RELEASE_TYPES.map((type): MenuItemConstructorOptions => ({
          id: `new-${type}`,
          label: RELEASE_TYPE_LABELS[type],
          click: () => actions.send({ name: 'new-release', type }),
        })),
      },
      separator,
      keyed('open-workspace', { label: 'Open workspace…', click: () => actions.openWorkspace() }),
      { id: 'open-recent', label: 'Open recent', submenu: recent },
      separator,
      { id: 'import', label: 'Import release…', click: () => actions.importRelease() },
      // The editor's export dialog: it applies the workflow's rules (draft marks, final exports, embargo).
      keyed('export', { label: 'Export…', click: () => actions.send({ name: 'export' }) }),
      keyed('print', { label: 'Print…', click: () => actions.printRelease() }),
      separator,
      keyed('save', { label: 'Save', click: () => actions.send({ name: 'save' }) }),
      separator,
      mac ? { role: 'close' } : { role: 'quit', label: 'E&xit' },
    ],
  };

  const edit: MenuItemConstructorOptions = {
    id: 'edit',
    label: '&Edit',
    submenu: [
      // Undo and redo are the editor's, across the whole release; in other text fields the page falls back to
      // the field's own undo (src-renderer/src/app-commands.ts).
      keyed('undo', { label: 'Undo', click: () => actions.send({ name: 'undo' }) }),
      keyed('redo', { label: 'Redo', click: () => actions.send({ name: 'redo' }) }),
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      { role: 'selectAll' },
      separator,
      keyed('find', { label: 'Find in library', click: () => actions.send({ name: 'find' }) }),
    ],
  };

  const view: MenuItemConstructorOptions = {
    id: 'view',
    label: '&View',
    submenu: [
      keyed('toggle-preview', {
        label: 'Show or hide preview',
        click: () => actions.send({ name: 'toggle-preview' }),
      }),
      separator,
      keyed('zoom-reset', { role: 'resetZoom', label: 'Actual size' }),
      keyed('zoom-in', { role: 'zoomIn', label: 'Zoom in' }),
      keyed('zoom-out', { role: 'zoomOut', label: 'Zoom out' }),
      separator,
      { id: 'fullscreen', role: 'togglefullscreen' },
      ...(options.development
        ? [separator, { role: 'reload' } as const, { role: 'toggleDevTools' } as const]
        : []),
    ],
  };

  const help: MenuItemConstructorOptions = {
    id: 'help',
    role: 'help',
    label: '&Help',
    submenu: [
      keyed('shortcuts', {
        label: 'Keyboard shortcuts',
        click: () => actions.send({ name: 'show-shortcuts' }),
      }),
      ...(mac ? [] : [separator, about]),
    ],
  };

  if (!mac) return [file, edit, view, help];

  const appMenu: MenuItemConstructorOptions = {
    id: 'app',
    label: appName,
    submenu: [
      about,
      separator,
      { role: 'services' },
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit' },
    ],
  };
  return [appMenu, file, edit, view, { id: 'window', role: 'windowMenu' }, help];
}
