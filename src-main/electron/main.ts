import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow } from 'electron';
import { createDispatcher, createWorkspaceHandlers } from '../services/api/dispatch';
import { defaultWorkspaceFolder, ensureWorkspaceFolder } from '../services/default-workspace';
import { createIdentityStore } from '../services/identity';
import { currentDisplayName } from '../services/presence';
import { openWorkspace } from '../services/workspace-store';
import { createWorkspaceServices, type WorkspaceServices } from '../services/workspace-services';
import { registerIpc } from './ipc';
import { isAppUrl } from '../services/app-url';
import { hardenApp } from './security';

// Thin shell: lifecycle, one window, IPC wiring. Everything else is plain Node code in src-main/services.
const devServerUrl = process.env.ELECTRON_RENDERER_URL;

const appIndexPath = join(import.meta.dirname, '../renderer/index.html');
const appIndexUrl = pathToFileURL(appIndexPath).href;

hardenApp(appIndexUrl, devServerUrl);

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Pressroom',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  if (devServerUrl) void window.loadURL(devServerUrl);
  else void window.loadFile(appIndexPath);
  return window;
}

async function start(): Promise<void> {
  await app.whenReady();
  const chosen = workspaceArgument(process.argv) ?? process.env.PRESSROOM_WORKSPACE;
  const folder = chosen ?? defaultWorkspaceFolder(app.getPath('userData'));
  await ensureWorkspaceFolder(folder, chosen === undefined);
  const store = await openWorkspace(folder);
  const identity = createIdentityStore(app.getPath('userData'));
  services = createWorkspaceServices(store, {
    displayName: async () => (await identity.get())?.name ?? currentDisplayName(),
  });
  registerIpc(createDispatcher(createWorkspaceHandlers(store, { ...services, identity })), (url) =>
    isAppUrl(url, appIndexUrl, devServerUrl),
  );
  createMainWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
  });
}

/** `--workspace DIR` or `--workspace=DIR` opens any folder as the workspace. */
function workspaceArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--workspace=')) return arg.slice('--workspace='.length);
    if (arg === '--workspace' && argv[i + 1]) return argv[i + 1];
  }
  return undefined;
}

let services: WorkspaceServices | undefined;
let servicesClosed = false;

// Colleagues would otherwise see "has this release open" until the entry goes stale: remove it before quitting,
// but never let a hung network share keep the app from quitting.
app.on('before-quit', (event) => {
  if (!services || servicesClosed) return;
  event.preventDefault();
  servicesClosed = true;
  const timeout = new Promise((resolveTimeout) => setTimeout(resolveTimeout, 2000));
  void Promise.race([services.close(), timeout]).finally(() => app.quit());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

start().catch((error: unknown) => {
  console.error('Pressroom could not start:', error);
  app.exit(1);
});
