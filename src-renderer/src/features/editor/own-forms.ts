import { useLayoutEffect, type RefObject } from 'react';

/** The controls given a form of their own: those that take text. Radios keep their group, so stay where they are. */
const TEXT_CONTROLS =
  'textarea, input:not([type="radio"], [type="checkbox"], [type="button"], [type="submit"])';

/**
 * Gives each text control of the release's form an empty, hidden <form> of its own (the `form` attribute), while it
 * stays where it is in the page, in the release's form.
 *
 * Why: in Chrome and Chromium (the browser host), the browser's autofill reads the whole form a control belongs to
 * after every change to its text: each field's value, label and neighbours. With every field of the release in one
 * form, that was 2 to 2.5 ms after each keystroke in a 600-word release (traced: task type INTERNAL_AUTOFILL), often
 * just before the frame that shows the keystroke in the preview; with a form of one field, 0.34 ms. Electron, the
 * desktop app's shell, has no such autofill (its own agent shows a <datalist>'s suggestions only) and loses nothing.
 *
 * What a form gives stays: Enter in a one-line field still saves now, since a form of one field is submitted by
 * Enter and its submit is passed on to the release's form; the release's form still holds every control in the
 * page (its landmark, its events, the tab order). Nothing in the editor reads `form.elements`.
 */
export function useControlsOwnForms(
  release: RefObject<HTMLFormElement | null>,
  holder: RefObject<HTMLElement | null>,
): void {
  useLayoutEffect(() => {
    const form = release.current;
    const forms = holder.current;
    if (!form || !forms) return;
    const owned = new Map<Element, HTMLFormElement>();
    const passOn = (event: SubmitEvent) => {
      event.preventDefault();
      form.requestSubmit();
    };
    let made = 0;
    const adopt = () => {
      for (const control of form.querySelectorAll(TEXT_CONTROLS)) {
        if (owned.has(control)) continue;
        const own = document.createElement('form');
        own.id = `${form.id}-own-${++made}`;
        own.addEventListener('submit', passOn);
        forms.append(own);
        control.setAttribute('form', own.id);
        owned.set(control, own);
      }
      // A control taken out of the page (a paragraph removed, a section closed): its form goes with it.
      for (const [control, own] of owned) {
        if (form.contains(control)) continue;
        own.remove();
        owned.delete(control);
      }
    };
    adopt();
    // Controls come and go with the release's paragraphs, quotes and rows.
    const observer = new MutationObserver(adopt);
    observer.observe(form, { childList: true, subtree: true });
    return () => {
      observer.disconnect();
      for (const [control, own] of owned) {
        control.removeAttribute('form');
        own.remove();
      }
    };
  }, [release, holder]);
}
