import { isSignedOff } from '../../../../src-shared/release/status';
import { useEffect, useRef, useState } from 'react';
import type { ReleaseStatus } from '../../../../src-shared/release/schema';
import { statusLabel } from './history-format';
import { useReturnFocus } from '../../return-focus';

/** What is being restored, in words: "version 3" and "kept by hand by Sam Taylor, 18 Jul 2024, 14:02". */
export interface RestoreTarget {
  name: string;
  description: string;
}

/**
 * Asks before a kept version or an earlier save replaces the current text, and says what will happen: nothing is lost (the current
 * text is kept as a version first), but the release is a draft again and any sign-off lapses.
 */
export function RestoreDialog({
  target,
  currentStatus,
  onCancel,
  onConfirm,
}: {
  target: RestoreTarget;
  currentStatus: ReleaseStatus;
  onCancel: () => void;
  /** Resolves with an error message to show, or null when the restore went through. */
  onConfirm: () => Promise<string | null>;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useReturnFocus();
  useEffect(() => dialog.current?.showModal(), []);

  const signedOff = isSignedOff(currentStatus);
  return (
    <dialog
      ref={dialog}
      className="restore-dialog"
      aria-labelledby="restore-title"
      aria-describedby="restore-what-happens"
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          setBusy(true);
          setError(null);
          void onConfirm().then((message) => {
            setBusy(false);
            setError(message);
          });
        }}
      >
        <h2 id="restore-title">Restore {target.name} as a draft?</h2>
        <div id="restore-what-happens">
          <p>
            The text of {target.name} ({target.description}) replaces the current text of this release. It is
            saved as a new revision: every earlier save stays in the history.
          </p>
          <ul className="restore-consequences">
            <li>The current text is kept as a version first, so you can come back to it from this page.</li>
            <li>
              The release becomes a draft.{' '}
              {signedOff
                ? `It is ${statusLabel(currentStatus).toLowerCase()} now: that approval lapses, and the restored text needs to be submitted and signed off again.`
                : 'Any approval lapses: the restored text needs to be submitted and signed off again.'}
            </li>
            <li>The restore is recorded in the audit trail under your name.</li>
          </ul>
        </div>
        {error && (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? 'Restoring…' : 'Restore as a draft'}
          </button>
          <button type="button" onClick={onCancel} disabled={busy} autoFocus>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
