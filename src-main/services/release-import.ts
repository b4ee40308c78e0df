import { createAuditTrail } from './review/audit-trail';
import type { Actor } from '../../src-shared/workflow/workflow';
import { randomBytes } from 'node:crypto';
import { migrateRelease, NewerSchemaVersionError } from '../../src-shared/release/migrate';
import {
  IdSchema,
  ReleaseContentSchema,
  type Release,
  type ReleaseContent,
} from '../../src-shared/release/schema';
import { fail, ok, type Result } from '../../src-shared/result';
import { openWorkspace, summariseIssues } from './workspace/store';

/**
 * Importing a release file (one written by Pressroom, from this workspace or another, of any schema version).
 *
 * Only the content is taken: an imported release always arrives as a draft at revision 1 of its new file, whatever
 * status and sign-offs the file claims, because an approval made elsewhere (or typed into the file) is not an
 * approval of this workspace's reviewers.
 */

export interface ParsedReleaseFile {
  content: ReleaseContent;
  /** The id the file carries, when it is a valid one: kept on import unless another release has it. */
  id: string | null;
}

/** Parses, migrates and validates a release file's text; the error says what is wrong in a sentence. */
export function parseReleaseFile(text: string): Result<ParsedReleaseFile> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return fail(
      'invalid-input',
      `This is not a release file: it is not valid JSON (${(error as Error).message}).`,
    );
  }
  let migrated: unknown;
  try {
    migrated = migrateRelease(raw);
  } catch (error) {
    if (error instanceof NewerSchemaVersionError) return fail('invalid-input', error.message);
    return fail('invalid-input', `This is not a release file: ${(error as Error).message}`);
  }
  const parsed = ReleaseContentSchema.safeParse(migrated);
  if (!parsed.success) {
    return fail('invalid-input', `This release file is not valid: ${summariseIssues(parsed.error.issues)}`);
  }
  const id = IdSchema.safeParse((migrated as { id?: unknown }).id);
  return ok({ content: parsed.data, id: id.success ? id.data : null });
}

/**
 * Writes the content as a new draft in the workspace at `folder`, under the file's own id when that is free (in
 * the library and in the trash) and a fresh one otherwise, and starts its audit trail with who brought it in.
 * Throws the store's errors.
 */
export async function importRelease(
  folder: string,
  file: ParsedReleaseFile,
  actor: Actor,
  source = 'a release file',
): Promise<Release> {
  let proposed = false;
  const fresh = () => `r-${randomBytes(5).toString('hex')}`;
  // The store makes the id of a new release with makeId and refuses one that is taken (or in the trash), asking
  // again: offering the file's id first gives "keep it when free" without a check that could race another writer.
  const store = await openWorkspace(folder, {
    makeId: () => {
      if (!proposed && file.id) {
        proposed = true;
        return file.id;
      }
      return fresh();
    },
  });
  const created = await store.create(file.content.header.type);
  const saved = await store.save({
    ...created,
    ...file.content,
    id: created.id,
    revision: created.revision,
  });
  await createAuditTrail(store.layout).append(saved.id, {
    actor: { id: actor.id, name: actor.name },
    event: 'created',
    details: { source: 'import', file: source.slice(-500) },
  });
  return saved;
}
