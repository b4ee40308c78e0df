import type { z } from 'zod';
import type { EmailDraftsRequestSchema } from '../../../src-shared/distribution/distribution';
import type { Person } from '../../../src-shared/workflow/workflow';
import type { ExportResult, ExportWorkflow } from '../export/export-workflow';
import type { EmailMessageRequest } from '../export/export-release';
import { senderOf } from '../export/email-draft';
import { StoreError, type WorkspaceStore } from '../workspace/store';
import type { DistributionLists } from './distribution-list';

/**
 * Email drafts of a release to the distribution list (issue 16, item 3). The do-not-contact list is checked here,
 * right before the drafts are made (never earlier, so an entry added a moment ago counts): a contact on it is left
 * out and named in the answer, and no draft is made for them. Everything else is the export workflow's, as for any
 * format: the draft mark, the embargo confirmation, the protected-person refusal, the audit entry of the export.
 */

export type EmailDraftsRequest = z.output<typeof EmailDraftsRequestSchema>;

export async function exportEmailDrafts(
  parts: { store: WorkspaceStore; exports: ExportWorkflow; lists: DistributionLists },
  request: EmailDraftsRequest,
  actor: Person,
  signal?: AbortSignal,
) {
  const { allowed, refused } = await parts.lists.recipients(request.contactIds);
  if (allowed.length === 0) {
    throw new StoreError(
      'refused',
      refused.length > 0
        ? `No draft was made: ${refused.length === 1 ? 'the contact chosen is' : `all ${refused.length} contacts chosen are`} on the do-not-contact list.`
        : 'The distribution list is empty. Add contacts or import a CSV file under Settings, Distribution list.',
    );
  }
  const [release, description] = await Promise.all([parts.store.get(request.id), parts.store.describe()]);
  const sender = senderOf(release, description.profile);
  const mailbox = (contact: (typeof allowed)[number]) => ({ name: contact.name, address: contact.email });
  const messages: EmailMessageRequest[] =
    request.mode === 'per-recipient'
      ? allowed.map((contact) => ({ to: [mailbox(contact)], bcc: [], fileLabel: contact.email }))
      : // To the press office itself, everyone else unseen in Bcc.
        [{ to: sender ? [sender] : [], bcc: allowed.map(mailbox) }];
  const result: ExportResult = await parts.exports.exportOne(
    {
      id: request.id,
      format: 'eml',
      pageSize: request.pageSize,
      confirmEmbargo: request.confirmEmbargo,
      email: { messages },
    },
    actor,
    signal,
  );
  const { bytes: _bytes, emailDrafts, ...rest } = result;
  return {
    ...rest,
    drafts: (emailDrafts ?? []).map((draft) => ({
      fileName: draft.fileName,
      dataBase64: Buffer.from(draft.bytes).toString('base64'),
      to: draft.to,
      bcc: draft.bcc,
    })),
    refused,
  };
}
