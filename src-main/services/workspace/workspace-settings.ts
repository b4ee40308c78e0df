import { promises as fsp, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { FileProblem, LogoUploadSchema, WorkspaceFieldChange } from '../../../src-shared/api/contract';
import { migrateWorkspace, NewerSchemaVersionError } from '../../../src-shared/release/migrate';
import {
  DEFAULT_PROFILE,
  DEFAULT_SETTINGS,
  OrganisationProfileSchema,
  WORKSPACE_SCHEMA_VERSION,
  WorkspaceFileSchema,
  WorkspaceSettingsSchema,
  type OrganisationProfile,
  type WorkspaceFile,
  type WorkspaceSettings,
} from '../../../src-shared/release/schema';
import { ActorSchema, PersonSchema, type Actor, type Person } from '../../../src-shared/workflow/people';
import { checkLogoUpload, isLogoFileName, MAX_LOGO_BYTES, sniffImageType } from '../logo-image';
import { fileTimestamp, openDocument, type JsonDocument, type JsonObject } from '../storage/document-store';
import { COMPUTER_ID_PATTERN, type Computer } from './computer';
import {
  isErrorCode,
  readRegularTextFile,
  renameDurably,
  syncFolder,
  writeFileDurably,
} from './durable-file';
import { LockBusyError, withFileLock } from './file-lock';
import { WORKSPACE_FILE, workspaceLayout, type WorkspaceLayout } from './layout';
import { StoreError, summariseIssues } from './store';

/**
 * Profile, settings and people of a workspace (issue 12, item 5).
 *
 * On a sync engine every computer has its own copy of the folder, so no shared file may be written by two
 * computers. Each computer therefore appends the fields it changes to its own `workspace-changes/<computer>.jsonl`
 * (append-only, fsync, one JSON line per field), and the workspace everyone sees is computed from what has
 * arrived: `workspace.json` (what an older Pressroom kept; read only now, may be absent) with every computer's
 * changes applied, each field taking the change with the latest time (ties: the larger computer id, then the
 * later line). Concurrent edits of different fields both survive; concurrent edits of one field keep the later,
 * and the other stays in its writer's log and is shown beside the field (describe().changes[].replaced).
 *
 * Fields are the leaves of the profile and settings objects (`profile.name`, `profile.limits.headlineWords`,
 * `settings.approvalChain`...) and one per person (`people.<id>`). A line whose value is absent removes an
 * optional field. Each line is checked with zod on read; a line that fails is reported by file and computer and
 * skipped, a torn last line (a crash mid-append) is ignored silently, and a field this version does not know (a
 * newer Pressroom's) is skipped and left in the log.
 */

export type LogoUpload = z.output<typeof LogoUploadSchema>;

/** No change log can honestly be this large; anything bigger is not read at all. */
const MAX_CHANGES_FILE_BYTES = 64 * 1024 * 1024;
const ASSETS = 'assets';
const CHANGES_FOLDER = 'workspace-changes';
/** How many replaced values of other computers one field reports at most (newest first). */
const MAX_REPLACED = 5;

const ComputerRefSchema = z.object({
  id: z.string().regex(COMPUTER_ID_PATTERN),
  name: z.string().min(1).max(64),
});

/** One line of `workspace-changes/<computer>.jsonl`. */
export const WorkspaceChangeLineSchema = z.object({
  at: z.iso.datetime(),
  computer: ComputerRefSchema,
  by: ActorSchema.nullable().optional(),
  field: z.string().min(1).max(300),
  /** Absent: the (optional) field was removed. */
  value: z.unknown(),
  /** The change this one replaced, as its writer saw it (null: the base, workspace.json or the defaults). */
  replaces: z
    .object({ at: z.iso.datetime(), computer: z.string().max(64) })
    .nullable()
    .optional(),
});
export type WorkspaceChangeLine = z.infer<typeof WorkspaceChangeLineSchema>;

/** A change as read, with where it was in its file (the later line wins a tie on one computer). */
export interface WorkspaceChangeEntry extends WorkspaceChangeLine {
  line: number;
}

// --- fields --------------------------------------------------------------------------------------------------

type AnySchema = z.ZodType;

/** Every leaf of an object schema, by dotted path: nested objects are walked, everything else is one field. */
function leafSchemas(
  prefix: string,
  schema: z.ZodObject,
  into: Map<string, AnySchema>,
): Map<string, AnySchema> {
  for (const [key, child] of Object.entries(schema.shape as Record<string, AnySchema>)) {
    const path = `${prefix}.${key}`;
    if (child instanceof z.ZodObject) leafSchemas(path, child, into);
    else into.set(path, child);
  }
  return into;
}

const FIELD_SCHEMAS: ReadonlyMap<string, AnySchema> = leafSchemas(
  'settings',
  WorkspaceSettingsSchema,
  leafSchemas('profile', OrganisationProfileSchema, new Map()),
);
const PEOPLE_PREFIX = 'people.';

/** The schema a field's value must meet, or null for a field this version does not know. */
export function fieldSchema(field: string): AnySchema | null {
  if (field.startsWith(PEOPLE_PREFIX)) {
    const id = field.slice(PEOPLE_PREFIX.length);
    return PersonSchema.refine((person) => person.id === id, 'The person’s id differs from the field’s');
  }
  return FIELD_SCHEMAS.get(field) ?? null;
}

function getPath(root: unknown, path: readonly string[]): unknown {
  let at: unknown = root;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

function setPath(root: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let at = root;
  for (const key of path.slice(0, -1)) {
    const next = at[key];
    const copy = typeof next === 'object' && next !== null ? { ...(next as Record<string, unknown>) } : {};
    at[key] = copy;
    at = copy;
  }
  const last = path[path.length - 1]!;
  if (value === undefined) delete at[last];
  else at[last] = value;
}

/** Every field of a workspace and its value (undefined: an optional field that is absent). */
export function fieldsOf(file: WorkspaceFile): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  for (const field of FIELD_SCHEMAS.keys()) fields.set(field, getPath(file, field.split('.')));
  for (const person of file.people) fields.set(`${PEOPLE_PREFIX}${person.id}`, person);
  return fields;
}

/** JSON with object keys sorted, so that two equal values compare equal whatever order their keys came in. */
export function canonical(value: unknown): string {
  if (value === undefined) return 'undefined';
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : inner,
  );
}

