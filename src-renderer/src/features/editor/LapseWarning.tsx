import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { formatForShortcut } from './inline-format';
import { useSavedRelease, type SavedRelease } from './useAutosave';
import { useReturnFocus } from '../../return-focus';
import { toLocalDateTime } from '../../../../src-shared/release/new-release';
import type { OrganisationProfile, Release } from '../../../../src-shared/release/schema';
import { formatReleaseDateTime } from '../../../../src-shared/render/format-date';
import { DEFAULT_APPROVAL_STEP } from '../../../../src-shared/workflow/people';

/** What the editor asks of the guard before an edit that does not come through the form (undo, a restore). */
export interface LapseGuard {
  /**
   * True when the edit is held because it would withdraw sign-offs the person has not been told about: the
   * dialog asks, and `then` runs if they choose to edit. False: go ahead.
   */
  holds(then?: () => void): boolean;
}

/**
 * Issue 14, item 10: an edit to signed-off text withdraws every sign-off (workflow.ts `lapseIfChanged`) and every
 * decision to publish a protected name anyway (privacy-decision.ts). The lapse itself is right; what was wrong is
 * that it came as a surprise. So the first edit of such a text (a keystroke, a paste, a cut, a drop, an item
 * added, moved or removed) is held, and a dialog names who signed off, as what and when. "Keep it as approved"
 * (and Escape) changes nothing; "Edit and withdraw" lets edits through for this release until it is signed off
 * again. A held keystroke is not typed (the dialog says so and puts the person back where they were typing); a
 * held button (Add quote, Remove) goes ahead.
 *
 * It listens on the form in the capture phase, so that it needs nothing from each kind's control, and subscribes
 * to the saved release alone, so that a save re-renders this and not the form.
 */
