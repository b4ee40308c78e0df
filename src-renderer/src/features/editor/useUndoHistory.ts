import { useCallback, useEffect, useRef, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { ReleaseContent } from '../../../../src-shared/release/schema';
import { UndoSteps } from './undo-steps';

/**
 * One undo history for the whole release, across fields and structure (reordering, removing a quote), which
 * the browser's per-field undo cannot give. The steps themselves are kept by UndoSteps (undo-steps.ts).
 */
export function useUndoHistory(
  form: UseFormReturn<ReleaseContent>,
  onRestored: () => void,
  /** True while the form shows a saved release it adopted (a colleague's save): a new start, not a step. */
  isAdopting: () => boolean = () => false,
) {
  const steps = useRef<UndoSteps<ReleaseContent> | null>(null);
  steps.current ??= new UndoSteps(form.getValues());
  const restoring = useRef(false);
  const [, setVersion] = useState(0);
  const bump = () => setVersion((v) => v + 1);

  useEffect(() => {
    const subscription = form.watch((values, { type, name }) => {
      if (restoring.current) return;
      const changed = isAdopting()
        ? // Undoing across a colleague's save would put older text back over theirs without anyone deciding to.
          steps.current!.startOver(values as ReleaseContent)
        : // Typing groups into steps; a structural change (add, remove, move) is always a step of its own.
          steps.current!.change(values as ReleaseContent, {
            typing: type === 'change',
            field: name,
            now: performance.now(),
          });
      // Re-render (the Undo and Redo buttons) only when what they show changes, not on every keystroke.
      if (changed) bump();
    });
    return () => subscription.unsubscribe();
  }, [form, isAdopting]);

  const restore = useCallback(
    (target: ReleaseContent | null) => {
      if (!target) return;
      restoring.current = true;
      form.reset(target);
      restoring.current = false;
      bump();
      onRestored();
    },
    [form, onRestored],
  );

  const undo = useCallback(() => restore(steps.current!.undo()), [restore]);
  const redo = useCallback(() => restore(steps.current!.redo()), [restore]);

  return { undo, redo, canUndo: steps.current.canUndo, canRedo: steps.current.canRedo };
}
