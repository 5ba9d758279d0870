/**
 * Which links the app hands to the user's browser (`shell.openExternal`). A compromised renderer
 * must not be able to send the user anywhere it likes (a phishing page dressed as their exchange,
 * a file:, smb: or custom-protocol handler on the host), so only https links to an allowlist open:
 * the exchanges' own sites and API documentation, as ccxt's exchange catalogue lists them, and the
 * few sites the UI itself links to.
 */
import { exchangeUrlTables } from '../core/exchange/exchange-catalog';

export interface LinkAllowlist {
  /** Registrable sites: the host itself and every subdomain (binance.com → www., accounts.binance.com). */
  sites: string[];
  /** Documentation URL prefixes, matched by origin and path (docs often live on shared hosts such as github.com). */
  docs: string[];
}

/** Sites the UI links to itself: TradingView's attribution link under the chart (lightweight-charts' licence). */
export const APP_LINKS: LinkAllowlist = {
  sites: ['tradingview.com'],
  docs: [],
};

/** What an exchange's ccxt `urls` contributes: its home page(s) as sites, its API docs as doc prefixes. */
export function linksOfExchange(urls: unknown): LinkAllowlist {
  const record = (urls ?? {}) as Record<string, unknown>;
  const strings = (value: unknown): string[] =>
    typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  const sites: string[] = [];
  const docs: string[] = [];
  for (const home of strings(record['www'])) {
    const url = httpsUrl(home);
    if (url) sites.push(url.hostname.replace(/^www\./, ''));
  }
  for (const doc of strings(record['doc'])) {
    const url = httpsUrl(doc);
    if (url) docs.push(url.href);
  }
  return { sites, docs };
}

/**
 * Every exchange ccxt supports. Building the instances takes about a second, so this runs once,
 * when the first link is opened, not at start-up.
 */
export function ccxtExchangeLinks(): LinkAllowlist {
  const all: LinkAllowlist = { sites: [], docs: [] };
  for (const urls of exchangeUrlTables()) {
    const links = linksOfExchange(urls);
    all.sites.push(...links.sites);
    all.docs.push(...links.docs);
  }
  return all;
}

function httpsUrl(text: string): URL | null {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && !url.username && !url.password ? url : null;
  } catch {
    return null;
  }
}

/** `https://host/a` covers `/a`, `/a/…`, `/a?…` and `/a#…`, never `/ab`. */
function underPrefix(url: URL, prefix: URL): boolean {
  if (url.origin !== prefix.origin) return false;
  const base = prefix.pathname.replace(/\/+$/, '');
  return url.pathname === base || url.pathname.startsWith(`${base}/`) || base === '';
}

/**
 * The link to open (normalised), or null when it is not https, carries credentials, or is not on
 * the allowlist. The allowlist is built on first use and kept.
 */
export function createExternalLinkPolicy(load: () => LinkAllowlist[]): (url: string) => string | null {
  let sites: Set<string> | null = null;
  let docs: URL[] = [];
  const ensure = (): Set<string> => {
    if (sites) return sites;
    const lists = load();
    sites = new Set(lists.flatMap((list) => list.sites).map((site) => site.toLowerCase()));
    docs = lists.flatMap((list) => list.docs).flatMap((doc) => httpsUrl(doc) ?? []);
    return sites;
  };
  return (text) => {
    const url = httpsUrl(text);
    if (!url) return null;
    const allowedSites = ensure();
    const host = url.hostname.toLowerCase();
    for (let at = host; at.includes('.'); at = at.slice(at.indexOf('.') + 1)) {
      if (allowedSites.has(at)) return url.href;
    }
    return docs.some((prefix) => underPrefix(url, prefix)) ? url.href : null;
  };
}
