import {
  DEFAULT_HOUSE_STYLE,
  DEFAULT_SETTINGS,
  RELEASE_SCHEMA_VERSION,
  WORKSPACE_SCHEMA_VERSION,
} from './schema';

/**
 * Upgrades of stored files, oldest first. A migration only reshapes what it knows about and leaves everything
 * else alone: validation happens afterwards with the current schema, so a file that is broken in some other way
 * is still reported as broken rather than "fixed" into something the writer never wrote.
 *
 * Files written before schema versions existed carry no `schemaVersion` and count as version 0.
 */

type JsonObject = Record<string, unknown>;
type Migration = (file: JsonObject) => JsonObject;

/** A file written by a newer Pressroom: this app must neither read it as if it understood it nor overwrite it. */
export class NewerSchemaVersionError extends Error {
  override readonly name = 'NewerSchemaVersionError';
  constructor(
    readonly kind: 'release' | 'workspace',
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `This ${kind === 'release' ? 'release' : 'workspace settings'} file was made by a newer Pressroom ` +
        `(file version ${found}; this version of Pressroom reads up to ${supported}). ` +
        'Update Pressroom to open it; the file has been left untouched.',
    );
  }
}

const releaseMigrations: Record<number, Migration> = {
  // Version 0 kept the release type at the top level and the body as bare strings without paragraph ids.
  0: (file) => {
    const { type, body, ...rest } = file;
    const header: JsonObject = isObject(rest.header) ? { ...rest.header } : {};
    if (header.type === undefined && type !== undefined) header.type = type;
    return {
      ...rest,
      header,
      // Positional ids are stable across repeated reads of the same old file, so a quote or comment that
      // points at "p2" still finds the same paragraph every time the file is opened before its first save.
      body: Array.isArray(body)
        ? body.map((paragraph, index) =>
            typeof paragraph === 'string' ? { id: `p${index + 1}`, text: paragraph } : paragraph,
          )
        : body,
    };
  },
};

releaseMigrations[1] = (file) => ({
  // Version 1 predates templates' key details and the per-release anonymity list.
  ...file,
  details: Array.isArray(file.details) ? file.details : [],
  anonymityList: Array.isArray(file.anonymityList) ? file.anonymityList : [],
});

releaseMigrations[2] = (file) => ({
  // Version 2 predates review: no sign-offs and no record of who edited since approval.
  ...file,
  approvals: Array.isArray(file.approvals) ? file.approvals : [],
  editedSinceApproval: Array.isArray(file.editedSinceApproval) ? file.editedSinceApproval : [],
});

releaseMigrations[3] = (file) => ({
  // Version 3 kept the anonymity list as bare names; a protected person now also has variants and identifiers.
  // Positional ids, so that reading the same old file twice gives the same ids. Nor had it any decisions to
  // publish a protected name anyway.
  ...file,
  privacyDecisions: Array.isArray(file.privacyDecisions) ? file.privacyDecisions : [],
  anonymityList: Array.isArray(file.anonymityList)
    ? file.anonymityList.map((entry, index) =>
        typeof entry === 'string'
          ? { id: `person-${index + 1}`, name: entry, variants: [], identifiers: [] }
          : entry,
      )
    : file.anonymityList,
});

releaseMigrations[4] = (file) => ({
  // Version 4 predates corrections (issue 17): no public change history.
  ...file,
  changeNotes: Array.isArray(file.changeNotes) ? file.changeNotes : [],
});

const workspaceMigrations: Record<number, Migration> = {
  // Version 0 predates the "Latest news" list and so has no count for it.
  0: (file) => ({
    ...file,
    settings: isObject(file.settings) ? { ...DEFAULT_SETTINGS, ...file.settings } : { ...DEFAULT_SETTINGS },
  }),
  // Version 1 predates review: no approval chain and no list of people.
  1: (file) => ({
    ...file,
    settings: isObject(file.settings) ? { approvalChain: [], ...file.settings } : { ...DEFAULT_SETTINGS },
    people: Array.isArray(file.people) ? file.people : [],
  }),
  // Version 2 predates the GOV.UK house-style checks: they start on, with the standard list of known acronyms.
  // The profile's own words to avoid stay as they are (a new workspace starts with GOV.UK's list instead).
  2: (file) => ({
    ...file,
    profile: isObject(file.profile)
      ? {
          ...file.profile,
          houseStyle: isObject(file.profile.houseStyle)
            ? file.profile.houseStyle
            : { ...DEFAULT_HOUSE_STYLE, knownAcronyms: [...DEFAULT_HOUSE_STYLE.knownAcronyms] },
        }
      : file.profile,
  }),
};

/** Brings a parsed release file up to RELEASE_SCHEMA_VERSION; throws NewerSchemaVersionError for newer files. */
export function migrateRelease(raw: unknown): unknown {
  return migrate(raw, 'release', RELEASE_SCHEMA_VERSION, releaseMigrations);
}

/** Brings a parsed workspace.json up to WORKSPACE_SCHEMA_VERSION; throws NewerSchemaVersionError for newer files. */
export function migrateWorkspace(raw: unknown): unknown {
  return migrate(raw, 'workspace', WORKSPACE_SCHEMA_VERSION, workspaceMigrations);
}

/** The schema version a parsed file declares: 0 when absent, null when it is not a usable number. */
export function schemaVersionOf(raw: unknown): number | null {
  if (!isObject(raw)) return null;
  if (!('schemaVersion' in raw)) return 0;
  const version = raw.schemaVersion;
  return typeof version === 'number' && Number.isInteger(version) && version >= 0 ? version : null;
}

function migrate(
  raw: unknown,
  kind: 'release' | 'workspace',
  current: number,
  migrations: Record<number, Migration>,
): unknown {
  const version = schemaVersionOf(raw);
  // Not something we can reason about: hand it on unchanged so that validation reports what is wrong with it.
  if (version === null || !isObject(raw)) return raw;
  if (version > current) throw new NewerSchemaVersionError(kind, version, current);
  let file: JsonObject = raw;
  for (let from = version; from < current; from++) {
    const step = migrations[from];
    if (!step) return raw;
    file = step(file);
  }
  if (version === current) return raw;
  // schemaVersion goes first so a migrated file on disk looks like one written fresh.
  const { schemaVersion: _old, ...rest } = file;
  return { schemaVersion: current, ...rest };
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
