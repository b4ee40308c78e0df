import { assertMayLeaveAsFinal } from './final-release';
import { latestNewsFromFolder, type LatestNewsReleases } from '../library/latest-news-source';
import { isSignedOff } from '../../../src-shared/release/status';
import { stampChangeNotes } from '../../../src-shared/release/change-notes';
import { promises as fsp } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { Release } from '../../../src-shared/release/schema';
import { formatEmbargoLine, isEmbargoActive, resolveLocale } from '../../../src-shared/render/format-date';
import { contentHash } from '../../../src-shared/workflow/content-hash';
import type { Person } from '../../../src-shared/workflow/workflow';
import { readTextFile, toJsonText, writeFileDurably } from '../workspace/durable-file';
import type { AuditTrail } from '../review/audit-trail';
import type { ReleaseHistory } from '../review/release-history';
import { StoreError, type WorkspaceStore } from '../workspace/store';
import type { ExportFormat } from './export-file-name';
import { exportRelease, type ExportedRelease, type ExportReleaseInput } from './export-release';
import { assertPrivacyCleared, fileNameFindings, protectedFindingsOf } from '../privacy-guard';
import type { PageSize, PdfPrinter } from './pdf-printer';

/**
 * Export with the workflow's rules (issue 6, item 4), around the pure exportRelease:
 *  - anything not approved leaves as a draft, marked on every page and in its file name;
 *  - an approved (or published) release leaves as final: its sign-offs must still cover exactly this text, an
 *    embargo still in force must be confirmed by the person (the request names the time back to them), and the
 *    export is recorded (a kept version, an audit entry with format and hash) and marks the release published;
 *  - every export, draft or final, is in the audit trail.
 */
export interface ExportRequest {
  id: string;
  format: ExportFormat;
  pageSize?: PageSize;
  /** The person saw the embargo line and confirmed it; required for a final export under embargo. */
  confirmEmbargo?: boolean;
  /** Email drafts: the messages to make (recipients already checked against the do-not-contact list). */
  email?: ExportReleaseInput['email'];
}

export interface ExportResult extends ExportedRelease {
  /** The export was final and the release is (now) published. */
  published: boolean;
  /** The release as stored after the export (its status may have changed to published). */
  release: Release;
}

export interface ExportWorkflow {
  /** `signal`: the asker gave up; the print stops and nothing is recorded. */
  exportOne(
    request: ExportRequest,
    actor: Person,
    signal?: AbortSignal,
    /** The files in the folder the export goes into (exportToFolder), for the "Latest news" links. */
    besideFiles?: ReadonlySet<string>,
  ): Promise<ExportResult>;
  /** exportOne, written into `folder` (created if missing) under the export's file name; answers the path. */
  exportToFolder(
    request: ExportRequest & { folder: string },
    actor: Person,
    signal?: AbortSignal,
  ): Promise<ExportResult & { path: string }>;
  /** The folder used last (remembered across runs), or the default. */
  exportFolder(): Promise<string>;
}

