import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, runCli, type CliIo } from '../../../src-main/cli';
import { call, createDispatcher, createWorkspaceHandlers } from '../../../src-main/services/api/dispatch';
import { createMemoryIdentityStore } from '../../../src-main/services/identity';
import { openWorkspace } from '../../../src-main/services/workspace/store';
import type { PdfPrinter } from '../../../src-main/services/export/pdf-printer';
import { RELEASE_SCHEMA_VERSION, type Release } from '../../../src-shared/release/schema';
import {
  readStoredRelease,
  revisionNames,
  storedHeads,
  storedReleaseIds,
} from '../../support/stored-release';
import { BEFORE_EMBARGO, pdfText, release, squash } from './fixtures';

const run = promisify(execFile);
const REPO = resolve(import.meta.dirname, '../../..');

let root: string;
let workspace: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'pressroom-cli-'));
  workspace = join(root, 'workspace');
  await cp(join(REPO, 'resources/default-workspace'), workspace, { recursive: true });
  await writeRelease(release({}, 'approved'));
  await writeRelease(release({ id: 'r-draft1', headline: 'Draft about a burglary' }, 'draft'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/**
 * A release file as an older Pressroom kept it (`releases/<id>.json`), or a release file to import: in the
 * workspace it is taken in as a revision when the CLI first lists the releases.
 */
async function writeRelease(r: Release, folder = join(workspace, 'releases')): Promise<string> {
  await mkdir(folder, { recursive: true });
  const file = join(folder, `${r.id}.json`);
  await writeFile(file, JSON.stringify(r, null, 2));
  return file;
}

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
  printed: number;
  closed: number;
}

async function cli(
  args: string[],
  overrides: Partial<CliIo> & { printer?: PdfPrinter } = {},
): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const counts = { printed: 0, closed: 0 };
  const printer: PdfPrinter = overrides.printer ?? {
    print: () => {
      counts.printed++;
      return Promise.resolve(new TextEncoder().encode('%PDF-1.4 fake'));
    },
    close: () => {
      counts.closed++;
      return Promise.resolve();
    },
  };
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    // The default workspace of these runs lives in the temporary folder, never in the real home.
    env: { XDG_CONFIG_HOME: join(root, 'config') },
    cwd: root,
    now: () => BEFORE_EMBARGO,
    createPrinter: () => printer,
    ...overrides,
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr, ...counts };
}

const ws = () => ['--workspace', workspace];

/** A release's audit trail as the app reads it (one chain per computer since issue 12), via the API. */
async function trailOf(folder: string, id: string) {
  const api = createDispatcher(createWorkspaceHandlers(await openWorkspace(folder)));
  const report = await call(api, 'audit.read', { id });
  if (!report.ok) throw new Error(report.error.message);
  expect(report.value.intact).toBe(true);
  return report.value.entries;
}

describe('pressroom list', () => {
  it('lists the releases of the workspace as a table', async () => {
    const { code, stdout, stderr } = await cli(['list', ...ws()]);
    expect(code).toBe(EXIT_OK);
    expect(stderr).toBe('');
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+STATUS\s+DATE\s+HEADLINE$/);
    // Dates in house style, as the release's own pages give them (issue 14, item 11b).
    expect(stdout).toMatch(/r-ashford1\s+approved\s+18 July 2024 at 09:30\s+Ashford man jailed/);
    expect(stdout).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(stdout).toMatch(/example-witness-appeal\s+draft/);
  });

  it('answers in JSON with --json', async () => {
    const { code, stdout } = await cli(['list', '--json', ...ws()]);
    expect(code).toBe(EXIT_OK);
    const list = JSON.parse(stdout) as Array<{ id: string; status: string }>;
    expect(list.map((item) => item.id).sort()).toEqual(['example-witness-appeal', 'r-ashford1', 'r-draft1']);
    // The release files of the older format were taken in as revisions and kept whole under older-format/.
    expect(await storedReleaseIds(workspace)).toEqual(['example-witness-appeal', 'r-ashford1', 'r-draft1']);
    expect(await readFile(join(workspace, 'older-format', 'releases', 'r-ashford1.json'), 'utf8')).toBe(
      JSON.stringify(release({}, 'approved'), null, 2),
    );
    expect((await readdir(join(workspace, 'releases'))).filter((name) => name.endsWith('.json'))).toEqual([]);
  });

  it('opens the default workspace like the app (seeded on first use), or PRESSROOM_WORKSPACE', async () => {
    const byDefault = await cli(['list', '--json']);
    expect(byDefault.code).toBe(EXIT_OK);
    expect(JSON.parse(byDefault.stdout)).toEqual([expect.objectContaining({ id: 'example-witness-appeal' })]);
    // The releases folder marks it: workspace.json is no longer written (issue 12, item 5).
    expect(existsSync(join(root, 'config', 'Pressroom', 'workspace', 'releases'))).toBe(true);

    const byEnv = await cli(['list', '--json'], {
      env: { XDG_CONFIG_HOME: join(root, 'config'), PRESSROOM_WORKSPACE: workspace },
    });
    expect(JSON.parse(byEnv.stdout)).toHaveLength(3);
  });

  it('refuses a workspace folder that does not exist rather than creating one', async () => {
    const { code, stderr, stdout } = await cli(['list', '--workspace', join(root, 'typo'), '--json']);
    expect(code).toBe(EXIT_BAD_INPUT);
    expect(stderr).toBe(`pressroom: There is no workspace folder at ${join(root, 'typo')}.\n`);
    expect(JSON.parse(stdout)).toEqual({
      error: { code: 'invalid-input', message: `There is no workspace folder at ${join(root, 'typo')}.` },
    });
    expect(existsSync(join(root, 'typo'))).toBe(false);
  });

  it('warns about a damaged release file and lists the rest', async () => {
    await writeFile(join(workspace, 'releases', 'broken.json'), '{ not json');
    const { code, stdout, stderr } = await cli(['list', ...ws()]);
    expect(code).toBe(EXIT_OK);
    expect(stderr).toMatch(/^pressroom: warning: releases\/broken\.json/);
    expect(stdout).toContain('r-ashford1');
  });
});

