import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_COMMAND_CHANNEL } from '../../../src-shared/api/app-commands';
import { ipcChannel } from '../../../src-shared/api/methods';

/**
 * The main process (src-main/electron/main.ts) started against a recording stand-in for Electron: the binary
 * cannot be downloaded here, so this checks what the shell asks of Electron and in which order - the scheme
 * registered before "ready", the window's web preferences, the app:// page, IPC with the sender check, the
 * menu, a release file from a second launch, switching workspace from the menu. tests/electron runs the real
 * thing where Electron is installed.
 */

const fake = vi.hoisted(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EventEmitter: Emitter } = require('node:events') as typeof import('node:events');
  const calls: string[] = [];
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  const paths = { userData: '', documents: '' };
  const app = Object.assign(new Emitter(), {
    isReady: false,
    whenReady: () => ready,
    requestSingleInstanceLock: () => {
      calls.push('requestSingleInstanceLock');
      return true;
    },
    getPath: (name: 'userData' | 'documents') => paths[name],
    getName: () => 'Pressroom',
    getVersion: () => '0.1.0',
    isPackaged: false,
    quit: () => calls.push('quit'),
    exit: (code: number) => calls.push(`exit ${code}`),
  });
  const ipcHandlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response> | Response>();
  const makeSession = (name: string) =>
    Object.assign(new Emitter(), {
      name,
      protocol: {
        handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
          calls.push(`${name}.protocol.handle ${scheme}`);
          protocolHandlers.set(`${name}:${scheme}`, handler);
        },
      },
      setPermissionRequestHandler: () => calls.push(`${name}.setPermissionRequestHandler`),
      setPermissionCheckHandler: () => calls.push(`${name}.setPermissionCheckHandler`),
      webRequest: {
        onBeforeRequest: (listener: unknown) => {
          calls.push(`${name}.onBeforeRequest`);
          (makeSession as unknown as { blockers: unknown[] }).blockers.push(listener);
        },
        onHeadersReceived: () => calls.push(`${name}.onHeadersReceived`),
      },
      availableSpellCheckerLanguages: ['en-GB', 'en-US', 'fr-FR'],
      setSpellCheckerLanguages: (languages: string[]) => calls.push(`spellcheck ${languages.join(',')}`),
      setSpellCheckerDictionaryDownloadURL: (url: string) => calls.push(`dictionary url ${url}`),
      addWordToSpellCheckerDictionary: (word: string) => calls.push(`add word ${word}`),
      removeWordFromSpellCheckerDictionary: (word: string) => calls.push(`remove word ${word}`),
    });
  (makeSession as unknown as { blockers: unknown[] }).blockers = [];
  const defaultSession = makeSession('default');

  const windows: FakeWindow[] = [];
  class FakeWebContents extends Emitter {
    url = '';
    sent: Array<[string, unknown]> = [];
    getURL = () => this.url;
    isLoading = () => false;
    send = (channel: string, value: unknown) => this.sent.push([channel, value]);
    setWindowOpenHandler = () => undefined;
    replaceMisspelling = () => undefined;
  }
  class FakeWindow extends Emitter {
    webContents = new FakeWebContents();
    title = '';
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    static getAllWindows = () => windows;
    async loadURL(url: string) {
      calls.push(`loadURL ${url}`);
      this.webContents.url = url;
      this.webContents.emit('did-finish-load');
    }
    setTitle = (title: string) => (this.title = title);
    isDestroyed = () => false;
    isMinimized = () => false;
    isFullScreen = () => false;
    isMaximized = () => false;
    getNormalBounds = () => ({ x: 10, y: 20, width: 1000, height: 700 });
    maximize = () => undefined;
    restore = () => undefined;
    show = () => undefined;
    focus = () => undefined;
  }
  const menus: unknown[] = [];
  const dialogAnswers: { folder: string | null } = { folder: null };
  return {
    calls,
    resolveReady,
    paths,
    app,
    ipcHandlers,
    protocolHandlers,
    defaultSession,
    makeSession,
    windows,
    FakeWindow,
    menus,
    dialogAnswers,
  };
});

vi.mock('electron', () => ({
  app: fake.app,
  BrowserWindow: fake.FakeWindow,
  protocol: {
    registerSchemesAsPrivileged: (schemes: Array<{ scheme: string; privileges: Record<string, boolean> }>) =>
      fake.calls.push(
        `registerSchemesAsPrivileged ${schemes.map((s) => `${s.scheme}:${Object.keys(s.privileges).join('+')}`)}`,
      ),
  },
  session: { defaultSession: fake.defaultSession, fromPartition: (name: string) => fake.makeSession(name) },
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, input: unknown) => Promise<unknown>) =>
      fake.ipcHandlers.set(channel, handler),
  },
  Menu: {
    buildFromTemplate: (template: unknown) => ({ template }),
    setApplicationMenu: (menu: unknown) => fake.menus.push(menu),
  },
  screen: {
    getPrimaryDisplay: () => ({ id: 1 }),
    getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
  },
  dialog: {
    showOpenDialog: async () =>
      fake.dialogAnswers.folder
        ? { canceled: false, filePaths: [fake.dialogAnswers.folder] }
        : { canceled: true, filePaths: [] },
    showMessageBox: async () => ({ response: 0 }),
    showErrorBox: (title: string, text: string) => fake.calls.push(`error box ${title}: ${text}`),
  },
  shell: { openExternal: async () => undefined, openPath: async () => '' },
}));

