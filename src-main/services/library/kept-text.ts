import type { SearchField } from '../library-search';

/**
 * A release's searchable text as the library index keeps it in memory (issue 15): one string for the release, each
 * section a flag ('h' a headline section, 'b' any other) and its text, separated by NUL. The index keeps every
 * release's text for snippets and phrase checks; as an array of section objects it was 35 MB of heap at 10,000
 * releases, as one string 19 MB: the characters themselves, without an object, an array slot and a string header
 * per section. Sections are cut apart again only for the rows shown and the releases a phrase is checked in.
 *
 * A text that holds NUL itself (never typed, but nothing forbids it in a file) is kept as its sections.
 */
export type KeptText = string | readonly SearchField[];

const SEPARATOR = '\u0000';

export function keepText(fields: readonly SearchField[]): KeptText {
  if (fields.some((field) => field.text.includes(SEPARATOR))) return fields;
  return fields.map((field) => (field.inHeadline ? 'h' : 'b') + field.text).join(SEPARATOR);
}

export function sectionsOf(kept: KeptText): SearchField[] {
  if (typeof kept !== 'string') return [...kept];
  if (kept === '') return [];
  return kept.split(SEPARATOR).map((section) => ({ text: section.slice(1), inHeadline: section[0] === 'h' }));
}
