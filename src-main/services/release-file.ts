import { isSignedOff } from '../../src-shared/release/status';
import { uncheckedPublishCovers } from '../../src-shared/workflow/published-records';
import { z } from 'zod';
import { migrateRelease, NewerSchemaVersionError } from '../../src-shared/release/migrate';
import { ReleaseSchema, type Release } from '../../src-shared/release/schema';
import { contentHash } from '../../src-shared/workflow/content-hash';
import { HISTORY_REASONS } from '../../src-shared/workflow/review-records';
import { ActorSchema, approvalIsValid, type Actor } from '../../src-shared/workflow/workflow';
import {
  continuesTrail,
  sameTrail,
  verifyTrailCopy,
  type AuditTrail,
  type TrailCopy,
} from './review/audit-trail';
import type { ReleaseHistory } from './review/release-history';
import { CommentEventSchema, type ReviewComments } from './review/comments';
import { StoreError, summariseIssues, type WorkspaceStore } from './workspace/store';

/**
 * `.pressrelease` files (issue 7, item 3): one release with its history, comments and audit trail in a single
 * file, so that a draft can travel by email to a reviewer outside the shared folder and come back approved.
 *
 * Opening one checks everything before anything is written (the schema, the audit chain, every sign-off against
 * the text and the trail, every kept version against its hash) and reports every problem found, so that a file is
 * taken whole or not at all. A file for a release already here is taken only when it continues that release: the
 * trail kept here must be an exact prefix of the file's, so a returning file can add steps but never rewrite them.
 */

export const RELEASE_FILE_EXTENSION = '.pressrelease';
export const RELEASE_FILE_FORMAT = 'pressroom-release';
/**
 * 2: the audit trail as one chain per computer (`audit.chains`, issue 12). Version 1 files (one chain, `audit.text`)
 * still open; an older Pressroom refuses a version 2 file as newer, rather than finding its sign-offs missing.
 */
export const RELEASE_FILE_VERSION = 2;
/** Far above any real release with its history; a bigger file is refused before it is parsed. */
export const MAX_RELEASE_FILE_BYTES = 50 * 1024 * 1024;

const HistoryEntrySchema = z.object({
  seq: z.number().int().positive(),
  /** Which kept version (two computers may both keep a number 7); absent in files made before issue 12. */
  key: z.string().min(1).max(120).optional(),
  computer: z.object({ id: z.string().max(100), name: z.string().max(200) }).optional(),
  at: z.iso.datetime(),
  reason: z.enum(HISTORY_REASONS),
  actor: ActorSchema,
  revision: z.number().int().nonnegative(),
  contentHash: z.string(),
  release: z.unknown(),
});

const ReleaseFileSchema = z.object({
  format: z.literal(RELEASE_FILE_FORMAT),
  formatVersion: z.number().int().min(1).max(RELEASE_FILE_VERSION),
  savedAt: z.iso.datetime(),
  savedBy: ActorSchema,
  release: z.unknown(),
  history: z.array(HistoryEntrySchema).max(10_000),
  comments: z.array(z.unknown()).max(100_000),
  // text/head: the single chain of an older Pressroom (all an older file has); chains: one per computer (issue 12).
  audit: z.object({
    text: z.string(),
    head: z.object({ seq: z.number().int().nonnegative(), hash: z.string() }).nullable(),
    chains: z
      .array(
        z.object({
          computer: z.string().max(64),
          text: z.string(),
          head: z.object({ seq: z.number().int().nonnegative(), hash: z.string() }).nullable(),
        }),
      )
      .max(10_000)
      .optional(),
  }),
});

export interface ReleaseFileParts {
  store: WorkspaceStore;
  audit: AuditTrail;
  history: ReleaseHistory;
  comments: ReviewComments;
}

export type ImportOutcome = 'added' | 'updated' | 'unchanged' | 'copied';

export interface ReleaseFiles {
  /** The file's name and text for the release as it is now. */
  save(id: string, actor: Actor, at?: Date): Promise<{ fileName: string; text: string }>;
  /** Every problem with a file's text, or the checked contents; nothing is written. */
  check(text: string): CheckedReleaseFile;
  /**
   * Takes a file into the workspace: a new release, or the next state of one already here. `asCopy` makes a new
   * draft from the file's text instead (for a file that does not continue the release kept here).
   */
  open(
    text: string,
    actor: Actor,
    options?: { asCopy?: boolean },
  ): Promise<{ release: Release; outcome: ImportOutcome }>;
}

