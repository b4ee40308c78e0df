import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT_BAD_INPUT, EXIT_OK, runCli, type CliIo } from '../../../src-main/cli';
import type { NewsroomReport } from '../../../src-shared/newsroom/newsroom-api';
import { AFTER_LIFT, BEFORE_LIFT, newsroomReleases } from './newsroom-fixtures';

const REPO = resolve(import.meta.dirname, '../../..');
let root: string;
let workspace: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'pressroom-newsroom-cli-'));
  workspace = join(root, 'workspace');
  await cp(join(REPO, 'resources/default-workspace'), workspace, { recursive: true });
  await mkdir(join(workspace, 'releases'), { recursive: true });
  // Six of the fixtures are enough here: the embargoed one, a draft and four published.
  const releases = newsroomReleases().filter((release) =>
    ['r-news00', 'r-news01', 'r-news02', 'r-news03', 'r-embargo-later', 'r-draft'].includes(release.id),
  );
  for (const release of releases) {
    await writeFile(join(workspace, 'releases', `${release.id}.json`), JSON.stringify(release, null, 2));
  }
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function cli(args: string[], now: Date) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: { XDG_CONFIG_HOME: join(root, 'config') },
    cwd: root,
    now: () => now,
    createPrinter: () => {
      throw new Error('no PDF here');
    },
  };
  const code = await runCli(['--workspace', workspace, ...args], io);
  return { code, stdout, stderr };
}

describe('pressroom newsroom', () => {
  it('writes the site into --out, reports held-back releases, and rewrites nothing the second time', async () => {
    const first = await cli(
      ['newsroom', '--out', 'site', '--site-url', 'https://news.example/', '--json'],
      BEFORE_LIFT,
    );
    expect(first.stderr).toBe('');
    expect(first.code).toBe(EXIT_OK);
    const report = JSON.parse(first.stdout) as NewsroomReport;
    expect(report).toMatchObject({
      folder: join(root, 'site'),
      releases: 4,
      unchanged: 0,
      removed: [],
      sitemap: true,
      heldBack: [expect.objectContaining({ id: 'r-embargo-later', reason: 'embargo' })],
    });
    // The draft here, and any sample draft the default workspace starts with.
    expect(report.notPublished).toBeGreaterThanOrEqual(1);
    expect(await readFile(join(root, 'site', 'index.html'), 'utf8')).toContain('Latest news from');

    const again = await cli(['newsroom', '--out', 'site', '--site-url', 'https://news.example/'], AFTER_LIFT);
    expect(again.code).toBe(EXIT_OK);
    // After the lift the embargoed release joins: its files are new, and the lists and feed change with it.
    expect(again.stdout).toMatch(/Newsroom published to .*site: 5 releases/);
    expect(again.stdout).not.toContain('Held back');
    const third = await cli(
      ['newsroom', '--out', 'site', '--site-url', 'https://news.example/', '--json'],
      AFTER_LIFT,
    );
    expect((JSON.parse(third.stdout) as NewsroomReport).written).toEqual([]);
  });

  it('asks for --out, and refuses a site address it cannot use', async () => {
    expect((await cli(['newsroom'], BEFORE_LIFT)).code).toBe(EXIT_BAD_INPUT);
    const bad = await cli(['newsroom', '--out', 'site', '--site-url', 'javascript:alert(1)'], BEFORE_LIFT);
    expect(bad.code).toBe(EXIT_BAD_INPUT);
    expect(bad.stderr).toContain('is not a web address the site can use');
  });
});
