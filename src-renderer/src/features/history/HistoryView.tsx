import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { callApi } from '../../api';
import type { FileProblem } from '../../../../src-shared/api/contract';
import type { OrganisationProfile, Release, ReleaseContent } from '../../../../src-shared/release/schema';
import { renderReleaseText } from '../../../../src-shared/render/render-text';
import {
  HISTORY_REASON_LABELS,
  type AuditReport,
  type HistorySummary,
  type SaveSummary,
} from '../../../../src-shared/workflow/review-records';
import { useWorkspaceChanges } from '../shared-workspace';
import { AuditTrailView, AuditVerdict } from './AuditTrailView';
import { CompareView, type Choice, type ChoiceOption, type Loadable } from './CompareView';
import { RestoreDialog, type RestoreTarget } from './RestoreDialog';
import { SavesList, saveChoice, type SavesState } from './SavesList';
import { formatWhen, formatWhenFull, savedBy, saveWhyLabel, statusLabel } from './history-format';
import './history.css';

export type HistoryTab = 'versions' | 'audit';

export function historyHash(id: string, tab: HistoryTab = 'versions'): string {
  return `#/release/${id}/history${tab === 'audit' ? '/audit' : ''}`;
}

interface HistoryList {
  versions: HistorySummary[];
  problems: FileProblem[];
}

const LOADING = { state: 'loading' } as const;
const SAVES_PAGE = 50;

const versionChoice = (version: HistorySummary): Choice => `v:${version.key ?? String(version.seq)}`;

/** "Version 7", and the computer when another version has the same number (two computers kept one at once). */
function versionName(version: HistorySummary, all: readonly HistorySummary[]): string {
  const twin = all.some((other) => other !== version && other.seq === version.seq);
  return twin && version.computer
    ? `Version ${version.seq} (${version.computer.name})`
    : `Version ${version.seq}`;
}

type Restoring =
  | { kind: 'version'; version: HistorySummary; target: RestoreTarget }
  | { kind: 'save'; save: SaveSummary; target: RestoreTarget };

/**
 * The history of one release (ARCHITECTURE §5 and §8 "Review"): the kept versions and every save, with a
 * word-level compare of any two and a restore as a new draft, and the audit trail with the verdict of its hash
 * chain.
 */
