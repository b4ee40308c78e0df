import { mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  call,
  createDispatcher,
  createWorkspaceHandlers,
  type ApiDispatcher,
} from '../../../src-main/services/api/dispatch';
import {
  openWorkspace,
  type LogoUpload,
  type WorkspaceStore,
} from '../../../src-main/services/workspace/store';
import {
  DEFAULT_PROFILE,
  DEFAULT_SETTINGS,
  WORKSPACE_SCHEMA_VERSION,
  type OrganisationProfile,
} from '../../../src-shared/release/schema';
import { as } from './people';

const T0 = Date.parse('2024-07-18T08:30:00.000Z');
const folders: string[] = [];

afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

interface Opened {
  folder: string;
  store: WorkspaceStore;
  dispatch: ApiDispatcher;
  logged: string[];
}

async function openTemp(): Promise<Opened> {
  const folder = await mkdtemp(join(tmpdir(), 'pressroom-profile-'));
  folders.push(folder);
  let time = T0;
  // One second per call, so that each logo gets its own timestamped name.
  const store = await openWorkspace(folder, { now: () => new Date((time += 1000)) });
  const logged: string[] = [];
  return {
    folder,
    store,
    logged,
    dispatch: createDispatcher(createWorkspaceHandlers(store, as()), (m) => logged.push(m)),
  };
}

const listFolder = (path: string) => readdir(path).catch(() => [] as string[]);

/**
 * Profile and settings are no longer written to workspace.json (issue 12, item 5): each computer appends the
 * fields it changes to workspace-changes/<computer>.jsonl. These read what was appended.
 */
interface ChangeLine {
  field: string;
  value?: unknown;
  computer: { id: string; name: string };
}
async function changeLines(folder: string): Promise<ChangeLine[]> {
  const lines: ChangeLine[] = [];
  for (const name of (await listFolder(join(folder, 'workspace-changes'))).sort()) {
    if (!name.endsWith('.jsonl')) continue;
    const text = await readFile(join(folder, 'workspace-changes', name), 'utf8');
    for (const line of text.split('\n').filter(Boolean)) lines.push(JSON.parse(line) as ChangeLine);
  }
  return lines;
}
/** Everything stored about profile and settings, to check that a refused change wrote nothing. */
async function storedState(folder: string): Promise<string> {
  const workspaceJson = await readFile(join(folder, 'workspace.json'), 'utf8').catch(() => null);
  return JSON.stringify({ workspaceJson, changes: await changeLines(folder) });
}
const lastValue = async (folder: string, field: string): Promise<unknown> =>
  (await changeLines(folder)).filter((line) => line.field === field).at(-1)?.value;

