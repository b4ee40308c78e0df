import { useMemo, useRef, useState } from 'react';
import { useController, type Control } from 'react-hook-form';
import type { OrganisationProfile } from '../../../../src-shared/release/schema';
import { Field } from './form-errors';
import { filterZones, timeZoneOptions, zoneOption } from './profile-options';

/**
 * A list box of every zone with a filter above it. A drop-down of 400-odd zones is hard to use with a keyboard
 * and impossible to scan; here a few letters narrow the list, Down moves into it and Enter takes the first match.
 */
export function TimeZoneField({
  control,
  error,
}: {
  control: Control<OrganisationProfile>;
  error: string | undefined;
}) {
  const { field } = useController({ control, name: 'timeZone' });
  const [query, setQuery] = useState('');
  const list = useRef<HTMLSelectElement | null>(null);
  const all = timeZoneOptions();
  const matches = useMemo(() => filterZones(all, query), [all, query]);
  // The chosen zone stays in the list while filtering, so the list box never shows nothing selected.
  const shown = matches.some((option) => option.value === field.value)
    ? matches
    : [all.find((option) => option.value === field.value) ?? zoneOption(field.value), ...matches];

  return (
    <Field
      id="profile-timeZone"
      changedField="profile.timeZone"
      label="Time zone"
      hint="Release dates and embargo times are given in this zone."
      error={error}
    >
      {(aria) => (
        <div className="zone-picker">
          <div className="zone-filter">
            <label htmlFor="profile-timeZone-filter">Filter the list</label>
            <input
              id="profile-timeZone-filter"
              type="search"
              autoComplete="off"
              spellCheck={false}
              aria-controls="profile-timeZone"
              aria-describedby="profile-timeZone-count"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  // Enter here means "take the first match", never "submit the whole profile".
                  event.preventDefault();
                  const first = matches[0];
                  if (first) field.onChange(first.value);
                } else if (event.key === 'ArrowDown') {
                  event.preventDefault();
                  list.current?.focus();
                }
              }}
            />
            <span className="hint zone-count" id="profile-timeZone-count" aria-live="polite">
              {query.trim() === ''
                ? `${all.length} zones`
                : matches.length === 0
                  ? 'No zone matches'
                  : `${matches.length} ${matches.length === 1 ? 'zone matches' : 'zones match'}`}
            </span>
          </div>
          <select
            {...aria}
            ref={(element) => {
              list.current = element;
              field.ref(element);
            }}
            name={field.name}
            size={8}
            value={field.value}
            onChange={(event) => field.onChange(event.target.value)}
            onBlur={field.onBlur}
          >
            {shown.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      )}
    </Field>
  );
}
