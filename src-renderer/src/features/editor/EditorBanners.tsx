import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/**
 * The editor's notices in one place (issue 14, item 11): what a workflow step did, edits to recover, two
 * versions, a colleague's save, someone else in the release. Each still decides for itself whether it shows and
 * keeps its own live region (role=alert for what needs a decision, role=status for news), so a screen reader
 * hears each as it arrives.
 *
 * One notice shows as it always did. With several, they no longer stack into a wall that pushes the form below
 * the fold: they share one area of limited height, headed "3 notices", that scrolls (by keyboard too: it is a
 * focusable region) with the most important first, as the caller orders them. "Show all 3" opens it out; so does
 * a notice that opens a panel of its own (comparing two versions), which needs the room.
 */
export function EditorBanners({ children }: { children: ReactNode }) {
  const list = useRef<HTMLDivElement>(null);
  const [count, setCount] = useState(0);
  const [expanded, setExpanded] = useState(false);

  // The notices render themselves (or nothing): count what is on the page, now and whenever it changes.
  useLayoutEffect(() => {
    const element = list.current;
    if (!element) return;
    const measure = () => setCount(element.childElementCount);
    measure();
    const observer = new MutationObserver(measure);
    observer.observe(element, { childList: true });
    return () => observer.disconnect();
  }, []);

  const stacked = count > 1;
  const label = `${count} notices`;
  return (
    <section
      className={`editor-banners${stacked ? ' editor-banners-stacked' : ''}${expanded ? ' is-expanded' : ''}`}
      // Named (a region landmark) only while it holds a notice. Never hidden itself: a notice focuses its own
      // default button as it mounts (Compare, in two versions), before this has counted it.
      aria-label={count === 0 ? undefined : stacked ? `Notices (${count})` : 'Notices'}
    >
      {stacked && (
        <div className="editor-banners-head">
          <h2 className="editor-banners-title">{label}</h2>
          <button
            type="button"
            className="button-quiet"
            aria-expanded={expanded}
            aria-controls="editor-banners-list"
            onClick={() => setExpanded(!expanded)}
          >
            {expanded ? 'Show fewer' : `Show all ${count}`}
          </button>
        </div>
      )}
      <div
        id="editor-banners-list"
        className="editor-banners-list"
        ref={list}
        // Scrollable by keyboard when it is capped (a region a person can Tab to and scroll with the arrows).
        tabIndex={stacked && !expanded ? 0 : undefined}
        aria-label={stacked && !expanded ? `${label}, scroll for more` : undefined}
        role={stacked && !expanded ? 'group' : undefined}
      >
        {children}
      </div>
    </section>
  );
}
