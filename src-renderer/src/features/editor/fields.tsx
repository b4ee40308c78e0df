import { forwardRef, type ReactNode, type TextareaHTMLAttributes } from 'react';
import { fieldDomId } from './field-ids';
import { useFieldFindings } from './FindingsContext';
import { applyInlineFormat, formatForShortcut } from './inline-format';
import type { Finding } from '../../../../src-shared/checks/editorial-checks';

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
  return (
    <div
      className={`field${hasError ? ' field-has-error' : ''}${className ? ` ${className}` : ''}`}
      data-path={path}
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
    </div>
  );
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

/** "You have 12 characters remaining" / "You have 3 characters too many" (GOV.UK character count). */
export function CharacterCount({
  value,
  limit,
  unit,
}: {
  value: string;
  limit: number;
  unit: 'character' | 'word';
}) {
  const used = unit === 'character' ? [...value].length : (value.trim().match(/\S+/g)?.length ?? 0);
  const left = limit - used;
  const plural = (n: number) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  return (
    <p className={`character-count${left < 0 ? ' character-count-over' : ''}`} aria-live="polite">
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
