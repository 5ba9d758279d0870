import { pathToFileURL } from 'node:url';

/** The file:// URL `loadFile(indexPath)` produces, which is the only document allowed to talk to core. */
export function appUrlFor(indexPath: string): string {
  return pathToFileURL(indexPath).href;
}

/** Same document as the app, whatever the query or hash (the renderer may route with either). */
export function isAppUrl(candidate: string, appUrl: string): boolean {
  let url: URL;
  let app: URL;
  try {
    url = new URL(candidate);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  return url.protocol === 'file:' && app.protocol === 'file:' && url.host === app.host && url.pathname === app.pathname;
}
