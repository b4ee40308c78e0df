import { isSignedOff } from '../../../src-shared/release/status';
import { withdrawnOf } from '../../../src-shared/workflow/published-records';
import { zonedToInstant } from '../../../src-shared/release/new-release';
import {
  DEFAULT_SETTINGS,
  isAllowedUrl,
  type OrganisationProfile,
  type Release,
  type ReleaseStatus,
  type WorkspaceSettings,
} from '../../../src-shared/release/schema';
import { isEmbargoActive } from '../../../src-shared/render/format-date';
import {
  renderReleaseDocument,
  type EmbeddedFontFace,
  type LatestNewsItem,
  type PageSize,
} from '../../../src-shared/render/render-release';
import type { ReleasePageSite } from '../../../src-shared/newsroom/release-page-site';
import { exportFileName } from './export-file-name';

/**
 * The exported page: the preview's render function in export mode (ARCHITECTURE §6: what the writer saw is what
 * is published), with the house font and the logo inlined so the file stands alone, and the newsroom's "Latest
 * news" list. The print stylesheet is part of the release styles, so a PDF printed from this page and a reader's
 * own print of it look the same.
 */

/** Only an approved text leaves unmarked; everything else is "DRAFT — NOT APPROVED" (ARCHITECTURE §5). */

export function isDraftExport(status: ReleaseStatus): boolean {
  return !isSignedOff(status);
}

export function organisationOf(release: Release, profile: OrganisationProfile): string {
  return release.header.organisation.trim() || profile.name.trim();
}

/** What choosing "Latest news" needs of a release: a summary (library index) or a whole release both have it. */
export interface LatestNewsCandidate {
  id: string;
  status: ReleaseStatus;
  embargo: Release['header']['embargo'];
  releaseDate: string;
  timeZone: string;
  updatedAt: string;
}

function releasedAt(candidate: LatestNewsCandidate): number {
  try {
    const time = zonedToInstant(candidate.releaseDate, candidate.timeZone).getTime();
    return Number.isNaN(time) ? 0 : time;
  } catch {
    return 0;
  }
}

/**
 * The one rule for which releases a page's "Latest news" lists: the newest other published ones whose embargo has
 * lifted, by release date (then by last change). Used on whole releases here and on the library index's summaries
 * (which choose the few releases to read, so that a preview never reads the whole library).
 */
export function chooseLatestNews<T>(
  items: readonly T[],
  view: (item: T) => LatestNewsCandidate,
  options: { exceptId: string; count: number; now: Date },
): T[] {
  if (options.count <= 0) return [];
  return items
    .map((item) => ({ item, candidate: view(item) }))
    .filter(
      ({ candidate }) =>
        candidate.id !== options.exceptId &&
        candidate.status === 'published' &&
        !isEmbargoActive(candidate.embargo, options.now),
    )
    .map((entry) => ({ ...entry, at: releasedAt(entry.candidate) }))
    .sort((a, b) => b.at - a.at || (a.candidate.updatedAt < b.candidate.updatedAt ? 1 : -1))
    .slice(0, options.count)
    .map(({ item }) => item);
}

export function latestNewsCandidateOf(release: Release): LatestNewsCandidate {
  return {
    id: release.id,
    status: release.status,
    embargo: release.header.embargo,
    releaseDate: release.header.releaseDate,
    timeZone: release.header.timeZone,
    updatedAt: release.updatedAt,
  };
}

/**
 * Where the links of a "Latest news" list can lead, for the file being made:
 *  - `html`: a page read from a folder; `besideFiles` are the file names already in that folder (an export to a
 *    folder), so a headline links to the release's own page and "Printable version (PDF)" to its PDF only when
 *    that file is there. Without `besideFiles` (a download: nobody knows where it lands) nothing relative is linked;
 *  - `pdf`: a relative link in a PDF resolves nowhere, so only the release's original article (an absolute address)
 *    is linked;
 *  - `preview`: as `pdf`, the frame never follows a link anyway.
 * A headline with nothing to lead to is plain text: never a dead link (issue 14, item 7).
 */
export interface LatestNewsLinks {
  target: 'html' | 'pdf' | 'preview';
  besideFiles?: ReadonlySet<string>;
}

function finalFileName(other: Release, format: 'html' | 'pdf'): string {
  return exportFileName({
    id: other.id,
    headline: other.headline,
    releaseDate: other.header.releaseDate,
    draft: false,
    format,
  });
}

function originalArticle(other: Release): string | null {
  const url = other.canonicalUrl.trim();
  return /^https?:\/\//i.test(url) && isAllowedUrl(url) ? url : null;
}

/**
 * The newest other published releases, newest first. A published release still under embargo is left out: a
 * page going out now must not announce it early. `links` decides where each entry may link (LatestNewsLinks);
 * without it, nothing is linked but original articles.
 */
export function latestNewsFor(
  release: Pick<Release, 'id'>,
  allReleases: readonly Release[],
  options: { count: number; now: Date; links?: LatestNewsLinks },
): LatestNewsItem[] {
  const links = options.links ?? { target: 'preview' };
  const beside = (name: string) => links.target === 'html' && links.besideFiles?.has(name) === true;
  return chooseLatestNews(allReleases, latestNewsCandidateOf, {
    exceptId: release.id,
    count: options.count,
    now: options.now,
  }).map((other) => {
    const page = finalFileName(other, 'html');
    const pdf = finalFileName(other, 'pdf');
    const href = beside(page) ? page : originalArticle(other);
    return {
      id: other.id,
      headline: other.headline,
      releaseDate: other.header.releaseDate,
      timeZone: other.header.timeZone,
      standfirst: other.standfirst,
      ...(href ? { href } : {}),
      ...(beside(pdf) ? { pdfHref: pdf } : {}),
    };
  });
}

export interface HtmlExportInput {
  release: Release;
  /** The workspace's releases, from which "Latest news" is chosen; the release itself may be among them. */
  allReleases?: readonly Release[];
  profile: OrganisationProfile;
  settings?: Partial<Pick<WorkspaceSettings, 'latestNewsCount'>>;
  logoDataUrl?: string | null;
  now: Date;
  pageSize?: PageSize;
  fontFaces: readonly EmbeddedFontFace[];
  /** Where "Latest news" may link (see latestNewsFor); absent: an HTML page whose folder is unknown. */
  latestNewsLinks?: LatestNewsLinks;
  /** The page is part of the newsroom site (services/newsroom): its header, tag links and schema.org data. */
  site?: ReleasePageSite;
}

/** The self-contained HTML page of a release. */
export function renderExportHtml(input: HtmlExportInput): string {
  const count = input.settings?.latestNewsCount ?? DEFAULT_SETTINGS.latestNewsCount;
  return renderReleaseDocument(input.release, {
    mode: 'export',
    draftMark: isDraftExport(input.release.status) && !withdrawnOf(input.release),
    // A withdrawn release's page says so, with the public explanation, above the kept text (issue 17).
    withdrawn: withdrawnOf(input.release),
    now: input.now,
    profile: input.profile,
    latestNews: latestNewsFor(input.release, input.allReleases ?? [], {
      count,
      now: input.now,
      links: input.latestNewsLinks ?? { target: 'html' },
    }),
    logoDataUrl: input.logoDataUrl ?? null,
    fontFaces: input.fontFaces,
    pageSize: input.pageSize ?? 'A4',
    ...(input.site ? { site: input.site } : {}),
  });
}
