import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type FocusEvent,
  type RefObject,
} from 'react';

/**
 * A virtualised list in the page's own scroll (issue 15): of a library of 10,000 releases only the rows in the
 * window, and a few either side, are in the page; a gap above and below stands for the rest, so the scroll bar
 * is as long as the whole list. Rows keep their natural height (a headline, a snippet or the tags may wrap):
 * each drawn row is measured, and a row not drawn yet counts as the average of those measured, so the gaps are
 * close to right from the start and exact for every row once seen. The row holding the focus is kept in the
 * page wherever the list scrolls, so that the focus is never lost to the page's body.
 */

/** What a list's body holds, in order: a row by its index, or a gap standing for rows not drawn. */
export type VirtualItem = { kind: 'row'; index: number } | { kind: 'gap'; key: string; height: number };

export interface RowRange {
  /** First row drawn. */
  start: number;
  /** One past the last row drawn. */
  end: number;
}

/** Drawn beyond each edge of the window, so that Tab, a key press or a short scroll finds rows ready. */
const OVERSCAN_PX = 480;
/** However small the rows, the page holds no more than this many (a wide, very tall window of short rows). */
const MOST_ROWS = 120;

export function useVirtualRows({
  count,
  listKey,
  bodyRef,
  estimate,
}: {
  count: number;
  /** Another list (a new search, filter or sort): its rows' heights are unknown again, and it starts at its top. */
  listKey: string;
  bodyRef: RefObject<HTMLTableSectionElement | null>;
  /** A row's height before any has been measured (it depends on the layout). */
  estimate: number;
}): {
  items: VirtualItem[];
  range: RowRange;
  /** The height row `index` is given before it is measured (for a row still on its way). */
  heightOf: (index: number) => number;
  /** For the body's onFocus and onBlur: the row with the focus stays drawn. */
  onFocus: (event: FocusEvent) => void;
  onBlur: (event: FocusEvent) => void;
} {
  const heights = useRef(new Map<number, number>());
  const [measured, setMeasured] = useState(0);
  const [range, setRange] = useState<RowRange>(() => ({ start: 0, end: Math.min(count, 20) }));
  const [pinned, setPinned] = useState<number | null>(null);
  const lastKey = useRef(listKey);
  const lastWidth = useRef<number | null>(null);
  /** The window was at the end of the list: it stays there while the rows drawn there are measured. */
  const atEnd = useRef(false);

  if (lastKey.current !== listKey) {
    // During render, so that the first drawing of the new list does not use the old one's heights.
    lastKey.current = listKey;
    heights.current = new Map();
  }

  // offsets[i] is where row i starts; offsets[count] is the whole list's height.
  const offsets = useMemo(() => {
    const known = heights.current;
    let sum = 0;
    for (const height of known.values()) sum += height;
    const average = known.size > 0 ? sum / known.size : estimate;
    const result = new Float64Array(count + 1);
    for (let index = 0; index < count; index++)
      result[index + 1] = result[index]! + (known.get(index) ?? average);
    return result;
    // `measured` moves whenever `heights` changes, `listKey` when it is emptied.
  }, [count, estimate, measured, listKey]);
  const offsetsRef = useRef(offsets);
  offsetsRef.current = offsets;

  /** Which rows the window (and the overscan) covers now. */
  const update = useCallback(() => {
    const body = bodyRef.current;
    const all = offsetsRef.current;
    const total = all.length - 1;
    if (!body || total === 0) {
      setRange((current) => (current.start === 0 && current.end === 0 ? current : { start: 0, end: 0 }));
      return;
    }
    const top = body.getBoundingClientRect().top;
    const from = -top - OVERSCAN_PX;
    const to = window.innerHeight - top + OVERSCAN_PX;
    // The last row starting at or above `from`, and the first starting at or below `to`.
    let start = Math.max(0, lastAtOrBelow(all, from, total));
    let end = Math.min(total, lastAtOrBelow(all, to, total) + 1);
    if (end <= start) end = Math.min(total, start + 1);
    if (end - start > MOST_ROWS) {
      // Keep the rows around the window's top.
      const first = Math.max(0, lastAtOrBelow(all, -top, total));
      start = Math.max(start, first - 10);
      end = Math.min(end, start + MOST_ROWS);
    }
    setRange((current) => (current.start === start && current.end === end ? current : { start, end }));
  }, [bodyRef]);

  // A new list starts at its top: when the window was scrolled down the old one, it goes back to the list's head.
  const firstKey = useRef(true);
  useLayoutEffect(() => {
    if (firstKey.current) {
      firstKey.current = false;
      return;
    }
    const table = bodyRef.current?.closest('table');
    const top = table?.getBoundingClientRect().top ?? 0;
    if (top < 0) window.scrollBy(0, top - 16);
  }, [listKey, bodyRef]);

  // Measures the drawn rows after each drawing; a height that changed redraws with the gaps corrected.
  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (!body) return;
    let changed = false;
    // A row still on its way stands in at the estimated height: only rows with their content are measured.
    for (const row of body.querySelectorAll<HTMLTableRowElement>(
      ':scope > tr[data-index]:not([data-placeholder])',
    )) {
      const index = Number(row.dataset.index);
      const height = row.getBoundingClientRect().height;
      if (height > 0 && Math.abs((heights.current.get(index) ?? -1) - height) > 0.5) {
        heights.current.set(index, height);
        changed = true;
      }
    }
    if (changed) return setMeasured((value) => value + 1);
    const page = document.documentElement;
    if (atEnd.current && window.scrollY + window.innerHeight < page.scrollHeight - 1) {
      window.scrollTo(0, page.scrollHeight);
    }
    update();
  });

  useEffect(() => {
    let frame = 0;
    const onScroll = () => {
      const page = document.documentElement;
      atEnd.current = window.scrollY > 0 && window.scrollY + window.innerHeight >= page.scrollHeight - 1;
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        update();
      });
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onScroll);
    // A new width (the window, or the filters folding away) wraps rows differently: measure them afresh.
    const body = bodyRef.current;
    const observer = new ResizeObserver(([entry]) => {
      const width = entry?.contentRect.width ?? 0;
      if (lastWidth.current !== null && Math.abs(lastWidth.current - width) > 0.5) {
        heights.current = new Map();
        setMeasured((value) => value + 1);
      }
      lastWidth.current = width;
    });
    if (body) observer.observe(body);
    return () => {
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onScroll);
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [bodyRef, update]);

  const onFocus = useCallback((event: FocusEvent) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('tr[data-index]');
    const index = row ? Number(row.dataset.index) : null;
    setPinned((current) => (current === index ? current : index));
  }, []);
  const onBlur = useCallback((event: FocusEvent) => {
    const next = event.relatedTarget as Node | null;
    if (next && event.currentTarget.contains(next)) return;
    setPinned(null);
  }, []);

  const start = Math.min(range.start, count);
  const end = Math.min(range.end, count);
  const drawn: number[] = [];
  if (pinned !== null && pinned < count && (pinned < start || pinned >= end)) drawn.push(pinned);
  for (let index = start; index < end; index++) drawn.push(index);
  drawn.sort((a, b) => a - b);

  const items: VirtualItem[] = [];
  let at = 0;
  for (const index of drawn) {
    if (index > at) items.push({ kind: 'gap', key: `gap-${at}`, height: offsets[index]! - offsets[at]! });
    items.push({ kind: 'row', index });
    at = index + 1;
  }
  if (at < count) items.push({ kind: 'gap', key: `gap-${at}`, height: offsets[count]! - offsets[at]! });

  const heightOf = (index: number) => offsets[index + 1]! - offsets[index]!;
  return { items, range: { start, end }, heightOf, onFocus, onBlur };
}

/** The largest index i in [0, count) with offsets[i] <= y (0 when none). */
function lastAtOrBelow(offsets: Float64Array, y: number, count: number): number {
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (offsets[middle]! <= y) low = middle;
    else high = middle - 1;
  }
  return low;
}
