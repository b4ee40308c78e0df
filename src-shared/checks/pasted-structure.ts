import type { Finding } from './editorial-checks';
import type { SectionId } from '../release/structure';

/**
 * Lines that belong to the frame Pressroom prints around a release, left in a field after pasting a whole draft
 * in (issue 14, item 4): "FOR IMMEDIATE RELEASE", an embargo line, "ENDS", "Notes to editors", "Media contacts".
 * Printed inside the text they would appear twice, or in the wrong place, so each is an error at its field, with
 * where that part really goes. Only a line that is nothing but the marker counts: "the ends of the road" does not.
 */
export type FrameMarker = 'immediate' | 'embargo' | 'ends' | 'notes' | 'contacts';

const MARKERS: ReadonlyArray<{
  id: FrameMarker;
  pattern: RegExp;
  what: string;
  where: string;
  home?: SectionId;
}> = [
  {
    id: 'immediate',
    pattern: /^(?:for\s+immediate\s+release|immediate\s+release)[.:]?$/i,
    what: '“For immediate release”',
    where: 'Pressroom prints it above the headline when the release has no embargo',
  },
  {
    id: 'embargo',
    // "EMBARGOED UNTIL 00:01 18 July 2024", "Embargo: 10am Thursday": the word, then a time or date. Not
    // "Embargoed goods were seized", which is a sentence.
    pattern: /^(?:strictly\s+)?(?:under\s+)?embargo(?:ed)?\s*(?:until|till|to|:)\s*.{0,60}\d.{0,60}$/i,
    what: 'An embargo line',
    where: 'set the embargo in the Header section; Pressroom prints the line',
  },
  {
    id: 'ends',
    pattern: /^[-–—*#\s]*(?:ends|end|#{3})[-–—*#\s.]*$/i,
    what: '“ENDS”',
    where: 'Pressroom prints the end mark after the last paragraph',
    // The end mark's own field holds it by design.
    home: 'endMark',
  },
  {
    id: 'notes',
    pattern: /^(?:notes?\s+(?:to|for)\s+editors?)[:.]?$/i,
    what: '“Notes to editors”',
    where: 'put each note in the Notes to editors section',
  },
  {
    id: 'contacts',
    pattern:
      /^(?:media\s+contacts?|press\s+contacts?|for\s+(?:further|more)\s+information(?:,?\s+(?:please\s+)?contact)?)[:.]?$/i,
    what: 'A contacts heading',
    where: 'put contacts in the Media contacts section',
  },
];

/**
 * Which of the frame's markers a line is, if any: the import (src-shared/import/place-blocks.ts) reads a whole
 * document's frame with the same patterns that flag a frame line left in a field.
 */
export function frameMarkerOf(line: string): FrameMarker | null {
  const trimmed = line.trim();
  if (!trimmed || trimmed.length > 120) return null;
  return MARKERS.find((candidate) => candidate.pattern.test(trimmed))?.id ?? null;
}

/** An error for each field whose text has a line that is one of the frame's own markers. */
export function pastedStructureFindings(
  fields: ReadonlyArray<{ section: SectionId; field: string; text: string }>,
): Finding[] {
  const out: Finding[] = [];
  for (const field of fields) {
    for (const line of field.text.split(/\r?\n/)) {
      const trimmed = line.trim();
      if (!trimmed || trimmed.length > 120) continue;
      const marker = MARKERS.find(
        (candidate) => candidate.home !== field.section && candidate.pattern.test(trimmed),
      );
      if (!marker) continue;
      out.push({
        rule: 'pasted-structure',
        severity: 'error',
        section: field.section,
        field: field.field,
        message: `${marker.what} is in the text (“${trimmed.slice(0, 60)}”): remove that line; ${marker.where}.`,
      });
      break;
    }
  }
  return out;
}
