import { useEffect, useRef, useState, type ReactNode } from 'react';
import {
  describeDateTime,
  formatDateTimeInput,
  parseDateTime,
  stepDateTime,
  unitAt,
  type Clock,
  type DateTimeMode,
} from '../../../../../src-shared/render/parse-date-time';
import './DateTimeInput.css';

const ISO_WHOLE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2})?$/;

/**
 * A date (or date and time) typed as text and read in the organisation's locale, not the browser's: the browser's
 * own date box follows the browser's locale (month first, AM/PM in an en-US Chromium) and silently swaps day and
 * month. The box shows the stored value in the profile's style ("18/07/2024 5:30pm"), reads what was typed when
 * the focus leaves it or on Enter, says back what it understood ("Thursday 18 July 2024 at 5:30pm") and, for text
 * it cannot read, shows the error at the field (GOV.UK's pattern) and stores nothing. Escape puts back the stored
 * value; Up and Down move the day, month, year, hour or minute the caret is in. A whole ISO value (2024-07-18T09:30)
 * is taken as soon as it is in the box.
 *
 * The error message, the words said back and the hint given by the caller are tied to the box by
 * aria-describedby; the box is aria-invalid while its text cannot be read.
 */
export function DateTimeInput({
  id,
  value,
  onCommit,
  mode = 'date-time',
  locale,
  clock,
  describedBy,
  emptyAllowed = false,
  emptyMessage,
  className,
  after,
}: {
  id: string;
  /** The stored value: `2024-07-18T09:30` (date-time) or `2024-07-18` (date); '' for none. */
  value: string;
  /** Called with a value read from the text (or '' when emptied and that is allowed), never with a guess. */
  onCommit: (value: string) => void;
  mode?: DateTimeMode;
  locale: string;
  clock: Clock;
  /** Ids of the hint and messages the caller shows for this field. */
  describedBy?: string;
  emptyAllowed?: boolean;
  /** What to say when the box is emptied and a value is required: "Enter the release date and time". */
  emptyMessage?: string;
  className?: string;
  /** Shown under the words said back, e.g. the date as it prints. */
  after?: ReactNode;
}) {
  const shown = formatDateTimeInput(value, locale, clock);
  const [draft, setDraft] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  // Whether the text has been typed in since it was last read or put back: only typed text is read, so that leaving
  // an untouched box never writes its old text over a value stored meanwhile (undo, a colleague's save).
  const typed = useRef(false);

  // A value stored from elsewhere (undo, a colleague's save, the embargo box ticked) replaces the text, unless the
  // person has typed in the box.
  useEffect(() => {
    if (typed.current) return;
    setDraft(shown);
    setError(null);
  }, [shown]);

  const commit = () => {
    if (!typed.current) return;
    typed.current = false;
    const text = draft.trim();
    if (text === '') {
      if (emptyAllowed) {
        setError(null);
        if (value !== '') onCommit('');
      } else {
        setError(emptyMessage ?? 'Enter a date');
      }
      return;
    }
    const reading = parseDateTime(text, { locale, reference: new Date(), mode });
    if (!reading.ok) {
      setError(reading.message);
      return;
    }
    setError(null);
    setDraft(formatDateTimeInput(reading.value, locale, clock));
    if (reading.value !== value) onCommit(reading.value);
  };

  const errorId = `${id}-error`;
  const readbackId = `${id}-readback`;
  const understood = value === '' ? '' : describeDateTime(value, locale, clock);
  // After a refusal the box says what is still stored; a filter with nothing stored says nothing more.
  const readback = error ? (understood ? `Nothing was changed: still ${understood}.` : '') : understood;

  return (
    <>
      {error && (
        <p className="date-time-error" id={errorId}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      <input
        id={id}
        type="text"
        inputMode="text"
        autoComplete="off"
        spellCheck={false}
        className={`date-time-input${mode === 'date' ? ' date-time-input-date' : ''}${className ? ` ${className}` : ''}`}
        value={draft}
        aria-invalid={error ? true : undefined}
        aria-describedby={
          [describedBy, error ? errorId : '', readback ? readbackId : ''].filter(Boolean).join(' ') ||
          undefined
        }
        onChange={(event) => {
          const text = event.target.value;
          typed.current = true;
          setDraft(text);
          // A whole ISO value (pasted from another system, say) cannot be the start of anything longer, so it is
          // taken at once; anything else waits for Enter or the focus leaving, so half-typed text is never stored.
          if (ISO_WHOLE.test(text.trim())) {
            const reading = parseDateTime(text, { locale, reference: new Date(), mode });
            if (reading.ok) {
              setError(null);
              if (reading.value !== value) onCommit(reading.value);
            }
          }
        }}
        onBlur={commit}
        onKeyDown={(event) => {
          if ((event.key === 'ArrowUp' || event.key === 'ArrowDown') && !event.altKey && !event.metaKey) {
            // Up/Down move the part the caret is in (day, month, year, hour, minute) by one, and store it.
            let base = value;
            if (typed.current || error) {
              const reading = parseDateTime(draft, { locale, reference: new Date(), mode });
              if (!reading.ok) return;
              base = reading.value;
            }
            const canonical = formatDateTimeInput(base, locale, clock);
            const input = event.currentTarget;
            const caret = draft === canonical ? (input.selectionStart ?? 0) : 0;
            const unit = unitAt(canonical, caret, locale);
            const next = unit && stepDateTime(base, unit, event.key === 'ArrowUp' ? 1 : -1);
            if (!next) return;
            event.preventDefault();
            typed.current = false;
            setError(null);
            setDraft(formatDateTimeInput(next, locale, clock));
            if (next !== value) onCommit(next);
            requestAnimationFrame(() => input.setSelectionRange(caret, caret));
          } else if (event.key === 'Enter') {
            event.preventDefault();
            commit();
          } else if (event.key === 'Escape' && (draft !== shown || error)) {
            event.preventDefault();
            event.stopPropagation();
            typed.current = false;
            setDraft(shown);
            setError(null);
          }
        }}
      />
      {(readback || after) && (
        <div className="date-time-readback">
          {readback && (
            <p id={readbackId} className="date-time-understood" aria-live="polite">
              {readback}
            </p>
          )}
          {after}
        </div>
      )}
    </>
  );
}
