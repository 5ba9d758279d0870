import { nativeImage, type NativeImage } from 'electron';
import { trayIconImage } from './tray-icon-pixels';

/** The tray icon for this OS (tray-icon-pixels.ts), with its 2x representation. */
export function trayIcon(platform: NodeJS.Platform = process.platform): NativeImage {
  const { template, bitmaps } = trayIconImage(platform);
  const [base, hiDpi] = bitmaps;
  const image = nativeImage.createFromBitmap(base.buffer, { width: base.width, height: base.height, scaleFactor: base.scaleFactor });
  image.addRepresentation({ scaleFactor: hiDpi.scaleFactor, width: hiDpi.width, height: hiDpi.height, buffer: hiDpi.buffer });
  if (template) image.setTemplateImage(true);
  return image;
}
