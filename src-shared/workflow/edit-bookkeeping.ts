import { contentHash } from './content-hash';
import { lapseIfChanged } from './workflow';
import type { Release, ReleaseStatus } from '../release/schema';
import { keepPublicationDates } from '../release/change-notes';

/**
 * What an edit does to the workflow (ARCHITECTURE §5), decided here rather than in the store, which only keeps
 * revisions: status, sign-offs and the four-eyes list come from the stored version, never from the request; a
 * change of content lapses every sign-off made over other content; whoever changed the content joins
 * `editedSinceApproval`; and the release records who made this revision (`lastEdit`), in the same file, so that
 * its audit entry can be recorded after a crash.
 */
export interface EditBookkeeping {
  release: Release;
  contentChanged: boolean;
  lapsed: boolean;
  previousStatus: ReleaseStatus;
  contentHash: string;
}

export interface EditBy {
  editorId: string | null;
  editorName?: string | undefined;
  /** The number the new revision will carry. */
  revision: number;
  /** When it is saved (ISO). */
  at: string;
}

/**
 * contentHash of either release where the caller has it already: the store keeps the hash of what it wrote, and
 * works out the edit's while the release's folder is being read.
 */
export interface KnownHashes {
  stored?: string | undefined;
  edited?: string | undefined;
}

export function bookkeepEdit(
  stored: Release,
  edited: Release,
  by: EditBy,
  known: KnownHashes = {},
): EditBookkeeping {
  const newHash = known.edited ?? contentHash(edited);
  const contentChanged = newHash !== (known.stored ?? contentHash(stored));
  // A release published without a second check carries no signature, but its publisher's record is bound to the
  // text as one is: a change lapses it too (issue 17).
  const lapse = lapseIfChanged(stored.status, signedHashes(stored), newHash);
  const { editorId } = by;
  const editors =
    contentChanged && editorId && !stored.editedSinceApproval.includes(editorId)
      ? [...stored.editedSinceApproval, editorId]
      : stored.editedSinceApproval;
  const name = by.editorName?.trim();
  const lastEdit =
    contentChanged && editorId && name && editorId.length <= 100 && name.length <= 200
      ? { revision: by.revision, by: { id: editorId, name }, contentHash: newHash, at: by.at }
      : stored.lastEdit;
  const release: Release = {
    ...edited,
    id: stored.id,
    createdAt: stored.createdAt,
    status: lapse.status,
    approvals: lapse.lapsed ? [] : stored.approvals,
    editedSinceApproval: editors,
    lastEdit,
    revision: by.revision,
    updatedAt: by.at,
    // When a change note was published is the workflow's record, never an edit's.
    changeNotes: keepPublicationDates(stored.changeNotes, edited.changeNotes ?? []),
  };
  if (!lastEdit) delete release.lastEdit;
  // Workflow records of issue 17 come from the stored release, never the request; a lapse ends the unchecked mark.
  if (stored.withdrawal) release.withdrawal = stored.withdrawal;
  else delete release.withdrawal;
  if (stored.uncheckedPublish && !lapse.lapsed) release.uncheckedPublish = stored.uncheckedPublish;
  else delete release.uncheckedPublish;
  return {
    release,
    contentChanged,
    lapsed: lapse.lapsed,
    previousStatus: stored.status,
    contentHash: newHash,
  };
}

/**
 * Settling two versions: the kept text takes the workflow state of the version it came from (the shown one for a
 * merge), and a sign-off lapses unless it was given for exactly this text, so it never carries over onto a merge.
 */
export function bookkeepSettlement(
  kept: Release,
  from: Release,
  versions: readonly Release[],
  settledBy: { id: string } | null,
  by: { revision: number; at: string },
): Release {
  const newHash = contentHash(kept);
  const lapse = lapseIfChanged(from.status, signedHashes(from), newHash);
  const editors = new Set(versions.flatMap((version) => version.editedSinceApproval));
  // A merge is new text: whoever made it may not approve it alone.
  if (settledBy && !versions.some((version) => contentHash(version) === newHash)) editors.add(settledBy.id);
  const release: Release = {
    ...kept,
    createdAt: from.createdAt,
    status: lapse.status,
    approvals: lapse.lapsed ? [] : from.approvals,
    editedSinceApproval: [...editors].slice(0, 500),
    revision: by.revision,
    updatedAt: by.at,
  };
  if (from.lastEdit) release.lastEdit = from.lastEdit;
  else delete release.lastEdit;
  if (from.uncheckedPublish && !lapse.lapsed) release.uncheckedPublish = from.uncheckedPublish;
  else delete release.uncheckedPublish;
  return release;
}

/**
 * Everything bound to a content hash that a change of text voids: the sign-offs and, for a release published
 * without a second check, the publisher's record (which stands in for them until someone reviews it).
 */
function signedHashes(release: Release): ReadonlyArray<{ contentHash: string }> {
  return release.uncheckedPublish ? [...release.approvals, release.uncheckedPublish] : release.approvals;
}
