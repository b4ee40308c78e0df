import type { Finding } from '../../../../src-shared/checks/editorial-checks';
import type { ReleaseContent } from '../../../../src-shared/release/schema';
import { FIELD_LIST, fieldValue, type FieldSpec } from '../../../../src-shared/release/structure';
import { isProtectedPersonFinding } from '../../../../src-shared/workflow/privacy-decision';

/**
 * GOV.UK's rule for validation: say nothing about a field the person has not had a chance to fill in. An item
 * added to a list (a quote, a paragraph, a contact, a link, a protected person) arrives empty, and the checks
 * would at once say "needs a speaker" on boxes nobody has typed in yet. So the messages of a new empty item are
 * held back until the person has been in the item and left it, or has tried something that needs every finding
 * (a submit or an approval, which read the complete set).
 *
 * Walks the structure table's list fields (those with an `item`), never a hand-kept list, so that a list kind
 * added to the table gets the same grace. Items are told apart by their id (or key) where they have one.
 * A protected person named in a new item is never held back: that message is about what was typed, not about a
 * box left empty, and it decides whether the text may be signed off.
 */
export class NewItemGrace {
  /** Items seen so far, as `path#identity`. Null until the first content (the release as opened) is seen. */
  private known: Set<string> | null = null;
  /** Items added empty in this session and not yet left by the person. */
  private held = new Set<string>();

  /** Records the items of `content`; an item that was not there before and is empty is held. */
  observe(content: ReleaseContent): void {
    const first = this.known === null;
    const known = (this.known ??= new Set());
    for (const spec of LIST_FIELDS) {
      itemsOf(content, spec).forEach((item, index) => {
        const key = itemKey(spec, item, index);
        if (known.has(key)) return;
        known.add(key);
        if (!first && isEmptyItem(item)) this.held.add(key);
      });
    }
  }

  get holding(): boolean {
    return this.held.size > 0;
  }

  /**
   * The person left item `index` of the list at `path` (as it is in `content`): its messages show from now on.
   * True when that changed anything.
   */
  release(content: ReleaseContent, listPath: string, index: number): boolean {
    const spec = LIST_FIELDS.find((s) => s.path === listPath);
    const item = spec ? itemsOf(content, spec)[index] : undefined;
    if (!spec || item === undefined) return false;
    return this.held.delete(itemKey(spec, item, index));
  }

  /** Every held message shows from now on (an action that needs the complete findings was tried). */
  releaseAll(): boolean {
    const had = this.held.size > 0;
    this.held.clear();
    return had;
  }

  /** The findings to show: those of held items left out, apart from a protected person named in one. */
  shown(content: ReleaseContent, findings: Finding[]): Finding[] {
    if (this.held.size === 0) return findings;
    const prefixes: string[] = [];
    for (const spec of LIST_FIELDS) {
      itemsOf(content, spec).forEach((item, index) => {
        if (this.held.has(itemKey(spec, item, index))) prefixes.push(`${spec.path}.${index}`);
      });
    }
    if (prefixes.length === 0) return findings;
    return findings.filter(
      (finding) =>
        isProtectedPersonFinding(finding) ||
        !prefixes.some((prefix) => finding.field === prefix || finding.field.startsWith(`${prefix}.`)),
    );
  }
}

const LIST_FIELDS: readonly FieldSpec[] = FIELD_LIST.filter((spec) => spec.item !== undefined);

/**
 * The list field and item a form path is in (`quotes.2.speakerName` -> quotes, 2), or null for a path outside
 * every list's items.
 */
export function itemOfPath(path: string): { listPath: string; index: number } | null {
  for (const spec of LIST_FIELDS) {
    if (!path.startsWith(`${spec.path}.`)) continue;
    const index = path.slice(spec.path.length + 1).split('.')[0] ?? '';
    if (/^\d+$/.test(index)) return { listPath: spec.path, index: Number(index) };
  }
  return null;
}

function itemsOf(content: ReleaseContent, spec: FieldSpec): unknown[] {
  const value = fieldValue(content, spec.path);
  return Array.isArray(value) ? value : [];
}

function itemKey(spec: FieldSpec, item: unknown, index: number): string {
  const record = item !== null && typeof item === 'object' ? (item as Record<string, unknown>) : {};
  const identity = record.id ?? record.key;
  return `${spec.path}#${typeof identity === 'string' && identity !== '' ? identity : `@${index}`}`;
}

/** Nothing typed in it: every text empty (its id, key and choices such as a quote's placement do not count). */
function isEmptyItem(item: unknown): boolean {
  if (typeof item === 'string') return item.trim() === '';
  if (Array.isArray(item)) return item.every(isEmptyItem);
  if (item !== null && typeof item === 'object') {
    return Object.entries(item).every(([key, value]) => key === 'id' || key === 'key' || isEmptyItem(value));
  }
  return true;
}
