import type { ReleaseContent } from '../../../../../src-shared/release/schema';
import { SECTION_LABELS } from '../../../../../src-shared/release/sections';
import type { CommentAnchor, CommentSection } from '../../../../../src-shared/workflow/review-records';

/**
 * Where a comment sits, worked out from the release as it is now: a comment points at a paragraph or quote by
 * its id, so it follows the paragraph when paragraphs are reordered, and it is told apart when the paragraph is
 * removed (the comment stays; it is never deleted with its text).
 */
export interface PlacedAnchor {
  /** As a person would say it: "Headline", "Body, paragraph 3", "Quote 1 (Jane Smith)", "Body (paragraph removed)". */
  label: string;
  /** The item the comment was on is no longer in the release. */
  removed: boolean;
  /** The form path of the control to jump to (focusField), or null for the whole release. */
  formPath: string | null;
  /** A selector for the element of the preview that shows the part, or null when none does. */
  previewSelector: string | null;
}

/**
 * The item id a comment on a contact points at: the contact's own id, so that the comment follows the person when
 * the list changes. A contact from a release written before contacts had ids is pointed at by its place
 * (`contact-1`), until the editor has given it an id.
 */
export const contactItemId = (index: number, id?: string) => id ?? `contact-${index + 1}`;

function contactIndex(
  itemId: string,
  contacts: ReadonlyArray<{ id?: string | undefined } | undefined>,
): number | null {
  const byId = contacts.findIndex((contact) => contact?.id === itemId);
  if (byId >= 0) return byId;
  const match = /^contact-(\d{1,3})$/.exec(itemId);
  return match ? Number(match[1]) - 1 : null;
}

const SECTION_SELECTORS: Record<CommentSection, string | null> = {
  release: null,
  header: '[data-field="header"]',
  headline: '[data-field="headline"]',
  standfirst: '[data-field="standfirst"]',
  // The body has no mark of its own: the block that holds its paragraphs stands for it.
  body: 'article > .body',
  quotes: '[data-field^="quotes."]',
  background: '[data-field="background"]',
  notesToEditors: '[data-field="notesToEditors"]',
  boilerplate: '[data-field="boilerplate"]',
  mediaContacts: '[data-field="mediaContacts"]',
  links: '[data-field="links"]',
};

const SECTION_FORM_PATHS: Record<CommentSection, string | null> = {
  release: null,
  header: 'header.organisation',
  headline: 'headline',
  standfirst: 'standfirst',
  body: 'body.0.text',
  quotes: 'quotes.0.speakerName',
  background: 'background.0.text',
  notesToEditors: 'notesToEditors.0.text',
  boilerplate: 'boilerplate',
  mediaContacts: 'mediaContacts.0.name',
  links: 'canonicalUrl',
};

export function sectionLabel(section: CommentSection): string {
  return section === 'release' ? 'Whole release' : SECTION_LABELS[section];
}

const ITEM_NOUNS = {
  body: 'paragraph',
  background: 'paragraph',
  notesToEditors: 'note',
  quotes: 'quote',
  mediaContacts: 'contact',
} as const;

export function placeAnchor(
  anchor: CommentAnchor,
  content: Partial<ReleaseContent> | undefined,
): PlacedAnchor {
  const { section, itemId } = anchor;
  const whole: PlacedAnchor = {
    label: sectionLabel(section),
    removed: false,
    formPath: SECTION_FORM_PATHS[section],
    previewSelector: SECTION_SELECTORS[section],
  };
  if (itemId === null) return whole;
  const removed = (noun: string): PlacedAnchor => ({
    ...whole,
    label: `${sectionLabel(section)} (${noun} removed)`,
    removed: true,
    previewSelector: null,
  });
  const mark = (name: string) => `[data-field="${name}"]`;
  switch (section) {
    case 'body':
    case 'background':
    case 'notesToEditors': {
      const index = (content?.[section] ?? []).findIndex((item) => item?.id === itemId);
      if (index < 0) return removed(ITEM_NOUNS[section]);
      return {
        label: `${sectionLabel(section)}, ${ITEM_NOUNS[section]} ${index + 1}`,
        removed: false,
        formPath: `${section}.${index}.text`,
        previewSelector: mark(`${section}.${index}`),
      };
    }
    case 'quotes': {
      const quotes = content?.quotes ?? [];
      const index = quotes.findIndex((quote) => quote?.id === itemId);
      if (index < 0) return removed('quote');
      const speaker = (quotes[index]?.speakerName ?? '').trim();
      return {
        label: `Quote ${index + 1}${speaker ? ` (${speaker})` : ''}`,
        removed: false,
        formPath: `quotes.${index}.paragraphs`,
        previewSelector: mark(`quotes.${index}`),
      };
    }
    case 'mediaContacts': {
      const contacts = content?.mediaContacts ?? [];
      const index = contactIndex(itemId, contacts);
      if (index === null || index >= contacts.length) return removed('contact');
      const name = (contacts[index]?.name ?? '').trim();
      return {
        label: `Media contacts, contact ${index + 1}${name ? ` (${name})` : ''}`,
        removed: false,
        formPath: `mediaContacts.${index}.name`,
        previewSelector: mark(`mediaContacts.${index}`),
      };
    }
    default:
      // Sections without items: an item id there is not something this editor writes; treat it as the section.
      return whole;
  }
}

/** "18 Jul 2024, 14:05", in the writer's own clock, the way the rest of the app writes times. */
export function commentTime(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}
