import type { ReactNode } from 'react';
import { fieldDomId } from '../field-ids';

/**
 * The label and hint of a list of items (paragraphs, quotes, contacts, links). A field that is its section's only
 * one needs neither: the section's heading names it and its hint is the section's guidance. Otherwise (the related
 * links under the original article's link) the list is a group with a legend and a hint, GOV.UK's pattern.
 */
export function GroupIntro({
  path,
  label,
  hint,
  wholeSection,
  children,
}: {
  path: string;
  label: string;
  hint: string;
  wholeSection: boolean;
  children: ReactNode;
}) {
  if (wholeSection) return <>{children}</>;
  const hintId = `${fieldDomId(path)}-hint`;
  return (
    <fieldset className="kind-group" aria-describedby={hint ? hintId : undefined}>
      <legend>{label}</legend>
      {hint && (
        <p className="hint kind-group-hint" id={hintId}>
          {hint}
        </p>
      )}
      {children}
    </fieldset>
  );
}
