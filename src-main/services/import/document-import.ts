import { randomBytes } from 'node:crypto';
import { buildContent } from '../../../src-shared/import/build-content';
import { placeBlocks } from '../../../src-shared/import/place-blocks';
import {
  LEFT_OUT,
  importTargetLabel,
  type ImportKind,
  type ImportPlacement,
} from '../../../src-shared/import/placement';
import { pickContent } from '../../../src-shared/release/structure';
import type { Release } from '../../../src-shared/release/schema';
import type { Person } from '../../../src-shared/workflow/workflow';
import type { ReviewWorkflow } from '../review/workflow';
import { StoreError, type WorkspaceStore } from '../workspace/store';
import { readDocument } from './read-document';

/**
 * Importing a press release written elsewhere (issue 16, item 1): `analyse` reads the document and proposes where
 * each paragraph goes; the writer may move paragraphs on the review screen; `create` makes the release from the
 * placement. The release is an ordinary new draft: its trail starts with 'created' (from an import), the content
 * is an edit by the person who imported it, and every check of a draft applies to it (protected people included).
 */

export interface DocumentImportOptions {
  store: WorkspaceStore;
  workflow: ReviewWorkflow;
  now: () => Date;
}

export interface AnalyseRequest {
  fileName: string;
  kind: ImportKind;
  text?: string | undefined;
  bytes?: Uint8Array | undefined;
}

export interface CreatedImport {
  release: Release;
  /** What the writer should check: a guessed time, an unreadable embargo. */
  notes: string[];
}

export function createDocumentImport({ store, workflow, now }: DocumentImportOptions) {
  return {
    async analyse(request: AnalyseRequest): Promise<ImportPlacement> {
      const blocks = await readDocument(request.kind, { text: request.text, bytes: request.bytes });
      if (!blocks.ok) throw new StoreError(blocks.error.code, blocks.error.message);
      if (blocks.value.length === 0) {
        throw new StoreError('invalid-input', `${request.fileName} has no text to import.`);
      }
      const { profile } = await store.describe();
      return placeBlocks(blocks.value, { locale: profile.locale, now: now(), source: request.fileName });
    },

    async create(placement: ImportPlacement, actor: Person): Promise<CreatedImport> {
      if (placement.blocks.every((block) => block.target === LEFT_OUT)) {
        throw new StoreError(
          'invalid-input',
          'Every paragraph is left out: there is nothing to make a release of.',
        );
      }
      const { profile } = await store.describe();
      const created = await workflow.create(
        () => store.create(placement.type),
        actor,
        () => ({ source: 'import', file: placement.source.slice(-300) }),
      );
      const built = buildContent(placement, pickContent(created), {
        locale: profile.locale,
        timeZone: profile.timeZone,
        now: now(),
        makeId: () => `p-${randomBytes(5).toString('hex')}`,
      });
      const { release } = await workflow.save({ ...created, ...built.content }, actor);
      return { release, notes: built.notes };
    },
  };
}

/** "Headline ← “Council opens…”": one line per block, for the CLI and its tests. */
export function describePlacement(placement: ImportPlacement): string[] {
  return placement.blocks.map((block) => {
    const text = block.text.replace(/\s+/g, ' ').trim();
    const short = text.length > 70 ? `${text.slice(0, 69)}…` : text;
    return `${importTargetLabel(block.target).padEnd(34)} ${short}${block.flag ? `\n${''.padEnd(34)} FLAGGED: ${block.flag}` : ''}`;
  });
}
