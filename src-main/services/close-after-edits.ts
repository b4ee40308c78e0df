/**
 * The desktop window's close waits for the page's last edits (issue 14, item 5). Closing the window right after
 * typing would otherwise end the page before its save (due 700 ms after the last key) had gone. The page says it
 * has edits on their way the web's own way, by holding on in `beforeunload` (useAutosave.ts), and sends them at
 * once; Electron then cancels the close and reports 'will-prevent-unload'. Here the close is tried again a moment
 * later, until the page lets go, and after a few seconds the window closes anyway: a hung save never traps anyone.
 *
 * A reload or navigation inside the window is let through at once: the page sends its edits as it goes, over IPC,
 * which outlives the page. Without an electron import, so that it runs under Vitest with a stand-in window.
 */

/** The parts of a BrowserWindow this needs. */
export interface ClosableWindow {
  close(): void;
  isDestroyed(): boolean;
  on(event: 'close', listener: () => void): unknown;
  webContents: {
    on(event: 'will-prevent-unload', listener: (event: { preventDefault(): void }) => void): unknown;
  };
}

export interface CloseAfterEditsOptions {
  /** How long to wait before trying the close again. */
  retryMs?: number;
  /** How long the page may hold the close in all. */
  giveUpMs?: number;
  now?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
}

export function closeAfterEditsArrive(window: ClosableWindow, options: CloseAfterEditsOptions = {}): void {
  const retryMs = options.retryMs ?? 100;
  const giveUpMs = options.giveUpMs ?? 5000;
  const now = options.now ?? Date.now;
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  let closing = false;
  let holdingSince: number | null = null;

  window.on('close', () => {
    closing = true;
  });
  window.webContents.on('will-prevent-unload', (event) => {
    if (!closing) {
      // A reload or a navigation: let it go; the page's edits go over IPC as it is hidden.
      event.preventDefault();
      return;
    }
    closing = false;
    holdingSince ??= now();
    if (now() - holdingSince >= giveUpMs) {
      // Ignore the page's wish: whatever did not arrive is in the recovery stash for the next start.
      event.preventDefault();
      return;
    }
    setTimer(() => {
      if (!window.isDestroyed()) window.close();
    }, retryMs);
  });
}
