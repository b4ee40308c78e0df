import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkRelease, type Finding } from '../src-shared/checks/editorial-checks';
import { formatReleaseDateTime } from '../src-shared/render/format-date';
import { DEFAULT_PROFILE, type OrganisationProfile, type ReleaseContent } from '../src-shared/release/schema';
import { defaultWorkspaceFolder, ensureWorkspaceFolder, userDataFolder } from './services/default-workspace';
import { writeFileDurably } from './services/workspace/durable-file';
import { createChromiumPrinter } from './services/export/chromium-printer';
import type { ExportFormat } from './services/export/export-file-name';
import type { PageSize, PdfPrinter } from './services/export/pdf-printer';
import { importRelease, parseReleaseFile } from './services/release-import';
import { importDocumentFile } from './services/import/import-document-file';
import { importKindOf } from '../src-shared/import/placement';
import { call, createDispatcher, createWorkspaceHandlers, type ApiDispatcher } from './services/api/dispatch';
import { createIdentityStore, createMemoryIdentityStore } from './services/identity';
import { currentDisplayName } from './services/workspace/presence';
import { RELEASE_FILE_FORMAT } from './services/release-file';
import { describeNewsroomReport } from './services/newsroom/newsroom-publisher';
import type { Person } from '../src-shared/workflow/workflow';
import { openWorkspace, StoreError, type WorkspaceStore } from './services/workspace/store';
import { isWorkspaceFolder } from './services/workspace/workspace-settings';
import { createEmbargoRegister } from './services/embargo/embargo-register';
import { traceFile } from './services/embargo/trace-file';
import { createAuditTrail } from './services/review/audit-trail';

/**
 * `pressroom`: the headless commands for automation (ARCHITECTURE §2, issue 6). No Electron: it runs wherever
 * Node and the repository's dependencies are. `runCli` takes its arguments and its world (output, environment,
 * clock, printer) as parameters, so the tests run it in-process; bin/pressroom.mjs hands it the real ones.
 */

export const USAGE = `Usage: pressroom <command> [options]

Commands:
  list                         the releases of the workspace
  check <id|file.json>         editorial checks of a release or a release file (exit 1 when any is an error)
  export <id> --format html|pdf|txt|docx [--out PATH] [--page-size A4|Letter] [--confirm-embargo]
                               one release to a file; PATH may be a folder (default: the current folder).
                               Anything not approved is exported as a draft, marked "DRAFT — NOT APPROVED".
                               An approved release is exported as final: recorded in its audit trail and
                               published; under embargo that needs --confirm-embargo.
  trace <file>                 leaked text (a .txt, a page or a PDF) traced to the recipient's embargoed copy
                               it came from, with a confidence, or "matches no recorded copy"
  import <file>                a .pressrelease file (checked whole: trail, sign-offs, history), or a release
                               .json file, which arrives as a draft; or a press release written in Word
                               (.docx), Markdown (.md) or plain text (.txt): each paragraph is placed in its
                               section, a new draft is made, and what went where and what was flagged is printed
  newsroom --out DIR [--site-url URL]
                               the published releases as a static newsroom site in DIR (index, release and
                               tag pages, Atom feed, ninjs, sitemap with --site-url), rewriting only what
                               changed; releases still under embargo are held back and listed

Options:
  --workspace DIR   the workspace folder (default: PRESSROOM_WORKSPACE, else the desktop app's default workspace)
  --json            machine-readable output on stdout: the result, or {"error": {"code", "message"}}
  --as NAME         who is acting, for the audit trail (default: the identity the desktop app and the
                    browser host keep, else the system user name)
  -h, --help        this text

Exit status: 0 done; 1 the command ran and failed (check found errors, an export or import failed);
2 bad input (unknown command or option, missing argument, unknown release, unreadable or invalid file).`;

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_BAD_INPUT = 2;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  now(): Date;
  /** Made on the first PDF export only, and closed before runCli returns. */
  createPrinter(): PdfPrinter;
}

export function nodeIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
    createPrinter: () => createChromiumPrinter(),
  };
}

