import type { ReactNode } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { useFindings } from './FindingsContext';
import { sectionDomId } from './SectionNav';
import { HeaderSection } from './sections/HeaderSection';
import {
  AboutSection,
  ContactsSection,
  EndMarkSection,
  HeadlineSection,
  LinksSection,
  QuotesSection,
  StandfirstSection,
} from './sections/ContentSections';
import { ParagraphList } from './sections/ParagraphList';
import { ProtectedPeopleSection } from './sections/ProtectedPeopleSection';
import { CommentButton, CommentPanelSlot, isCommentSection } from '../review/comments';
import { readingEaseLabel } from '../../../../src-shared/checks/text-stats';
import type { OrganisationProfile, ReleaseContent } from '../../../../src-shared/release/schema';
import { SECTION_LABELS, type SectionId } from '../../../../src-shared/release/sections';
import type { ReleaseTemplate } from '../../../../src-shared/release/templates';

function Section({
  id,
  title,
  guidance,
  children,
}: {
  id: SectionId | 'anonymity';
  title: string;
  guidance?: string;
  children: ReactNode;
}) {
  return (
    <section className="form-section" id={sectionDomId(id)} aria-labelledby={`${sectionDomId(id)}-title`}>
      <div className="form-section-heading">
        <h2 id={`${sectionDomId(id)}-title`}>{title}</h2>
        {id !== 'anonymity' && <ReadingEase section={id} />}
        {isCommentSection(id) && <CommentButton anchor={{ section: id, itemId: null }} label={title} />}
      </div>
      {guidance && <p className="section-guidance">{guidance}</p>}
      {isCommentSection(id) && <CommentPanelSlot anchor={{ section: id, itemId: null }} label={title} />}
      {children}
    </section>
  );
}

function ReadingEase({ section }: { section: SectionId }) {
  const { readingEase } = useFindings();
  const score = readingEase[section];
  if (score === undefined || score === null) return null;
  return (
    <span className="reading-ease" title="Flesch reading ease: 60 and above is plain English">
      Reading ease {score} ({readingEaseLabel(score)})
    </span>
  );
}

/** The form, section by section in the order of the standard structure, as the release type's template says. */
export function ReleaseSections({
  form,
  profile,
  template,
}: {
  form: UseFormReturn<ReleaseContent>;
  profile: OrganisationProfile;
  template: ReleaseTemplate;
}) {
  const has = (section: SectionId) => template.sections.includes(section);
  const g = template.guidance;
  return (
    <>
      <Section id="header" title={SECTION_LABELS.header} guidance={g.header}>
        <HeaderSection form={form} />
      </Section>
      <Section id="headline" title={SECTION_LABELS.headline}>
        <HeadlineSection form={form} profile={profile} template={template} />
      </Section>
      <Section id="standfirst" title={SECTION_LABELS.standfirst}>
        <StandfirstSection form={form} profile={profile} template={template} />
      </Section>
      <Section id="body" title={SECTION_LABELS.body} guidance={g.body}>
        <p className="hint">
          Formatting: Ctrl+I *emphasis*, Ctrl+B **strong**, Ctrl+K [link](https://…), Ctrl+Shift+8 bullets,
          Ctrl+Shift+7 numbers. Alt+↑/↓ moves a paragraph.
        </p>
        <ParagraphList form={form} name="body" itemLabel="Paragraph" addLabel="Add paragraph" />
      </Section>
      {has('quotes') && (
        <Section id="quotes" title={SECTION_LABELS.quotes} guidance={g.quotes}>
          <QuotesSection form={form} />
        </Section>
      )}
      {has('background') && (
        <Section id="background" title={SECTION_LABELS.background} guidance={g.background}>
          <ParagraphList
            form={form}
            name="background"
            itemLabel="Background paragraph"
            addLabel="Add background paragraph"
            rows={3}
          />
        </Section>
      )}
      {has('notesToEditors') && (
        <Section id="notesToEditors" title={SECTION_LABELS.notesToEditors} guidance={g.notesToEditors}>
          <ParagraphList form={form} name="notesToEditors" itemLabel="Note" addLabel="Add note" rows={2} />
        </Section>
      )}
      {has('boilerplate') && (
        <Section id="boilerplate" title={SECTION_LABELS.boilerplate}>
          <AboutSection form={form} profile={profile} />
        </Section>
      )}
      {has('mediaContacts') && (
        <Section id="mediaContacts" title={SECTION_LABELS.mediaContacts} guidance={g.mediaContacts}>
          <ContactsSection form={form} profile={profile} />
        </Section>
      )}
      {has('links') && (
        <Section id="links" title={SECTION_LABELS.links} guidance={g.links}>
          <LinksSection form={form} />
        </Section>
      )}
      <Section id="endMark" title={SECTION_LABELS.endMark}>
        <EndMarkSection form={form} />
      </Section>
      <Section id="anonymity" title="Protected people (internal)">
        <ProtectedPeopleSection form={form} />
      </Section>
    </>
  );
}
