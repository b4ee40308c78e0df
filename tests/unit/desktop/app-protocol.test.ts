import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_INDEX_URL, isRequestAllowed, resolveAppRequest } from '../../../src-main/services/app-protocol';
import { isAppUrl } from '../../../src-main/services/app-url';

const root = resolve('/opt/Pressroom/resources/app.asar/out/renderer');

describe('app:// requests', () => {
  it.each([
    ['app://pressroom/index.html', 'index.html', 'text/html; charset=utf-8'],
    ['app://pressroom/', 'index.html', 'text/html; charset=utf-8'],
    ['app://pressroom/assets/index-3f2a.js', 'assets/index-3f2a.js', 'text/javascript; charset=utf-8'],
    ['app://pressroom/assets/index.css?v=1#x', 'assets/index.css', 'text/css; charset=utf-8'],
    ['app://pressroom/assets/a%20b.woff2', 'assets/a b.woff2', 'font/woff2'],
    ['app://pressroom/assets/./x/../y.png', 'assets/y.png', 'image/png'],
  ])('serves %s from the renderer folder', (url, file, contentType) => {
    expect(resolveAppRequest(url, root)).toEqual({ ok: true, path: join(root, file), contentType });
  });

  it.each([
    ['app://pressroom/assets/%2E%2E%2F%2E%2E%2F..%2Fkey.txt', 403],
    ['app://pressroom/..%5C..%5Cwindows.ini.txt', 400],
    ['app://pressroom/a%00.html', 400],
    ['app://pressroom/%E0%A4%A', 400],
    ['app://evil/index.html', 403],
    ['file:///etc/passwd', 403],
    ['https://example.org/index.html', 403],
    ['not a url', 400],
    ['app://pressroom/main/index.cjs', 404],
    ['app://pressroom/assets', 404],
  ])('refuses %s', (url, status) => {
    expect(resolveAppRequest(url, root)).toMatchObject({ ok: false, status });
  });
});

it('resolves plain dot segments inside the folder: they cannot climb above the host', () => {
  expect(resolveAppRequest('app://pressroom/../../../etc/passwd.txt', root)).toMatchObject({
    ok: true,
    path: join(root, 'etc/passwd.txt'),
  });
  // The URL standard reads %2e%2e as a dot segment too.
  expect(resolveAppRequest('app://pressroom/%2e%2e/%2e%2e/secret.json', root)).toMatchObject({
    ok: true,
    path: join(root, 'secret.json'),
  });
});

describe('requests from the app window', () => {
  it.each([
    [APP_INDEX_URL, true],
    ['app://pressroom/assets/x.js', true],
    ['data:font/woff2;base64,AAAA', true],
    ['blob:app://pressroom/1234', true],
    ['app://other/x.js', false],
    ['https://example.org/', false],
    ['http://127.0.0.1:8080/api', false],
    ['file:///etc/passwd', false],
    ['ws://localhost:5173/', false],
    ['ftp://example.org/x', false],
    ['nonsense', false],
  ])('%s allowed: %s', (url, allowed) => {
    expect(isRequestAllowed(url)).toBe(allowed);
  });

  it('lets the dev server and its hot-reload socket through in development only', () => {
    const dev = 'http://localhost:5173';
    expect(isRequestAllowed('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isRequestAllowed('ws://localhost:5173/', dev)).toBe(true);
    expect(isRequestAllowed('http://localhost:5174/', dev)).toBe(false);
    expect(isRequestAllowed('https://localhost:5173/', dev)).toBe(false);
    expect(isRequestAllowed('http://localhost:5173/', undefined)).toBe(false);
  });

  it('accepts IPC from the app page on app:// and nothing else', () => {
    expect(isAppUrl(`${APP_INDEX_URL}#/release/r-1`, APP_INDEX_URL, undefined)).toBe(true);
    expect(isAppUrl('app://pressroom/other.html', APP_INDEX_URL, undefined)).toBe(false);
    expect(isAppUrl('about:srcdoc', APP_INDEX_URL, undefined)).toBe(false);
    expect(isAppUrl('file:///opt/Pressroom/out/renderer/index.html', APP_INDEX_URL, undefined)).toBe(false);
  });
});
