import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import { callApi } from '../../api';
import type { LibraryRow, WorkspaceDescription } from '../../../../src-shared/api/contract';
import { RELEASE_TYPE_LABELS, RELEASE_TYPES, type ReleaseType } from '../../../../src-shared/release/schema';
import { describeCount } from './library-format';
import { LibraryFilterPanel } from './LibraryFilterPanel';
import { headlineOf, ReleaseTable } from './ReleaseTable';
import {
  hasFilters,
  NO_FILTERS,
  useLibrarySearch,
  type LibraryFilters,
  type LibraryTotals,
} from './useLibrarySearch';
import type { RowRange } from './useVirtualRows';
import { BuildingProgress } from './BuildingProgress';
import './library.css';
import { ProfileLink } from '../settings/ProfileLink';
import { DistributionLink } from '../settings/DistributionLink';
import { NewsroomLink } from '../newsroom/NewsroomLink';
import { EmbargoLink } from '../embargo/EmbargoLink';
import { IdentityChip } from '../review/IdentityChip';
import { ShortcutsButton } from '../shortcuts/ShortcutsButton';
import { useOpenReleaseFile } from './OpenReleaseFile';
import { useImportDocument } from '../import/ImportDocument';
import { TopbarMenu } from './TopbarMenu';
import { usePresenceList, useWorkspaceChanges } from '../shared-workspace';
import { isSignedOff } from '../../../../src-shared/release/status';
import { DeleteDialog } from './DeleteDialog';

// Exporting several releases at once is occasional: its dialog is loaded when first asked for.
const BatchExportDialog = lazy(() =>
  import('../export/BatchExportDialog').then((module) => ({ default: module.BatchExportDialog })),
);

const SORT_LABELS: Record<LibraryFilters['sort'], string> = {
  'updated-desc': 'Last change, newest first',
  'updated-asc': 'Last change, oldest first',
  'release-date-desc': 'Release date, newest first',
  'release-date-asc': 'Release date, oldest first',
  'headline-asc': 'Headline, A to Z',
};

type Message =
  | { kind: 'deleted'; id: string; headline: string }
  | { kind: 'restored'; id: string; headline: string }
  | { kind: 'duplicated'; id: string; headline: string };

