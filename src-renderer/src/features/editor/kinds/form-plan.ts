import {
  assertNever,
  FIELD_LIST,
  fieldsOfSection,
  SECTIONS,
  type FieldKind,
  type FieldSpec,
  type SectionId,
} from '../../../../../src-shared/release/structure';
import type { ReleaseTemplate } from '../../../../../src-shared/release/templates';

/**
 * What the form shows, worked out from the structure table and the release type's template alone (no React here,
 * so that it can be tested as it is): which sections, in what order, with what heading and guidance, and each
 * field with its label, hint and width.
 */

/**
 * The sections the form shows, in reading order: the published ones the template offers, and every internal one
 * (the protected people), which every release type needs. The section navigator lists the same.
 */
export function formSections(template: ReleaseTemplate): SectionId[] {
  return SECTIONS.filter((section) => !section.published || template.sections.includes(section.id)).map(
    (section) => section.id,
  );
}

export interface PlannedField {
  spec: FieldSpec;
  label: string;
  hint: string;
  /** The section's heading names the field (see `headingNamesKind`); its hint went to the section's guidance. */
  wholeSection: boolean;
  width: 'half' | 'full';
}

export interface PlannedSection {
  id: SectionId;
  /** "Protected people (internal)": a section that is never published says so in its heading. */
  title: string;
  guidance: string | undefined;
  published: boolean;
  fields: PlannedField[];
}

/**
 * The template's guidance for a key (a section, or a field named like one: "headline", "details"). A template
 * gives guidance per section; where a field has the section's name (the headline, the body) it is that field's.
 */
function guidanceFor(template: ReleaseTemplate, key: string): string | undefined {
  const text = (template.guidance as Readonly<Record<string, string | undefined>>)[key];
  return text?.trim() ? text : undefined;
}

/** A field's hint: the template's guidance for it where it has some (the headline's), else the table's. */
export function fieldHint(spec: FieldSpec, template: ReleaseTemplate): string {
  return guidanceFor(template, spec.path) ?? spec.hint;
}

export function planSection(id: SectionId, template: ReleaseTemplate): PlannedSection {
  const section = SECTIONS.find((candidate) => candidate.id === id)!;
  const specs = fieldsOfSection(id);
  const sole = specs.length === 1 ? specs[0] : undefined;
  const namedByHeading = sole !== undefined && headingNamesKind(sole.kind);
  // The section's own guidance, unless a field of the same name has taken it as its hint.
  const guidance = namedByHeading
    ? fieldHint(sole, template) || undefined
    : specs.some((spec) => spec.path === id)
      ? undefined
      : guidanceFor(template, id);
  return {
    id,
    title: section.published ? section.label : `${section.label} (internal)`,
    guidance,
    published: section.published,
    fields: specs.map((spec) => ({
      spec,
      label: spec.label,
      hint: namedByHeading ? '' : fieldHint(spec, template),
      wholeSection: namedByHeading,
      width: fieldWidth(spec),
    })),
  };
}

/** The whole form for a release type: every section it shows, each with its fields. */
export function formPlan(template: ReleaseTemplate): PlannedSection[] {
  return formSections(template).map((id) => planSection(id, template));
}

/**
 * Whether a section's heading can name a field of this kind when it is the section's only one: a list of items
 * (paragraphs, quotes, contacts, links) whose items carry their own labels. Its hint then becomes the section's
 * guidance. Controls with a label of their own keep it (the headline's box is "Headline" to a screen reader, and
 * the protected people's list keeps its hint beside its messages, where a jump to the list lands).
 */
export function headingNamesKind(kind: FieldKind): boolean {
  switch (kind) {
    case 'paragraphs':
    case 'notes':
    case 'quotes':
    case 'contacts':
    case 'links':
    case 'change-notes':
      return true;
    case 'choice':
    case 'line':
    case 'date-time':
    case 'time-zone':
    case 'embargo':
    case 'list':
    case 'prose':
    case 'key-details':
    case 'url':
    case 'protected-people':
      return false;
    default:
      return assertNever(kind);
  }
}

/**
 * How much of a section's width a field takes: short controls (a choice, a date, a zone, a line of at most 100
 * characters such as the reference or the end mark) share a row two by two; everything else takes the whole row.
 */
export function fieldWidth(spec: FieldSpec): 'half' | 'full' {
  switch (spec.kind) {
    case 'choice':
    case 'date-time':
    case 'time-zone':
      return 'half';
    case 'line':
      return (spec.limits.maxCharacters ?? Infinity) <= 100 ? 'half' : 'full';
    case 'embargo':
    case 'list':
    case 'prose':
    case 'key-details':
    case 'paragraphs':
    case 'notes':
    case 'quotes':
    case 'contacts':
    case 'url':
    case 'links':
    case 'protected-people':
    case 'change-notes':
      return 'full';
    default:
      return assertNever(spec.kind);
  }
}

/**
 * Where a paragraph of a paragraph list (the body) can be moved to in one step: the paragraph lists of the
 * release type before and after it in reading order (the background after the body). Notes to editors and
 * quotations are not paragraphs of the story and take none; a list the template does not offer is not a target.
 */
export function paragraphMoveTargets(
  spec: FieldSpec,
  template: ReleaseTemplate,
): { previous: FieldSpec | undefined; next: FieldSpec | undefined } {
  if (spec.kind !== 'paragraphs') return { previous: undefined, next: undefined };
  const shown = formSections(template);
  const lists = FIELD_LIST.filter((field) => field.kind === 'paragraphs' && shown.includes(field.section));
  const at = lists.findIndex((field) => field.path === spec.path);
  if (at === -1) return { previous: undefined, next: undefined };
  return { previous: lists[at - 1], next: lists[at + 1] };
}
