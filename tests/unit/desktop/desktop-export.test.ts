import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportStoredRelease } from '../../../src-main/services/desktop-export';
import { openWorkspace, type WorkspaceStore } from '../../../src-main/services/workspace/store';

let folder: string;
let store: WorkspaceStore;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'pressroom-desktop-print-'));
  store = await openWorkspace(folder);
});
afterEach(() => rm(folder, { recursive: true, force: true }));

describe('File > Print…', () => {
  it('prints the stored release through the export HTML, marked as a draft when not approved', async () => {
    const created = await store.create('news-release');
    await store.save({ ...created, headline: 'Bridge reopens after repairs' });
    const result = await exportStoredRelease({ store, id: created.id, format: 'html', now: new Date() });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const page = new TextDecoder().decode(result.value.bytes);
    expect(page).toMatch(/^<!doctype html>/i);
    expect(page).toContain('Bridge reopens after repairs');
    expect(result.value.draft).toBe(true);
    expect(page).toContain('DRAFT');
    // Printing is not an export: the release is as it was.
    expect((await store.get(created.id)).status).toBe('draft');
  });

  it('says when the release is not there', async () => {
    expect(
      await exportStoredRelease({ store, id: 'r-missing', format: 'html', now: new Date() }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });
});
