import {
  OrganisationProfileSchema,
  ReleaseSchema,
  type OrganisationProfile,
  type Release,
  type WorkspaceSettings,
} from '../../../src-shared/release/schema';
import { withdrawnOf } from '../../../src-shared/workflow/published-records';
import { resolveLocale } from '../../../src-shared/render/format-date';
import { timingWords } from '../../../src-shared/render/release-layout';
import {
  UNTITLED_HEADLINE,
  type EmbeddedFontFace,
  type PageSize,
} from '../../../src-shared/render/render-release';
import { renderReleaseText } from '../../../src-shared/render/render-text';
import { fail, ok, type Result } from '../../../src-shared/result';
import { contentHash } from '../../../src-shared/workflow/content-hash';
import { exportFileName, slugify, type ExportFormat } from './export-file-name';
import type { DocxRenderOptions } from './docx-export';
import { buildEmailDraft, emailSubject, renderEmailBodies, senderOf, type EmailAddress } from './email-draft';
import { loadHouseFonts } from './house-fonts';
import { isDraftExport, organisationOf, renderExportHtml } from './html-export';
import type { PdfPrinter } from './pdf-printer';
import { summariseIssues } from '../workspace/store';

/**
 * One release to one file, in any format (issue 6). Pure of the workflow: it neither records the export nor
 * changes the release's status. What it reports back (`draft`, `contentHash`, `embargoLine`) is what the workflow
 * needs to record a final export and to ask for the embargo confirmation.
 *
 * Only the release's published sections are rendered: the anonymity list, sign-offs, editors and review comments
 * never reach an export (tests/unit/export/internal-fields.test.ts keeps it so).
 */

export const EXPORT_MEDIA_TYPES: Readonly<Record<ExportFormat, string>> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  txt: 'text/plain; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  eml: 'message/rfc822',
};

export interface ExportReleaseInput {
  release: Release;
  /** The workspace's releases, for "Latest news" (HTML and PDF). */
  allReleases?: readonly Release[];
  profile: OrganisationProfile;
  settings?: Partial<Pick<WorkspaceSettings, 'latestNewsCount'>>;
  logoDataUrl?: string | null;
  format: ExportFormat;
  /** Decides whether the embargo line still shows. */
  now: Date;
  /** Needed for PDF only. The caller owns it (and closes it), so that a batch reuses one browser. */
  printer?: PdfPrinter;
  /** Stops a PDF being printed when the asker gives up. */
  signal?: AbortSignal;
  pageSize?: PageSize;
  /** The faces to inline; the house font from resources/fonts when absent. */
  fontFaces?: readonly EmbeddedFontFace[];
  /**
   * The files already in the folder this export is written into, so that "Latest news" links another release's
   * page or PDF only when it is there. Absent: a download, whose folder is unknown.
   */
  besideFiles?: ReadonlySet<string>;
  /** Word only: extra header lines and document properties (a per-recipient copy's "Copy for …" and mark). */
  docx?: Pick<DocxRenderOptions, 'headerLines' | 'customProperties'>;
  /** Email drafts only: one message each (needs `printer`, for the PDF attached). */
  email?: { messages: readonly EmailMessageRequest[] };
}

export interface EmailMessageRequest {
  to: readonly EmailAddress[];
  bcc: readonly EmailAddress[];
  /** Told apart in the file name (a recipient's address); absent: the export's own file name. */
  fileLabel?: string;
  /** Lines above the release in both bodies, under the embargo line ("Copy for …"). */
  leadLines?: readonly string[];
}

export interface ExportedEmailDraft {
  fileName: string;
  bytes: Uint8Array;
  to: string[];
  bcc: string[];
}

export interface ExportedRelease {
  fileName: string;
  mediaType: string;
  bytes: Uint8Array;
  /** Hash of the content exported: what a final export records in the audit trail. */
  contentHash: string;
  /** Not approved: the export carries "DRAFT — NOT APPROVED" and so does its file name. */
  draft: boolean;
  /** "EMBARGOED UNTIL ..." while the embargo holds at `now` (the export shows it at the top), else null. */
  embargoLine: string | null;
  /** Email drafts: every message made (`bytes` is the first's). */
  emailDrafts?: ExportedEmailDraft[];
}

