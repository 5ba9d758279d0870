/**
 * The tray icon's pixels, drawn in memory (a rounded square with a rising line) so the package
 * needs no image file in a per-OS format. Pure, so every OS's variant is tested on any OS.
 * - macOS: a template image — black plus alpha only; the menu bar tints it for light and dark
 *   mode (a coloured icon would ignore the menu bar's appearance).
 * - Windows and Linux: the accent colour (no template concept there).
 * Each comes at 1x (16 px) and 2x (32 px) so HiDPI screens get sharp pixels, not a blurred 16 px.
 */
export const TRAY_ICON_SIZE = 16;

export interface TrayIconBitmap {
  scaleFactor: 1 | 2;
  width: number;
  height: number;
  /** BGRA pixels, row by row (what Electron's createFromBitmap/addRepresentation take). */
  buffer: Buffer;
}

export interface TrayIconImage {
  /** macOS: mark it as a template image. */
  template: boolean;
  /** 1x first. */
  bitmaps: [TrayIconBitmap, TrayIconBitmap];
}

const ACCENT = { b: 0xff, g: 0x9b, r: 0x4c };

/** What a 16 px cell shows: the square, the line on it, or nothing (the cut corners). */
function cell(x: number, y: number): 'square' | 'line' | 'empty' {
  const last = TRAY_ICON_SIZE - 1;
  if ((x === 0 || x === last) && (y === 0 || y === last)) return 'empty';
  // The chart line: from bottom-left to top-right, two pixels thick.
  if (Math.abs(last - y - x) <= 1 && x > 2 && x < TRAY_ICON_SIZE - 3) return 'line';
  return 'square';
}

function draw(scale: 1 | 2, template: boolean): TrayIconBitmap {
  const size = TRAY_ICON_SIZE * scale;
  const buffer = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const kind = cell(Math.floor(x / scale), Math.floor(y / scale));
      const at = (y * size + x) * 4;
      if (kind === 'empty') continue; // transparent
      if (template) {
        // Black square with the line cut out (transparent), so the tint shows the chart.
        buffer[at + 3] = kind === 'line' ? 0 : 0xff;
        continue;
      }
      const [b, g, r] = kind === 'line' ? [0xff, 0xff, 0xff] : [ACCENT.b, ACCENT.g, ACCENT.r];
      buffer[at] = b;
      buffer[at + 1] = g;
      buffer[at + 2] = r;
      buffer[at + 3] = 0xff;
    }
  }
  return { scaleFactor: scale, width: size, height: size, buffer };
}

export function trayIconImage(platform: NodeJS.Platform): TrayIconImage {
  const template = platform === 'darwin';
  return { template, bitmaps: [draw(1, template), draw(2, template)] };
}
