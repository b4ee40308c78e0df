import type { ReleaseVersion } from '../../../../../src-shared/api/contract';
import { compareVersions, type FieldChange } from '../../../../../src-shared/release/merge-versions';
import { toLocalDateTime } from '../../../../../src-shared/release/new-release';
import { RELEASE_TYPE_LABELS, type ReleaseContent } from '../../../../../src-shared/release/schema';
import { fieldTexts, fieldValue, type FieldSpec } from '../../../../../src-shared/release/structure';
import {
  formatEmbargoTime,
  formatReleaseDate,
  formatReleaseDateTime,
} from '../../../../../src-shared/render/format-date';

/**
 * The words of the "Two versions" banner: who saved which version where and when, how each version is named on a
 * button ("Keep mine", "Keep Ben's"), and a field's text as a person reads it.
 */

/** Where and how dates are shown: the organisation's zone and locale (en-GB gives "7 December 2026"). */
export interface Clock {
  timeZone: string;
  locale: string;
  now: Date;
}

/** "10:42", or "10:42 on 6 December 2026" when it was not today. */
export function savedWhen(iso: string, clock: Clock): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  const local = toLocalDateTime(instant, clock.timeZone);
  const time = local.slice(11);
  const today = toLocalDateTime(clock.now, clock.timeZone).slice(0, 10);
  if (local.slice(0, 10) === today) return time;
  const date = formatReleaseDate(local, clock.timeZone, clock.locale);
  return date ? `${time} on ${date}` : time;
}

/** The person a version names, as a sentence starts: "Ana Patel", or "Someone" when it was saved anonymously. */
function saver(version: ReleaseVersion, you: boolean): string {
  const name = version.savedBy?.trim() || 'Someone';
  return you ? `${name} (you)` : name;
}

/**
 * "Ana Patel saved this on PRESS-PC1 at 10:42 and Ben Okafor saved it on PRESS-PC2 at 10:43, at the same time,
 * before their computers had exchanged the change." Oldest first. "At the same time" only when the saves were
 * minutes apart: a laptop that was offline for a day saved long before the other.
 */
export function describeFork(
  versions: readonly ReleaseVersion[],
  clock: Clock,
  /** The version saved by the person reading, if any: named "Ana Patel (you)". */
  yours: ReleaseVersion | null = null,
): string {
  const ordered = [...versions].sort((a, b) => Date.parse(a.savedAt) - Date.parse(b.savedAt));
  const parts = ordered.map((version, i) => {
    const verb = version.deleted ? 'deleted' : 'saved';
    const who = saver(version, version === yours && version.savedBy !== null);
    const when = savedWhen(version.savedAt, clock);
    return `${who} ${verb} ${i === 0 ? 'this' : 'it'} on ${version.computerName} at ${when}`;
  });
  const said =
    parts.length <= 2
      ? parts.join(' and ')
      : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  const times = ordered.map((version) => Date.parse(version.savedAt));
  const together = Math.max(...times) - Math.min(...times) <= 10 * 60_000;
  return `${said}, ${together ? 'at the same time, ' : ''}before their computers had exchanged the change.`;
}

/**
 * What each version changed, from the text both started from: "Your version changed: Headline. Ben's version
 * changed: Standfirst." With no common text known: "They differ in: Headline, Standfirst."
 */
export function describeChanges(
  base: ReleaseContent | null,
  mine: ReleaseContent,
  theirs: ReleaseContent,
  names: readonly [VersionName, VersionName],
): string {
  const fields = compareVersions(base, mine, theirs);
  const labels = (change: FieldChange) =>
    fields.filter((field) => field.change === change).map((field) => field.spec.label);
  if (base === null) return `They differ in: ${labels('clash').join(', ')}.`;
  const out: string[] = [];
  const onlyMine = labels('only-mine');
  const onlyTheirs = labels('only-theirs');
  const clash = labels('clash');
  const same = labels('both-same');
  if (onlyMine.length > 0) out.push(`${capitalise(names[0].version)} changed: ${onlyMine.join(', ')}.`);
  if (onlyTheirs.length > 0) out.push(`${capitalise(names[1].version)} changed: ${onlyTheirs.join(', ')}.`);
  if (clash.length > 0) out.push(`Both changed, differently: ${clash.join(', ')}.`);
  if (same.length > 0) out.push(`Both made the same change to: ${same.join(', ')}.`);
  return out.join(' ');
}

