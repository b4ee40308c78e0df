import { homedir } from 'node:os';
import { join } from 'node:path';
import type { z } from 'zod';
import {
  apiContract,
  isApiMethod,
  type ApiInput,
  type ApiMethod,
  type ApiOutput,
} from '../../../src-shared/api/contract';
import { fail, ok, type Result } from '../../../src-shared/result';
import type { CommentThread } from '../../../src-shared/workflow/review-records';
import { isWaitingFor, type Person } from '../../../src-shared/workflow/workflow';
import { createAuditTrail } from '../review/audit-trail';
import { embargoHandlers } from '../embargo/embargo-handlers';
import { createEditRecovery, type EditRecovery } from '../workspace/edit-recovery';
import { createMemoryIdentityStore, type IdentityStore } from '../identity';
import { createExportWorkflow } from '../export/export-workflow';
import { createDistributionLists } from '../distribution/distribution-list';
import { exportEmailDrafts } from '../distribution/email-drafts';
import { loadHouseFonts } from '../export/house-fonts';
import { latestNewsFor } from '../export/html-export';
import type { PdfPrinter } from '../export/pdf-printer';
import { createPrivacyService } from '../privacy-guard';
import { createReleaseFiles } from '../release-file';
import { createReleaseHistory, historyPinnedTo, saveAsVersion } from '../review/release-history';
import { createReviewComments } from '../review/comments';
import { createReviewWorkflow } from '../review/workflow';
import type { createDocumentImport } from '../import/document-import';
import { createLibraryCatalogue, type LibraryCatalogue } from '../library/library-catalogue';
import { createNewsroomPublisher } from '../newsroom/newsroom-publisher';
import {
  latestNewsFromCatalogue,
  latestNewsFromFolder,
  type LatestNewsReleases,
} from '../library/latest-news-source';
import { createPresence, currentDisplayName, type Presence } from '../workspace/presence';
import { StoreError, type WorkspaceStore } from '../workspace/store';
import { createWorkspaceWatch, type WorkspaceWatch } from '../workspace/watch';

/** One handler per API method; inputs arrive already parsed by the contract's schema. */
/** What a host knows about one call besides its input. */
export interface CallContext {
  /** Aborted when the asker gave up (the browser closed the request): long work stops (issue 13, item 4). */
  signal?: AbortSignal;
}

export type ApiHandlers = {
  [M in ApiMethod]: (
    input: z.output<(typeof apiContract)[M]['input']>,
    context: CallContext,
  ) => Promise<ApiOutput<M>>;
};

/**
 * Parts a host makes itself: watch and presence (from createWorkspaceServices) so that it can close them, and the
 * identity store of its user-data folder. Anything not given is made on first use (identity: in memory, nobody
 * yet).
 */
export interface WorkspaceHandlerParts {
  recovery?: EditRecovery;
  watch?: WorkspaceWatch;
  presence?: Presence;
  /** The library index the host keeps open (createWorkspaceServices); without one it is made on first search. */
  catalogue?: LibraryCatalogue;
  identity?: IdentityStore;
  now?: () => Date;
  /** The PDF engine (the host owns and closes it); without one, a PDF export starts Chromium on first use. */
  printer?: () => PdfPrinter;
  /** The app's user-data folder, where the last export folder is remembered; null: not remembered. */
  userData?: string | null;
  /** Where exports go until someone picks a folder. */
  defaultExportFolder?: string;
  /** The system's folder picker (the desktop app's); absent in the browser host and the CLI. */
  chooseFolder?: (options: { title: string; defaultPath?: string }) => Promise<string | null>;
}

