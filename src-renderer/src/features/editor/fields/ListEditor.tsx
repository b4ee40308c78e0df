import { useLayoutEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { Controller, type Control, type FieldPathByValue, type FieldValues } from 'react-hook-form';
import { fieldDomId } from '../field-ids';
import { describedBy, FindingMessages } from '../fields';
import { useFieldFindings } from '../FindingsContext';

let lastRowKey = 0;
const newRowKey = () => `row-${++lastRowKey}`;
const isBlank = (entry: string) => entry.trim() === '';

/** Where the caret goes in a row that takes the focus after a change. */
type Caret = 'start' | 'end' | { start: number; end: number };

/**
 * A list of short texts (tags, the other names of a protected person) edited one row per entry: each row is its
 * own input bound to its entry, so nothing typed is lost or merged when autosave, undo or a colleague's save
 * re-renders the form. The label is a legend over the rows, with a hint and the checks' messages (GOV.UK's
 * pattern for a group). Keys: Enter adds a row after this one, Backspace in an empty row removes it,
 * Alt+Up / Alt+Down move the row. An empty list shows one empty row to type into; empty rows are allowed while
 * typing and are dropped when the focus leaves the list.
 */
export function ListEditor<T extends FieldValues>({
  control,
  name,
  ...props
}: {
  control: Control<T>;
  /** The form path of a `string[]`: the DOM ids of the group and of each row, the hint and the messages. */
  name: FieldPathByValue<T, string[]>;
} & Omit<ListRowsProps, 'path' | 'value' | 'onChange' | 'onBlur'>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <ListRows
          {...props}
          path={name}
          value={(field.value as string[] | undefined) ?? []}
          onChange={field.onChange}
          onBlur={field.onBlur}
        />
      )}
    />
  );
}

interface ListRowsProps {
  path: string;
  label: ReactNode;
  hint?: ReactNode;
  /** One entry, for the rows' names: "Tag" gives "Tag 1", "Tag 2". */
  itemLabel: string;
  /** The add button: "Add tag". */
  addLabel: string;
  value: readonly string[];
  onChange: (next: string[]) => void;
  onBlur?: () => void;
}

