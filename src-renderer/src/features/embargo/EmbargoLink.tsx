import '../settings/settings.css';

/** The embargo screen's address; `#/embargo/<release id>` opens it on one release. */
export const EMBARGO_HASH = '#/embargo';

/**
 * The way in, for the library's Workspace menu. In a module of its own, not the screen's, so that the library does
 * not load the whole embargo screen at start.
 */
export function EmbargoLink() {
  return (
    <a className="profile-link" href={EMBARGO_HASH}>
      Embargoed copies
    </a>
  );
}
