import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appPaths } from './paths';

describe('appPaths', () => {
  it('finds siblings of the bundle in a checkout', () => {
    const dir = path.resolve('/work/app/dist/electron');
    expect(appPaths(dir, false, '/unused')).toEqual({
      preload: path.join(dir, 'preload.cjs'),
      rendererIndex: path.resolve('/work/app/dist/renderer/index.html'),
      assets: path.resolve('/work/app/assets'),
    });
  });

  it('reads assets from resources when packaged (electron-builder extraResources)', () => {
    const res = path.resolve('/opt/Tradewind/resources');
    expect(appPaths(path.join(res, 'app.asar/dist/electron'), true, res).assets).toBe(path.join(res, 'assets'));
  });
});