/** A refusal with the exit status it earns; its message is the one line the person sees. */
class CliError extends Error {
  constructor(
    readonly exitCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const badInput = (message: string) => new CliError(EXIT_BAD_INPUT, 'invalid-input', message);

/** What the CLI exports; an email draft needs recipients, so it is the app's (and the API's) alone. */
const FORMATS = ['html', 'pdf', 'txt', 'docx'] as const satisfies readonly ExportFormat[];
type CliFormat = (typeof FORMATS)[number];
const PAGE_SIZES: readonly PageSize[] = ['A4', 'Letter'];

interface Options {
  workspace?: string | undefined;
  json: boolean;
  as?: string | undefined;
  confirmEmbargo: boolean;
  format?: string | undefined;
  out?: string | undefined;
  pageSize?: string | undefined;
  siteUrl?: string | undefined;
}

interface Context {
  io: CliIo;
  options: Options;
  printer: PdfPrinter | null;
}

/** What a command produced: the value printed with --json, and the lines printed without it. */
interface Outcome {
  exitCode: number;
  value: unknown;
  lines: string[];
}

export async function runCli(argv: readonly string[], io: CliIo = nodeIo()): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    io.stderr(`pressroom: ${oneLine(error)}\n${USAGE}\n`);
    return EXIT_BAD_INPUT;
  }
  const { command, args, options, help } = parsed;
  if (help || command === 'help') {
    io.stdout(`${USAGE}\n`);
    return EXIT_OK;
  }
  const context: Context = { io, options, printer: null };
  try {
    const outcome = await dispatch(command, args, context);
    if (options.json) io.stdout(`${JSON.stringify(outcome.value, null, 2)}\n`);
    else if (outcome.lines.length > 0) io.stdout(`${outcome.lines.join('\n')}\n`);
    return outcome.exitCode;
  } catch (error) {
    const failure = toCliError(error);
    io.stderr(`pressroom: ${failure.message}\n`);
    if (failure.code === 'usage') io.stderr(`Run pressroom --help for the commands and options.\n`);
    if (options.json) {
      io.stdout(`${JSON.stringify({ error: { code: failure.code, message: failure.message } }, null, 2)}\n`);
    }
    return failure.exitCode;
  } finally {
    await context.printer?.close();
  }
}

function parse(argv: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      workspace: { type: 'string' },
      json: { type: 'boolean' },
      format: { type: 'string' },
      out: { type: 'string' },
      'page-size': { type: 'string' },
      as: { type: 'string' },
      'confirm-embargo': { type: 'boolean' },
      'site-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command = '', ...args] = positionals;
  const options: Options = {
    workspace: values.workspace,
    json: values.json === true,
    as: values.as,
    confirmEmbargo: values['confirm-embargo'] === true,
    format: values.format,
    out: values.out,
    pageSize: values['page-size'],
    siteUrl: values['site-url'],
  };
  return { command, args, options, help: values.help === true };
}

function dispatch(command: string, args: string[], context: Context): Promise<Outcome> {
  switch (command) {
    case 'list':
      expectArguments(command, args, 0);
      return listCommand(context);
    case 'check':
      expectArguments(command, args, 1, 'a release id or a release file');
      return checkCommand(args[0]!, context);
    case 'export':
      expectArguments(command, args, 1, 'a release id');
      return exportCommand(args[0]!, context);
    case 'newsroom':
      expectArguments(command, args, 0);
      return newsroomCommand(context);
    case 'import':
      expectArguments(command, args, 1, 'a release file');
      return importCommand(args[0]!, context);
    case 'trace':
      expectArguments(command, args, 1, 'a file with the leaked text');
      return traceCommand(resolve(context.io.cwd, args[0]!), context);
    case '':
      throw new CliError(
        EXIT_BAD_INPUT,
        'usage',
        'No command given: list, check, export, import or newsroom.',
      );
    default:
      throw new CliError(
        EXIT_BAD_INPUT,
        'usage',
        `Unknown command "${command}": use list, check, export, import or newsroom.`,
      );
  }
}

function expectArguments(command: string, args: string[], count: number, what = ''): void {
  if (args.length < count) throw new CliError(EXIT_BAD_INPUT, 'usage', `${command} needs ${what}.`);
  if (args.length > count) {
    throw new CliError(
      EXIT_BAD_INPUT,
      'usage',
      `${command} takes ${count === 0 ? 'no' : 'one'} argument; ` + `"${args[count]}" is one too many.`,
    );
  }
}

// --- the workspace -----------------------------------------------------------------------------------------------

/** The folder the commands work on: --workspace, else PRESSROOM_WORKSPACE, else the desktop app's default. */
function workspaceChoice(context: Context): { folder: string; chosen: boolean } {
  const chosen = context.options.workspace ?? context.io.env.PRESSROOM_WORKSPACE;
  if (chosen !== undefined && chosen !== '') return { folder: resolve(context.io.cwd, chosen), chosen: true };
  return { folder: defaultWorkspaceFolder(userDataFolder(context.io.env)), chosen: false };
}