/** Later wins: time, then computer id, then line within the one file. */
function compareChanges(a: WorkspaceChangeEntry, b: WorkspaceChangeEntry): number {
  if (a.at !== b.at) return Date.parse(a.at) - Date.parse(b.at) || (a.at < b.at ? -1 : 1);
  if (a.computer.id !== b.computer.id) return a.computer.id < b.computer.id ? -1 : 1;
  return a.line - b.line;
}

const sameChange = (entry: WorkspaceChangeEntry, ref: { at: string; computer: string }) =>
  entry.computer.id === ref.computer && Date.parse(entry.at) === Date.parse(ref.at);

export interface MergedWorkspace {
  file: WorkspaceFile;
  /** The change in force for every field that has one. */
  winners: Map<string, WorkspaceChangeEntry>;
  /** Per changed field, who changed it last and what of other computers it replaced. */
  changes: WorkspaceFieldChange[];
}

/**
 * `base` with `entries` applied, field by field (pure: the property test runs it on both sides of a simulated
 * sync). `entries` must be valid (readChanges checks them); fields this version does not know are skipped.
 */
export function mergeWorkspace(
  base: WorkspaceFile,
  entries: readonly WorkspaceChangeEntry[],
  here: string | null = null,
): MergedWorkspace {
  const byField = new Map<string, WorkspaceChangeEntry[]>();
  for (const entry of entries) {
    if (fieldSchema(entry.field) === null) continue;
    const list = byField.get(entry.field);
    if (list) list.push(entry);
    else byField.set(entry.field, [entry]);
  }
  const winners = new Map<string, WorkspaceChangeEntry>();
  for (const [field, list] of byField) {
    list.sort(compareChanges);
    winners.set(field, list[list.length - 1]!);
  }

  const draft = structuredClone(base) as unknown as Record<string, unknown>;
  const people = new Map(base.people.map((person) => [person.id, person] as const));
  const added: WorkspaceChangeEntry[] = [];
  for (const [field, winner] of winners) {
    if (field.startsWith(PEOPLE_PREFIX)) {
      const id = field.slice(PEOPLE_PREFIX.length);
      if (!people.has(id)) added.push(winner);
      people.set(id, winner.value as Person);
    } else {
      setPath(draft, field.split('.'), structuredClone(winner.value));
    }
  }
  // Known people keep their place; new ones follow in the order they were first recorded, the same on every side.
  added.sort(compareChanges);
  const order = [
    ...base.people.map((person) => person.id),
    ...added.map((entry) => entry.field.slice(PEOPLE_PREFIX.length)),
  ];
  draft.people = order.map((id) => people.get(id)!);
  draft.schemaVersion = WORKSPACE_SCHEMA_VERSION;
  const file = WorkspaceFileSchema.parse(draft);

  const changes: WorkspaceFieldChange[] = [];
  for (const [field, winner] of [...winners].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const list = byField.get(field)!;
    // What the winner's writer saw and replaced, step by step back to the base: those values were seen.
    const seen = new Set<WorkspaceChangeEntry>([winner]);
    for (let step = winner.replaces; step;) {
      const parent = list.find((entry) => !seen.has(entry) && sameChange(entry, step!));
      if (!parent) break;
      seen.add(parent);
      step = parent.replaces;
    }
    const won = canonical(winner.value);
    const replaced = list
      .filter(
        (entry) =>
          !seen.has(entry) && entry.computer.id !== winner.computer.id && canonical(entry.value) !== won,
      )
      .reverse()
      .slice(0, MAX_REPLACED)
      .map((entry) => ({ ...describeChange(entry, here), value: entry.value }));
    changes.push({ field, ...describeChange(winner, here), replaced });
  }
  return { file, winners, changes };
}

