import { useState, type KeyboardEvent, type PointerEvent, type RefObject } from 'react';

const PREVIEW_WIDTH_KEY = 'pressroom.previewWidth';
const MIN = 25;
const MAX = 70;
const clamp = (percent: number) => Math.min(MAX, Math.max(MIN, percent));

/**
 * The preview column's share of the editor, in percent: dragged with the pointer or moved with the arrow keys on
 * the divider, and remembered for the next release opened.
 */
export function usePreviewWidth(columns: RefObject<HTMLDivElement | null>) {
  const [width, setWidth] = useState(() => Number(localStorage.getItem(PREVIEW_WIDTH_KEY)) || 42);
  const remember = (percent: number) => localStorage.setItem(PREVIEW_WIDTH_KEY, String(Math.round(percent)));

  const handleProps = {
    role: 'separator',
    'aria-orientation': 'vertical' as const,
    'aria-label': 'Resize preview',
    'aria-valuemin': MIN,
    'aria-valuemax': MAX,
    'aria-valuenow': Math.round(width),
    tabIndex: 0,
    onPointerDown(event: PointerEvent) {
      const container = columns.current;
      if (!container) return;
      event.preventDefault();
      const box = container.getBoundingClientRect();
      const move = (e: globalThis.PointerEvent) =>
        setWidth(clamp(((box.right - e.clientX) / box.width) * 100));
      const up = () => {
        window.removeEventListener('pointermove', move);
        window.removeEventListener('pointerup', up);
        setWidth((w) => {
          remember(w);
          return w;
        });
      };
      window.addEventListener('pointermove', move);
      window.addEventListener('pointerup', up);
    },
    onKeyDown(event: KeyboardEvent) {
      if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
      event.preventDefault();
      const next = clamp(width + (event.key === 'ArrowLeft' ? 2 : -2));
      setWidth(next);
      remember(next);
    },
  };
  return { width, handleProps };
}
