import { FieldDiffs } from '../../history/CompareView';
import { capitalise, changesLeftOut, savedWhen, type Clock, type VersionName } from './version-text';
import type { ReleaseVersion } from '../../../../../src-shared/api/contract';
import { RELEASE_STATUS_LABELS, type Release } from '../../../../../src-shared/release/schema';

/** The panels of the "Two versions" banner besides the merge (MergePanel): compare, and the keep confirmation. */

export function ComparePanel({
  mine,
  theirs,
  names,
  clock,
}: {
  mine: ReleaseVersion;
  theirs: ReleaseVersion;
  names: [VersionName, VersionName];
  clock: Clock;
}) {
  return (
    <section className="two-versions-compare" tabIndex={-1} aria-labelledby="two-versions-compare-heading">
      <h3 id="two-versions-compare-heading">
        Compare {names[0].version} with {names[1].version}
      </h3>
      <p className="hint">
        Words only in {names[0].text} ({mine.computerName}, {savedWhen(mine.savedAt, clock)}) are{' '}
        <del className="diff-key">struck through</del>; words only in {names[1].text} ({theirs.computerName},{' '}
        {savedWhen(theirs.savedAt, clock)}) are <ins className="diff-key">underlined</ins>. Nothing is set
        aside by comparing.
      </p>
      <div className="conflict-diff">
        <FieldDiffs older={mine.release} newer={theirs.release} same={false} />
      </div>
    </section>
  );
}

export function KeepConfirm({
  fate,
  base,
  kept,
  name,
  setAside,
  clock,
  busy,
  onCancel,
  onKeep,
}: {
  fate: (version: ReleaseVersion) => string;
  base: Release | null;
  kept: ReleaseVersion;
  name: VersionName;
  setAside: Array<{ version: ReleaseVersion; name: VersionName }>;
  clock: Clock;
  busy: boolean;
  onCancel: () => void;
  onKeep: () => void;
}) {
  return (
    <section className="two-versions-confirm" tabIndex={-1} aria-labelledby="two-versions-confirm-heading">
      <h3 id="two-versions-confirm-heading">Keep {name.text}?</h3>
      <p>
        {name.Text} ({kept.computerName}, {savedWhen(kept.savedAt, clock)}) becomes the release.
      </p>
      {setAside.map(({ version, name: other }) => (
        <p key={version.versionId}>
          {other.Text} is set aside: {fate(version)}
        </p>
      ))}
      {setAside.map(({ version, name: other }) => {
        const left = version.deleted ? [] : changesLeftOut(base, kept.release, version.release);
        return left.length === 0 ? null : (
          <p key={version.versionId} className="two-versions-left-out">
            {capitalise(other.changes)} to {left.join(', ')} will not be in the release.
          </p>
        );
      })}
      {kept.release.status !== 'draft' && (
        <p className="hint">
          Its status stays as it was in that version: {RELEASE_STATUS_LABELS[kept.release.status]}.
        </p>
      )}
      <div className="two-versions-actions">
        <button type="button" className="button-danger" disabled={busy} onClick={onKeep}>
          Keep {name.keep}, set {setAside.length === 1 ? setAside[0]!.name.keep : 'the others'} aside
        </button>
        <button type="button" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
