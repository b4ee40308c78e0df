import './save-indicator.css';
import type { SaveState } from './useAutosave';

/** The save state in the editor's top bar, with the way out of a failed or conflicting save. */
export function SaveIndicator({
  state,
  onRetry,
  onCompare,
}: {
  state: SaveState;
  onRetry: () => void;
  onCompare: () => void;
}) {
  const text =
    state.kind === 'saved'
      ? state.except
        ? `Saved, except ${state.except}`
        : 'All changes saved'
      : state.kind === 'saving'
        ? 'Saving…'
        : state.kind === 'pending'
          ? 'Unsaved changes'
          : 'Not saved';
  return (
    <div
      className={`save-state save-state-${state.kind}${state.kind === 'saved' && state.except ? ' save-state-except' : ''}`}
      role="status"
      aria-live="polite"
      data-save-state={state.kind}
    >
      <span>{text}</span>
      {state.kind === 'failed' && (
        <>
          <span className="save-error">{state.message}</span>
          {!state.conflict && (
            <button type="button" className="button-quiet" onClick={onRetry}>
              Try again
            </button>
          )}
          {state.conflict && (
            <button type="button" className="button-quiet" onClick={onCompare}>
              Compare and choose
            </button>
          )}
        </>
      )}
    </div>
  );
}
