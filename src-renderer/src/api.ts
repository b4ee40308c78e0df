import {
  API_METHODS,
  type ApiInput,
  type ApiMethod,
  type ApiOutput,
  type PressroomApi,
} from '../../src-shared/api/contract';
import type { Result } from '../../src-shared/result';

/**
 * The only module that talks to the main side. In Electron the preload has put the API table on
 * `window.pressroom`; in the browser host the same table is served under /api/ with this run's token.
 */
declare global {
  interface Window {
    pressroom?: PressroomApi;
  }
}

const TOKEN_KEY = 'pressroom.token';

function browserHostToken(): string {
  const params = new URLSearchParams(window.location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    // Keep the token out of the address bar, history and screenshots; the tab's session storage keeps it.
    params.delete('token');
    const query = params.toString();
    window.history.replaceState(
      null,
      '',
      `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`,
    );
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/** How a call is sent. */
export interface CallOptions {
  /**
   * Sent so that it outlives the page (fetch keepalive): for the last edits as the page is hidden or closed. The
   * browser allows such requests only up to 64 KB together; a larger one fails at once with an `io` error. In the
   * desktop app every call already outlives the page (IPC), so this changes nothing there.
   */
  keepalive?: boolean;
}

/** Chromium's limit on the bodies of keepalive requests in flight together (64 KiB), less room for the others. */
export const KEEPALIVE_BODY_LIMIT = 60 * 1024;

/** The size in bytes of a call's body, as the browser host client would send it. */
export function bodyBytes(input: unknown): number {
  return new TextEncoder().encode(JSON.stringify(input ?? {})).length;
}

type Call = (method: ApiMethod, input: unknown, options?: CallOptions) => Promise<Result<unknown>>;

function createBrowserHostClient(): Call {
  const token = browserHostToken();
  return async (method, input, options) => {
    const body = JSON.stringify(input ?? {});
    if (options?.keepalive && bodyBytes(input) > KEEPALIVE_BODY_LIMIT) {
      return {
        ok: false,
        error: { code: 'io', message: 'Too large to send while the page closes.' },
      };
    }
    try {
      const response = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body,
        keepalive: options?.keepalive === true,
      });
      return (await response.json()) as Result<unknown>;
    } catch {
      return {
        ok: false,
        error: { code: 'io', message: 'Pressroom is not reachable. Is `npm run web` still running?' },
      };
    }
  };
}

const bridge = window.pressroom;
const send: Call = bridge
  ? (method, input) => (bridge[method] as (input: unknown) => Promise<Result<unknown>>)(input)
  : createBrowserHostClient();

export const api: PressroomApi = Object.fromEntries(
  API_METHODS.map((method) => [method, (input: unknown) => callApi(method, input as never)]),
) as unknown as PressroomApi;

/** Inside the desktop app (the preload put the API on the window): native dialogs such as a folder picker exist. */
export const isDesktopApp = window.pressroom !== undefined;

/**
 * Typed text on its way to the main side from this page (saves, stashes, an editor's last save as it closes). The
 * list of unsaved edits is asked only once they have answered: an edit still on its way is not one that was lost,
 * and "Unsaved edits were found" right after Back would be a false alarm (issue 14, item 5).
 */
const typedTextOnItsWay = new Set<Promise<unknown>>();
const CARRIES_TYPED_TEXT: ReadonlySet<ApiMethod> = new Set<ApiMethod>(['releases.save', 'recovery.stash']);

export function sendingTypedText<T>(work: Promise<T>): Promise<T> {
  typedTextOnItsWay.add(work);
  const done = () => typedTextOnItsWay.delete(work);
  work.then(done, done);
  return work;
}

async function typedTextArrived(): Promise<void> {
  while (typedTextOnItsWay.size > 0) await Promise.allSettled([...typedTextOnItsWay]);
}

export async function callApi<M extends ApiMethod>(
  method: M,
  input: ApiInput<M>,
  options?: CallOptions,
): Promise<Result<ApiOutput<M>>> {
  if (method === 'recovery.list') await typedTextArrived();
  const call = send(method, input, options) as Promise<Result<ApiOutput<M>>>;
  return CARRIES_TYPED_TEXT.has(method) ? sendingTypedText(call) : call;
}
