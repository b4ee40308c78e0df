import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import {
  bodyBytes,
  callApi,
  isDesktopApp,
  KEEPALIVE_BODY_LIMIT,
  sendingTypedText,
  type CallOptions,
} from '../../api';
import { afterDelayWhenIdle, type Scheduled } from './idle-after';
import { contentKey, contentOf } from './release-content';
import { keepWithinLimits, listProblems } from '../../../../src-shared/release/field-limits';
import type { ApiInput } from '../../../../src-shared/api/contract';
import type { Release, ReleaseContent } from '../../../../src-shared/release/schema';

/** A stash: the whole release as typed, or some sections of it (a page closing with a large release). */
type StashRequest = ApiInput<'recovery.stash'>;

export type SaveState =
  /** `except`: what was not saved because it breaks a limit, in words ("the headline (too long)"). */
  | { kind: 'saved'; except?: string }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'failed'; message: string; conflict: boolean };

/** How long typing must pause before a save starts: long enough not to save every keystroke. */
export const AUTOSAVE_DELAY_MS = 700;
/**
 * The recovery stash follows sooner, so that a crash loses at most this much typing, and the wait for a moment
 * between frames below: half a second at the most.
 */
export const STASH_DELAY_MS = 200;
/** How much longer a stash may wait for a moment between frames (idle-after.ts) while typing goes on. */
const STASH_IDLE_WITHIN_MS = 300;

