import type { ReleaseContent } from '../release/schema';
import { FIELD_LIST, fieldValue, type FieldSpec } from '../release/structure';
import { list, record, str } from '../release/loose-values';
import { applyCopyMarks, type CopyMarkKey } from './fingerprint';

/**
 * A release whose story text carries a copy's marks, for the formats that are not drawn from the HTML page (a
 * Word copy: docx-export.ts reads the release itself). Walks the structure table: the published prose kinds
 * (single prose, paragraphs, notes, quotations) get the marks; lines, contacts, links, dates and anything internal
 * are left as they are. A space next to inline markup (a link's address, emphasis stars) is left alone, so an
 * address never gains a mark.
 */

const MARKED_KINDS = new Set<FieldSpec['kind']>(['prose', 'paragraphs', 'notes', 'quotes']);

/** Marks in the spaces of `text`, except beside a piece of inline markup. */
function markProse(text: string, copy: CopyMarkKey): string {
  // Runs of markup-free text between links are marked on their own; a link (label and address) is kept whole.
  return (
    text
      .split(/(\[[^\]\n]*\]\([^)\n]*\))/)
      .map((piece, index) => (index % 2 === 1 ? piece : applyCopyMarks(piece, copy)))
      .join('')
      // A mark before emphasis stars would change how they pair (a star after a space may only open).
      .replace(/[\u200b\u200c\u2060](?=\*)/g, '')
  );
}

export function markReleaseText<T extends ReleaseContent>(release: T, copy: CopyMarkKey): T {
  const out: Record<string, unknown> = { ...release };
  for (const spec of FIELD_LIST) {
    if (!spec.published || !MARKED_KINDS.has(spec.kind) || spec.path.startsWith('header.')) continue;
    const value = fieldValue(release, spec.path);
    switch (spec.kind) {
      case 'prose':
        out[spec.path] = markProse(str(value), copy);
        break;
      case 'paragraphs':
      case 'notes':
        out[spec.path] = list(value).map((item) => ({
          ...record(item),
          text: markProse(str(record(item).text), copy),
        }));
        break;
      case 'quotes':
        out[spec.path] = list(value).map((item) => ({
          ...record(item),
          paragraphs: list(record(item).paragraphs).map((paragraph) => markProse(str(paragraph), copy)),
        }));
        break;
    }
  }
  return out as T;
}
