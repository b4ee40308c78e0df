import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAuditTrail } from '../../../src-main/services/review/audit-trail';
import { createReleaseHistory } from '../../../src-main/services/review/release-history';
import { createReviewWorkflow } from '../../../src-main/services/review/workflow';
import { openWorkspace } from '../../../src-main/services/workspace/store';
import { runKillLoop } from './kill-loop';
import { REVIEWER, WRITER } from './people';

/**
 * Issue 13, item 1: a crash or kill at any instant leaves no release without its audit entry (ARCHITECTURE §4).
 * 200 rounds here; `npm run soak` runs 1,000 (tests/soak/kill-loop.ts).
 */
describe('kill loop: saves of one release by two people in turn, SIGKILLed at random moments', () => {
  it('leaves every revision with its audit entry, every chain verifying and no torn file', async () => {
    const figures = await runKillLoop({ rounds: 200 });
    expect(figures.rounds).toBe(200);
    expect(figures.chainFailures).toEqual([]);
    expect(figures.tornFiles).toBe(0);
    expect(figures.revisionsWithoutEntry).toBe(0);
    expect(figures.acknowledgedWithoutEntry).toBe(0);
    // The loop must actually have killed saves and had saves answered, or it proves nothing.
    expect(figures.acknowledgedSaves).toBeGreaterThan(40);
    expect(figures.killsMidSave).toBeGreaterThan(150);
    expect(figures.revisionsOnDisk).toBeGreaterThanOrEqual(figures.acknowledgedSaves);
    // 25-67 s alone on 2 cores (it fsyncs on every save, so a slow stretch of the disk tells), and 37-157 s in the
    // whole unit run, close to the 180 s this bound was: it leaves room for both.
  }, 420_000);
});

describe('an edit whose audit entry a crash lost', () => {
  it('is recorded from the release file on the next read, once, marked recovered, and the chain verifies', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'pressroom-lost-edit-'));
    try {
      const store = await openWorkspace(folder);
      const audit = createAuditTrail(store.layout);
      const workflow = createReviewWorkflow({ store, audit, history: createReleaseHistory(store.layout) });
      const created = await workflow.create(() => store.create('news-release'), WRITER);
      // What a kill between the two writes leaves: the release file written, its 'edited' entry not.
      const saved = await store.saveEdit(
        { ...created, headline: 'Written, never recorded' },
        WRITER.id,
        WRITER.name,
      );
      expect(saved.release.lastEdit).toMatchObject({
        revision: saved.release.revision,
        by: { id: WRITER.id },
      });
      expect((await audit.read(created.id)).map((e) => e.event)).toEqual(['created']);

      const report = await workflow.auditReport(created.id);
      expect(report.intact).toBe(true);
      const recovered = report.entries.at(-1)!;
      expect(recovered).toMatchObject({
        event: 'edited',
        actor: { id: WRITER.id, name: WRITER.name },
        details: { revision: saved.release.revision, recovered: 'yes', contentHash: saved.contentHash },
      });
      expect((await workflow.auditReport(created.id)).entries).toHaveLength(2);

      // The next save by someone else records its own edit after it; a save by the same person continues the run.
      const next = await workflow.save({ ...saved.release, headline: 'Next' }, REVIEWER);
      const events = (await audit.read(created.id)).map((e) => [e.event, e.details.revision]);
      expect(events).toEqual([
        ['created', undefined],
        ['edited', saved.release.revision],
        ['edited', next.release.revision],
      ]);
      expect((await audit.verify(created.id)).ok).toBe(true);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