async function workspaceFolder(context: Context): Promise<string> {
  const { folder, chosen } = workspaceChoice(context);
  if (chosen) {
    // A mistyped path must not quietly become a new, empty workspace.
    if (!isDirectory(folder)) throw badInput(`There is no workspace folder at ${folder}.`);
  } else {
    // As the desktop app does on its first start.
    await ensureWorkspaceFolder(folder, true);
  }
  return folder;
}

async function openStore(context: Context): Promise<WorkspaceStore> {
  const store = await openWorkspace(await workspaceFolder(context), {
    userData: userDataFolder(context.io.env),
  });
  const { problems } = await store.describe();
  for (const problem of problems) {
    context.io.stderr(`pressroom: warning: ${problem.file}: ${problem.message}\n`);
  }
  return store;
}

// --- list ---------------------------------------------------------------------------------------------------

async function listCommand(context: Context): Promise<Outcome> {
  const store = await openStore(context);
  const releases = await store.list();
  const { locale } = (await store.describe()).profile;
  const lines =
    releases.length === 0
      ? ['No releases in this workspace.']
      : table(
          ['ID', 'STATUS', 'DATE', 'HEADLINE'],
          releases.map((release) => [
            release.id,
            release.status,
            // In house style, as the release's own pages date it ("18 July 2024 at 09:30"); --json keeps ISO.
            formatReleaseDateTime(release.releaseDate, release.timeZone, locale) ??
              release.releaseDate.replace('T', ' '),
            oneLine(release.headline) || '(no headline)',
          ]),
        );
  return { exitCode: EXIT_OK, value: releases, lines };
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (column === header.length - 1 ? 0 : row[column]!.length))),
  );
  return [header, ...rows].map((row) =>
    row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  '),
  );
}

// --- check --------------------------------------------------------------------------------------------------

function looksLikeFile(argument: string, cwd: string): boolean {
  return (
    /[\\/]/.test(argument) ||
    extname(argument).toLowerCase() === '.json' ||
    existsSync(resolve(cwd, argument))
  );
}

async function checkCommand(target: string, context: Context): Promise<Outcome> {
  let content: ReleaseContent;
  let profile: OrganisationProfile;
  let subject: { id: string } | { file: string };
  if (looksLikeFile(target, context.io.cwd)) {
    const path = resolve(context.io.cwd, target);
    content = (await readReleaseFile(path)).content;
    profile = await profileForFileCheck(context);
    subject = { file: path };
  } else {
    const store = await openStore(context);
    content = await getRelease(store, target);
    profile = (await store.describe()).profile;
    subject = { id: target };
  }
  const findings = checkRelease(content, {
    profile,
    now: context.io.now(),
    anonymityList: content.anonymityList,
  });
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const warnings = findings.length - errors;
  const lines = findings.map(describeFinding);
  lines.push(
    findings.length === 0
      ? 'No problems found.'
      : `${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`,
  );
  return {
    exitCode: errors > 0 ? EXIT_FAILED : EXIT_OK,
    value: { ...subject, errors, warnings, findings },
    lines,
  };
}

function describeFinding(finding: Finding): string {
  return `${finding.severity.padEnd(7)} ${finding.field}: ${finding.message}`;
}

/**
 * The house rules (limits, words to avoid) belong to a workspace: the chosen one, else the default one if it
 * exists. A file can be checked without any workspace, against the default profile, and nothing is created.
 */
async function profileForFileCheck(context: Context): Promise<OrganisationProfile> {
  const { folder, chosen } = workspaceChoice(context);
  if (!chosen && !isWorkspaceFolder(folder)) return DEFAULT_PROFILE;
  return (await (await openStore(context)).describe()).profile;
}

async function readReleaseFile(path: string) {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw badInput(`Cannot read ${path}: ${fsReason(error)}.`);
  }
  const parsed = parseReleaseFile(text);
  if (!parsed.ok) throw badInput(`${path}: ${parsed.error.message}`);
  return parsed.value;
}

async function getRelease(store: WorkspaceStore, id: string) {
  try {
    return await store.get(id);
  } catch (error) {
    if (error instanceof StoreError && error.code === 'not-found') {
      throw new CliError(
        EXIT_BAD_INPUT,
        'not-found',
        `No release "${id}" in ${store.path}. ` + 'Run pressroom list to see the ids.',
      );
    }
    throw error;
  }
}

// --- export -------------------------------------------------------------------------------------------------

