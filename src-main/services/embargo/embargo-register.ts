import type { CopyRecord, TraceOutcome, TracedCopy } from '../../../src-shared/embargo/embargo-api';
import {
  traceCopyMarks,
  TRACE_THRESHOLD,
  type TraceCandidate,
} from '../../../src-shared/embargo/fingerprint';
import type { AuditEntry, AuditTrail } from '../review/audit-trail';
import { mapLimit } from '../workspace/map-limit';
import type { WorkspaceStore } from '../workspace/store';

/**
 * The embargo register (issue 16, item 4): every recipient's copy, read from the 'embargo-copy' entries of the
 * releases' audit trails, which every computer of the workspace has (one chain per computer, only ever added to).
 * Each entry holds the copy's key, so any computer can trace; the key never leaves this module.
 */

export interface RegisteredCopy extends CopyRecord {
  key: string;
  nbsp: boolean;
}

export interface EmbargoRegister {
  /** Every copy on record, newest first; of one release when `releaseId` is given. */
  copies(releaseId?: string): Promise<RegisteredCopy[]>;
  /** The copy a piece of leaked text came from, with a confidence; `metadataFingerprint` from the file, if any. */
  trace(text: string, metadataFingerprint?: string | null): Promise<TraceOutcome>;
  /** The register read once, for many traces against the same copies (a batch of leaked files, a test). */
  tracer(): Promise<(text: string, metadataFingerprint?: string | null) => TraceOutcome>;
}

function recordOf(releaseId: string, headline: string, entry: AuditEntry): RegisteredCopy | null {
  const details = entry.details;
  const text = (name: string) => (typeof details[name] === 'string' ? (details[name] as string) : '');
  const key = text('copyKey');
  if (!/^[0-9a-f]{64}$/.test(key)) return null;
  return {
    releaseId,
    headline,
    recipient: text('recipient'),
    outlet: text('outlet'),
    email: text('email'),
    format: text('format'),
    fingerprint: text('fingerprint'),
    fileName: text('fileName'),
    madeAt: entry.at,
    madeBy: entry.actor.name,
    liftUtc: text('liftUtc'),
    liftUk: text('liftUk'),
    draft: text('kind') === 'draft',
    key,
    nbsp: text('channels').includes('nbsp'),
  };
}

export function publicRecord(copy: RegisteredCopy): CopyRecord {
  const { key: _key, nbsp: _nbsp, ...record } = copy;
  return record;
}

export function createEmbargoRegister(parts: { store: WorkspaceStore; audit: AuditTrail }): EmbargoRegister {
  const { store, audit } = parts;

  async function copies(releaseId?: string): Promise<RegisteredCopy[]> {
    // Deleted releases too: a copy sent before the release was deleted can still leak.
    const summaries = releaseId
      ? [await store.get(releaseId)].map((release) => ({ id: release.id, headline: release.headline }))
      : [...(await store.list()), ...(await store.listTrash().catch(() => []))];
    const perRelease = await mapLimit(summaries, 8, async (summary) => {
      const entries = await audit.read(summary.id).catch(() => [] as AuditEntry[]);
      return entries
        .filter((entry) => entry.event === 'embargo-copy')
        .map((entry) => recordOf(summary.id, summary.headline, entry))
        .filter((copy): copy is RegisteredCopy => copy !== null);
    });
    return perRelease.flat().sort((a, b) => (a.madeAt < b.madeAt ? 1 : a.madeAt > b.madeAt ? -1 : 0));
  }

  function tracerOf(onRecord: RegisteredCopy[]) {
    const byId = new Map(onRecord.map((copy) => [copy.fingerprint, copy]));
    const candidates: TraceCandidate[] = onRecord.map((copy) => ({
      id: copy.fingerprint,
      key: copy.key,
      channels: { nbsp: copy.nbsp },
    }));
    return (text: string, metadataFingerprint: string | null = null): TraceOutcome => {
      const outcome = traceCopyMarks(text, candidates, 3);
      const traced = (
        id: string,
        score: { confidence: number; agreed: number; read: number },
      ): TracedCopy => ({
        ...publicRecord(byId.get(id)!),
        confidence: score.confidence,
        agreed: score.agreed,
        read: score.read,
      });
      const ranked = outcome.ranked.filter((score) => score.read > 0).map((score) => traced(score.id, score));
      // A fingerprint id in the file's own metadata names its copy outright.
      const fromMetadata = metadataFingerprint ? byId.get(metadataFingerprint) : undefined;
      const match = fromMetadata
        ? { ...publicRecord(fromMetadata), confidence: 1, agreed: 0, read: 0 }
        : ranked[0] && ranked[0].confidence >= TRACE_THRESHOLD
          ? ranked[0]
          : null;
      return {
        match,
        candidates: ranked,
        unmarked: outcome.unmarked,
        read: outcome.read,
        copiesOnRecord: onRecord.length,
        threshold: TRACE_THRESHOLD,
        metadataFingerprint: metadataFingerprint ?? null,
      };
    };
  }

  return {
    copies,
    async trace(text, metadataFingerprint = null) {
      return tracerOf(await copies())(text, metadataFingerprint);
    },
    async tracer() {
      return tracerOf(await copies());
    },
  };
}

/** The fingerprint id a copy's PDF carries in its Keywords ("pressroom-copy:FP-…"), or null. */
export async function pdfCopyFingerprint(pdf: Uint8Array): Promise<string | null> {
  try {
    // Loaded when a PDF is traced, not when the app starts.
    const { PDFDocument } = await import('pdf-lib');
    const document = await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true });
    return /pressroom-copy:(FP-[0-9A-F]{10})/.exec(document.getKeywords() ?? '')?.[1] ?? null;
  } catch {
    return null;
  }
}

/** The fingerprint id a copy's page carries in its head (`<meta name="pressroom-copy">`), or null. */
export function htmlCopyFingerprint(html: string): string | null {
  return /<meta name="pressroom-copy" content="(FP-[0-9A-F]{10})">/.exec(html)?.[1] ?? null;
}
