import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { call, createDispatcher, createWorkspaceHandlers } from '../../../src-main/services/api/dispatch';
import { openWorkspace } from '../../../src-main/services/workspace/store';
import {
  DEFAULT_PROFILE,
  DEFAULT_SETTINGS,
  WORKSPACE_SCHEMA_VERSION,
} from '../../../src-shared/release/schema';

/**
 * "Latest news" lists 8 releases by default, as newsrooms do (issue 14, item 7), in every workspace that never set
 * the count; a count someone chose stays.
 */

const folders: string[] = [];
async function tempFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'pressroom-latest-news-'));
  folders.push(folder);
  return folder;
}
afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

describe('the Latest news count', () => {
  it('is 8 in a new workspace', async () => {
    expect(DEFAULT_SETTINGS.latestNewsCount).toBe(8);
    const store = await openWorkspace(await tempFolder());
    expect((await store.describe()).settings.latestNewsCount).toBe(8);
  });

  it('is 8 in an older workspace whose file never had a count', async () => {
    const folder = await tempFolder();
    await writeFile(
      join(folder, 'workspace.json'),
      JSON.stringify({ profile: DEFAULT_PROFILE, settings: { allowSelfApproval: false } }),
    );
    expect((await (await openWorkspace(folder)).describe()).settings.latestNewsCount).toBe(8);
  });

  it('stays as chosen: in the change log, and in an older workspace file', async () => {
    const folder = await tempFolder();
    const store = await openWorkspace(folder);
    await store.updateSettings({ ...DEFAULT_SETTINGS, latestNewsCount: 5 });
    expect((await (await openWorkspace(folder)).describe()).settings.latestNewsCount).toBe(5);

    const older = await tempFolder();
    await writeFile(
      join(older, 'workspace.json'),
      JSON.stringify({
        schemaVersion: WORKSPACE_SCHEMA_VERSION,
        profile: DEFAULT_PROFILE,
        settings: { ...DEFAULT_SETTINGS, latestNewsCount: 3 },
        people: [],
      }),
    );
    expect((await (await openWorkspace(older)).describe()).settings.latestNewsCount).toBe(3);
  });

  it('is what the preview asks for, with the house font (preview.extras)', async () => {
    const store = await openWorkspace(await tempFolder());
    const api = createDispatcher(createWorkspaceHandlers(store));
    const release = await store.create('news-release');
    const answer = await call(api, 'preview.extras', { id: release.id });
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.value.latestNews).toEqual([]);
    const families = new Set(answer.value.fontFaces.map((face) => face.family));
    expect([...families].sort()).toEqual(['Pressroom Sans', 'Pressroom Serif']);
    expect(answer.value.fontFaces.every((face) => face.dataUrl.startsWith('data:font/woff2;base64,'))).toBe(true);
  });
});
