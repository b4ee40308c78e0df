import './settings.css';

export const DISTRIBUTION_HASH = '#/distribution';

/**
 * The way in, for the library's Workspace menu. In a module of its own, not the screen's, so that the library does
 * not load the whole distribution screen at start.
 */
export function DistributionLink() {
  return (
    <a className="profile-link" href={DISTRIBUTION_HASH}>
      Distribution list
    </a>
  );
}
