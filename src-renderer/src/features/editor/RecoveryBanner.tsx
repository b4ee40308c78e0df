import type { RecoverableEdit } from '../../../../src-shared/api/contract';
import { checkFieldLimits, listProblems } from '../../../../src-shared/release/field-limits';
import { contentOf } from './release-content';

/** Edits to this release that never reached its file (a crash, a killed window): restore them or let them go. */
export function RecoveryBanner({
  recovery,
  revision,
  onRestore,
  onDiscard,
}: {
  recovery: RecoverableEdit;
  /** The revision on disk now, to say whether the release changed since the edits were stashed. */
  revision: number;
  onRestore: () => void;
  onDiscard: () => void;
}) {
  // Text over a limit is kept as typed (it is why these edits never reached the release): say so, and where.
  const overLimit = checkFieldLimits(contentOf(recovery.release));
  return (
    <div className="recovery-banner" role="alert">
      <p>
        <strong>Unsaved edits found.</strong> Pressroom kept edits to this release from{' '}
        {new Date(recovery.stashedAt).toLocaleString('en-GB', {
          dateStyle: 'medium',
          timeStyle: 'short',
        })}{' '}
        that never reached the release file
        {recovery.currentRevision === null
          ? ''
          : recovery.currentRevision !== revision
            ? ' (the release has changed since)'
            : ''}
        .
        {overLimit.length > 0 &&
          ` They include ${listProblems(overLimit)}, which the release cannot take as it is.`}
      </p>
      <div className="recovery-actions">
        <button type="button" className="button-primary" onClick={onRestore}>
          Restore unsaved edits
        </button>
        <button type="button" onClick={onDiscard}>
          Discard them
        </button>
      </div>
    </div>
  );
}
