import type { Embargo, Release } from '../release/schema';
import { formatEmbargoTime, isEmbargoActive, resolveLocale } from '../render/format-date';
import { withdrawnOf } from '../workflow/published-records';
import { releaseInstant } from './newsroom-dates';

/**
 * Which releases the public newsroom shows (issue 17, item 1): published ones only, and an embargoed one only once
 * its embargo has lifted at `now` (a clock passed in, so that a test can stand either side of the lift time). A
 * published release left out is listed with the reason, so the office knows what the site does not yet carry.
 */

/**
 * A withdrawn release keeps its public page, which says it was withdrawn and why (issue 17, item 2): it stays on
 * the site once its withdrawal is confirmed (workflow/published-records.ts withdrawnOf, the same test the HTML
 * export uses); one withdrawn without a confirmed explanation is held back.
 */
export interface Withdrawal {
  /** When it was withdrawn, RFC 3339. */
  at: string;
  /** The public explanation, shown above the release's kept text. */
  explanation: string;
}

/** Stand-ins for tests; by default the workflow's own records decide. */
export interface NewsroomHooks {
  withdrawalOf?: (release: Release) => Withdrawal | null;
}

export interface SelectedRelease {
  release: Release;
  /** When it is dated (its release date in its zone). */
  at: Date;
  withdrawal: Withdrawal | null;
}

export interface HeldBackRelease {
  id: string;
  headline: string;
  reason: 'embargo' | 'withdrawn' | 'undated';
  /** What the office reads: "Under embargo: EMBARGOED UNTIL 00:01 BST, Thursday 18 July 2024". */
  message: string;
}

export interface NewsroomSelection {
  /** Newest first. */
  shown: SelectedRelease[];
  heldBack: HeldBackRelease[];
  /** Releases not published at all (drafts, in review, approved but not yet exported as final). */
  notPublished: number;
}

export function selectNewsroomReleases(
  releases: readonly Release[],
  options: { now: Date; locale: string; hooks?: NewsroomHooks },
): NewsroomSelection {
  const locale = resolveLocale(options.locale);
  const shown: SelectedRelease[] = [];
  const heldBack: HeldBackRelease[] = [];
  let notPublished = 0;
  for (const release of releases) {
    const headline = release.headline.trim() || 'Untitled release';
    const withdrawal =
      release.status === 'withdrawn' ? (options.hooks?.withdrawalOf ?? withdrawnOf)(release) : null;
    if (release.status === 'withdrawn' && !withdrawal) {
      heldBack.push({
        id: release.id,
        headline,
        reason: 'withdrawn',
        message:
          'Withdrawn, but the withdrawal is not confirmed yet: not shown until a second person confirms it.',
      });
      continue;
    }
    if (release.status !== 'published' && !withdrawal) {
      notPublished++;
      continue;
    }
    const embargo = release.header.embargo;
    if (isEmbargoActive(embargo, options.now)) {
      heldBack.push({
        id: release.id,
        headline,
        reason: 'embargo',
        message: embargoMessage(embargo!, locale),
      });
      continue;
    }
    const at = releaseInstant(release.header.releaseDate, release.header.timeZone);
    if (!at) {
      heldBack.push({
        id: release.id,
        headline,
        reason: 'undated',
        message: 'Its release date or time zone cannot be read, so it has no place in the list.',
      });
      continue;
    }
    shown.push({ release, at, withdrawal });
  }
  shown.sort((a, b) => b.at.getTime() - a.at.getTime() || (a.release.id < b.release.id ? -1 : 1));
  heldBack.sort((a, b) => (a.headline < b.headline ? -1 : a.headline > b.headline ? 1 : 0));
  return { shown, heldBack, notPublished };
}

/** "Under embargo until 00:01 GMT, Sunday 6 January 2030: it appears on the site after that time." */
function embargoMessage(embargo: Embargo, locale: string): string {
  const when = formatEmbargoTime(embargo, locale);
  return when
    ? `Under embargo until ${when}: it appears on the site after that time.`
    : 'Under embargo, but its date and time cannot be read: it stays off the site until they are put right.';
}
