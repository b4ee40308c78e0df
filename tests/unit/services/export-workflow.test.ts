import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  call,
  createDispatcher,
  createWorkspaceHandlers,
  type ApiDispatcher,
} from '../../../src-main/services/api/dispatch';
import { createChromiumPrinter } from '../../../src-main/services/export/chromium-printer';
import { openWorkspace } from '../../../src-main/services/workspace/store';
import type { Release } from '../../../src-shared/release/schema';
import { contentHash } from '../../../src-shared/workflow/content-hash';
import { createMemoryIdentityStore } from '../../../src-main/services/identity';
import { editRevisionFile, readStoredRelease, revisionNames } from '../../support/stored-release';
import { APPROVER, WRITER, value } from './people';

const printer = createChromiumPrinter();
afterAll(() => printer.close());

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((f) => rm(f, { recursive: true, force: true })));
});

async function temp(prefix: string) {
  const folder = await mkdtemp(join(tmpdir(), prefix));
  folders.push(folder);
  return folder;
}

/** A writer and an approver on one workspace; "now" is fixed so that embargo rules are deterministic. */
async function office(now = new Date('2026-11-24T09:00:00Z')) {
  const folder = await temp('pressroom-export-');
  const userData = await temp('pressroom-export-user-');
  const session = async (person: typeof WRITER) =>
    createDispatcher(
      createWorkspaceHandlers(await openWorkspace(folder), {
        identity: createMemoryIdentityStore(person),
        printer: () => printer,
        userData,
        now: () => now,
      }),
    );
  return { folder, writer: await session(WRITER), approver: await session(APPROVER) };
}

async function approvedRelease(
  writer: ApiDispatcher,
  approver: ApiDispatcher,
  change: Partial<Release> = {},
) {
  const created = await value(call(writer, 'releases.create', { type: 'news-release' }));
  let release = await value(
    call(writer, 'releases.save', {
      release: {
        ...created,
        headline: 'Council approves new cycle lanes',
        standfirst: 'The council voted on Monday to build three new cycle lanes.',
        ...change,
      },
    }),
  );
  release = await value(
    call(writer, 'releases.act', { id: release.id, revision: release.revision, action: 'submit' }),
  );
  return value(
    call(approver, 'releases.act', { id: release.id, revision: release.revision, action: 'approve' }),
  );
}

const events = async (api: ApiDispatcher, id: string) =>
  (await value(call(api, 'audit.read', { id }))).entries.map((e) => [
    e.event,
    e.details.kind ?? e.details.to ?? '',
  ]);

