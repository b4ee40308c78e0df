import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

/** The links and buttons of an open menu, in the order the arrow keys walk them. */
function itemsOf(list: HTMLElement | null): HTMLElement[] {
  if (!list) return [];
  return [...list.querySelectorAll<HTMLElement>('a[href], button:not(:disabled)')];
}

function alignFor(button: HTMLElement | null): 'start' | 'end' {
  const box = button?.getBoundingClientRect();
  return box && box.left + box.width / 2 > window.innerWidth / 2 ? 'end' : 'start';
}

/**
 * A button in the library's top bar that opens a short list of links and buttons (the less frequent ways to start a
 * release, the workspace's own screens), so that the bar stays one or two rows in a small window. The items keep
 * their own roles and names (a link stays a link), so a screen reader and the tests find them as before once the
 * list is open. Arrow keys, Home and End move through the list; Escape closes it and puts the focus back on the
 * button; a click or a Tab outside closes it.
 */
export function TopbarMenu({
  label,
  children,
  after,
}: {
  label: string;
  /** The items: links and buttons, each in its own <li>. */
  children: ReactNode;
  /** Rendered beside the button, outside the list: what an item leaves on screen after the list has closed. */
  after?: ReactNode;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  /** Which edge of the button the list lines up with: its right edge when the button is in the window's right half
   * (where the bar's wrapping put it), so that the list never runs out of the window. */
  const [align, setAlign] = useState<'start' | 'end'>('start');
  /** Which item takes the focus when the list opens: first or last (arrow up on the button). */
  const [focusOnOpen, setFocusOnOpen] = useState<'first' | 'last' | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (!open || !focusOnOpen) return;
    const items = itemsOf(list.current);
    (focusOnOpen === 'first' ? items[0] : items[items.length - 1])?.focus();
    setFocusOnOpen(null);
  }, [open, focusOnOpen]);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!wrapper.current?.contains(event.target as Node)) setOpen(false);
    };
    // A window made narrower while the list is open may move the button to the other half.
    const onResize = () => setAlign(alignFor(button.current));
    document.addEventListener('pointerdown', onPointerDown);
    window.addEventListener('resize', onResize);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      window.removeEventListener('resize', onResize);
    };
  }, [open]);

  function show(focus: 'first' | 'last' | null) {
    setAlign(alignFor(button.current));
    setOpen(true);
    setFocusOnOpen(focus);
  }

  function close(returnFocus: boolean) {
    setOpen(false);
    if (returnFocus) button.current?.focus();
  }

  function onButtonKey(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    show(event.key === 'ArrowDown' ? 'first' : 'last');
  }

  function onEscape(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== 'Escape' || !open) return;
    event.preventDefault();
    // The Escape is this list's: a dialog or screen underneath must not close as well.
    event.stopPropagation();
    close(true);
  }

  function onListKey(event: KeyboardEvent<HTMLUListElement>) {
    const items = itemsOf(list.current);
    const at = items.indexOf(document.activeElement as HTMLElement);
    const next: Record<string, number> = {
      ArrowDown: (at + 1) % items.length,
      ArrowUp: (at - 1 + items.length) % items.length,
      Home: 0,
      End: items.length - 1,
    };
    if (next[event.key] === undefined || items.length === 0) return;
    event.preventDefault();
    items[next[event.key]!]?.focus();
  }

  return (
    <div
      ref={wrapper}
      className="topbar-menu"
      onKeyDown={onEscape}
      onBlur={(event) => {
        // Tabbing on past the last item (or back past the button) closes the list.
        if (open && !wrapper.current?.contains(event.relatedTarget as Node | null) && event.relatedTarget) {
          setOpen(false);
        }
      }}
    >
      <button
        ref={button}
        type="button"
        className="topbar-menu-button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        onClick={() => (open ? close(false) : show(null))}
        onKeyDown={onButtonKey}
      >
        {label}
        <span className="topbar-menu-mark" aria-hidden="true">
          ▾
        </span>
      </button>
      <ul
        ref={list}
        id={`${id}-list`}
        aria-label={label}
        className="topbar-menu-list"
        data-align={align}
        hidden={!open}
        onKeyDown={onListKey}
        onClick={(event) => {
          // An item was chosen: the list closes, and the focus waits on its button (a dialog the item opens takes
          // it from there, and gives it back there when it closes).
          if ((event.target as HTMLElement).closest('a[href], button')) close(true);
        }}
      >
        {children}
      </ul>
      {after}
    </div>
  );
}