function describeChange(entry: WorkspaceChangeEntry, here: string | null) {
  return {
    at: entry.at,
    computer: { id: entry.computer.id, name: entry.computer.name },
    by: entry.by ? { id: entry.by.id, name: entry.by.name } : null,
    here: here !== null && entry.computer.id === here,
  };
}

export function defaultWorkspace(): WorkspaceFile {
  return {
    schemaVersion: WORKSPACE_SCHEMA_VERSION,
    profile: DEFAULT_PROFILE,
    settings: DEFAULT_SETTINGS,
    people: [],
  };
}

// --- reading the change logs -----------------------------------------------------------------------------------

export interface ChangesRead {
  entries: WorkspaceChangeEntry[];
  /** One per file with lines that could not be used. */
  problems: FileProblem[];
}

/**
 * The lines of one computer's log. A line that is not valid JSON or not a valid change is reported; the last
 * line is ignored silently when it has no line break (cut short by a crash while appending).
 */
export function parseChanges(text: string, computerId: string, file: string): ChangesRead {
  const entries: WorkspaceChangeEntry[] = [];
  const bad: number[] = [];
  const lines = text.split('\n');
  const torn = lines.pop() ?? '';
  const read = (raw: string, index: number): boolean => {
    if (raw.trim() === '') return true;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return false;
    }
    const parsed = WorkspaceChangeLineSchema.safeParse(json);
    if (!parsed.success || parsed.data.computer.id !== computerId) return false;
    const schema = fieldSchema(parsed.data.field);
    // A newer Pressroom's field: kept in the log, not applied here.
    if (schema === null) return true;
    const value = schema.safeParse(parsed.data.value);
    if (!value.success) return false;
    entries.push({ ...parsed.data, value: value.data, line: index });
    return true;
  };
  lines.forEach((raw, index) => {
    if (!read(raw, index)) bad.push(index + 1);
  });
  // No line break after it: cut short by a crash, so whatever it holds is ignored unless it is whole.
  if (torn.trim() !== '') read(torn, lines.length);
  const problems: FileProblem[] = [];
  if (bad.length > 0) {
    const name = entries.at(-1)?.computer.name ?? computerId;
    const which =
      bad.length === 1
        ? `line ${bad[0]}`
        : `lines ${bad.slice(0, 5).join(', ')}${bad.length > 5 ? ` and ${bad.length - 5} more` : ''}`;
    problems.push({
      file,
      message: `${file} holds changes to the profile and settings made on ${name}: ${which} could not be read, so ${bad.length === 1 ? 'it was' : 'they were'} skipped and left in the file. The other changes apply.`,
      movedTo: null,
    });
  }
  return { entries, problems };
}

