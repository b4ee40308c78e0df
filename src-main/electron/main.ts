import { stat, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { app, BrowserWindow, dialog, Menu, screen, session, shell } from 'electron';
import { APP_COMMAND_CHANNEL, type AppCommand } from '../../src-shared/api/app-commands';
import { fail } from '../../src-shared/result';
import { aboutText, bundledFonts } from '../services/about';
import { closeAfterEditsArrive } from '../services/close-after-edits';
import { createDispatcher, createWorkspaceHandlers, type ApiDispatcher } from '../services/api/dispatch';
import { createAppPreferences } from '../services/app-preferences';
import { APP_INDEX_URL } from '../services/app-protocol';
import { isAppUrl } from '../services/app-url';
import {
  defaultWorkspaceFolder,
  ensureWorkspaceFolder,
  resourcesFolder,
} from '../services/default-workspace';
import { exportStoredRelease, releaseIdFromAppUrl } from '../services/desktop-export';
import { latestNewsFromCatalogue } from '../services/library/latest-news-source';
import { houseFontsFolder } from '../services/export/house-fonts';
import { createIdentityStore } from '../services/identity';
import { releaseFileArgument, workspaceArgument } from '../services/launch-arguments';
import { currentDisplayName } from '../services/workspace/presence';
import { importRelease, parseReleaseFile } from '../services/release-import';
import { fitWindowToDisplays } from '../services/window-state';
import { openWorkspace, type WorkspaceStore } from '../services/workspace/store';
import { createWorkspaceServices, type WorkspaceServices } from '../services/workspace/services';
import { registerAppScheme, serveApp } from './app-protocol';
import { createElectronPdfPrinter, printWithDialog } from './electron-pdf-printer';
import { registerIpc } from './ipc';
import { buildMenuTemplate } from './menu';
import { hardenApp } from './security';
import { createSpellcheck, type Spellcheck } from './spellcheck';
import { isWorkspaceFolder } from '../services/workspace/workspace-settings';

/*
 * The thin shell: lifecycle, one window, the menu, native dialogs, IPC wiring. Everything that can be plain Node is
 * in src-main/services and tested there; this file only connects it to Electron. It cannot run where the Electron
 * binary is missing: tests/electron covers it where it is installed.
 */

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const appUrl = devServerUrl ?? APP_INDEX_URL;
const rendererRoot = join(import.meta.dirname, '../renderer');
const log = (message: string) => console.warn(message);
/** The same limit as the release-file service: anything bigger is not a release file. */
const MAX_RELEASE_FILE_BYTES = 50 * 1024 * 1024;

// Before "ready": the app's scheme must be privileged before any session exists.
registerAppScheme();
hardenApp(APP_INDEX_URL, devServerUrl, log);

interface OpenWorkspace {
  folder: string;
  store: WorkspaceStore;
  services: WorkspaceServices;
  dispatch: ApiDispatcher;
}

let current: OpenWorkspace | null = null;
let mainWindow: BrowserWindow | null = null;
let spellcheck: Spellcheck | null = null;
/** Commands for a window that is still loading wait here, so that a file opened at launch is not lost. */
let pendingCommands: AppCommand[] = [];
let quitting = false;

let preferencesStore: ReturnType<typeof createAppPreferences> | undefined;
/** Made on first use: app.getPath('userData') honours --user-data-dir only once the app has started. */
const preferences = () => (preferencesStore ??= createAppPreferences(app.getPath('userData'), { log }));
let identity: ReturnType<typeof createIdentityStore> | undefined;
const printer = createElectronPdfPrinter(log);

/** Every API call goes to the workspace open at the moment of the call. */
const dispatch: ApiDispatcher = (method, input) =>
  current
    ? current.dispatch(method, input)
    : Promise.resolve(fail('io', 'No workspace is open yet. Please wait a moment and try again.'));

// ---------------------------------------------------------------------------------------------------------------
// Single instance: a second launch (or a release file opened from the file manager) goes to the running window.

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    focusMainWindow();
    const file = releaseFileArgument(argv, workingDirectory);
    if (file) void openReleaseFileFromSystem(file);
  });
  // macOS hands files to the running app with open-file, also before "ready" on a cold start.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    void app.whenReady().then(() => openReleaseFileFromSystem(path));
  });
  start().catch((error: unknown) => {
    console.error('Pressroom could not start:', error);
    dialog.showErrorBox('Pressroom could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  serveApp(session.defaultSession, rendererRoot, log);
  // The export dialog's "download" hands the file to the session: the system's save dialog asks where it goes
  // (Documents first). Only files the page made itself (blob:, data:) are saved; nothing is fetched.
  session.defaultSession.on('will-download', (event, item) => {
    const url = item.getURL();
    if (!url.startsWith('blob:') && !url.startsWith('data:')) {
      event.preventDefault();
      log(`[pressroom] download of ${url.slice(0, 200)} refused`);
      return;
    }
    item.setSaveDialogOptions({
      title: 'Save the export',
      defaultPath: join(app.getPath('documents'), item.getFilename()),
    });
  });
  identity = createIdentityStore(app.getPath('userData'));
  spellcheck = createSpellcheck(session.defaultSession, {
    platform: process.platform,
    resourcesFolder: resourcesFolder(),
    log,
  });
  registerIpc(dispatch, (url) => isAppUrl(url, appUrl, devServerUrl));

  const chosen = workspaceArgument(process.argv) ?? process.env.PRESSROOM_WORKSPACE;
  const prefs = await preferences().read();
  const defaultFolder = defaultWorkspaceFolder(app.getPath('userData'));
  let startNotice: AppCommand | null = null;
  if (chosen) {
    await switchWorkspace(chosen, { create: true, seed: false });
  } else if (prefs.lastWorkspace && prefs.lastWorkspace !== defaultFolder) {
    try {
      await switchWorkspace(prefs.lastWorkspace, { create: false, seed: false });
    } catch (error) {
      startNotice = {
        name: 'notify',
        tone: 'error',
        message: `The last workspace, ${prefs.lastWorkspace}, could not be opened (${messageOf(error)}). The default workspace is open instead.`,
      };
      await switchWorkspace(defaultFolder, { create: true, seed: true });
    }
  } else {
    await switchWorkspace(defaultFolder, { create: true, seed: true });
  }

  mainWindow = await createMainWindow();
  if (startNotice) sendCommand(startNotice);
  const file = releaseFileArgument(process.argv, process.cwd());
  if (file) void openReleaseFileFromSystem(file);

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0)
      void createMainWindow().then((window) => (mainWindow = window));
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Workspaces

/**
 * Opens the folder as the workspace and closes the one before (its watchers and presence entries). The window is
 * emptied first and loaded again after, so that no request of the old page can reach the new workspace.
 * Throws when the folder cannot be opened; the workspace open before stays open then.
 */
async function switchWorkspace(folder: string, options: { create: boolean; seed: boolean }): Promise<void> {
  if (!options.create) {
    if (!isWorkspaceFolder(folder)) throw new Error('it is not there, or it is not a Pressroom workspace');
  }
  await ensureWorkspaceFolder(folder, options.seed);
  const store = await openWorkspace(folder, { userData: app.getPath('userData') });
  const people = identity!;
  const services = createWorkspaceServices(store, {
    displayName: async () => (await people.get())?.name ?? currentDisplayName(),
  });
  const handlers = createWorkspaceHandlers(store, {
    ...services,
    identity: people,
    // PDFs through this app's hidden window and printToPDF, never a second browser.
    printer: () => printer,
    userData: app.getPath('userData'),
    defaultExportFolder: join(app.getPath('documents'), 'Pressroom exports'),
    chooseFolder: async ({ title, defaultPath }) => {
      const window = mainWindow && !mainWindow.isDestroyed() ? mainWindow : null;
      const options = {
        title,
        properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'>,
        ...(defaultPath ? { defaultPath } : {}),
      };
      const result = window
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  });
  const previous = current;
  const window = mainWindow && !mainWindow.isDestroyed() ? mainWindow : null;
  if (previous && window) await window.loadURL('about:blank');
  current = { folder, store, services, dispatch: createDispatcher(handlers) };
  if (previous) await closeWithin(previous.services, 2000);
  await preferences().rememberWorkspace(folder);
  const description = await store.describe().catch(() => null);
  await spellcheck?.useWorkspace(folder, description?.profile.locale ?? 'en-GB');
  await rebuildMenu();
  if (window) {
    window.setTitle(`Pressroom — ${basename(folder)}`);
    await window.loadURL(appUrl);
  }
}

async function chooseWorkspace(): Promise<void> {
  const window = focusMainWindow();
  const options: Electron.OpenDialogOptions = {
    title: 'Open workspace folder',
    buttonLabel: 'Open workspace',
    properties: ['openDirectory', 'createDirectory'],
    ...(current ? { defaultPath: current.folder } : {}),
  };
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  const folder = result.filePaths[0];
  if (result.canceled || !folder) return;
  const isWorkspace = isWorkspaceFolder(folder);
  if (!isWorkspace) {
    const question: Electron.MessageBoxOptions = {
      type: 'question',
      buttons: ['Create workspace', 'Cancel'],
      defaultId: 0,
      cancelId: 1,
      message: `${folder} is not a Pressroom workspace yet.`,
      detail: 'Pressroom can make it one: it adds a releases folder, and changes nothing else.',
    };
    const answer = window
      ? await dialog.showMessageBox(window, question)
      : await dialog.showMessageBox(question);
    if (answer.response !== 0) return;
  }
  await openWorkspaceReporting(folder, { create: true, seed: false });
}

async function openWorkspaceReporting(
  folder: string,
  options: { create: boolean; seed: boolean },
): Promise<void> {
  try {
    await switchWorkspace(folder, options);
  } catch (error) {
    dialog.showErrorBox('The workspace could not be opened', `${folder}\n\n${messageOf(error)}`);
    if (!options.create) {
      await preferences().forgetRecent(folder);
      await rebuildMenu();
    }
  }
}

async function closeWithin(services: WorkspaceServices, ms: number): Promise<void> {
  const timeout = new Promise((resolveTimeout) => setTimeout(resolveTimeout, ms));
  await Promise.race([services.close().catch(() => undefined), timeout]);
}

// ---------------------------------------------------------------------------------------------------------------
// The window

async function createMainWindow(): Promise<BrowserWindow> {
  const prefs = await preferences().read();
  const primaryId = screen.getPrimaryDisplay().id;
  const placement = fitWindowToDisplays(
    prefs.window,
    screen
      .getAllDisplays()
      .map((display) => ({ workArea: display.workArea, primary: display.id === primaryId })),
  );
  const window = new BrowserWindow({
    ...(placement.x === undefined ? {} : { x: placement.x, y: placement.y }),
    width: placement.width,
    height: placement.height,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: current ? `Pressroom — ${basename(current.folder)}` : 'Pressroom',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'), // eng-disable PRELOAD_JS_CHECK
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true,
    },
  });
  if (placement.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  // Remember where the window was, a moment after it stops moving and when it closes.
  let saveTimer: NodeJS.Timeout | undefined;
  const saveBounds = () => {
    if (window.isDestroyed() || window.isMinimized() || window.isFullScreen()) return;
    const bounds = window.getNormalBounds();
    void preferences()
      .saveWindow({ ...bounds, maximized: window.isMaximized() })
      .catch((error: unknown) => log(`[pressroom] window position not saved: ${messageOf(error)}`));
  };
  const saveSoon = () => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveBounds, 500);
  };
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('maximize', saveSoon);
  window.on('unmaximize', saveSoon);
  window.on('close', () => {
    clearTimeout(saveTimer);
    saveBounds();
  });
  // Closing right after typing: the window waits (a few seconds at most) for the page's last save to arrive.
  closeAfterEditsArrive(window);

  window.webContents.on('did-finish-load', () => {
    if (window.webContents.getURL() === 'about:blank') return;
    const waiting = pendingCommands;
    pendingCommands = [];
    for (const command of waiting) window.webContents.send(APP_COMMAND_CHANNEL, command);
  });
  spellcheck?.attach(window.webContents, (message) =>
    sendCommand({ name: 'notify', tone: 'error', message }),
  );
  await window.loadURL(appUrl);
  return window;
}

function focusMainWindow(): BrowserWindow | null {
  const window = mainWindow && !mainWindow.isDestroyed() ? mainWindow : null;
  if (!window) return null;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
  return window;
}

/** To the page, now, or as soon as it has loaded. */
function sendCommand(command: AppCommand): void {
  const window = mainWindow && !mainWindow.isDestroyed() ? mainWindow : null;
  if (!window || window.webContents.isLoading() || window.webContents.getURL() === 'about:blank') {
    pendingCommands.push(command);
    return;
  }
  window.webContents.send(APP_COMMAND_CHANNEL, command);
}

const notify = (tone: 'info' | 'error', message: string) => sendCommand({ name: 'notify', tone, message });

// ---------------------------------------------------------------------------------------------------------------
// Menu

async function rebuildMenu(): Promise<void> {
  const prefs = await preferences().read();
  const template = buildMenuTemplate({
    platform: process.platform,
    appName: app.getName(),
    recentWorkspaces: prefs.recentWorkspaces.filter((folder) => folder !== current?.folder),
    development: !app.isPackaged,
    actions: {
      send: sendCommand,
      openWorkspace: () => void chooseWorkspace(),
      openRecent: (folder) => void openWorkspaceReporting(folder, { create: false, seed: false }),
      clearRecent: () => void preferences().forgetRecent().then(rebuildMenu),
      importRelease: () => void importFromFile(),
      printRelease: () => void printOpenRelease(),
      showAbout: () => void showAbout(),
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

// ---------------------------------------------------------------------------------------------------------------
// Files: release files from the system, import, export, print

async function openReleaseFileFromSystem(path: string): Promise<void> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('it is not a file');
    if (info.size > MAX_RELEASE_FILE_BYTES) throw new Error('it is larger than 50 MB, so not a release file');
    const text = await readFile(path, 'utf8');
    // The page checks and opens it exactly as a file picked in the library (releaseFile.open).
    sendCommand({ name: 'open-release-file', path, fileName: basename(path), text });
  } catch (error) {
    notify('error', `${basename(path)} could not be opened: ${messageOf(error)}.`);
  }
}

async function importFromFile(): Promise<void> {
  const window = focusMainWindow();
  if (!window || !current) return;
  const result = await dialog.showOpenDialog(window, {
    title: 'Import a release',
    properties: ['openFile'],
    filters: [
      { name: 'Pressroom release', extensions: ['pressrelease', 'json'] },
      { name: 'All files', extensions: ['*'] },
    ],
  });
  const path = result.filePaths[0];
  if (result.canceled || !path) return;
  if (/\.pressrelease$/i.test(path)) {
    await openReleaseFileFromSystem(path);
    return;
  }
  try {
    const parsed = parseReleaseFile(await readFile(path, 'utf8'));
    if (!parsed.ok) {
      notify('error', `${basename(path)}: ${parsed.error.message}`);
      return;
    }
    const who = await identity?.get();
    if (!who) {
      notify('error', 'Say who you are first (your name and roles), then import again.');
      return;
    }
    const release = await importRelease(current.folder, parsed.value, who, basename(path));
    sendCommand({ name: 'open-release', id: release.id });
    notify('info', `${basename(path)} was imported as a draft.`);
  } catch (error) {
    notify('error', `${basename(path)} could not be imported: ${messageOf(error)}.`);
  }
}

/** The release open in the window, or a message saying to open one. */
function openReleaseId(action: string): string | null {
  const id =
    mainWindow && !mainWindow.isDestroyed() ? releaseIdFromAppUrl(mainWindow.webContents.getURL()) : null;
  if (!id) notify('error', `Open a release first, then choose ${action} again.`);
  return id;
}

async function printOpenRelease(): Promise<void> {
  const id = openReleaseId('Print');
  if (!id || !current) return;
  const exported = await exportStoredRelease({
    store: current.store,
    id,
    format: 'html',
    now: new Date(),
    latestNews: latestNewsFromCatalogue(current.services.catalogue, current.store),
  });
  if (!exported.ok) {
    notify('error', exported.error.message);
    return;
  }
  try {
    await printWithDialog(new TextDecoder().decode(exported.value.bytes), log);
  } catch (error) {
    notify('error', `The release could not be printed: ${messageOf(error)}`);
  }
}

async function showAbout(): Promise<void> {
  const fontsFolder = houseFontsFolder();
  const text = aboutText({
    appName: app.getName(),
    version: app.getVersion(),
    versions: {
      electron: process.versions.electron,
      chrome: process.versions.chrome,
      node: process.versions.node,
    },
    fonts: await bundledFonts(fontsFolder),
    fontsFolder,
  });
  const options: Electron.MessageBoxOptions = {
    type: 'info',
    title: text.title,
    message: text.message,
    detail: text.detail,
    buttons: ['OK', 'Show licence files'],
    defaultId: 0,
    cancelId: 0,
  };
  const window = focusMainWindow();
  const answer = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
  if (answer.response === 1) void shell.openPath(fontsFolder);
}

// ---------------------------------------------------------------------------------------------------------------
// Quitting

// Colleagues would otherwise see "has this release open" until the entry goes stale: remove it before quitting,
// but never let a hung network share keep the app from quitting.
app.on('before-quit', (event) => {
  if (quitting || !current) return;
  event.preventDefault();
  quitting = true;
  void Promise.all([closeWithin(current.services, 2000), printer.close()]).finally(() => app.quit());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
