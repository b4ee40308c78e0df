import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAuditTrail, type AuditTrail } from '../../../src-main/services/review/audit-trail';
import { createReleaseHistory } from '../../../src-main/services/review/release-history';
import { createReviewWorkflow } from '../../../src-main/services/review/workflow';
import { openWorkspace } from '../../../src-main/services/workspace/store';
import { readStoredRelease } from '../../support/stored-release';
import { WRITER } from './people';

/**
 * Issue 13, item 2: a save that reports failure has written nothing the person does not see. Once the revision is
 * written the save has happened; a trail that cannot take its entry right then must not turn it into "failed"
 * (the person would save again and be told their own text had changed elsewhere).
 */
const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function setUp(failures: number) {
  const folder = await mkdtemp(join(tmpdir(), 'pressroom-after-write-'));
  const userData = `${folder}-user`;
  folders.push(folder, userData);
  const store = await openWorkspace(folder, { userData });
  const real = createAuditTrail(store.layout);
  let left = failures;
  const audit: AuditTrail = {
    ...real,
    async recordEdit(...args) {
      if (left > 0) {
        left -= 1;
        throw new Error('the audit chain is busy');
      }
      return real.recordEdit(...args);
    },
  };
  const workflow = createReviewWorkflow({ store, audit, history: createReleaseHistory(store.layout) });
  const created = await store.create('news-release');
  return { folder, store, real, workflow, created };
}

describe('a save whose audit entry cannot be written at once', () => {
  it('is answered as saved, and the entry is written on a retry', async () => {
    const { folder, real, workflow, created } = await setUp(2);
    const outcome = await workflow.save({ ...created, headline: 'Saved while the trail was busy' }, WRITER);
    expect(outcome.release.headline).toBe('Saved while the trail was busy');
    expect((await readStoredRelease(folder, created.id))?.headline).toBe('Saved while the trail was busy');
    const edits = (await real.read(created.id)).filter((entry) => entry.event === 'edited');
    expect(edits.map((entry) => entry.details.revision)).toEqual([outcome.release.revision]);
  });

  it('is answered as saved even when the trail stays busy, and the next save records the lost entry first', async () => {
    const { folder, store, real, workflow, created } = await setUp(100);
    const first = await workflow.save({ ...created, headline: 'First' }, WRITER);
    expect((await readStoredRelease(folder, created.id))?.headline).toBe('First');
    expect((await real.read(created.id)).filter((entry) => entry.event === 'edited')).toEqual([]);
    // The person goes on typing: the next save is based on the revision they were told was saved, and is accepted.
    const healthy = createReviewWorkflow({ store, audit: real, history: createReleaseHistory(store.layout) });
    const second = await healthy.save({ ...first.release, headline: 'Second' }, WRITER);
    expect(second.release.revision).toBe(first.release.revision + 1);
    const edits = (await real.read(created.id)).filter((entry) => entry.event === 'edited');
    // The lost entry is recorded (marked recovered) before the entry of the save that follows it.
    expect(edits[0]?.details.revision).toBe(first.release.revision);
    expect(edits[0]?.details.recovered).toBe('yes');
  });
});