/**
 * Whether `folder` is a Pressroom workspace: it has workspace.json (an older Pressroom made it), or its releases or
 * workspace-changes folder. A workspace made now has no workspace.json (it is never written any more), so that
 * file alone no longer tells.
 */
export function isWorkspaceFolder(folder: string): boolean {
  const layout = workspaceLayout(folder);
  const kind = (path: string) => {
    try {
      return statSync(path);
    } catch {
      return null;
    }
  };
  return (
    kind(layout.workspaceFile)?.isFile() === true ||
    kind(layout.folder('releases'))?.isDirectory() === true ||
    kind(layout.folder('workspaceChanges'))?.isDirectory() === true
  );
}

/**
 * The profile, settings and people stored in `folder` (workspace.json with every computer's changes), for tests
 * and tools that look at a workspace from outside the app. Reads only, unless workspace.json is damaged (it is then
 * set aside as the app would).
 */
export async function readStoredWorkspace(folder: string): Promise<WorkspaceFile> {
  const store = new WorkspaceSettingsStore({
    layout: workspaceLayout(folder),
    now: () => new Date(),
    problems: new Map(),
  });
  return (await store.load()).file;
}

// --- the store -------------------------------------------------------------------------------------------------

type WorkspaceRead =
  | { kind: 'ok'; file: WorkspaceFile }
  | { kind: 'missing' }
  /** Left where it is (unreadable, or a newer Pressroom's): nothing is changed then. */
  | { kind: 'bad'; message: string }
  | { kind: 'set-aside'; message: string; movedTo: string };

export interface LoadedWorkspace {
  file: WorkspaceFile;
  /** False when workspace.json belongs to a newer Pressroom or cannot be read: nothing is changed then. */
  writable: boolean;
  winners: Map<string, WorkspaceChangeEntry>;
  changes: WorkspaceFieldChange[];
}

export interface WorkspaceSettingsOptions {
  layout: WorkspaceLayout;
  now: () => Date;
  /** The store's problems, shared so that describe() lists them with the releases' own. */
  problems: Map<string, FileProblem>;
}

export class WorkspaceSettingsStore {
  private readonly layout: WorkspaceLayout;
  private readonly now: () => Date;
  private readonly problems: Map<string, FileProblem>;
  /**
   * Each log as last parsed, by its size, time and file identity: the workflow asks for the settings on every
   * search, and a log only ever grows, so an unchanged signature means unchanged lines. Never the source of truth.
   */
  private readonly parsed = new Map<string, { signature: string; read: ChangesRead }>();
  private readonly workspaceDocument: JsonDocument<WorkspaceFile>;

  constructor(options: WorkspaceSettingsOptions) {
    this.layout = options.layout;
    this.now = options.now;
    this.problems = options.problems;
    this.workspaceDocument = openDocument<WorkspaceFile>({
      path: this.layout.workspaceFile,
      schema: WorkspaceFileSchema,
      version: WORKSPACE_SCHEMA_VERSION,
      upgrade: (file) => migrateWorkspace(file) as JsonObject,
      defaults: defaultWorkspace,
      maxBytes: MAX_CHANGES_FILE_BYTES,
      now: this.now,
      setAsideTo: (_file, now) =>
        join(this.layout.folder('quarantine'), `workspace.${fileTimestamp(now)}.json`),
    });
  }

  private get computer(): Computer {
    return this.layout.computer;
  }