export function LapseWarning({
  saved,
  profile,
  formId,
  guard,
}: {
  saved: SavedRelease;
  profile: OrganisationProfile;
  /** The id of the release's <form>. */
  formId: string;
  guard: Ref<LapseGuard>;
}) {
  const release = useSavedRelease(saved);
  const signOffs = signOffsOf(release, profile);
  const key = signOffs.map((s) => s.key).join(' ');
  // The sign-offs the person has chosen to withdraw: edits flow while the release carries exactly these.
  const [accepted, setAccepted] = useState<string | null>(null);
  const needed = key !== '' && key !== accepted;
  const [asking, setAsking] = useState<Held | null>(null);

  const live = useRef({ needed, asking });
  live.current = { needed, asking };
  const hold = useRef((held: Held): boolean => {
    if (!live.current.needed) return false;
    if (!live.current.asking) setAsking(held);
    return true;
  });

  useImperativeHandle(guard, () => ({
    holds: (then) => hold.current({ origin: focusedElement(), then: then ?? null, kind: 'action' }),
  }));

  useEffect(() => {
    const form = document.getElementById(formId);
    if (!form) return;
    const origin = (event: Event) => (event.target instanceof HTMLElement ? event.target : null);
    function stop(event: Event) {
      event.preventDefault();
      event.stopPropagation();
    }
    // Text: typing, paste, cut, drop, the browser's own undo. (preventDefault keeps the text as it was.) Each
    // listener asks first whether there is anything to withdraw: most of the time there is not, and these run on
    // every keystroke.
    function onBeforeInput(event: InputEvent) {
      if (!live.current.needed) return;
      const target = origin(event);
      if (!isContentControl(target)) return;
      if (hold.current({ origin: target, then: null, kind: 'text' })) stop(event);
    }
    // Keys the kinds handle themselves before any input event: Enter splitting a paragraph, Backspace joining
    // two, Alt+arrows moving one, the formatting keys, and a select's arrows.
    function onKeyDown(event: KeyboardEvent) {
      if (!live.current.needed) return;
      const target = origin(event);
      if (!isContentControl(target) || !changesContent(event, target)) return;
      if (hold.current({ origin: target, then: null, kind: 'text' })) stop(event);
    }
    function onMouseDown(event: MouseEvent) {
      if (!live.current.needed) return;
      const target = origin(event);
      if (!(target instanceof HTMLSelectElement) || !isContentControl(target)) return;
      if (hold.current({ origin: target, then: null, kind: 'text' })) stop(event);
    }
    // Buttons that change the content (add, move, remove, reset) and tick boxes. A held button goes ahead.
    function onClick(event: MouseEvent) {
      if (!live.current.needed) return;
      const target = origin(event)?.closest<HTMLElement>(
        'button, input[type="checkbox"], input[type="radio"]',
      );
      if (!target || !isContentControl(target)) return;
      if (target instanceof HTMLButtonElement && target.type === 'submit') return;
      if (
        hold.current({ origin: target, then: () => target.click(), kind: 'action', label: labelOf(target) })
      ) {
        stop(event);
      }
    }
    function onDragStart(event: DragEvent) {
      if (!live.current.needed) return;
      if (!isContentControl(origin(event))) return;
      if (hold.current({ origin: origin(event), then: null, kind: 'text' })) stop(event);
    }
    form.addEventListener('beforeinput', onBeforeInput, true);
    form.addEventListener('keydown', onKeyDown, true);
    form.addEventListener('mousedown', onMouseDown, true);
    form.addEventListener('click', onClick, true);
    form.addEventListener('dragstart', onDragStart, true);
    return () => {
      form.removeEventListener('beforeinput', onBeforeInput, true);
      form.removeEventListener('keydown', onKeyDown, true);
      form.removeEventListener('mousedown', onMouseDown, true);
      form.removeEventListener('click', onClick, true);
      form.removeEventListener('dragstart', onDragStart, true);
    };
  }, [formId]);

  if (!asking) return null;
  return (
    <LapseDialog
      release={release}
      signOffs={signOffs}
      held={asking}
      onKeep={() => setAsking(null)}
      onEdit={() => {
        setAccepted(key);
        live.current.needed = false;
        setAsking(null);
        // After the dialog has gone and the focus is back where it was (useReturnFocus).
        if (asking.then) requestAnimationFrame(() => requestAnimationFrame(() => asking.then?.()));
      }}
    />
  );
}

interface Held {
  /** Where the person was: the focus goes back there. */
  origin: HTMLElement | null;
  /** What goes ahead if they choose to edit (a button's click, an undo); null for a keystroke (dropped). */
  then: (() => void) | null;
  kind: 'text' | 'action';
  /** The button's words, to say that it will go ahead. */
  label?: string;
}

interface SignOff {
  key: string;
  /** "the approval of Sam Reviewer (approved 18 July 2024 at 14:05)". */
  phrase: string;
}

/** The sign-offs and decisions that a change to the text would withdraw, in the order they were given. */
export function signOffsOf(release: Release, profile: OrganisationProfile): SignOff[] {
  const when = (iso: string) => {
    const instant = new Date(iso);
    if (Number.isNaN(instant.getTime())) return iso;
    return (
      formatReleaseDateTime(toLocalDateTime(instant, profile.timeZone), profile.timeZone, profile.locale) ??
      iso
    );
  };
  const approvals = [...release.approvals].sort((a, b) => a.stepIndex - b.stepIndex);
  const decisions = release.privacyDecisions ?? [];
  return [
    ...approvals.map((a) => ({
      key: `a:${a.personId}:${a.stepIndex}:${a.at}`,
      phrase:
        a.stepLabel === DEFAULT_APPROVAL_STEP.label
          ? `the approval of ${a.personName} (approved ${when(a.at)})`
          : `the ${a.stepLabel} sign-off of ${a.personName} (signed off ${when(a.at)})`,
    })),
    ...decisions.map((d) => ({
      key: `d:${d.personId}:${d.at}`,
      phrase: `the decision of ${d.personName} to publish a protected name anyway (${when(d.at)})`,
    })),
  ];
}