/** A real 1x1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
/** Enough of each format's header for the magic-number check; the store never decodes the picture itself. */
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
const GIF = Buffer.concat([Buffer.from('GIF89a'), Buffer.from([1, 0, 1, 0, 0, 0, 0])]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([26, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);

const upload = (
  bytes: Buffer,
  mediaType: LogoUpload['mediaType'] = 'image/png',
  fileName = 'logo.png',
): LogoUpload => ({ fileName, mediaType, dataBase64: bytes.toString('base64') });

const northshire: OrganisationProfile = {
  ...DEFAULT_PROFILE,
  name: 'Northshire Office for Police Conduct',
  boilerplate: 'The Northshire Office for Police Conduct oversees complaints against the police.',
  contacts: [
    {
      name: 'Sam Okafor',
      role: 'Press officer',
      phone: '0300 020 0096',
      email: 'press@northshire.example',
      outOfHours: '07700 900123',
    },
  ],
  outOfHours: 'Out of hours: 07700 900000',
  timeZone: 'Europe/Dublin',
  locale: 'en-IE',
  endMark: '-ENDS-',
  wordsToAvoid: ['alleged victim', 'perpetrator'],
  limits: { ...DEFAULT_PROFILE.limits, headlineCharacters: 80 },
};

describe('organisation profile', () => {
  // Was: "writes it to workspace.json". workspace.json is never written now; the changed fields are appended to
  // this computer's own log, and only those that differ.
  it('saves a profile through the API as changed fields in this computer’s log and reads it back after reopening', async () => {
    const { folder, store, dispatch } = await openTemp();
    const result = await call(dispatch, 'workspace.updateProfile', { profile: northshire });
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({ profile: northshire, logoDataUrl: null }),
    });

    expect(await listFolder(folder)).not.toContain('workspace.json');
    expect(await listFolder(join(folder, 'workspace-changes'))).toEqual([
      `${store.layout.computer.id}.jsonl`,
    ]);
    expect((await changeLines(folder)).map((line) => line.field).sort()).toEqual([
      'profile.boilerplate',
      'profile.contacts',
      'profile.endMark',
      'profile.limits.headlineCharacters',
      'profile.locale',
      'profile.name',
      'profile.outOfHours',
      'profile.timeZone',
      'profile.wordsToAvoid',
    ]);
    // Saving the same profile again adds nothing.
    await call(dispatch, 'workspace.updateProfile', { profile: northshire });
    expect(await changeLines(folder)).toHaveLength(9);
    const reopened = await openWorkspace(folder);
    expect((await reopened.describe()).profile).toEqual(northshire);
  });

  it('refuses an invalid profile with an error value naming the fields, and leaves workspace.json alone', async () => {
    const { folder, dispatch, logged } = await openTemp();
    const before = await storedState(folder);
    const result = await call(dispatch, 'workspace.updateProfile', {
      profile: {
        ...northshire,
        timeZone: 'Mars/Olympus',
        limits: { ...northshire.limits, headlineWords: 0 },
      },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid-input');
    expect(result.error.message).toMatch(/profile\.timeZone: Unknown time zone/);
    expect(result.error.message).toMatch(/profile\.limits\.headlineWords/);
    expect(await storedState(folder)).toBe(before);
    expect(logged).toEqual([]);
  });

  it('keeps the stored logo whatever a profile save says, so a stale form or a crafted path cannot change it', async () => {
    const { store, dispatch } = await openTemp();
    const withLogo = await store.setLogo(upload(PNG));
    const result = await call(dispatch, 'workspace.updateProfile', {
      profile: { ...northshire, logo: '../workspace.json' },
    });
    expect(result.ok && result.value.profile.logo).toBe(withLogo.logo);
    const stale = await call(dispatch, 'workspace.updateProfile', { profile: { ...northshire, logo: null } });
    expect(stale.ok && stale.value.profile.logo).toBe(withLogo.logo);
    expect(stale.ok && stale.value.logoDataUrl).toBe(`data:image/png;base64,${PNG.toString('base64')}`);
  });
});

describe('logo', () => {
  it('stores an uploaded PNG in assets/ and describes it as a data: URL', async () => {
    const { folder, dispatch } = await openTemp();
    const result = await call(dispatch, 'workspace.setLogo', upload(PNG));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const name = result.value.profile.logo;
    expect(name).toMatch(/^logo-2024-07-18T08-30-\d\d-000Z\.png$/);
    expect(await readdir(join(folder, 'assets'))).toEqual([name]);
    expect(await readFile(join(folder, 'assets', name!))).toEqual(PNG);
    expect(result.value.logoDataUrl).toBe(`data:image/png;base64,${PNG.toString('base64')}`);
    expect(await lastValue(folder, 'profile.logo')).toBe(name);
    expect(result.value.problems).toEqual([]);
  });

  it.each([
    ['image/jpeg', JPEG, 'jpg'],
    ['image/gif', GIF, 'gif'],
    ['image/webp', WEBP, 'webp'],
  ] as const)('accepts %s by its magic number', async (mediaType, bytes, extension) => {
    const { store } = await openTemp();
    const profile = await store.setLogo({
      fileName: `logo.${extension}`,
      mediaType,
      dataBase64: bytes.toString('base64'),
    });
    expect(profile.logo?.endsWith(`.${extension}`)).toBe(true);
    expect((await store.describe()).logoDataUrl).toBe(`data:${mediaType};base64,${bytes.toString('base64')}`);
  });

  it.each([
    ['a text file renamed .png', Buffer.from('Quarterly figures\n'), /“notes\.png” is not a PNG image/],
    [
      'an SVG renamed .png',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      /not a PNG image/,
    ],
    ['a JPEG named .png', JPEG, /really a JPEG image\. Rename it to end in \.jpg/],
    ['a truncated PNG signature', PNG.subarray(0, 4), /not a PNG image/],
    ['an empty file', Buffer.alloc(0), /is empty/],
  ])('refuses %s and writes nothing', async (_what, bytes, message) => {
    const { folder, dispatch } = await openTemp();
    const before = await storedState(folder);
    const result = await call(dispatch, 'workspace.setLogo', upload(bytes, 'image/png', 'notes.png'));
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringMatching(message) },
    });
    expect(await listFolder(join(folder, 'assets'))).toEqual([]);
    expect(await storedState(folder)).toBe(before);
  });

  it('refuses base64 that does not decode cleanly', async () => {
    const { dispatch } = await openTemp();
    const result = await call(dispatch, 'workspace.setLogo', {
      fileName: 'logo.png',
      mediaType: 'image/png',
      dataBase64: `${PNG.toString('base64').slice(0, 20)}!!<>`,
    });
    expect(!result.ok && result.error.message).toMatch(/arrived damaged/);
  });

  it('refuses a logo over 2 MB, both at the API boundary and in the store', async () => {
    const { folder, store, dispatch } = await openTemp();
    const justOver = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024 + 1 - PNG.length)]);
    const inStore = await call(dispatch, 'workspace.setLogo', upload(justOver));
    expect(inStore).toEqual({
      ok: false,
      error: {
        code: 'invalid-input',
        message: expect.stringMatching(/smaller than 2 MB; “logo\.png” is 2 MB/),
      },
    });
    const muchLarger = await call(dispatch, 'workspace.setLogo', upload(Buffer.alloc(3 * 1024 * 1024, 0x89)));
    expect(!muchLarger.ok && muchLarger.error).toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(/The logo must be smaller than 2 MB/),
    });
    await expect(store.setLogo(upload(justOver))).rejects.toMatchObject({ code: 'invalid-input' });
    expect(await listFolder(join(folder, 'assets'))).toEqual([]);
    // Exactly 2 MB is allowed.
    const atLimit = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024 - PNG.length)]);
    expect((await store.setLogo(upload(atLimit))).logo).not.toBeNull();
  });

  it('moves the old logo to trash/ when it is replaced, and the trash still lists no releases', async () => {
    const { folder, store, dispatch } = await openTemp();
    const first = (await store.setLogo(upload(PNG))).logo!;
    const replaced = await call(dispatch, 'workspace.setLogo', upload(GIF, 'image/gif', 'new.gif'));
    expect(replaced.ok).toBe(true);
    if (!replaced.ok) return;
    const second = replaced.value.profile.logo!;
    expect(second).not.toBe(first);
    expect(await readdir(join(folder, 'assets'))).toEqual([second]);
    expect((await readdir(join(folder, 'trash'))).sort()).toEqual([first]);
    expect(await readFile(join(folder, 'trash', first))).toEqual(PNG);
    expect(replaced.value.logoDataUrl).toMatch(/^data:image\/gif;base64,/);
    expect(await store.listTrash()).toEqual([]);
    expect((await store.describe()).problems).toEqual([]);
  });

  it('removes the logo by moving it to trash/, and removing again is harmless', async () => {
    const { folder, store, dispatch } = await openTemp();
    const name = (await store.setLogo(upload(PNG))).logo!;
    const removed = await call(dispatch, 'workspace.removeLogo', {});
    expect(removed).toEqual({
      ok: true,
      value: expect.objectContaining({ logoDataUrl: null, profile: expect.objectContaining({ logo: null }) }),
    });
    expect(await readdir(join(folder, 'assets'))).toEqual([]);
    expect(await readdir(join(folder, 'trash'))).toEqual([name]);
    expect(await lastValue(folder, 'profile.logo')).toBeNull();
    expect((await call(dispatch, 'workspace.removeLogo', {})).ok).toBe(true);
    expect(await readdir(join(folder, 'trash'))).toEqual([name]);
  });

  it('reports a logo file that has gone missing instead of failing, and clears the report once replaced', async () => {
    const { folder, store } = await openTemp();
    const name = (await store.setLogo(upload(PNG))).logo!;
    await unlink(join(folder, 'assets', name));
    const description = await store.describe();
    expect(description.logoDataUrl).toBeNull();
    expect(description.profile.logo).toBe(name);
    expect(description.problems).toEqual([
      { file: `assets/${name}`, movedTo: null, message: expect.stringMatching(/logo file is missing/) },
    ]);
    await store.setLogo(upload(PNG));
    expect((await store.describe()).problems).toEqual([]);
  });

  it('never opens a logo path that was typed into workspace.json by hand', async () => {
    const { folder, store } = await openTemp();
    const file = {
      schemaVersion: WORKSPACE_SCHEMA_VERSION,
      profile: DEFAULT_PROFILE,
      settings: DEFAULT_SETTINGS,
      people: [],
    };
    file.profile = { ...DEFAULT_PROFILE, logo: '../workspace.json' };
    await writeFile(join(folder, 'workspace.json'), JSON.stringify(file));
    const description = await store.describe();
    expect(description.logoDataUrl).toBeNull();
    expect(description.problems).toEqual([
      {
        file: 'assets/../workspace.json',
        movedTo: null,
        message: expect.stringMatching(/not a logo Pressroom stored/),
      },
    ]);
  });
});