  /**
   * The workspace as it is now: workspace.json (or the defaults) with every computer's changes. A damaged
   * workspace.json is moved to quarantine and the defaults are the base; one from a newer Pressroom is left alone,
   * the defaults are shown and nothing can be changed.
   */
  async load(): Promise<LoadedWorkspace> {
    if (this.problems.get(WORKSPACE_FILE)?.movedTo === null) this.problems.delete(WORKSPACE_FILE);
    let base = defaultWorkspace();
    let writable = true;
    const read = await this.readWorkspace();
    if (read.kind === 'ok') base = read.file;
    else if (read.kind === 'bad') {
      this.workspaceLeftInPlace(read.message);
      writable = false;
    } else if (read.kind === 'set-aside') {
      this.reportSetAside(read.message, read.movedTo);
    }
    if (!writable) return { file: base, writable, winners: new Map(), changes: [] };
    const { entries } = await this.readAllChanges();
    const merged = mergeWorkspace(base, entries, this.computer.id);
    return { file: merged.file, writable, winners: merged.winners, changes: merged.changes };
  }

  async readSettings(): Promise<WorkspaceSettings> {
    return (await this.load()).file.settings;
  }

  async recordPerson(person: Person): Promise<void> {
    const parsed = PersonSchema.parse(person);
    await this.update(parsed, (file) => {
      const same = file.people.find((p) => p.id === parsed.id);
      if (same && same.name === parsed.name && same.roles.join() === parsed.roles.join()) return file;
      return { ...file, people: [...file.people.filter((p) => p.id !== parsed.id), parsed] };
    });
  }

  /**
   * `base`: the profile the person's form started from. Then only the fields they changed from it are written, so
   * that a colleague's change that arrived while the form was open is not undone by the form's older copy.
   */
  async updateProfile(
    profile: OrganisationProfile,
    by: Actor | null = null,
    base?: OrganisationProfile,
  ): Promise<OrganisationProfile> {
    const parsed = OrganisationProfileSchema.safeParse(profile);
    if (!parsed.success) {
      throw new StoreError(
        'invalid-input',
        `The organisation profile was not saved: ${summariseIssues(parsed.error.issues)}`,
      );
    }
    // A form opened before an upload must not undo it, and a hand-made request must not point the logo at some
    // other file, so the stored logo wins over whatever the request says.
    const started = base ? OrganisationProfileSchema.safeParse(base) : null;
    await this.update(
      by,
      (file) => ({ ...file, profile: { ...parsed.data, logo: file.profile.logo } }),
      started?.success
        ? (file) => ({ ...file, profile: { ...started.data, logo: file.profile.logo } })
        : undefined,
    );
    return (await this.load()).file.profile;
  }

  /** `base`: the settings the person's form started from (see updateProfile). */
  async updateSettings(
    settings: WorkspaceSettings,
    by: Actor | null = null,
    base?: WorkspaceSettings,
  ): Promise<WorkspaceSettings> {
    const parsed = WorkspaceSettingsSchema.safeParse(settings);
    if (!parsed.success) {
      throw new StoreError(
        'invalid-input',
        `The settings were not saved: ${summariseIssues(parsed.error.issues)}`,
      );
    }
    const started = base ? WorkspaceSettingsSchema.safeParse(base) : null;
    await this.update(
      by,
      (file) => ({ ...file, settings: parsed.data }),
      started?.success ? (file) => ({ ...file, settings: started.data }) : undefined,
    );
    return (await this.load()).file.settings;
  }

  async setLogo(upload: LogoUpload, by: Actor | null = null): Promise<OrganisationProfile> {
    const checked = checkLogoUpload(upload);
    if (!checked.ok) throw new StoreError('invalid-input', checked.message);
    const folder = this.layout.folder('assets');
    let target: string;
    try {
      await fsp.mkdir(folder, { recursive: true });
      target = await freeFileName(folder, `logo-${fileTimestamp(this.now())}`, `.${checked.extension}`);
      await writeFileDurably(target, checked.bytes);
    } catch (error) {
      throw ioError(error, 'save the logo');
    }
    const name = target.slice(folder.length + 1);
    let previous: string | null = null;
    let saved!: OrganisationProfile;
    try {
      // Written before the profile points at it, so that a crash leaves at worst an unused image, never a profile
      // naming a file that is not there.
      await this.update(by, (file) => {
        previous = file.profile.logo;
        saved = { ...file.profile, logo: name };
        return { ...file, profile: saved };
      });
    } catch (error) {
      // Nothing refers to the new copy, and the person still has the original they picked.
      await fsp.rm(target, { force: true }).catch(() => undefined);
      throw error;
    }
    if (previous !== null && previous !== name) await this.moveLogoToTrash(previous);
    return saved;
  }

