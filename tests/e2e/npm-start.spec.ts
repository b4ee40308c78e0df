import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { NO_ELECTRON_LINE } from '../../scripts/electron-binary.mjs';
import { SAM } from './fixtures';

/**
 * Issue 14, item 1: `npm start` where the Electron binary is missing says so in one line and runs the browser
 * host on the default workspace instead of exiting. The binary's absence is simulated with
 * ELECTRON_OVERRIDE_DIST_PATH pointing at a folder that does not exist (electron's own override), so this runs
 * alike where the binary is installed. The default workspace lives in a temporary config folder, never the real
 * one; BROWSER=none keeps the script from opening a browser window on a desktop.
 *
 * The script runs as `npm start` runs it (`node scripts/start.mjs`), with --no-build: the test command has just
 * built the app, and a rebuild here would rewrite out/ under other tests.
 */
test('npm start without the Electron binary runs the browser host on the default workspace', async ({
  page,
}) => {
  const root = await mkdtemp(join(tmpdir(), 'pressroom-start-'));
  // The desktop app's user-data folder under XDG_CONFIG_HOME (APPDATA on Windows), with an identity in it.
  const userData = join(root, 'config', 'Pressroom');
  await mkdir(userData, { recursive: true });
  await writeFile(join(userData, 'identity.json'), JSON.stringify(SAM));
  const child = spawn(process.execPath, ['scripts/start.mjs', '--no-build'], {
    env: {
      ...process.env,
      ELECTRON_OVERRIDE_DIST_PATH: join(root, 'no-electron-here'),
      XDG_CONFIG_HOME: join(root, 'config'),
      APPDATA: join(root, 'config'),
      BROWSER: 'none',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    // The address, on a line of its own; never a fixed wait.
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no address within 30 s:\n${stdout}\n${stderr}`)),
        30_000,
      );
      const look = () => {
        const line = stdout.split('\n').find((candidate) => candidate.startsWith('http://127.0.0.1:'));
        if (line) {
          clearTimeout(timer);
          resolve(line.trim());
        }
      };
      child.stdout.on('data', look);
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`npm start exited with ${code}:\n${stdout}\n${stderr}`));
      });
    });

    // One line about Electron, naming the command that fetches it, and nothing else on stderr.
    expect(stderr).toBe(`${NO_ELECTRON_LINE}\n`);
    expect(NO_ELECTRON_LINE).toContain('npx install-electron');
    expect(stdout).toContain(`workspace ${join(userData, 'workspace')}`);
    // Said just after the address.
    await expect
      .poll(() => stdout)
      .toContain('No browser opened (BROWSER=none is set): open the address above.');
    expect(existsSync(join(userData, 'workspace', 'releases'))).toBe(true);

    // The host answers on that address with the app's page, and the app opens the seeded default workspace.
    const answer = await fetch(url);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('<title>Pressroom</title>');
    await page.goto(url);
    await expect(page.getByRole('heading', { name: 'Releases', exact: true })).toBeVisible();
    await expect(page.getByText('Witnesses sought after man hurt during arrest in Ashford')).toBeVisible();

    // Stopped by its pid: the script passes the signal on, the host closes, and the address stops answering.
    process.kill(child.pid!, 'SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toContain('Received SIGTERM, stopping.');
    await expect(fetch(url)).rejects.toThrow();
  } finally {
    if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, 'SIGKILL');
    await rm(root, { recursive: true, force: true });
  }
});
