import { promises as fsp } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { Low, type Adapter } from 'lowdb';
import type { z } from 'zod';
import {
  FileTooLargeError,
  isErrorCode,
  NotRegularFileError,
  readRegularTextFile,
  renameDurably,
  writeFileDurably,
} from '../workspace/durable-file';
import { withMutex } from '../workspace/file-lock';

/**
 * The one way the app keeps a small JSON document of its own (ARCHITECTURE §4): preferences and window state,
 * identity, the workspace's old workspace.json, the library index. Each goes through lowdb's `Low` over an adapter
 * that does what lowdb itself does not:
 *  - writes durably (temp file, fsync, rename, folder fsync: writeFileDurably), so that a crash or kill leaves the
 *    old document or the new one, never a torn file;
 *  - stores a version number in the document and brings older documents up to date on read, step by step;
 *  - checks every document with its zod schema on read and before every write;
 *  - sets a file that is not JSON or not a valid document aside (by default as `<name>.unreadable-<time>` beside
 *    it) and reports it as a problem value, never overwriting it silently; the defaults are used meanwhile;
 *  - leaves a file it cannot read at all (permissions, a folder in its place, too large) or one written by a newer
 *    Pressroom where it is and refuses to write over it.
 * Updates within one process are applied one after another, each on the document as it is on disk.
 *
 * Not for release content (revisions, append-only logs, one file per writer: workspace/revisions.ts and the sync
 * rules) nor for append-only logs: lowdb rewrites the whole document on each write.
 *
 * lowdb's presets (JSONFilePreset...) switch to memory under NODE_ENV=test; this module never uses them, so tests
 * of it and of its users touch real files.
 */

export type JsonObject = Record<string, unknown>;

/** One step of an upgrade: a document of version N (the key) to version N + 1. Reshapes only what it knows. */
export type DocumentMigration = (document: JsonObject) => JsonObject;

export type DocumentProblemKind =
  /** The file exists but could not be read (permissions, a disk error, not a plain file, too large). Left in place. */
  | 'unreadable'
  /** Not JSON at all. Set aside. */
  | 'not-json'
  /**
   * JSON, but not a valid document of this kind even after migration: not an object, a version that is not a
   * number or that no migration leads from, or what the schema refuses. Set aside.
   */
  | 'invalid'
  /** Written by a newer Pressroom. Left in place. */
  | 'newer'
  /** Of an older version no migration leads from, in a document whose options say `outdated: 'replace'`. */
  | 'outdated';

export interface DocumentProblem {
  kind: DocumentProblemKind;
  /** The document's file. */
  file: string;
  /** What was wrong, in words: the parser's message, the schema's issues, the file system's error. */
  detail: string;
  /** Where the file was moved to; null when it was left where it is. */
  movedTo: string | null;
  /** 'newer': the version found in the file. */
  foundVersion?: number;
  /** 'invalid' by the schema: its issues, for callers that describe them in their own words. */
  issues?: readonly z.core.$ZodIssue[];
  /** Why setting the file aside failed, when it did (the file is then still in place and is not written over). */
  setAsideError?: unknown;
}

export interface DocumentRead<T> {
  /** The document, or the defaults when there is no usable file. */
  data: T;
  /** 'file': read from the file (migrated if it was older); 'missing': no file; 'problem': see `problem`. */
  source: 'file' | 'missing' | 'problem';
  problem: DocumentProblem | null;
  /** False while a file that could not be read, or a newer one, is in place: update() and write() refuse. */
  writable: boolean;
  /** The version the file carried (0 when it carried none), when it was read. */
  foundVersion: number | null;
}

