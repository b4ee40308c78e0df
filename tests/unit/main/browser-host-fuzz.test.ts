import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../../src-main/web/browser-host';
import { createDispatcher, createWorkspaceHandlers } from '../../../src-main/services/api/dispatch';
import { openWorkspace } from '../../../src-main/services/workspace/store';
import { API_METHOD_NAMES } from '../../../src-shared/api/methods';
import { as } from '../services/people';

/**
 * Hostile and broken requests of every shape against the real browser host and the real API (issue: hardening):
 * whatever arrives, the host answers 4xx or 2xx, never 5xx, and writes nothing outside the workspace.
 *
 * Requests go over a raw socket so that request lines no HTTP client would send (bad escapes, NULs, stray spaces,
 * odd methods) reach the server as typed.
 */

let parent: string;
let workspace: string;
let staticDir: string;
let host: BrowserHost;
const TOKEN = 'fuzz-token';
const internalFailures: string[] = [];

beforeAll(async () => {
  parent = await mkdtemp(join(tmpdir(), 'pressroom-fuzz-'));
  workspace = join(parent, 'workspace');
  staticDir = join(parent, 'static');
  await mkdir(join(staticDir, 'assets'), { recursive: true });
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Pressroom</title>');
  await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  await mkdir(join(parent, 'outside'));
  await writeFile(join(parent, 'outside', 'secret.txt'), 'secret');
  await mkdir(workspace);
  const store = await openWorkspace(workspace);
  await store.create('news-release');
  host = await startBrowserHost({
    staticDir,
    token: TOKEN,
    dispatch: createDispatcher(createWorkspaceHandlers(store, as()), (message) =>
      internalFailures.push(message),
    ),
  });
});

afterAll(async () => {
  await host.close();
  await rm(parent, { recursive: true, force: true });
});

/** Sends raw bytes as one HTTP request and answers the status code (0 when the server closed without a reply). */
function rawRequest(bytes: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(host.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' || error.code === 'EPIPE' ? resolve(statusOf(chunks)) : reject(error),
    );
    socket.on('end', () => resolve(statusOf(chunks)));
    socket.setTimeout(10_000, () => {
      socket.destroy();
      reject(new Error('the host did not answer within 10 s'));
    });
    // Written, not ended: a half-closed socket may be dropped before the answer is sent.
    socket.write(bytes);
  });
}

function statusOf(chunks: Buffer[]): number {
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(Buffer.concat(chunks).toString('latin1'));
  return match ? Number(match[1]) : 0;
}

function request(parts: {
  method: string;
  path: string;
  headers: Array<[string, string]>;
  body: Buffer;
}): Buffer {
  const head = [
    `${parts.method} ${parts.path} HTTP/1.1`,
    `Host: 127.0.0.1:${host.port}`,
    'Connection: close',
    ...parts.headers.map(([name, value]) => `${name}: ${value}`),
    `Content-Length: ${parts.body.length}`,
    '',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'latin1'), parts.body]);
}

const ESCAPES = [
  '%',
  '%zz',
  '%E0%A4%A',
  '%c0%ae%c0%ae',
  '%2e%2e',
  '%2F',
  '%00',
  '%ff',
  '%u0041',
  '..',
  '//',
  '~',
];
const segment = fc.oneof(
  fc.constantFrom(...ESCAPES, 'assets', 'app.js', 'index.html', 'api', 'outside', 'secret.txt'),
  fc.string({ maxLength: 12 }).map((text) => encodeURIComponent(text)),
  fc.stringMatching(/^[A-Za-z0-9._~%-]{0,16}$/),
);
const path = fc.array(segment, { maxLength: 6 }).map((segments) => `/${segments.join('/')}`);
const apiPath = fc
  .oneof(fc.constantFrom(...API_METHOD_NAMES), fc.constantFrom(...ESCAPES), fc.string({ maxLength: 20 }))
  .map((method) => `/api/${method.includes('%') ? method : encodeURIComponent(method)}`);
const method = fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'BREW');
const headers = fc.array(
  fc.oneof(
    fc.constant<[string, string]>(['Authorization', `Bearer ${TOKEN}`]),
    fc.constant<[string, string]>(['Authorization', 'Bearer wrong']),
    fc.constantFrom<[string, string]>(
      ['Origin', 'http://evil.example'],
      ['Origin', 'null'],
      ['Content-Type', 'application/json'],
      ['Content-Type', 'text/plain; charset=utf-16'],
      ['Accept-Encoding', 'gzip'],
    ),
  ),
  { maxLength: 4 },
);
const body = fc.oneof(
  fc.constant(Buffer.alloc(0)),
  fc.json().map((text) => Buffer.from(text)),
  fc
    .record({
      id: fc.string({ maxLength: 70 }),
      revision: fc.integer(),
      folder: fc.string({ maxLength: 30 }),
    })
    .map((input) => Buffer.from(JSON.stringify(input))),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
);

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)));
}

describe('the browser host under hostile requests', () => {
  it.each(['/%', '/%zz', '/%E0%A4%A', '/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd', '/assets/%00', '/api/%'])(
    '%s answers 400, not 500',
    async (target) => {
      const status = await rawRequest(
        request({
          method: 'GET',
          path: target,
          headers: [['Authorization', `Bearer ${TOKEN}`]],
          body: Buffer.alloc(0),
        }),
      );
      expect(status).toBe(400);
    },
  );

  it('answers every random path, method, header and body of the static and API routes without a 5xx', async () => {
    const before = await filesUnder(parent);
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(path, apiPath),
        method,
        headers,
        body,
        async (target, verb, head, payload) => {
          const status = await rawRequest(
            request({ method: verb, path: target, headers: head, body: payload }),
          );
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          expect(status, `${verb} ${target}`).toBeGreaterThanOrEqual(200);
          expect(status, `${verb} ${target}`).toBeLessThan(500);
        },
      ),
      { numRuns: 400 },
    );
    // Real answers of several kinds came back, not only one refusal.
    expect(statuses.size).toBeGreaterThan(3);
    expect(internalFailures).toEqual([]);
    // Nothing outside the workspace was written; inside it only the app's own folders may have grown.
    const after = await filesUnder(parent);
    const outsideWorkspace = (files: string[]) => files.filter((file) => !file.startsWith(`workspace`));
    expect(outsideWorkspace(after)).toEqual(outsideWorkspace(before));
  }, 120_000);
});
