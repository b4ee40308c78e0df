import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { ApiDispatcher } from '../services/api/dispatch';
import { fail, type Result } from '../../src-shared/result';

/** Largest API request accepted; a release far beyond any real one still fits, a runaway paste does not. */
export const MAX_API_BODY_BYTES = 16 * 1024 * 1024;

/** Same policy as the renderer's meta CSP: the app is offline, so nothing may come from elsewhere. */
export const APP_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' about: blob: data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.ico': 'image/x-icon',
};

export interface BrowserHostOptions {
  dispatch: ApiDispatcher;
  /** The built renderer (index.html and assets). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token for tests; a random one per run otherwise. */
  token?: string;
}

export interface BrowserHost {
  /** Address to open, with the access token: http://127.0.0.1:PORT/?token=... */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * Serves the renderer and the API table on 127.0.0.1 only, so that the renderer can be used (and tested)
 * in an ordinary browser where the Electron binary is not available. The token keeps other local users'
 * pages and processes out; the Host check defeats DNS rebinding; the Origin check defeats cross-site posts.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const staticRoot = resolve(options.staticDir);
  let port = options.port ?? 0;

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('[pressroom web] request failed:', error);
      if (!response.headersSent)
        sendJson(response, 500, fail('internal', 'The browser host failed to answer.'));
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (!allowedHosts.includes(request.headers.host ?? '')) {
      sendText(response, 403, 'Forbidden: this host only answers requests addressed to 127.0.0.1.');
      return;
    }
    let url: URL;
    try {
      url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    } catch {
      sendText(response, 400, 'Bad request: that address could not be read.');
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      const method = decodePath(url.pathname.slice('/api/'.length));
      if (method === null) {
        sendJson(response, 400, fail('invalid-input', 'That request name could not be read.'));
        return;
      }
      await handleApi(request, response, method);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendText(response, 405, 'Method not allowed');
      return;
    }
    await serveStatic(response, url.pathname, request.method === 'HEAD');
  }

  async function handleApi(
    request: IncomingMessage,
    response: ServerResponse,
    method: string,
  ): Promise<void> {
    if (!hasValidToken(request.headers.authorization, token)) {
      sendJson(
        response,
        401,
        fail('unauthorised', 'Missing or wrong access token. Open the address printed by `npm run web`.'),
      );
      return;
    }
    const origin = request.headers.origin;
    if (
      origin !== undefined &&
      origin !== `http://127.0.0.1:${port}` &&
      origin !== `http://localhost:${port}`
    ) {
      sendJson(response, 403, fail('unauthorised', 'Requests from other sites are refused.'));
      return;
    }
    if (request.method !== 'POST') {
      sendJson(response, 405, fail('invalid-input', 'API requests must use POST.'));
      return;
    }
    let body: string;
    try {
      body = await readBody(request, MAX_API_BODY_BYTES);
    } catch {
      sendJson(
        response,
        413,
        fail('invalid-input', 'That request is too large (over 16 MB). Nothing was saved.'),
      );
      return;
    }
    let input: unknown;
    try {
      input = body.trim() === '' ? {} : JSON.parse(body);
    } catch {
      sendJson(response, 400, fail('invalid-input', 'The request was not valid JSON.'));
      return;
    }
    // A client that gives up (a closed tab, a cancelled fetch) closes the connection before the answer: long work
    // for it (a PDF) stops instead of running on for nobody.
    const abandoned = new AbortController();
    const giveUp = () => {
      if (!response.writableEnded) abandoned.abort();
    };
    response.on('close', giveUp);
    const result = await options.dispatch(method, input, { signal: abandoned.signal });
    response.off('close', giveUp);
    if (abandoned.signal.aborted) return;
    sendJson(response, 200, result);
  }

  async function serveStatic(response: ServerResponse, pathname: string, headOnly: boolean): Promise<void> {
    const decoded = decodePath(pathname);
    // A malformed escape ("/%", "/%E0%A4%A") or a NUL is the asker's mistake, not the host's: 400, never 500.
    if (decoded === null || decoded.includes('\0')) {
      sendText(response, 400, 'Bad request: that address could not be read.');
      return;
    }
    const relative = pathname === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
    const filePath = resolve(staticRoot, normalize(relative));
    if (filePath !== staticRoot && !filePath.startsWith(staticRoot + sep)) {
      sendText(response, 404, 'Not found');
      return;
    }
    const info = await stat(filePath).catch(() => null);
    const target = info?.isFile() ? filePath : info?.isDirectory() ? join(filePath, 'index.html') : null;
    const targetInfo = target ? await stat(target).catch(() => null) : null;
    if (!target || !targetInfo?.isFile()) {
      sendText(response, 404, 'Not found');
      return;
    }
    response.writeHead(200, {
      ...securityHeaders(),
      'Content-Type': CONTENT_TYPES[extname(target)] ?? 'application/octet-stream',
      'Content-Length': targetInfo.size,
    });
    if (headOnly) response.end();
    else
      createReadStream(target)
        // A file removed or unreadable mid-answer: end this answer, never the host.
        .on('error', () => response.destroy())
        .pipe(response);
  }

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}

/** A percent-decoded path, or null where the escapes are malformed (decodeURIComponent would throw). */
function decodePath(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

function hasValidToken(header: string | undefined, token: string): boolean {
  const match = /^Bearer (.+)$/.exec(header ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1]!);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('too large'));
        request.resume();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': APP_CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

function sendJson(response: ServerResponse, status: number, result: Result<unknown>): void {
  const body = JSON.stringify(result);
  response.writeHead(status, {
    ...securityHeaders(),
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(body);
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(text);
}