export interface DocumentOptions<T> {
  path: string;
  /** Checks the document; it sees the version field already set to `version`. Its output is the document. */
  schema: z.ZodType<T>;
  /** The version this Pressroom writes (an integer >= 1 usually; a file without the field counts as version 0). */
  version: number;
  /** The field of the document that holds the version: 'schemaVersion' unless the format already uses another. */
  versionField?: string;
  /** Steps from each older version to the next; a version with no way up is invalid (set aside). */
  migrations?: Readonly<Record<number, DocumentMigration>>;
  /**
   * Instead of `migrations`: one function that brings a document of any older version (it still carries its own
   * version field) up to date, for a format whose upgrades are kept elsewhere (src-shared/release/migrate.ts).
   */
  upgrade?: (document: JsonObject, foundVersion: number) => JsonObject;
  /**
   * A file of an older version that no migration leads from: 'set-aside' (default) reports it as invalid and
   * moves it aside; 'replace', for a derived file (a cache rebuilt from the source of truth), reports it as
   * 'outdated', leaves it in place and lets the next write replace it.
   */
  outdated?: 'set-aside' | 'replace';
  /** What the document is when there is no usable file. A function: a fresh copy each time. */
  defaults: () => T;
  /**
   * A file from a newer Pressroom: 'read-only' (default) uses the defaults and refuses to write over it;
   * 'read-as-current' checks it with this version's schema and, when valid, uses it and writes over it later
   * (for a convenience file such as preferences, whose schema takes each field on its own).
   */
  newer?: 'read-only' | 'read-as-current';
  /**
   * Where a file that is not a valid document goes: the full path to move it to (its folder is made). The default
   * is `<file>.unreadable-<time>` beside it. A path that is taken gets `-2`, `-3`... before its extension.
   */
  setAsideTo?: (file: string, now: Date) => string;
  /** Files larger than this are not read (default 16 MB): unreadable, left in place. */
  maxBytes?: number;
  /** 'indented' (default): readable, as every JSON file of a workspace; 'compact' for large derived files. */
  format?: 'indented' | 'compact';
  now?: () => Date;
  /** Told of every problem as it is found (e.g. to log it). */
  onProblem?: (problem: DocumentProblem) => void;
}

export interface JsonDocument<T> {
  readonly path: string;
  /** The lowdb database: `low.data` is the document as last read or written. */
  readonly low: Low<T>;
  /** Reads the file again (after any update already asked for). */
  read(): Promise<DocumentRead<T>>;
  /** The document as last read or written; reads the file on the first call only. */
  get(): Promise<T>;
  /**
   * Reads the file, applies `change` (to a copy: return the new document, or change the copy and return nothing),
   * checks the result with the schema and writes it durably. One at a time per file within this process.
   * Throws DocumentNotWritableError while a file that could not be read or a newer one is in place, and the
   * schema's ZodError when the changed document is not valid (nothing is written then).
   */
  update(change: (current: T) => T | void): Promise<T>;
  /**
   * Replaces the whole document without reading the file first (a derived file, e.g. a cache): whatever is in
   * place is replaced, unless a read through this handle found it must not be (unreadable, newer).
   */
  write(data: T): Promise<T>;
}

/** update() or write() was refused: the file in place could not be read, or was written by a newer Pressroom. */
export class DocumentNotWritableError extends Error {
  override readonly name = 'DocumentNotWritableError';
  constructor(readonly problem: DocumentProblem) {
    super(
      problem.kind === 'newer'
        ? `${basename(problem.file)} was written by a newer Pressroom (version ${problem.foundVersion}), so it is not changed.`
        : `${basename(problem.file)} could not be read (${problem.detail}), so it is not written over.`,
    );
  }
}

const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

/** An ISO time that is a valid file name on Windows too (no colons). */
export function fileTimestamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

const besideFile = (file: string, now: Date) => `${file}.unreadable-${fileTimestamp(now)}`;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** zod's issues in one line: `path: message; ...`. */
function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

type Checked<T> =
  | { kind: 'ok'; data: T; foundVersion: number }
  | { kind: 'missing' }
  | { kind: 'problem'; problem: Omit<DocumentProblem, 'movedTo'>; setAside: boolean; replaceable?: boolean };

