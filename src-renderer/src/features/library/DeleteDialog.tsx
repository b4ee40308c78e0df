import { useEffect, useRef, useState } from 'react';
import { RELEASE_STATUS_LABELS, type ReleaseStatus } from '../../../../src-shared/release/schema';
import { useReturnFocus } from '../../return-focus';

/**
 * Asks before a signed-off release is deleted (issue 14, item 9), naming its status: an approved or published
 * release is one people rely on. Nothing is lost either way (it goes to Deleted releases and can be restored), but
 * the deletion is recorded under the person's name.
 */
export function DeleteDialog({
  headline,
  status,
  onCancel,
  onConfirm,
}: {
  headline: string;
  status: ReleaseStatus;
  onCancel: () => void;
  onConfirm: () => Promise<void>;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  useReturnFocus();
  useEffect(() => {
    dialog.current?.showModal();
    // showModal focuses the first button (Delete); the safe choice is the one Enter should take.
    cancel.current?.focus();
  }, []);
  const label = RELEASE_STATUS_LABELS[status].toLowerCase();
  return (
    <dialog
      ref={dialog}
      className="restore-dialog delete-dialog"
      aria-labelledby="delete-title"
      aria-describedby="delete-what-happens"
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
          void onConfirm().finally(() => setBusy(false));
        }}
      >
        <h2 id="delete-title">Delete an {label} release?</h2>
        <div id="delete-what-happens">
          <p>
            “{headline}” is <strong>{label}</strong>: it has been signed off
            {status === 'published' ? ' and published' : ''}.
          </p>
          <ul className="restore-consequences">
            <li>It moves to Deleted releases, where anyone can restore it.</li>
            <li>The deletion is recorded in its audit trail under your name.</li>
          </ul>
        </div>
        <div className="dialog-actions">
          <button type="submit" className="button-danger" disabled={busy}>
            {busy ? 'Deleting…' : `Delete the ${label} release`}
          </button>
          <button type="button" ref={cancel} onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