function listed(phrases: string[]): string {
  if (phrases.length <= 1) return phrases.join('');
  return `${phrases.slice(0, -1).join(', ')} and ${phrases[phrases.length - 1]}`;
}

function LapseDialog({
  release,
  signOffs,
  held,
  onKeep,
  onEdit,
}: {
  release: Release;
  signOffs: SignOff[];
  held: Held;
  onKeep: () => void;
  onEdit: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const keep = useRef<HTMLButtonElement>(null);
  useReturnFocus();
  useEffect(() => {
    dialog.current?.showModal();
    // The safe choice is the one Enter takes.
    keep.current?.focus();
  }, []);
  const approved = release.status === 'approved' || release.status === 'published';
  const keepLabel = approved
    ? 'Keep it as approved'
    : signOffs.length === 1
      ? 'Keep the sign-off'
      : 'Keep the sign-offs';
  return (
    <dialog
      ref={dialog}
      className="lapse-dialog"
      aria-labelledby="lapse-title"
      aria-describedby="lapse-what-happens"
      data-testid="lapse-warning"
      onCancel={(event) => {
        // Escape keeps the text as approved, like the button (the dialog is unmounted, not closed).
        event.preventDefault();
        onKeep();
      }}
    >
      <h2 id="lapse-title">{approved ? 'Edit the approved text?' : 'Edit text that has been signed off?'}</h2>
      <div id="lapse-what-happens">
        <p>Changing the text withdraws {listed(signOffs.map((s) => s.phrase))}.</p>
        <p>
          The release becomes a draft again and needs signing off again. Nothing you have written is lost, and
          the record of who signed off stays in History and the audit trail.
        </p>
        <p className="lapse-held">
          {held.kind === 'text'
            ? 'What you just typed has not gone in yet. If you choose to edit, you are put back where you were typing: type it again.'
            : held.label
              ? `If you choose to edit, “${held.label}” goes ahead.`
              : 'If you choose to edit, your change goes ahead.'}
        </p>
      </div>
      <div className="dialog-actions">
        <button type="button" ref={keep} className="button-primary" onClick={onKeep}>
          {keepLabel}
        </button>
        <button type="button" className="button-danger" onClick={onEdit}>
          Edit and withdraw
        </button>
      </div>
    </dialog>
  );
}

function focusedElement(): HTMLElement | null {
  return document.activeElement instanceof HTMLElement && document.activeElement !== document.body
    ? document.activeElement
    : null;
}

/** A control of the release's text: not the comments (a reviewer's note is not the release) nor the summary. */
function isContentControl(element: HTMLElement | null): element is HTMLElement {
  if (!element) return false;
  return !element.closest('[class*="comment"], .findings-summary, [data-lapse-free]');
}

/** Whether a key pressed in a control changes the release (rather than moving the focus or the caret). */
function changesContent(event: KeyboardEvent, target: HTMLElement): boolean {
  if (event.isComposing) return false;
  if (target instanceof HTMLSelectElement) {
    return (
      !event.ctrlKey &&
      !event.metaKey &&
      !['Tab', 'Escape', 'Shift', 'Alt', 'Control', 'Meta'].includes(event.key)
    );
  }
  const text = target instanceof HTMLTextAreaElement || target instanceof HTMLInputElement;
  if (!text) return false;
  if (target instanceof HTMLTextAreaElement && formatForShortcut(event)) return true;
  if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) return true;
  if (event.ctrlKey || event.metaKey || event.altKey) return false;
  return (
    event.key.length === 1 || event.key === 'Enter' || event.key === 'Backspace' || event.key === 'Delete'
  );
}

function labelOf(element: HTMLElement): string {
  return (element.textContent ?? '').replace(/\s+/g, ' ').trim();
}
