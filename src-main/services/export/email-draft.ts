import { isEmailAddress } from '../../../src-shared/distribution/distribution';
import type { OrganisationProfile, ReleaseContent } from '../../../src-shared/release/schema';
import { escapeAttribute, escapeHtml } from '../../../src-shared/render/escape';
import { resolveLocale } from '../../../src-shared/render/format-date';
import { issuerOf } from '../../../src-shared/render/release-layout';
import { RELEASE_STYLES } from '../../../src-shared/render/release-styles';
import { DRAFT_MARK, renderReleaseBody, UNTITLED_HEADLINE } from '../../../src-shared/render/render-release';
import { renderReleaseText } from '../../../src-shared/render/render-text';
import { str } from '../../../src-shared/release/loose-values';

/**
 * Email drafts (.eml, issue 16 item 3): an RFC 5322 message with `X-Unsent: 1`, which Outlook and Thunderbird open
 * as a draft to check and send rather than as a received mail. The release is the body twice (HTML from the page's
 * own renderer, and the plain text export, as multipart/alternative) with the PDF attached. The embargo, while it
 * holds, leads the subject and is the first line of both bodies, where an inbox preview shows it.
 *
 * Two pieces, so that other outputs can reuse them (per-recipient copies): `renderEmailBodies` makes the bodies
 * of a release (with any lines the caller wants on top, e.g. "Copy for …"), `buildEmailDraft` makes the message.
 */

export interface EmailAddress {
  name: string;
  address: string;
}

export interface EmailAttachment {
  fileName: string;
  mediaType: string;
  bytes: Uint8Array;
}

export interface EmailDraftInput {
  /** The press office (the release's media contact); null: the mail program fills in the sender. */
  from: EmailAddress | null;
  to: readonly EmailAddress[];
  bcc: readonly EmailAddress[];
  subject: string;
  text: string;
  html: string;
  attachments: readonly EmailAttachment[];
  date: Date;
}

/** "[DRAFT — NOT APPROVED] EMBARGOED UNTIL 00:01 BST, Thursday 18 July 2024: Headline". */
export function emailSubject(
  headline: string,
  marks: { draft: boolean; embargoLine: string | null },
): string {
  const title = headline.replace(/\s+/g, ' ').trim() || UNTITLED_HEADLINE;
  return [marks.draft ? `[${DRAFT_MARK}]` : '', marks.embargoLine ? `${marks.embargoLine}:` : '', title]
    .filter(Boolean)
    .join(' ');
}

/** Who journalists reply to: the release's first media contact with an address, named as the contact or issuer. */
export function senderOf(release: ReleaseContent, profile: OrganisationProfile): EmailAddress | null {
  const contact = (release.mediaContacts ?? []).find((each) => isEmailAddress(str(each.email).trim()));
  if (!contact) return null;
  const issuer = issuerOf(release, profile);
  const name = [str(contact.name).trim(), issuer].filter(Boolean).join(', ');
  return { name, address: str(contact.email).trim() };
}

export interface EmailBodyOptions {
  draft: boolean;
  now: Date;
  profile: OrganisationProfile;
  /** The embargo line while it holds: the first line of both bodies. */
  embargoLine: string | null;
  /** More lines above the release, under the embargo line ("Copy for Ann Reporter, Kent Echo"). */
  leadLines?: readonly string[];
}

/** The release as the message's plain-text and HTML bodies, the embargo line first. */
export function renderEmailBodies(
  release: ReleaseContent,
  options: EmailBodyOptions,
): { text: string; html: string } {
  const lead = [options.embargoLine ?? '', ...(options.leadLines ?? [])]
    .map((line) => line.replace(/[\r\n]+/g, ' ').trim())
    .filter(Boolean);
  const releaseText = renderReleaseText(release, {
    draftMark: options.draft,
    now: options.now,
    profile: options.profile,
  });
  const text = lead.length > 0 ? `${lead.join('\n')}\n\n${releaseText}` : releaseText;
  // The page's own renderer, without the house font (mail programs ignore web fonts, and 300 KB of font in every
  // message would be a burden) and without the newsroom's "Latest news" (the PDF attached has the page).
  const article = renderReleaseBody(release, {
    mode: 'export',
    draftMark: options.draft,
    now: options.now,
    profile: options.profile,
  });
  const locale = resolveLocale(str(options.profile?.locale));
  const headline = str(release?.headline).trim() || UNTITLED_HEADLINE;
  const leadHtml = lead
    .map((line, index) =>
      index === 0 && options.embargoLine
        ? `<p class="email-embargo"><strong>${escapeHtml(line)}</strong></p>`
        : `<p class="email-lead">${escapeHtml(line)}</p>`,
    )
    .join('');
  const html = [
    '<!doctype html>',
    `<html lang="${escapeAttribute(locale)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(headline)}</title>`,
    `<style>${RELEASE_STYLES}</style>`,
    '</head>',
    `<body>${leadHtml}${article}</body>`,
    '</html>',
    '',
  ].join('\n');
  return { text, html };
}

const mailbox = (address: EmailAddress) => ({
  name: address.name.replace(/[\r\n]+/g, ' ').trim(),
  address: address.address,
});

/** The message's bytes: RFC 5322, marked unsent, text and HTML alternatives, the attachments. */
export async function buildEmailDraft(input: EmailDraftInput): Promise<Uint8Array> {
  // Loaded on the first draft: nodemailer is not held by the main process until then.
  const { default: MailComposer } = await import('nodemailer/lib/mail-composer');
  const composer = new MailComposer({
    ...(input.from ? { from: mailbox(input.from) } : {}),
    ...(input.to.length > 0 ? { to: input.to.map(mailbox) } : {}),
    ...(input.bcc.length > 0 ? { bcc: input.bcc.map(mailbox) } : {}),
    subject: input.subject.replace(/[\r\n]+/g, ' '),
    text: input.text,
    html: input.html,
    date: input.date,
    headers: { 'X-Unsent': '1' },
    attachments: input.attachments.map((attachment) => ({
      filename: attachment.fileName,
      contentType: attachment.mediaType,
      content: Buffer.from(attachment.bytes),
    })),
    // Everything is given as bytes: nothing may be read from a path or fetched from an address.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const root = composer.compile();
  // A draft keeps its Bcc: it is what the writer chose to send to, and the mail program sends it as Bcc.
  root.keepBcc = true;
  return new Uint8Array(await root.build());
}
