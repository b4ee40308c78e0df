import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WINDOW,
  fitWindowToDisplays,
  type DisplayArea,
} from '../../../src-main/services/window-state';

const laptop: DisplayArea = { workArea: { x: 0, y: 0, width: 1440, height: 860 }, primary: true };
const external: DisplayArea = { workArea: { x: 1440, y: 0, width: 2560, height: 1400 } };
const left: DisplayArea = { workArea: { x: -1920, y: 100, width: 1920, height: 1040 } };

describe('fitWindowToDisplays', () => {
  it('opens a first window at the default size, centred on the primary display', () => {
    expect(fitWindowToDisplays(null, [external, { ...laptop }])).toEqual({
      x: 0,
      y: 0,
      width: 1440,
      height: 860,
      maximized: false,
    });
    const big: DisplayArea = { workArea: { x: 0, y: 0, width: 2560, height: 1400 }, primary: true };
    expect(fitWindowToDisplays(undefined, [big])).toEqual({
      x: 560,
      y: 250,
      width: DEFAULT_WINDOW.width,
      height: DEFAULT_WINDOW.height,
      maximized: false,
    });
  });

  it('keeps a window that fits where it was, on whichever display it was', () => {
    const saved = { x: 1600, y: 200, width: 1200, height: 800, maximized: false };
    expect(fitWindowToDisplays(saved, [laptop, external])).toEqual(saved);
    const onLeft = { x: -1800, y: 150, width: 1000, height: 700, maximized: false };
    expect(fitWindowToDisplays(onLeft, [laptop, left])).toEqual(onLeft);
  });

  it('brings back a window whose display was removed (undocked laptop)', () => {
    const saved = { x: 2000, y: 300, width: 1200, height: 800, maximized: false };
    expect(fitWindowToDisplays(saved, [laptop])).toEqual({
      x: 120,
      y: 30,
      width: 1200,
      height: 800,
      maximized: false,
    });
  });

  it('brings back a window that is off every screen, or shows only a sliver', () => {
    const far = { x: 10_000, y: 10_000, width: 900, height: 600, maximized: false };
    expect(fitWindowToDisplays(far, [laptop, external])).toMatchObject({ x: 270, y: 130 });
    // 40 px of title bar peeking in at the bottom edge cannot be grabbed reliably.
    const sliver = { x: 100, y: 820, width: 900, height: 600, maximized: false };
    expect(fitWindowToDisplays(sliver, [laptop])).toEqual({
      x: 270,
      y: 130,
      width: 900,
      height: 600,
      maximized: false,
    });
  });

  it('moves a window that hangs over an edge just far enough to be whole', () => {
    const hanging = { x: 1000, y: -50, width: 900, height: 600, maximized: false };
    expect(fitWindowToDisplays(hanging, [laptop])).toEqual({
      x: 540,
      y: 0,
      width: 900,
      height: 600,
      maximized: false,
    });
  });

  it('shrinks a window larger than its display, never below the minimum size', () => {
    const huge = { x: 0, y: 0, width: 3000, height: 2000, maximized: false };
    expect(fitWindowToDisplays(huge, [laptop])).toEqual({
      x: 0,
      y: 0,
      width: 1440,
      height: 860,
      maximized: false,
    });
    const tiny = { x: 10, y: 10, width: 200, height: 100, maximized: false };
    expect(fitWindowToDisplays(tiny, [laptop])).toMatchObject({
      width: DEFAULT_WINDOW.minWidth,
      height: DEFAULT_WINDOW.minHeight,
    });
    const smallScreen: DisplayArea = { workArea: { x: 0, y: 0, width: 640, height: 400 }, primary: true };
    expect(fitWindowToDisplays(tiny, [smallScreen])).toMatchObject({ x: 0, y: 0, width: 640, height: 400 });
  });

  it('keeps a maximised window maximised, with restore bounds on a visible display', () => {
    const maximised = { x: 1440, y: 0, width: 2560, height: 1400, maximized: true };
    expect(fitWindowToDisplays(maximised, [laptop, external])).toEqual(maximised);
    // Its display is gone: maximised on the laptop, with bounds that fit it.
    expect(fitWindowToDisplays(maximised, [laptop])).toEqual({
      x: 0,
      y: 0,
      width: 1440,
      height: 860,
      maximized: true,
    });
  });

  it('gives the saved size when no display is known', () => {
    expect(fitWindowToDisplays({ x: 5, y: 5, width: 1000, height: 700, maximized: true }, [])).toEqual({
      width: 1000,
      height: 700,
      maximized: true,
    });
  });
});
