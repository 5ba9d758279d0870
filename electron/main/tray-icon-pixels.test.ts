import { describe, expect, it } from 'vitest';
import { TRAY_ICON_SIZE, trayIconImage, type TrayIconBitmap } from './tray-icon-pixels';

const pixel = (bitmap: TrayIconBitmap, x: number, y: number) => [
  ...bitmap.buffer.subarray((y * bitmap.width + x) * 4, (y * bitmap.width + x) * 4 + 4),
];

describe('tray icon per OS', () => {
  it.each(['darwin', 'win32', 'linux'] as const)('%s: BGRA bitmaps at 1x (16 px) and 2x (32 px)', (platform) => {
    const { bitmaps } = trayIconImage(platform);
    expect(bitmaps.map(({ scaleFactor, width, height, buffer }) => ({ scaleFactor, width, height, bytes: buffer.length }))).toEqual([
      { scaleFactor: 1, width: TRAY_ICON_SIZE, height: TRAY_ICON_SIZE, bytes: 16 * 16 * 4 },
      { scaleFactor: 2, width: 32, height: 32, bytes: 32 * 32 * 4 },
    ]);
    // The 2x bitmap is the same drawing, each pixel doubled: sharp, not a different icon.
    const [base, hiDpi] = bitmaps;
    for (let y = 0; y < 32; y += 1) for (let x = 0; x < 32; x += 1) expect(pixel(hiDpi, x, y)).toEqual(pixel(base, x >> 1, y >> 1));
  });

  it('macOS: a template image, black and alpha only, so the menu bar can tint it for light and dark mode', () => {
    const { template, bitmaps } = trayIconImage('darwin');
    expect(template).toBe(true);
    const colours = new Set<string>();
    for (let i = 0; i < bitmaps[0].buffer.length; i += 4) colours.add(bitmaps[0].buffer.subarray(i, i + 3).join(','));
    expect([...colours]).toEqual(['0,0,0']);
    const alphas = new Set(bitmaps[0].buffer.filter((_, i) => i % 4 === 3));
    expect([...alphas].sort((a, b) => a - b)).toEqual([0, 0xff]);
  });

  it.each(['win32', 'linux'] as const)('%s: the accent colour with a white line and transparent corners, not a template', (platform) => {
    const { template, bitmaps } = trayIconImage(platform);
    expect(template).toBe(false);
    const [base] = bitmaps;
    expect(pixel(base, 0, 0)[3]).toBe(0);
    expect(pixel(base, 1, 1)).toEqual([0xff, 0x9b, 0x4c, 0xff]);
    expect(pixel(base, 7, 8)).toEqual([0xff, 0xff, 0xff, 0xff]);
  });
});
