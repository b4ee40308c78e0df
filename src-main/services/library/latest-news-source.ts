import type { Release } from '../../../src-shared/release/schema';
import type { WorkspaceStore } from '../workspace/store';
import type { LibraryCatalogue } from './library-catalogue';

/**
 * Where a page's "Latest news" comes from: the releases among which html-export.ts `latestNewsFor` chooses. The
 * rule itself is `chooseLatestNews`; a source only decides how many releases are read to apply it.
 */
export type LatestNewsReleases = (exceptId: string, count: number, now: Date) => Promise<Release[]>;

/** Every release of the folder: for the CLI and tests, which keep no library index. */
export function latestNewsFromFolder(store: Pick<WorkspaceStore, 'readAll'>): LatestNewsReleases {
  return async (_exceptId, count) => (count <= 0 ? [] : store.readAll('releases'));
}

/**
 * The few releases the library index's summaries choose, read whole: a preview or an export then reads
 * `count` releases, not the whole library (issue 15: 10,000 releases were read on every preview opened). Two more
 * than asked are read, in case one was changed since the index saw it; `latestNewsFor` applies the rule again to
 * what was read.
 */
export function latestNewsFromCatalogue(
  catalogue: Pick<LibraryCatalogue, 'latestPublished'>,
  store: Pick<WorkspaceStore, 'get'>,
): LatestNewsReleases {
  return async (exceptId, count, now) => {
    if (count <= 0) return [];
    const ids = await catalogue.latestPublished(exceptId, count + 2, now);
    const releases = await Promise.all(ids.map((id) => store.get(id).catch(() => null)));
    return releases.filter((release): release is Release => release !== null);
  };
}