let root: string;
const flush = () => new Promise((resolve) => setTimeout(resolve, 50));
async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (check()) return;
    await flush();
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'pressroom-shell-'));
  fake.paths.userData = join(root, 'user-data');
  fake.paths.documents = join(root, 'documents');
  vi.stubEnv('PRESSROOM_WORKSPACE', join(root, 'first'));
  await import('../../../src-main/electron/main');
  fake.calls.push('ready');
  fake.resolveReady();
  await until(() => fake.windows.length === 1 && fake.windows[0]!.webContents.url !== '', 'the window');
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(root, { recursive: true, force: true });
});

const window = () => fake.windows[0]!;
const invoke = (method: string, input: unknown, url = 'app://pressroom/index.html#/') =>
  fake.ipcHandlers.get(ipcChannel(method as never))!({ senderFrame: { url } }, input) as Promise<{
    ok: boolean;
    value?: Record<string, unknown>;
    error?: { code: string };
  }>;

describe('the main process', () => {
  it('registers the app scheme before ready and takes the single-instance lock', () => {
    const registered = fake.calls.findIndex((call) => call.startsWith('registerSchemesAsPrivileged app:'));
    expect(registered).toBeGreaterThanOrEqual(0);
    expect(registered).toBeLessThan(fake.calls.indexOf('ready'));
    expect(fake.calls[registered]).toContain('standard+secure');
    expect(fake.calls).toContain('requestSingleInstanceLock');
  });

  it('hardens the session: permissions refused, requests filtered, CSP set, the app served from app://', async () => {
    for (const call of [
      'default.setPermissionRequestHandler',
      'default.setPermissionCheckHandler',
      'default.onBeforeRequest',
      'default.onHeadersReceived',
      'default.protocol.handle app',
    ]) {
      expect(fake.calls).toContain(call);
    }
    const blocker = (
      fake.makeSession as unknown as { blockers: Array<(d: unknown, cb: (r: unknown) => void) => void> }
    ).blockers[0]!;
    const decide = (url: string) =>
      new Promise((resolve) => blocker({ url, method: 'GET' }, (answer) => resolve(answer)));
    expect(await decide('https://example.org/')).toEqual({ cancel: true });
    expect(await decide('app://pressroom/assets/x.js')).toEqual({ cancel: false });
    const serve = fake.protocolHandlers.get('default:app')!;
    expect((await serve(new Request('app://pressroom/%2e%2e/%2e%2e/package.json'))).status).toBe(404);
    expect((await serve(new Request('app://elsewhere/index.html'))).status).toBe(403);
  });

  it('opens one sandboxed, isolated window on the app:// page', () => {
    const { webPreferences } = window().options as { webPreferences: Record<string, unknown> };
    expect(webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: true,
    });
    expect(String(webPreferences.preload)).toMatch(/preload[/\\]index\.cjs$/);
    expect(window().webContents.url).toBe('app://pressroom/index.html');
    expect(fake.calls).toContain('spellcheck en-GB');
    expect(fake.menus.length).toBeGreaterThan(0);
  });

  it('answers the API from the workspace, only to the app page', async () => {
    const described = await invoke('workspace.describe', {});
    expect(described).toMatchObject({ ok: true, value: { path: join(root, 'first') } });
    expect(await invoke('workspace.describe', {}, 'https://evil.example/')).toMatchObject({
      ok: false,
      error: { code: 'unauthorised' },
    });
    const preferences = JSON.parse(await readFile(join(root, 'user-data', 'preferences.json'), 'utf8'));
    expect(preferences.lastWorkspace).toBe(join(root, 'first'));
  });

  it('hands a release file from a second launch to the page', async () => {
    const file = join(root, 'Appeal.pressrelease');
    await writeFile(file, '{"format":"pressroom-release"}');
    fake.app.emit('second-instance', {}, ['pressroom', 'Appeal.pressrelease'], root, {});
    await until(() => window().webContents.sent.length > 0, 'the command');
    expect(window().webContents.sent[0]).toEqual([
      APP_COMMAND_CHANNEL,
      {
        name: 'open-release-file',
        path: file,
        fileName: 'Appeal.pressrelease',
        text: '{"format":"pressroom-release"}',
      },
    ]);
  });

  it('switches workspace from File > Open workspace…, and lists the first under Open recent', async () => {
    fake.dialogAnswers.folder = join(root, 'second');
    type Item = { id?: string; label?: string; submenu?: Item[]; click?: () => void };
    const items = (menu: unknown): Item[] => {
      const walk = (list: Item[]): Item[] => list.flatMap((item) => [item, ...walk(item.submenu ?? [])]);
      return walk((menu as { template: Item[] }).template);
    };
    const before = fake.menus.length;
    items(fake.menus.at(-1)).find((item) => item.id === 'open-workspace')!.click!();
    await until(() => fake.menus.length > before, 'the menu rebuilt');
    await until(() => window().webContents.url === 'app://pressroom/index.html', 'the page reloaded');
    // The old page is emptied before the new workspace answers, then the app is loaded again.
    const emptied = fake.calls.lastIndexOf('loadURL about:blank');
    expect(emptied).toBeGreaterThan(0);
    expect(fake.calls.lastIndexOf('loadURL app://pressroom/index.html')).toBeGreaterThan(emptied);
    expect(await invoke('workspace.describe', {})).toMatchObject({
      ok: true,
      value: { path: join(root, 'second') },
    });
    const recent = items(fake.menus.at(-1)).find((item) => item.id === 'recent-0');
    expect(recent?.label).toBe(join(root, 'first'));
    expect(window().title).toBe('Pressroom — second');
  });
});