describe('pressroom check', () => {
  it('prints the findings of a release and exits 0 when none is an error', async () => {
    const { code, stdout } = await cli(['check', 'r-ashford1', ...ws()]);
    expect(code).toBe(EXIT_OK);
    expect(stdout.trim().split('\n').at(-1)).toMatch(/^(?:No problems found\.|0 errors, \d+ warnings?\.)$/);
  });

  it('exits 1 when a finding is an error, and lists it', async () => {
    const bad = release({
      id: 'r-bad',
      quotes: [{ ...release().quotes[0]!, speakerName: '', speakerRole: '' }],
      canonicalUrl: 'javascript:alert(1)',
    });
    await writeRelease(bad);
    const { code, stdout } = await cli(['check', 'r-bad', ...ws()]);
    expect(code).toBe(EXIT_FAILED);
    expect(stdout).toMatch(/^error\s+quotes\.0\.\w+: /m);
    expect(stdout).toMatch(/^error\s+canonicalUrl: /m);
    const json = await cli(['check', 'r-bad', '--json', ...ws()]);
    expect(json.code).toBe(EXIT_FAILED);
    const report = JSON.parse(json.stdout) as {
      id: string;
      errors: number;
      findings: Array<{ rule: string }>;
    };
    expect(report.id).toBe('r-bad');
    expect(report.errors).toBeGreaterThanOrEqual(2);
    expect(report.findings.length).toBeGreaterThanOrEqual(report.errors);
  });

  it('checks a release file, of an older schema version too, without any workspace', async () => {
    const { schemaVersion: _v, approvals: _a, editedSinceApproval: _e, ...older } = release({}, 'draft');
    const file = join(root, 'older.json');
    await writeFile(file, JSON.stringify({ ...older, schemaVersion: 2 }));
    const { code, stdout } = await cli(['check', file, '--json']);
    expect(code).toBe(EXIT_OK);
    expect(JSON.parse(stdout)).toMatchObject({ file, errors: 0 });
    // Nothing was created for it.
    expect(existsSync(join(root, 'config'))).toBe(false);
  });

  it.each([
    [
      'a file that does not exist',
      'missing.json',
      /^pressroom: Cannot read .*missing\.json: no such file or folder\.$/,
    ],
    ['a file that is not JSON', 'garbage.json', /not valid JSON/],
    ['a file that is not a release', 'other.json', /This release file is not valid: /],
    ['a file from a newer Pressroom', 'newer.json', /made by a newer Pressroom/],
    ['an unknown id', 'r-nope', /^pressroom: No release "r-nope" in .*Run pressroom list to see the ids\.$/],
  ])('refuses %s with one clear line and exit 2', async (_what, target, message) => {
    await writeFile(join(root, 'garbage.json'), '{"headline": ');
    await writeFile(join(root, 'other.json'), JSON.stringify({ hello: 'world' }));
    await writeFile(
      join(root, 'newer.json'),
      JSON.stringify({ ...release(), schemaVersion: RELEASE_SCHEMA_VERSION + 1 }),
    );
    const { code, stderr } = await cli(['check', target, ...ws()]);
    expect(code).toBe(EXIT_BAD_INPUT);
    const [first] = stderr.trimEnd().split('\n');
    expect(first).toMatch(message);
  });
});

