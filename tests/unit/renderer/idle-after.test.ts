import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterDelayWhenIdle } from '../../../src-renderer/src/features/editor/idle-after';

/** A stand-in for the browser's idle callbacks: run when the test says the page is idle, or at their timeout. */
function fakeIdle() {
  const waiting = new Map<number, { run: () => void; timer: ReturnType<typeof setTimeout> }>();
  let next = 0;
  vi.stubGlobal('requestIdleCallback', (run: () => void, options?: { timeout?: number }) => {
    const id = ++next;
    const timer = setTimeout(() => {
      waiting.delete(id);
      run();
    }, options?.timeout ?? 1e9);
    waiting.set(id, { run, timer });
    return id;
  });
  vi.stubGlobal('cancelIdleCallback', (id: number) => {
    clearTimeout(waiting.get(id)?.timer);
    waiting.delete(id);
  });
  return {
    waiting: () => waiting.size,
    idleNow() {
      for (const [id, { run, timer }] of waiting) {
        clearTimeout(timer);
        waiting.delete(id);
        run();
      }
    },
  };
}

describe('afterDelayWhenIdle (the recovery stash while typing)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('runs once the delay has passed and the page is next idle, not before either', () => {
    const idle = fakeIdle();
    const action = vi.fn();
    afterDelayWhenIdle(action, 200, 300);
    idle.idleNow();
    vi.advanceTimersByTime(199);
    expect(action).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(action).not.toHaveBeenCalled();
    expect(idle.waiting()).toBe(1);
    idle.idleNow();
    expect(action).toHaveBeenCalledTimes(1);
  });

  it('runs at the latest when the idle wait is over, however busy the page stays', () => {
    fakeIdle();
    const action = vi.fn();
    afterDelayWhenIdle(action, 200, 300);
    vi.advanceTimersByTime(499);
    expect(action).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(action).toHaveBeenCalledTimes(1);
  });

  it('never runs once cancelled, whether still in its delay or already waiting for idle time', () => {
    const idle = fakeIdle();
    const early = vi.fn();
    afterDelayWhenIdle(early, 200, 300).cancel();
    const late = vi.fn();
    const scheduled = afterDelayWhenIdle(late, 200, 300);
    vi.advanceTimersByTime(200);
    scheduled.cancel();
    idle.idleNow();
    vi.advanceTimersByTime(1000);
    expect(early).not.toHaveBeenCalled();
    expect(late).not.toHaveBeenCalled();
  });

  it('runs straight after the delay where there are no idle callbacks', () => {
    vi.stubGlobal('requestIdleCallback', undefined);
    const action = vi.fn();
    afterDelayWhenIdle(action, 200, 300);
    vi.advanceTimersByTime(200);
    expect(action).toHaveBeenCalledTimes(1);
  });
});
