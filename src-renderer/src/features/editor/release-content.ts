import type { Release, ReleaseContent } from '../../../../src-shared/release/schema';
import { contactItemId } from '../review/comments';

/**
 * A key that is equal for equal content whatever the order of object keys (the form and the disk may order them
 * differently) and whether an absent field is missing or undefined. Used to tell an edit from an echo: a form
 * reset to a colleague's save, or a save of text that is already on disk, is not an edit.
 */
export function contentKey(content: ReleaseContent): string {
  return JSON.stringify(content, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
}

/** The content fields of a release, without the identity and workflow fields the store owns. */
export function contentOf(release: Release): ReleaseContent {
  const {
    schemaVersion: _v,
    id: _id,
    revision: _r,
    createdAt: _c,
    updatedAt: _u,
    status: _s,
    approvals: _a,
    editedSinceApproval: _e,
    ...content
  } = release;
  // Contacts from before contacts had ids get the id their comments already use (their place), saved with the
  // next edit; it is not part of the content hash, so this changes nothing anyone signed.
  return {
    ...content,
    mediaContacts: content.mediaContacts.map((contact, index) => ({
      ...contact,
      id: contactItemId(index, contact.id),
    })),
  };
}