/**
 * The lowdb adapter: reads, migrates and checks (the outcome of the last read is kept in `last`, since lowdb's
 * Adapter can only answer data or null), and writes with the version field first, checked, durably.
 */
export class CheckedDocumentFile<T> implements Adapter<T> {
  last: Checked<T> = { kind: 'missing' };
  private readonly versionField: string;

  constructor(private readonly options: DocumentOptions<T>) {
    this.versionField = options.versionField ?? 'schemaVersion';
  }

  async read(): Promise<T | null> {
    this.last = await this.check();
    return this.last.kind === 'ok' ? this.last.data : null;
  }

  async write(data: T): Promise<void> {
    const { schema, version, path } = this.options;
    if (!isObject(data)) throw new TypeError(`${basename(path)}: a document must be a JSON object`);
    // The version goes first, so that a file reads as written fresh whatever order the data's keys are in.
    const stamped: JsonObject = { [this.versionField]: version, ...data };
    stamped[this.versionField] = version;
    schema.parse(stamped);
    await fsp.mkdir(dirname(path), { recursive: true });
    const text =
      this.options.format === 'compact' ? JSON.stringify(stamped) : `${JSON.stringify(stamped, null, 2)}\n`;
    await writeFileDurably(path, text);
  }

  private async check(): Promise<Checked<T>> {
    const { path, schema, version } = this.options;
    const problem = (kind: DocumentProblemKind, detail: string, setAside: boolean, foundVersion?: number) =>
      ({
        kind: 'problem',
        problem: { kind, file: path, detail, ...(foundVersion === undefined ? {} : { foundVersion }) },
        setAside,
      }) as const;
    let text: string | null;
    try {
      text = await readRegularTextFile(path, this.options.maxBytes ?? DEFAULT_MAX_BYTES);
    } catch (error) {
      return problem('unreadable', describeReadError(error), false);
    }
    if (text === null) return { kind: 'missing' };
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      return problem('not-json', error instanceof Error ? error.message : String(error), true);
    }
    if (!isObject(raw)) return problem('invalid', 'the file holds JSON, but not an object', true);

    const stored = this.versionField in raw ? raw[this.versionField] : 0;
    if (typeof stored !== 'number' || !Number.isInteger(stored) || stored < 0) {
      return problem('invalid', `${this.versionField} is not a version number`, true);
    }
    let document: JsonObject = raw;
    if (stored > version) {
      if (this.options.newer !== 'read-as-current') {
        return problem('newer', `version ${stored}; this Pressroom reads up to ${version}`, false, stored);
      }
    } else if (this.options.upgrade) {
      if (stored < version) document = this.options.upgrade(document, stored);
    } else {
      for (let from = stored; from < version; from++) {
        const step = this.options.migrations?.[from];
        if (!step) {
          const detail = `version ${stored} is too old to be brought up to date`;
          if (this.options.outdated !== 'replace') return problem('invalid', detail, true);
          return { ...problem('outdated', detail, false, stored), replaceable: true };
        }
        document = step(document);
      }
    }
    const parsed = schema.safeParse({ ...document, [this.versionField]: version });
    if (!parsed.success) {
      const invalid = problem('invalid', describeIssues(parsed.error.issues), true);
      return { ...invalid, problem: { ...invalid.problem, issues: parsed.error.issues } };
    }
    return { kind: 'ok', data: parsed.data, foundVersion: stored };
  }
}

function describeReadError(error: unknown): string {
  if (error instanceof NotRegularFileError) return `it is ${error.kind}, not a file`;
  if (error instanceof FileTooLargeError) return `it is too large: ${error.message}`;
  if (isErrorCode(error, 'EACCES', 'EPERM')) return 'permission was denied';
  if (isErrorCode(error, 'EIO')) return 'the disk reported an error';
  if (isErrorCode(error, 'EBUSY')) return 'another program is using the file';
  return error instanceof Error ? error.message : String(error);
}

