import type { z } from 'zod';
import {
  apiContract,
  isApiMethod,
  type ApiInput,
  type ApiMethod,
  type ApiOutput,
} from '../../../src-shared/api/contract';
import { fail, ok, type Result } from '../../../src-shared/result';
import { createEditRecovery, type EditRecovery } from '../edit-recovery';
import { searchReleases } from '../library-search';
import { createPresence, currentDisplayName, type Presence } from '../presence';
import { StoreError, type WorkspaceStore } from '../workspace-store';
import { createWorkspaceWatch, type WorkspaceWatch } from '../workspace-watch';

/** One handler per API method; inputs arrive already parsed by the contract's schema. */
export type ApiHandlers = {
  [M in ApiMethod]: (input: z.output<(typeof apiContract)[M]['input']>) => Promise<ApiOutput<M>>;
};

/** Pass these (from createWorkspaceServices) to be able to close them; otherwise they are made on first use. */
export interface SharedWorkspaceParts {
  watch?: WorkspaceWatch;
  presence?: Presence;
}

export function createWorkspaceHandlers(
  store: WorkspaceStore,
  recovery: EditRecovery = createEditRecovery(store),
  shared: SharedWorkspaceParts = {},
): ApiHandlers {
  // Lazily, so that callers that never ask (tests, the CLI) never start a watcher or a heartbeat.
  let watch = shared.watch;
  let presence = shared.presence;
  const theWatch = () => (watch ??= createWorkspaceWatch(store.path));
  const thePresence = () => (presence ??= createPresence(store.path, { displayName: currentDisplayName }));
  return {
    'workspace.describe': () => store.describe(),
    'releases.list': () => store.list(),
    'releases.listTrash': () => store.listTrash(),
    'releases.create': ({ type }) => store.create(type),
    'releases.get': ({ id }) => store.get(id),
    'releases.save': async ({ release }) => {
      const saved = await store.save(release);
      // A stash is only a safety net; failing to tidy it must not turn a good save into an error.
      await recovery.clearIfSaved(saved).catch(() => undefined);
      return saved;
    },
    'releases.delete': async ({ id }) => {
      await store.delete(id);
      return { id };
    },
    'releases.restore': ({ id }) => store.restore(id),
    'releases.search': async (query) =>
      searchReleases(await store.readAll(query.trash ? 'trash' : 'releases'), query),
    'releases.duplicate': ({ id }) => store.duplicate(id),
    'workspace.updateProfile': async ({ profile }) => {
      await store.updateProfile(profile);
      return store.describe();
    },
    'workspace.setLogo': async (upload) => {
      await store.setLogo(upload);
      return store.describe();
    },
    'workspace.removeLogo': async () => {
      await store.removeLogo();
      return store.describe();
    },
    'recovery.stash': ({ release }) => recovery.stash(release),
    'recovery.list': () => recovery.list(),
    'recovery.discard': async ({ id }) => {
      await recovery.discard(id);
      return { id };
    },
    'workspace.changes': async ({ cursor }) => theWatch().changesSince(cursor),
    'presence.open': async ({ id }) => {
      // Telling others we are here is a courtesy: a read-only or offline share must not stop us seeing them.
      await thePresence()
        .open(id)
        .catch(() => undefined);
      return { others: await thePresence().othersOn(id) };
    },
    'presence.close': async ({ id }) => {
      await thePresence().close(id);
      return { id };
    },
    'presence.list': () => thePresence().allOthers(),
  };
}

export type ApiDispatcher = (method: unknown, input: unknown) => Promise<Result<unknown>>;

/**
 * The single entry point that both the Electron IPC layer and the browser host call. It never throws:
 * unknown methods, malformed input and service failures all come back as `{ ok: false, error }`.
 */
export function createDispatcher(
  handlers: ApiHandlers,
  log: (message: string) => void = console.error,
): ApiDispatcher {
  return async (method, input) => {
    if (!isApiMethod(method)) {
      return fail('invalid-input', `Unknown request "${String(method).slice(0, 80)}".`);
    }
    const parsed = apiContract[method].input.safeParse(input ?? {});
    if (!parsed.success) {
      return fail('invalid-input', describeIssues(parsed.error.issues));
    }
    try {
      const handler = handlers[method] as (value: unknown) => Promise<unknown>;
      return ok(await handler(parsed.data));
    } catch (error) {
      if (error instanceof StoreError) return fail(error.code, error.message, error.details);
      log(
        `[pressroom] ${method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      return fail(
        'internal',
        'Something went wrong while doing that. Nothing was changed; please try again.',
      );
    }
  };
}

/** A short, human list of what was wrong with an input, e.g. "headline: Too long ...". */
export function describeIssues(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
): string {
  const lines = issues.slice(0, 5).map((issue) => {
    const where = issue.path.map(String).join('.');
    return where ? `${where}: ${issue.message}` : issue.message;
  });
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
  return `The request was not valid. ${lines.join('; ')}${more}`;
}

/** Typed convenience for callers inside the main side (tests, CLI). */
export async function call<M extends ApiMethod>(
  dispatch: ApiDispatcher,
  method: M,
  input: ApiInput<M>,
): Promise<Result<ApiOutput<M>>> {
  return (await dispatch(method, input)) as Result<ApiOutput<M>>;
}