export function createWorkspaceHandlers(
  store: WorkspaceStore,
  parts: WorkspaceHandlerParts = {},
): ApiHandlers {
  const recovery = parts.recovery ?? createEditRecovery(store);
  const identity = parts.identity ?? createMemoryIdentityStore();
  const now = parts.now ?? (() => new Date());
  const audit = createAuditTrail(store.layout);
  const history = createReleaseHistory(store.layout, { now });
  const workflow = createReviewWorkflow({ store, audit, history, now });
  const comments = createReviewComments(store.layout, { now });
  const releaseFiles = createReleaseFiles({ store, audit, history, comments });
  const privacy = createPrivacyService({ store, audit, now });
  // Loaded on the first import: mammoth, marked and parse5 are tens of MB the main process need not hold until then.
  let documentImport: Promise<ReturnType<typeof createDocumentImport>> | undefined;
  const documents = () =>
    (documentImport ??= import('../import/document-import').then((module) =>
      module.createDocumentImport({ store, workflow, now }),
    ));
  const newsroom = createNewsroomPublisher({
    store,
    userData: parts.userData ?? null,
    defaultFolder: join(homedir(), 'Pressroom newsroom'),
    now,
  });
  let fallbackPrinter: PdfPrinter | undefined;
  const exports = createExportWorkflow({
    store,
    latestNews: (exceptId, count, at) => latestNews(exceptId, count, at),
    audit,
    history,
    printer: parts.printer ?? (() => (fallbackPrinter ??= lazyChromiumPrinter())),
    userData: parts.userData ?? null,
    defaultFolder: parts.defaultExportFolder ?? join(homedir(), 'Pressroom exports'),
    now,
  });
  const distribution = createDistributionLists(store.layout, { now });
  // Lazily, so that callers that never ask (tests, the CLI) never start a watcher or a heartbeat.
  let watch = parts.watch;
  let presence = parts.presence;
  const theWatch = () => (watch ??= createWorkspaceWatch(store.layout));
  // The library index (issue 15): the host's, else made on the first search, following the host's watcher if any.
  let catalogue = parts.catalogue;
  const theCatalogue = () => {
    if (catalogue) return catalogue;
    const made = createLibraryCatalogue(store.layout, { watch: () => watch });
    store.onReleaseWritten((id) => made.changed(id));
    return (catalogue = made);
  };
  // "Latest news" from the few releases the index chooses; without a host's index (the CLI, tests), from the folder.
  const latestNews: LatestNewsReleases = (exceptId, count, at) =>
    (catalogue ? latestNewsFromCatalogue(catalogue, store) : latestNewsFromFolder(store))(
      exceptId,
      count,
      at,
    );
  const thePresence = () => (presence ??= createPresence(store.layout, { displayName: currentDisplayName }));

  /** Everything that changes a release is done by someone: the trail and the four-eyes rule need to know who. */
  const person = async (): Promise<Person> => {
    const who = await identity.get();
    if (!who) {
      throw new StoreError(
        'identity-required',
        'Say who you are first (your name and roles), so that your changes are recorded under your name.',
      );
    }
    return who;
  };
  /** The trail says what was said and where, so that it reads on its own (comments are never deleted anyway). */
  const commented = async (
    id: string,
    threads: CommentThread[],
    action: 'added' | 'replied' | 'resolved' | 'reopened',
    threadId: string | null,
    text?: string,
  ) => {
    const thread = threadId ? threads.find((t) => t.id === threadId) : threads.at(-1);
    const details: Record<string, string | number> = { action };
    if (thread) {
      details.thread = thread.id;
      details.on = thread.anchor.itemId
        ? `${thread.anchor.section} ${thread.anchor.itemId}`
        : thread.anchor.section;
    }
    if (text) details.text = text.length > 500 ? `${text.slice(0, 500)}…` : text;
    await workflow.note(id, await person(), 'commented', details);
    return threads;
  };

  /**
   * Decisions taken at once on two computers are settled by the workflow rule when they meet (issue 12, item 4);
   * the first person here to see them settled records it in this computer's chain, once per set of versions.
   */
  const recordSettlement = async (id: string, versions: readonly { id: string }[], rule: string) => {
    const key = versions
      .map((version) => version.id)
      .sort()
      .join(' ');
    const who = await identity.get();
    if (!who) return;
    const entries = await audit.read(id);
    if (entries.some((entry) => entry.event === 'settled' && entry.details.versions === key)) return;
    await audit.append(id, {
      actor: { id: who.id, name: who.name },
      event: 'settled',
      details: { versions: key, rule },
    });
  };

  return {
    'workspace.describe': async () => {
      const description = await store.describe();
      // Damaged releases are found by whoever reads them: the store when it lists, the library index when it opens
      // (the store no longer reads every release at open).
      const known = new Set(description.problems.map((problem) => problem.file));
      const found = (catalogue?.problems() ?? []).filter((problem) => !known.has(problem.file));
      return found.length === 0
        ? description
        : { ...description, problems: [...description.problems, ...found] };
    },
    'releases.list': () => store.list(),
    'releases.listTrash': () => store.listTrash(),
    'releases.create': async ({ type }) => workflow.create(() => store.create(type), await person()),
    'releases.get': ({ id }) => store.get(id),
    'releases.versions': async ({ id }) => {
      const heads = await store.versions(id);
      if (heads.kind === 'decisions' && heads.rule) await recordSettlement(id, heads.heads, heads.rule);
      return {
        kind: heads.kind,
        rule: heads.rule,
        base: await store.baseOf(id, heads),
        versions: heads.heads.map((head) => ({
          versionId: head.id,
          revision: head.revision,
          computerName: head.writer.computerName,
          savedBy: head.writer.person?.name ?? head.release.lastEdit?.by.name ?? null,
          savedAt: head.savedAt,
          deleted: head.deleted,
          release: head.release,
        })),
      };
    },
    'releases.resolveFork': async ({ release, versions }) => {
      const who = await person();
      const kept = await store.resolveFork(release, versions, { id: who.id, name: who.name });
      await workflow.note(kept.id, who, 'edited', {
        settled: 'two versions',
        versions: versions.join(' '),
        revision: kept.revision,
      });
      await recovery.clearIfSaved(kept).catch(() => undefined);
      return kept;
    },
    // Through the recovery service, so that a list of unsaved edits asked meanwhile waits for this save.
    'releases.save': ({ release }) =>
      recovery.whileSaving(async () => {
        const { release: saved } = await workflow.save(release, await person());
        // A stash is only a safety net; failing to tidy it must not turn a good save into an error.
        await recovery.clearIfSaved(saved).catch(() => undefined);
        return saved;
      }),
    // Deleting and restoring are acts people answer for: who and when go in the revision and in the trail.
    'releases.delete': async ({ id }) => {
      const who = await person();
      const before = await store.get(id);
      await store.delete(id, { id: who.id, name: who.name });
      await workflow.note(id, who, 'deleted', { status: before.status, revision: before.revision });
      return { id };
    },
    'releases.restore': async ({ id }) => {
      const who = await person();
      const restored = await store.restore(id, { id: who.id, name: who.name });
      await workflow.note(id, who, 'undeleted', { status: restored.status, revision: restored.revision });
      return restored;
    },
    'releases.search': async (query) => {
      const [who, settings] = await Promise.all([identity.get(), store.readSettings()]);
      const result = await theCatalogue().search(
        query,
        (workflow) => (who && !query.trash ? isWaitingFor(workflow, who, settings) : false),
        // A first open of a large workspace answers with what is read so far and a progress bar.
        { whileBuilding: 'partial' },
      );
      if (!query.trash) return result;
      // Deleted releases say who deleted them and when: the deleting revision names its writer.
      const rows = await Promise.all(
        result.rows.map(async (row) => {
          const heads = await store.versions(row.id).catch(() => null);
          const deletion = heads?.heads.find((head) => head.deleted);
          if (!deletion) return row;
          return {
            ...row,
            deleted: {
              by: deletion.writer.person?.name ?? null,
              computer: deletion.writer.computerName,
              at: deletion.savedAt,
            },
          };
        }),
      );
      return { ...result, rows };
    },
    // The copy's trail starts by saying what it was copied from, as a copy opened from a release file does.
    'releases.duplicate': async ({ id }) =>
      workflow.create(
        () => store.duplicate(id),
        await person(),
        (copy) => ({
          copiedFrom: id,
          headline: copy.headline.slice(0, 200),
          source: 'library duplicate',
        }),
      ),
    'workspace.updateProfile': async ({ profile, base }) => {
      await store.updateProfile(profile, await identity.get(), base);
      return store.describe();
    },
    'workspace.setLogo': async (upload) => {
      await store.setLogo(upload, await identity.get());
      return store.describe();
    },
    'workspace.removeLogo': async () => {
      await store.removeLogo(await identity.get());
      return store.describe();
    },
    'recovery.stash': (input) =>
      'release' in input
        ? recovery.stash(input.release)
        : recovery.stashChanges(input.id, input.changes, input.onto),
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
    'session.whoami': async () => ({ person: await identity.get() }),
    'session.identify': async (details) => {
      const who = await identity.set(details);
      // The workspace's list of people is a convenience (chains, "waiting for me"): a read-only share must not
      // stop someone from saying who they are.
      await store.recordPerson(who).catch(() => undefined);
      return who;
    },
    'workspace.updateSettings': async ({ settings, base }) => {
      await store.updateSettings(settings, await identity.get(), base);
      return store.describe();
    },
    'releases.act': async (request) => workflow.act(request, await person()),
    'history.list': ({ id }) => history.list(id),
    'history.get': ({ id, seq, key }) => history.get(id, oneVersion(key, seq)),
    'history.revisions': ({ id, before, limit }) => history.saves(id, { before, limit }),
    'history.revision': ({ id, save }) => history.saved(id, save),
    'history.keep': async ({ id }) => workflow.keepVersion(id, await person()),
    'history.restore': async ({ id, seq, key, save, revision }) => {
      if (save === undefined && key === undefined) {
        return workflow.restoreVersion(id, oneVersion(key, seq) as number, revision, await person());
      }
      // A kept version by its key, or a save: handed to the same restore (lapse of sign-offs, audit entry).
      const version =
        save !== undefined ? saveAsVersion(await history.saved(id, save)) : await history.get(id, key!);
      const pinned = createReviewWorkflow({ store, audit, history: historyPinnedTo(history, version), now });
      return pinned.restoreVersion(id, version.seq, revision, await person());
    },
    'audit.read': ({ id }) => workflow.auditReport(id),
    ...embargoHandlers({
      store,
      audit,
      printer: parts.printer ?? (() => (fallbackPrinter ??= lazyChromiumPrinter())),
      now,
      person,
      latestNews: (exceptId, count, at) => latestNews(exceptId, count, at),
    }),
    'export.release': async (request, { signal }) => {
      const { bytes, ...rest } = await exports.exportOne(request, await person(), signal);
      return { ...rest, dataBase64: Buffer.from(bytes).toString('base64') };
    },
    'export.toFolder': async (request, { signal }) => {
      const { bytes: _bytes, ...rest } = await exports.exportToFolder(request, await person(), signal);
      return rest;
    },
    'export.folder': async () => ({ folder: await exports.exportFolder() }),
    'export.emailDrafts': async (request, { signal }) =>
      exportEmailDrafts({ store, exports, lists: distribution }, request, await person(), signal),
    'distribution.list': () => distribution.list(),
    'distribution.addContact': async (contact) => distribution.addContact(contact, await person()),
    'distribution.removeContact': async ({ id }) => distribution.removeContact(id, await person()),
    'distribution.importCsv': async ({ text }) => distribution.importCsv(text, await person()),
    'distribution.addDoNotContact': async (entry) => distribution.addDoNotContact(entry, await person()),
    'distribution.removeDoNotContact': async ({ id }) => distribution.removeDoNotContact(id, await person()),
    'preview.extras': async ({ id }) => {
      const [release, description, fontFaces] = await Promise.all([
        store.get(id),
        store.describe(),
        // Without the font the preview still shows the text, in the fallback face; the export says what is wrong.
        loadHouseFonts().catch(() => []),
      ]);
      const at = now();
      const candidates = await latestNews(id, description.settings.latestNewsCount, at);
      const items = latestNewsFor(release, candidates, {
        count: description.settings.latestNewsCount,
        now: at,
        links: { target: 'preview' },
      });
      return { fontFaces, latestNews: items };
    },
    'dialogs.chooseFolder': async ({ title, defaultPath }) => {
      if (!parts.chooseFolder) {
        throw new StoreError(
          'invalid-input',
          'There is no folder picker here (it is part of the desktop app): type the folder’s full path instead.',
        );
      }
      return {
        folder: await parts.chooseFolder(defaultPath === undefined ? { title } : { title, defaultPath }),
      };
    },
    'releaseFile.save': async ({ id }) => releaseFiles.save(id, await person(), now()),
    'releaseFile.open': async ({ text, asCopy }) => releaseFiles.open(text, await person(), { asCopy }),
    'comments.list': ({ id }) => comments.list(id),
    'comments.add': async ({ id, anchor, text }) =>
      commented(id, await comments.add(id, await person(), anchor, text), 'added', null, text),
    'comments.reply': async ({ id, threadId, text }) =>
      commented(id, await comments.reply(id, await person(), threadId, text), 'replied', threadId, text),
    'comments.setResolved': async ({ id, threadId, resolved }) =>
      commented(
        id,
        await comments.setResolved(id, await person(), threadId, resolved),
        resolved ? 'resolved' : 'reopened',
        threadId,
      ),
    'checks.workspace': async ({ id }) => ({ findings: await privacy.workspaceFindings(id) }),
    'privacy.decide': async (request) => privacy.recordDecision(request, await person()),
    'newsroom.export': (request) => newsroom.publish(request),
    'newsroom.settings': () => newsroom.settings(),
    'import.analyse': async ({ fileName, kind, text, dataBase64 }) =>
      (await documents()).analyse({
        fileName,
        kind,
        text,
        bytes: dataBase64 === undefined ? undefined : Buffer.from(dataBase64, 'base64'),
      }),
    'import.create': async ({ placement }) => (await documents()).create(placement, await person()),
  };
}

