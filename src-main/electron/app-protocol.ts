import { readFile } from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import { APP_SCHEME, resolveAppRequest } from '../services/app-protocol';
import { APP_CONTENT_SECURITY_POLICY } from '../web/browser-host';

/**
 * The app's own scheme (checklist item 18: custom protocol, not file://). Registered as privileged before the app
 * is ready - standard (relative URLs, an origin of its own) and secure (a secure context, like https) - and
 * served from the built renderer folder only; resolveAppRequest refuses everything else and is tested.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveApp(session: Session, rendererRoot: string, log: (message: string) => void): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    const resolved = resolveAppRequest(request.url, rendererRoot);
    if (!resolved.ok) {
      log(`[pressroom] refused ${request.url.slice(0, 200)}: ${resolved.reason}`);
      return new Response(null, { status: resolved.status });
    }
    try {
      const body = await readFile(resolved.path);
      return new Response(body, {
        status: 200,
        // The same headers as the browser host: the CSP travels with every document (checklist item 7).
        headers: {
          'Content-Type': resolved.contentType,
          'Content-Security-Policy': APP_CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
          'Referrer-Policy': 'no-referrer',
        },
      });
    } catch {
      return new Response(null, { status: 404 });
    }
  });
}
