import { extname, isAbsolute, posix, relative, resolve, sep } from 'node:path';

/**
 * The desktop app is served from its own scheme, `app://pressroom/`, rather than from file:// (Electron's security
 * checklist, item 18): a page on file:// may read any file its URL can name, a page on app:// sees only what the
 * handler below gives it, which is the built renderer folder and nothing else. The decisions are made here, in
 * plain Node, so that they are tested; src-main/electron/app-protocol.ts only hands them to Electron.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'pressroom';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

export type AppRequest =
  { ok: true; path: string; contentType: string } | { ok: false; status: 400 | 403 | 404; reason: string };

/**
 * The file inside `root` (the built renderer folder) that an app:// URL names, or why it is refused: another
 * scheme or host, a path that is malformed, leaves the folder (`..`, encoded or not), names a folder, or has a
 * type the app does not serve.
 */
export function resolveAppRequest(url: string, root: string): AppRequest {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) {
    return { ok: false, status: 403, reason: 'not the app' };
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return { ok: false, status: 400, reason: 'malformed path' };
  }
  if (pathname.includes('\0') || pathname.includes('\\')) {
    return { ok: false, status: 400, reason: 'malformed path' };
  }
  // The URL parser has already resolved plain `..` segments (they cannot climb above the host); any left now
  // were encoded (%2e%2e, %2f) to get past it, which no request of the app's own does.
  if (pathname.split('/').some((segment) => segment === '..' || segment === '.')) {
    return { ok: false, status: 403, reason: 'outside the app' };
  }
  const inside = posix.normalize(pathname === '/' || pathname === '' ? '/index.html' : pathname);
  const base = resolve(root);
  const path = resolve(base, `.${inside}`);
  const rel = relative(base, path);
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) {
    return { ok: false, status: 403, reason: 'outside the app' };
  }
  const contentType = CONTENT_TYPES[extname(path).toLowerCase()];
  if (!contentType) return { ok: false, status: 404, reason: 'not a file the app serves' };
  return { ok: true, path, contentType };
}

/**
 * Whether the app's window may make a request: only to the app itself (and, in `electron-vite dev`, to the dev
 * server and its hot-reload socket). data: and blob: URLs stay inside the page (the logo, inlined fonts). Every
 * other request - http, https, file, ftp, websockets - is refused and logged by the caller: Pressroom is offline
 * by construction, not by the absence of links.
 */
export function isRequestAllowed(url: string, devServerUrl?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${APP_SCHEME}:`) return parsed.host === APP_HOST;
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:') return true;
  // Chromium's own pages (the developer tools in development) never reach the network.
  if (parsed.protocol === 'devtools:') return true;
  if (devServerUrl) {
    const dev = new URL(devServerUrl);
    const sameHost = parsed.host === dev.host;
    if (
      sameHost &&
      (parsed.protocol === dev.protocol || parsed.protocol === dev.protocol.replace('http', 'ws'))
    ) {
      return true;
    }
  }
  return false;
}
