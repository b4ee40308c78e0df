/** The sections of the standard structure in reading order (ARCHITECTURE §1): navigator, checks and summary. */
export const SECTIONS = [
  { id: 'header', label: 'Header' },
  { id: 'headline', label: 'Headline' },
  { id: 'standfirst', label: 'Standfirst' },
  { id: 'body', label: 'Body' },
  { id: 'quotes', label: 'Quotes' },
  { id: 'background', label: 'Background' },
  { id: 'notesToEditors', label: 'Notes to editors' },
  { id: 'boilerplate', label: 'About' },
  { id: 'mediaContacts', label: 'Media contacts' },
  { id: 'links', label: 'Links' },
  { id: 'endMark', label: 'End mark' },
] as const;

export type SectionId = (typeof SECTIONS)[number]['id'];

export const SECTION_LABELS = Object.fromEntries(SECTIONS.map((s) => [s.id, s.label])) as Record<
  SectionId,
  string
>;
