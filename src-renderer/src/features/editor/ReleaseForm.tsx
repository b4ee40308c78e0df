import { useMemo, type ReactNode } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { useFindingsValue } from './FindingsContext';
import { sectionDomId } from './SectionNav';
import { FieldByKind } from './kinds/FieldByKind';
import { formPlan, type PlannedSection } from './kinds/form-plan';
import { CommentButton, CommentPanelSlot, isCommentSection } from '../review/comments';
import { readingEaseLabel } from '../../../../src-shared/checks/text-stats';
import type { OrganisationProfile, ReleaseContent } from '../../../../src-shared/release/schema';
import type { SectionId } from '../../../../src-shared/release/sections';
import type { ReleaseTemplate } from '../../../../src-shared/release/templates';

export { formSections } from './kinds/form-plan';

function Section({ plan, children }: { plan: PlannedSection; children: ReactNode }) {
  const domId = sectionDomId(plan.id);
  const anchor = isCommentSection(plan.id) ? { section: plan.id, itemId: null } : null;
  return (
    <section className="form-section" id={domId} aria-labelledby={`${domId}-title`}>
      <div className="form-section-heading">
        <h2 id={`${domId}-title`}>{plan.title}</h2>
        {plan.published && <ReadingEase section={plan.id} />}
        {anchor && <CommentButton anchor={anchor} label={plan.title} />}
      </div>
      {plan.guidance && <p className="section-guidance">{plan.guidance}</p>}
      {anchor && <CommentPanelSlot anchor={anchor} label={plan.title} />}
      {/* A container, so that the fields' two columns fall to one on a narrow form, whatever the window. */}
      <div className="kind-fields-frame">
        <div className="kind-fields">{children}</div>
      </div>
    </section>
  );
}

function ReadingEase({ section }: { section: SectionId }) {
  const score = useFindingsValue((state) => state.readingEase[section]);
  if (score === undefined || score === null) return null;
  return (
    <span className="reading-ease" title="Flesch reading ease: 60 and above is plain English">
      Reading ease {score} ({readingEaseLabel(score)})
    </span>
  );
}

/**
 * The form, drawn from the structure table: the sections the release type's template offers (and the internal
 * ones), in reading order, and in each its fields, each by the one control of its kind. Typing re-renders none
 * of it: the values live in react-hook-form and every field subscribes to what it shows. (Not memoised: a reset
 * of the form, to a colleague's save or by undo, reaches the registered inputs through a re-render.)
 */
export function ReleaseSections({
  form,
  profile,
  template,
}: {
  form: UseFormReturn<ReleaseContent>;
  profile: OrganisationProfile;
  template: ReleaseTemplate;
}) {
  const plan = useMemo(() => formPlan(template), [template]);
  return (
    <>
      {plan.map((section) => (
        <Section key={section.id} plan={section}>
          {section.fields.map(({ spec, label, hint, wholeSection, width }) => (
            <div key={spec.path} className={`kind-field kind-${width}`} data-kind={spec.kind}>
              <FieldByKind
                form={form}
                spec={spec}
                profile={profile}
                template={template}
                label={label}
                hint={hint}
                wholeSection={wholeSection}
              />
            </div>
          ))}
        </Section>
      ))}
    </>
  );
}
