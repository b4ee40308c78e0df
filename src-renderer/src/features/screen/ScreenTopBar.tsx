import type { ReactNode } from 'react';

/**
 * The top bar of a screen opened from the library (profile, distribution list, newsroom, embargoed copies): a link
 * back, then what the screen is. `onBack` decides how to leave (the profile asks first about unsaved changes); the
 * link still has its address, so it can be opened or copied as a link.
 */
export function ScreenTopBar({
  backLabel,
  onBack,
  children,
}: {
  backLabel: string;
  onBack: () => void;
  children: ReactNode;
}) {
  return (
    <header className="topbar">
      <div className="topbar-title">
        <a
          className="back-link"
          href="#/"
          onClick={(event) => {
            event.preventDefault();
            onBack();
          }}
        >
          {backLabel}
        </a>
        {children}
      </div>
    </header>
  );
}
