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

function createBrowserHostClient(): PressroomApi {
  const token = browserHostToken();
  const callMethod = async (method: ApiMethod, input: unknown): Promise<Result<unknown>> => {
    try {
      const response = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(input ?? {}),
      });
      return (await response.json()) as Result<unknown>;
    } catch {
      return {
        ok: false,
        error: { code: 'io', message: 'Pressroom is not reachable. Is `npm run web` still running?' },
      };
    }
  };
  return Object.fromEntries(
    API_METHODS.map((method) => [method, (input: unknown) => callMethod(method, input)]),
  ) as unknown as PressroomApi;
}

export const api: PressroomApi = window.pressroom ?? createBrowserHostClient();

/** Inside the desktop app (the preload put the API on the window): native dialogs such as a folder picker exist. */
export const isDesktopApp = window.pressroom !== undefined;

export function callApi<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<Result<ApiOutput<M>>> {
  return api[method](input);
}