/** Chromium through playwright-core, loaded only when a PDF is first asked for (never in the desktop app). */
function lazyChromiumPrinter(): PdfPrinter {
  let printer: Promise<PdfPrinter> | undefined;
  const get = () =>
    (printer ??= import('../export/chromium-printer').then(({ createChromiumPrinter }) =>
      createChromiumPrinter(),
    ));
  return {
    print: async (html, options) => (await get()).print(html, options),
    close: async () => {
      if (printer) await (await printer).close();
    },
  };
}

export type ApiDispatcher = (
  method: unknown,
  input: unknown,
  context?: CallContext,
) => Promise<Result<unknown>>;

/**
 * The single entry point that both the Electron IPC layer and the browser host call. It never throws:
 * unknown methods, malformed input and service failures all come back as `{ ok: false, error }`.
 */
export function createDispatcher(
  handlers: ApiHandlers,
  log: (message: string) => void = console.error,
): ApiDispatcher {
  return async (method, input, context = {}) => {
    if (!isApiMethod(method)) {
      return fail('invalid-input', `Unknown request "${String(method).slice(0, 80)}".`);
    }
    const parsed = apiContract[method].input.safeParse(input ?? {});
    if (!parsed.success) {
      return fail('invalid-input', describeIssues(parsed.error.issues));
    }
    try {
      const handler = handlers[method] as (value: unknown, context: CallContext) => Promise<unknown>;
      return ok(await handler(parsed.data, context));
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

/** A kept version named by its key, or by its number (older callers); one of them is required. */
function oneVersion(key: string | undefined, seq: number | undefined): string | number {
  if (key !== undefined) return key;
  if (seq !== undefined) return seq;
  throw new StoreError('invalid-input', 'Say which version: its key or its number.');
}
