/**
 * Tiny loopback fakes of ONE private endpoint each: the venue's "what may this API key do"
 * answer, for KuCoin (`GET /api/v1/user/api-key`), Coinbase Advanced
 * (`GET /api/v3/brokerage/key_permissions`) and Bitget (`GET /api/v2/spot/account/info`). Each checks
 * the request the way the venue does (its headers and signature over timestamp + method + path),
 * answers its own error for a bad signature, and otherwise answers `answer` in the venue's
 * envelope. The real ccxt client is pointed at them by the permission-probe tests.
 */
import { createHmac, createPublicKey, createVerify } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface KeyEndpointKey {
  apiKey: string;
  secret: string;
  /** KuCoin and Bitget: the passphrase chosen with the key. */
  passphrase?: string;
  /** The venue's answer body (the `data` object for KuCoin and Bitget, the whole body for Coinbase). */
  answer: Record<string, unknown>;
}

export interface KeyEndpointFake {
  url: string;
  /** Every request: path, and the status answered (tests see refused signatures). */
  requests: Array<{ path: string; status: number }>;
  close(): Promise<void>;
}

type Reply = { status: number; body: unknown };
type Verify = (req: http.IncomingMessage, path: string, keys: readonly KeyEndpointKey[]) => Reply;

const hmac = (secret: string, text: string, encoding: 'base64' | 'hex') => createHmac('sha256', secret).update(text).digest(encoding);
const header = (req: http.IncomingMessage, name: string) => {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
};

/** KuCoin v2 keys: KC-API-SIGN = base64 HMAC(timestamp + method + endpoint), KC-API-PASSPHRASE = base64 HMAC(passphrase). */
const kucoin: Verify = (req, path, keys) => {
  const fail = (code: string, msg: string): Reply => ({ status: 401, body: { code, msg } });
  const key = keys.find((k) => k.apiKey === header(req, 'KC-API-KEY'));
  if (!key) return fail('400003', 'KC-API-KEY not exists');
  const timestamp = header(req, 'KC-API-TIMESTAMP') ?? '';
  if (header(req, 'KC-API-PASSPHRASE') !== hmac(key.secret, key.passphrase ?? '', 'base64'))
    return fail('400004', 'Invalid KC-API-PASSPHRASE');
  if (header(req, 'KC-API-SIGN') !== hmac(key.secret, `${timestamp}${req.method}${path}`, 'base64'))
    return fail('400005', 'Invalid KC-API-SIGN');
  return { status: 200, body: { code: '200000', data: key.answer } };
};

/** Bitget: ACCESS-SIGN = base64 HMAC(timestamp + method + path), ACCESS-PASSPHRASE in clear. */
const bitget: Verify = (req, path, keys) => {
  const fail = (code: string, msg: string): Reply => ({ status: 400, body: { code, msg, requestTime: Date.now(), data: null } });
  const key = keys.find((k) => k.apiKey === header(req, 'ACCESS-KEY'));
  if (!key) return fail('40006', 'Invalid ACCESS_KEY');
  if (header(req, 'ACCESS-PASSPHRASE') !== key.passphrase) return fail('40012', 'apikey/password is incorrect');
  const timestamp = header(req, 'ACCESS-TIMESTAMP') ?? '';
  if (header(req, 'ACCESS-SIGN') !== hmac(key.secret, `${timestamp}${req.method}${path}`, 'base64'))
    return fail('40009', 'sign signature error');
  return { status: 200, body: { code: '00000', msg: 'success', requestTime: Date.now(), data: key.answer } };
};

const fromBase64Url = (text: string) => Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');

/**
 * Coinbase CDP keys: `Authorization: Bearer <JWT>` signed ES256 with the key's EC private key,
 * `kid` and `sub` the key name, `uri` "GET host/path", valid for two minutes.
 */
const coinbase: Verify = (req, path, keys) => {
  const unauthorized: Reply = { status: 401, body: { error: 'UNAUTHENTICATED', message: 'Unauthorized' } };
  const token = /^Bearer (.+)$/.exec(header(req, 'Authorization') ?? '')?.[1];
  const parts = token?.split('.');
  if (!parts || parts.length !== 3) return unauthorized;
  const [head, claims, signature] = parts as [string, string, string];
  let jwtHeader: { alg?: string; kid?: string };
  let payload: { sub?: string; uri?: string; exp?: number; nbf?: number };
  try {
    jwtHeader = JSON.parse(fromBase64Url(head).toString('utf8'));
    payload = JSON.parse(fromBase64Url(claims).toString('utf8'));
  } catch {
    return unauthorized;
  }
  const key = keys.find((k) => k.apiKey === jwtHeader.kid && k.apiKey === payload.sub);
  if (!key || jwtHeader.alg !== 'ES256') return unauthorized;
  const verifier = createVerify('SHA256').update(`${head}.${claims}`);
  const signed = verifier.verify({ key: createPublicKey(key.secret), dsaEncoding: 'ieee-p1363' }, fromBase64Url(signature));
  const now = Math.floor(Date.now() / 1000);
  const inTime = (payload.nbf ?? Infinity) <= now + 5 && (payload.exp ?? 0) >= now;
  // ccxt strips "https://" from the URL it signs; against this http:// fake the scheme stays in.
  const uri = payload.uri?.replace(/^(\S+) http:\/\//, '$1 ');
  if (!signed || !inTime || uri !== `${req.method} ${header(req, 'Host')}${path}`) return unauthorized;
  return { status: 200, body: key.answer };
};

const VENUES = {
  kucoin: { path: '/api/v1/user/api-key', verify: kucoin },
  coinbase: { path: '/api/v3/brokerage/key_permissions', verify: coinbase },
  bitget: { path: '/api/v2/spot/account/info', verify: bitget },
} as const;

export type KeyEndpointVenue = keyof typeof VENUES;

export async function startKeyEndpointFake(venue: KeyEndpointVenue, keys: readonly KeyEndpointKey[]): Promise<KeyEndpointFake> {
  const { path, verify } = VENUES[venue];
  const requests: KeyEndpointFake['requests'] = [];
  const server = http.createServer((req, res) => {
    const requestPath = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const reply: Reply =
      req.method === 'GET' && requestPath === path
        ? verify(req, requestPath, keys)
        : { status: 404, body: { code: '404', msg: `the fake ${venue} serves only GET ${path}` } };
    requests.push({ path: requestPath, status: reply.status });
    res.writeHead(reply.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
