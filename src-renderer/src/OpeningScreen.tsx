import { useEffect, useState } from 'react';

/**
 * What shows while a screen's code loads (the editor, history, profile and the other screens are loaded when first
 * opened, not with the library). The words appear only after a moment, so that a quick load does not flash them.
 */
export function OpeningScreen() {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = window.setTimeout(() => setSlow(true), 300);
    return () => window.clearTimeout(timer);
  }, []);
  return (
    <main className="app-message" aria-busy="true">
      <p role="status">{slow ? 'Opening…' : ''}</p>
    </main>
  );
}
