import { useEffect } from 'react';

/**
 * Puts the focus back where it was when a modal dialog opened (the button that opened it) once the dialog leaves
 * the page. The app's dialogs are unmounted rather than closed, and an unmounted <dialog> does not restore focus
 * itself (only close() does): keyboard users were left on the page's body, at the top of the tab order.
 *
 * Call it before the effect that calls showModal(), so that the opener is read before the dialog takes the focus.
 * Nothing happens when something else has the focus by then (the next step's button, as after a deletion), or when
 * the opener has gone from the page.
 */
export function useReturnFocus(): void {
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    return () => {
      requestAnimationFrame(() => {
        const now = document.activeElement;
        if (now && now !== document.body) return;
        if (opener?.isConnected) opener.focus();
      });
    };
  }, []);
}
