import { assertMayLeaveAsFinal } from '../export/final-release';
import { latestNewsFromFolder, type LatestNewsReleases } from '../library/latest-news-source';
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import {
  MakeCopiesRequestSchema,
  type CopyFormat,
  type CopyRecipient,
  type MakeCopiesOutcome,
  type MakeCopiesRequest,
} from '../../../src-shared/embargo/embargo-api';
import { fingerprintIdOf } from '../../../src-shared/embargo/fingerprint';
import { markReleaseText } from '../../../src-shared/embargo/mark-release-text';
import { buildEmailDraft, emailSubject, renderEmailBodies, senderOf } from '../export/email-draft';
import { zonedToInstant } from '../../../src-shared/release/new-release';
import type { Release } from '../../../src-shared/release/schema';
import { isSignedOff } from '../../../src-shared/release/status';
import { formatEmbargoLine, isEmbargoActive, resolveLocale } from '../../../src-shared/render/format-date';
import { renderReleaseDocument } from '../../../src-shared/render/render-release';
import { contentHash } from '../../../src-shared/workflow/content-hash';
import type { Person } from '../../../src-shared/workflow/workflow';
import { exportFileName, slugify } from '../export/export-file-name';
import { loadHouseFonts } from '../export/house-fonts';
import { isDraftExport, latestNewsFor, organisationOf } from '../export/html-export';
import type { PdfPrinter } from '../export/pdf-printer';
import { assertPrivacyCleared, fileNameFindings, protectedFindingsOf } from '../privacy-guard';
import type { AuditTrail } from '../review/audit-trail';
import { writeFileDurably } from '../workspace/durable-file';
import { mapLimit } from '../workspace/map-limit';
import { StoreError, type WorkspaceStore } from '../workspace/store';

/**
 * Recipients' embargoed copies (issue 16, item 4). Each copy is the export of the release (the one renderer, with
 * the `copy` option) saying "Embargoed copy for NAME, OUTLET" under the embargo line and carrying the copy's own
 * invisible marks (src-shared/embargo/fingerprint.ts), plus its fingerprint id in the file's metadata.
 *
 * The rules of an export hold (ARCHITECTURE §5): only a release still under embargo gets copies; a release not
 * approved leaves as a draft, marked on every page and in the file name; a final copy needs sign-offs that cover
 * this exact text and the right to publish; a protected person's name refuses as an export does. A copy does not
 * publish the release: the public export still does that.
 *
 * Every copy is recorded in the embargo register before its file is written: an 'embargo-copy' entry in the
 * release's audit trail (append-only, one chain per computer) with the recipient, format, fingerprint id, the
 * copy's key (what a trace needs, so any computer of the workspace can trace) and the lift time in UTC and UK
 * time. A file without its entry could never be traced; an entry whose file failed to write costs nothing.
 */

export const UK_TIME_ZONE = 'Europe/London';

export interface RecipientCopies {
  make(request: MakeCopiesRequest, actor: Person, signal?: AbortSignal): Promise<MakeCopiesOutcome>;
}

