import { isSignedOff } from '../../../../src-shared/release/status';
import { useEffect, useRef, useState } from 'react';
import { HISTORY_REASON_LABELS, type HistorySummary } from '../../../../src-shared/workflow/review-records';
import type { ReleaseStatus } from '../../../../src-shared/release/schema';
import { formatWhen, statusLabel } from './history-format';

/**
 * Asks before a kept version replaces the current text, and says what will happen: nothing is lost (the current
 * text is kept as a version first), but the release is a draft again and any sign-off lapses.
 */
export function RestoreDialog({
  version,
  currentStatus,
  onCancel,
  onConfirm,
}: {
  version: HistorySummary;
  currentStatus: ReleaseStatus;
  onCancel: () => void;
  /** Resolves with an error message to show, or null when the restore went through. */
  onConfirm: () => Promise<string | null>;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
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
        <h2 id="restore-title">Restore version {version.seq} as a draft?</h2>
        <div id="restore-what-happens">
          <p>
            The text of version {version.seq} ({HISTORY_REASON_LABELS[version.reason].toLowerCase()} by{' '}
            {version.actor.name}, {formatWhen(version.at)}) replaces the current text of this release.
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
