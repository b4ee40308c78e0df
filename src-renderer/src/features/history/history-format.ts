import { RELEASE_STATUS_LABELS, RELEASE_TYPE_LABELS } from '../../../../src-shared/release/schema';
import type { FieldDiff } from '../../../../src-shared/workflow/word-diff';
import { tokenize } from '../../../../src-shared/workflow/word-diff';
import { SAVE_WHY_LABELS, type SaveSummary } from '../../../../src-shared/workflow/review-records';

/** Dates on this screen read as "18 Jul 2024, 14:02", in the time zone of the person looking. */
const WHEN = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const WHEN_FULL = new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'long' });

export function formatWhen(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : WHEN.format(date);
}

export function formatWhenFull(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : WHEN_FULL.format(date);
}

export function statusLabel(status: string): string {
  return (RELEASE_STATUS_LABELS as Record<string, string>)[status] ?? status;
}

/** A content hash as people compare it by eye: the first 12 characters (the full one goes in a tooltip). */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
}

// --- audit details ------------------------------------------------------------------------------------------

export type DetailPart =
  | { kind: 'text'; label: string; value: string }
  | { kind: 'hash'; label: string; value: string }
  | { kind: 'move'; from: string; to: string };

const DETAIL_LABELS: Record<string, string> = {
  reason: 'Reason',
  step: 'Step',
  format: 'Format',
  version: 'Version',
  revision: 'Revision',
  type: 'Type',
  action: 'Comment',
  threads: 'Threads',
  on: 'On',
  text: 'Text',
  thread: 'Thread',
  kind: 'Kind',
  fileName: 'File',
  embargo: 'Embargo',
};

/** The order facts are read in: what happened first, then the record-keeping numbers. */
const DETAIL_ORDER = [
  'from',
  'reason',
  'step',
  'format',
  'type',
  'action',
  'on',
  'text',
  'kind',
  'fileName',
  'embargo',
  'version',
  'contentHash',
  'revision',
];

const COMMENT_ACTIONS: Record<string, string> = {
  added: 'added',
  replied: 'replied to',
  resolved: 'resolved',
  reopened: 'reopened',
};

/** The details of an audit entry as labelled facts; keys this screen does not know are shown as they are. */
export function describeDetails(details: Record<string, string | number>): DetailPart[] {
  const keys = Object.keys(details).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const parts: DetailPart[] = [];
  for (const key of keys) {
    const value = details[key]!;
    if (key === 'to' && 'from' in details) continue;
    if (key === 'from') {
      parts.push({
        kind: 'move',
        from: statusLabel(String(value)),
        to: statusLabel(String(details.to ?? '')),
      });
    } else if (/hash$/i.test(key) && typeof value === 'string') {
      parts.push({ kind: 'hash', label: key === 'contentHash' ? 'Content' : humanise(key), value });
    } else if (key === 'type') {
      const label = (RELEASE_TYPE_LABELS as Record<string, string>)[String(value)] ?? String(value);
      parts.push({ kind: 'text', label: DETAIL_LABELS.type!, value: label });
    } else if (key === 'format') {
      parts.push({ kind: 'text', label: DETAIL_LABELS.format!, value: String(value).toUpperCase() });
    } else if (key === 'action') {
      parts.push({ kind: 'text', label: 'Comment', value: COMMENT_ACTIONS[String(value)] ?? String(value) });
    } else {
      parts.push({ kind: 'text', label: DETAIL_LABELS[key] ?? humanise(key), value: String(value) });
    }
  }
  return parts;
}

function rank(key: string): number {
  const at = DETAIL_ORDER.indexOf(key);
  return at === -1 ? DETAIL_ORDER.length - 1 : at;
}

function humanise(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// --- diff summary -------------------------------------------------------------------------------------------

/** A field worth showing in a comparison: its text changed, or it moved. */
export function isChanged(diff: FieldDiff): boolean {
  return diff.change !== 'same' || diff.moved !== undefined;
}

function countWords(text: string): number {
  return tokenize(text).filter((token) => /[\p{L}\p{M}\p{N}]/u.test(token)).length;
}

export interface DiffSummary {
  changedFields: number;
  unchangedFields: number;
  wordsRemoved: number;
  wordsAdded: number;
}

export function summariseDiff(diffs: readonly FieldDiff[]): DiffSummary {
  const summary: DiffSummary = { changedFields: 0, unchangedFields: 0, wordsRemoved: 0, wordsAdded: 0 };
  for (const diff of diffs) {
    if (!isChanged(diff)) {
      summary.unchangedFields++;
      continue;
    }
    summary.changedFields++;
    for (const segment of diff.segments) {
      if (segment.kind === 'removed') summary.wordsRemoved += countWords(segment.text);
      if (segment.kind === 'added') summary.wordsAdded += countWords(segment.text);
    }
  }
  return summary;
}

// --- saves (issue 12: every save is listed) -------------------------------------------------------------------

/** Why a save was made, as a press officer would say it. */
export function saveWhyLabel(save: Pick<SaveSummary, 'why' | 'status' | 'source'>): string {
  if (save.why === 'workflow' && save.status) return `Status changed to ${statusLabel(save.status)}`;
  return SAVE_WHY_LABELS[save.why];
}

/** "Sam Taylor on PRESS-PC1"; a save whose writer was not recorded still names the computer. */
export function savedBy(save: Pick<SaveSummary, 'person' | 'computer'>): string {
  const who = save.person?.name.trim();
  return who ? `${who} on ${save.computer.name}` : `On ${save.computer.name}`;
}