async function exportCommand(id: string, context: Context): Promise<Outcome> {
  const { options } = context;
  const format = exportFormat(options);
  const pageSize = options.pageSize ?? 'A4';
  if (!(PAGE_SIZES as readonly string[]).includes(pageSize)) {
    throw badInput(`--page-size must be A4 or Letter, not "${pageSize}".`);
  }
  const store = await openStore(context);
  const release = await getRelease(store, id);
  // Before any work: a bad --out should not cost a browser start.
  const target = outputPath(context, format);

  // Through the same API as the app, so that a final export is checked, recorded and publishes the release.
  const api = await apiFor(store, context);
  const answer = await call(api, 'export.release', {
    id: release.id,
    format,
    pageSize: pageSize as PageSize,
    confirmEmbargo: options.confirmEmbargo,
  });
  if (!answer.ok) {
    const embargo = answer.error.details?.embargoLine;
    // The refusal in the CLI's own words, once: the app's sentence asks for a confirmation the CLI takes as a flag.
    throw new CliError(
      EXIT_FAILED,
      answer.error.code,
      typeof embargo === 'string'
        ? `This release is under embargo (${embargo}). Add --confirm-embargo to export it as final.`
        : answer.error.message,
    );
  }
  const value = { ...answer.value, bytes: Buffer.from(answer.value.dataBase64, 'base64') };
  const file = target.isFolder ? join(target.path, value.fileName) : target.path;
  try {
    await writeFileDurably(file, value.bytes);
  } catch (error) {
    throw new CliError(EXIT_FAILED, 'io', `Cannot write ${file}: ${fsReason(error)}.`);
  }

  const lines = [`Exported ${release.id} to ${file}`];
  if (value.draft) {
    lines.push(`Not approved (status: ${release.status}), so it is marked "DRAFT — NOT APPROVED".`);
  }
  if (value.published) lines.push(`Final export: recorded in the audit trail; the release is published.`);
  if (value.embargoLine) lines.push(`Under embargo: ${value.embargoLine}.`);
  return {
    exitCode: EXIT_OK,
    value: {
      id: release.id,
      file,
      format,
      pageSize,
      bytes: value.bytes.byteLength,
      draft: value.draft,
      published: value.published,
      status: value.release.status,
      contentHash: value.contentHash,
      embargoLine: value.embargoLine,
    },
    lines,
  };
}

function exportFormat(options: Options): CliFormat {
  const format =
    options.format ??
    extname(options.out ?? '')
      .slice(1)
      .toLowerCase();
  if (format === '') throw badInput('export needs --format html, pdf, txt or docx.');
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw badInput(`--format must be html, pdf, txt or docx, not "${format}".`);
  }
  return format as CliFormat;
}

/** --out as a file, or as a folder to put the export's own file name in (the current folder without --out). */
function outputPath(context: Context, format: ExportFormat): { path: string; isFolder: boolean } {
  const out = context.options.out;
  if (out === undefined || out === '') return { path: context.io.cwd, isFolder: true };
  const path = resolve(context.io.cwd, out);
  if (isDirectory(path) || /[\\/]$/.test(out)) {
    if (!isDirectory(path)) throw badInput(`There is no folder at ${path}.`);
    return { path, isFolder: true };
  }
  if (!isDirectory(dirname(path)))
    throw badInput(`There is no folder at ${dirname(path)} to write ${out} into.`);
  const expected = `.${format}`;
  if (extname(path).toLowerCase() !== expected) {
    context.io.stderr(`pressroom: warning: ${out} does not end in ${expected}.\n`);
  }
  return { path, isFolder: false };
}

// --- import -------------------------------------------------------------------------------------------------

/** `trace FILE`: the embargo register's answer (services/embargo/trace-file.ts). */
async function traceCommand(file: string, context: Context): Promise<Outcome> {
  if (!existsSync(file) || !statSync(file).isFile()) throw badInput(`There is no file at ${file}.`);
  const store = await openStore(context);
  const register = createEmbargoRegister({ store, audit: createAuditTrail(store.layout) });
  const { outcome, lines } = await traceFile(register, file);
  return { exitCode: EXIT_OK, value: outcome, lines };
}

