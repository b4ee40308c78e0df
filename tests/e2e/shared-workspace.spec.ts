import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiInput, ApiMethod, ApiOutput } from '../../src-shared/api/contract';
import { expect, test } from './fixtures';

/**
 * Two people on one workspace folder (a shared or synced drive), each with their own browser host: what one does
 * reaches the other without a restart. Checked at the API level, the one the renderer's hooks poll
 * (src-renderer/src/features/shared-workspace).
 */

interface NamedHost {
  origin: string;
  token: string;
  stop: () => Promise<number | null>;
}

/**
 * Like startHost in fixtures.ts, but with extra arguments and environment, so that the two hosts can carry
 * different display names (one through PRESSROOM_USER_NAME, the other through --name).
 */
async function startNamedHost(
  workspace: string,
  extra: { args?: string[]; env?: Record<string, string> },
): Promise<NamedHost> {
  const env = { ...process.env, ...extra.env };
  // A user-data folder of its own, as on another computer: nobody has said who they are there yet.
  const userData = await mkdtemp(join(tmpdir(), 'pressroom-e2e-user-'));
  if (!extra.env?.PRESSROOM_USER_NAME) delete env.PRESSROOM_USER_NAME;
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
      ...(extra.args ?? []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser host did not start:\n${output}`)), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((candidate) => candidate.startsWith('http://127.0.0.1:'));
      if (line) {
        clearTimeout(timer);
        resolve(line.trim());
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser host exited with ${code}:\n${output}`));
    });
  });
  const parsed = new URL(url);
  return {
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

async function call<M extends ApiMethod>(
  host: NamedHost,
  method: M,
  input: ApiInput<M>,
): Promise<ApiOutput<M>> {
  const response = await fetch(`${host.origin}/api/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const answer = (await response.json()) as { ok: boolean; value?: ApiOutput<M>; error?: unknown };
  if (!answer.ok) throw new Error(`${method} failed: ${JSON.stringify(answer.error)}`);
  return answer.value!;
}

async function callError(host: NamedHost, method: ApiMethod, input: unknown): Promise<{ code: string }> {
  const response = await fetch(`${host.origin}/api/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const answer = (await response.json()) as { ok: boolean; error?: { code: string } };
  if (answer.ok) throw new Error(`${method} succeeded where it should have been refused`);
  return answer.error!;
}

const names = (entries: ReadonlyArray<{ name: string }>) => entries.map((entry) => entry.name);

test('two hosts on one folder: who has a release open, and what the other changed', async ({ workspace }) => {
  const alex = await startNamedHost(workspace, { env: { PRESSROOM_USER_NAME: 'Alex Able' } });
  const bea = await startNamedHost(workspace, { args: ['--name', 'Bea Bright'] });
  try {
    // Changing a release needs a name for the audit trail: a fresh user-data folder has none yet.
    expect((await callError(alex, 'releases.create', { type: 'news-release' })).code).toBe(
      'identity-required',
    );
    await call(alex, 'session.identify', { name: 'Alex Able', roles: ['writer'] });
    await call(bea, 'session.identify', { name: 'Bea Bright', roles: ['writer', 'reviewer'] });
    const created = await call(alex, 'releases.create', { type: 'news-release' });
    const id = created.id;

    // Alex's watch reports Alex's own new file first; the point to compare from comes after it.
    let baseline = 0;
    await expect
      .poll(async () => {
        const changes = await call(alex, 'workspace.changes', { cursor: 0 });
        baseline = changes.cursor;
        return changes.releaseIds;
      })
      .toContain(id);

    // Alex opens the release: Bea, opening it too, is told that Alex has it; and Alex then sees Bea.
    expect((await call(alex, 'presence.open', { id })).others).toEqual([]);
    const forBea = await call(bea, 'presence.open', { id });
    expect(names(forBea.others)).toEqual(['Alex Able']);
    expect(Date.parse(forBea.others[0]!.since)).not.toBeNaN();
    expect(names((await call(alex, 'presence.open', { id })).others)).toEqual(['Bea Bright']);
    const library = await call(bea, 'presence.list', {});
    expect(Object.keys(library)).toEqual([id]);
    expect(names(library[id]!)).toEqual(['Alex Able']);

    // Bea saves: Alex's host reports that release within a few seconds, without a restart.
    const current = await call(bea, 'releases.get', { id });
    await call(bea, 'releases.save', { release: { ...current, headline: 'Saved by Bea' } });
    await expect
      .poll(async () => (await call(alex, 'workspace.changes', { cursor: baseline })).releaseIds, {
        timeout: 10_000,
      })
      .toEqual([id]);
    expect((await call(alex, 'releases.get', { id })).headline).toBe('Saved by Bea');
    // What the banner promises: Alex's save from the older revision is refused, not written over Bea's.
    const refused = await callError(alex, 'releases.save', {
      release: { ...created, headline: 'Alex, stale' },
    });
    expect(refused.code).toBe('conflict');

    // A change to the organisation profile is reported as a workspace change.
    const afterSave = (await call(alex, 'workspace.changes', { cursor: baseline })).cursor;
    const { profile } = await call(bea, 'workspace.describe', {});
    await call(bea, 'workspace.updateProfile', { profile: { ...profile, name: 'Renamed by Bea' } });
    await expect
      .poll(async () => (await call(alex, 'workspace.changes', { cursor: afterSave })).workspaceChanged, {
        timeout: 10_000,
      })
      .toBe(true);

    // Alex closes the release: Bea no longer sees Alex.
    expect(await call(alex, 'presence.close', { id })).toEqual({ id });
    expect((await call(bea, 'presence.open', { id })).others).toEqual([]);
    expect(await call(bea, 'presence.list', {})).toEqual({});

    // Alex opens it again and stops the host (Ctrl-C): the entry goes with it.
    await call(alex, 'presence.open', { id });
    expect(names((await call(bea, 'presence.open', { id })).others)).toEqual(['Alex Able']);
    expect(await alex.stop()).toBe(0);
    expect((await call(bea, 'presence.open', { id })).others).toEqual([]);
  } finally {
    await Promise.all([alex.stop(), bea.stop()]);
  }
});
