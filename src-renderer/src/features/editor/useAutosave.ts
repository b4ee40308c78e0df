import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { callApi } from '../../api';
import type { Release, ReleaseContent } from '../../../../src-shared/release/schema';

export type SaveState =
  | { kind: 'saved' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'failed'; message: string; conflict: boolean };

/** How long typing must pause before a save starts: long enough not to save every keystroke. */
export const AUTOSAVE_DELAY_MS = 700;
/** The recovery stash follows sooner, so that a crash loses at most this much typing. */
export const STASH_DELAY_MS = 200;

/**
 * Saves the form after a short pause in typing. Only one save is in flight at a time; edits made during a save
 * are saved right after it. A refused save (a conflict, a value too long) leaves the text in the form, in the
 * recovery stash, and says why.
 */
/**
 * The stored release as last saved or acted on (revision, status, sign-offs). An observable rather than React
 * state so that only the parts showing the status re-render after a save, not the whole form.
 */
export class SavedRelease {
  private listeners = new Set<() => void>();
  constructor(public current: Release) {}
  set(next: Release) {
    this.current = next;
    for (const listener of this.listeners) listener();
  }
  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

export function useSavedRelease(saved: SavedRelease): Release {
  return useSyncExternalStore(saved.subscribe, () => saved.current);
}

export function useAutosave(form: UseFormReturn<ReleaseContent>, initial: Release) {
  const [state, setState] = useState<SaveState>({ kind: 'saved' });
  const savedRef = useRef<SavedRelease | null>(null);
  if (savedRef.current === null) savedRef.current = new SavedRelease(initial);
  const saved = savedRef.current;
  // Kept as a plain ref view for the code below; `saved` notifies the status displays.
  const releaseRef = {
    get current() {
      return saved.current;
    },
    set current(next: Release) {
      saved.set(next);
    },
  };
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const stashTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  const dirtyAgain = useRef(false);
  const blocked = useRef(false);

  const stashNow = useCallback(() => {
    stashTimer.current = null;
    void callApi('recovery.stash', { release: { ...releaseRef.current, ...form.getValues() } });
  }, [form]);

  const saveNow = useCallback(async (): Promise<void> => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    if (inFlight.current) {
      dirtyAgain.current = true;
      return inFlight.current;
    }
    const run = async () => {
      dirtyAgain.current = false;
      setState({ kind: 'saving' });
      const content = form.getValues();
      const result = await callApi('releases.save', { release: { ...releaseRef.current, ...content } });
      if (result.ok) {
        releaseRef.current = result.value;
        setState(dirtyAgain.current ? { kind: 'pending' } : { kind: 'saved' });
      } else {
        blocked.current = result.error.code === 'conflict' || result.error.code === 'not-found';
        setState({ kind: 'failed', message: result.error.message, conflict: blocked.current });
      }
    };
    inFlight.current = run().finally(() => {
      inFlight.current = null;
    });
    await inFlight.current;
    if (dirtyAgain.current && !blocked.current) await saveNow();
  }, [form]);

  /** Something changed the content (typing, undo, a restored recovery): save it soon. */
  const markChanged = useCallback(() => {
    if (blocked.current) {
      // A refused save stops autosave, but the text still goes to the recovery stash.
      if (!stashTimer.current) stashTimer.current = setTimeout(stashNow, STASH_DELAY_MS);
      return;
    }
    // The same state object while it stays pending: a new one on every keystroke would re-render the whole editor.
    setState((previous) =>
      previous.kind === 'saving' || previous.kind === 'pending' ? previous : { kind: 'pending' },
    );
    if (inFlight.current) dirtyAgain.current = true;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void saveNow(), AUTOSAVE_DELAY_MS);
    if (!stashTimer.current) stashTimer.current = setTimeout(stashNow, STASH_DELAY_MS);
  }, [saveNow, stashNow]);

  useEffect(() => {
    // Subscribing (rather than watching at the root) keeps typing from re-rendering the whole form.
    const subscription = form.watch((_values, { type }) => {
      if (type !== 'change' && type !== undefined) return;
      markChanged();
    });
    return () => subscription.unsubscribe();
  }, [form, markChanged]);

  useEffect(() => {
    // Closing the tab or window with edits still waiting: ask the browser to hold on.
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (timer.current || inFlight.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);

  /** Adopt a newer revision as the base (after restoring recovered text on top of it). */
  const rebase = useCallback(
    (revision: number) => {
      saved.set({ ...saved.current, revision });
      blocked.current = false;
    },
    [saved],
  );

  /** Take a release from the main side as the new base (after a workflow action, or a colleague's save). */
  const adopt = useCallback(
    (release: Release) => {
      saved.set(release);
      blocked.current = false;
      setState({ kind: 'saved' });
    },
    [saved],
  );

  /** No edits waiting and none on their way: safe to replace the form with a newer version from disk. */
  const isIdle = useCallback(() => !timer.current && !inFlight.current && !blocked.current, []);

  /** Saves only when something is waiting: before a step that works on the text on disk (an action, an export). */
  const savePending = useCallback(async () => {
    if (!isIdle()) await saveNow();
  }, [isIdle, saveNow]);

  return { state, saveNow, savePending, markChanged, rebase, adopt, isIdle, saved };
}
