import type { Release, ReleaseContent } from './schema';
import { FIELD_LIST, fieldValue, type FieldPath, type FieldSpec } from './structure';

/**
 * Two versions of one release saved at once on two computers (a fork, issue 12), compared with the text both
 * started from, field by field as the structure table lists them: nothing here names a field.
 *
 * A field is the unit: the headline, the body (all its paragraphs), the quotes. A change on one side only is
 * taken; the same change on both sides is taken once; two different changes to one field are a clash, which is
 * listed and never settled here unless the person chose a side for it.
 */

/** What happened to one field since the text both versions started from. */
export type FieldChange =
  /** Neither version changed it (or, with no common text known, both hold the same). */
  | 'unchanged'
  | 'only-mine'
  | 'only-theirs'
  /** Both changed it, to the same value. */
  | 'both-same'
  /** Both changed it, differently: a person has to choose. */
  | 'clash';

export interface FieldComparison {
  spec: FieldSpec;
  change: FieldChange;
}

/** Which side a person chose for a clashing field. */
export type Side = 'mine' | 'theirs';

export interface MergeOutcome {
  /**
   * The merged release: mine with every field only theirs changed taken from theirs, and every clash the person
   * chose a side for set from that side. Workflow fields (status, sign-offs, revision) are mine: the store settles
   * those (a sign-off never carries over onto a merged text).
   */
  merged: Release;
  /** Every field in reading order with what happened to it. */
  fields: FieldComparison[];
  /** The clashing fields, in reading order, chosen or not. */
  clashes: FieldSpec[];
  /** Clashes with no side chosen yet: while any is left, `merged` holds mine there and must not be saved. */
  unresolved: FieldSpec[];
  /** Where each field of `merged` came from: only differing fields are 'theirs'. */
  source: Record<FieldPath, Side>;
}

/**
 * Per field, what mine and theirs did since `base`. With no base (the common text could not be found), any field
 * that differs is a clash: without the starting point nobody can tell which side changed it.
 */
export function compareVersions(
  base: ReleaseContent | null,
  mine: ReleaseContent,
  theirs: ReleaseContent,
): FieldComparison[] {
  return FIELD_LIST.map((spec) => ({ spec, change: fieldChange(spec, base, mine, theirs) }));
}

export function fieldChange(
  spec: FieldSpec,
  base: ReleaseContent | null,
  mine: ReleaseContent,
  theirs: ReleaseContent,
): FieldChange {
  const m = fieldValue(mine, spec.path);
  const t = fieldValue(theirs, spec.path);
  const same = sameValue(m, t);
  if (base === null) return same ? 'unchanged' : 'clash';
  const b = fieldValue(base, spec.path);
  const mineChanged = !sameValue(b, m);
  const theirsChanged = !sameValue(b, t);
  if (!mineChanged && !theirsChanged) return 'unchanged';
  if (mineChanged && !theirsChanged) return 'only-mine';
  if (!mineChanged && theirsChanged) return 'only-theirs';
  return same ? 'both-same' : 'clash';
}

/**
 * Merges theirs into mine field by field (see `MergeOutcome`). `choices` names a side for clashing fields; a
 * choice for a field that does not clash is ignored (a change on one side only is always taken).
 */
export function mergeVersions(
  base: ReleaseContent | null,
  mine: Release,
  theirs: Release,
  choices: Partial<Record<FieldPath, Side>> = {},
): MergeOutcome {
  const fields = compareVersions(base, mine, theirs);
  let merged: Release = { ...mine, header: { ...mine.header } };
  const source = {} as Record<FieldPath, Side>;
  const clashes: FieldSpec[] = [];
  const unresolved: FieldSpec[] = [];
  for (const { spec, change } of fields) {
    let side: Side = 'mine';
    if (change === 'only-theirs') side = 'theirs';
    if (change === 'clash') {
      clashes.push(spec);
      const chosen = choices[spec.path];
      if (chosen) side = chosen;
      else unresolved.push(spec);
    }
    source[spec.path] = side;
    if (side === 'theirs') merged = withFieldValue(merged, spec.path, fieldValue(theirs, spec.path));
  }
  return { merged, fields, clashes, unresolved, source };
}

/** A copy of `release` with one field set (a copy of `value`, so the two versions never share an array). */
export function withFieldValue<T extends ReleaseContent>(release: T, path: FieldPath, value: unknown): T {
  const copy = value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
  if (path.startsWith('header.')) {
    const key = path.slice('header.'.length);
    return { ...release, header: { ...release.header, [key]: copy } };
  }
  return { ...release, [path]: copy };
}

/** Deep equality of two field values as stored (JSON): key order does not matter, an absent key is undefined. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => sameValue(item, other[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const key of keys) if (!sameValue(ra[key], rb[key])) return false;
  return true;
}
