import {
  forwardRef,
  useCallback,
  useDeferredValue,
  useLayoutEffect,
  useState,
  type FormEvent,
  type ReactNode,
  type TextareaHTMLAttributes,
} from 'react';
import { fieldDomId } from './field-ids';
import { useFieldFindings } from './FindingsContext';
import { applyInlineFormat, formatForShortcut } from './inline-format';
import type { Finding } from '../../../../src-shared/checks/editorial-checks';
import { maxCharactersAt } from '../../../../src-shared/release/field-limits';

/** A count of the characters left appears from this share of the schema's limit (GOV.UK's character count). */
export const COUNT_FROM = 0.8;

/**
 * GOV.UK's field pattern: label, hint, then the messages for this field, then the control. Errors and warnings
 * come from the editorial checks (src-shared), recomputed as the writer types.
 */
export function FormField({
  path,
  label,
  hint,
  children,
  extra,
  className,
}: {
  path: string;
  label: ReactNode;
  hint?: ReactNode;
  children: ReactNode;
  /** Shown under the control, e.g. a character count. */
  extra?: ReactNode;
  className?: string;
}) {
  const findings = useFieldFindings(path);
  const id = fieldDomId(path);
  const hasError = findings.some((f) => f.severity === 'error');
  useInvalidMark(id, hasError, findings.length > 0);
  // A field with a count of its own (the house limit on a headline) shows that one only.
  const limit = extra ? undefined : maxCharactersAt(path);
  const near = useNearLimit(id, limit);
  // A moment after the keystroke, as WatchedCount's (kinds/TextFields.tsx): never a layout within its input event.
  const nearUsed = useDeferredValue(near.used);
  return (
    <div
      className={`field${hasError ? ' field-has-error' : ''}${className ? ` ${className}` : ''}`}
      data-path={path}
      onInput={limit ? near.onInput : undefined}
    >
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FindingMessages id={`${id}-findings`} findings={findings} />
      {children}
      {extra}
      {limit !== undefined && nearUsed !== null && (
        <CharacterCount value={nearUsed} limit={limit} unit="character" id={`${id}-count`} />
      )}
    </div>
  );
}

/**
 * GOV.UK's error message pattern on the control itself: marked invalid while the field has an error, and tied to
 * its messages by aria-describedby, whatever control the kind draws (set on the element by its id, so that no
 * kind can forget it).
 */
function useInvalidMark(id: string, hasError: boolean, hasMessages: boolean) {
  useLayoutEffect(() => {
    const control = document.getElementById(id);
    if (!control) return;
    // Only a mark set here is taken off here: a control may mark itself (the date box, for text it cannot read).
    if (hasError) {
      control.setAttribute('aria-invalid', 'true');
      control.dataset.findingsInvalid = 'true';
    } else if (control.dataset.findingsInvalid) {
      control.removeAttribute('aria-invalid');
      delete control.dataset.findingsInvalid;
    }
    const messages = `${id}-findings`;
    const described = (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    if (hasMessages && !described.includes(messages)) {
      control.setAttribute('aria-describedby', [...described, messages].join(' '));
    }
  });
}

/**
 * The characters in the control of `id` once they reach `COUNT_FROM` of `limit`, else null: read from the control
 * as the person types (any kind's control), so that the count needs no subscription to the form.
 */
function useNearLimit(id: string, limit: number | undefined) {
  const [used, setUsed] = useState<number | null>(null);
  const measure = useCallback(
    (value: unknown) => {
      if (limit === undefined || typeof value !== 'string') return;
      // The cheap length first: a code point count only near the limit.
      setUsed(value.length >= limit * COUNT_FROM ? [...value].length : null);
    },
    [limit],
  );
  useLayoutEffect(() => {
    const control = document.getElementById(id);
    if (control && 'value' in control) measure(control.value);
  }, [id, measure]);
  const onInput = useCallback(
    (event: FormEvent<HTMLDivElement>) => {
      const target = event.target as HTMLElement;
      if (target.id === id && 'value' in target) measure(target.value);
    },
    [id, measure],
  );
  return { used, onInput };
}

export function FindingMessages({ id, findings }: { id: string; findings: Finding[] }) {
  if (findings.length === 0) return null;
  return (
    <ul className="finding-messages" id={id}>
      {findings.map((finding, index) => (
        <li key={`${finding.rule}-${index}`} className={`finding finding-${finding.severity}`}>
          <span className="visually-hidden">{finding.severity === 'error' ? 'Error: ' : 'Warning: '}</span>
          {finding.message}
        </li>
      ))}
    </ul>
  );
}

/**
 * "1,200": made once, since toLocaleString with a locale builds a new formatter on every call (a third of a
 * millisecond a keystroke over a release's counters).
 */
const COUNT_FORMAT = new Intl.NumberFormat('en-GB');

/** "You have 12 characters remaining" / "You have 3 characters too many" (GOV.UK character count). */
export function CharacterCount({
  value,
  limit,
  unit,
  id,
}: {
  /** The text, or the number of characters already counted. */
  value: string | number;
  limit: number;
  unit: 'character' | 'word';
  id?: string;
}) {
  const used =
    typeof value === 'number'
      ? value
      : unit === 'character'
        ? [...value].length
        : (value.trim().match(/\S+/g)?.length ?? 0);
  const left = limit - used;
  const plural = (n: number) => `${COUNT_FORMAT.format(n)} ${unit}${n === 1 ? '' : 's'}`;
  return (
    <p className={`character-count${left < 0 ? ' character-count-over' : ''}`} aria-live="polite" id={id}>
      {left >= 0 ? `You have ${plural(left)} remaining` : `You have ${plural(-left)} too many`}
    </p>
  );
}

/** The aria attributes that tie a control to its hint and messages. */
export function describedBy(path: string, hasHint: boolean): string {
  const id = fieldDomId(path);
  return [hasHint ? `${id}-hint` : '', `${id}-findings`].filter(Boolean).join(' ');
}

/**
 * A textarea for prose that may carry inline markup: Ctrl/Cmd+I emphasis, +B strong, +K link,
 * +Shift+8 bullets, +Shift+7 numbers.
 */
export const ProseTextarea = forwardRef<HTMLTextAreaElement, TextareaHTMLAttributes<HTMLTextAreaElement>>(
  function ProseTextarea({ onKeyDown, ...props }, ref) {
    return (
      <textarea
        ref={ref}
        {...props}
        onKeyDown={(event) => {
          const format = formatForShortcut(event);
          if (format) {
            event.preventDefault();
            applyInlineFormat(event.currentTarget, format);
            return;
          }
          onKeyDown?.(event);
        }}
      />
    );
  },
);
