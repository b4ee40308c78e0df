import type { WorkspaceDescription, WorkspaceFieldChange } from '../../../../src-shared/api/contract';

/**
 * Who changed a profile or settings field, on which computer and when (issue 12, item 5): the words shown beside
 * a field a colleague changed, and beside one whose change replaced a colleague's made at the same time.
 */

type Changes = WorkspaceDescription['changes'];
type Mark = Pick<WorkspaceFieldChange, 'at' | 'computer' | 'by'>;

/** "7 Dec 2026 10:42": UK order, short month, 24-hour clock; in `timeZone`, or this computer's zone. */
export function formatChangedAt(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      ...(timeZone ? { timeZone } : {}),
    }).formatToParts(date);
  } catch {
    return iso;
  }
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')} ${part('month')} ${part('year')} ${part('hour')}:${part('minute')}`;
}

/** "Ben on PRESS-PC2, 7 Dec 2026 10:42" (without a name when the change was made before anyone said who they are). */
function whoWhereWhen(mark: Mark, timeZone?: string): string {
  const who = mark.by ? `${mark.by.name} on ` : 'on ';
  return `${who}${mark.computer.name}, ${formatChangedAt(mark.at, timeZone)}`;
}

function shortValue(value: unknown): string | null {
  if (typeof value === 'string') return value.length > 60 ? `“${value.slice(0, 60)}…”` : `“${value}”`;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  return null;
}

export interface ChangeNote {
  /** "Changed by Ben on PRESS-PC2, 7 Dec 2026 10:42", or null when the change was made on this computer. */
  changedBy: string | null;
  /** One sentence per colleague's value that a change made at the same time replaced. */
  replaced: string[];
}

/**
 * The note for the fields `field` names: exactly that field, or every field under it (`profile.limits` covers
 * `profile.limits.headlineWords`). The latest change among them is the one described. Null when there is nothing
 * to say: no change, or one made on this computer that replaced nothing of a colleague's.
 */
export function changeNoteFor(
  changes: Changes,
  field: string | readonly string[],
  timeZone?: string,
): ChangeNote | null {
  const fields = typeof field === 'string' ? [field] : field;
  const matching = (changes ?? []).filter((c) =>
    fields.some((f) => c.field === f || c.field.startsWith(`${f}.`)),
  );
  if (matching.length === 0) return null;
  const latest = matching.reduce((a, b) => (Date.parse(b.at) > Date.parse(a.at) ? b : a));
  const changedBy = latest.here
    ? null
    : `Changed by ${whoWhereWhen(latest, timeZone)}`.replace('by on ', 'on ');
  const replaced = matching.flatMap((change) =>
    change.replaced.map((other) => {
      const value = shortValue(other.value);
      return `A change made at the same time by ${whoWhereWhen(other, timeZone)}${value ? ` (${value})` : ''} was replaced by this one; it is kept in that computer’s record.`.replace(
        'by on ',
        'on ',
      );
    }),
  );
  if (changedBy === null && replaced.length === 0) return null;
  return { changedBy, replaced };
}
