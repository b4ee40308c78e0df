import { app, session, shell, type Session, type WebContents } from 'electron';
import { isAppUrl } from '../services/app-url';
import { isRequestAllowed } from '../services/app-protocol';
import { isExternalLink } from '../services/external-links';
import { APP_CONTENT_SECURITY_POLICY } from '../web/browser-host';

/**
 * Applied once, to every window: no navigation away from the app, no new windows, no webviews, no permissions, no
 * request that leaves the app, and the app's CSP on every response. docs/security.md walks Electron's security
 * checklist item by item and points here.
 */
export function hardenApp(
  appIndexUrl: string,
  devServerUrl: string | undefined,
  log: (message: string) => void,
): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    // Checklist 13: the window stays on the app's own page.
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url, appIndexUrl, devServerUrl)) {
        event.preventDefault();
        log(`[pressroom] navigation to ${url.slice(0, 200)} refused`);
      }
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url, appIndexUrl, devServerUrl)) event.preventDefault();
    });
    // Checklist 11-12: the app has no <webview>; none may be attached.
    contents.on('will-attach-webview', (event) => event.preventDefault());
    // Checklist 14-15: no new windows. A link in a release (http, https, mailto only) opens in the person's own
    // browser or mail program, never inside the app.
    contents.setWindowOpenHandler(({ url }) => {
      if (isExternalLink(url))
        void shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
      else log(`[pressroom] window.open of ${url.slice(0, 200)} refused`);
      return { action: 'deny' };
    });
  });

  app.whenReady().then(() =>
    hardenSession(session.defaultSession, {
      isAllowed: (url) => isRequestAllowed(url, devServerUrl),
      csp: devServerUrl ? devCsp(devServerUrl) : APP_CONTENT_SECURITY_POLICY,
      log,
    }),
  );
}

export interface SessionRules {
  /** Requests that may leave the page; every other one is cancelled and logged. */
  isAllowed(url: string): boolean;
  /** Set on every response; null leaves the page's own policy (the exported HTML carries a stricter one). */
  csp: string | null;
  log(message: string): void;
}

/** Permissions, requests and headers of a session (the app's, and the PDF printer's own). */
export function hardenSession(target: Session, { isAllowed, csp, log }: SessionRules): void {
  // Checklist 5: the app needs no permission (camera, notifications, geolocation...): every request is refused.
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
  // Offline by construction: a request that is not to the app itself never leaves, and is logged so that a
  // stray one is noticed rather than silently failing.
  target.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowed(details.url);
    if (!allowed) log(`[pressroom] blocked ${details.method} ${details.url.slice(0, 200)}`);
    callback({ cancel: !allowed });
  });
  // Checklist 7: the CSP on every response, whatever served it (the app:// handler sets it too).
  if (csp !== null) {
    target.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
    });
  }
}

/** The dev server needs its websocket for hot reload; nothing else is loosened. */
function devCsp(devServerUrl: string): string {
  const ws = devServerUrl.replace(/^http/, 'ws');
  return APP_CONTENT_SECURITY_POLICY.replace("connect-src 'self'", `connect-src 'self' ${ws}`).replace(
    "script-src 'self'",
    "script-src 'self' 'unsafe-inline'",
  );
}
