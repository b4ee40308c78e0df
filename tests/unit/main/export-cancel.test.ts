import { request } from 'node:http';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  call,
  createDispatcher,
  createWorkspaceHandlers,
} from '../../../src-main/services/api/dispatch';
import type { PdfPrinter } from '../../../src-main/services/export/pdf-printer';
import { createMemoryIdentityStore } from '../../../src-main/services/identity';
import { openWorkspace } from '../../../src-main/services/workspace/store';
import { startBrowserHost } from '../../../src-main/web/browser-host';
import { WRITER, value } from '../services/people';

/**
 * Issue 13, item 4: nothing cancelled an export, and the host kept printing after the client gave up. Now the host
 * aborts a call whose client closed the connection, and the PDF print stops with it; a cancelled export is not
 * recorded.
 */
const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((f) => rm(f, { recursive: true, force: true })));
});

async function temp(prefix: string) {
  const folder = await mkdtemp(join(tmpdir(), prefix));
  folders.push(folder);
  return folder;
}

/** A printer that prints for as long as nobody stops it, and says when it was stopped. */
function endlessPrinter() {
  let started!: () => void;
  let stopped!: () => void;
  const printing = new Promise<void>((resolve) => (started = resolve));
  const stoppedAt = new Promise<void>((resolve) => (stopped = resolve));
  const printer: PdfPrinter = {
    print: (_html, options) =>
      new Promise((_, reject) => {
        started();
        options.signal?.addEventListener('abort', () => {
          stopped();
          reject(new Error('page closed'));
        });
      }),
    close: async () => undefined,
  };
  return { printer, printing, stoppedAt };
}

describe('an export nobody waits for any more', () => {
  it('stops printing when the browser closes the request, and is not recorded', async () => {
    const folder = await temp('pressroom-cancel-');
    const staticDir = await temp('pressroom-cancel-static-');
    await mkdir(staticDir, { recursive: true });
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Pressroom</title>');
    const { printer, printing, stoppedAt } = endlessPrinter();
    const dispatch = createDispatcher(
      createWorkspaceHandlers(await openWorkspace(folder, { userData: await temp('pressroom-cancel-user-') }), {
        identity: createMemoryIdentityStore(WRITER),
        printer: () => printer,
        userData: await temp('pressroom-cancel-user2-'),
      }),
    );
    const created = await value(call(dispatch, 'releases.create', { type: 'news-release' }));
    const host = await startBrowserHost({ staticDir, token: 't', dispatch });
    try {
      const asked = request({
        host: '127.0.0.1',
        port: host.port,
        path: '/api/export.release',
        method: 'POST',
        headers: { Host: `127.0.0.1:${host.port}`, Authorization: 'Bearer t', 'Content-Type': 'application/json' },
      });
      asked.on('error', () => undefined);
      asked.end(JSON.stringify({ id: created.id, format: 'pdf' }));
      await printing;
      // The person closes the tab.
      asked.destroy();
      await stoppedAt;
      const entries = (await value(call(dispatch, 'audit.read', { id: created.id }))).entries;
      expect(entries.map((entry) => entry.event)).not.toContain('exported');
    } finally {
      await host.close();
    }
  });

  it('answers "cancelled" to a caller that aborts, without recording the export', async () => {
    const folder = await temp('pressroom-cancel-');
    const { printer, printing } = endlessPrinter();
    const dispatch = createDispatcher(
      createWorkspaceHandlers(await openWorkspace(folder, { userData: await temp('pressroom-cancel-user-') }), {
        identity: createMemoryIdentityStore(WRITER),
        printer: () => printer,
        userData: await temp('pressroom-cancel-user2-'),
      }),
    );
    const created = await value(call(dispatch, 'releases.create', { type: 'news-release' }));
    const controller = new AbortController();
    const answer = dispatch('export.release', { id: created.id, format: 'pdf' }, { signal: controller.signal });
    await printing;
    controller.abort();
    const settled = await answer;
    expect(settled).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    const entries = (await value(call(dispatch, 'audit.read', { id: created.id }))).entries;
    expect(entries.map((entry) => entry.event)).not.toContain('exported');
  });
});
