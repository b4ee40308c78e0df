import { join } from 'node:path';
import type { Release } from '../../../src-shared/release/schema';
import type { AppError } from '../../../src-shared/result';
import { writeFileDurably } from '../durable-file';
import type { ExportFormat } from './export-file-name';
import { exportRelease, type ExportReleaseInput } from './export-release';

/**
 * Several releases, in one or more formats, into one folder (issue 6, "batch export of a selection with a progress
 * bar and cancel"). One after another, through one printer: a second Chromium would only compete for the same
 * cores. Written into one folder, the pages' "Latest news" links find the PDFs beside them.
 */

export interface BatchExportInput extends Omit<ExportReleaseInput, 'release' | 'format'> {
  releases: readonly Release[];
  formats: readonly ExportFormat[];
  folder: string;
  /** Stops before the next file; files already written stay. */
  signal?: AbortSignal;
  /** After each file, written or failed: for a progress bar. */
  onProgress?: (progress: { done: number; total: number; id: string; format: ExportFormat }) => void;
}

export interface BatchExportOutcome {
  written: Array<{ id: string; format: ExportFormat; file: string; draft: boolean; contentHash: string }>;
  failed: Array<{ id: string; format: ExportFormat; error: AppError }>;
  cancelled: boolean;
}

export async function exportBatch(input: BatchExportInput): Promise<BatchExportOutcome> {
  const { releases, formats, folder, signal, onProgress, ...shared } = input;
  const outcome: BatchExportOutcome = { written: [], failed: [], cancelled: false };
  const total = releases.length * formats.length;
  let done = 0;
  for (const release of releases) {
    for (const format of formats) {
      if (signal?.aborted) {
        outcome.cancelled = true;
        return outcome;
      }
      const result = await exportRelease({ ...shared, release, format });
      if (result.ok) {
        const file = join(folder, result.value.fileName);
        try {
          await writeFileDurably(file, result.value.bytes);
          outcome.written.push({
            id: release.id,
            format,
            file,
            draft: result.value.draft,
            contentHash: result.value.contentHash,
          });
        } catch (error) {
          outcome.failed.push({
            id: release.id,
            format,
            error: { code: 'io', message: `${file} could not be written: ${(error as Error).message}` },
          });
        }
      } else {
        outcome.failed.push({ id: release.id, format, error: result.error });
      }
      onProgress?.({ done: ++done, total, id: release.id, format });
    }
  }
  return outcome;
}
