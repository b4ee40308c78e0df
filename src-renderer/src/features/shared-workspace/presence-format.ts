import type { PresenceEntry } from '../../../../src-shared/api/contract';

const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
const DAY_AND_TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});
const AND = new Intl.ListFormat('en-GB', { style: 'long', type: 'conjunction' });

/** "14:02" today; "3 Mar, 14:02" otherwise, since a bare time from yesterday reads as today's. */
export function formatSince(since: string, now: Date = new Date()): string {
  const date = new Date(since);
  if (Number.isNaN(date.getTime())) return 'a moment ago';
  return date.toDateString() === now.toDateString() ? TIME.format(date) : DAY_AND_TIME.format(date);
}

export function listNames(entries: readonly PresenceEntry[]): string {
  return AND.format(entries.map((entry) => entry.name));
}

/**
 * What is true on a shared or synced folder: who had it open, as last heard, and when. "Sam Jones on PRESS-PC2 has
 * had this release open since 14:02 (last heard 14:05)." A synced folder carries the news late, so the sentence
 * never claims they have it open now.
 */
export function presenceSentence(others: readonly PresenceEntry[], now: Date = new Date()): string {
  if (others.length === 0) return '';
  const describe = (entry: PresenceEntry) => {
    const where = entry.computer ? ` on ${entry.computer}` : '';
    const heard = entry.lastHeard ? `, last heard ${formatSince(entry.lastHeard, now)}` : '';
    return `${entry.name}${where} (open since ${formatSince(entry.since, now)}${heard})`;
  };
  if (others.length === 1) {
    const [only] = others as [PresenceEntry];
    return `${describe(only)} has had this release open.`;
  }
  return `${AND.format(others.map(describe))} have had this release open.`;
}

/** Why a colleague's presence is no reason to stop working: every saved text is kept. */
export const CONFLICT_REASSURANCE =
  'If you both change it before your computers have exchanged the change, both texts are kept and the release shows “Two versions” for you to choose.';
