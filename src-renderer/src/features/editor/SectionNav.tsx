import { useCommentsSelector } from '../review/comments/useComments';
import { useFindings } from './FindingsContext';
import { focusField } from './field-ids';
import { SECTION_LABELS, type SectionId } from '../../../../src-shared/release/sections';
import { isSectionFilled } from '../../../../src-shared/release/structure';

export const sectionDomId = (section: SectionId) => `section-${section}`;

/** The left column: the release's sections in reading order, each marked with its state. */
export function SectionNav({ sections }: { sections: readonly SectionId[] }) {
  const { bySection, content } = useFindings();
  return (
    <nav className="section-nav" aria-label="Sections">
      <ol>
        {sections.map((section) => {
          const findings = bySection.get(section) ?? [];
          const errors = findings.filter((f) => f.severity === 'error').length;
          const warnings = findings.length - errors;
          const state =
            errors > 0
              ? 'error'
              : warnings > 0
                ? 'warning'
                : isSectionFilled(content, section)
                  ? 'done'
                  : 'empty';
          const stateText = {
            error: `${errors} error${errors === 1 ? '' : 's'}`,
            warning: `${warnings} warning${warnings === 1 ? '' : 's'}`,
            done: 'complete',
            empty: 'not started',
          }[state];
          return <SectionItem key={section} section={section} state={state} stateText={stateText} />;
        })}
      </ol>
    </nav>
  );
}

/** GOV.UK's error summary, extended with warnings: every entry jumps to its field. */
export function FindingsSummary() {
  const { findings } = useFindings();
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  if (findings.length === 0) {
    return (
      <section className="findings-summary findings-clear" aria-label="Checks">
        <p>✓ No problems found by the checks.</p>
      </section>
    );
  }
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return (
    <section
      className={`findings-summary${errors.length ? ' has-errors' : ''}`}
      aria-labelledby="findings-title"
    >
      <h2 id="findings-title">
        {[
          errors.length ? plural(errors.length, 'error') : '',
          warnings.length ? plural(warnings.length, 'warning') : '',
        ]
          .filter(Boolean)
          .join(' and ')}
      </h2>
      <ul>
        {findings.map((finding, index) => (
          <li key={`${finding.field}-${finding.rule}-${index}`} className={`finding-${finding.severity}`}>
            <a
              href={`#${finding.field}`}
              onClick={(event) => {
                event.preventDefault();
                focusField(finding.field);
              }}
            >
              {finding.message}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** One line of the navigator; its open-comment count comes from the comments store alone (never the form). */
function SectionItem({
  section,
  state,
  stateText,
}: {
  section: SectionId;
  state: 'error' | 'warning' | 'done' | 'empty';
  stateText: string;
}) {
  const comments = useCommentsSelector((current) => {
    let open = 0;
    for (const [key, count] of current.openCounts) if (key.startsWith(`${section}:`)) open += count;
    return open;
  }, 0);
  const commentText = comments > 0 ? `, ${comments} open comment${comments === 1 ? '' : 's'}` : '';
  return (
    <li>
      <a
        href={`#${sectionDomId(section)}`}
        className={`section-link section-${state}`}
        aria-label={`${SECTION_LABELS[section]}, ${stateText}${commentText}`}
        onClick={(event) => {
          event.preventDefault();
          const target = document.getElementById(sectionDomId(section));
          target?.scrollIntoView({ block: 'start' });
          const first = target?.querySelector<HTMLElement>('input, textarea, select, button');
          first?.focus({ preventScroll: true });
        }}
      >
        <span className="section-mark" aria-hidden="true">
          {{ error: '✕', warning: '!', done: '✓', empty: '○' }[state]}
        </span>
        <span>{SECTION_LABELS[section]}</span>
        {comments > 0 && (
          <span
            className="comment-count section-comments"
            aria-hidden="true"
            title={`${comments} open comment${comments === 1 ? '' : 's'}`}
          >
            {comments}
          </span>
        )}
      </a>
    </li>
  );
}
