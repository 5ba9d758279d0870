/**
 * What the updater does and says, as pure functions (unit-tested; updates/updater.ts applies them).
 * Updates are opt-in: nothing is fetched unless the person turned automatic checks on or chose
 * "Check for updates…" themselves.
 */
import type { MessageBoxOptions } from 'electron';
import type { UpdateInfo } from 'electron-updater';
import type { MainPreferences } from '../preferences';

/** How often automatic checks run while the app is open (and once shortly after start). */
export const AUTO_CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;
/** Release notes longer than this are cut in the dialog (the release page has them all). */
export const RELEASE_NOTES_MAX = 3000;

export type FeedChoice = { kind: 'built-in' } | { kind: 'override'; url: string } | { kind: 'invalid'; reason: string };

/**
 * The feed: the one electron-builder wrote into the installer (app-update.yml, from `publish` in
 * electron-builder.yml), or the person's `updateFeedUrl` (a mirror serving the same latest*.yml
 * files). An override must be https (http only on this machine, for a local mirror) and carry no
 * credentials; a bad one is refused with the reason, never silently replaced.
 */
export function chooseFeed(preferences: Pick<MainPreferences, 'updateFeedUrl'>): FeedChoice {
  const text = preferences.updateFeedUrl?.trim();
  if (!text) return { kind: 'built-in' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return {
      kind: 'invalid',
      reason: `updateFeedUrl "${text.slice(0, 200)}" is not a URL; use https://host/path/ of a folder holding latest.yml`,
    };
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return { kind: 'invalid', reason: `updateFeedUrl must use https (http only for localhost), not ${url.protocol}` };
  }
  if (url.username || url.password) {
    return { kind: 'invalid', reason: 'updateFeedUrl must not contain a user name or password' };
  }
  return { kind: 'override', url: url.href };
}

/** Automatic checks only in an installed app whose person opted in; development builds never check. */
export function checksAutomatically(preferences: Pick<MainPreferences, 'autoUpdate'>, packaged: boolean): boolean {
  return packaged && preferences.autoUpdate;
}

type ReleaseNotes = UpdateInfo['releaseNotes'];

/** Release notes as plain text: GitHub hands them over as HTML; several versions are listed newest first. */
export function releaseNotesText(notes: ReleaseNotes): string {
  const entries = typeof notes === 'string' ? [{ version: '', note: notes }] : (notes ?? []);
  const text = entries
    .map(({ version, note }) => {
      const body = htmlToText(note ?? '');
      return version ? `${version}\n${body}` : body;
    })
    .filter((entry) => entry.trim() !== '')
    .join('\n\n')
    .trim();
  if (!text) return 'No release notes were published with this version.';
  return text.length > RELEASE_NOTES_MAX ? `${text.slice(0, RELEASE_NOTES_MAX).trimEnd()}\n… (the rest is on the release page)` : text;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

function htmlToText(html: string): string {
  return html
    .replace(/<\s*(br|\/p|\/li|\/h[1-6]|\/div)\s*\/?>/gi, '\n')
    .replace(/<\s*li[^>]*>/gi, '• ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_m, name: string) => ENTITIES[name] ?? '')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Buttons are [primary, cancel]: the responses the updater acts on. */
/**
 * What is verified before an update is installed, said as it is: electron-updater checks every
 * download's SHA-512 against the feed's latest*.yml; on Windows it also checks the installer's
 * Authenticode signature against the publisher of the running app, on macOS Squirrel.Mac checks
 * the update's code signature against the running app's; Linux packages carry no code signature.
 */
export function verificationNote(platform: NodeJS.Platform): string {
  if (platform === 'win32') return "Before it is installed, the installer's code signature is checked against this app's publisher.";
  if (platform === 'darwin') return 'Before it is installed, macOS checks that the update is signed by the same developer as this app.';
  return "The download is checked against the checksum in the release's update file (Linux packages carry no code signature).";
}

export function updateAvailablePrompt(
  info: Pick<UpdateInfo, 'version' | 'releaseNotes' | 'releaseDate'>,
  currentVersion: string,
  platform: NodeJS.Platform,
): MessageBoxOptions {
  const date = info.releaseDate ? ` (released ${info.releaseDate.slice(0, 10)})` : '';
  return {
    type: 'info',
    title: 'Update available',
    message: `Tradewind ${info.version} is available${date}. You have ${currentVersion}.`,
    detail: `${releaseNotesText(info.releaseNotes)}\n\n${verificationNote(platform)}`,
    buttons: ['Download', 'Later'],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  };
}

export function updateReadyPrompt(version: string): MessageBoxOptions {
  return {
    type: 'info',
    title: 'Update ready',
    message: `Tradewind ${version} is downloaded.`,
    detail:
      'Restart now to install it, or it is installed the next time you quit Tradewind. Running bots are asked about first, as on any quit.',
    buttons: ['Restart and install', 'Later'],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  };
}

export function upToDatePrompt(currentVersion: string): MessageBoxOptions {
  return { type: 'info', title: 'No update', message: `Tradewind ${currentVersion} is the latest version.`, buttons: ['OK'], noLink: true };
}

/** Development builds have no installer feed: electron-updater answers null there. */
export function notInstalledPrompt(): MessageBoxOptions {
  return {
    type: 'info',
    title: 'Updates',
    message: 'Updates are checked only in an installed Tradewind.',
    detail: 'This copy runs from a development checkout: update it with git and npm ci.',
    buttons: ['OK'],
    noLink: true,
  };
}

export function updateErrorPrompt(what: 'check' | 'download', message: string): MessageBoxOptions {
  return {
    type: 'error',
    title: 'Update failed',
    message: what === 'check' ? 'Tradewind could not check for updates.' : 'Tradewind could not download the update.',
    detail: `${message.slice(0, 500)}\n\nNothing was changed. Try again later, or download the installer from the release page.`,
    buttons: ['OK'],
    noLink: true,
  };
}
