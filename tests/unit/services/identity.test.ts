import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createIdentityStore, IDENTITY_FILE } from '../../../src-main/services/identity';

/** Who uses this copy of Pressroom, kept in identity.json in the user-data folder (through the document store). */

let folder: string;
const logged: string[] = [];
const options = {
  log: (message: string) => logged.push(message),
  now: () => new Date('2026-12-07T09:30:00Z'),
};
let ids = 0;
const makeId = () => `u-${++ids}`;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'pressroom-identity-'));
  logged.length = 0;
});
afterEach(() => rm(folder, { recursive: true, force: true }));

describe('identity', () => {
  it('is unknown until given, then kept with its id through later changes', async () => {
    const identity = createIdentityStore(folder, makeId, options);
    expect(await identity.get()).toBeNull();
    const first = await identity.set({ name: '  Sam   Jones ', roles: ['writer', 'writer'] });
    expect(first).toMatchObject({ name: 'Sam Jones', roles: ['writer'] });
    const again = createIdentityStore(folder, makeId, options);
    expect(await again.get()).toEqual(first);
    const changed = await again.set({ name: 'Sam Jones', roles: ['writer', 'approver'] });
    expect(changed.id).toBe(first.id);
    expect(JSON.parse(await readFile(join(folder, IDENTITY_FILE), 'utf8'))).toEqual({
      schemaVersion: 1,
      ...changed,
    });
  });

  it('reads an identity.json written before it carried a version (as the e2e fixtures write it)', async () => {
    const sam = { id: 'u-sam', name: 'Sam Jones', roles: ['writer'] };
    await writeFile(join(folder, IDENTITY_FILE), JSON.stringify(sam));
    expect(await createIdentityStore(folder, makeId, options).get()).toEqual(sam);
  });

  it('asks again when identity.json is damaged, keeping the damaged file aside', async () => {
    await writeFile(join(folder, IDENTITY_FILE), '{"id": "u-sam", "name": ');
    const identity = createIdentityStore(folder, makeId, options);
    expect(await identity.get()).toBeNull();
    expect(logged.join('\n')).toMatch(/could not be used/);
    const aside = `${IDENTITY_FILE}.unreadable-2026-12-07T09-30-00-000Z`;
    expect(await readFile(join(folder, aside), 'utf8')).toBe('{"id": "u-sam", "name": ');
    await identity.set({ name: 'Sam Jones', roles: ['writer'] });
    expect((await readdir(folder)).sort()).toEqual([IDENTITY_FILE, aside]);
  });

  it('refuses an empty name or no role, and does not write over a file it could not read', async () => {
    const identity = createIdentityStore(folder, makeId, options);
    await expect(identity.set({ name: '  ', roles: ['writer'] })).rejects.toMatchObject({
      code: 'invalid-input',
    });
    await expect(identity.set({ name: 'Sam', roles: [] })).rejects.toMatchObject({ code: 'invalid-input' });
    await mkdir(join(folder, IDENTITY_FILE));
    const blocked = createIdentityStore(folder, makeId, options);
    expect(await blocked.get()).toBeNull();
    await expect(blocked.set({ name: 'Sam', roles: ['writer'] })).rejects.toMatchObject({ code: 'io' });
  });
});
