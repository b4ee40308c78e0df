import type { Release, ReleaseContent } from '../../../../src-shared/release/schema';
import { contactItemId } from '../review/comments';

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