  async removeLogo(by: Actor | null = null): Promise<OrganisationProfile> {
    let previous: string | null = null;
    let saved!: OrganisationProfile;
    await this.update(by, (file) => {
      previous = file.profile.logo;
      saved = { ...file.profile, logo: null };
      return { ...file, profile: saved };
    });
    if (previous !== null) await this.moveLogoToTrash(previous);
    return saved;
  }

  /**
   * Read, change, and append the fields that differ to this computer's log, under that log's lock (two windows
   * of this computer take turns; other computers never write the file).
   */
  private async update(
    by: Actor | null,
    change: (file: WorkspaceFile) => WorkspaceFile,
    /** What the person's form started from, when known: fields equal to it were not changed by them. */
    startedFrom?: (file: WorkspaceFile) => WorkspaceFile,
  ): Promise<void> {
    const path = this.layout.workspaceChanges(this.computer.id);
    await this.lockedChanges(path, async () => {
      const current = await this.load();
      if (!current.writable) {
        throw new StoreError(
          'conflict',
          `The workspace settings were not saved. ${this.problems.get(WORKSPACE_FILE)?.message ?? ''}`.trim(),
          { file: WORKSPACE_FILE },
        );
      }
      const next = WorkspaceFileSchema.parse({
        ...change(current.file),
        schemaVersion: WORKSPACE_SCHEMA_VERSION,
      });
      const before = fieldsOf(current.file);
      const after = fieldsOf(next);
      const started = startedFrom
        ? WorkspaceFileSchema.safeParse({
            ...startedFrom(current.file),
            schemaVersion: WORKSPACE_SCHEMA_VERSION,
          })
        : null;
      const untouched = started?.success ? fieldsOf(started.data) : null;
      const now = this.now().getTime();
      const lines: string[] = [];
      for (const [field, value] of after) {
        if (canonical(value) === canonical(before.get(field))) continue;
        // Not changed in the person's form: a colleague's value that arrived while it was open stays.
        if (untouched && canonical(value) === canonical(untouched.get(field))) continue;
        const replaced = current.winners.get(field) ?? null;
        // Never earlier than what it replaces, so that a slow clock here cannot lose an edit made after seeing it.
        const at = new Date(replaced ? Math.max(now, Date.parse(replaced.at) + 1) : now).toISOString();
        const line: WorkspaceChangeLine = {
          at,
          computer: { id: this.computer.id, name: this.computer.name },
          by: by ? { id: by.id, name: by.name } : null,
          field,
          value,
          replaces: replaced ? { at: replaced.at, computer: replaced.computer.id } : null,
        };
        lines.push(JSON.stringify(line));
      }
      if (lines.length > 0) await appendLines(path, lines);
    });
  }

  private lockedChanges<T>(path: string, action: () => Promise<T>): Promise<T> {
    return fsp
      .mkdir(this.layout.folder('workspaceChanges'), { recursive: true })
      .then(() => withFileLock(path, action))
      .catch((error: unknown) => {
        if (error instanceof LockBusyError) {
          throw new StoreError(
            'io',
            'Another Pressroom window is changing the workspace settings right now. Please try again in a moment.',
          );
        }
        throw ioError(error, 'save the workspace settings');
      });
  }