/** The lift time as the register keeps it: an instant, and the wall time in the UK ("Thursday 18 July 2024, 00:01 BST"). */
export function liftTimes(embargo: NonNullable<Release['header']['embargo']>): { utc: string; uk: string } {
  const instant = zonedToInstant(embargo.until, embargo.timeZone);
  const uk = new Intl.DateTimeFormat('en-GB', {
    timeZone: UK_TIME_ZONE,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(instant);
  const part = (type: string) => uk.find((each) => each.type === type)?.value ?? '';
  return {
    utc: instant.toISOString(),
    uk: `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')} ${part('timeZoneName')}`,
  };
}

/** "…-r-abc123-copy-jane-smith-the-times-fp-3fa9c01b2d.pdf": the export's name, the recipient and the copy. */
export function copyFileName(
  release: Release,
  recipient: CopyRecipient,
  format: CopyFormat,
  fingerprint: string,
): string {
  const base = exportFileName({
    id: release.id,
    headline: release.headline,
    releaseDate: release.header.releaseDate,
    draft: isDraftExport(release.status),
    format,
  }).replace(/\.[a-z]+$/, '');
  const who = slugify(`${recipient.name} ${recipient.outlet}`, 40) || 'recipient';
  return `${base}-copy-${who}-${fingerprint.toLowerCase()}.${format}`;
}

/**
 * The fingerprint id in the PDF's document information (Keywords), so that a leaked file names its copy without
 * reading its text. pdf-lib rewrites the file; Chromium's tags, outline and fonts are objects it carries over.
 */
export async function stampPdfCopy(pdf: Uint8Array, fingerprint: string): Promise<Uint8Array> {
  // pdf-lib and the docx writer are loaded with the first copy, not when the app starts.
  const { PDFDocument } = await import('pdf-lib');
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  document.setKeywords([`pressroom-copy:${fingerprint}`]);
  return document.save({ useObjectStreams: false, updateFieldAppearances: false });
}

export function createRecipientCopies(parts: {
  store: WorkspaceStore;
  audit: AuditTrail;
  printer: () => PdfPrinter;
  now?: () => Date;
  /** A copy's secret; random by default (tests pin it). */
  newKey?: () => string;
  /** Where "Latest news" is chosen from (the library index's choice in the app); default: every release read. */
  latestNews?: LatestNewsReleases;
}): RecipientCopies {
  const { store, audit } = parts;
  const latestNews = parts.latestNews ?? latestNewsFromFolder(store);
  const now = parts.now ?? (() => new Date());
  const newKey = parts.newKey ?? (() => randomBytes(32).toString('hex'));

  return {
    async make(input, actor, signal) {
      const request = MakeCopiesRequestSchema.parse(input);
      const folder = request.folder.trim();
      if (!isAbsolute(folder)) {
        throw new StoreError(
          'invalid-input',
          'Give the folder as a full path, for example /home/you/Embargoed copies.',
        );
      }
      const release = await store.get(request.id);
      const description = await store.describe();
      const at = now();
      const embargo = release.header.embargo;
      const locale = resolveLocale(description.profile.locale);
      if (!embargo) {
        throw new StoreError(
          'refused',
          'This release has no embargo, so it goes out as one public version: export it instead of making copies.',
        );
      }
      const embargoLine = formatEmbargoLine(embargo, locale);
      if (!isEmbargoActive(embargo, at)) {
        throw new StoreError(
          'refused',
          `The embargo on this release has lifted (${embargoLine}): recipients' copies are only made before the ` +
            'lift time. Export the public version instead.',
        );
      }
      const hash = contentHash(release);
      const final = isSignedOff(release.status);
      if (final) {
        // Sending the text out under embargo is publishing it to these people: the same rule as a final export.
        assertMayLeaveAsFinal({
          release,
          contentHash: hash,
          settings: description.settings,
          actor,
          at,
          refusal: 'its copies cannot leave as final. Submit it for review again, or make draft copies.',
        });
      }
      const allReleases = await latestNews(release.id, description.settings.latestNewsCount, at);
      const clearedBy = assertPrivacyCleared({
        release,
        findings: final
          ? protectedFindingsOf(release, {
              profile: description.profile,
              logo: description.logoDataUrl !== null,
              allReleases,
              latestNewsCount: description.settings.latestNewsCount,
              now: at,
            })
          : fileNameFindings(release),
        actor,
        step: final ? 'export-final' : 'export-draft',
      });

      const target = resolve(folder);
      try {
        await fsp.mkdir(target, { recursive: true });
      } catch (error) {
        throw new StoreError('io', `The folder ${target} could not be created: ${(error as Error).message}`);
      }
      const fontFaces = await loadHouseFonts();
      const lift = liftTimes(embargo);
      const draft = isDraftExport(release.status);
      const who = { id: actor.id, name: actor.name };
      let made = 0;
      let printer: PdfPrinter | null = null;
      const jobs = request.recipients.flatMap((recipient) =>
        request.formats.map((format) => ({ recipient, format })),
      );

      // Two at a time: a print waits on the browser much of the time, and the browser is kept warm between them.
      const copies = await mapLimit(jobs, 2, async ({ recipient, format }) => {
        if (signal?.aborted) {
          throw new StoreError(
            'cancelled',
            `Making copies was stopped; ${made} copies were made and are in the register.`,
          );
        }
        const key = newKey();
        const fingerprint = fingerprintIdOf(key);
        // The export's page (html-export.ts renderExportHtml) with the copy option: the one renderer.
        const html = renderReleaseDocument(release, {
          mode: 'export',
          draftMark: draft,
          now: at,
          profile: description.profile,
          latestNews: latestNewsFor(release, allReleases, {
            count: description.settings.latestNewsCount,
            now: at,
            links: format === 'pdf' ? { target: 'pdf' } : { target: 'html' },
          }),
          logoDataUrl: description.logoDataUrl,
          fontFaces,
          pageSize: request.pageSize,
          copy: {
            recipient: recipient.name,
            outlet: recipient.outlet,
            marks: { key, channels: { nbsp: format !== 'pdf' } },
            fingerprintId: fingerprint,
          },
        });
        const recipientLine = `Embargoed copy for ${[recipient.name, recipient.outlet].filter(Boolean).join(', ')}`;
        let bytes: Uint8Array;
        if (format === 'pdf') {
          printer ??= parts.printer();
          const printed = await printer.print(html, {
            pageSize: request.pageSize,
            footer: { organisation: organisationOf(release, description.profile), draft },
            // The recipient on every page, beside the embargo line: a page photographed or printed out still says
            // whose copy it was.
            embargoLine: `${embargoLine} · ${recipientLine}`,
            ...(signal ? { signal } : {}),
          });
          bytes = await stampPdfCopy(printed, fingerprint);
        } else if (format === 'eml') {
          // An email to this recipient alone, both bodies from the release with the copy's marks in its story.
          const bodies = renderEmailBodies(markReleaseText(release, { key, channels: { nbsp: true } }), {
            draft,
            now: at,
            profile: description.profile,
            embargoLine,
            leadLines: [recipientLine],
          });
          bytes = await buildEmailDraft({
            from: senderOf(release, description.profile),
            to: recipient.email ? [{ name: recipient.name, address: recipient.email }] : [],
            bcc: [],
            subject: emailSubject(release.headline, { draft, embargoLine }),
            ...bodies,
            attachments: [],
            date: at,
          });
        } else if (format === 'docx') {
          // Word reads the release, not the page: the same marks go into the story's text itself.
          const { renderReleaseDocx } = await import('../export/docx-export');
          bytes = await renderReleaseDocx(markReleaseText(release, { key, channels: { nbsp: true } }), {
            draftMark: draft,
            now: at,
            profile: description.profile,
            pageSize: request.pageSize,
            headerLines: [recipientLine],
            customProperties: { PressroomCopy: fingerprint },
          });
        } else {
          bytes = new TextEncoder().encode(html);
        }
        const fileName = copyFileName(release, recipient, format, fingerprint);
        // The register first: a copy that exists must be traceable.
        const entry = await audit.append(release.id, {
          actor: who,
          event: 'embargo-copy',
          details: {
            recipient: recipient.name,
            outlet: recipient.outlet,
            email: recipient.email,
            format,
            fingerprint,
            copyKey: key,
            channels: format === 'pdf' ? 'marks' : 'marks+nbsp',
            liftUtc: lift.utc,
            liftUk: lift.uk,
            fileName,
            contentHash: hash,
            kind: draft ? 'draft' : 'final',
            ...(clearedBy ? { privacyDecisionBy: clearedBy.personName } : {}),
          },
        });
        const path = join(target, fileName);
        try {
          await writeFileDurably(path, bytes);
        } catch (error) {
          throw new StoreError(
            'io',
            `${fileName} could not be written to ${target}: ${(error as Error).message}`,
          );
        }
        made++;
        return {
          releaseId: release.id,
          headline: release.headline,
          recipient: recipient.name,
          outlet: recipient.outlet,
          email: recipient.email,
          format,
          fingerprint,
          fileName,
          madeAt: entry.at,
          madeBy: actor.name,
          liftUtc: lift.utc,
          liftUk: lift.uk,
          draft,
          path,
        };
      });
      return { copies, folder: target, embargoLine, draft };
    },
  };
}
