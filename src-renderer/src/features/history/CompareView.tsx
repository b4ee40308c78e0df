import { useMemo } from 'react';
import type { ReleaseContent } from '../../../../src-shared/release/schema';
import { diffReleases, type DiffSegment, type FieldDiff } from '../../../../src-shared/workflow/word-diff';
import { isChanged, plural, summariseDiff } from './history-format';

/**
 * A side of a comparison: the release's text as it is now, a kept version (`v:<key>`) or a save (`s:<revision
 * id>`). Keys rather than numbers: two computers may both keep a version 7.
 */
export type Choice = 'current' | `v:${string}` | `s:${string}`;

export interface ChoiceOption {
  value: Choice;
  label: string;
}

export type Loadable<T> =
  { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; value: T };

/**
 * Two versions side by side in one column: every field that changed with its words struck out or underlined,
 * runs of unchanged fields folded away in reading order.
 */
export function CompareView({
  options,
  from,
  to,
  onFrom,
  onTo,
  older,
  newer,
}: {
  /** Every side that can be picked, the current text first. */
  options: readonly ChoiceOption[];
  from: Choice;
  to: Choice;
  onFrom: (choice: Choice) => void;
  onTo: (choice: Choice) => void;
  older: Loadable<ReleaseContent>;
  newer: Loadable<ReleaseContent>;
}) {
  // A side chosen before its list was shown (a save on a page not loaded any more) still reads as itself.
  const withChosen = (value: Choice): readonly ChoiceOption[] =>
    options.some((option) => option.value === value) ? options : [...options, { value, label: value }];

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
          options={withChosen(from)}
          onChange={onFrom}
        />
        <VersionPicker id="compare-to" label="To" value={to} options={withChosen(to)} onChange={onTo} />
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
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: Choice;
  options: readonly ChoiceOption[];
  onChange: (choice: Choice) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as Choice)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
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
