import type { ReactNode } from 'react';
import { fieldDomId } from '../field-ids';
import { FindingMessages } from '../fields';
import { useFieldFindings } from '../FindingsContext';

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
  // Messages about the list as a whole ("The body can have at most 500 paragraphs"), over its items.
  const findings = useFieldFindings(path);
  const messages = <FindingMessages id={`${fieldDomId(path)}-findings`} findings={findings} />;
  if (wholeSection)
    return (
      <>
        {findings.length > 0 && (
          <div className={`field${findings.some((f) => f.severity === 'error') ? ' field-has-error' : ''}`}>
            {messages}
          </div>
        )}
        {children}
      </>
    );
  const hintId = `${fieldDomId(path)}-hint`;
  return (
    <fieldset className="kind-group" aria-describedby={hint ? hintId : undefined}>
      <legend>{label}</legend>
      {hint && (
        <p className="hint kind-group-hint" id={hintId}>
          {hint}
        </p>
      )}
      {messages}
      {children}
    </fieldset>
  );
}
