import { useEffect, useMemo, useRef, useState } from 'react';
import { fieldDisplay, type Clock, type VersionName } from './version-text';
import type { ReleaseVersion } from '../../../../../src-shared/api/contract';
import { mergeVersions, type FieldChange, type Side } from '../../../../../src-shared/release/merge-versions';
import type { Release } from '../../../../../src-shared/release/schema';
import type { FieldPath, FieldSpec } from '../../../../../src-shared/release/structure';
import { contentHash } from '../../../../../src-shared/workflow/content-hash';

/**
 * Merging two versions, field by field (merge-versions.ts). A field changed in one version only comes from that
 * version; a field both changed differently is the person's choice, one text or the other. The merged text is
 * shown whole, each field saying where it came from, before anything is saved.
 */
export function MergePanel({
  base,
  mine,
  theirs,
  names,
  keptNote,
  setAside,
  clock,
  busy,
  onCancel,
  onSave,
}: {
  base: Release | null;
  mine: ReleaseVersion;
  theirs: ReleaseVersion;
  names: [VersionName, VersionName];
  /** What becomes of the two versions once the merge is saved. */
  keptNote: string;
  /** Versions this merge leaves out (a third version): named so that nothing is set aside unseen. */
  setAside: Array<{ version: ReleaseVersion; name: VersionName }>;
  clock: Clock;
  busy: boolean;
  onCancel: () => void;
  onSave: (merged: Release) => void;
}) {
  const [choices, setChoices] = useState<Partial<Record<FieldPath, Side>>>({});
  const [step, setStep] = useState<'choose' | 'review'>('choose');
  const [missing, setMissing] = useState<FieldSpec[]>([]);
  const outcome = useMemo(
    () => mergeVersions(base, mine.release, theirs.release, choices),
    [base, mine.release, theirs.release, choices],
  );
  const sideName = (side: Side) => (side === 'mine' ? names[0] : names[1]);
  const reviewing = step === 'review' || outcome.clashes.length === 0;
  const section = useRef<HTMLElement>(null);
  const shownStep = useRef(reviewing);
  useEffect(() => {
    // Moving between the choices and the merged text: the new step's heading is where the person is now.
    if (shownStep.current === reviewing) return;
    shownStep.current = reviewing;
    section.current?.focus();
  }, [reviewing]);

  if (!reviewing) {
    return (
      <section
        ref={section}
        className="two-versions-merge"
        tabIndex={-1}
        aria-labelledby="two-versions-merge-heading"
      >
        <h3 id="two-versions-merge-heading">
          Merge {names[0].version} and {names[1].version}: choose where they differ
        </h3>
        <p>
          {base === null
            ? 'The text both versions started from could not be found, so for each field that differs, choose one text.'
            : `${outcome.clashes.length === 1 ? 'One field was' : `${outcome.clashes.length} fields were`} changed ` +
              'in both versions, differently. Choose one text for each. Every other change is taken from the ' +
              'version that made it.'}
        </p>
        {missing.length > 0 && (
          <div className="notice notice-error" role="alert">
            <p>Choose a text for: {missing.map((spec) => spec.label).join(', ')}.</p>
          </div>
        )}
        {outcome.clashes.map((spec) => (
          <fieldset key={spec.path} className="merge-choice" data-field={spec.path}>
            <legend>{spec.label}</legend>
            {(['mine', 'theirs'] as const).map((side) => {
              const version = side === 'mine' ? mine : theirs;
              const id = `merge-${spec.path}-${side}`;
              return (
                <div key={side} className="merge-option">
                  <input
                    type="radio"
                    id={id}
                    name={`merge-${spec.path}`}
                    checked={choices[spec.path] === side}
                    onChange={() => {
                      setChoices((previous) => ({ ...previous, [spec.path]: side }));
                      setMissing((previous) => previous.filter((s) => s !== spec));
                    }}
                  />
                  <label htmlFor={id}>
                    <span className="merge-option-name">
                      {sideName(side).Text} ({version.computerName})
                    </span>
                    <FieldText lines={fieldDisplay(version.release, spec, clock)} />
                  </label>
                </div>
              );
            })}
          </fieldset>
        ))}
        <div className="two-versions-actions">
          <button
            type="button"
            className="button-primary"
            onClick={() => {
              if (outcome.unresolved.length > 0) setMissing(outcome.unresolved);
              else setStep('review');
            }}
          >
            Show the merged text
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </section>
    );
  }

  const changed = outcome.fields.filter((field) => field.change !== 'unchanged');
  const unchanged = outcome.fields.filter((field) => field.change === 'unchanged');
  const mergedHash = contentHash(outcome.merged);
  const signedOff = [mine, theirs].some(
    (version) => version.release.approvals.length > 0 && contentHash(version.release) !== mergedHash,
  );
  const from = (spec: FieldSpec, change: FieldChange): string => {
    switch (change) {
      case 'only-mine':
        return `from ${names[0].version}`;
      case 'only-theirs':
        return `from ${names[1].version}`;
      case 'both-same':
        return 'the same change in both';
      case 'clash':
        return `your choice: ${sideName(outcome.source[spec.path]).version}`;
      case 'unchanged':
        return 'unchanged';
    }
  };

  return (
    <section
      ref={section}
      className="two-versions-merge"
      tabIndex={-1}
      aria-labelledby="two-versions-merge-heading"
    >
      <h3 id="two-versions-merge-heading">The merged text</h3>
      <p>Nothing is saved yet. Check the merged text, then choose “Save the merge”. {keptNote}</p>
      {signedOff && (
        <p className="hint">
          A sign-off does not carry over to a merged text: once saved, the release goes back to draft for
          approval.
        </p>
      )}
      {setAside.length > 0 && (
        <p className="hint">
          Not in this merge: {setAside.map(({ name }) => name.text).join(', ')}. It stays in History, under
          “Every save”.
        </p>
      )}
      <div className="merge-fields" data-testid="merge-result">
        {changed.map(({ spec, change }) => (
          <section key={spec.path} className={`merge-field merge-field-${change}`} data-field={spec.path}>
            <h4>
              {spec.label} <span className="merge-source">{from(spec, change)}</span>
            </h4>
            <FieldText lines={fieldDisplay(outcome.merged, spec, clock)} />
          </section>
        ))}
        {unchanged.length > 0 && (
          <details className="diff-unchanged">
            <summary>
              {unchanged.length === 1 ? '1 field' : `${unchanged.length} fields`} the same in both versions
            </summary>
            <dl className="diff-unchanged-list">
              {unchanged.map(({ spec }) => (
                <div key={spec.path} className="diff-unchanged-item">
                  <dt>{spec.label}</dt>
                  <dd>
                    <FieldText lines={fieldDisplay(outcome.merged, spec, clock)} />
                  </dd>
                </div>
              ))}
            </dl>
          </details>
        )}
      </div>
      <div className="two-versions-actions">
        <button
          type="button"
          className="button-primary"
          disabled={busy || outcome.unresolved.length > 0}
          onClick={() => onSave(outcome.merged)}
        >
          {busy ? 'Saving the merge…' : 'Save the merge'}
        </button>
        {outcome.clashes.length > 0 && (
          <button type="button" disabled={busy} onClick={() => setStep('choose')}>
            Back to the choices
          </button>
        )}
        <button type="button" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}

function FieldText({ lines }: { lines: string[] }) {
  return (
    <div className="merge-text">
      {lines.map((line, i) => (
        <p key={i}>{line}</p>
      ))}
    </div>
  );
}