describe('export with the workflow rules', () => {
  it('exports a draft marked as such, in its file name and text, and records it in the trail', async () => {
    const { writer } = await office();
    const created = await value(call(writer, 'releases.create', { type: 'news-release' }));
    const saved = await value(
      call(writer, 'releases.save', { release: { ...created, headline: 'Draft headline' } }),
    );
    const out = await value(call(writer, 'export.release', { id: saved.id, format: 'txt' }));
    expect(out.draft).toBe(true);
    expect(out.published).toBe(false);
    expect(out.fileName).toMatch(/^DRAFT-NOT-APPROVED-.*\.txt$/);
    expect(Buffer.from(out.dataBase64, 'base64').toString('utf8')).toContain('DRAFT — NOT APPROVED');
    expect(out.release.status).toBe('draft');
    expect((await events(writer, saved.id)).at(-1)).toEqual(['exported', 'draft']);
  });

  it('a final export of an approved release records its hash, keeps a version and marks it published', async () => {
    const { writer, approver } = await office();
    const approved = await approvedRelease(writer, approver);
    const out = await value(call(writer, 'export.release', { id: approved.id, format: 'html' }));
    expect(out).toMatchObject({ draft: false, published: true, contentHash: contentHash(approved) });
    expect(out.fileName).not.toMatch(/DRAFT/);
    const html = Buffer.from(out.dataBase64, 'base64').toString('utf8');
    expect(html).not.toContain('class="draft-banner"');
    expect(html).not.toMatch(/class="release[^"]*is-draft/);
    expect(out.release.status).toBe('published');
    const trail = (await value(call(writer, 'audit.read', { id: approved.id }))).entries;
    expect(trail.slice(-2).map((e) => e.event)).toEqual(['published', 'exported']);
    expect(trail.at(-1)!.details).toMatchObject({
      format: 'html',
      kind: 'final',
      contentHash: contentHash(approved),
    });
    const versions = (await value(call(writer, 'history.list', { id: approved.id }))).versions;
    expect(versions[0]).toMatchObject({ reason: 'exported', status: 'published' });
  });

  it('asks for the embargo to be confirmed, naming it, before a final export under embargo', async () => {
    const { writer, approver } = await office(new Date('2026-07-01T09:00:00Z'));
    const approved = await approvedRelease(writer, approver, {
      header: {
        ...(await value(call(writer, 'releases.create', { type: 'news-release' }))).header,
        embargo: { until: '2026-07-18T00:01', timeZone: 'Europe/London' },
      },
    } as Partial<Release>);
    const refused = await call(writer, 'export.release', { id: approved.id, format: 'txt' });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'refused',
        message: expect.stringMatching(/embargo/i),
        details: { embargoLine: expect.stringMatching(/18 July 2026/) },
      },
    });
    expect((await value(call(writer, 'releases.get', { id: approved.id }))).status).toBe('approved');
    const out = await value(
      call(writer, 'export.release', { id: approved.id, format: 'txt', confirmEmbargo: true }),
    );
    expect(out.embargoLine).toMatch(/EMBARGOED UNTIL 00:01 BST ON 18 JULY 2026|00:01/i);
    expect(Buffer.from(out.dataBase64, 'base64').toString('utf8').split('\n').slice(0, 3).join('\n')).toMatch(
      /EMBARGO/,
    );
  });

  it('writes into a folder, remembers it, and makes a PDF that reads back with page numbers', async () => {
    const { writer, approver } = await office();
    const approved = await approvedRelease(writer, approver);
    const exportsFolder = join(await temp('pressroom-exports-'), 'nested', 'Exports');
    const out = await value(
      call(writer, 'export.toFolder', { id: approved.id, format: 'pdf', folder: exportsFolder }),
    );
    expect(out.path).toBe(join(exportsFolder, out.fileName));
    expect(await readdir(exportsFolder)).toEqual([out.fileName]);
    const pdf = await readFile(out.path);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', out.path, '-'], { encoding: 'utf8' });
    expect(text).toContain('Council approves new cycle lanes');
    expect(text).toMatch(/Page 1 of \d/);
    expect(text).not.toContain('DRAFT');
    expect(await value(call(writer, 'export.folder', {}))).toEqual({ folder: exportsFolder });

    expect(
      await call(writer, 'export.toFolder', { id: approved.id, format: 'pdf', folder: 'relative/path' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });

  it('refuses a final export when the stored sign-off no longer covers the text (a hand-edited file)', async () => {
    const { folder, writer, approver } = await office();
    const approved = await approvedRelease(writer, approver);
    // The approved revision, edited in place with its hash made to match: it reads as an approved release whose
    // text is not the one signed off.
    const newest = (await revisionNames(folder, approved.id)).pop()!;
    await editRevisionFile(
      folder,
      approved.id,
      newest,
      (r) => ({ ...r, headline: 'Edited in a text editor' }),
      {
        rehash: true,
      },
    );
    expect((await readStoredRelease(folder, approved.id))?.headline).toBe('Edited in a text editor');
    expect(await call(writer, 'export.release', { id: approved.id, format: 'html' })).toMatchObject({
      ok: false,
      error: { code: 'refused', message: /do not cover this exact text/ },
    });
  });

  it('never exports a revision whose text was changed after it was written (the hash does not match)', async () => {
    const { folder, writer, approver } = await office();
    const approved = await approvedRelease(writer, approver);
    const newest = (await revisionNames(folder, approved.id)).pop()!;
    await editRevisionFile(
      folder,
      approved.id,
      newest,
      (r) => ({ ...r, headline: 'Edited in a text editor' }),
      {
        rehash: false,
      },
    );
    // The edited revision is not used: the one before it (submitted, not approved) is what is shown.
    const shown = await value(call(writer, 'releases.get', { id: approved.id }));
    expect(shown.headline).toBe('Council approves new cycle lanes');
    expect(shown.status).not.toBe('approved');
    const problems = (await value(call(writer, 'workspace.describe', {}))).problems;
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: `releases/${approved.id}/${newest}`,
        message: expect.stringMatching(/changed after it was written/),
        movedTo: null,
      }),
    );
    const exported = await call(writer, 'export.release', { id: approved.id, format: 'html' });
    expect(JSON.stringify(exported)).not.toContain('Edited in a text editor');
  });
});

describe('the folder picker', () => {
  it('is the desktop app’s dialog where there is one, and a plain refusal where there is not', async () => {
    const folder = await temp('pressroom-picker-');
    const store = await openWorkspace(folder);
    const asked: unknown[] = [];
    const desktop = createDispatcher(
      createWorkspaceHandlers(store, {
        chooseFolder: (options) => {
          asked.push(options);
          return Promise.resolve('/home/sam/Exports');
        },
      }),
    );
    expect(
      await call(desktop, 'dialogs.chooseFolder', { title: 'Export into', defaultPath: '/tmp' }),
    ).toEqual({
      ok: true,
      value: { folder: '/home/sam/Exports' },
    });
    expect(asked).toEqual([{ title: 'Export into', defaultPath: '/tmp' }]);

    const browser = createDispatcher(createWorkspaceHandlers(store));
    expect(await call(browser, 'dialogs.chooseFolder', { title: 'Export into' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: /type the folder’s full path/ },
    });
  });
});

describe('who may publish', () => {
  it('refuses a final export, which publishes, by someone whose roles may not publish', async () => {
    const { folder, writer, approver } = await office();
    const approved = await approvedRelease(writer, approver);
    const reviewerOnly = createDispatcher(
      createWorkspaceHandlers(await openWorkspace(folder), {
        identity: createMemoryIdentityStore({ id: 'u-rafi', name: 'Rafi Reviewer', roles: ['reviewer'] }),
        printer: () => printer,
      }),
    );
    expect(await call(reviewerOnly, 'export.release', { id: approved.id, format: 'txt' })).toMatchObject({
      ok: false,
      error: { code: 'refused', message: /Only a writer or an approver can publish/ },
    });
    expect((await value(call(writer, 'releases.get', { id: approved.id }))).status).toBe('approved');
  });
});
