import { useEffect, useId, useRef, useSyncExternalStore } from 'react';
import type { LibraryRow } from '../../../../src-shared/api/contract';
import { RELEASE_STATUS_LABELS, RELEASE_TYPE_LABELS } from '../../../../src-shared/release/schema';
import { HolderBadge } from '../shared-workspace';
import { CopyOfTag } from './CopyOfTag';
import type { PresenceEntry } from '../../../../src-shared/api/contract';
import {
  formatLastChange,
  formatLibraryReleaseDate,
  markMatches,
  releaseDateTimeAttribute,
} from './library-format';
import { useVirtualRows, type RowRange } from './useVirtualRows';

export interface RowActions {
  open: (row: LibraryRow) => void;
  duplicate: (row: LibraryRow) => void;
  remove: (row: LibraryRow) => void;
  restore: (row: LibraryRow) => void;
}

/** "7 Dec 2026, 10:42": when a release was deleted, in the UK style the rest of the library uses. */
const DELETED_AT = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

export function headlineOf(row: Pick<LibraryRow, 'headline'>): string {
  return row.headline.trim() || 'Untitled release';
}

export function ReleaseTable({
  count,
  rowAt,
  listKey,
  onRange,
  trash,
  searchText,
  locale,
  busyIds,
  actions,
  holders = {},
  selection,
}: {
  /** How many releases match: the list is as long as all of them, though only those in sight are drawn. */
  count: number;
  /** The release at a place in the list; undefined while it is on its way. */
  rowAt: (index: number) => LibraryRow | undefined;
  /** Changes with the search, filters and sort (not with a refresh): the list starts again at its top. */
  listKey: string;
  /** The rows drawn now, for the search to fetch. */
  onRange: (range: RowRange) => void;
  trash: boolean;
  searchText: string;
  locale: string;
  /** Rows with an action on its way: their buttons wait, so a double click does not act twice. */
  busyIds: ReadonlySet<string>;
  actions: RowActions;
  /** Who else has each release open right now (shared workspace). */
  holders?: Record<string, PresenceEntry[]>;
  /** Rows ticked for a batch action (export); absent: no tick boxes. */
  selection?: {
    ids: ReadonlySet<string>;
    /** Every release that matches is ticked. */
    allChecked: boolean;
    toggle: (row: LibraryRow, on: boolean) => void;
    all: (on: boolean) => void;
  };
}) {
  const id = useId();
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const narrow = useMediaQuery(NARROW_LAYOUT);
  const virtual = useVirtualRows({
    count,
    listKey,
    bodyRef,
    // Measured rows replace these at once; they only set the first drawing's reach and the scroll bar's length.
    estimate: narrow ? 220 : 76,
  });
  const { start, end } = virtual.range;
  useEffect(() => onRange({ start, end }), [onRange, start, end]);
  const columns = selection ? 8 : 7;
  return (
    // aria-rowcount and aria-rowindex tell a screen reader where a row is in the whole list, though only a few
    // rows are in the page; the header row is row 1.
    <table className="release-table library-table" aria-rowcount={count + 1}>
      <caption className="visually-hidden">{trash ? 'Deleted releases' : 'Releases'}</caption>
      <thead>
        <tr aria-rowindex={1}>
          {selection && (
            <th scope="col" className="col-select">
              {/* A narrow window hides the column heads but this one: its words show there. */}
              <label className="select-all">
                <input
                  type="checkbox"
                  aria-label="Select all releases shown"
                  checked={selection.allChecked}
                  onChange={(event) => selection.all(event.target.checked)}
                />
                <span className="select-all-text" aria-hidden="true">
                  Select all
                </span>
              </label>
            </th>
          )}
          <th scope="col" className="col-headline">
            Headline
          </th>
          <th scope="col" className="col-type">
            Type
          </th>
          <th scope="col" className="col-status">
            Status
          </th>
          <th scope="col" className="col-release-date">
            Release date
          </th>
          <th scope="col" className="col-last-change">
            Last change
          </th>
          <th scope="col" className="col-tags">
            Tags
          </th>
          <th scope="col" className="col-actions">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody ref={bodyRef} onFocus={virtual.onFocus} onBlur={virtual.onBlur}>
        {virtual.items.map((item) => {
          if (item.kind === 'gap') {
            return (
              <tr key={item.key} className="row-gap" aria-hidden="true">
                <td colSpan={columns} style={{ height: `${item.height}px` }} />
              </tr>
            );
          }
          const { index } = item;
          const row = rowAt(index);
          if (!row) {
            return (
              <tr
                key={`loading-${index}`}
                data-index={index}
                data-placeholder=""
                aria-rowindex={index + 2}
                className="row-loading"
              >
                <td colSpan={columns} style={{ height: `${virtual.heightOf(index)}px` }}>
                  Loading…
                </td>
              </tr>
            );
          }
          const headlineId = `${id}-${row.id}`;
          const busy = busyIds.has(row.id);
          return (
            <tr key={row.id} data-index={index} aria-rowindex={index + 2}>
              {selection && (
                <td className="col-select">
                  <input
                    type="checkbox"
                    aria-label={`Select ${headlineOf(row)}`}
                    checked={selection.ids.has(row.id)}
                    onChange={(event) => selection.toggle(row, event.target.checked)}
                  />
                </td>
              )}
              <td className="col-headline">
                {trash ? (
                  <span id={headlineId} className="row-headline">
                    {headlineOf(row)}
                  </span>
                ) : (
                  // A real link to the release's address (the app routes by the URL's hash): it reads as a link,
                  // Enter opens it, and a browser can open it in a new tab.
                  <a
                    href={`#/release/${row.id}`}
                    id={headlineId}
                    className="row-headline"
                    onClick={(event) => {
                      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
                      event.preventDefault();
                      actions.open(row);
                    }}
                  >
                    {headlineOf(row)}
                  </a>
                )}
                <CopyOfTag copiedFrom={row.copiedFrom} className="row-copy-of" />
                {trash && row.deleted && (
                  <p className="row-deleted">
                    Deleted{row.deleted.by ? ` by ${row.deleted.by}` : ''} on {row.deleted.computer},{' '}
                    <time dateTime={row.deleted.at}>{DELETED_AT.format(new Date(row.deleted.at))}</time>
                  </p>
                )}
                {row.snippet && (
                  <p className="row-snippet">
                    {markMatches(row.snippet, searchText).map((part, index) =>
                      part.match ? <strong key={index}>{part.text}</strong> : part.text,
                    )}
                  </p>
                )}
              </td>
              <td data-label="Type">{RELEASE_TYPE_LABELS[row.type]}</td>
              <td data-label="Status">
                <span className={`status status-${row.status}`}>{RELEASE_STATUS_LABELS[row.status]}</span>
                {row.publishedUnchecked && (
                  // Issue 17: until another person reviews it afterwards (review/PublishedRecords.tsx).
                  <span className="unchecked-badge">Published without a second check</span>
                )}
                <HolderBadge holders={holders[row.id]} />
              </td>
              <td data-label="Release date">
                <time dateTime={releaseDateTimeAttribute(row.releaseDate, row.timeZone)}>
                  <DateTimeParts parts={formatLibraryReleaseDate(row.releaseDate, row.timeZone, locale)} />
                </time>
              </td>
              <td data-label="Last change">
                <time dateTime={row.updatedAt}>
                  <DateTimeParts parts={formatLastChange(row.updatedAt, locale)} />
                </time>
              </td>
              <td data-label="Tags" className={row.tags.length === 0 ? 'cell-empty' : undefined}>
                {row.tags.length > 0 ? (
                  <ul className="row-tags">
                    {row.tags.map((tag, index) => (
                      <li key={`${index}-${tag}`}>{tag}</li>
                    ))}
                  </ul>
                ) : (
                  <span className="row-none">
                    <span aria-hidden="true">–</span>
                    <span className="visually-hidden">None</span>
                  </span>
                )}
              </td>
              <td className="col-actions">
                <div className="row-actions">
                  {trash ? (
                    <button
                      type="button"
                      aria-describedby={headlineId}
                      disabled={busy}
                      onClick={() => actions.restore(row)}
                    >
                      Restore
                    </button>
                  ) : (
                    <>
                      <button
                        type="button"
                        aria-describedby={headlineId}
                        disabled={busy}
                        onClick={() => actions.duplicate(row)}
                      >
                        Duplicate
                      </button>
                      <button
                        type="button"
                        className="button-danger"
                        aria-describedby={headlineId}
                        disabled={busy}
                        onClick={() => actions.remove(row)}
                      >
                        Delete
                      </button>
                    </>
                  )}
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function DateTimeParts({ parts: [date, time] }: { parts: [string, string] }) {
  return (
    <>
      <span className="nowrap">{date}</span> <span className="nowrap">{time}</span>
    </>
  );
}

/** Where library.css turns each release into a block of labelled facts (taller rows). */
const NARROW_LAYOUT = '(max-width: 900px)';

function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (changed) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', changed);
      return () => list.removeEventListener('change', changed);
    },
    () => window.matchMedia(query).matches,
  );
}
