import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceLayout, type WorkspaceLayout } from '../../../src-main/services/workspace/layout';
import {
  addRevision,
  readHeads,
  revisionNamesIn,
  revisionNamesUnsorted,
  type HeadsOutcome,
} from '../../../src-main/services/workspace/revisions';
import { createBlankRelease } from '../../../src-shared/release/new-release';
import { DEFAULT_PROFILE, type Release } from '../../../src-shared/release/schema';

/**
 * A save reads a release's heads from the folder's names in the folder's own order (revisionNamesUnsorted), so
 * that a long history is not sorted on every save. Whatever that order, the heads must be the ones a sorted
 * listing gives: the same versions, the same one shown, the same highest number and the same damaged files set
 * aside, over histories written by three computers into one folder, with revisions damaged along the way.
 */

let root: string;
const RELEASE_ID = 'r-heads-order';

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'pressroom-heads-order-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function blank(): Release {
  let part = 0;
  return createBlankRelease({
    id: RELEASE_ID,
    type: 'news-release',
    profile: DEFAULT_PROFILE,
    now: new Date('2026-12-07T09:00:00Z'),
    makeId: () => `p${++part}`,
  });
}

/** What must not depend on the order of the names (the heads' order beyond the shown one is the reads' order). */
function summary(outcome: HeadsOutcome) {
  if (outcome.kind !== 'ok')
    return { kind: outcome.kind, problems: outcome.problems.map((p) => p.file).sort() };
  const { heads } = outcome;
  return {
    kind: heads.kind,
    current: heads.current.id,
    heads: heads.heads.map((head) => head.id).sort(),
    all: heads.all.map((head) => head.id).sort(),
    count: heads.count,
    highest: heads.highest,
    problems: heads.problems.map((p) => p.file).sort(),
  };
}

type Step = { kind: 'save'; by: number; headline: string } | { kind: 'damage'; pick: number };

const steps = fc.array(
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({ kind: fc.constant('save' as const), by: fc.nat(2), headline: fc.string() }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('damage' as const), pick: fc.nat() }) },
  ),
  { minLength: 1, maxLength: 14 },
);

describe('the heads of a release, from names in any order', () => {
  it('are those of the sorted listing, seen from each computer (fast-check)', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(steps, fc.nat(), async (plan: Step[], seed) => {
        const shared = join(root, `run-${run++}`);
        const layouts: WorkspaceLayout[] = [0, 1, 2].map((k) =>
          workspaceLayout(shared, `${shared}-user-${k}`),
        );
        const folder = layouts[0]!.revisionsFolder(RELEASE_ID);
        for (const step of plan) {
          if (step.kind === 'damage') {
            const names = (await readdir(folder).catch(() => [] as string[])).sort();
            const name = names[step.pick % Math.max(1, names.length)];
            if (name) await writeFile(join(folder, name), '{"cut short');
            continue;
          }
          const layout = layouts[step.by]!;
          const seen = await readHeads(layout, RELEASE_ID);
          const heads = seen.kind === 'ok' ? seen.heads.all : [];
          const base = seen.kind === 'ok' ? seen.heads.current.release : blank();
          await addRevision(layout, {
            release: { ...base, headline: step.headline },
            parents: heads,
            above: heads,
            why: 'saved',
            person: null,
            savedAt: new Date('2026-12-07T09:00:00Z').toISOString(),
          });
        }
        const listing = await readdir(folder).catch(() => [] as string[]);
        // The folder's names in a shuffled order, as a listing may come.
        const shuffled = [...listing];
        for (let i = shuffled.length - 1, r = seed; i > 0; i--, r = (r * 1103515245 + 12345) % 2 ** 31) {
          const j = r % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        for (const layout of layouts) {
          const sorted = await readHeads(layout, RELEASE_ID, { names: revisionNamesIn(listing) });
          const unsorted = await readHeads(layout, RELEASE_ID, { names: revisionNamesUnsorted(shuffled) });
          expect(summary(unsorted)).toEqual(summary(sorted));
          // And what the listing itself says: every revision file counted, the new number above the highest.
          const names = revisionNamesIn(listing)!;
          if (unsorted.kind === 'ok') {
            expect(unsorted.heads.count).toBe(names.length);
            expect(unsorted.heads.highest).toBe(names.at(-1)!.revision);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