export function LibraryView({
  workspace,
  onOpen,
}: {
  workspace: WorkspaceDescription;
  onOpen: (id: string) => void;
}) {
  const id = useId();
  const [newType, setNewType] = useState<ReleaseType>('news-release');
  const [creating, setCreating] = useState(false);
  const [trash, setTrash] = useState(false);
  const [filters, setFilters] = useState<LibraryFilters>(NO_FILTERS);
  const [refreshKey, setRefreshKey] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [busyIds, setBusyIds] = useState<ReadonlySet<string>>(new Set());
  /** Ticked releases, kept whole: a ticked row may have scrolled out of the page when it is exported. */
  const [selected, setSelected] = useState<ReadonlyMap<string, LibraryRow>>(new Map());
  const [selectingAll, setSelectingAll] = useState(false);
  /** A signed-off release waiting for the person to confirm its deletion. */
  const [confirmingDelete, setConfirmingDelete] = useState<LibraryRow | null>(null);
  const [batchExport, setBatchExport] = useState(false);
  /** On a narrow window the filters sit behind a "Filters" button, so that the first release shows above the fold. */
  const [filtersOpen, setFiltersOpen] = useState(false);
  /** Moved out of the list on show until the next search answer, which no longer has them, arrives. */
  const [movedIds, setMovedIds] = useState<{ from: LibraryTotals | null; ids: ReadonlySet<string> }>({
    from: null,
    ids: new Set(),
  });
  /** The rows the list draws (in the list as shown, without the rows moved out). */
  const [drawn, setDrawn] = useState<RowRange>({ start: 0, end: 20 });
  const onRange = useCallback((range: RowRange) => setDrawn(range), []);
  const [wanted, setWanted] = useState<RowRange>(drawn);
  const search = useLibrarySearch(filters, trash, refreshKey, wanted);
  const messageRef = useRef<HTMLDivElement>(null);
  const undoRef = useRef<HTMLButtonElement>(null);
  const tabRefs = useRef<Array<HTMLButtonElement | null>>([]);
  const panelRef = useRef<HTMLDivElement>(null);
  const locale = workspace.profile.locale;
  const openFile = useOpenReleaseFile(onOpen);
  const importDocument = useImportDocument(onOpen);

  // The row whose button had focus is gone after a delete or a restore; focus goes where the next step is.
  useEffect(() => {
    if (message?.kind === 'deleted') undoRef.current?.focus();
    else if (message?.kind === 'restored') messageRef.current?.focus();
  }, [message]);

  const refresh = () => setRefreshKey((key) => key + 1);
  // A colleague's save on the shared folder (or another window) shows up without a restart.
  useWorkspaceChanges(() => setRefreshKey((key) => key + 1));
  const holders = usePresenceList();

  function moveOut(rowId: string) {
    setMovedIds((current) => ({
      from: search.result,
      ids: new Set(current.from === search.result ? current.ids : []).add(rowId),
    }));
  }

  async function withRow<T>(rowId: string, action: () => Promise<T>): Promise<T> {
    setBusyIds((current) => new Set(current).add(rowId));
    try {
      return await action();
    } finally {
      setBusyIds((current) => {
        const next = new Set(current);
        next.delete(rowId);
        return next;
      });
    }
  }

  async function createRelease() {
    setCreating(true);
    const result = await callApi('releases.create', { type: newType });
    setCreating(false);
    if (result.ok) onOpen(result.value.id);
    else setError(result.error.message);
  }

  async function duplicate(row: LibraryRow) {
    const answer = await withRow(row.id, () => callApi('releases.duplicate', { id: row.id }));
    if (!answer.ok) return fail(answer.error.message);
    setError(null);
    setMessage({ kind: 'duplicated', id: answer.value.id, headline: headlineOf(answer.value) });
    refresh();
  }

  function remove(row: LibraryRow) {
    // An approved or published release is one people rely on: ask first, naming its status.
    if (isSignedOff(row.status)) setConfirmingDelete(row);
    else void deleteRow(row);
  }

  async function deleteRow(row: Pick<LibraryRow, 'id' | 'headline'>) {
    const answer = await withRow(row.id, () => callApi('releases.delete', { id: row.id }));
    if (!answer.ok) return fail(answer.error.message);
    setError(null);
    setMessage({ kind: 'deleted', id: row.id, headline: headlineOf(row) });
    moveOut(row.id);
    refresh();
  }

  async function restore(row: Pick<LibraryRow, 'id' | 'headline'>) {
    const answer = await withRow(row.id, () => callApi('releases.restore', { id: row.id }));
    if (!answer.ok) return fail(answer.error.message);
    setError(null);
    setMessage({ kind: 'restored', id: row.id, headline: headlineOf(answer.value) });
    if (trash) moveOut(row.id);
    refresh();
  }

  function fail(text: string) {
    setError(text);
    // Whatever failed, the list should show the folder as it is now (another window may have acted first).
    refresh();
  }

  function showTrash(next: boolean) {
    if (next === trash) return;
    setTrash(next);
    setError(null);
  }

  function onTabKey(event: KeyboardEvent<HTMLButtonElement>) {
    const keys: Record<string, boolean | undefined> = {
      ArrowLeft: !trash,
      ArrowRight: !trash,
      Home: false,
      End: true,
    };
    const target = keys[event.key];
    if (target === undefined) return;
    event.preventDefault();
    showTrash(target);
    tabRefs.current[target ? 1 : 0]?.focus();
  }

  const result = search.result;
  const { rowAt: matchAt, loadedRows } = search;
  // Rows moved out (deleted, restored) are skipped until the next answer, which no longer has them, arrives.
  const hiddenIndices = useMemo(() => {
    const hidden = movedIds.from === result ? movedIds.ids : null;
    if (!hidden || hidden.size === 0) return [];
    return loadedRows()
      .filter(({ row }) => hidden.has(row.id))
      .map(({ index }) => index)
      .sort((a, b) => a - b);
  }, [movedIds, result, loadedRows]);
  const matchIndex = useCallback(
    (shown: number) => {
      let index = shown;
      for (const hidden of hiddenIndices) if (hidden <= index) index++;
      return index;
    },
    [hiddenIndices],
  );
  const rowAt = useCallback((shown: number) => matchAt(matchIndex(shown)), [matchAt, matchIndex]);
  const matched = Math.max(0, (result?.matched ?? 0) - hiddenIndices.length);
  // While the index is first built the answer counts the releases read so far; the sentence counts the library.
  const building = trash ? null : (result?.building ?? null);
  const total = Math.max(0, Math.max(result?.total ?? 0, building?.total ?? 0) - hiddenIndices.length);
  const { start: drawnStart, end: drawnEnd } = drawn;
  useEffect(() => {
    const start = matchIndex(drawnStart);
    const end = drawnEnd > drawnStart ? matchIndex(drawnEnd - 1) + 1 : start;
    setWanted((current) => (current.start === start && current.end === end ? current : { start, end }));
  }, [matchIndex, drawnStart, drawnEnd]);
  const checkedFilters = hasFilters({ ...filters, text: '' });
  const selectedRows = [...selected.values()];
  const allChecked =
    selectingAll ||
    (matched > 0 &&
      selected.size >= matched &&
      loadedRows().every(({ row }) => selected.has(row.id) || movedIds.ids.has(row.id)));
  /** The search as it stands, without its text pause or sort: a new one starts the list at its top. */
  const listKey = search.query ? JSON.stringify(search.query) : '';

  // Ticked releases belong to the search that showed them: another search or filter starts with none ticked.
  const selectionKey = JSON.stringify({ ...filters, sort: null, trash });
  const lastSelectionKey = useRef(selectionKey);
  useEffect(() => {
    if (lastSelectionKey.current === selectionKey) return;
    lastSelectionKey.current = selectionKey;
    setSelected(new Map());
  }, [selectionKey]);

  async function selectAll(on: boolean) {
    if (!on || !search.query) return setSelected(new Map());
    const loaded = loadedRows()
      .map(({ row }) => row)
      .filter((row) => !movedIds.ids.has(row.id));
    // The rows already here are ticked at once; when they are not every match, the rest are asked for in one
    // request (the person asked for the lot), and the box shows ticked meanwhile.
    setSelected(new Map(loaded.map((row) => [row.id, row])));
    if (loaded.length >= matched) return;
    setSelectingAll(true);
    const answer = await callApi('releases.search', { ...search.query, offset: 0, limit: null });
    setSelectingAll(false);
    if (!answer.ok) return setError(answer.error.message);
    setSelected(
      new Map(answer.value.rows.filter((row) => !movedIds.ids.has(row.id)).map((row) => [row.id, row])),
    );
  }
  const tabs = [
    { trash: false, label: 'Library' },
    { trash: true, label: 'Deleted releases' },
  ];

  /** The skip link: straight to the first release's headline link, or to the list when there is none. */
  function skipToReleases() {
    const first = panelRef.current?.querySelector<HTMLElement>('tbody .row-headline[href]');
    (first ?? panelRef.current)?.focus();
  }
  const filterCount =
    filters.statuses.length +
    filters.types.length +
    filters.tags.length +
    (filters.from ? 1 : 0) +
    (filters.to ? 1 : 0);

  return (
    <div className="library">
      <a
        className="skip-link"
        href={`#${id}-panel`}
        onClick={(event) => {
          // The app routes by the URL's hash: the link moves the focus instead of the route.
          event.preventDefault();
          skipToReleases();
        }}
      >
        Skip to releases
      </a>
      <header className="topbar">
        <div className="topbar-title">
          <span className="app-name">Pressroom</span>
          <span className="workspace-name" title={workspace.profile.name}>
            {workspace.profile.name}
          </span>
          <TopbarMenu label="Workspace">
            <li>
              <ProfileLink />
            </li>
            <li>
              <DistributionLink />
            </li>
            <li>
              <NewsroomLink />
            </li>
            <li>
              <EmbargoLink />
            </li>
          </TopbarMenu>
          <IdentityChip />
          <ShortcutsButton />
        </div>
        <div className="library-topbar-actions">
          <form
            className="new-release"
            onSubmit={(event) => {
              event.preventDefault();
              void createRelease();
            }}
          >
            <label htmlFor="new-release-type">Release type</label>
            <select
              id="new-release-type"
              value={newType}
              onChange={(event) => setNewType(event.target.value as ReleaseType)}
            >
              {RELEASE_TYPES.map((type) => (
                <option key={type} value={type}>
                  {RELEASE_TYPE_LABELS[type]}
                </option>
              ))}
            </select>
            <button type="submit" className="button-primary" disabled={creating}>
              New release
            </button>
          </form>
          <TopbarMenu
            label="More ways to start"
            after={
              <>
                {openFile.outcome}
                {importDocument.outcome}
              </>
            }
          >
            <li>
              <button type="button" onClick={openFile.choose} disabled={openFile.busy}>
                Open release file…
              </button>
            </li>
            <li>
              <button type="button" onClick={importDocument.chooseFile} disabled={importDocument.busy}>
                {importDocument.busy ? 'Reading…' : 'Import…'}
              </button>
            </li>
            <li>
              <button type="button" onClick={importDocument.paste} disabled={importDocument.busy}>
                Paste a release…
              </button>
            </li>
          </TopbarMenu>
        </div>
      </header>

      <main className="library-main">
        {workspace.problems.length > 0 && (
          <section className="notice notice-warning" aria-labelledby="problems-title">
            {/* Not every entry is damage: a sync engine's conflict copy is a second version someone saved. */}
            <h2 id="problems-title">Some files in this workspace need a look</h2>
            <p>They were left untouched or moved aside; everything else works as normal.</p>
            <ul>
              {workspace.problems.map((problem) => (
                <li key={problem.file}>
                  <strong>{problem.file}</strong>: {problem.message}
                  {problem.movedTo ? ` (moved to ${problem.movedTo})` : ''}
                </li>
              ))}
            </ul>
          </section>
        )}

        <div className="library-title-row">
          <h1 className="library-heading">Releases</h1>
          <div role="tablist" aria-label="Which releases to show" className="tabs library-tabs">
            {tabs.map((tab, index) => (
              <button
                key={tab.label}
                ref={(element) => {
                  tabRefs.current[index] = element;
                }}
                type="button"
                role="tab"
                id={`${id}-tab-${index}`}
                aria-selected={trash === tab.trash}
                aria-controls={`${id}-panel`}
                tabIndex={trash === tab.trash ? 0 : -1}
                className="tab library-tab"
                onClick={() => showTrash(tab.trash)}
                onKeyDown={onTabKey}
              >
                {tab.label}
              </button>
            ))}
          </div>
        </div>

        <div ref={messageRef} role="status" tabIndex={-1} className="library-message-region">
          {message && (
            <div className="library-message">
              <p>
                {message.kind === 'deleted' && (
                  <>
                    “{message.headline}” was moved to Deleted releases. You can restore it from there at any
                    time.
                  </>
                )}
                {message.kind === 'restored' && <>“{message.headline}” was restored to the library.</>}
                {message.kind === 'duplicated' && (
                  <>“{message.headline}” was copied as a new draft, marked “Copy of” in the list.</>
                )}
              </p>
              <div className="library-message-actions">
                {message.kind === 'deleted' && (
                  <button
                    ref={undoRef}
                    type="button"
                    disabled={busyIds.has(message.id)}
                    onClick={() => void restore({ id: message.id, headline: message.headline })}
                  >
                    Undo
                  </button>
                )}
                {message.kind === 'duplicated' && (
                  <button type="button" onClick={() => onOpen(message.id)}>
                    Open the copy
                  </button>
                )}
                {message.kind === 'restored' && (
                  <button type="button" onClick={() => onOpen(message.id)}>
                    Open it
                  </button>
                )}
                <button type="button" className="button-quiet" onClick={() => setMessage(null)}>
                  Dismiss
                </button>
              </div>
            </div>
          )}
        </div>

        {(error ?? search.error) && (
          <p className="notice notice-error" role="alert">
            {error ?? search.error}
          </p>
        )}

        <div
          ref={panelRef}
          tabIndex={-1}
          id={`${id}-panel`}
          role="tabpanel"
          aria-labelledby={`${id}-tab-${trash ? 1 : 0}`}
          className="library-panel"
        >
          {result === null ? (
            <p className="library-loading">{search.error ? '' : 'Loading releases…'}</p>
          ) : !search.stale && total === 0 ? (
            <div className="empty-state">
              {trash ? (
                <>
                  <h2>No deleted releases</h2>
                  <p>When you delete a release it is kept here, and you can restore it to the library.</p>
                </>
              ) : (
                <>
                  <h2>No releases yet</h2>
                  <p>
                    Choose a release type above and press “New release”. The form leads you through each
                    section, from the headline to the media contacts.
                  </p>
                </>
              )}
            </div>
          ) : (
            <>
              <div className="library-layout">
                <form role="search" className="library-search" onSubmit={(event) => event.preventDefault()}>
                  <label htmlFor={`${id}-search`}>
                    {trash ? 'Search deleted releases' : 'Search releases'}
                  </label>
                  <p id={`${id}-search-hint`} className="hint">
                    Finds words anywhere in a release: headline, body, quotes, notes to editors, contacts and
                    tags.
                  </p>
                  <input
                    id={`${id}-search`}
                    type="search"
                    className="input-wide"
                    aria-describedby={`${id}-search-hint`}
                    autoComplete="off"
                    spellCheck={false}
                    value={filters.text}
                    onChange={(event) => {
                      const text = event.target.value;
                      setFilters((current) => ({ ...current, text }));
                    }}
                  />
                </form>
                <div className="library-filters-slot" data-open={filtersOpen || undefined}>
                  <button
                    type="button"
                    className="library-filters-toggle"
                    aria-expanded={filtersOpen}
                    aria-controls={`${id}-filters`}
                    onClick={() => setFiltersOpen((open) => !open)}
                  >
                    <span className="disclosure-mark" aria-hidden="true" />
                    Filters
                    {filterCount > 0 && <span className="library-filters-count">{filterCount} in use</span>}
                  </button>
                  <div id={`${id}-filters`} className="library-filters-body">
                    <LibraryFilterPanel
                      filters={filters}
                      allTags={result.allTags}
                      locale={locale}
                      onChange={setFilters}
                      onClear={() =>
                        setFilters((current) => ({ ...NO_FILTERS, text: current.text, sort: current.sort }))
                      }
                    />
                  </div>
                </div>

                <div className="library-results" aria-busy={search.searching}>
                  {!trash && (
                    <button
                      type="button"
                      className="waiting-toggle"
                      aria-pressed={filters.waitingForMe}
                      onClick={() =>
                        setFilters((current) => ({ ...current, waitingForMe: !current.waitingForMe }))
                      }
                    >
                      Waiting for me{' '}
                      <span className="waiting-count" data-testid="waiting-count">
                        {result.waitingForMe}
                      </span>
                    </button>
                  )}
                  {!trash && selectedRows.length > 0 && (
                    <div className="batch-bar" role="group" aria-label="Selected releases">
                      <span>{selectedRows.length} selected</span>
                      <button type="button" className="button-primary" onClick={() => setBatchExport(true)}>
                        Export selected…
                      </button>
                      <button type="button" className="button-quiet" onClick={() => setSelected(new Map())}>
                        Clear selection
                      </button>
                    </div>
                  )}
                  {batchExport && (
                    <Suspense
                      fallback={
                        <p className="visually-hidden" role="status">
                          Opening…
                        </p>
                      }
                    >
                      <BatchExportDialog
                        rows={selectedRows}
                        locale={locale}
                        onClose={() => setBatchExport(false)}
                        onFinished={refresh}
                      />
                    </Suspense>
                  )}
                  {confirmingDelete && (
                    <DeleteDialog
                      headline={headlineOf(confirmingDelete)}
                      status={confirmingDelete.status}
                      onCancel={() => setConfirmingDelete(null)}
                      onConfirm={async () => {
                        const row = confirmingDelete;
                        setConfirmingDelete(null);
                        await deleteRow(row);
                      }}
                    />
                  )}
                  <div className="library-toolbar">
                    <p className="library-count" aria-live="polite">
                      {search.stale ? 'Loading…' : describeCount(matched, total, trash)}
                    </p>
                    <div className="library-sort">
                      <label htmlFor={`${id}-sort`}>Sort by</label>
                      <select
                        id={`${id}-sort`}
                        value={filters.sort}
                        onChange={(event) => {
                          const sort = event.target.value as LibraryFilters['sort'];
                          setFilters((current) => ({ ...current, sort }));
                        }}
                      >
                        {Object.entries(SORT_LABELS).map(([value, label]) => (
                          <option key={value} value={value}>
                            {label}
                          </option>
                        ))}
                      </select>
                    </div>
                  </div>

                  {result.building && <BuildingProgress building={result.building} />}
                  {search.stale ? null : matched === 0 ? (
                    <div className="empty-state">
                      <h2>No releases match</h2>
                      <p>
                        {filters.text.trim()
                          ? `Nothing ${trash ? 'in Deleted releases' : 'in the library'} matches “${filters.text.trim()}”${checkedFilters ? ' with these filters' : ''}. Check the spelling or try fewer words.`
                          : `No ${trash ? 'deleted ' : ''}release matches these filters.`}
                      </p>
                      <button
                        type="button"
                        onClick={() => setFilters((current) => ({ ...NO_FILTERS, sort: current.sort }))}
                      >
                        Clear filters
                      </button>
                    </div>
                  ) : (
                    <div className="library-table-wrap">
                      <ReleaseTable
                        holders={holders}
                        count={matched}
                        rowAt={rowAt}
                        listKey={listKey}
                        onRange={onRange}
                        trash={trash}
                        searchText={filters.text}
                        locale={locale}
                        busyIds={busyIds}
                        {...(trash
                          ? {}
                          : {
                              selection: {
                                ids: new Set(selected.keys()),
                                allChecked,
                                toggle: (row: LibraryRow, on: boolean) =>
                                  setSelected((current) => {
                                    const next = new Map(current);
                                    if (on) next.set(row.id, row);
                                    else next.delete(row.id);
                                    return next;
                                  }),
                                all: (on: boolean) => void selectAll(on),
                              },
                            })}
                        actions={{
                          open: (row) => onOpen(row.id),
                          duplicate: (row) => void duplicate(row),
                          remove: (row) => remove(row),
                          restore: (row) => void restore(row),
                        }}
                      />
                    </div>
                  )}
                </div>
              </div>
            </>
          )}
        </div>
      </main>
    </div>
  );
}
