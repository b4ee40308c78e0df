import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_API_BODY_BYTES, startBrowserHost, type BrowserHost } from '../../../src-main/web/browser-host';

interface Reply {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A raw request, so that the Host and Origin headers can be anything an attacker might send. */
function send(
  port: number,
  options: { path: string; method?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: options.path,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
            headers: res.headers,
          }),
        );
      },
    );
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

describe('browser host', () => {
  let host: BrowserHost;
  let staticDir: string;
  const calls: Array<[unknown, unknown]> = [];

  beforeAll(async () => {
    staticDir = await mkdtemp(join(tmpdir(), 'pressroom-static-'));
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Pressroom</title>');
    await mkdir(join(staticDir, 'assets'));
    await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(staticDir, '..', 'pressroom-secret.txt'), 'secret').catch(() => undefined);
    host = await startBrowserHost({
      staticDir,
      token: 'test-token',
      dispatch: async (method, input) => {
        calls.push([method, input]);
        return { ok: true, value: { echoed: method } };
      },
    });
  });

  afterAll(async () => {
    await host.close();
    await rm(staticDir, { recursive: true, force: true });
  });

  const auth = () => ({
    Host: `127.0.0.1:${host.port}`,
    Authorization: 'Bearer test-token',
    'Content-Type': 'application/json',
  });

  it('listens on 127.0.0.1 and prints an address with the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=test-token`);
  });

  it('answers an API call with the token', async () => {
    const reply = await send(host.port, {
      path: '/api/releases.list',
      method: 'POST',
      headers: auth(),
      body: '{}',
    });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ ok: true, value: { echoed: 'releases.list' } });
  });

  it.each([
    ['no token', {}],
    ['a wrong token', { Authorization: 'Bearer nope' }],
    ['a token of another length', { Authorization: 'Bearer test-token-and-more' }],
    ['a token without the scheme', { Authorization: 'test-token' }],
  ])('refuses an API call with %s (401) and never reaches a service', async (_name, extra) => {
    const before = calls.length;
    const reply = await send(host.port, {
      path: '/api/releases.list',
      method: 'POST',
      headers: { Host: `127.0.0.1:${host.port}`, ...extra },
      body: '{}',
    });
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body).ok).toBe(false);
    expect(calls.length).toBe(before);
  });

  it.each(['evil.example', `evil.example:${0}`, '127.0.0.1', '127.0.0.1:1', '0.0.0.0'])(
    'refuses a request whose Host is %s (403, DNS-rebinding guard), even with the token',
    async (hostHeader) => {
      const value = hostHeader.endsWith(':0') ? hostHeader.replace(':0', `:${host.port}`) : hostHeader;
      const api = await send(host.port, {
        path: '/api/releases.list',
        method: 'POST',
        headers: { ...auth(), Host: value },
      });
      expect(api.status).toBe(403);
      const page = await send(host.port, { path: '/', headers: { Host: value } });
      expect(page.status).toBe(403);
    },
  );

  it('refuses a cross-site request that carries the token', async () => {
    const reply = await send(host.port, {
      path: '/api/releases.list',
      method: 'POST',
      headers: { ...auth(), Origin: 'http://evil.example' },
      body: '{}',
    });
    expect(reply.status).toBe(403);
  });

  it('answers bad JSON and GET on the API with an error value, not a crash', async () => {
    const bad = await send(host.port, {
      path: '/api/releases.list',
      method: 'POST',
      headers: auth(),
      body: '{"a":',
    });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const get = await send(host.port, { path: '/api/releases.list', headers: auth() });
    expect(get.status).toBe(405);
  });

  it('refuses a request body over the limit with 413', async () => {
    const reply = await send(host.port, {
      path: '/api/releases.save',
      method: 'POST',
      headers: auth(),
      body: Buffer.alloc(MAX_API_BODY_BYTES + 1, 'a'),
    });
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body).error.message).toMatch(/too large/);
  });

  it('serves the renderer with a strict CSP and no token needed for static files', async () => {
    const index = await send(host.port, { path: '/', headers: { Host: `127.0.0.1:${host.port}` } });
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>Pressroom</title>');
    expect(String(index.headers['content-security-policy'])).toContain("default-src 'self'");
    const script = await send(host.port, {
      path: '/assets/app.js',
      headers: { Host: `localhost:${host.port}` },
    });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toContain('text/javascript');
  });

  it.each([
    '/../pressroom-secret.txt',
    '/%2e%2e/pressroom-secret.txt',
    '/assets/../../pressroom-secret.txt',
    '/nope.js',
  ])('does not serve %s outside the renderer folder', async (path) => {
    const reply = await send(host.port, { path, headers: { Host: `127.0.0.1:${host.port}` } });
    expect(reply.status).toBe(404);
    expect(reply.body).not.toContain('secret');
  });
});