  /** Every computer's changes; unreadable lines are reported per file (and cleared once they are gone). */
  private async readAllChanges(): Promise<ChangesRead> {
    for (const [file, problem] of this.problems) {
      if (file.startsWith(`${CHANGES_FOLDER}/`) && problem.movedTo === null) this.problems.delete(file);
    }
    const folder = this.layout.folder('workspaceChanges');
    let names: string[];
    try {
      names = await fsp.readdir(folder);
    } catch (error) {
      if (isErrorCode(error, 'ENOENT')) return { entries: [], problems: [] };
      throw ioError(error, 'read the changes to the workspace settings');
    }
    const entries: WorkspaceChangeEntry[] = [];
    const problems: FileProblem[] = [];
    for (const name of names.sort()) {
      if (!name.endsWith('.jsonl') || name.startsWith('.')) continue;
      const computerId = name.slice(0, -'.jsonl'.length);
      if (!COMPUTER_ID_PATTERN.test(computerId)) continue;
      const file = `${CHANGES_FOLDER}/${name}`;
      const path = join(folder, name);
      const signature = await fsp
        .stat(path)
        .then((stats) => `${stats.size}:${stats.mtimeMs}:${stats.ino}`)
        .catch(() => null);
      const known = this.parsed.get(name);
      if (signature !== null && known?.signature === signature) {
        entries.push(...known.read.entries);
        problems.push(...known.read.problems);
        continue;
      }
      let text: string | null;
      try {
        text = await readRegularTextFile(path, MAX_CHANGES_FILE_BYTES);
      } catch (error) {
        problems.push({
          file,
          message: `${file} (changes made on another computer) could not be read (${describeFsError(error)}); it was left where it is.`,
          movedTo: null,
        });
        continue;
      }
      if (text === null) continue;
      const read = parseChanges(text, computerId, file);
      if (signature !== null) this.parsed.set(name, { signature, read });
      entries.push(...read.entries);
      problems.push(...read.problems);
    }
    for (const problem of problems) this.problems.set(problem.file, problem);
    return { entries, problems };
  }

  // --- workspace.json (read only now) ----------------------------------------------------------------------------

  /**
   * workspace.json through the app's document store (storage/document-store.ts), read only: migrated, checked,
   * set aside into quarantine/ when damaged; never written, so no computer writes this shared file any more.
   */
  private async readWorkspace(): Promise<WorkspaceRead> {
    const read = await this.workspaceDocument.read();
    if (read.source === 'file') return { kind: 'ok', file: read.data };
    const problem = read.problem;
    if (problem === null) return { kind: 'missing' };
    if (problem.setAsideError !== undefined) {
      // Never carry on as if it were gone while a damaged file is still in place.
      throw ioError(problem.setAsideError, 'move the damaged workspace.json aside');
    }
    switch (problem.kind) {
      case 'unreadable':
        return { kind: 'bad', message: `Pressroom could not read it (${problem.detail}).` };
      // Not asked for here (outdated: 'replace' is for derived files); left in place should it ever be.
      case 'outdated':
        return { kind: 'bad', message: `Pressroom cannot bring it up to date (${problem.detail}).` };
      case 'newer':
        return {
          kind: 'bad',
          message: new NewerSchemaVersionError(
            'workspace',
            problem.foundVersion ?? 0,
            WORKSPACE_SCHEMA_VERSION,
          ).message,
        };
      case 'not-json':
        return {
          kind: 'set-aside',
          movedTo: problem.movedTo!,
          message: `It is not valid JSON (${problem.detail}).`,
        };
      case 'invalid':
        return {
          kind: 'set-aside',
          movedTo: problem.movedTo!,
          message: `It is not a valid workspace file (${problem.issues ? summariseIssues(problem.issues) : problem.detail}).`,
        };
    }
  }

  private workspaceLeftInPlace(message: string): void {
    this.problems.set(WORKSPACE_FILE, {
      file: WORKSPACE_FILE,
      message: `${message} Pressroom is using the default profile and settings until then and will not change the file.`,
      movedTo: null,
    });
  }

  private reportSetAside(message: string, target: string): void {
    const movedTo = this.layout.relative(target) ?? target;
    this.problems.set(WORKSPACE_FILE, {
      file: WORKSPACE_FILE,
      message: `workspace.json is damaged and could not be opened. ${message} Pressroom moved it to ${movedTo} and started again from the default profile and settings.`,
      movedTo,
    });
  }

  // --- logo ----------------------------------------------------------------------------------------------------

