import { app, session, shell, type WebContents } from 'electron';
import { isAppUrl } from '../services/app-url';
import { APP_CONTENT_SECURITY_POLICY } from '../web/browser-host';

/**
 * Applied once, to every window and webview: no navigation away from the app, no new windows, no permissions,
 * and the app's CSP on every response (ARCHITECTURE §3; Electron's security checklist items 4, 6, 7, 12-15).
 */
export function hardenApp(appIndexUrl: string, devServerUrl: string | undefined): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url, appIndexUrl, devServerUrl)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url, appIndexUrl, devServerUrl)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Links in a release (http/https/mailto) open in the user's browser, never inside the app.
      if (/^(https?|mailto):/i.test(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });

  app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({
        responseHeaders: {
          ...details.responseHeaders,
          'Content-Security-Policy': [devServerUrl ? devCsp(devServerUrl) : APP_CONTENT_SECURITY_POLICY],
        },
      });
    });
  });
}

/** The dev server needs its websocket for hot reload; nothing else is loosened. */
function devCsp(devServerUrl: string): string {
  const ws = devServerUrl.replace(/^http/, 'ws');
  return APP_CONTENT_SECURITY_POLICY.replace("connect-src 'self'", `connect-src 'self' ${ws}`).replace(
    "script-src 'self'",
    "script-src 'self' 'unsafe-inline'",
  );
}
