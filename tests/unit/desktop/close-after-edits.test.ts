import { describe, expect, it } from 'vitest';
import { closeAfterEditsArrive, type ClosableWindow } from '../../../src-main/services/close-after-edits';

/** A stand-in BrowserWindow: `close()` fires 'close', then the page's beforeunload decides (as in Electron). */
function fakeWindow(pageHoldsOn: () => boolean) {
  const listeners: Record<string, Array<(event?: unknown) => void>> = {};
  const timers: Array<() => void> = [];
  let time = 0;
  const log: string[] = [];
  const on = (event: string, listener: (event?: unknown) => void) => (listeners[event] ??= []).push(listener);
  const window: ClosableWindow & { closed: boolean } = {
    closed: false,
    isDestroyed: () => window.closed,
    on: (event, listener) => on(event, listener),
    webContents: { on: (event, listener) => on(event, listener as (event?: unknown) => void) },
    close: () => unload('close'),
  };
  /** What Electron does: 'close' (for a close only), beforeunload, and 'will-prevent-unload' when the page holds on. */
  function unload(kind: 'close' | 'reload') {
    if (kind === 'close') for (const listener of listeners.close ?? []) listener();
    let proceed = !pageHoldsOn();
    if (!proceed) {
      const event = { preventDefault: () => (proceed = true) };
      for (const listener of listeners['will-prevent-unload'] ?? []) listener(event);
    }
    log.push(`${kind}: ${proceed ? 'done' : 'held'}`);
    if (proceed && kind === 'close') window.closed = true;
  }
  return {
    window,
    log,
    reload: () => unload('reload'),
    advance: (ms: number) => {
      time += ms;
      timers.splice(0).forEach((run) => run());
    },
    options: {
      now: () => time,
      setTimer: (run: () => void) => timers.push(run),
      retryMs: 100,
      giveUpMs: 1000,
    },
  };
}

describe('the desktop window waits for the last edits before it closes', () => {
  it('tries the close again until the page has sent its edits', () => {
    let saving = 2;
    const fake = fakeWindow(() => saving > 0);
    closeAfterEditsArrive(fake.window, fake.options);
    fake.window.close();
    expect(fake.window.closed).toBe(false);
    saving -= 1;
    fake.advance(100);
    expect(fake.window.closed).toBe(false);
    saving -= 1;
    fake.advance(100);
    expect(fake.window.closed).toBe(true);
    expect(fake.log).toEqual(['close: held', 'close: held', 'close: done']);
  });

  it('closes anyway after a while: a hung save never traps anyone (the stash keeps the text)', () => {
    const fake = fakeWindow(() => true);
    closeAfterEditsArrive(fake.window, fake.options);
    fake.window.close();
    for (let i = 0; i < 20 && !fake.window.closed; i++) fake.advance(100);
    expect(fake.window.closed).toBe(true);
  });

  it('lets a reload go at once: the page sends its edits over IPC as it goes', () => {
    const fake = fakeWindow(() => true);
    closeAfterEditsArrive(fake.window, fake.options);
    fake.reload();
    expect(fake.log).toEqual(['reload: done']);
    expect(fake.window.closed).toBe(false);
  });

  it('closes at once when nothing is waiting', () => {
    const fake = fakeWindow(() => false);
    closeAfterEditsArrive(fake.window, fake.options);
    fake.window.close();
    expect(fake.window.closed).toBe(true);
  });
});
