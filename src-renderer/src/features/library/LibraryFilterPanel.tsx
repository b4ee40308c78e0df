import { useId } from 'react';
import {
  RELEASE_STATUS_LABELS,
  RELEASE_STATUSES,
  RELEASE_TYPE_LABELS,
  RELEASE_TYPES,
} from '../../../../src-shared/release/schema';
import { formatDateTimeInput } from '../../../../src-shared/render/parse-date-time';
import { DateTimeInput } from '../editor/fields/DateTimeInput';
import { hasFilters, type LibraryFilters } from './useLibrarySearch';

type Change = (update: (filters: LibraryFilters) => LibraryFilters) => void;

function toggle<T>(list: readonly T[], value: T, on: boolean): T[] {
  return on ? [...list.filter((item) => item !== value), value] : list.filter((item) => item !== value);
}

/** The filters down the side of the library (above the table on a narrow window). */
export function LibraryFilterPanel({
  filters,
  allTags,
  locale,
  onChange,
  onClear,
}: {
  filters: LibraryFilters;
  allTags: readonly string[];
  /** The organisation's locale: the dates are typed in its order (18/07/2024 for en-GB), not the browser's. */
  locale: string;
  onChange: Change;
  onClear: () => void;
}) {
  const id = useId();
  // A ticked tag stays on offer even when no release in this list carries it, so that it can be unticked.
  const tags = [...allTags, ...filters.tags.filter((tag) => !allTags.includes(tag))];
  const backwards = filters.from !== '' && filters.to !== '' && filters.from > filters.to;

  return (
    <section className="library-filters" aria-labelledby={`${id}-title`}>
      <div className="library-filters-head">
        <h2 id={`${id}-title`}>Filters</h2>
        {hasFilters({ ...filters, text: '' }) && (
          <button type="button" className="button-quiet" onClick={onClear}>
            Reset filters
          </button>
        )}
      </div>

      <fieldset className="filter-group">
        <legend>Status</legend>
        {RELEASE_STATUSES.map((status) => (
          <label key={status} className="filter-option">
            <input
              type="checkbox"
              checked={filters.statuses.includes(status)}
              onChange={(event) => {
                const on = event.target.checked;
                onChange((current) => ({ ...current, statuses: toggle(current.statuses, status, on) }));
              }}
            />
            <span className={`status-dot status-${status}`} aria-hidden="true" />
            {RELEASE_STATUS_LABELS[status]}
          </label>
        ))}
      </fieldset>

      <fieldset className="filter-group">
        <legend>Type</legend>
        {RELEASE_TYPES.map((type) => (
          <label key={type} className="filter-option">
            <input
              type="checkbox"
              checked={filters.types.includes(type)}
              onChange={(event) => {
                const on = event.target.checked;
                onChange((current) => ({ ...current, types: toggle(current.types, type, on) }));
              }}
            />
            {RELEASE_TYPE_LABELS[type]}
          </label>
        ))}
      </fieldset>

      <fieldset className="filter-group">
        <legend>Tags</legend>
        {tags.length === 0 ? (
          <p className="hint">No tags yet. Add tags in a release’s header to filter by them here.</p>
        ) : (
          <div className="filter-tags">
            {tags.map((tag) => (
              <label key={tag} className="filter-option">
                <input
                  type="checkbox"
                  checked={filters.tags.includes(tag)}
                  onChange={(event) => {
                    const on = event.target.checked;
                    onChange((current) => ({ ...current, tags: toggle(current.tags, tag, on) }));
                  }}
                />
                <span className="filter-tag-name">{tag}</span>
              </label>
            ))}
          </div>
        )}
      </fieldset>

      <fieldset className="filter-group" aria-describedby={backwards ? `${id}-dates` : undefined}>
        <legend>Release date</legend>
        <p className="hint" id={`${id}-dates-hint`}>
          For example, {formatDateTimeInput('2024-07-18', locale, '24h')}.
        </p>
        <div className="filter-dates">
          <div className="field">
            <label htmlFor={`${id}-from`}>From</label>
            <DateTimeInput
              id={`${id}-from`}
              mode="date"
              value={filters.from}
              locale={locale}
              clock="24h"
              emptyAllowed
              describedBy={`${id}-dates-hint`}
              onCommit={(from) => onChange((current) => ({ ...current, from }))}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>To</label>
            <DateTimeInput
              id={`${id}-to`}
              mode="date"
              value={filters.to}
              locale={locale}
              clock="24h"
              emptyAllowed
              describedBy={`${id}-dates-hint`}
              onCommit={(to) => onChange((current) => ({ ...current, to }))}
            />
          </div>
        </div>
        {backwards && (
          <p id={`${id}-dates`} className="hint">
            “From” is after “To”, so no release can match.
          </p>
        )}
      </fieldset>
    </section>
  );
}
