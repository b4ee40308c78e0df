import { useEffect, useState } from 'react';
import { callApi } from '../../api';
import type { DistributionList, EmailDraftMode } from '../../../../src-shared/distribution/distribution';
import { downloadBase64 } from './download';

/**
 * The email-draft part of the export dialog (issue 16, item 3): one draft per recipient or one with everyone in
 * Bcc, and who that is — the distribution list as it stands, with the contacts the do-not-contact list will leave
 * out said before the button, not after.
 */
export function EmailDraftFields({
  id,
  mode,
  onMode,
}: {
  id: string;
  mode: EmailDraftMode;
  onMode: (mode: EmailDraftMode) => void;
}) {
  const [list, setList] = useState<DistributionList | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    void callApi('distribution.list', {}).then((result) => {
      if (result.ok) setList(result.value);
      else setProblem(result.error.message);
    });
  }, []);

  const allowed = list?.contacts.filter((contact) => contact.refusedBecause === null).length ?? 0;
  const refused = (list?.contacts.length ?? 0) - allowed;

  return (
    <fieldset>
      <legend>Email drafts</legend>
      <p className="hint" data-testid="email-recipients">
        {problem ??
          (list === null
            ? 'Reading the distribution list…'
            : list.contacts.length === 0
              ? 'The distribution list is empty: add contacts under Distribution list first.'
              : `To ${allowed} ${allowed === 1 ? 'contact' : 'contacts'} on the distribution list` +
                (refused > 0 ? `; ${refused} on the do-not-contact list will be left out.` : '.'))}
      </p>
      <div className="radio">
        <input
          id={`${id}-mode-each`}
          type="radio"
          name={`${id}-mode`}
          checked={mode === 'per-recipient'}
          onChange={() => onMode('per-recipient')}
        />
        <label htmlFor={`${id}-mode-each`}>One draft per recipient</label>
      </div>
      <div className="radio">
        <input
          id={`${id}-mode-bcc`}
          type="radio"
          name={`${id}-mode`}
          checked={mode === 'bcc'}
          onChange={() => onMode('bcc')}
        />
        <label htmlFor={`${id}-mode-bcc`}>One draft, everyone in Bcc</label>
      </div>
      <p className="hint">
        Each draft opens in Outlook or Thunderbird ready to check and send, with the PDF attached.
      </p>
    </fieldset>
  );
}

/** Makes the drafts and offers each as a download; answers what to tell the person, or the API's refusal. */
export async function downloadEmailDrafts(request: {
  id: string;
  mode: EmailDraftMode;
  pageSize: 'A4' | 'Letter';
  confirmEmbargo: boolean;
}) {
  const result = await callApi('export.emailDrafts', request);
  if (!result.ok) return result;
  for (const draft of result.value.drafts) downloadBase64(draft.fileName, draft.dataBase64, 'message/rfc822');
  const count = result.value.drafts.length;
  const left = result.value.refused.map((contact) => contact.email);
  const text =
    `Downloaded ${count} email ${count === 1 ? 'draft' : 'drafts'}` +
    (count === 1 ? ` (${result.value.drafts[0]!.fileName})` : '') +
    (result.value.draft
      ? ', marked as a draft.'
      : result.value.published
        ? '. The export is recorded and the release is published.'
        : '.') +
    (left.length > 0 ? ` Left out (do-not-contact list): ${left.join(', ')}.` : '');
  return { ok: true as const, value: { release: result.value.release, text } };
}
