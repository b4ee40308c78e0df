import type { ReleaseType } from './schema';
import { SECTIONS, type SectionId } from './structure';

/**
 * Release types are data, not components (ARCHITECTURE §1): a template says which sections the form offers,
 * what text a new release starts with and what guidance each section shows. Adding a type = one entry here.
 * Bracketed text such as "[place]" is a placeholder; the checks flag any that is left in.
 */
export interface DetailTemplate {
  key: string;
  label: string;
  hint: string;
  text: string;
}

export interface ReleaseTemplate {
  type: ReleaseType;
  label: string;
  description: string;
  /** Sections offered in the form, in the order of the standard structure. */
  sections: readonly SectionId[];
  /** Type-specific key facts shown as a block under the standfirst (an appeal's contact route, an advisory's what/when/where). */
  detailsTitle: string;
  details: readonly DetailTemplate[];
  embargoed: boolean;
  headline: string;
  standfirst: string;
  body: readonly string[];
  notesToEditors: readonly string[];
  guidance: Partial<Record<SectionId | 'details', string>>;
}

/** Every published section of the structure table; the protected-people list is offered on every template anyway. */
const ALL_SECTIONS: readonly SectionId[] = SECTIONS.filter((section) => section.published).map((s) => s.id);

const COMMON_GUIDANCE: ReleaseTemplate['guidance'] = {
  headline: 'One sentence in the active voice: who did what. No full stop.',
  standfirst: 'One or two sentences saying who, what, when and where. Most readers stop here.',
  body: 'Most important first (inverted pyramid). Short paragraphs, one idea each.',
  quotes: 'Each quote needs a speaker and their role. Place it after the paragraph it supports.',
  background: 'How the matter arose, dates, earlier decisions. Facts only.',
  notesToEditors: 'Numbered notes for journalists: context that is not part of the story.',
  boilerplate: "The organisation's standard paragraph. Reset it to the profile's wording if it was changed.",
  mediaContacts: 'Who journalists should call, with an out-of-hours line.',
  links: 'The original article and related pages. Only https, http and mailto addresses.',
};

export const RELEASE_TEMPLATES: Record<ReleaseType, ReleaseTemplate> = {
  'news-release': {
    type: 'news-release',
    label: 'News release',
    description: 'An announcement: a decision, a new service, an investigation opened or concluded.',
    sections: ALL_SECTIONS,
    detailsTitle: '',
    details: [],
    embargoed: false,
    headline: '',
    standfirst: '',
    body: [''],
    notesToEditors: [],
    guidance: COMMON_GUIDANCE,
  },
  statement: {
    type: 'statement',
    label: 'Statement',
    description: 'A short statement on the record, usually attributed to one person.',
    sections: [
      'header',
      'headline',
      'standfirst',
      'body',
      'quotes',
      'notesToEditors',
      'boilerplate',
      'mediaContacts',
      'links',
      'endMark',
      // Every release type can be corrected once published (issue 17).
      'changeNotes',
    ],
    detailsTitle: '',
    details: [],
    embargoed: false,
    headline: 'Statement on [subject]',
    standfirst: '',
    body: [''],
    notesToEditors: [],
    guidance: {
      ...COMMON_GUIDANCE,
      body: 'Keep a statement short: what the organisation says, and why. The quote usually carries it.',
    },
  },
  'witness-appeal': {
    type: 'witness-appeal',
    label: 'Witness appeal',
    description: 'Asks the public for information about an incident under investigation.',
    sections: ALL_SECTIONS,
    detailsTitle: 'How to contact the investigation',
    details: [
      {
        key: 'contact',
        label: 'How to contact the investigation',
        hint: 'Phone, email or form, with the reference to quote. Say if people can stay anonymous.',
        text: 'Anyone with information is asked to contact the investigation team on [phone] or at [email], quoting reference [reference].',
      },
    ],
    embargoed: false,
    headline: 'Appeal for witnesses after [what happened] in [place]',
    standfirst: '',
    body: [
      'Investigators want to hear from anyone who saw [what happened] on [street] in [place] at about [time] on [day and date].',
      '',
    ],
    notesToEditors: [],
    guidance: {
      ...COMMON_GUIDANCE,
      body: 'Say exactly where and when, what people may have seen or filmed, and why it matters.',
      details: 'The route people will use. Check the number and inbox are staffed.',
    },
  },
  'media-advisory': {
    type: 'media-advisory',
    label: 'Media advisory',
    description: 'Invites journalists to an event: a briefing, a hearing, a visit.',
    sections: [
      'header',
      'headline',
      'standfirst',
      'body',
      'notesToEditors',
      'boilerplate',
      'mediaContacts',
      'links',
      'endMark',
      // Every release type can be corrected once published (issue 17).
      'changeNotes',
    ],
    detailsTitle: 'Event details',
    details: [
      { key: 'what', label: 'What', hint: 'The event, in one line.', text: '' },
      { key: 'when', label: 'When', hint: 'Day, date and time, with arrival time for crews.', text: '' },
      { key: 'where', label: 'Where', hint: 'Full address and access or parking notes.', text: '' },
      { key: 'contact', label: 'Who to contact', hint: 'To register or ask about filming.', text: '' },
    ],
    embargoed: false,
    headline: 'Media invited to [event]',
    standfirst: '',
    body: [''],
    notesToEditors: [],
    guidance: { ...COMMON_GUIDANCE, body: 'Optional: what journalists will see and who will be available.' },
  },
  outcome: {
    type: 'outcome',
    label: 'Outcome / hearing result',
    description: 'Reports the outcome of an investigation, hearing or court case.',
    sections: ALL_SECTIONS,
    detailsTitle: 'Outcome',
    details: [
      { key: 'outcome', label: 'Outcome', hint: 'The finding or sentence, exactly as given.', text: '' },
      {
        key: 'hearing',
        label: 'Hearing',
        hint: 'Which panel or court, and the date of the decision.',
        text: '',
      },
    ],
    embargoed: false,
    headline: '',
    standfirst: '',
    body: [''],
    notesToEditors: ['The full findings are available on request.'],
    guidance: {
      ...COMMON_GUIDANCE,
      body: 'State the outcome first, then how it was reached. Check names against the anonymity list.',
    },
  },
  'embargoed-release': {
    type: 'embargoed-release',
    label: 'Embargoed release',
    description: 'A release shared in advance, not to be published before its embargo time.',
    sections: ALL_SECTIONS,
    detailsTitle: '',
    details: [],
    embargoed: true,
    headline: '',
    standfirst: '',
    body: [''],
    notesToEditors: ['This release is under embargo until the time shown at the top.'],
    guidance: {
      ...COMMON_GUIDANCE,
      header:
        'Set the embargo time in the organisation’s time zone. It shows at the top of every export until it passes.',
    },
  },
};