export type CheckedReleaseFile = { ok: true; file: ParsedReleaseFile } | { ok: false; problems: string[] };

interface ParsedReleaseFile {
  release: Release;
  history: Array<z.infer<typeof HistoryEntrySchema> & { release: Release }>;
  comments: Array<z.infer<typeof CommentEventSchema>>;
  audit: TrailCopy;
}

export function createReleaseFiles(parts: ReleaseFileParts): ReleaseFiles {
  const { store, audit, history, comments } = parts;

  const files: ReleaseFiles = {
    async save(id, actor, at = new Date()) {
      const release = await store.get(id);
      const trail = await audit.exportTrail(id);
      const verdict = verifyTrailCopy(trail);
      if (!verdict.ok) {
        throw new StoreError(
          'corrupt-file',
          `The audit trail of this release is damaged (${verdict.problem}), so it cannot be sent as a release file.`,
        );
      }
      const listing = await history.list(id);
      const versions = [];
      for (const summary of [...listing.versions].reverse())
        // By key: two computers may both have kept a version with this number (issue 12).
        versions.push(await history.get(id, summary.key ?? summary.seq));
      const file = {
        format: RELEASE_FILE_FORMAT,
        formatVersion: RELEASE_FILE_VERSION,
        savedAt: at.toISOString(),
        savedBy: { id: actor.id, name: actor.name },
        release,
        history: versions,
        comments: await comments.exportEvents(id),
        audit: trail,
      };
      return { fileName: releaseFileName(release), text: `${JSON.stringify(file, null, 2)}\n` };
    },

    check(text) {
      return checkReleaseFile(text);
    },

    async open(text, actor, options = {}) {
      const checked = checkReleaseFile(text);
      if (!checked.ok) {
        throw new StoreError(
          'invalid-input',
          `This release file was not opened, and nothing was changed:\n• ${checked.problems.join('\n• ')}`,
          { problems: checked.problems.join('\n') },
        );
      }
      const { file } = checked;
      const id = file.release.id;

      if (options.asCopy) {
        const copy = await store.copyOf(file.release);
        await audit.append(copy.id, {
          actor,
          event: 'created',
          details: { copiedFrom: id, source: 'release file', headline: file.release.headline.slice(0, 200) },
        });
        return { release: copy, outcome: 'copied' };
      }

      const current = await store.get(id).catch((error: unknown) => {
        if (error instanceof StoreError && error.code === 'not-found') return null;
        throw error;
      });

      if (!current) {
        // New here: the trail first is not possible (it needs the release's folder entries to mean anything), so
        // the release file goes first and everything else follows; all of it was checked above.
        const added = await store.importNew(file.release);
        await history.importVersions(id, file.history);
        await comments.importEvents(id, file.comments);
        await audit.importTrail(id, file.audit);
        return { release: added, outcome: 'added' };
      }

      // Already here: the file must continue this release. Checked before anything is written.
      const mine = await audit.exportTrail(id);
      if (!continuesTrail(mine, file.audit)) {
        throw new StoreError(
          'conflict',
          'This release file does not continue the release in your library: it was changed in both places since ' +
            'the file was made. Nothing was changed. You can open the file as a copy instead.',
          { canCopy: 'true' },
        );
      }
      if (sameTrail(mine, file.audit) && contentHash(current) === contentHash(file.release)) {
        await comments.importEvents(id, file.comments);
        return { release: current, outcome: 'unchanged' };
      }
      await history.importVersions(id, file.history);
      // The file's text, status and sign-offs; the revision counts on from this workspace's (update does that).
      const updated = await store.update(id, current.revision, () => file.release);
      await comments.importEvents(id, file.comments);
      await audit.importTrail(id, file.audit);
      return { release: updated, outcome: 'updated' };
    },
  };

  return files;
}