  /** The logo as a data: URL; a logo that is missing or not an image is reported, and the profile still opens. */
  async readLogo(name: string | null): Promise<string | null> {
    for (const [file, problem] of this.problems) {
      if (file.startsWith(`${ASSETS}/`) && problem.movedTo === null) this.problems.delete(file);
    }
    if (name === null) return null;
    const file = `${ASSETS}/${name}`;
    const advice = 'Choose the logo again in the organisation profile.';
    const report = (message: string) => {
      this.problems.set(file, { file, message, movedTo: null });
      return null;
    };
    if (!isLogoFileName(name)) {
      return report(
        `The profile names “${name.slice(0, 80)}” as the logo, which is not a logo Pressroom stored, so it was not opened. ${advice}`,
      );
    }
    let bytes: Buffer;
    try {
      const path = this.layout.asset(name);
      if ((await fsp.stat(path)).size > MAX_LOGO_BYTES) {
        return report(`The logo is larger than 2 MB, so it is not used. ${advice}`);
      }
      bytes = await fsp.readFile(path);
    } catch (error) {
      return report(
        isErrorCode(error, 'ENOENT')
          ? `The logo file is missing (it may have been moved or deleted outside Pressroom, or not have arrived from a colleague’s computer yet). ${advice}`
          : `The logo could not be read (${describeFsError(error)}).`,
      );
    }
    const type = sniffImageType(bytes);
    if (type === null) return report(`The logo file is not a PNG, JPEG, WebP or GIF image. ${advice}`);
    return `data:${type};base64,${bytes.toString('base64')}`;
  }

  /** Replaced and removed logos are kept in trash/, like deleted releases: the store never deletes what people made. */
  private async moveLogoToTrash(name: string): Promise<void> {
    if (!isLogoFileName(name)) return;
    const from = this.layout.asset(name);
    try {
      const folder = this.layout.folder('trash');
      await fsp.mkdir(folder, { recursive: true });
      const dot = name.lastIndexOf('.');
      await renameDurably(from, await freeFileName(folder, name.slice(0, dot), name.slice(dot)));
    } catch {
      // Gone already, or not movable: the profile already names the new logo, and an old image left in assets/
      // is harmless and still recoverable.
    }
  }
}

// --- helpers ---------------------------------------------------------------------------------------------------

/**
 * Appends whole lines durably. Only this computer writes its log, so bytes after the last line break can only be
 * this computer's own append cut short by a crash: they were never a change (readers ignore a torn last line) and
 * are cut off before the new lines, so that they do not become an unreadable line reported for ever. Complete
 * lines are never touched.
 */
async function appendLines(path: string, lines: readonly string[]): Promise<void> {
  const handle = await fsp.open(path, 'a+', 0o666);
  let size: number;
  try {
    ({ size } = await handle.stat());
    if (size > 0) {
      const last = new Uint8Array(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) {
        const whole = await handle.readFile();
        await handle.truncate(whole.lastIndexOf(0x0a) + 1);
      }
    }
    await handle.appendFile(lines.map((line) => `${line}\n`).join(''), 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  // The first append creates the file: its folder entry must survive a power cut too.
  if (size === 0) await syncFolder(join(path, '..')).catch(() => undefined);
}

async function exists(path: string): Promise<boolean> {
  try {
    await fsp.lstat(path);
    return true;
  } catch (error) {
    if (isErrorCode(error, 'ENOENT')) return false;
    throw error;
  }
}

/** `<folder>/<stem><extension>`, or with -2, -3... before the extension when that name is taken. */
async function freeFileName(folder: string, stem: string, extension: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = join(folder, `${stem}${n === 1 ? '' : `-${n}`}${extension}`);
    if (!(await exists(candidate))) return candidate;
  }
}

function describeFsError(error: unknown): string {
  if (isErrorCode(error, 'ENOSPC')) return 'the disk is full';
  if (isErrorCode(error, 'EACCES', 'EPERM')) return 'permission was denied';
  if (isErrorCode(error, 'EROFS')) return 'the disk is read-only';
  if (isErrorCode(error, 'ENOENT')) return 'the file or folder could not be found (is the drive connected?)';
  if (isErrorCode(error, 'EBUSY')) return 'another program is using the file';
  if (isErrorCode(error, 'EIO')) return 'the disk reported an error';
  return error instanceof Error ? error.message : String(error);
}

function ioError(error: unknown, action: string): StoreError {
  if (error instanceof StoreError) return error;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return new StoreError(
    'io',
    `Pressroom could not ${action}: ${describeFsError(error)}.`,
    typeof code === 'string' ? { cause: code } : undefined,
  );
}
