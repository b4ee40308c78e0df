import type { ReactNode, Ref } from 'react';
import { ChangeNote, useChangeNote } from './ChangeNote';

/**
 * The GOV.UK Design System's question pattern: a visible label, an optional hint, an error message that says
 * what to do, all tied to the control with aria-describedby so that a screen reader reads them with it.
 */
export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

export function Field({
  id,
  label,
  hint,
  error,
  className,
  changedField,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  className?: string;
  /** The stored field (`profile.name`): who changed it last is shown when it was a colleague (ChangeNote). */
  changedField?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const note = useChangeNote(changedField);
  const describedBy = [hint ? `${id}-hint` : null, note ? `${id}-change` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={['field', error ? 'field-has-error' : null, className].filter(Boolean).join(' ')}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {changedField && <ChangeNote id={`${id}-change`} field={changedField} />}
      {error && <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage>}
      {children({
        id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(error ? { 'aria-invalid': true as const } : {}),
      })}
    </div>
  );
}

export function ErrorMessage({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p className="error-message" id={id}>
      <span className="visually-hidden">Error: </span>
      {children}
    </p>
  );
}

export interface SummaryItem {
  /** The id of the control the link moves to. */
  target: string;
  text: string;
}

/**
 * The error summary at the top of the form. Its links cannot be plain fragment links: the app routes on the
 * location hash, so "#profile-name" would leave the screen. Each link focuses its control instead.
 */
export function ErrorSummary({ items, ref }: { items: SummaryItem[]; ref?: Ref<HTMLDivElement> }) {
  return (
    <div className="error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">There is a problem</h2>
      <ul>
        {items.map((item) => (
          <li key={`${item.target}:${item.text}`}>
            <a
              href={`#${item.target}`}
              onClick={(event) => {
                event.preventDefault();
                focusControl(item.target);
              }}
            >
              {item.text}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function focusControl(id: string): void {
  const control = document.getElementById(id);
  if (!control) return;
  // The label and hint belong on screen with the control, as GOV.UK's summary does it.
  (control.closest('.field, fieldset') ?? control).scrollIntoView({ block: 'center' });
  control.focus({ preventScroll: true });
}

export interface FlatError {
  /** Dotted form path, e.g. "contacts.1.email". */
  path: string;
  message: string;
}

/** react-hook-form's nested errors as a flat list; array-level errors (too many rows) keep the array's path. */
export function flattenErrors(errors: unknown, prefix = ''): FlatError[] {
  if (!errors || typeof errors !== 'object') return [];
  const record = errors as Record<string, unknown>;
  const own =
    typeof record.message === 'string' && typeof record.type === 'string'
      ? [{ path: prefix, message: record.message }]
      : [];
  const nested = Object.entries(record).flatMap(([key, value]) => {
    if (key === 'ref' || key === 'types' || key === 'message' || key === 'type') return [];
    if (key === 'root') return flattenErrors(value, prefix);
    return flattenErrors(value, prefix ? `${prefix}.${key}` : key);
  });
  return [...own, ...nested];
}

/** Summary items in the order their controls appear on the page, which is the order a person meets them. */
export function inPageOrder(items: SummaryItem[]): SummaryItem[] {
  return [...items].sort((a, b) => {
    const first = document.getElementById(a.target);
    const second = document.getElementById(b.target);
    if (!first || !second || first === second) return 0;
    return first.compareDocumentPosition(second) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
}
