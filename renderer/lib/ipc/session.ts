/**
 * The headless host prints its address with the access token in the URL fragment (`#token=…`),
 * which browsers never send to a server. On start-up the page takes it out of the address bar and
 * swaps it for an HttpOnly, SameSite=Strict session cookie (POST /session); from then on no
 * script in the page holds the token, and a reload still works while the cookie lives.
 */

export interface SessionLocation {
  protocol: string;
  host: string;
  origin: string;
  pathname: string;
  search: string;
  hash: string;
}

export interface SessionWindow {
  location: SessionLocation;
  history: Pick<History, 'replaceState' | 'state'>;
  fetch: (input: string, init?: RequestInit) => Promise<Pick<Response, 'ok' | 'status' | 'text'>>;
}

/** The token in the page's fragment, if any. */
export function fragmentToken(location: Pick<SessionLocation, 'hash'>): string | null {
  const token = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  return token ? token : null;
}

export const NO_TOKEN_MESSAGE =
  'This page was opened without its access token. Open the full address printed by `tradewind serve` (it ends in #token=…).';

/**
 * Resolves to null once the page holds a valid session cookie, else to a message saying what to do.
 * The fragment is removed first, before any network round trip, so it never lingers in the address bar.
 */
export async function openSession(win: SessionWindow): Promise<string | null> {
  const { location } = win;
  const token = fragmentToken(location);
  if (token !== null) win.history.replaceState(win.history.state, '', `${location.pathname}${location.search}`);
  const url = `${location.origin}/session`;
  let response: Pick<Response, 'ok' | 'status' | 'text'>;
  try {
    response =
      token !== null
        ? await win.fetch(url, { method: 'POST', body: token, credentials: 'same-origin', headers: { 'Content-Type': 'text/plain' } })
        : await win.fetch(url, { credentials: 'same-origin' });
  } catch (error) {
    return `Could not reach the Tradewind host at ${location.origin} to open a session (${String(error)}). Start it and open the address it prints.`;
  }
  if (response.ok) return null;
  const reason = (await response.text().catch(() => '')).trim();
  if (token === null && response.status === 401 && !/expired/.test(reason)) return NO_TOKEN_MESSAGE;
  return `The Tradewind host refused this page${reason ? `: ${reason}` : ` (HTTP ${response.status})`}. Open the address \`tradewind serve\` printed most recently.`;
}
