import { useEffect, useRef, useState } from 'react';
import { callApi } from '../../api';
import type { Release, ReleaseContent } from '../../../../src-shared/release/schema';
import { FieldDiffs } from '../history/CompareView';
import '../history/history.css';
import { useReturnFocus } from '../../return-focus';

/**
 * A refused save, side by side with what was saved meanwhile: the person sees exactly which words differ and
 * chooses. Nothing is merged silently and nothing is lost either way: "keep mine" first keeps the other version
 * in the release's history, "take theirs" leaves the refused text in the workspace's conflicts folder.
 */
export function ConflictDialog({
  releaseId,
  mine,
  onKeepMine,
  onTakeTheirs,
  onClose,
}: {
  releaseId: string;
  mine: ReleaseContent;
  onKeepMine: (theirs: Release) => Promise<void>;
  onTakeTheirs: (theirs: Release) => void;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [theirs, setTheirs] = useState<Release | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useReturnFocus();
  useEffect(() => {
    dialog.current?.showModal();
    void callApi('releases.get', { id: releaseId }).then((result) => {
      if (result.ok) setTheirs(result.value);
      else setError(result.error.message);
    });
  }, [releaseId]);

  return (
    <dialog ref={dialog} className="conflict-dialog" aria-labelledby="conflict-title" onCancel={onClose}>
      <h2 id="conflict-title">Your text and the version saved elsewhere</h2>
      <p className="hint">
        Someone else saved this release while you were editing it. Words only in their version are{' '}
        <del className="diff-key">struck through</del>; words only in yours are{' '}
        <ins className="diff-key">underlined</ins>.
      </p>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {theirs ? (
        <>
          <p className="conflict-who">
            Saved version: revision {theirs.revision}, saved{' '}
            {new Date(theirs.updatedAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}.
          </p>
          <div className="conflict-diff">
            <FieldDiffs older={theirs} newer={mine} same={false} />
          </div>
          <div className="dialog-actions">
            <button
              type="button"
              className="button-primary"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                await onKeepMine(theirs);
                setBusy(false);
              }}
            >
              Keep my text
            </button>
            <button type="button" disabled={busy} onClick={() => onTakeTheirs(theirs)}>
              Take the saved version
            </button>
            <button type="button" className="button-quiet" onClick={onClose}>
              Decide later
            </button>
          </div>
          <p className="hint">
            Keeping your text keeps the other version in History first. Taking the saved version leaves your
            text in the workspace&apos;s conflicts folder.
          </p>
        </>
      ) : (
        !error && <p role="status">Loading the saved version…</p>
      )}
    </dialog>
  );
}
