import {
  describeProtectedPerson,
  RELEASE_TYPE_LABELS,
  type Paragraph,
  type Quote,
  type ReleaseContent,
} from '../release/schema';
import { assertNever, FIELD_LIST, fieldValue, type FieldSpec } from '../release/structure';

/**
 * Word-level comparison of two versions of a release (ARCHITECTURE §5, "any two versions can be compared").
 *
 * Text is cut into tokens that keep everything (words, runs of whitespace, single punctuation marks), so that the
 * segments of a diff put back together give the texts exactly: `same` + `removed` is the old text, `same` +
 * `added` the new one. The token sequences are compared with Myers' O(ND) algorithm in its linear-space form (the
 * "middle snake" bisection, as in diff-match-patch), after trimming the common start and end, which is all most
 * edits need. A work budget keeps two long, wholly different texts from taking quadratic time: past it, the part
 * still unresolved is reported as removed and added whole, which is what such a pair is anyway.
 */

export type DiffKind = 'same' | 'added' | 'removed';

export interface DiffSegment {
  kind: DiffKind;
  text: string;
}

// Letters, marks and digits, with inner apostrophes and hyphens ("don't", "well-known", "2024-07-18") kept whole.
const TOKEN = /[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*|\s+|[^\s\p{L}\p{M}\p{N}]/gu;
const WORDLIKE = /[\p{L}\p{M}\p{N}]/u;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** The word-level difference between two texts. */
export function diffWords(a: string, b: string): DiffSegment[] {
  if (a === b) return a === '' ? [] : [{ kind: 'same', text: a }];
  return diffTokens(tokenize(a), tokenize(b));
}

/**
 * The difference between two token sequences (each token compared whole), merged into as few segments as
 * possible, with whitespace and punctuation between two changes folded into them so that "quick brown" replaced
 * by "slow red" reads as one replacement rather than four.
 */
export function diffTokens(a: readonly string[], b: readonly string[]): DiffSegment[] {
  const ids = new Map<string, number>();
  const intern = (tokens: readonly string[]) => {
    const out = new Int32Array(tokens.length);
    tokens.forEach((token, i) => {
      let id = ids.get(token);
      if (id === undefined) ids.set(token, (id = ids.size));
      out[i] = id;
    });
    return out;
  };
  const ops: Op[] = [];
  diffRange(intern(a), 0, a.length, intern(b), 0, b.length, ops, { left: WORK_BUDGET });

  const raw: DiffSegment[] = [];
  let ai = 0;
  let bi = 0;
  for (const op of ops) {
    let text: string;
    if (op.kind === 'removed') {
      text = a.slice(ai, (ai += op.count)).join('');
    } else if (op.kind === 'added') {
      text = b.slice(bi, (bi += op.count)).join('');
    } else {
      text = a.slice(ai, (ai += op.count)).join('');
      bi += op.count;
    }
    if (text === '') continue;
    const last = raw[raw.length - 1];
    if (last?.kind === op.kind) last.text += text;
    else raw.push({ kind: op.kind, text });
  }
  return foldSmallEqualities(raw);
}

// --- Myers --------------------------------------------------------------------------------------------------

interface Op {
  kind: DiffKind;
  count: number;
}

/**
 * Elementary steps (diagonal moves and snake comparisons) one comparison may spend. Two unrelated 10,000-word
 * texts need far more; a real edit of such a text, even a heavy one, needs far less.
 */
const WORK_BUDGET = 20_000_000;

function push(ops: Op[], kind: DiffKind, count: number): void {
  if (count <= 0) return;
  const last = ops[ops.length - 1];
  if (last?.kind === kind) last.count += count;
  else ops.push({ kind, count });
}

function diffRange(
  a: Int32Array,
  aStart: number,
  aEnd: number,
  b: Int32Array,
  bStart: number,
  bEnd: number,
  ops: Op[],
  budget: { left: number },
): void {
  let prefix = 0;
  while (aStart + prefix < aEnd && bStart + prefix < bEnd && a[aStart + prefix] === b[bStart + prefix])
    prefix++;
  let suffix = 0;
  while (
    aEnd - suffix > aStart + prefix &&
    bEnd - suffix > bStart + prefix &&
    a[aEnd - suffix - 1] === b[bEnd - suffix - 1]
  ) {
    suffix++;
  }
  push(ops, 'same', prefix);
  const as = aStart + prefix;
  const ae = aEnd - suffix;
  const bs = bStart + prefix;
  const be = bEnd - suffix;

  if (as === ae) {
    push(ops, 'added', be - bs);
  } else if (bs === be) {
    push(ops, 'removed', ae - as);
  } else {
    const split = bisect(a, as, ae - as, b, bs, be - bs, budget);
    if (split) {
      diffRange(a, as, as + split.x, b, bs, bs + split.y, ops, budget);
      diffRange(a, as + split.x, ae, b, bs + split.y, be, ops, budget);
    } else {
      push(ops, 'removed', ae - as);
      push(ops, 'added', be - bs);
    }
  }
  push(ops, 'same', suffix);
}

/**
 * Finds the middle snake of the shortest edit script between a[aOff, aOff+n) and b[bOff, bOff+m) by running the
 * greedy search from both ends until the paths overlap; returns where to split, or null when the two have nothing
 * in common or the budget ran out.
 */
function bisect(
  a: Int32Array,
  aOff: number,
  n: number,
  b: Int32Array,
  bOff: number,
  m: number,
  budget: { left: number },
): { x: number; y: number } | null {
  const maxD = Math.ceil((n + m) / 2);
  const vOffset = maxD;
  const vLength = 2 * maxD + 2;
  const v1 = new Int32Array(vLength).fill(-1);
  const v2 = new Int32Array(vLength).fill(-1);
  v1[vOffset + 1] = 0;
  v2[vOffset + 1] = 0;
  const delta = n - m;
  // Odd delta: the forward path meets the reverse one; even: the reverse one meets the forward one.
  const front = delta % 2 !== 0;
  let k1start = 0;
  let k1end = 0;
  let k2start = 0;
  let k2end = 0;
  for (let d = 0; d < maxD; d++) {
    budget.left -= 2 * d + 1;
    if (budget.left < 0) return null;
    for (let k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
      const k1Offset = vOffset + k1;
      let x1 =
        k1 === -d || (k1 !== d && v1[k1Offset - 1]! < v1[k1Offset + 1]!)
          ? v1[k1Offset + 1]!
          : v1[k1Offset - 1]! + 1;
      let y1 = x1 - k1;
      const x1Before = x1;
      while (x1 < n && y1 < m && a[aOff + x1] === b[bOff + y1]) {
        x1++;
        y1++;
      }
      budget.left -= x1 - x1Before;
      v1[k1Offset] = x1;
      if (x1 > n) {
        k1end += 2;
      } else if (y1 > m) {
        k1start += 2;
      } else if (front) {
        const k2Offset = vOffset + delta - k1;
        if (k2Offset >= 0 && k2Offset < vLength && v2[k2Offset] !== -1) {
          if (x1 >= n - v2[k2Offset]!) return { x: x1, y: y1 };
        }
      }
    }
    for (let k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
      const k2Offset = vOffset + k2;
      let x2 =
        k2 === -d || (k2 !== d && v2[k2Offset - 1]! < v2[k2Offset + 1]!)
          ? v2[k2Offset + 1]!
          : v2[k2Offset - 1]! + 1;
      let y2 = x2 - k2;
      const x2Before = x2;
      while (x2 < n && y2 < m && a[aOff + n - x2 - 1] === b[bOff + m - y2 - 1]) {
        x2++;
        y2++;
      }
      budget.left -= x2 - x2Before;
      v2[k2Offset] = x2;
      if (x2 > n) {
        k2end += 2;
      } else if (y2 > m) {
        k2start += 2;
      } else if (!front) {
        const k1Offset = vOffset + delta - k2;
        if (k1Offset >= 0 && k1Offset < vLength && v1[k1Offset] !== -1) {
          const x1 = v1[k1Offset]!;
          const y1 = vOffset + x1 - k1Offset;
          if (x1 >= n - x2) return { x: x1, y: y1 };
        }
      }
    }
  }
  return null;
}

/**
 * Folds an unchanged stretch that sits between two changes into them when it carries no word (spaces,
 * punctuation) or is no longer than the changes on either side of it, as diff-match-patch's semantic cleanup
 * does: a reader wants "the quick brown → a slow red", not a chequerboard of one-word changes around "quick".
 */
function foldSmallEqualities(segments: DiffSegment[]): DiffSegment[] {
  const out: DiffSegment[] = [];
  let i = 0;
  while (i < segments.length) {
    const first = segments[i]!;
    if (first.kind === 'same') {
      out.push(first);
      i++;
      continue;
    }
    let removed = '';
    let added = '';
    let j = i;
    while (j < segments.length) {
      const segment = segments[j]!;
      if (segment.kind === 'removed') {
        removed += segment.text;
      } else if (segment.kind === 'added') {
        added += segment.text;
      } else {
        const after = changeSizeFrom(segments, j + 1);
        const before = Math.max(removed.length, added.length);
        const fold =
          after > 0 &&
          (!WORDLIKE.test(segment.text) || (segment.text.length <= before && segment.text.length <= after));
        if (!fold) break;
        removed += segment.text;
        added += segment.text;
      }
      j++;
    }
    if (removed) out.push({ kind: 'removed', text: removed });
    if (added) out.push({ kind: 'added', text: added });
    i = j;
  }
  return out;
}

function changeSizeFrom(segments: readonly DiffSegment[], start: number): number {
  let removed = 0;
  let added = 0;
  for (let k = start; k < segments.length; k++) {
    const segment = segments[k]!;
    if (segment.kind === 'same') break;
    if (segment.kind === 'removed') removed += segment.text.length;
    else added += segment.text.length;
  }
  return Math.max(removed, added);
}

// --- releases -----------------------------------------------------------------------------------------------

export interface FieldDiff {
  /**
   * Where the field is, in the form the editor and the renderer use (`body.2`, `quotes.0.speakerName`): in the
   * newer version `b`, or in the older `a` for something that was removed.
   */
  field: string;
  /** For people: "Paragraph 3", "Quote 1 — speaker". Numbered like `field`. */
  label: string;
  change: 'same' | 'changed' | 'added' | 'removed';
  segments: DiffSegment[];
  /** A paragraph, quote, note, link, key fact or contact that changed place: 0-based positions in a and in b. */
  moved?: { from: number; to: number };
}

/**
 * Every field of two versions in reading order, changed or not (filter on `change` for "changes only"), walked
 * from the structure table so that no field can be left out. Parts with ids (paragraphs, quotes, notes, links;
 * key facts by their key) are matched by id, so a moved paragraph is one entry marked `moved` rather than a
 * removal and an addition, and an added or removed one is reported whole. Media contacts are matched by position
 * when both versions have as many, otherwise by name.
 */
export function diffReleases(a: ReleaseContent, b: ReleaseContent): FieldDiff[] {
  return FIELD_LIST.flatMap((spec) => diffField(spec, a, b));
}

function diffField(spec: FieldSpec, a: ReleaseContent, b: ReleaseContent): FieldDiff[] {
  const path = spec.path;
  const label = spec.label;
  const valueA = fieldValue(a, path);
  const valueB = fieldValue(b, path);
  const itemLabel = (index: number) => `${spec.item?.label ?? label} ${index + 1}`;
  switch (spec.kind) {
    case 'choice':
      return [compareText(path, label, typeLabel(a), typeLabel(b))];
    case 'date-time':
      return [compareText(path, label, dateText(String(valueA)), dateText(String(valueB)))];
    case 'embargo':
      return [compareText(path, label, embargoText(a), embargoText(b))];
    case 'time-zone':
    case 'line':
    case 'prose':
    case 'url':
      return [compareText(path, label, String(valueA), String(valueB))];
    case 'list':
      return [compareList(path, label, valueA as string[], valueB as string[])];
    case 'protected-people':
      return [
        compareList(
          path,
          label,
          a.anonymityList.map(describeProtectedPerson),
          b.anonymityList.map(describeProtectedPerson),
        ),
      ];
    case 'key-details':
      return matchById(
        a.details.map((d) => ({ ...d, id: d.key })),
        b.details.map((d) => ({ ...d, id: d.key })),
      ).flatMap((pair) => {
        const name = (pair.b ?? pair.a)!.label;
        return [
          withMove(compareText(`${path}.${pair.index}`, name, pair.a?.text, pair.b?.text), pair),
          withMove(
            compareText(`${path}.${pair.index}.label`, `${name} — label`, pair.a?.label, pair.b?.label),
            pair,
          ),
        ];
      });
    case 'paragraphs':
    case 'notes':
      return matchById(valueA as Paragraph[], valueB as Paragraph[]).map((pair) =>
        withMove(
          compareText(`${path}.${pair.index}`, itemLabel(pair.index), pair.a?.text, pair.b?.text),
          pair,
        ),
      );
    case 'quotes':
      return matchById(a.quotes, b.quotes).flatMap((pair) => diffQuote(spec, a, b, pair));
    case 'contacts':
      return matchById(
        contactKeys(a.mediaContacts, b.mediaContacts.length),
        contactKeys(b.mediaContacts, a.mediaContacts.length),
      ).flatMap((pair) => diffParts(spec, pair));
    case 'links':
      return matchById(a.relatedLinks, b.relatedLinks).flatMap((pair) => diffParts(spec, pair));
    case 'change-notes':
      return matchById(a.changeNotes ?? [], b.changeNotes ?? []).map((pair) =>
        withMove(
          compareText(
            `${path}.${pair.index}`,
            `${itemLabel(pair.index)} (${(pair.b ?? pair.a)!.importance})`,
            pair.a?.text,
            pair.b?.text,
          ),
          pair,
        ),
      );
    default:
      return assertNever(spec.kind);
  }
}

/** One entry per text part of an item (a contact's phone, a link's address), each labelled from the table. */
function diffParts<T extends object>(spec: FieldSpec, pair: Pair<T>): FieldDiff[] {
  const at = `${spec.path}.${pair.index}`;
  const name = `${spec.item!.label} ${pair.index + 1}`;
  const part = (item: T | undefined, key: string) =>
    item && String((item as Record<string, unknown>)[key] ?? '');
  return spec.parts!.map((p) =>
    withMove(
      compareText(`${at}.${p.key}`, `${name} — ${p.label}`, part(pair.a, p.key), part(pair.b, p.key)),
      pair,
    ),
  );
}

function diffQuote(spec: FieldSpec, a: ReleaseContent, b: ReleaseContent, pair: Pair<Quote>): FieldDiff[] {
  const at = `${spec.path}.${pair.index}`;
  const name = `${spec.item!.label} ${pair.index + 1}`;
  const text = (quote: Quote | undefined, key: string) =>
    quote && (key === 'paragraphs' ? quote.paragraphs.join('\n\n') : String(quote[key as keyof Quote] ?? ''));
  const out = spec.parts!.map((p) =>
    withMove(
      compareText(`${at}.${p.key}`, `${name} — ${p.label}`, text(pair.a, p.key), text(pair.b, p.key)),
      pair,
    ),
  );
  const position = compareText(
    `${at}.afterParagraphId`,
    `${name} — position`,
    pair.a && quotePosition(a, pair.a.afterParagraphId),
    pair.b && quotePosition(b, pair.b.afterParagraphId),
  );
  // Judged by the anchor, not its description: a quote still after the same paragraph has not moved, even when
  // a paragraph added above renumbers it.
  if (
    pair.a &&
    pair.b &&
    position.change === 'changed' &&
    pair.a.afterParagraphId === pair.b.afterParagraphId &&
    anchored(a, pair.a.afterParagraphId) === anchored(b, pair.b.afterParagraphId)
  ) {
    position.change = 'same';
    position.segments = [{ kind: 'same', text: quotePosition(b, pair.b.afterParagraphId) }];
  }
  out.push(withMove(position, pair));
  return out;
}

function compareText(field: string, label: string, a: string | undefined, b: string | undefined): FieldDiff {
  if (a !== undefined && b !== undefined) {
    return { field, label, change: a === b ? 'same' : 'changed', segments: diffWords(a, b) };
  }
  if (b !== undefined)
    return { field, label, change: 'added', segments: b ? [{ kind: 'added', text: b }] : [] };
  return { field, label, change: 'removed', segments: a ? [{ kind: 'removed', text: a }] : [] };
}

/** Tags and names compared as items, each one a single token, shown comma-separated. */
function compareList(field: string, label: string, a: readonly string[], b: readonly string[]): FieldDiff {
  const tokens = (items: readonly string[]) => items.flatMap((item, i) => (i === 0 ? [item] : [', ', item]));
  const same = a.length === b.length && a.every((item, i) => item === b[i]);
  return { field, label, change: same ? 'same' : 'changed', segments: diffTokens(tokens(a), tokens(b)) };
}

interface Pair<T> {
  a?: T;
  b?: T;
  /** Position in b, or in a for a removed part. */
  index: number;
  moved?: { from: number; to: number };
}

function withMove<T>(diff: FieldDiff, pair: Pair<T>): FieldDiff {
  return pair.moved ? { ...diff, moved: pair.moved } : diff;
}

/**
 * Pairs the parts of two lists by id, in b's order with each removed part placed after the part that preceded it
 * in a. Of the parts in both, the longest run that kept its relative order stays put; the others moved. (An id
 * that appears twice, which the schema does not forbid, pairs its first occurrences first.)
 */
function matchById<T extends { id: string }>(a: readonly T[], b: readonly T[]): Pair<T>[] {
  const keyed = (list: readonly T[]) => {
    const seen = new Map<string, number>();
    return list.map((item) => {
      const n = seen.get(item.id) ?? 0;
      seen.set(item.id, n + 1);
      return `${item.id}\u0000${n}`;
    });
  };
  const aKeys = keyed(a);
  const bKeys = keyed(b);
  const bIndexOf = new Map(bKeys.map((key, i) => [key, i]));
  const aIndexOf = new Map(aKeys.map((key, i) => [key, i]));

  // Common parts in a's order, as positions in b: the longest increasing run is the set that did not move.
  const common = aKeys.map((key) => bIndexOf.get(key)).filter((i): i is number => i !== undefined);
  const stayed = new Set(longestIncreasing(common));

  const removedAfter = new Map<number, Pair<T>[]>();
  let anchor = -1;
  aKeys.forEach((key, i) => {
    const inB = bIndexOf.get(key);
    if (inB !== undefined) {
      anchor = inB;
      return;
    }
    const group = removedAfter.get(anchor) ?? [];
    group.push({ a: a[i]!, index: i });
    removedAfter.set(anchor, group);
  });

  const out: Pair<T>[] = [...(removedAfter.get(-1) ?? [])];
  bKeys.forEach((key, j) => {
    const i = aIndexOf.get(key);
    if (i === undefined) {
      out.push({ b: b[j]!, index: j });
    } else {
      const pair: Pair<T> = { a: a[i]!, b: b[j]!, index: j };
      if (!stayed.has(j)) pair.moved = { from: i, to: j };
      out.push(pair);
    }
    out.push(...(removedAfter.get(j) ?? []));
  });
  return out;
}

/** Values of the longest strictly increasing subsequence (patience sorting, O(n log n)). */
function longestIncreasing(values: readonly number[]): number[] {
  const tails: number[] = [];
  const tailIndex: number[] = [];
  const previous = new Array<number>(values.length).fill(-1);
  values.forEach((value, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tails[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = value;
    tailIndex[lo] = i;
    previous[i] = lo > 0 ? tailIndex[lo - 1]! : -1;
  });
  const out: number[] = [];
  for (let i = tailIndex[tails.length - 1] ?? -1; i !== -1; i = previous[i]!) out.push(values[i]!);
  return out.reverse();
}

function contactKeys<T extends { name: string }>(
  contacts: readonly T[],
  otherLength: number,
): Array<T & { id: string }> {
  // Same count: most likely edited in place, so a renamed contact reads as a name change, not a swap.
  return contacts.map((contact, i) => ({
    ...contact,
    id: contacts.length === otherLength ? `#${i}` : contact.name.trim().toLowerCase(),
  }));
}

function typeLabel(content: ReleaseContent): string {
  return RELEASE_TYPE_LABELS[content.header.type] ?? content.header.type;
}

function dateText(local: string): string {
  return local.replace('T', ' ');
}

function embargoText(content: ReleaseContent): string {
  const embargo = content.header.embargo;
  return embargo ? `Until ${dateText(embargo.until)} ${embargo.timeZone}` : 'None (for immediate release)';
}

function anchored(content: ReleaseContent, anchor: string | null): boolean {
  return anchor !== null && content.body.some((p) => p.id === anchor);
}

function quotePosition(content: ReleaseContent, anchor: string | null): string {
  const index = anchor === null ? -1 : content.body.findIndex((p) => p.id === anchor);
  if (index < 0) return 'At the end of the body';
  const words = (content.body[index]?.text ?? '').trim().split(/\s+/).filter(Boolean);
  const opening = words.slice(0, 6).join(' ');
  return `After paragraph ${index + 1}${opening ? ` (“${opening}${words.length > 6 ? '…' : ''}”)` : ''}`;
}
