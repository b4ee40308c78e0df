import type { ReleaseContent } from '../../../../../src-shared/release/schema';
import { SECTION_LABELS } from '../../../../../src-shared/release/sections';
import { fieldsOfSection, itemFormPath, sectionFormPath } from '../../../../../src-shared/release/structure';
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

/** The preview element that shows a section: its `data-field` mark, save where the renderer marks it otherwise. */
function sectionSelector(section: CommentSection): string | null {
  switch (section) {
    case 'release':
      return null;
    case 'body':
      // The body has no mark of its own: the block that holds its paragraphs stands for it.
      return 'article > .body';
    case 'quotes':
      return '[data-field^="quotes."]';
    default:
      return `[data-field="${section}"]`;
  }
}

export function sectionLabel(section: CommentSection): string {
  return section === 'release' ? 'Whole release' : SECTION_LABELS[section];
}

export function placeAnchor(
  anchor: CommentAnchor,
  content: Partial<ReleaseContent> | undefined,
): PlacedAnchor {
  const { section, itemId } = anchor;
  const whole: PlacedAnchor = {
    label: sectionLabel(section),
    removed: false,
    formPath: section === 'release' ? null : sectionFormPath(section),
    previewSelector: sectionSelector(section),
  };
  if (itemId === null) return whole;
  const removed = (noun: string): PlacedAnchor => ({
    ...whole,
    label: `${sectionLabel(section)} (${noun} removed)`,
    removed: true,
    previewSelector: null,
  });
  const mark = (name: string) => `[data-field="${name}"]`;
  // The field of the section whose items a comment can sit on (paragraphs, notes, quotes, contacts).
  const spec =
    section === 'release' ? undefined : fieldsOfSection(section).find((field) => field.commentsOnItems);
  if (!spec?.item) {
    // Sections without items: an item id there is not something this editor writes; treat it as the section.
    return whole;
  }
  const noun = spec.item.noun;
  const list = (content?.[spec.path as keyof ReleaseContent] ?? []) as ReadonlyArray<
    { id?: string; speakerName?: string; name?: string } | undefined
  >;
  const byId = list.findIndex((item) => item?.id === itemId);
  const index = spec.kind === 'contacts' ? contactIndex(itemId, list) : byId >= 0 ? byId : null;
  if (index === null || index >= list.length) return removed(noun);
  const formPath = itemFormPath(spec, index);
  const previewSelector = mark(`${spec.path}.${index}`);
  switch (spec.kind) {
    case 'quotes': {
      const speaker = (list[index]?.speakerName ?? '').trim();
      return {
        label: `Quote ${index + 1}${speaker ? ` (${speaker})` : ''}`,
        removed: false,
        formPath,
        previewSelector,
      };
    }
    case 'contacts': {
      const name = (list[index]?.name ?? '').trim();
      return {
        label: `${sectionLabel(section)}, ${noun} ${index + 1}${name ? ` (${name})` : ''}`,
        removed: false,
        formPath,
        previewSelector,
      };
    }
    default:
      return {
        label: `${sectionLabel(section)}, ${noun} ${index + 1}`,
        removed: false,
        formPath,
        previewSelector,
      };
  }
}

/** "18 Jul 2024, 14:05", in the writer's own clock, the way the rest of the app writes times. */
export function commentTime(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}
