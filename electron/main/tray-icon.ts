import { nativeImage, type NativeImage } from 'electron';

const SIZE = 16;

/**
 * The tray icon, drawn in memory (a rounded accent square with a rising line) so it needs no
 * image file in the package. BGRA pixels, as `createFromBitmap` expects.
 */
export function trayIcon(): NativeImage {
  const pixels = Buffer.alloc(SIZE * SIZE * 4);
  for (let y = 0; y < SIZE; y += 1) {
    for (let x = 0; x < SIZE; x += 1) {
      const corner = (x === 0 || x === SIZE - 1) && (y === 0 || y === SIZE - 1);
      // The chart line: from bottom-left to top-right, two pixels thick.
      const line = Math.abs(SIZE - 1 - y - x) <= 1 && x > 2 && x < SIZE - 3;
      const offset = (y * SIZE + x) * 4;
      const [b, g, r] = line ? [0xff, 0xff, 0xff] : [0xff, 0x9b, 0x4c];
      pixels[offset] = b;
      pixels[offset + 1] = g;
      pixels[offset + 2] = r;
      pixels[offset + 3] = corner ? 0 : 0xff;
    }
  }
  return nativeImage.createFromBitmap(pixels, { width: SIZE, height: SIZE, scaleFactor: 1 });
}
