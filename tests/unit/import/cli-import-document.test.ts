import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_BAD_INPUT, EXIT_OK, runCli, type CliIo } from '../../../src-main/cli';
import { createAuditTrail } from '../../../src-main/services/review/audit-trail';
import { openWorkspace } from '../../../src-main/services/workspace/store';
import { checkRelease } from '../../../src-shared/checks/editorial-checks';
import { protectedPeopleNamed } from '../../../src-shared/release/schema';
import { wordFile } from '../../fixtures/import/make-fixtures';
import { IMPORT_FIXTURES } from '../../fixtures/import/releases';

const REPO = resolve(import.meta.dirname, '../../..');
let root: string;
let workspace: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'pressroom-cli-import-'));
  workspace = join(root, 'workspace');
  await cp(join(REPO, 'resources/default-workspace'), workspace, { recursive: true });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: { XDG_CONFIG_HOME: join(root, 'config') },
    cwd: root,
    now: () => new Date('2024-06-01T12:00:00Z'),
    createPrinter: () => {
      throw new Error('no PDF here');
    },
  };
  const code = await runCli([...args, '--workspace', workspace, '--as', 'Press Officer'], io);
  return { code, stdout, stderr };
}

describe('pressroom import FILE.docx|.md|.txt', () => {
  it('makes a draft from a Word file and prints what went where', async () => {
    const fixture = IMPORT_FIXTURES.find((f) => f.name === 'outcome')!;
    const file = join(root, 'sentencing.docx');
    await writeFile(file, await wordFile(fixture));
    const { code, stdout, stderr } = await cli(['import', file]);
    expect(stderr).toBe('');
    expect(code).toBe(EXIT_OK);
    expect(stdout).toMatch(/^Imported .*sentencing\.docx as draft r-\w+: Ashford man jailed for six years/);
    expect(stdout).toMatch(/^ {2}Headline +Ashford man jailed/m);
    expect(stdout).toMatch(/^ {2}Quotes +Detective Inspector Sarah Whitfield/m);
    expect(stdout).toMatch(/^ {2}Background +The burglaries took place/m);
    expect(stdout).toContain('Nothing was flagged');
    expect(stdout).toContain('Check: The date line gave no time');

    const id = /as draft (r-\w+)/.exec(stdout)![1]!;
    const store = await openWorkspace(workspace);
    const release = await store.get(id);
    expect(release.status).toBe('draft');
    expect(release.quotes[0]).toMatchObject({
      speakerName: 'Sarah Whitfield',
      speakerRole: 'Detective Inspector',
    });
    const trail = await createAuditTrail(store.layout).read(id);
    expect(trail[0]).toMatchObject({
      event: 'created',
      details: { source: 'import', file: 'sentencing.docx' },
    });
    expect(trail.some((entry) => entry.event === 'edited')).toBe(true);

    // An imported draft is a draft like any other: naming a protected person is an error of the checks.
    const findings = checkRelease(
      { ...release, anonymityList: protectedPeopleNamed('Daniel Price') },
      {
        profile: (await store.describe()).profile,
        now: new Date(),
        anonymityList: protectedPeopleNamed('Daniel Price'),
      },
    );
    expect(
      findings.some((finding) => finding.severity === 'error' && /protected/i.test(finding.message)),
    ).toBe(true);
  });

  it('flags what it could not place, in JSON too', async () => {
    const file = join(root, 'pasted.txt');
    await writeFile(
      file,
      'Northshire Police\n\nPlease circulate widely.\n\nFOR IMMEDIATE RELEASE\n\nRoad reopens after repairs\n\nThe A38 reopened this morning.\n',
    );
    const { code, stdout } = await cli(['import', file, '--json']);
    expect(code).toBe(EXIT_OK);
    const value = JSON.parse(stdout) as {
      blocks: Array<{ target: string; flag: string | null; text: string }>;
    };
    expect(value.blocks.filter((block) => block.flag)).toEqual([
      { target: 'body', flag: expect.stringMatching(/Above the headline/), text: 'Please circulate widely.' },
    ]);
  });

  it('refuses a file that is not a Word document', async () => {
    const file = join(root, 'broken.docx');
    await writeFile(file, 'not a zip');
    const { code, stderr } = await cli(['import', file]);
    expect(code).toBe(EXIT_BAD_INPUT);
    expect(stderr).toMatch(/could not read this as a Word document/);
    expect(await readFile(file, 'utf8')).toBe('not a zip');
  });
});
