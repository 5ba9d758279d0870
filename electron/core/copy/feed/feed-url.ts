/**
 * A remote feed's URL as a follower enters it: `https://<leader's host>/feeds/<feedId>`. Feed
 * events carry a leader's trades, so they travel over https, except to this machine (a tunnel's
 * local end, tests) — the rule the webhook channel follows. Credentials in the URL are refused
 * (the feed needs none, and the URL is stored and shown), and messages name the URL by origin
 * and path only.
 */
import { TradewindError } from '../../../../shared/ipc/errors';
import { isLoopbackHost } from '../../notify-channels/transport-safety';
import { FEED_ID } from './feed-event';

export const FEED_PATH_PREFIX = '/feeds/';

export interface FeedUrl {
  /** Origin + `/feeds/<feedId>`, no trailing slash, query or fragment: what is stored and shown. */
  url: string;
  feedId: string;
}

/** The URL for messages: origin and path, never a query, fragment or user info. */
export function displayUrl(text: string): string {
  if (!URL.canParse(text)) return text.slice(0, 80);
  const url = new URL(text);
  return `${url.origin}${url.pathname}`;
}

export function parseFeedUrl(text: string): FeedUrl {
  const trimmed = text.trim();
  if (!URL.canParse(trimmed))
    throw new TradewindError(
      'invalid_input',
      'leader.url: the feed URL is not a full URL such as https://leader.example:8443/feeds/<feed id>.',
    );
  const url = new URL(trimmed);
  if (url.username !== '' || url.password !== '')
    throw new TradewindError(
      'invalid_input',
      `leader.url: remove the user name and password from ${displayUrl(trimmed)}; a feed needs no login (its events are checked against the pinned key).`,
    );
  if (!(url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))))
    throw new TradewindError(
      'invalid_input',
      `leader.url: ${displayUrl(trimmed)} must use https: plain ${url.protocol.replace(':', '')} to ${url.hostname} would show the leader's trades to the network. Ask the leader for the https:// address; http is allowed only to this machine (localhost, 127.0.0.1, [::1]).`,
    );
  if (url.search !== '' || url.hash !== '')
    throw new TradewindError(
      'invalid_input',
      `leader.url: remove the "?…" or "#…" part of ${displayUrl(trimmed)}; the feed URL ends with /feeds/<feed id>.`,
    );
  const path = url.pathname.replace(/\/+$/, '');
  const feedId = path.startsWith(FEED_PATH_PREFIX) ? path.slice(FEED_PATH_PREFIX.length) : '';
  if (!FEED_ID.test(feedId))
    throw new TradewindError(
      'invalid_input',
      `leader.url: ${displayUrl(trimmed)} is not a feed URL; it must end with /feeds/ and the feed id the leader's Copy panel shows.`,
    );
  return { url: `${url.origin}${FEED_PATH_PREFIX}${feedId}`, feedId };
}
