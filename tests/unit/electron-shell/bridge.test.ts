import { beforeEach, describe, expect, it, vi } from 'vitest';
import { API_METHODS, ipcChannel } from '../../../src-shared/api/contract';
import { APP_COMMAND_CHANNEL } from '../../../src-shared/api/app-commands';
import { isAppUrl } from '../../../src-main/services/app-url';

/**
 * The Electron binary is not available here, so the `electron` module is replaced by a recorder: these tests
 * check what the preload and the IPC layer hand to Electron, which is the whole of their job.
 */
const exposed: Record<string, unknown> = {};
const invoked: Array<[string, unknown]> = [];
const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
const rendererListeners = new Map<string, Set<(event: unknown, value: unknown) => void>>();

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => {
      exposed[key] = value;
    },
  },
  ipcRenderer: {
    invoke: async (channel: string, input: unknown) => {
      invoked.push([channel, input]);
      return { ok: true, value: null };
    },
    on: (channel: string, listener: (event: unknown, value: unknown) => void) => {
      if (!rendererListeners.has(channel)) rendererListeners.set(channel, new Set());
      rendererListeners.get(channel)!.add(listener);
    },
    removeListener: (channel: string, listener: (event: unknown, value: unknown) => void) => {
      rendererListeners.get(channel)?.delete(listener);
    },
  },
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, input: unknown) => Promise<unknown>) => {
      handlers.set(channel, handler);
    },
  },
}));

describe('preload', () => {
  beforeEach(() => {
    invoked.length = 0;
  });

  it('exposes exactly the methods of the API table and no ipcRenderer', async () => {
    await import('../../../src-main/electron/preload');
    const api = exposed.pressroom as Record<string, unknown>;
    expect(Object.keys(exposed)).toEqual(['pressroom', 'pressroomCommands']);
    expect(Object.keys(api).sort()).toEqual([...API_METHODS].sort());
    expect(Object.isFrozen(api)).toBe(true);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(api).not.toHaveProperty('ipcRenderer');
    expect(api).not.toHaveProperty('invoke');
  });

  it('sends each method on its own channel', async () => {
    await import('../../../src-main/electron/preload');
    const api = exposed.pressroom as Record<string, (input: unknown) => Promise<unknown>>;
    await api['releases.get']!({ id: 'r-1' });
    expect(invoked).toEqual([[ipcChannel('releases.get'), { id: 'r-1' }]]);
  });
});

describe('app commands in the preload', () => {
  it('exposes only a listener for the one command channel, without the IPC event', async () => {
    await import('../../../src-main/electron/preload');
    const bridge = exposed.pressroomCommands as Record<string, unknown>;
    expect(Object.keys(bridge)).toEqual(['onCommand']);
    expect(Object.isFrozen(bridge)).toBe(true);
    const received: unknown[] = [];
    const stop = (bridge.onCommand as (listener: (command: unknown) => void) => () => void)((command) =>
      received.push(command),
    );
    const listeners = rendererListeners.get(APP_COMMAND_CHANNEL)!;
    expect(listeners.size).toBe(1);
    for (const listener of listeners) listener({ sender: 'ipc event' }, { name: 'save' });
    expect(received).toEqual([{ name: 'save' }]);
    stop();
    expect(listeners.size).toBe(0);
  });
});

describe('IPC registration', () => {
  it('registers one handler per method and refuses a sender that is not the app', async () => {
    const { registerIpc } = await import('../../../src-main/electron/ipc');
    const dispatched: string[] = [];
    registerIpc(
      async (method) => {
        dispatched.push(String(method));
        return { ok: true, value: 'done' };
      },
      (url) => url === 'file:///app/out/renderer/index.html',
    );
    expect([...handlers.keys()].sort()).toEqual(API_METHODS.map(ipcChannel).sort());

    const handler = handlers.get(ipcChannel('releases.list'))!;
    expect(await handler({ senderFrame: { url: 'file:///app/out/renderer/index.html' } }, {})).toEqual({
      ok: true,
      value: 'done',
    });
    const refused = (await handler({ senderFrame: { url: 'https://evil.example/' } }, {})) as {
      ok: boolean;
      error: { code: string };
    };
    expect(refused).toMatchObject({ ok: false, error: { code: 'unauthorised' } });
    const noFrame = await handler({ senderFrame: null }, {});
    expect(noFrame).toMatchObject({ ok: false });
    expect(dispatched).toEqual(['releases.list']);
  });
});

describe('isAppUrl', () => {
  const index = 'file:///opt/Pressroom/resources/app.asar/out/renderer/index.html';
  it.each([
    [index, undefined, true],
    [`${index}#/release/r-1`, undefined, true],
    [`${index}?x=1`, undefined, true],
    ['file:///etc/passwd', undefined, false],
    ['file:///opt/Pressroom/resources/app.asar/out/renderer/index.html.evil', undefined, false],
    ['https://example.org/', undefined, false],
    ['http://localhost:5173/#/release/r-1', 'http://localhost:5173', true],
    ['http://localhost:5174/', 'http://localhost:5173', false],
    ['http://localhost:5173.evil.example/', 'http://localhost:5173', false],
    ['not a url', 'http://localhost:5173', false],
  ])('%s (dev server %s) is the app: %s', (url, dev, expected) => {
    expect(isAppUrl(url, index, dev)).toBe(expected);
  });
});
