import { useMemo } from 'react';
import type { ReleaseContent } from '../../../../src-shared/release/schema';
import { HISTORY_REASON_LABELS, type HistorySummary } from '../../../../src-shared/workflow/review-records';
import { diffReleases, type DiffSegment, type FieldDiff } from '../../../../src-shared/workflow/word-diff';
import { formatWhen, isChanged, plural, summariseDiff } from './history-format';

/** A side of a comparison: a kept version by its number, or the release's text as it is now. */
export type Choice = 'current' | number;

export type Loadable<T> =
  { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; value: T };

export function choiceLabel(choice: Choice, versions: readonly HistorySummary[], currentRevision: number) {
  if (choice === 'current') return `Current text (revision ${currentRevision})`;
  const version = versions.find((v) => v.seq === choice);
  if (!version) return `Version ${choice}`;
  return `Version ${version.seq} — ${HISTORY_REASON_LABELS[version.reason]}, ${formatWhen(version.at)}`;
}

/**
 * Two versions side by side in one column: every field that changed with its words struck out or underlined,
 * runs of unchanged fields folded away in reading order.
 */
export function CompareView({
  versions,
  currentRevision,
  from,
  to,
  onFrom,
  onTo,
  older,
  newer,
}: {
  versions: readonly HistorySummary[];
  currentRevision: number;
  from: Choice;
  to: Choice;
  onFrom: (choice: Choice) => void;
  onTo: (choice: Choice) => void;
  older: Loadable<ReleaseContent>;
  newer: Loadable<ReleaseContent>;
}) {
  const choices: Choice[] = ['current', ...versions.map((v) => v.seq)];
  const name = (choice: Choice) => choiceLabel(choice, versions, currentRevision);

  return (
    <section id="history-compare" className="history-compare" aria-labelledby="history-compare-heading">
      <h2 id="history-compare-heading" className="history-section-heading">
        Compare
      </h2>
      <div className="compare-pickers">
        <VersionPicker
          id="compare-from"
          label="From"
          value={from}
          choices={choices}
          onChange={onFrom}
          name={name}
        />
        <VersionPicker id="compare-to" label="To" value={to} choices={choices} onChange={onTo} name={name} />
      </div>
      <p className="hint compare-key">
        Words only in “From” are <del className="diff-key">struck through</del>; words only in “To” are{' '}
        <ins className="diff-key">underlined</ins>.
      </p>
      <CompareBody older={older} newer={newer} same={from === to} />
    </section>
  );
}

function VersionPicker({
  id,
  label,
  value,
  choices,
  onChange,
  name,
}: {
  id: string;
  label: string;
  value: Choice;
  choices: readonly Choice[];
  onChange: (choice: Choice) => void;
  name: (choice: Choice) => string;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={String(value)}
        onChange={(e) => onChange(e.target.value === 'current' ? 'current' : Number(e.target.value))}
      >
        {choices.map((choice) => (
          <option key={choice} value={String(choice)}>
            {name(choice)}
          </option>
        ))}
      </select>
    </div>
  );
}

function CompareBody({
  older,
  newer,
  same,
}: {
  older: Loadable<ReleaseContent>;
  newer: Loadable<ReleaseContent>;
  same: boolean;
}) {
  if (older.state === 'error' || newer.state === 'error') {
    return (
      <p className="notice notice-error" role="alert">
        {older.state === 'error' ? older.message : (newer as { message: string }).message}
      </p>
    );
  }
  if (older.state === 'loading' || newer.state === 'loading') {
    return (
      <p className="compare-status" role="status">
        Loading the versions…
      </p>
    );
  }
  return <FieldDiffs older={older.value} newer={newer.value} same={same} />;
}

type Group = { kind: 'changed'; diff: FieldDiff } | { kind: 'same'; diffs: FieldDiff[] };

export function FieldDiffs({
  older,
  newer,
  same,
}: {
  older: ReleaseContent;
  newer: ReleaseContent;
  same: boolean;
}) {
  const diffs = useMemo(() => diffReleases(older, newer), [older, newer]);
  const summary = summariseDiff(diffs);
  const groups = useMemo(() => {
    const out: Group[] = [];
    for (const diff of diffs) {
      if (isChanged(diff)) {
        out.push({ kind: 'changed', diff });
      } else {
        const last = out[out.length - 1];
        if (last?.kind === 'same') last.diffs.push(diff);
        else out.push({ kind: 'same', diffs: [diff] });
      }
    }
    return out;
  }, [diffs]);

  return (
    <>
      <p className="compare-summary" role="status" data-testid="compare-summary">
        {same
          ? 'You are comparing a version with itself: choose two different versions.'
          : summary.changedFields === 0
            ? `No changes: the two versions have the same text (${plural(summary.unchangedFields, 'field')}).`
            : `${plural(summary.changedFields, 'field')} changed — ${plural(summary.wordsRemoved, 'word')} removed, ` +
              `${plural(summary.wordsAdded, 'word')} added; ${plural(summary.unchangedFields, 'field')} unchanged.`}
      </p>
      <div className="diff-fields">
        {groups.map((group) =>
          group.kind === 'changed' ? (
            <ChangedField key={group.diff.field} diff={group.diff} />
          ) : (
            <UnchangedFields key={`same-${group.diffs[0]!.field}`} diffs={group.diffs} />
          ),
        )}
      </div>
    </>
  );
}

function changeTag(diff: FieldDiff): string {
  const moved = diff.moved ? `moved from position ${diff.moved.from + 1} to ${diff.moved.to + 1}` : null;
  if (diff.change === 'same') return moved ?? 'unchanged';
  const what = diff.change === 'changed' ? 'changed' : diff.change === 'added' ? 'added' : 'removed';
  return moved ? `${what}, ${moved}` : what;
}

function ChangedField({ diff }: { diff: FieldDiff }) {
  return (
    <section className={`diff-field diff-field-${diff.change}`} data-field={diff.field}>
      <h3 className="diff-field-label">
        {diff.label} <span className="diff-tag">{changeTag(diff)}</span>
      </h3>
      <p className="diff-text">
        {diff.segments.length === 0 ? (
          <span className="diff-empty">(empty)</span>
        ) : (
          diff.segments.map((segment, i) => <Segment key={i} segment={segment} />)
        )}
      </p>
    </section>
  );
}

function Segment({ segment }: { segment: DiffSegment }) {
  if (segment.kind === 'removed') {
    return (
      <del>
        <span className="visually-hidden">[removed: </span>
        {segment.text}
        <span className="visually-hidden">]</span>
      </del>
    );
  }
  if (segment.kind === 'added') {
    return (
      <ins>
        <span className="visually-hidden">[added: </span>
        {segment.text}
        <span className="visually-hidden">]</span>
      </ins>
    );
  }
  return <>{segment.text}</>;
}

function UnchangedFields({ diffs }: { diffs: readonly FieldDiff[] }) {
  return (
    <details className="diff-unchanged">
      <summary>{plural(diffs.length, 'field')} unchanged</summary>
      <dl className="diff-unchanged-list">
        {diffs.map((diff) => {
          const text = diff.segments.map((s) => s.text).join('');
          return (
            <div key={diff.field} className="diff-unchanged-item">
              <dt>{diff.label}</dt>
              <dd className="diff-text">{text || <span className="diff-empty">(empty)</span>}</dd>
            </div>
          );
        })}
      </dl>
    </details>
  );
}