/** Checks a release file's text completely and reports every problem, in words a press officer can pass on. */
export function checkReleaseFile(text: string): CheckedReleaseFile {
  if (text.length > MAX_RELEASE_FILE_BYTES) {
    return { ok: false, problems: ['The file is larger than 50 MB, so it is not a Pressroom release file.'] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {
      ok: false,
      problems: ['The file is not a Pressroom release file: it is damaged or of another kind.'],
    };
  }
  if (
    typeof json === 'object' &&
    json !== null &&
    (json as { format?: unknown }).format === RELEASE_FILE_FORMAT
  ) {
    const version = (json as { formatVersion?: unknown }).formatVersion;
    if (typeof version === 'number' && version > RELEASE_FILE_VERSION) {
      return {
        ok: false,
        problems: ['The file was made by a newer version of Pressroom. Update Pressroom to open it.'],
      };
    }
  }
  const outer = ReleaseFileSchema.safeParse(json);
  if (!outer.success) {
    return {
      ok: false,
      problems: [
        `The file is not a complete Pressroom release file: ${partsNamed(outer.error.issues)} missing or damaged.`,
      ],
    };
  }
  const problems: string[] = [];

  let release: Release | null = null;
  try {
    const parsed = ReleaseSchema.safeParse(migrateRelease(outer.data.release));
    if (parsed.success) release = parsed.data;
    else problems.push(`The release in the file is not complete: ${summariseIssues(parsed.error.issues)}.`);
  } catch (error) {
    problems.push(
      error instanceof NewerSchemaVersionError
        ? 'The release in the file was made by a newer version of Pressroom.'
        : 'The release in the file cannot be read.',
    );
  }

  const trail = verifyTrailCopy(outer.data.audit);
  if (!trail.ok) problems.push(`The audit trail does not check out: ${trail.problem}`);
  const entries = trail.entries;

  if (release) {
    const hash = contentHash(release);
    for (const signature of release.approvals) {
      if (signature.contentHash !== hash) {
        problems.push(
          `The sign-off by ${signature.personName} (${signature.stepLabel}) was given for other text than the text ` +
            'in the file: the text was changed after it was signed off.',
        );
      }
      const recorded = entries.some(
        (entry) =>
          entry.event === 'approved' &&
          entry.actor.id === signature.personId &&
          entry.details.contentHash === signature.contentHash,
      );
      if (!recorded) {
        problems.push(
          `The sign-off by ${signature.personName} (${signature.stepLabel}) is not in the audit trail.`,
        );
      }
    }
    // Published without a second check (issue 17): the publisher's record stands in for the sign-offs, and the
    // trail must say so over this very text.
    const uncheckedOnRecord =
      uncheckedPublishCovers(release, hash) &&
      entries.some((entry) => entry.event === 'published-unchecked' && entry.details.contentHash === hash);
    if (isSignedOff(release.status) && !approvalIsValid(release.approvals, hash) && !uncheckedOnRecord) {
      problems.push('The file says the release is approved, but no valid sign-off covers its text.');
    }
  }

  const history: ParsedReleaseFile['history'] = [];
  const seen = new Set<string | number>();
  for (const version of outer.data.history) {
    const which = version.key ?? version.seq;
    if (seen.has(which)) problems.push(`Version ${version.seq} appears twice in the history.`);
    seen.add(which);
    try {
      const parsed = ReleaseSchema.safeParse(migrateRelease(version.release));
      if (!parsed.success) {
        problems.push(`Version ${version.seq} of the history is not complete.`);
        continue;
      }
      if (contentHash(parsed.data) !== version.contentHash) {
        problems.push(`Version ${version.seq} of the history was changed after it was kept.`);
        continue;
      }
      if (release && parsed.data.id !== release.id) {
        problems.push(`Version ${version.seq} of the history belongs to another release.`);
        continue;
      }
      history.push({ ...version, release: parsed.data });
    } catch {
      problems.push(`Version ${version.seq} of the history cannot be read.`);
    }
  }

  const comments: ParsedReleaseFile['comments'] = [];
  outer.data.comments.forEach((event, index) => {
    const parsed = CommentEventSchema.safeParse(event);
    if (parsed.success) comments.push(parsed.data);
    else problems.push(`Comment record ${index + 1} cannot be read.`);
  });

  if (problems.length > 0 || !release) return { ok: false, problems };
  return { ok: true, file: { release, history, comments, audit: outer.data.audit } };
}

/** "officer-dismissed-after-hearing.pressrelease": the headline, made safe as a file name on every platform. */
export function releaseFileName(release: Release): string {
  const stem =
    release.headline
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/g, '') || release.id;
  return `${stem}${RELEASE_FILE_EXTENSION}`;
}

/** "savedBy, release and audit are", for a sentence about what a file lacks. */
function partsNamed(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey> }>): string {
  const parts = [...new Set(issues.map((issue) => String(issue.path[0] ?? 'the file')))];
  if (parts.length === 1) return `${parts[0]} is`;
  const shown = parts.slice(0, 5);
  const rest = parts.length - shown.length;
  const list =
    rest > 0
      ? `${shown.join(', ')} and ${rest} more`
      : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
  return `${list} are`;
}