describe('pressroom export', () => {
  it('writes an approved release as HTML into a folder under its own name', async () => {
    const out = join(root, 'out');
    await mkdir(out);
    const { code, stdout } = await cli([
      'export',
      'r-ashford1',
      '--format',
      'html',
      '--out',
      out,
      '--confirm-embargo',
      ...ws(),
    ]);
    expect(code).toBe(EXIT_OK);
    const name = '2024-07-18-ashford-man-jailed-for-harassing-former-partner-r-ashford1.html';
    expect(await readdir(out)).toEqual([name]);
    expect(stdout).toContain(`Exported r-ashford1 to ${join(out, name)}`);
    expect(stdout).toContain('Under embargo: EMBARGOED UNTIL 00:01 BST, Thursday 18 July 2024.');
    const html = await readFile(join(out, name), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('@font-face');
    expect(html).not.toContain('class="draft-banner"');
  });

  it('records a final export as the named person and publishes; under embargo only when confirmed', async () => {
    const refused = await cli(['export', 'r-ashford1', '--format', 'txt', ...ws()]);
    expect(refused.code).toBe(EXIT_FAILED);
    // The refusal is said once, in the CLI's words (issue 14, item 11b).
    expect(refused.stderr).toBe(
      'pressroom: This release is under embargo (EMBARGOED UNTIL 00:01 BST, Thursday 18 July 2024). ' +
        'Add --confirm-embargo to export it as final.\n',
    );

    const done = await cli([
      'export',
      'r-ashford1',
      '--format',
      'txt',
      '--confirm-embargo',
      '--as',
      'Pat Press Officer',
      '--json',
      ...ws(),
    ]);
    expect(done.code).toBe(EXIT_OK);
    expect(JSON.parse(done.stdout)).toMatchObject({ draft: false, published: true, status: 'published' });
    const events = await trailOf(workspace, 'r-ashford1');
    expect(events.map((e) => [e.event, e.actor.name])).toEqual([
      ['published', 'Pat Press Officer'],
      ['exported', 'Pat Press Officer'],
    ]);
  });

  it('marks a release that is not approved as a draft, in the file and its name', async () => {
    const { code, stdout } = await cli(['export', 'r-draft1', '--format', 'txt', ...ws(), '--json']);
    expect(code).toBe(EXIT_OK);
    const result = JSON.parse(stdout) as {
      file: string;
      draft: boolean;
      status: string;
      contentHash: string;
    };
    expect(result).toMatchObject({ draft: true, status: 'draft' });
    expect(result.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(result.file).toBe(join(root, 'DRAFT-NOT-APPROVED-2024-07-18-draft-about-a-burglary-r-draft1.txt'));
    expect((await readFile(result.file, 'utf8')).split('\n')[0]).toBe('DRAFT — NOT APPROVED');
  });

  it('takes the format from --out when --format is not given, and honours an exact file name', async () => {
    const target = join(root, 'release.txt');
    const { code } = await cli(['export', 'r-ashford1', '--out', target, '--confirm-embargo', ...ws()]);
    expect(code).toBe(EXIT_OK);
    expect(await readFile(target, 'utf8')).toContain('Ashford man jailed');
  });

  it('prints a PDF with one printer and closes it', async () => {
    const result = await cli([
      'export',
      'r-ashford1',
      '--format',
      'pdf',
      '--page-size',
      'Letter',
      '--confirm-embargo',
      ...ws(),
    ]);
    expect(result.code).toBe(EXIT_OK);
    expect(result.printed).toBe(1);
    expect(result.closed).toBe(1);
    expect(
      await readFile(
        join(root, '2024-07-18-ashford-man-jailed-for-harassing-former-partner-r-ashford1.pdf'),
        'utf8',
      ),
    ).toBe('%PDF-1.4 fake');
  });

  it('exits 1 with the reason when the PDF cannot be made, and still closes the printer', async () => {
    let closed = 0;
    const { code, stderr } = await cli(
      ['export', 'r-ashford1', '--format', 'pdf', '--confirm-embargo', ...ws()],
      {
        printer: {
          print: () => Promise.reject(new Error('Chromium crashed')),
          close: () => {
            closed++;
            return Promise.resolve();
          },
        },
      },
    );
    expect(code).toBe(EXIT_FAILED);
    expect(stderr).toBe('pressroom: The PDF could not be made: Chromium crashed\n');
    expect(closed).toBe(1);
  });

  it.each([
    [['export', '--format', 'html'], /^pressroom: export needs a release id\.$/],
    [['export', 'r-ashford1'], /^pressroom: export needs --format html, pdf, txt or docx\.$/],
    [
      ['export', 'r-ashford1', '--format', 'odt'],
      /^pressroom: --format must be html, pdf, txt or docx, not "odt"\.$/,
    ],
    [
      ['export', 'r-ashford1', '--format', 'pdf', '--page-size', 'A3'],
      /^pressroom: --page-size must be A4 or Letter/,
    ],
    [['export', 'r-nope', '--format', 'html'], /^pressroom: No release "r-nope"/],
    [
      ['export', 'r-ashford1', '--format', 'html', '--out', '/nonexistent/folder/x.html'],
      /^pressroom: There is no folder at \/nonexistent\/folder/,
    ],
    [
      ['export', 'r-ashford1', 'extra', '--format', 'html'],
      /^pressroom: export takes one argument; "extra" is one too many\.$/,
    ],
  ])('refuses %j with exit 2', async (args, message) => {
    const { code, stderr, printed } = await cli([...args, ...ws()]);
    expect(code).toBe(EXIT_BAD_INPUT);
    expect(stderr.split('\n')[0]).toMatch(message);
    expect(printed).toBe(0);
  });
});

describe('pressroom import', () => {
  it('opens a .pressrelease file whole, with its trail, and refuses a tampered one', async () => {
    const elsewhere = join(root, 'elsewhere');
    const api = createDispatcher(
      createWorkspaceHandlers(await openWorkspace(elsewhere), {
        identity: createMemoryIdentityStore({ id: 'u-wren', name: 'Wren Writer', roles: ['writer'] }),
      }),
    );
    const created = await call(api, 'releases.create', { type: 'statement' });
    if (!created.ok) throw new Error(created.error.message);
    await call(api, 'releases.save', { release: { ...created.value, headline: 'Statement on the inquiry' } });
    const saved = await call(api, 'releaseFile.save', { id: created.value.id });
    if (!saved.ok) throw new Error(saved.error.message);
    const file = join(root, 'statement.pressrelease');
    await writeFile(file, saved.value.text);

    const { code, stdout } = await cli(['import', file, ...ws(), '--json']);
    expect(code).toBe(EXIT_OK);
    expect(JSON.parse(stdout)).toMatchObject({ id: created.value.id, outcome: 'added', status: 'draft' });
    expect(await trailOf(workspace, created.value.id)).toEqual(await trailOf(elsewhere, created.value.id));
    expect(await readStoredRelease(workspace, created.value.id)).toMatchObject({
      headline: 'Statement on the inquiry',
    });

    const tampered = join(root, 'tampered.pressrelease');
    // The trail travels as one chain per computer (issue 12): the first entry of the first chain is changed.
    const parsed = JSON.parse(saved.value.text) as { audit: { chains: Array<{ text: string }> } };
    const chain = parsed.audit.chains[0]!;
    expect(chain.text).toContain('"event":"created"');
    chain.text = chain.text.replace('"event":"created"', '"event":"edited"');
    await writeFile(tampered, JSON.stringify(parsed));
    const refused = await cli(['import', tampered, ...ws()]);
    expect(refused.code).toBe(EXIT_BAD_INPUT);
    expect(refused.stderr).toMatch(
      /audit trail does not check out: .*Entry 1 was changed after it was written/,
    );
    // Nothing of the tampered file was added: the release has the revisions of the first import only.
    expect(await storedReleaseIds(workspace)).toEqual(
      ['example-witness-appeal', 'r-ashford1', 'r-draft1', created.value.id].sort(),
    );
  });

  it('imports a release file as a draft, keeping its id when it is free', async () => {
    const file = await writeRelease(
      release({ id: 'r-fresh', headline: 'Imported release' }, 'approved'),
      root,
    );
    const { code, stdout } = await cli(['import', file, ...ws(), '--json']);
    expect(code).toBe(EXIT_OK);
    expect(JSON.parse(stdout)).toMatchObject({ id: 'r-fresh', originalId: 'r-fresh', status: 'draft' });
    const stored = await readStoredRelease(workspace, 'r-fresh');
    // Added as revisions of this workspace, one version (nothing taken in from an older file).
    expect((await storedHeads(workspace, 'r-fresh'))!.heads).toHaveLength(1);
    expect((await revisionNames(workspace, 'r-fresh')).every((name) => !name.includes('.in-'))).toBe(true);
    // A sign-off made elsewhere is not one of this workspace's: it arrives as a draft without approvals.
    expect(stored).toMatchObject({ headline: 'Imported release', status: 'draft', approvals: [] });
    // Its trail starts with who brought it in.
    const [first] = await trailOf(workspace, 'r-fresh');
    expect(first).toMatchObject({ event: 'created', details: { source: 'import', file } });
  });

  it('gives the release a new id when its own is taken', async () => {
    const file = await writeRelease(release({ headline: 'Same id, other text' }), root);
    const { code, stdout } = await cli(['import', file, ...ws()]);
    expect(code).toBe(EXIT_OK);
    expect(stdout).toMatch(/^Imported .* as draft r-[0-9a-f]{10}: Same id, other text$/m);
    expect(stdout).toMatch(
      /The id r-ashford1 is already taken in this workspace, so the release is now r-[0-9a-f]{10}\./,
    );
    const ids = await storedReleaseIds(workspace);
    expect(ids).toHaveLength(4);
    const newId = ids.find((id) => !['example-witness-appeal', 'r-ashford1', 'r-draft1'].includes(id))!;
    expect(await readStoredRelease(workspace, newId)).toMatchObject({ headline: 'Same id, other text' });
    // The release that had the id is untouched: its one revision (taken in) and its older file as they were.
    expect(await revisionNames(workspace, 'r-ashford1')).toHaveLength(1);
    const original = (await readStoredRelease(workspace, 'r-ashford1'))!;
    expect(original.headline).toBe('Ashford man jailed for harassing former partner');
    expect(await readFile(join(workspace, 'older-format', 'releases', 'r-ashford1.json'), 'utf8')).toBe(
      JSON.stringify(release({}, 'approved'), null, 2),
    );
  });

  it('refuses an invalid file with exit 2 and imports nothing', async () => {
    const file = join(root, 'bad.json');
    await writeFile(file, JSON.stringify({ ...release(), headline: 42 }));
    const { code, stderr } = await cli(['import', file, ...ws()]);
    expect(code).toBe(EXIT_BAD_INPUT);
    expect(stderr).toMatch(/This release file is not valid: headline: /);
    const listed = await openWorkspace(workspace).then((store) => store.list());
    expect(listed.map((item) => item.id).sort()).toEqual([
      'example-witness-appeal',
      'r-ashford1',
      'r-draft1',
    ]);
  });
});

describe('pressroom usage', () => {
  it.each([
    [[], /^pressroom: No command given/],
    [['publish'], /^pressroom: Unknown command "publish": use list, check, export, import or newsroom\.$/],
    [['list', '--frobnicate'], /^pressroom: Unknown option '--frobnicate'/],
    [['list', 'extra'], /^pressroom: list takes no argument; "extra" is one too many\.$/],
    [['check'], /^pressroom: check needs a release id or a release file\.$/],
    [['import'], /^pressroom: import needs a release file\.$/],
  ])('%j exits 2 with one clear line', async (args, message) => {
    const { code, stderr } = await cli(args);
    expect(code).toBe(EXIT_BAD_INPUT);
    expect(stderr.split('\n')[0]).toMatch(message);
  });

  it('prints the usage for --help', async () => {
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(EXIT_OK);
    expect(stdout).toMatch(/^Usage: pressroom <command>/);
  });
});

describe('the pressroom command', () => {
  it('runs from bin/pressroom.mjs: a list, a real PDF, and exit 2 on bad input', async () => {
    const bin = join(REPO, 'bin/pressroom.mjs');
    const env = { ...process.env, XDG_CONFIG_HOME: join(root, 'config') };
    const listed = await run(process.execPath, [bin, 'list', '--json', ...ws()], { env, cwd: root });
    expect((JSON.parse(listed.stdout) as unknown[]).length).toBe(3);

    const exported = await run(
      process.execPath,
      [bin, 'export', 'r-draft1', '--format', 'pdf', '--out', join(root, 'draft.pdf'), ...ws()],
      { env, cwd: root, timeout: 30_000 },
    );
    expect(exported.stdout).toContain(`Exported r-draft1 to ${join(root, 'draft.pdf')}`);
    const text = squash(pdfText(await readFile(join(root, 'draft.pdf')), 'raw'));
    expect(text).toContain('Draft about a burglary');
    expect(text).toContain('DRAFT — NOT APPROVED');

    const failed = await run(process.execPath, [bin, 'frobnicate'], { env, cwd: root }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr).toMatch(/^pressroom: Unknown command "frobnicate"/);
  }, 60_000);
});
