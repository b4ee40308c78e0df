import type { UseFormReturn } from 'react-hook-form';
import type { OrganisationProfile, ReleaseContent } from '../../../../../src-shared/release/schema';
import type { FieldSpec } from '../../../../../src-shared/release/structure';
import type { ReleaseTemplate } from '../../../../../src-shared/release/templates';
import { COMMENT_SECTIONS, type CommentSection } from '../../../../../src-shared/workflow/review-records';

export type Form = UseFormReturn<ReleaseContent>;

/** What every kind's control gets: the field's row of the structure table and what the form knows around it. */
export interface KindProps {
  form: Form;
  spec: FieldSpec;
  profile: OrganisationProfile;
  template: ReleaseTemplate;
  /** The field's label, from the table. */
  label: string;
  /** The field's hint: the template's guidance for this field where it has some, else the table's. */
  hint: string;
  /**
   * The field is the only one of its section (the body, the quotes, the contacts): the section's heading already
   * names it, so a group kind shows no legend of its own, only its hint.
   */
  wholeSection: boolean;
}

/** "Note to editors" -> "note to editors": an item's label inside a sentence ("Add note to editors"). */
export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** "out of hours" -> "Out of hours": a part's label of the table as a form label. */
export function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The table's name of an item of a list field ("Paragraph", "Media contact"); list kinds always have one. */
export function itemLabel(spec: FieldSpec): string {
  return spec.item?.label ?? spec.label;
}

/** "Media contact 2": item `index` of a list field, as its legend, its label and the checks name it. */
export function itemName(spec: FieldSpec, index: number): string {
  return `${itemLabel(spec)} ${index + 1}`;
}

/** "Add media contact". */
export function addLabel(spec: FieldSpec): string {
  return `Add ${lowerFirst(itemLabel(spec))}`;
}

/**
 * A new item's id (paragraphs, quotes, contacts, people: comments and quote placements point at them by id). The
 * prefix is the first letter of the item's name, only to make a release file easier to read.
 */
export function newItemId(spec: FieldSpec): string {
  const prefix =
    lowerFirst(itemLabel(spec))
      .replace(/[^a-z]/g, '')
      .charAt(0) || 'i';
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
}

/**
 * The house limit of the organisation's profile on a field, if it sets one: `headlineCharacters` for the
 * headline's characters, `standfirstWords` for the standfirst's words. The profile names its limits after the
 * table's paths, so a field gets its count by having a limit, not by being listed here.
 */
export function houseLimit(
  profile: OrganisationProfile,
  spec: FieldSpec,
  unit: 'character' | 'word',
): number | undefined {
  const key = `${spec.path}${unit === 'character' ? 'Characters' : 'Words'}`;
  const limit = (profile.limits as unknown as Record<string, unknown>)[key];
  return typeof limit === 'number' && limit > 0 ? limit : undefined;
}

/**
 * A default the organisation's profile holds for a field under the field's own name (the boilerplate): the value
 * "Reset to the profile's wording" restores. Undefined when the profile has none.
 */
export function profileDefault(profile: OrganisationProfile, spec: FieldSpec): string | undefined {
  const value = (profile as unknown as Record<string, unknown>)[spec.path];
  return typeof value === 'string' ? value : undefined;
}

/** The section a comment on one item of the field sits on (the table's `commentsOnItems`), or null when none can. */
export function commentSectionOfItems(spec: FieldSpec): CommentSection | null {
  const section = spec.commentsOnItems ? spec.section : null;
  return section !== null && (COMMENT_SECTIONS as readonly string[]).includes(section)
    ? (section as CommentSection)
    : null;
}