/** The next stash: STASH_DELAY_MS after the first change since the last, in the idle time after a frame. */
function scheduleStash(stashNow: () => Promise<unknown>): Scheduled {
  return afterDelayWhenIdle(() => void stashNow(), STASH_DELAY_MS, STASH_IDLE_WITHIN_MS);
}

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
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const stashTimer = useRef<Scheduled | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  const dirtyAgain = useRef(false);
  const blocked = useRef(false);
  /**
   * The content of `saved` as a key, or null when unknown (after a rebase onto a revision whose text is not here):
   * a save of exactly this content would only bump the revision, and on a shared folder make every other open
   * editor take it and, before this check, save it back: the echo of issue 12.
   */
  const savedKey = useRef<string | null | undefined>(undefined);
  if (savedKey.current === undefined) savedKey.current = contentKey(contentOf(initial));
  /** A workflow step on its way: the release on disk is about to change because of this window, not a colleague. */
  const acting = useRef<Promise<unknown> | null>(null);
  /** True while the form is being reset to a saved release: the events that reset fires are not edits. */
  const adopting = useRef(false);
  const setSaved = useCallback(
    (next: Release, key: string | null) => {
      savedKey.current = key;
      saved.set(next);
    },
    [saved],
  );

  /**
   * What can be saved of the form: every value as typed, except those that break a schema limit, which go as last
   * saved (field-limits.ts). The form keeps what was typed and shows why at the field.
   */
  const saveable = useCallback(() => {
    const { content, held } = keepWithinLimits(form.getValues(), contentOf(saved.current));
    return { content, except: held.length > 0 ? listProblems(held) : undefined };
  }, [form, saved]);
  /** Values held back from the save because they break a limit: the form differs from the disk on purpose. */
  const held = useRef(false);

  /** The release as typed, values over a limit included: what the recovery stash keeps. */
  const typedRelease = useCallback(
    (): Release => ({ ...saved.current, ...contentOf({ ...saved.current, ...form.getValues() }) }),
    [form, saved],
  );

  /** The content this page last sent to the stash: what a stash of some sections goes on top of. */
  const lastStashed = useRef<ReleaseContent | null>(null);

  /**
   * What to stash of `typed` in at most `limit` bytes: the whole release, or, when that is too large (a page closing
   * may send only 64 KB), the sections changed since this page's last stash; null when even those do not fit.
   */
  const stashRequest = useCallback(
    (typed: Release, limit: number): StashRequest | null => {
      const whole = { release: typed };
      if (bodyBytes(whole) <= limit) return whole;
      const base = lastStashed.current ?? contentOf(saved.current);
      const content = contentOf(typed);
      const changes = Object.fromEntries(
        Object.entries(content).filter(
          ([key, value]) => JSON.stringify(value) !== JSON.stringify(base[key as keyof ReleaseContent]),
        ),
      ) as Partial<ReleaseContent>;
      const some = { id: typed.id, onto: lastStashed.current ? 'stash' : 'release', changes } as const;
      return bodyBytes(some) <= limit ? some : null;
    },
    [saved],
  );

  const stashNow = useCallback(
    (options?: CallOptions, request?: StashRequest) => {
      stashTimer.current?.cancel();
      stashTimer.current = null;
      // Everything as typed, text over a limit too (the stash's schema is looser than the store's): the form keeps
      // such text, and a crash or a reload must not lose it.
      const typed = typedRelease();
      lastStashed.current = contentOf(typed);
      return callApi('recovery.stash', request ?? { release: typed }, options);
    },
    [typedRelease],
  );

  const saveNow = useCallback(
    async (options?: CallOptions): Promise<void> => {
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
        const { content, except } = saveable();
        held.current = except !== undefined;
        const key = contentKey(content);
        if (key === savedKey.current && !blocked.current) {
          // Nothing to write: the text on screen is the text on disk (but for any value over a limit).
          setState({ kind: 'saved', except });
          return;
        }
        setState({ kind: 'saving' });
        const result = await callApi('releases.save', { release: { ...saved.current, ...content } }, options);
        if (result.ok) {
          setSaved(result.value, contentKey(contentOf(result.value)));
          setState(dirtyAgain.current ? { kind: 'pending' } : { kind: 'saved', except });
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
    },
    [saveable],
  );

  /** Something changed the content (typing, undo, a restored recovery): save it soon. */
  const markChanged = useCallback(() => {
    if (blocked.current) {
      // A refused save stops autosave, but the text still goes to the recovery stash.
      if (!stashTimer.current) stashTimer.current = scheduleStash(stashNow);
      return;
    }
    // The same state object while it stays pending: a new one on every keystroke would re-render the whole editor.
    setState((previous) =>
      previous.kind === 'saving' || previous.kind === 'pending' ? previous : { kind: 'pending' },
    );
    if (inFlight.current) dirtyAgain.current = true;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void saveNow(), AUTOSAVE_DELAY_MS);
    if (!stashTimer.current) stashTimer.current = scheduleStash(stashNow);
  }, [saveNow, stashNow]);

  useEffect(() => {
    // Subscribing (rather than watching at the root) keeps typing from re-rendering the whole form.
    const subscription = form.watch((values, { type }) => {
      if (type !== 'change' && type !== undefined) return;
      if (adopting.current) return;
      // A keystroke always changes the text; anything else (a reset, a list re-rendering) is an edit only when
      // the content now differs from what is saved. Compared only then: a serialisation per keystroke would cost.
      if (type === undefined && contentKey(values as ReleaseContent) === savedKey.current) return;
      markChanged();
    });
    return () => subscription.unsubscribe();
  }, [form, markChanged]);

  /** Typing not yet on disk: a save or a stash waiting or on its way, or values held back or refused. */
  const hasUnsavedEdits = useCallback(
    () => !!(timer.current || stashTimer.current || inFlight.current || blocked.current || held.current),
    [],
  );
  /** The content last sent while leaving: hidden then closed fires twice for one departure. */
  const sentWhileLeaving = useRef<string | null>(null);

  /**
   * Sends whatever has not reached the release yet, now: the page is being hidden, closed, reloaded or left. In the
   * browser these are keepalive requests, which outlive the page; the main side answers the next page only once
   * they are on disk (edit-recovery.ts), so the notice of unsaved edits appears only if something really did not
   * arrive. The stash (everything as typed) is the safety net if the save is refused or lost; it goes first when
   * the save cannot carry everything (a value over a limit, a refused save, one still on its way).
   */
  const sendUnsavedEdits = useCallback(
    (options?: CallOptions) => {
      if (!hasUnsavedEdits()) return;
      const typed = typedRelease();
      const key = contentKey(contentOf(typed));
      if (key === sentWhileLeaving.current && !timer.current) return;
      sentWhileLeaving.current = key;
      // Keepalive requests share 64 KB: what does not fit is not sent (a failed request would say "not reachable"
      // on a page that is only hidden). Of a larger release the stash takes the sections changed; only when even
      // those do not fit does the beforeunload question guard the edits.
      let budget = options?.keepalive ? KEEPALIVE_BODY_LIMIT : Infinity;
      const fits = (bytes: number) => {
        if (bytes > budget) return false;
        budget -= bytes;
        return true;
      };
      const stash = () => {
        const request = stashRequest(typed, budget);
        if (request && fits(bodyBytes(request))) void stashNow(options, request);
      };
      const saving = timer.current !== null && !blocked.current;
      const stashFirst = held.current || blocked.current || inFlight.current !== null;
      if (stashFirst) stash();
      if (saving && fits(bodyBytes({ release: { ...saved.current, ...saveable().content } }))) {
        // A save on its way takes the rest after it (saveNow).
        void sendingTypedText(saveNow(options));
      }
      // After the save, in what is left; when the save could not go (too large), the stash takes the edits (whole,
      // or the sections changed) and the notice offers them back.
      if (!stashFirst) stash();
    },
    [hasUnsavedEdits, saveNow, saveable, saved, stashNow, stashRequest, typedRelease],
  );

  useEffect(() => {
    const leaving = () => sendUnsavedEdits({ keepalive: true });
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') leaving();
    };
    /**
     * Only when the last edits cannot go with the page (the desktop app, or a release too large for a keepalive
     * request): the window is asked to hold on. In the desktop app it then closes as soon as they have arrived
     * (src-main/services/close-after-edits.ts); in a browser the browser asks "Leave site?".
     */
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!(timer.current || inFlight.current)) return;
      if (isDesktopApp) {
        sendUnsavedEdits();
        event.preventDefault();
        return;
      }
      const typed = typedRelease();
      const saveFits =
        bodyBytes({ release: { ...saved.current, ...saveable().content } }) <= KEEPALIVE_BODY_LIMIT;
      if (!saveFits && !stashRequest(typed, KEEPALIVE_BODY_LIMIT)) event.preventDefault();
    };
    window.addEventListener('pagehide', leaving);
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      window.removeEventListener('pagehide', leaving);
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('beforeunload', onBeforeUnload);
      // The editor is closing inside the page (Back, another release): its last edits go now, not in 700 ms, and
      // the library's list of unsaved edits waits for them (api.ts).
      sendUnsavedEdits();
    };
  }, [saveable, saved, sendUnsavedEdits, stashRequest, typedRelease]);

  /** Adopt a newer revision as the base (after restoring recovered text on top of it). */
  const rebase = useCallback(
    (revision: number) => {
      // The text of that revision is not known here, so the next save is never skipped as "already saved".
      setSaved({ ...saved.current, revision }, null);
      blocked.current = false;
    },
    [saved, setSaved],
  );

  /**
   * Take a release from the main side as the new base (after a workflow action, or a colleague's save) whose
   * content the form already shows or is about to be reset to.
   */
  const adopt = useCallback(
    (release: Release) => {
      setSaved(release, contentKey(contentOf(release)));
      blocked.current = false;
      setState({ kind: 'saved' });
    },
    [setSaved],
  );

  /**
   * Show a saved release (a colleague's save, "Take the saved version"): the base moves first and the form is
   * reset after, so that nothing the reset fires is taken for an edit and saved back. The status, sign-offs and
   * actions on screen follow the adopted release.
   */
  const takeSaved = useCallback(
    (release: Release) => {
      adopt(release);
      adopting.current = true;
      try {
        form.reset(contentOf(release), { keepDefaultValues: true });
      } finally {
        adopting.current = false;
      }
    },
    [adopt, form],
  );

  /** Runs a workflow step (which writes the release) so that a colleague's-save check waits for its answer. */
  const whileActing = useCallback(<T>(step: () => Promise<T>): Promise<T> => {
    const running: Promise<T> = step().finally(() => {
      if (acting.current === running) acting.current = null;
    });
    acting.current = running;
    return running;
  }, []);

  /**
   * Resolves once no save or workflow step of this window is on its way. A change seen on disk before then may be
   * this window's own write, whose answer (and new revision) has not arrived yet: not a colleague's save.
   */
  const settled = useCallback(async () => {
    for (
      let pending = inFlight.current ?? acting.current;
      pending;
      pending = inFlight.current ?? acting.current
    ) {
      await pending.catch(() => undefined);
    }
  }, []);

  /** For the undo history: an adoption is a new starting point, not a step to undo. */
  const isAdopting = useCallback(() => adopting.current, []);

  /** No edits waiting and none on their way: safe to replace the form with a newer version from disk. */
  // Not idle while a value over a limit is held back: a colleague's save taken now would reset the form and lose it.
  const isIdle = useCallback(
    () => !timer.current && !inFlight.current && !blocked.current && !held.current,
    [],
  );

  /** Saves only when something is waiting: before a step that works on the text on disk (an action, an export). */
  const savePending = useCallback(async () => {
    if (!isIdle()) await saveNow();
  }, [isIdle, saveNow]);

  return {
    state,
    saveNow,
    savePending,
    markChanged,
    rebase,
    adopt,
    takeSaved,
    isAdopting,
    whileActing,
    settled,
    isIdle,
    saved,
  };
}