async function importCommand(file: string, context: Context): Promise<Outcome> {
  const path = resolve(context.io.cwd, file);
  const documentKind = importKindOf(path);
  if (documentKind) {
    // A Word, Markdown or text release (issue 16): placed section by section, then a new draft.
    const store = await openStore(context);
    const answer = await importDocumentFile(await apiFor(store, context), path, documentKind);
    if (!answer.ok) {
      const input = answer.error.code === 'invalid-input';
      throw new CliError(
        input ? EXIT_BAD_INPUT : EXIT_FAILED,
        answer.error.code,
        oneLine(answer.error.message),
      );
    }
    return { exitCode: EXIT_OK, ...answer.value };
  }
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    throw badInput(`Cannot read ${path}: ${fsReason(error)}.`);
  });
  if (isReleaseFileText(text)) return openReleaseFileCommand(path, text, context);
  const parsed = await readReleaseFile(path);
  const folder = await workspaceFolder(context);
  const release = await importRelease(folder, parsed, await actorOf(context), path);
  const renamed = parsed.id !== null && parsed.id !== release.id;
  const lines = [`Imported ${path} as draft ${release.id}: ${oneLine(release.headline) || '(no headline)'}`];
  if (renamed)
    lines.push(
      `The id ${parsed.id} is already taken in this workspace, so the release is now ${release.id}.`,
    );
  return {
    exitCode: EXIT_OK,
    value: {
      id: release.id,
      originalId: parsed.id,
      status: release.status,
      revision: release.revision,
      file: path,
    },
    lines,
  };
}

async function openReleaseFileCommand(path: string, text: string, context: Context): Promise<Outcome> {
  const store = await openStore(context);
  const answer = await call(await apiFor(store, context), 'releaseFile.open', { text });
  if (!answer.ok) {
    throw new CliError(
      answer.error.code === 'invalid-input' ? EXIT_BAD_INPUT : EXIT_FAILED,
      answer.error.code,
      answer.error.message.replace(/\n/g, ' '),
    );
  }
  const { release, outcome } = answer.value;
  return {
    exitCode: EXIT_OK,
    value: { id: release.id, outcome, status: release.status, revision: release.revision, file: path },
    lines: [`Opened ${path}: release ${release.id} ${outcome} (${release.status}).`],
  };
}

// --- newsroom ---------------------------------------------------------------------------------------------------

/** The newsroom site, through the same API method as the app's "Publish newsroom" (services/newsroom). */
async function newsroomCommand(context: Context): Promise<Outcome> {
  const out = context.options.out;
  if (out === undefined || out === '') {
    throw badInput('newsroom needs --out DIR: the folder to write the site into.');
  }
  const store = await openStore(context);
  const answer = await call(await apiFor(store, context), 'newsroom.export', {
    folder: resolve(context.io.cwd, out),
    siteUrl: context.options.siteUrl ?? '',
  });
  if (!answer.ok) {
    throw new CliError(
      answer.error.code === 'invalid-input' ? EXIT_BAD_INPUT : EXIT_FAILED,
      answer.error.code,
      answer.error.message,
    );
  }
  return { exitCode: EXIT_OK, value: answer.value, lines: describeNewsroomReport(answer.value) };
}

// --- who is acting --------------------------------------------------------------------------------------------

/**
 * The person recorded in audit trails: --as NAME, else the identity the app keeps in its user-data folder, else
 * the system user. Self-declared, like every identity in Pressroom.
 */
async function actorOf(context: Context): Promise<Person> {
  const named = context.options.as?.trim();
  if (named) return { id: `cli-${slugId(named)}`, name: named, roles: ['writer'] };
  const kept = await createIdentityStore(userDataFolder(context.io.env))
    .get()
    .catch(() => null);
  if (kept) return kept;
  const user = currentDisplayName();
  return { id: `cli-${slugId(user)}`, name: `${user} (command line)`, roles: ['writer'] };
}

function slugId(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'someone'
  );
}

async function apiFor(store: WorkspaceStore, context: Context): Promise<ApiDispatcher> {
  const person = await actorOf(context);
  return createDispatcher(
    createWorkspaceHandlers(store, {
      identity: createMemoryIdentityStore(person),
      printer: () => (context.printer ??= context.io.createPrinter()),
      userData: null,
      now: () => context.io.now(),
    }),
  );
}

// --- helpers ------------------------------------------------------------------------------------------------

/** A `.pressrelease` file (by its format marker, whatever its name). */
function isReleaseFileText(text: string): boolean {
  return /^\s*\{\s*"format"\s*:\s*"/.test(text) && text.includes(`"${RELEASE_FILE_FORMAT}"`);
}

function toCliError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof StoreError) {
    const input = error.code === 'not-found' || error.code === 'invalid-input';
    return new CliError(input ? EXIT_BAD_INPUT : EXIT_FAILED, error.code, oneLine(error));
  }
  return new CliError(EXIT_FAILED, 'internal', oneLine(error));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function fsReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  return oneLine(error);
}

/** One line of a message or a user string, so that neither can spread over a terminal or forge a line of ours. */
function oneLine(value: unknown): string {
  const text = value instanceof Error ? value.message : String(value);
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