/**
 * The fields whose changes in `other` are not in `kept` (changed only there, or changed differently in both): what
 * keeping `kept` sets aside.
 */
export function changesLeftOut(
  base: ReleaseContent | null,
  kept: ReleaseContent,
  other: ReleaseContent,
): string[] {
  return compareVersions(base, kept, other)
    .filter((field) => field.change === 'only-theirs' || field.change === 'clash')
    .map((field) => field.spec.label);
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** How a version is named on a button and in a sentence. */
export interface VersionName {
  /** "mine", "Ben's", "the PRESS-PC2" (as in "Keep Ben's", "Keep the PRESS-PC2 version"). */
  keep: string;
  /** "your text", "Ben's text", "the text saved on PRESS-PC2". */
  text: string;
  /** "your version", "Ben's version". */
  version: string;
  /** Starts a sentence: "Your text", "Ben's text". */
  Text: string;
  /** "your changes", "Ben's changes", "the changes saved on PRESS-PC2". */
  changes: string;
  mine: boolean;
}

const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name;

/**
 * Names for each version. The first is this computer's: "mine" when the person at it saved it (or nobody is
 * named). Others by first name, by full name when two share a first name, by computer when no name tells them
 * apart.
 */
export function nameVersions(versions: readonly ReleaseVersion[], me: string | null): VersionName[] {
  const firsts = versions.map((v) => (v.savedBy ? firstName(v.savedBy) : null));
  return versions.map((version, i) => {
    const mine = i === 0 && (version.savedBy === null || me === null || version.savedBy === me);
    if (mine)
      return {
        keep: 'mine',
        text: 'your text',
        version: 'your version',
        Text: 'Your text',
        changes: 'your changes',
        mine,
      };
    const name = version.savedBy;
    const clashes = (value: string | null) =>
      versions.some((other, j) => j !== i && (other.savedBy === value || firsts[j] === value));
    const who = name === null ? null : !clashes(firsts[i]!) ? firsts[i]! : !clashes(name) ? name : null;
    if (who) {
      const possessive = `${who}'s`;
      return {
        keep: possessive,
        text: `${possessive} text`,
        version: `${possessive} version`,
        Text: `${possessive} text`,
        changes: `${possessive} changes`,
        mine,
      };
    }
    return {
      keep: `the ${version.computerName} version`,
      text: `the text saved on ${version.computerName}`,
      version: `the ${version.computerName} version`,
      Text: `The text saved on ${version.computerName}`,
      changes: `the changes saved on ${version.computerName}`,
      mine,
    };
  });
}

/**
 * A field's value as a person reads it, one line per part: the headline's text, "Paragraph 2: …" for the body,
 * the release type's name, a date in words. "(empty)" and "(none)" rather than nothing.
 */
export function fieldDisplay(content: ReleaseContent, spec: FieldSpec, clock: Clock): string[] {
  const value = fieldValue(content, spec.path);
  switch (spec.kind) {
    case 'choice':
      return [RELEASE_TYPE_LABELS[value as keyof typeof RELEASE_TYPE_LABELS] ?? String(value)];
    case 'date-time':
      return [formatReleaseDateTime(String(value), content.header.timeZone, clock.locale) ?? String(value)];
    case 'time-zone':
      return [String(value)];
    case 'embargo': {
      const embargo = content.header.embargo;
      if (!embargo) return ['None: for immediate release'];
      return [`Embargoed until ${formatEmbargoTime(embargo, clock.locale) ?? embargo.until}`];
    }
    default: {
      const parts = fieldTexts(content, spec);
      if (parts.length === 0) return ['(none)'];
      if (parts.length === 1 && parts[0]!.label === spec.label) return [parts[0]!.text || '(empty)'];
      return parts.map((part) => `${part.label}: ${part.text || '(empty)'}`);
    }
  }
}
