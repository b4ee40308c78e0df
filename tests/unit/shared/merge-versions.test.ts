import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  mergeVersions,
  sameValue,
  withFieldValue,
  type Side,
} from '../../../src-shared/release/merge-versions';
import { blankRelease, edits, valueOf, withEdits } from './release-arbitraries';
import { ReleaseSchema, type Release } from '../../../src-shared/release/schema';
import { FIELD_LIST, fieldValue } from '../../../src-shared/release/structure';

/**
 * The merge of two versions of a release saved at once (issue 12), walked field by field from the structure
 * table. The arbitraries are made per field kind, so a new field of an existing kind is covered without a change
 * here, and a new kind does not compile until it has one.
 */

const base: Release = blankRelease('r-merge');

const startingText = edits.map((changes) => withEdits(base, changes));

describe('merge of two versions', () => {
  it('generated versions are valid releases (the arbitraries follow the schema)', () => {
    fc.assert(
      fc.property(startingText, (release) => {
        expect(ReleaseSchema.safeParse(release).success).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('takes a change made on one side only, for every field', () => {
    for (const spec of FIELD_LIST) {
      fc.assert(
        fc.property(startingText, valueOf(spec), fc.boolean(), (start, value, onMine) => {
          fc.pre(!sameValue(fieldValue(start, spec.path), value));
          const changed = withFieldValue(start, spec.path, value);
          const [mine, theirs] = onMine ? [changed, start] : [start, changed];
          const outcome = mergeVersions(start, mine, theirs);
          expect(outcome.clashes).toEqual([]);
          expect(fieldValue(outcome.merged, spec.path)).toEqual(value);
          const change = outcome.fields.find((f) => f.spec.path === spec.path)!.change;
          expect(change).toBe(onMine ? 'only-mine' : 'only-theirs');
          expect(outcome.source[spec.path]).toBe(onMine ? 'mine' : 'theirs');
          // Every other field is as it was.
          for (const other of FIELD_LIST) {
            if (other !== spec)
              expect(fieldValue(outcome.merged, other.path)).toEqual(fieldValue(start, other.path));
          }
        }),
        { numRuns: 25 },
      );
    }
  });

  it('answers per field for any two sets of changes, and never settles a clash silently', () => {
    fc.assert(
      fc.property(startingText, edits, edits, (start, mineEdits, theirEdits) => {
        const mine = withEdits(start, mineEdits);
        const theirs = withEdits(start, theirEdits);
        const outcome = mergeVersions(start, mine, theirs);
        for (const { spec, change } of outcome.fields) {
          const b = fieldValue(start, spec.path);
          const m = fieldValue(mine, spec.path);
          const t = fieldValue(theirs, spec.path);
          const merged = fieldValue(outcome.merged, spec.path);
          const mineChanged = !sameValue(b, m);
          const theirsChanged = !sameValue(b, t);
          if (!mineChanged && !theirsChanged) {
            expect(change).toBe('unchanged');
            expect(sameValue(merged, b)).toBe(true);
          } else if (mineChanged !== theirsChanged) {
            expect(change).toBe(mineChanged ? 'only-mine' : 'only-theirs');
            expect(sameValue(merged, mineChanged ? m : t)).toBe(true);
          } else if (sameValue(m, t)) {
            expect(change).toBe('both-same');
            expect(sameValue(merged, m)).toBe(true);
          } else {
            expect(change).toBe('clash');
            expect(outcome.clashes).toContain(spec);
            // Not chosen: listed as unresolved, so the merge cannot be taken as it is.
            expect(outcome.unresolved).toContain(spec);
          }
        }
        expect(outcome.unresolved).toEqual(outcome.clashes);
      }),
      { numRuns: 300 },
    );
  });

  it('takes the side the person chose for each clash, and only then has nothing left to settle', () => {
    fc.assert(
      fc.property(
        startingText,
        edits,
        edits,
        fc.func<[string], Side>(fc.constantFrom<Side>('mine', 'theirs')),
        (start, mineEdits, theirEdits, pick) => {
          const mine = withEdits(start, mineEdits);
          const theirs = withEdits(start, theirEdits);
          const clashes = mergeVersions(start, mine, theirs).clashes;
          const choices = Object.fromEntries(clashes.map((spec) => [spec.path, pick(spec.path)]));
          const outcome = mergeVersions(start, mine, theirs, choices);
          expect(outcome.unresolved).toEqual([]);
          for (const spec of clashes) {
            const from = choices[spec.path] === 'mine' ? mine : theirs;
            expect(fieldValue(outcome.merged, spec.path)).toEqual(fieldValue(from, spec.path));
          }
          expect(ReleaseSchema.safeParse(outcome.merged).success).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('merging a version with itself gives that version, with or without the text it started from', () => {
    fc.assert(
      fc.property(startingText, edits, fc.boolean(), (start, changes, withBase) => {
        const version = withEdits(start, changes);
        const outcome = mergeVersions(withBase ? start : null, version, { ...version });
        expect(outcome.clashes).toEqual([]);
        expect(outcome.merged).toEqual(version);
      }),
      { numRuns: 200 },
    );
  });

  it('with no common text known, every field that differs is a clash', () => {
    fc.assert(
      fc.property(startingText, edits, edits, (start, mineEdits, theirEdits) => {
        const mine = withEdits(start, mineEdits);
        const theirs = withEdits(start, theirEdits);
        const fields = compareVersions(null, mine, theirs);
        for (const { spec, change } of fields) {
          const differs = !sameValue(fieldValue(mine, spec.path), fieldValue(theirs, spec.path));
          expect(change).toBe(differs ? 'clash' : 'unchanged');
        }
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the workflow fields of mine and walks every field of the table', () => {
    const mine: Release = { ...base, status: 'in-review', revision: 7, headline: 'Mine' };
    const theirs: Release = { ...base, status: 'draft', revision: 7, standfirst: 'Theirs' };
    const outcome = mergeVersions(base, mine, theirs);
    expect(outcome.merged).toMatchObject({ status: 'in-review', headline: 'Mine', standfirst: 'Theirs' });
    expect(outcome.fields.map((f) => f.spec.path)).toEqual(FIELD_LIST.map((spec) => spec.path));
  });

  it('compares values whatever order their keys were written in', () => {
    expect(sameValue({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameValue({ a: 1, id: undefined }, { a: 1 })).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue(null, {})).toBe(false);
  });
});