/** `target`, or with -2, -3... before its extension (`.json`) when that name is taken, or at its end without one. */
async function freePath(target: string): Promise<string> {
  const extension = /\.[A-Za-z0-9]{1,8}$/.exec(basename(target))?.[0] ?? '';
  const stem = target.slice(0, target.length - extension.length);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? target : `${stem}-${n}${extension}`;
    try {
      await fsp.lstat(candidate);
    } catch (error) {
      if (isErrorCode(error, 'ENOENT')) return candidate;
      throw error;
    }
  }
}

/** Opens (does not yet read) the document at `options.path`. */
export function openDocument<T>(options: DocumentOptions<T>): JsonDocument<T> {
  const adapter = new CheckedDocumentFile(options);
  const low = new Low<T>(adapter, options.defaults());
  const now = options.now ?? (() => new Date());
  // By the absolute path, so that two handles on one file take turns however each named it.
  const key = `document:${resolve(options.path)}`;
  let lastRead: DocumentRead<T> | null = null;

  const setAside = async (problem: Omit<DocumentProblem, 'movedTo'>): Promise<DocumentProblem | null> => {
    try {
      const target = await freePath((options.setAsideTo ?? besideFile)(options.path, now()));
      await fsp.mkdir(dirname(target), { recursive: true });
      await renameDurably(options.path, target);
      return { ...problem, movedTo: target };
    } catch (error) {
      // Moved by another process (or window) meanwhile: it reported it; there is no file here now.
      if (isErrorCode(error, 'ENOENT')) return null;
      return { ...problem, movedTo: null, setAsideError: error };
    }
  };

  /** Reads without taking the turn: for callers that hold it. */
  const readNow = async (): Promise<DocumentRead<T>> => {
    low.data = options.defaults();
    await low.read();
    const checked = adapter.last;
    let read: DocumentRead<T>;
    if (checked.kind === 'ok') {
      read = {
        data: low.data,
        source: 'file',
        problem: null,
        writable: true,
        foundVersion: checked.foundVersion,
      };
    } else if (checked.kind === 'missing') {
      read = { data: low.data, source: 'missing', problem: null, writable: true, foundVersion: null };
    } else {
      const problem = checked.setAside
        ? await setAside(checked.problem)
        : { ...checked.problem, movedTo: null };
      if (problem === null) {
        read = { data: low.data, source: 'missing', problem: null, writable: true, foundVersion: null };
      } else {
        // A file still in place that could not be used is never written over.
        const writable = problem.movedTo !== null || checked.replaceable === true;
        read = {
          data: low.data,
          source: 'problem',
          problem,
          writable,
          foundVersion: problem.foundVersion ?? null,
        };
        options.onProblem?.(problem);
      }
    }
    lastRead = read;
    return read;
  };

  const writeNow = async (data: T): Promise<T> => {
    if (lastRead && !lastRead.writable && lastRead.problem)
      throw new DocumentNotWritableError(lastRead.problem);
    const checked = options.schema.parse({
      ...data,
      [options.versionField ?? 'schemaVersion']: options.version,
    });
    low.data = checked;
    await low.write();
    lastRead = {
      data: checked,
      source: 'file',
      problem: null,
      writable: true,
      foundVersion: options.version,
    };
    return checked;
  };

  return {
    path: options.path,
    low,
    read: () => withMutex(key, readNow),
    get: () => withMutex(key, async () => (lastRead ? low.data : (await readNow()).data)),
    update: (change) =>
      withMutex(key, async () => {
        const current = await readNow();
        if (!current.writable && current.problem) throw new DocumentNotWritableError(current.problem);
        const copy = structuredClone(current.data);
        const changed = change(copy);
        return writeNow(changed === undefined ? copy : changed);
      }),
    write: (data) => withMutex(key, () => writeNow(data)),
  };
}