export async function exportRelease(input: ExportReleaseInput): Promise<Result<ExportedRelease>> {
  const { release, format, now } = input;
  // What is published must be a release the store would accept: the field limits also keep a pasted megabyte
  // from reaching the printer, where laying out one bidi-isolated word that long takes minutes.
  const valid = ReleaseSchema.safeParse(release);
  if (!valid.success) {
    return fail('invalid-input', `This release cannot be exported: ${summariseIssues(valid.error.issues)}`);
  }
  const validProfile = OrganisationProfileSchema.safeParse(input.profile);
  if (!validProfile.success) {
    return fail(
      'invalid-input',
      `The organisation profile is not valid: ${summariseIssues(validProfile.error.issues)}`,
    );
  }
  // A withdrawn release was published: its page says it was withdrawn, not that it is a draft (issue 17).
  const draft = isDraftExport(release.status) && !withdrawnOf(release);
  // The embargo line the page itself shows (release-layout.ts), reported with the file.
  const timing = timingWords(release.header.embargo, now, resolveLocale(input.profile.locale));
  const embargoLine = timing?.kind === 'embargo' ? timing.text : null;
  const fileName = exportFileName({
    id: release.id,
    headline: release.headline,
    releaseDate: release.header.releaseDate,
    draft,
    format,
  });
  const done = (bytes: Uint8Array): Result<ExportedRelease> =>
    ok({
      fileName,
      mediaType: EXPORT_MEDIA_TYPES[format],
      bytes,
      contentHash: contentHash(release),
      draft,
      embargoLine,
    });

  if (format === 'txt') {
    const text = renderReleaseText(release, {
      draftMark: draft,
      now,
      profile: input.profile,
      withdrawn: withdrawnOf(release),
    });
    return done(new TextEncoder().encode(text));
  }
  if (format === 'docx') {
    try {
      // Loaded on the first Word export: the docx package is not held by the main process until then.
      const { renderReleaseDocx } = await import('./docx-export');
      return done(
        await renderReleaseDocx(release, {
          draftMark: draft,
          now,
          profile: input.profile,
          pageSize: input.pageSize ?? 'A4',
          ...(input.docx ?? {}),
        }),
      );
    } catch (error) {
      return fail('internal', `The Word document could not be made: ${messageOf(error)}`);
    }
  }
  if (format === 'eml') {
    const messages = input.email?.messages ?? [];
    if (messages.length === 0) return fail('invalid-input', 'An email draft needs at least one recipient.');
    // The PDF attached is the PDF export of the same release, with its own draft and embargo marks.
    const pdf = await exportRelease({ ...input, format: 'pdf' });
    if (!pdf.ok) return pdf;
    const attachment = { fileName: pdf.value.fileName, mediaType: 'application/pdf', bytes: pdf.value.bytes };
    const subject = emailSubject(release.headline, { draft, embargoLine });
    const from = senderOf(release, input.profile);
    const base = fileName.replace(/\.eml$/, '');
    const used = new Set<string>();
    const drafts: ExportedEmailDraft[] = [];
    for (const message of messages) {
      const bodies = renderEmailBodies(release, {
        draft,
        now,
        profile: input.profile,
        embargoLine,
        ...(message.leadLines ? { leadLines: message.leadLines } : {}),
      });
      const bytes = await buildEmailDraft({
        from,
        to: message.to,
        bcc: message.bcc,
        subject,
        ...bodies,
        attachments: [attachment],
        date: now,
      });
      let name = message.fileLabel
        ? `${base}-to-${slugify(message.fileLabel, 48) || 'recipient'}.eml`
        : fileName;
      for (let n = 2; used.has(name); n++) name = name.replace(/(?:-\d+)?\.eml$/, `-${n}.eml`);
      used.add(name);
      drafts.push({
        fileName: name,
        bytes,
        to: message.to.map((each) => each.address),
        bcc: message.bcc.map((each) => each.address),
      });
    }
    const first = done(drafts[0]!.bytes);
    return first.ok ? ok({ ...first.value, fileName: drafts[0]!.fileName, emailDrafts: drafts }) : first;
  }
  if (format === 'pdf' && !input.printer) {
    return fail('invalid-input', 'A PDF export needs a PDF printer, and none was given.');
  }

  let fontFaces = input.fontFaces;
  if (!fontFaces) {
    try {
      fontFaces = await loadHouseFonts();
    } catch (error) {
      return fail('io', `The house font in resources/fonts could not be read: ${messageOf(error)}`);
    }
  }
  const pageSize = input.pageSize ?? 'A4';
  const html = renderExportHtml({
    release,
    allReleases: input.allReleases ?? [],
    profile: input.profile,
    ...(input.settings ? { settings: input.settings } : {}),
    logoDataUrl: input.logoDataUrl ?? null,
    now,
    pageSize,
    fontFaces,
    // A PDF's relative links resolve nowhere; a page's resolve only to files that are beside it.
    latestNewsLinks:
      format === 'pdf'
        ? { target: 'pdf' }
        : { target: 'html', ...(input.besideFiles ? { besideFiles: input.besideFiles } : {}) },
  });
  if (format === 'html') return done(new TextEncoder().encode(html));

  try {
    const pdf = await input.printer!.print(html, {
      pageSize,
      footer: { organisation: organisationOf(release, input.profile), draft },
      embargoLine,
      ...(input.signal ? { signal: input.signal } : {}),
      // The PDF's language, window title, author and subject: the page's own (pdf-accessibility.ts).
      document: {
        title: release.headline.trim() || UNTITLED_HEADLINE,
        language: resolveLocale(input.profile.locale),
        author: organisationOf(release, input.profile),
        subject: release.standfirst.trim(),
      },
    });
    return done(pdf);
  } catch (error) {
    if (input.signal?.aborted) return fail('cancelled', 'The export was cancelled; nothing was exported.');
    return fail('internal', `The PDF could not be made: ${messageOf(error)}`);
  }
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
