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
 * "Sam Jones also has this release open (since 14:02)." or, for several people,
 * "Sam Jones (since 14:02) and Ali Khan (since 14:10) also have this release open."
 */
export function presenceSentence(others: readonly PresenceEntry[], now: Date = new Date()): string {
  if (others.length === 0) return '';
  if (others.length === 1) {
    const [only] = others as [PresenceEntry];
    return `${only.name} also has this release open (since ${formatSince(only.since, now)}).`;
  }
  const people = AND.format(others.map((other) => `${other.name} (since ${formatSince(other.since, now)})`));
  return `${people} also have this release open.`;
}

/** Why a colleague's presence is no reason to stop working: the store keeps both texts. */
export const CONFLICT_REASSURANCE =
  'Your saves will not overwrite theirs: if they save first, yours is kept as a conflict copy.';
