import { useEffect, useRef, useState } from 'react';
import { callApi } from '../../../api';
import { MergePanel } from './MergePanel';
import { ComparePanel, KeepConfirm } from './VersionPanels';
import type { VersionsState } from './useReleaseVersions';
import {
  capitalise,
  describeChanges,
  describeFork,
  nameVersions,
  savedWhen,
  type Clock,
} from './version-text';
import type { ReleaseVersion, ReleaseVersions } from '../../../../../src-shared/api/contract';
import type { OrganisationProfile, Release } from '../../../../../src-shared/release/schema';
import '../../history/history.css';
import './versions.css';

/**
 * "Two versions of this release" (issue 12): two computers saved the release at once, before they had exchanged
 * the change, so both texts are kept and the person here settles it: compare them word by word, merge them field
 * by field (seeing the result before it is saved), or keep one (after a confirmation naming what is set aside,
 * which stays in History under "Every save"). Nothing is settled without a person; the default button only compares.
 *
 * Two versions that differ only in workflow decisions are settled by the workflow rule: a quiet notice says which
 * stands and why.
 */
export function TwoVersions({
  state,
  profile,
  savePending,
  onSettled,
  onStanding,
}: {
  state: VersionsState;
  profile: OrganisationProfile;
  /** Writes what is typed but not saved yet: the person's own version must be on disk before choosing. */
  savePending: () => Promise<void>;
  /** The kept release, to show in the editor, and a sentence saying what happened. */
  onSettled: (kept: Release, said: string) => void;
  /**
   * Decisions settled by the rule: the version that stands, when its status or sign-offs are not what the editor
   * shows (it has the same revision number as this computer's own decision, so it is not "newer").
   */
  onStanding: (standing: Release) => void;
}) {
  const versions = state.current;
  if (!versions) return null;
  if (versions.kind === 'decisions' && versions.rule) {
    return <DecisionNotice rule={versions.rule} standing={versions.versions[0]!} onStanding={onStanding} />;
  }
  if (versions.kind !== 'texts' || versions.versions.length < 2) return null;
  return (
    <ForkBanner
      versions={versions}
      me={state.me}
      refresh={state.refresh}
      clock={{ timeZone: profile.timeZone, locale: profile.locale, now: new Date() }}
      savePending={savePending}
      onSettled={onSettled}
    />
  );
}

/** Whether two releases carry the same workflow state (status and sign-offs): nothing to take from the other. */
export function sameDecision(a: Release, b: Release): boolean {
  return a.status === b.status && JSON.stringify(a.approvals) === JSON.stringify(b.approvals);
}

function DecisionNotice({
  rule,
  standing,
  onStanding,
}: {
  rule: string;
  standing: ReleaseVersion;
  onStanding: (standing: Release) => void;
}) {
  const [dismissed, setDismissed] = useState<string | null>(null);
  const latest = useRef(onStanding);
  useEffect(() => {
    latest.current = onStanding;
  });
  useEffect(() => {
    latest.current(standing.release);
  }, [standing.versionId, standing.release]);
  if (dismissed === rule) return null;
  return (
    <p className="versions-decision" role="status" data-testid="versions-decision">
      {rule}{' '}
      <button type="button" className="button-quiet" onClick={() => setDismissed(rule)}>
        Dismiss
      </button>
    </p>
  );
}

type Mode = { kind: 'summary' } | { kind: 'compare' } | { kind: 'merge' } | { kind: 'keep'; index: number };

const COUNT_WORDS = ['', 'One', 'Two', 'Three', 'Four', 'Five', 'Six'];