export function HistoryView({ id, tab }: { id: string; tab: HistoryTab }) {
  const [current, setCurrent] = useState<Loadable<Release>>(LOADING);
  const [history, setHistory] = useState<Loadable<HistoryList>>(LOADING);
  const [saves, setSaves] = useState<Loadable<SavesState>>(LOADING);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [audit, setAudit] = useState<Loadable<AuditReport>>(LOADING);
  const [profile, setProfile] = useState<OrganisationProfile | null>(null);
  /** Kept versions and saves never change, so each is fetched once. */
  const [kept, setKept] = useState<Partial<Record<Choice, Loadable<ReleaseContent>>>>({});
  const requested = useRef(new Set<Choice>());
  /** Saves whose text is open, by save id. */
  const [openTexts, setOpenTexts] = useState<Set<string>>(new Set());
  /** null: the default, the newest kept version (or the save before the current one). */
  const [from, setFrom] = useState<Choice | null>(null);
  const [to, setTo] = useState<Choice>('current');
  const [notice, setNotice] = useState<{ kind: 'done' | 'error'; text: string } | null>(null);
  const [keeping, setKeeping] = useState(false);
  const [restoring, setRestoring] = useState<Restoring | null>(null);
  /** How many saves are shown, so that a reload after a colleague's save keeps the older pages open. */
  const shownSaves = useRef(SAVES_PAGE);

  const load = useCallback(async () => {
    const [release, list, trail, page, workspace] = await Promise.all([
      callApi('releases.get', { id }),
      callApi('history.list', { id }),
      callApi('audit.read', { id }),
      callApi('history.revisions', { id, limit: Math.min(200, Math.max(SAVES_PAGE, shownSaves.current)) }),
      callApi('workspace.describe', {}),
    ]);
    setCurrent(
      release.ok
        ? { state: 'ready', value: release.value }
        : { state: 'error', message: release.error.message },
    );
    setHistory(
      list.ok ? { state: 'ready', value: list.value } : { state: 'error', message: list.error.message },
    );
    setAudit(
      trail.ok ? { state: 'ready', value: trail.value } : { state: 'error', message: trail.error.message },
    );
    setSaves(
      page.ok ? { state: 'ready', value: page.value } : { state: 'error', message: page.error.message },
    );
    if (workspace.ok) setProfile(workspace.value.profile);
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);
  // Another window or a colleague saved this release: the current text, versions and trail move on with it.
  useWorkspaceChanges((releaseIds) => {
    if (releaseIds.includes(id)) void load();
  });

  async function showOlderSaves() {
    if (saves.state !== 'ready' || !saves.value.older) return;
    setLoadingOlder(true);
    const page = await callApi('history.revisions', { id, before: saves.value.older, limit: SAVES_PAGE });
    setLoadingOlder(false);
    if (!page.ok) {
      setNotice({ kind: 'error', text: page.error.message });
      return;
    }
    setSaves((state) => {
      if (state.state !== 'ready') return state;
      const known = new Set(state.value.saves.map((save) => save.id));
      const next = [...state.value.saves, ...page.value.saves.filter((save) => !known.has(save.id))];
      shownSaves.current = next.length;
      return { state: 'ready', value: { saves: next, total: page.value.total, older: page.value.older } };
    });
  }

  const versions = history.state === 'ready' ? history.value.versions : [];
  const saveList = saves.state === 'ready' ? saves.value.saves : [];
  const previousSave = saveList.find((save) => !save.current && !save.problem);
  const fromChoice: Choice =
    from ?? (versions[0] ? versionChoice(versions[0]) : previousSave ? saveChoice(previousSave) : 'current');

  const fetchChoice = useCallback(
    (choice: Choice) => {
      if (choice === 'current' || requested.current.has(choice)) return;
      requested.current.add(choice);
      setKept((cache) => ({ ...cache, [choice]: LOADING }));
      const ref = choice.slice(2);
      const answer = choice.startsWith('s:')
        ? callApi('history.revision', { id, save: ref })
        : callApi('history.get', { id, key: ref });
      void answer.then((result) => {
        if (!result.ok) requested.current.delete(choice);
        setKept((cache) => ({
          ...cache,
          [choice]: result.ok
            ? { state: 'ready', value: result.value.release }
            : { state: 'error', message: result.error.message },
        }));
      });
    },
    [id],
  );

  useEffect(() => {
    fetchChoice(fromChoice);
    fetchChoice(to);
    for (const saveId of openTexts) fetchChoice(`s:${saveId}`);
  }, [fetchChoice, fromChoice, to, openTexts]);

  const contentOf = (choice: Choice): Loadable<ReleaseContent> =>
    choice === 'current' ? current : (kept[choice] ?? LOADING);

  const texts: Record<string, Loadable<string>> = {};
  for (const saveId of openTexts) {
    const content = contentOf(`s:${saveId}`);
    texts[saveId] =
      content.state !== 'ready'
        ? content
        : profile
          ? {
              state: 'ready',
              // Narrow enough for the list's column (the text is read there, beside the compare).
              value: renderReleaseText(content.value, {
                draftMark: false,
                now: new Date(),
                profile,
                width: 36,
              }),
            }
          : LOADING;
  }

  function toggleText(save: SaveSummary) {
    setOpenTexts((open) => {
      const next = new Set(open);
      if (next.has(save.id)) next.delete(save.id);
      else next.add(save.id);
      return next;
    });
  }

  function compareWithCurrent(choice: Choice) {
    setFrom(choice);
    setTo('current');
    // On a narrow window the comparison sits below the list: bring it into view.
    if (window.matchMedia('(max-width: 960px)').matches) {
      document.getElementById('history-compare')?.scrollIntoView({ block: 'start' });
    }
  }

  async function keepNow() {
    setKeeping(true);
    setNotice(null);
    const result = await callApi('history.keep', { id });
    setKeeping(false);
    if (!result.ok) {
      setNotice({ kind: 'error', text: result.error.message });
      return;
    }
    setNotice({ kind: 'done', text: `The current text is kept as version ${result.value.seq}.` });
    setFrom(versionChoice(result.value));
    setTo('current');
    await load();
  }

  async function restore(what: Restoring): Promise<string | null> {
    if (current.state !== 'ready') return 'The current text of this release could not be read.';
    const which =
      what.kind === 'save'
        ? { save: what.save.id }
        : what.version.key
          ? { key: what.version.key }
          : { seq: what.version.seq };
    const result = await callApi('history.restore', { id, ...which, revision: current.value.revision });
    if (!result.ok) {
      // A stale revision means someone saved meanwhile: show the latest so the person can look again.
      void load();
      return result.error.message;
    }
    window.location.hash = `#/release/${id}`;
    return null;
  }

  function restoreVersion(version: HistorySummary) {
    const by = version.computer ? `${version.actor.name} on ${version.computer.name}` : version.actor.name;
    setRestoring({
      kind: 'version',
      version,
      target: {
        name: versionName(version, versions).replace(/^Version/, 'version'),
        description: `${HISTORY_REASON_LABELS[version.reason].toLowerCase()} by ${by}, ${formatWhen(version.at)}`,
      },
    });
  }

  function restoreSave(save: SaveSummary) {
    setRestoring({
      kind: 'save',
      save,
      target: {
        name: `revision ${save.revision}`,
        description: `${saveWhyLabel(save).toLowerCase()} ${save.person?.name.trim() ? `by ${save.person.name} ` : ''}on ${save.computer.name}, ${formatWhen(save.savedAt)}`,
      },
    });
  }

  const options: ChoiceOption[] = [
    {
      value: 'current',
      label: `Current text (revision ${current.state === 'ready' ? current.value.revision : '…'})`,
    },
    ...versions.map((version) => ({
      value: versionChoice(version),
      label: `${versionName(version, versions)} — ${HISTORY_REASON_LABELS[version.reason]}, ${formatWhen(version.at)}`,
    })),
    ...saveList
      .filter((save) => !save.problem)
      .map((save) => ({
        value: saveChoice(save),
        label: `Revision ${save.revision} — ${formatWhen(save.savedAt)}, ${savedBy(save)}${save.why === 'saved' ? '' : ` (${saveWhyLabel(save).toLowerCase()})`}`,
      })),
  ];

  const tabs: Array<{ tab: HistoryTab; label: string }> = [
    { tab: 'versions', label: 'Versions' },
    { tab: 'audit', label: 'Audit trail' },
  ];
  const tabRefs = useRef<Array<HTMLButtonElement | null>>([]);
  const showTab = (next: HistoryTab) => window.location.replace(historyHash(id, next));
  function onTabKey(event: KeyboardEvent<HTMLButtonElement>) {
    const index = tabRefs.current.indexOf(event.currentTarget);
    const keys: Record<string, number> = {
      ArrowLeft: (index + tabs.length - 1) % tabs.length,
      ArrowRight: (index + 1) % tabs.length,
      Home: 0,
      End: tabs.length - 1,
    };
    const target = keys[event.key];
    if (target === undefined) return;
    event.preventDefault();
    showTab(tabs[target]!.tab);
    tabRefs.current[target]?.focus();
  }

  const release = current.state === 'ready' ? current.value : null;
  const inCompare = (choice: Choice) => choice === fromChoice || choice === to;

  return (
    <div className="history-page">
      <header className="topbar">
        <div className="topbar-title">
          <a className="back-link" href={`#/release/${id}`}>
            ← Back to the release
          </a>
          <span className="app-name">Pressroom</span>
        </div>
      </header>
      <main className="history-main">
        <div className="history-title-row">
          <div className="history-title">
            <h1 className="history-heading">History</h1>
            {release && (
              <p className="history-release">
                <span className="history-release-headline">
                  {release.headline.trim() || 'Untitled release'}
                </span>{' '}
                <span className={`status status-${release.status}`}>{statusLabel(release.status)}</span>
              </p>
            )}
          </div>
          <div role="tablist" aria-label="Show" className="tabs history-tabs">
            {tabs.map((t, index) => (
              <button
                key={t.tab}
                ref={(element) => {
                  tabRefs.current[index] = element;
                }}
                type="button"
                role="tab"
                id={`history-tab-${t.tab}`}
                aria-selected={tab === t.tab}
                aria-controls="history-panel"
                tabIndex={tab === t.tab ? 0 : -1}
                className="tab history-tab"
                onClick={() => showTab(t.tab)}
                onKeyDown={onTabKey}
              >
                {t.label}
              </button>
            ))}
          </div>
        </div>

        {current.state === 'error' && (
          <p className="notice notice-error" role="alert">
            {current.message}
          </p>
        )}
        {tab === 'versions' && audit.state === 'ready' && !audit.value.intact && (
          <div className="history-audit-warning">
            <AuditVerdict report={audit.value} />
            <button type="button" className="link-button" onClick={() => showTab('audit')}>
              Open the audit trail
            </button>
          </div>
        )}

        <div id="history-panel" role="tabpanel" aria-labelledby={`history-tab-${tab}`}>
          {tab === 'audit' ? (
            <AuditTrailView audit={audit} />
          ) : (
            <div className="history-layout">
              <section className="history-versions" aria-labelledby="history-versions-heading">
                <h2 id="history-versions-heading" className="history-section-heading">
                  Versions
                </h2>
                <p className="hint history-intro">
                  A version is kept at every submit, sign-off and export, before a restore, and whenever you
                  keep one.
                </p>
                <div className="history-notice-region" role="status">
                  {notice?.kind === 'done' && (
                    <p className="history-notice history-notice-done">{notice.text}</p>
                  )}
                </div>
                {notice?.kind === 'error' && (
                  <p className="history-notice history-notice-error" role="alert">
                    {notice.text}
                  </p>
                )}
                {history.state === 'error' && (
                  <p className="notice notice-error" role="alert">
                    {history.message}
                  </p>
                )}
                {history.state === 'ready' && history.value.problems.length > 0 && (
                  <div className="notice notice-warning" role="alert">
                    <h3>Some kept versions could not be read</h3>
                    <ul>
                      {history.value.problems.map((problem) => (
                        <li key={problem.file}>
                          {problem.file}: {problem.message}
                          {problem.movedTo && ` (set aside as ${problem.movedTo})`}
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
                <ol className="version-list">
                  {release && (
                    <li
                      className={`version-item version-current${inCompare('current') ? ' version-item-compared' : ''}`}
                      data-testid="version-current"
                    >
                      <div className="version-head">
                        <h3 className="version-title">Current text</h3>
                        <span className={`status status-${release.status}`}>
                          <span className="visually-hidden">Status: </span>
                          {statusLabel(release.status)}
                        </span>
                      </div>
                      <p className="version-meta">
                        Revision {release.revision} · last saved{' '}
                        <time dateTime={release.updatedAt} title={formatWhenFull(release.updatedAt)}>
                          {formatWhen(release.updatedAt)}
                        </time>
                      </p>
                      <p className="version-headline">{release.headline.trim() || 'No headline'}</p>
                      <CompareMarks choice="current" from={fromChoice} to={to} />
                      <div className="version-actions">
                        <button type="button" onClick={() => void keepNow()} disabled={keeping}>
                          {keeping ? 'Keeping…' : 'Keep a version now'}
                        </button>
                      </div>
                    </li>
                  )}
                  {versions.map((version) => (
                    <li
                      key={versionChoice(version)}
                      className={`version-item${inCompare(versionChoice(version)) ? ' version-item-compared' : ''}`}
                      data-seq={version.seq}
                      data-key={version.key}
                    >
                      <div className="version-head">
                        <h3 className="version-title">{versionName(version, versions)}</h3>
                        <span className="version-reason">{HISTORY_REASON_LABELS[version.reason]}</span>
                        <span
                          className={`status status-${version.status}`}
                          title={`Status when this version was kept: ${statusLabel(version.status)}`}
                        >
                          <span className="visually-hidden">Status when kept: </span>
                          {statusLabel(version.status)}
                        </span>
                      </div>
                      <p className="version-meta">
                        <time dateTime={version.at} title={formatWhenFull(version.at)}>
                          {formatWhen(version.at)}
                        </time>{' '}
                        · {version.actor.name}
                        {version.computer && ` on ${version.computer.name}`}
                      </p>
                      <p className="version-headline">{version.headline.trim() || 'No headline'}</p>
                      <CompareMarks choice={versionChoice(version)} from={fromChoice} to={to} />
                      <div className="version-actions">
                        {!(fromChoice === versionChoice(version) && to === 'current') && (
                          <button type="button" onClick={() => compareWithCurrent(versionChoice(version))}>
                            Compare with current text
                            <span className="visually-hidden"> (version {version.seq})</span>
                          </button>
                        )}
                        <button
                          type="button"
                          onClick={() => restoreVersion(version)}
                          disabled={current.state !== 'ready'}
                        >
                          Restore this version as a draft
                          <span className="visually-hidden"> (version {version.seq})</span>
                        </button>
                      </div>
                    </li>
                  ))}
                </ol>
                {history.state === 'ready' && versions.length === 0 && (
                  <p className="history-empty">
                    No versions kept yet. Press “Keep a version now” to keep the text as it is, for example
                    before a large rewrite.
                  </p>
                )}
                <section aria-labelledby="history-saves-heading" className="history-saves">
                  <h2 id="history-saves-heading" className="history-section-heading history-saves-heading">
                    Every save
                  </h2>
                  <SavesList
                    state={saves}
                    loadingOlder={loadingOlder}
                    from={fromChoice}
                    to={to}
                    texts={texts}
                    onShowOlder={() => void showOlderSaves()}
                    onToggleText={toggleText}
                    onCompare={(save) => compareWithCurrent(saveChoice(save))}
                    onRestore={restoreSave}
                    restoreDisabled={current.state !== 'ready'}
                    creator={
                      audit.state === 'ready'
                        ? (audit.value.entries.find((entry) => entry.event === 'created')?.actor.name ?? null)
                        : null
                    }
                  />
                </section>
              </section>
              {release && history.state === 'ready' && (
                <CompareView
                  options={options}
                  from={fromChoice}
                  to={to}
                  onFrom={setFrom}
                  onTo={setTo}
                  older={contentOf(fromChoice)}
                  newer={contentOf(to)}
                />
              )}
            </div>
          )}
        </div>
      </main>
      {restoring && release && (
        <RestoreDialog
          target={restoring.target}
          currentStatus={release.status}
          onCancel={() => setRestoring(null)}
          onConfirm={() => restore(restoring)}
        />
      )}
    </div>
  );
}

/** Which side of the comparison an entry is on, in words as well as by its border. */
function CompareMarks({ choice, from, to }: { choice: Choice; from: Choice; to: Choice }) {
  const marks = [choice === from && 'Comparing from', choice === to && 'Comparing to'].filter(Boolean);
  if (marks.length === 0) return null;
  return <p className="version-compare-mark">{marks.join(' and ')}</p>;
}
