import { fail, type Result } from '../../src-shared/result';
import type { ExportFormat } from './export/export-file-name';
import { exportRelease, type ExportedRelease } from './export/export-release';
import type { PageSize, PdfPrinter } from './export/pdf-printer';
import { StoreError, type WorkspaceStore } from './workspace/store';
import { latestNewsFromFolder, type LatestNewsReleases } from './library/latest-news-source';

/**
 * File > Print… of the desktop app, in plain Node: which release the window shows, and its export HTML made by the
 * export service (src-main/services/export), which the Electron shell prints with the system's print dialog.
 * Anything not approved carries "DRAFT — NOT APPROVED" on paper too. Printing is not an export: it does not
 * change the release's workflow state (File > Export… opens the editor's export dialog, which does).
 */

/** The release the window shows (`#/release/<id>`, its history pages included), or null in the library. */
export function releaseIdFromAppUrl(url: string): string | null {
  const hash = url.includes('#') ? url.slice(url.indexOf('#')) : '';
  return /^#\/release\/([A-Za-z0-9_-]{1,200})(?:\/|$)/.exec(hash)?.[1] ?? null;
}

export interface StoredExportInput {
  store: WorkspaceStore;
  id: string;
  format: ExportFormat;
  now: Date;
  printer?: PdfPrinter;
  pageSize?: PageSize;
  /** Where "Latest news" is chosen from (the library index's choice in the app); default: every release read. */
  latestNews?: LatestNewsReleases;
}

/** The export in memory (for printing, the HTML; for a file, any format). */
export async function exportStoredRelease(input: StoredExportInput): Promise<Result<ExportedRelease>> {
  try {
    const [release, description] = await Promise.all([input.store.get(input.id), input.store.describe()]);
    const latestNews = input.latestNews ?? latestNewsFromFolder(input.store);
    const allReleases = await latestNews(input.id, description.settings.latestNewsCount, input.now);
    return await exportRelease({
      release,
      allReleases,
      profile: description.profile,
      settings: description.settings,
      logoDataUrl: description.logoDataUrl,
      format: input.format,
      now: input.now,
      ...(input.printer ? { printer: input.printer } : {}),
      ...(input.pageSize ? { pageSize: input.pageSize } : {}),
    });
  } catch (error) {
    if (error instanceof StoreError) return fail(error.code, error.message);
    return fail('internal', `The release could not be exported: ${(error as Error).message}`);
  }
}