function ListRows({ path, label, hint, itemLabel, addLabel, value, onChange, onBlur }: ListRowsProps) {
  const findings = useFieldFindings(path);
  const hasError = findings.some((f) => f.severity === 'error');
  const domId = fieldDomId(path);
  // An empty list still shows a row to type into: the first keystroke makes it the first entry, same input.
  const rows = value.length > 0 ? value : [''];

  // Row keys stay with their entry across re-renders (typing, moves, saves), so an input is never swapped under
  // the caret. A change from outside (undo, a colleague's save) that alters the length keeps the keys of the
  // rows it still has.
  const keys = useRef<string[]>([]);
  if (keys.current.length !== rows.length) {
    const next = keys.current.slice(0, rows.length);
    while (next.length < rows.length) next.push(newRowKey());
    keys.current = next;
  }
  const inputs = useRef(new Map<string, HTMLInputElement>());
  const pendingFocus = useRef<{ key: string; caret: Caret } | null>(null);
  const group = useRef<HTMLFieldSetElement>(null);
  const pointerDown = useRef(false);
  const announcer = useRef<HTMLParagraphElement>(null);
  const latest = useRef({ value, onChange, onBlur });
  latest.current = { value, onChange, onBlur };

  useLayoutEffect(() => {
    const pending = pendingFocus.current;
    if (!pending) return;
    const input = inputs.current.get(pending.key);
    if (!input) return;
    pendingFocus.current = null;
    focusRow(input, pending.caret);
  });

  /** Writes the new list, with the keys of its rows, and says which row takes the focus. */
  const commit = (next: string[], nextKeys: string[], focus?: { key: string; caret: Caret }) => {
    keys.current = next.length > 0 ? nextKeys : [newRowKey()];
    if (focus) pendingFocus.current = next.length > 0 ? focus : { key: keys.current[0]!, caret: 'start' };
    onChange(next);
  };

  const setRow = (index: number, text: string) => {
    const next = [...rows];
    next[index] = text;
    // Only this entry changes; the row keeps its key, so its input (and the caret in it) stays.
    onChange(next);
  };

  const insertAfter = (index: number) => {
    const key = newRowKey();
    const next = [...rows];
    next.splice(index + 1, 0, '');
    const nextKeys = [...keys.current];
    nextKeys.splice(index + 1, 0, key);
    commit(next, nextKeys, { key, caret: 'start' });
  };

  const removeAt = (index: number, focusAfter: 'previous' | 'next') => {
    const next = rows.filter((_, i) => i !== index);
    const nextKeys = keys.current.filter((_, i) => i !== index);
    // The focus stays in the list: on the row above (Backspace), the row that took this one's place (Remove),
    // or the empty row an empty list shows.
    const target =
      focusAfter === 'previous' && index > 0
        ? nextKeys[index - 1]!
        : (nextKeys[Math.min(index, nextKeys.length - 1)] ?? '');
    announce(`${entryName(rows[index] ?? '', index)} removed`);
    commit(next, nextKeys, { key: target, caret: 'end' });
  };

  const moveRow = (from: number, to: number, caret: Caret) => {
    if (to < 0 || to >= rows.length) return;
    const next = [...rows];
    const nextKeys = [...keys.current];
    const [entry] = next.splice(from, 1);
    const [key] = nextKeys.splice(from, 1);
    next.splice(to, 0, entry!);
    nextKeys.splice(to, 0, key!);
    announce(`${entryName(entry!, from)} moved to position ${to + 1} of ${rows.length}`);
    commit(next, nextKeys, { key: key!, caret });
  };

  const onRowKeyDown = (event: KeyboardEvent<HTMLInputElement>, index: number) => {
    const input = event.currentTarget;
    const plain = !event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey;
    // Enter that ends an input method's composition (a name typed with accents, say) is not a new row.
    if (event.key === 'Enter' && plain && !event.nativeEvent.isComposing) {
      event.preventDefault();
      insertAfter(index);
    } else if (
      event.key === 'Backspace' &&
      // A held Backspace that has just emptied this row stops here rather than eating the row above.
      !event.repeat &&
      input.value === '' &&
      value.length > 0 &&
      (index > 0 || rows.length > 1)
    ) {
      event.preventDefault();
      removeAt(index, 'previous');
    } else if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      const caret = { start: input.selectionStart ?? 0, end: input.selectionEnd ?? 0 };
      moveRow(index, event.key === 'ArrowUp' ? index - 1 : index + 1, caret);
    }
  };

  const entryName = (entry: string, index: number) =>
    entry.trim() || `${itemLabel.toLowerCase()} ${index + 1}`;

  function announce(text: string) {
    if (announcer.current) announcer.current.textContent = text;
  }

  // Leaving the list drops its empty rows: they were places to type, not entries.
  const onGroupBlur = () => {
    setTimeout(() => {
      const element = group.current;
      if (!element || element.contains(document.activeElement) || !document.hasFocus()) return;
      const { value: current, onChange: change, onBlur: blurred } = latest.current;
      if (current.some(isBlank)) {
        const kept = current
          .map((entry, i) => ({ entry, key: keys.current[i]! }))
          .filter((r) => !isBlank(r.entry));
        keys.current = kept.length > 0 ? kept.map((r) => r.key) : [newRowKey()];
        change(kept.map((r) => r.entry));
      }
      blurred?.();
    }, 0);
  };

  return (
    <fieldset
      ref={group}
      // A jump to the list as a whole (`header.tags`) lands here and goes on to the first row; each row has the
      // id of its own item (`header.tags.2`), where a jump to one entry lands. A click between the rows only
      // focuses the group: it does not send the caret to the first row.
      id={domId}
      tabIndex={-1}
      onMouseDown={() => (pointerDown.current = true)}
      onMouseUp={() => (pointerDown.current = false)}
      onFocus={(event) => {
        const byPointer = pointerDown.current;
        pointerDown.current = false;
        if (event.target === event.currentTarget && !byPointer) inputs.current.get(keys.current[0]!)?.focus();
      }}
      className={`field list-editor${hasError ? ' field-has-error' : ''}`}
      data-path={path}
      aria-describedby={describedBy(path, Boolean(hint))}
      onBlur={onGroupBlur}
    >
      <legend>{label}</legend>
      {hint && (
        <p className="hint" id={`${domId}-hint`}>
          {hint}
        </p>
      )}
      <FindingMessages id={`${domId}-findings`} findings={findings} />
      <ol className="list-editor-rows">
        {rows.map((entry, index) => {
          const key = keys.current[index]!;
          const name = entryName(entry, index);
          const real = value.length > 0;
          return (
            <li key={key} className="list-editor-row">
              <input
                ref={(element) => {
                  if (element) inputs.current.set(key, element);
                  else inputs.current.delete(key);
                }}
                id={fieldDomId(`${path}.${index}`)}
                aria-label={`${itemLabel} ${index + 1}`}
                aria-keyshortcuts="Enter Alt+ArrowUp Alt+ArrowDown"
                autoComplete="off"
                spellCheck={false}
                value={entry}
                onChange={(event) => setRow(index, event.target.value)}
                onKeyDown={(event) => onRowKeyDown(event, index)}
              />
              <span
                // The empty row of an empty list has nothing to move or remove: its buttons keep their space,
                // unseen and out of the tab order, so that the box does not shrink under the first keystroke.
                className={`list-editor-row-actions${real ? '' : ' is-placeholder'}`}
              >
                <button
                  type="button"
                  className="button-quiet list-editor-icon"
                  aria-label={`Move ${name} up`}
                  title="Move up (Alt+↑)"
                  disabled={index === 0}
                  onClick={() => moveRow(index, index - 1, 'end')}
                >
                  <span aria-hidden="true">↑</span>
                </button>
                <button
                  type="button"
                  className="button-quiet list-editor-icon"
                  aria-label={`Move ${name} down`}
                  title="Move down (Alt+↓)"
                  disabled={index === rows.length - 1}
                  onClick={() => moveRow(index, index + 1, 'end')}
                >
                  <span aria-hidden="true">↓</span>
                </button>
                <button
                  type="button"
                  className="button-quiet button-danger"
                  onClick={() => removeAt(index, 'next')}
                >
                  Remove<span className="visually-hidden"> {name}</span>
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      <p className="visually-hidden" aria-live="polite" ref={announcer} />
      <div className="list-editor-add">
        <button
          type="button"
          onClick={() => {
            // The empty row of an empty list is the place to type: no second one under it.
            if (value.length === 0) inputs.current.get(keys.current[0]!)?.focus();
            else insertAfter(rows.length - 1);
          }}
        >
          {addLabel}
        </button>
      </div>
    </fieldset>
  );
}

function focusRow(input: HTMLInputElement, caret: Caret) {
  input.focus({ preventScroll: false });
  const length = input.value.length;
  if (caret === 'start') input.setSelectionRange(0, 0);
  else if (caret === 'end') input.setSelectionRange(length, length);
  else input.setSelectionRange(Math.min(caret.start, length), Math.min(caret.end, length));
}
