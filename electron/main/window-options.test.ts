import { describe, expect, it } from 'vitest';
import { createWindowOptions, WINDOW_BACKGROUND } from './window-options';

describe('createWindowOptions', () => {
  const options = createWindowOptions('/app/dist/electron/preload.cjs');
  const prefs = options.webPreferences ?? {};

  it('locks the renderer down', () => {
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });

  it('uses the given preload and a dark, initially hidden window', () => {
    expect(prefs.preload).toBe('/app/dist/electron/preload.cjs');
    expect(options.show).toBe(false);
    expect(options.backgroundColor).toBe(WINDOW_BACKGROUND);
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(WINDOW_BACKGROUND.slice(i, i + 2), 16)) as [number, number, number];
    expect((r + g + b) / 3).toBeLessThan(48);
  });
});
