import { isSignedOff } from '../../../src-shared/release/status';
import { zonedToInstant } from '../../../src-shared/release/new-release';
import {
  DEFAULT_SETTINGS,
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

function releasedAt(release: Release): number {
  try {
    const time = zonedToInstant(release.header.releaseDate, release.header.timeZone).getTime();
    return Number.isNaN(time) ? 0 : time;
  } catch {
    return 0;
  }
}

/**
 * The newest other published releases, newest first. A published release still under embargo is left out: a
 * page going out now must not announce it early.
 *
 * `pdfLinks` links each to its printable version by the file name a final PDF export gives it, which resolves
 * when the pages and PDFs are exported into one folder (a batch export).
 */
export function latestNewsFor(
  release: Pick<Release, 'id'>,
  allReleases: readonly Release[],
  options: { count: number; now: Date; pdfLinks?: boolean },
): LatestNewsItem[] {
  if (options.count <= 0) return [];
  return allReleases
    .filter(
      (other) =>
        other.id !== release.id &&
        other.status === 'published' &&
        !isEmbargoActive(other.header.embargo, options.now),
    )
    .map((other) => ({ other, at: releasedAt(other) }))
    .sort((a, b) => b.at - a.at || (a.other.updatedAt < b.other.updatedAt ? 1 : -1))
    .slice(0, options.count)
    .map(({ other }) => ({
      id: other.id,
      headline: other.headline,
      releaseDate: other.header.releaseDate,
      timeZone: other.header.timeZone,
      standfirst: other.standfirst,
      ...(options.pdfLinks === false
        ? {}
        : {
            pdfHref: exportFileName({
              id: other.id,
              headline: other.headline,
              releaseDate: other.header.releaseDate,
              draft: false,
              format: 'pdf',
            }),
          }),
    }));
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
  /** Link each "Latest news" entry to its PDF (see latestNewsFor); on unless false. */
  latestNewsPdfLinks?: boolean;
}

/** The self-contained HTML page of a release. */
export function renderExportHtml(input: HtmlExportInput): string {
  const count = input.settings?.latestNewsCount ?? DEFAULT_SETTINGS.latestNewsCount;
  return renderReleaseDocument(input.release, {
    mode: 'export',
    draftMark: isDraftExport(input.release.status),
    now: input.now,
    profile: input.profile,
    latestNews: latestNewsFor(input.release, input.allReleases ?? [], {
      count,
      now: input.now,
      pdfLinks: input.latestNewsPdfLinks !== false,
    }),
    logoDataUrl: input.logoDataUrl ?? null,
    fontFaces: input.fontFaces,
    pageSize: input.pageSize ?? 'A4',
  });
}
