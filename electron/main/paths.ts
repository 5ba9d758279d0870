import path from 'node:path';

export interface AppPaths {
  preload: string;
  rendererIndex: string;
  assets: string;
}

/**
 * Where the bundle finds its siblings. `bundleDir` is dist/electron (inside app.asar when packaged);
 * assets are shipped as extraResources, outside the asar, next to it in `resourcesPath`.
 */
export function appPaths(bundleDir: string, isPackaged: boolean, resourcesPath: string): AppPaths {
  return {
    preload: path.join(bundleDir, 'preload.cjs'),
    rendererIndex: path.join(bundleDir, '../renderer/index.html'),
    assets: isPackaged ? path.join(resourcesPath, 'assets') : path.resolve(bundleDir, '../../assets'),
  };
}
