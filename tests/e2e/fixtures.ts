import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';

export interface RunningHost {
  url: string;
  origin: string;
  token: string;
  workspace: string;
  /** This person's user-data folder (identity, and this computer's files for the workspace: recovery stashes). */
  userData: string;
  process: ChildProcess;
  output: () => string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop: () => Promise<number | null>;
}

/**
 * One call of the host's API as the renderer makes it (token, JSON): the answer's value, or an error that names the
 * method and what the host said. Tests seed and check releases through it.
 */
export async function hostApi<T = Record<string, unknown>>(
  host: RunningHost,
  method: string,
  input: unknown,
): Promise<T> {
  const response = await fetch(`${host.origin}/api/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const answer = (await response.json()) as { ok: boolean; value?: T; error?: unknown };
  if (!answer.ok) throw new Error(`${method} failed: ${JSON.stringify(answer.error)}`);
  return answer.value as T;
}

/** Someone at the keyboard, as the identity dialog would record them. */
export interface E2EPerson {
  id: string;
  name: string;
  roles: Array<'writer' | 'reviewer' | 'approver'>;
}

/** The default person of a test: holds every role, so that screens not about review are not in the way. */
export const SAM: E2EPerson = { id: 'u-sam', name: 'Sam Taylor', roles: ['writer', 'reviewer', 'approver'] };

export interface HostOptions {
  /** Who has already said who they are in this host's user-data folder; null = a first run (the dialog shows). */
  person?: E2EPerson | null;
}

/**
 * Starts `src-main/web/main.ts` exactly as `npm run web` does (without the build step, which the test
 * command has already run) and waits for the line with the address, never for a fixed time. Each host gets a
 * user-data folder of its own, as each person's computer has.
 */
export async function startHost(workspace: string, options: HostOptions = {}): Promise<RunningHost> {
  const userData = await mkdtemp(join(tmpdir(), 'pressroom-e2e-user-'));
  const person = options.person === undefined ? SAM : options.person;
  if (person) {
    await mkdir(userData, { recursive: true });
    await writeFile(join(userData, 'identity.json'), JSON.stringify(person));
  }
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src-main/web/main.ts',
      '--workspace',
      workspace,
      '--port',
      '0',
      '--user-data',
      userData,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.once('exit', () => void rm(userData, { recursive: true, force: true }));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser host did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((candidate) => candidate.startsWith('http://127.0.0.1:'));
      if (line) {
        clearTimeout(timer);
        resolve(line.trim());
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser host exited with ${code}:\n${output}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    workspace,
    userData,
    process: child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

export const test = base.extend<{ workspace: string; host: RunningHost }>({
  // A fresh workspace folder per test: no test sees another's releases.
  workspace: async ({}, use) => {
    const folder = await mkdtemp(join(tmpdir(), 'pressroom-e2e-'));
    await use(folder);
    await rm(folder, { recursive: true, force: true });
  },
  host: async ({ workspace }, use) => {
    const host = await startHost(workspace);
    await use(host);
    await host.stop();
  },
});

export { expect };

/** The library screen. */
export class LibraryPage {
  constructor(private readonly page: Page) {}
  async open(url: string) {
    await this.page.goto(url);
    await expect(this.page.getByRole('heading', { name: 'Releases', exact: true })).toBeVisible();
  }
  async createRelease(typeLabel = 'News release') {
    await this.page.getByLabel('Release type').selectOption({ label: typeLabel });
    await this.page.getByRole('button', { name: 'New release' }).click();
    await expect(this.page.getByRole('textbox', { name: 'Headline', exact: true })).toBeVisible();
  }
}

/** The editor screen with its preview frame. */
export class EditorPage {
  constructor(readonly page: Page) {}
  get headline() {
    return this.page.getByRole('textbox', { name: 'Headline', exact: true });
  }
  get preview() {
    return this.page.frameLocator('iframe[title="Preview of the finished release"]');
  }
  get saveState() {
    return this.page.locator('[data-save-state]');
  }
  async waitUntilSaved() {
    await expect(this.page.locator('[data-save-state]')).toHaveAttribute('data-save-state', 'saved');
  }
  releaseIdFromUrl(): string {
    const match = /#\/release\/([A-Za-z0-9_-]+)$/.exec(this.page.url());
    if (!match) throw new Error(`not on an editor URL: ${this.page.url()}`);
    return match[1]!;
  }
}

/**
 * Takes a workflow step from the editor's review strip. When the checks have found errors the app asks first
 * ("Submit anyway?"); the drafts of these tests are deliberately short, so the question is answered here.
 */
export async function takeStep(page: Page, button: 'Submit for review' | 'Approve'): Promise<void> {
  // The step answers with a notice (done or refused), or first with the dialog listing the checks' errors. A
  // notice from an earlier step is dismissed first, so that the one waited for below is this step's.
  const notice = page.getByTestId('workflow-notice');
  if (await notice.isVisible()) {
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notice).toBeHidden();
  }
  await page.getByRole('button', { name: button, exact: true }).click();
  const dialog = page.getByRole('dialog').filter({ has: page.locator('#check-errors-title') });
  await expect(notice.or(dialog)).toBeVisible();
  if (await dialog.isVisible()) {
    const anyway = dialog.getByRole('button', {
      name: button === 'Approve' ? 'Approve anyway' : 'Submit anyway',
    });
    // A sign-off the guard refuses offers no "anyway": the caller sees the dialog and decides.
    if (await anyway.isVisible()) {
      await anyway.click();
      await expect(notice).toBeVisible();
    }
  }
}