export function createExportWorkflow(parts: {
  store: WorkspaceStore;
  audit: AuditTrail;
  history: ReleaseHistory;
  printer: () => PdfPrinter;
  /** Where the last export folder is remembered (the app's user-data folder); null: not remembered. */
  userData: string | null;
  defaultFolder: string;
  now?: () => Date;
  /** Where "Latest news" is chosen from (the library index's choice in the app); default: every release read. */
  latestNews?: LatestNewsReleases;
}): ExportWorkflow {
  const { store, audit, history } = parts;
  const now = parts.now ?? (() => new Date());
  const latestNews = parts.latestNews ?? latestNewsFromFolder(store);
  const rememberedFile = parts.userData ? join(parts.userData, 'export-folder.json') : null;

  async function exportOne(
    request: ExportRequest,
    actor: Person,
    signal?: AbortSignal,
    besideFiles?: ReadonlySet<string>,
  ): Promise<ExportResult> {
    const release = await store.get(request.id);
    const description = await store.describe();
    const at = now();
    const hash = contentHash(release);
    const final = isSignedOff(release.status);
    if (final) {
      assertMayLeaveAsFinal({
        release,
        contentHash: hash,
        settings: description.settings,
        actor,
        at,
        refusal: 'it cannot leave as final. Submit it for review again, or export a draft.',
      });
    }
    // "Latest news" and the logo are on pages only: plain text and a Word document need no scan of the library.
    const pageless = request.format === 'txt' || request.format === 'docx';
    const allReleases = pageless
      ? []
      : await latestNews(release.id, description.settings.latestNewsCount, at);
    // A protected person's name, in the text or anywhere else the export prints it, refuses a final export unless
    // a second person decided to publish it anyway; in the file name it refuses a draft too (privacy-guard.ts).
    const clearedBy = assertPrivacyCleared({
      release,
      findings: final
        ? protectedFindingsOf(release, {
            profile: description.profile,
            logo: !pageless && description.logoDataUrl !== null,
            ...(pageless ? {} : { allReleases }),
            latestNewsCount: description.settings.latestNewsCount,
            now: at,
          })
        : fileNameFindings(release),
      actor,
      step: final ? 'export-final' : 'export-draft',
    });
    const embargo = release.header.embargo;
    if (final && isEmbargoActive(embargo, at) && !request.confirmEmbargo) {
      const line = formatEmbargoLine(embargo!, resolveLocale(description.profile.locale));
      throw new StoreError(
        'refused',
        `This release is under embargo (${line}). Confirm the embargo time to export it as final.`,
        { embargoLine: line },
      );
    }
    // Publishing a correction dates its change note now, on the page being published too (issue 17). The date is
    // not part of the content hash, so the sign-off still covers the text.
    const publishing = final && release.status === 'approved';
    const dated = publishing
      ? { ...release, changeNotes: stampChangeNotes(release.changeNotes, at.toISOString()) }
      : release;
    const exported = await exportRelease({
      release: dated,
      allReleases,
      profile: description.profile,
      settings: description.settings,
      logoDataUrl: description.logoDataUrl,
      format: request.format,
      now: at,
      pageSize: request.pageSize ?? 'A4',
      ...(request.format === 'pdf' || request.format === 'eml' ? { printer: parts.printer() } : {}),
      ...(request.email ? { email: request.email } : {}),
      ...(signal ? { signal } : {}),
      ...(besideFiles ? { besideFiles } : {}),
    });
    if (!exported.ok) throw new StoreError(exported.error.code, exported.error.message);
    const result = exported.value;
    // Nobody is waiting for the file any more: a final export must not be recorded or publish the release.
    if (signal?.aborted) throw new StoreError('cancelled', 'The export was cancelled; nothing was exported.');

    const who = { id: actor.id, name: actor.name };
    let stored = release;
    if (final && release.status === 'approved') {
      stored = await store.update(release.id, release.revision, (current) => ({
        ...current,
        status: 'published',
        changeNotes: stampChangeNotes(current.changeNotes, at.toISOString()),
      }));
      await audit.append(release.id, {
        actor: who,
        event: 'published',
        details: { from: 'approved', to: 'published', contentHash: hash, revision: stored.revision },
      });
    }
    await history.record(stored, 'exported', who);
    await audit.append(release.id, {
      actor: who,
      event: 'exported',
      details: {
        format: request.format,
        contentHash: hash,
        fileName: result.fileName,
        kind: final ? 'final' : 'draft',
        ...(result.embargoLine ? { embargo: result.embargoLine } : {}),
        ...(result.emailDrafts ? { drafts: result.emailDrafts.length } : {}),
        ...(clearedBy ? { privacyDecisionBy: clearedBy.personName } : {}),
      },
    });
    return { ...result, published: final, release: stored };
  }

  return {
    exportOne,

    async exportToFolder(request, actor, signal) {
      const folder = request.folder.trim();
      if (!folder || !isAbsolute(folder)) {
        throw new StoreError(
          'invalid-input',
          'Give the export folder as a full path, for example /home/you/Exports.',
        );
      }
      const target = resolve(folder);
      try {
        await fsp.mkdir(target, { recursive: true });
      } catch (error) {
        throw new StoreError(
          'io',
          `The export folder ${target} could not be created: ${(error as Error).message}`,
        );
      }
      // "Latest news" links only to the pages and PDFs already in the folder (issue 14, item 7).
      const besideFiles = new Set(await fsp.readdir(target).catch(() => [] as string[]));
      const result = await exportOne(request, actor, signal, besideFiles);
      const path = join(target, result.fileName);
      try {
        await writeFileDurably(path, result.bytes);
      } catch (error) {
        throw new StoreError(
          'io',
          `${result.fileName} could not be written to ${target}: ${(error as Error).message}`,
        );
      }
      if (rememberedFile) {
        // Remembering is a convenience: failing to is not a failed export.
        await writeFileDurably(rememberedFile, toJsonText({ folder: target })).catch(() => undefined);
      }
      return { ...result, path };
    },

    async exportFolder() {
      if (!rememberedFile) return parts.defaultFolder;
      try {
        const text = await readTextFile(rememberedFile);
        const folder = text ? (JSON.parse(text) as { folder?: unknown }).folder : null;
        return typeof folder === 'string' && isAbsolute(folder) ? folder : parts.defaultFolder;
      } catch {
        return parts.defaultFolder;
      }
    },
  };
}
