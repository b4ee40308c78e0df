import { useRef, useState } from 'react';
import { callApi } from '../../api';

const OUTCOME_TEXT = {
  added: 'was added to the library',
  updated: 'was brought up to date from the file',
  unchanged: 'was already up to date; nothing changed',
  copied: 'was opened as a new draft copy',
} as const;

/**
 * "Open release file…": takes a `.pressrelease` file whole or not at all. When the file does not continue the
 * release kept here, the person may open it as a copy instead; nothing is ever merged silently.
 *
 * The button lives in the library's "More ways to start" menu, which closes once it is pressed; the file box and
 * what the opening says afterwards (`outcome`) are rendered outside the menu, so that they stay on screen.
 */
export function useOpenReleaseFile(onOpened: (id: string) => void) {
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<
    | { kind: 'idle' }
    | { kind: 'busy' }
    | { kind: 'failed'; message: string; text: string | null; canCopy: boolean }
    | { kind: 'done'; message: string }
  >({ kind: 'idle' });

  async function open(text: string, asCopy: boolean) {
    setState({ kind: 'busy' });
    const result = await callApi('releaseFile.open', { text, asCopy });
    if (!result.ok) {
      setState({
        kind: 'failed',
        message: result.error.message,
        text,
        canCopy: result.error.code === 'conflict',
      });
      return;
    }
    const headline = result.value.release.headline || 'The release';
    setState({ kind: 'done', message: `“${headline}” ${OUTCOME_TEXT[result.value.outcome]}.` });
    onOpened(result.value.release.id);
  }

  const outcome = (
    <div className="open-release-file">
      <input
        ref={input}
        type="file"
        accept=".pressrelease,application/json"
        className="visually-hidden"
        aria-label="Release file to open"
        tabIndex={-1}
        onChange={async (event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (!file) return;
          if (file.size > 50 * 1024 * 1024) {
            setState({
              kind: 'failed',
              message: `${file.name} is larger than 50 MB, so it is not a Pressroom release file.`,
              text: null,
              canCopy: false,
            });
            return;
          }
          await open(await file.text(), false);
        }}
      />
      {state.kind === 'failed' && (
        <div className="notice notice-error open-release-file-problem" role="alert">
          <p className="preserve-lines">{state.message}</p>
          {state.canCopy && state.text !== null && (
            <button type="button" onClick={() => void open(state.text!, true)}>
              Open it as a copy
            </button>
          )}
          <button type="button" className="button-quiet" onClick={() => setState({ kind: 'idle' })}>
            Dismiss
          </button>
        </div>
      )}
      {state.kind === 'done' && (
        <p className="visually-hidden" role="status">
          {state.message}
        </p>
      )}
    </div>
  );
  return { busy: state.kind === 'busy', choose: () => input.current?.click(), outcome };
}
