import { useCommentsSelector } from '../review/comments/useComments';
import { useFindings, useFindingsValue, type FindingsState } from './FindingsContext';
import { focusField } from './field-ids';
import { SECTION_LABELS, type SectionId } from '../../../../src-shared/release/sections';
import { isSectionFilled } from '../../../../src-shared/release/structure';

export const sectionDomId = (section: SectionId) => `section-${section}`;

/** The left column: the release's sections in reading order, each marked with its state. */
export function SectionNav({ sections }: { sections: readonly SectionId[] }) {
  return (
    <nav className="section-nav" aria-label="Sections">
      <ol>
        {sections.map((section) => (
          <SectionItem key={section} section={section} />
        ))}
      </ol>
    </nav>
  );
}

type SectionState = 'error' | 'warning' | 'done' | 'empty';

/** A section's state and how it is read out ("warning:2 warnings"), worked out from the findings. */
function sectionState(state: FindingsState, section: SectionId): `${SectionState}:${string}` {
  const findings = state.bySection.get(section) ?? [];
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  if (errors > 0) return `error:${errors} error${errors === 1 ? '' : 's'}`;
  if (warnings > 0) return `warning:${warnings} warning${warnings === 1 ? '' : 's'}`;
  return isSectionFilled(state.content, section) ? 'done:complete' : 'empty:not started';
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

/**
 * One line of the navigator: its state from the findings, re-rendered only when that changes; its open-comment
 * count from the comments store alone (never the form).
 */
function SectionItem({ section }: { section: SectionId }) {
  const [state, stateText] = splitState(useFindingsValue((findings) => sectionState(findings, section)));
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

function splitState(value: `${SectionState}:${string}`): [SectionState, string] {
  const colon = value.indexOf(':');
  return [value.slice(0, colon) as SectionState, value.slice(colon + 1)];
}
