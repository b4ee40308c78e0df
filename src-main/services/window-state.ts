import { z } from 'zod';

/**
 * Where the main window opens: as the person left it, but always whole on a display that exists now. A laptop
 * undocked from its second screen, a display rearranged or made smaller, a state file edited by hand: each of
 * these would otherwise open the window off-screen or larger than the screen. Pure, so it is tested as a table.
 */

export const RectSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export type Rect = z.infer<typeof RectSchema>;

export const SavedWindowStateSchema = RectSchema.extend({
  maximized: z.boolean().default(false),
});
export type SavedWindowState = z.infer<typeof SavedWindowStateSchema>;

export interface DisplayArea {
  /** The part of the display a window may use (without the task bar, dock or menu bar), in screen coordinates. */
  workArea: Rect;
  primary?: boolean;
}

export interface WindowPlacement {
  /** Absent: let the system centre the window. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface WindowSizeLimits {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
}

export const DEFAULT_WINDOW: WindowSizeLimits = { width: 1440, height: 900, minWidth: 720, minHeight: 480 };

/**
 * A window whose visible part on its best display is smaller than this (in each direction) is treated as lost and
 * brought back to the primary display: a sliver at the edge of a screen cannot be grabbed.
 */
const MIN_VISIBLE = 120;

export function fitWindowToDisplays(
  saved: SavedWindowState | null | undefined,
  displays: readonly DisplayArea[],
  limits: WindowSizeLimits = DEFAULT_WINDOW,
): WindowPlacement {
  const primary = displays.find((display) => display.primary) ?? displays[0];
  if (!primary) {
    // No display reported (a headless start): the saved size or the default, placed by the system.
    return {
      width: Math.max(limits.minWidth, saved?.width ?? limits.width),
      height: Math.max(limits.minHeight, saved?.height ?? limits.height),
      maximized: saved?.maximized ?? false,
    };
  }
  if (!saved) {
    const size = fitSize({ width: limits.width, height: limits.height }, primary.workArea, limits);
    return { ...centreIn(size, primary.workArea), maximized: false };
  }

  const best = bestDisplay(saved, displays);
  if (!best) {
    const size = fitSize(saved, primary.workArea, limits);
    return { ...centreIn(size, primary.workArea), maximized: saved.maximized };
  }
  const area = best.workArea;
  const size = fitSize(saved, area, limits);
  // Keep the position, moved only as far as needed to bring the whole window onto the display.
  const x = clamp(saved.x, area.x, area.x + area.width - size.width);
  const y = clamp(saved.y, area.y, area.y + area.height - size.height);
  return { x, y, width: size.width, height: size.height, maximized: saved.maximized };
}

/** The display showing most of the window, if it shows enough of it to be found again. */
function bestDisplay(window: Rect, displays: readonly DisplayArea[]): DisplayArea | undefined {
  let best: DisplayArea | undefined;
  let bestArea = 0;
  for (const display of displays) {
    const overlap = intersection(window, display.workArea);
    if (!overlap) continue;
    const visible =
      overlap.width >= Math.min(MIN_VISIBLE, window.width) &&
      overlap.height >= Math.min(MIN_VISIBLE, window.height);
    const area = overlap.width * overlap.height;
    if (visible && area > bestArea) {
      best = display;
      bestArea = area;
    }
  }
  return best;
}

function intersection(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}

/** No larger than the work area, no smaller than the window's minimum (unless the display itself is smaller). */
function fitSize(
  size: { width: number; height: number },
  area: Rect,
  limits: WindowSizeLimits,
): { width: number; height: number } {
  return {
    width: Math.min(area.width, Math.max(limits.minWidth, size.width)),
    height: Math.min(area.height, Math.max(limits.minHeight, size.height)),
  };
}

function centreIn(size: { width: number; height: number }, area: Rect): WindowPlacement {
  return {
    x: area.x + Math.round((area.width - size.width) / 2),
    y: area.y + Math.round((area.height - size.height) / 2),
    width: size.width,
    height: size.height,
    maximized: false,
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max));
}
