import { useCallback, useEffect, useRef, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { ReleaseContent } from '../../../../src-shared/release/schema';

/** Typing that pauses for less than this is one undo step, as in a word processor. */
const GROUP_MS = 600;
const LIMIT = 200;

/**
 * One undo history for the whole release, across fields and structure (reordering, removing a quote), which
 * the browser's per-field undo cannot give. Snapshots are whole content values: a release is small and this
 * keeps undo obviously correct.
 */
export function useUndoHistory(
  form: UseFormReturn<ReleaseContent>,
  onRestored: () => void,
  /** True while the form shows a saved release it adopted (a colleague's save): a new start, not a step. */
  isAdopting: () => boolean = () => false,
) {
  const past = useRef<ReleaseContent[]>([]);
  const future = useRef<ReleaseContent[]>([]);
  const current = useRef<ReleaseContent>(structuredClone(form.getValues()));
  const lastChange = useRef(0);
  const restoring = useRef(false);
  const [, setVersion] = useState(0);
  const bump = () => setVersion((v) => v + 1);

  useEffect(() => {
    const subscription = form.watch((values, { type }) => {
      if (restoring.current) return;
      if (isAdopting()) {
        // Undoing across a colleague's save would put older text back over theirs without anyone deciding to.
        const hadSteps = past.current.length > 0 || future.current.length > 0;
        past.current = [];
        future.current = [];
        current.current = structuredClone(values) as ReleaseContent;
        lastChange.current = 0;
        if (hadSteps) bump();
        return;
      }
      const now = performance.now();
      const next = structuredClone(values) as ReleaseContent;
      const couldUndo = past.current.length > 0;
      const couldRedo = future.current.length > 0;
      // Typing groups into steps; a structural change (add, remove, move) is always a step of its own.
      const isTyping = type === 'change';
      // Field arrays report some operations more than once; an event that changed nothing is not a step.
      // Only those events are compared: a keystroke always changes the text, and the comparison costs a
      // serialisation of the whole release.
      if (!isTyping && JSON.stringify(next) === JSON.stringify(current.current)) return;
      if (!isTyping || now - lastChange.current > GROUP_MS || past.current.length === 0) {
        past.current.push(current.current);
        if (past.current.length > LIMIT) past.current.shift();
      }
      lastChange.current = isTyping ? now : 0;
      current.current = next;
      if (future.current.length) future.current = [];
      // Re-render (the Undo and Redo buttons) only when what they show changes, not on every keystroke.
      if (couldUndo !== past.current.length > 0 || couldRedo !== future.current.length > 0) bump();
    });
    return () => subscription.unsubscribe();
  }, [form, isAdopting]);

  const restore = useCallback(
    (target: ReleaseContent) => {
      restoring.current = true;
      form.reset(target);
      current.current = structuredClone(target);
      lastChange.current = 0;
      restoring.current = false;
      bump();
      onRestored();
    },
    [form, onRestored],
  );

  const undo = useCallback(() => {
    const previous = past.current.pop();
    if (!previous) return;
    future.current.push(current.current);
    restore(previous);
  }, [restore]);

  const redo = useCallback(() => {
    const next = future.current.pop();
    if (!next) return;
    past.current.push(current.current);
    restore(next);
  }, [restore]);

  return { undo, redo, canUndo: past.current.length > 0, canRedo: future.current.length > 0 };
}
