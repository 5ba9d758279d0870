/**
 * The remote-feed leader as typed in the Copy panel: the feed URL and the leader's pinned public
 * key, read with the same rules core applies (https except to this machine, no login in the URL,
 * a path ending in /feeds/<feed id>, an `ed25519:` key) so a mistake is named at its field
 * before anything is sent. Core checks again and also tries to reach the feed.
 */
const FEED_PATH = /^\/feeds\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/?$/;
const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i;
const PUBLIC_KEY = /^ed25519:[A-Za-z0-9_-]{43}$/;

export interface FeedLeaderFields {
  url: string;
  publicKey: string;
}

export type FeedLeaderErrors = Partial<Record<keyof FeedLeaderFields, string>>;

export function readFeedLeader(fields: FeedLeaderFields): {
  leader: { kind: 'feed'; url: string; publicKey: string } | null;
  errors: FeedLeaderErrors;
} {
  const errors: FeedLeaderErrors = {};
  const url = fields.url.trim();
  const publicKey = fields.publicKey.trim();
  if (url === '') errors.url = 'Enter the feed URL the leader gave you (https://…/feeds/<feed id>).';
  else if (!URL.canParse(url)) errors.url = 'Not a full URL: it starts with https:// and ends with /feeds/<feed id>.';
  else {
    const parsed = new URL(url);
    if (parsed.username !== '' || parsed.password !== '') errors.url = 'Remove the user name and password: a feed needs no login.';
    else if (!(parsed.protocol === 'https:' || (parsed.protocol === 'http:' && LOOPBACK.test(parsed.hostname))))
      errors.url = 'Use the https:// address: plain http is allowed only to this machine (localhost, 127.0.0.1).';
    else if (parsed.search !== '' || parsed.hash !== '') errors.url = 'Remove the "?…" or "#…" part: the URL ends with /feeds/<feed id>.';
    else if (!FEED_PATH.test(parsed.pathname))
      errors.url = "Not a feed URL: it ends with /feeds/ and the feed id the leader's Copy panel shows.";
  }
  if (publicKey === '') errors.publicKey = "Enter the leader's public key (ed25519:…), as their Copy panel shows it.";
  else if (!PUBLIC_KEY.test(publicKey))
    errors.publicKey = 'Not an Ed25519 public key: "ed25519:" followed by 43 letters, digits, "-" or "_".';
  return { leader: Object.keys(errors).length === 0 ? { kind: 'feed', url, publicKey } : null, errors };
}