function ForkBanner({
  versions,
  me,
  refresh,
  clock,
  savePending,
  onSettled,
}: {
  versions: ReleaseVersions;
  me: string | null;
  refresh: () => Promise<ReleaseVersions | null>;
  clock: Clock;
  savePending: () => Promise<void>;
  onSettled: (kept: Release, said: string) => void;
}) {
  const list = versions.versions;
  const names = nameVersions(list, me);
  const [mode, setMode] = useState<Mode>({ kind: 'summary' });
  /** With three or more versions: which of the others is compared and merged with this computer's. */
  const [otherIndex, setOtherIndex] = useState(1);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const compareButton = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  const other = Math.min(otherIndex, list.length - 1);
  const mine = list[0]!;
  const theirs = list[other]!;
  const count = COUNT_WORDS[list.length] ?? String(list.length);

  useEffect(() => {
    // Compare is the default: focused when the banner is there as the editor opens, never taken from a field
    // the person is typing in (a keystroke would then press it).
    const active = document.activeElement;
    if (!active || active === document.body) compareButton.current?.focus();
  }, []);

  useEffect(() => {
    // The panel just opened takes the focus, so that its heading is read first and Tab goes on into it.
    if (mode.kind !== 'summary') panel.current?.querySelector<HTMLElement>('section[tabindex]')?.focus();
  }, [mode.kind]);

  /**
   * Settles the fork with `release` on top of every version shown. What was typed here is saved first; if that
   * (or a colleague) changed the versions, nothing is settled and the person looks again.
   */
  async function settle(release: Release, said: string) {
    setBusy(true);
    setError(null);
    try {
      await savePending();
      const shown = list.map((v) => v.versionId).join(' ');
      const now = await refresh();
      if (!now || now.kind !== 'texts' || now.versions.map((v) => v.versionId).join(' ') !== shown) {
        setError(
          now?.kind === 'texts'
            ? 'The versions changed while you were choosing (a colleague saved, or what you typed was saved to ' +
                'your version). Nothing was settled: look at them again below.'
            : 'This release has only one version now: it was settled elsewhere.',
        );
        setMode({ kind: 'summary' });
        return;
      }
      const result = await callApi('releases.resolveFork', {
        release,
        versions: list.map((v) => v.versionId),
      });
      if (!result.ok) {
        setError(result.error.message);
        if (result.error.code === 'conflict') setMode({ kind: 'summary' });
        await refresh();
        return;
      }
      onSettled(result.value, said);
      await refresh();
    } finally {
      setBusy(false);
    }
  }

  /**
   * What happens to a version set aside: nothing is deleted; every save is a revision, listed in History under
   * "Every save", where it can be compared and restored.
   */
  const fate = (version: ReleaseVersion) =>
    `it stays in History, under “Every save” (${version.computerName}, ${savedWhen(version.savedAt, clock)}), ` +
    'where you can compare it or restore it later.';
  const keptNote = 'Both versions stay in History, under “Every save”.';

  const setAside = (kept: number[]) =>
    list.map((version, i) => ({ version, name: names[i]! })).filter((_, i) => !kept.includes(i));

  return (
    <section className="two-versions" aria-labelledby="two-versions-heading" data-testid="two-versions">
      {/* Announced once when it appears: the sentences below change with every save (the times), so they stay
          out of the live region. */}
      <div role="alert">
        <h2 id="two-versions-heading">{count} versions of this release</h2>
        <p className="visually-hidden">
          {list.length === 2 ? 'Both texts are kept.' : 'All the texts are kept.'} Choose which to keep, or
          merge them.
        </p>
      </div>
      <p>
        <Whole names={list.map((v) => v.computerName)}>
          {describeFork(list, clock, names[0]!.mine ? mine : null)}
        </Whole>
      </p>
      {!mine.deleted && !theirs.deleted && (
        <p data-testid="two-versions-changes">
          {describeChanges(versions.base, mine.release, theirs.release, [names[0]!, names[other]!])}
        </p>
      )}
      <p>
        <span aria-hidden="true">
          {list.length === 2 ? 'Both texts are kept.' : 'All the texts are kept.'} Choose which to keep, or
          merge them.
        </span>
        {names[0]!.mine &&
          ' The editor below shows your version: what you type is saved to it until you choose.'}
      </p>
      {list.length > 2 && (
        <div className="field two-versions-other">
          <label htmlFor="two-versions-other">Compare and merge your version with</label>
          <select
            id="two-versions-other"
            value={other}
            onChange={(e) => setOtherIndex(Number(e.target.value))}
          >
            {list.slice(1).map((version, i) => (
              <option key={version.versionId} value={i + 1}>
                {names[i + 1]!.version} ({version.computerName}, {savedWhen(version.savedAt, clock)})
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="two-versions-actions">
        <button
          ref={compareButton}
          type="button"
          className="button-primary"
          aria-expanded={mode.kind === 'compare'}
          aria-controls="two-versions-panel"
          onClick={() => setMode(mode.kind === 'compare' ? { kind: 'summary' } : { kind: 'compare' })}
        >
          Compare
        </button>
        <button
          type="button"
          aria-expanded={mode.kind === 'merge'}
          aria-controls="two-versions-panel"
          disabled={busy || mine.deleted || theirs.deleted}
          onClick={() => setMode({ kind: 'merge' })}
        >
          Merge
        </button>
        {list.map((version, i) => (
          <button
            key={version.versionId}
            type="button"
            disabled={busy || version.deleted}
            onClick={() => setMode({ kind: 'keep', index: i })}
          >
            Keep {names[i]!.keep}
          </button>
        ))}
      </div>
      {error && (
        <p className="notice notice-error two-versions-error" role="alert">
          {error}
        </p>
      )}
      <div id="two-versions-panel" ref={panel} className="two-versions-panel">
        {mode.kind === 'compare' && (
          <ComparePanel mine={mine} theirs={theirs} names={[names[0]!, names[other]!]} clock={clock} />
        )}
        {mode.kind === 'merge' && (
          <MergePanel
            base={versions.base}
            mine={mine}
            theirs={theirs}
            names={[names[0]!, names[other]!]}
            keptNote={keptNote}
            setAside={setAside([0, other])}
            clock={clock}
            busy={busy}
            onCancel={() => setMode({ kind: 'summary' })}
            onSave={(merged) =>
              void settle(merged, `Merged ${names[0]!.text} and ${names[other]!.text}. ${keptNote}`)
            }
          />
        )}
        {mode.kind === 'keep' && (
          <KeepConfirm
            fate={fate}
            base={versions.base}
            kept={list[mode.index]!}
            name={names[mode.index]!}
            setAside={setAside([mode.index])}
            clock={clock}
            busy={busy}
            onCancel={() => {
              setMode({ kind: 'summary' });
              requestAnimationFrame(() => compareButton.current?.focus());
            }}
            onKeep={() =>
              void settle(
                list[mode.index]!.release,
                `Kept ${names[mode.index]!.text}. ` +
                  setAside([mode.index])
                    .map(({ version, name }) => `${capitalise(name.text)} is set aside: ${fate(version)}`)
                    .join(' '),
              )
            }
          />
        )}
      </div>
    </section>
  );
}

/**
 * A sentence with computer names kept on one line: "PRESS-PC1" broken after its hyphen reads as two words in a
 * narrow window.
 */
export function Whole({ names, children }: { names: readonly string[]; children: string }) {
  const words = [...new Set(names.filter((name) => /[-\s]/.test(name)))].sort((a, b) => b.length - a.length);
  if (words.length === 0) return <>{children}</>;
  const pattern = new RegExp(
    `(${words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`,
  );
  return (
    <>
      {children.split(pattern).map((part, i) =>
        i % 2 === 1 ? (
          <span key={i} className="two-versions-nowrap">
            {part}
          </span>
        ) : (
          part
        ),
      )}
    </>
  );
}
