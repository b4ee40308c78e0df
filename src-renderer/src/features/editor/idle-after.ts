/** Something scheduled that has not run yet; `cancel` makes sure it never does. */
export interface Scheduled {
  cancel(): void;
}

/**
 * Runs `action` once `delayMs` have passed and then the page has a moment between frames (requestIdleCallback),
 * waiting for that moment `idleWithinMs` at most. For background work while someone types (the recovery stash): run
 * the moment its timer fires, it could land between a keystroke and the frame that shows it, and hold that frame
 * back by its own time (1.5 ms for a 600-word release); in the idle time after a frame it holds nothing back.
 */
export function afterDelayWhenIdle(action: () => void, delayMs: number, idleWithinMs: number): Scheduled {
  let idle: number | undefined;
  const timer = setTimeout(() => {
    // Looked up now, not when scheduled, and called as the page's own method.
    const callbacks = page();
    if (typeof callbacks.requestIdleCallback === 'function')
      idle = callbacks.requestIdleCallback(action, { timeout: idleWithinMs });
    else action();
  }, delayMs);
  return {
    cancel() {
      clearTimeout(timer);
      if (idle !== undefined) page().cancelIdleCallback?.(idle);
    },
  };
}

/**
 * The page's idle callbacks, looked up when used (absent outside a browser, and in tests set in by hand). Typed
 * here: this file is also compiled with the unit tests, whose settings have no DOM types.
 */
function page(): IdleCallbacks {
  return globalThis as IdleCallbacks;
}

interface IdleCallbacks {
  requestIdleCallback?: (callback: () => void, options: { timeout: number }) => number;
  cancelIdleCallback?: (handle: number) => void;
}
