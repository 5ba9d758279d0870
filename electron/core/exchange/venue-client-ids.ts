/**
 * Client order ids as each venue accepts them. Tradewind's ids (`tw-k3j9x0-1b`, orders/client-id.ts)
 * are lowercase base36 joined by dashes; OKX takes letters and digits only (1-32). For OKX the
 * dashes travel as `Z`, which our lowercase ids never contain, so the id read back from the
 * exchange maps to exactly the id the ledger recorded (after a restart too: no table needed).
 */
export interface ClientIdCodec {
  toVenue(clientOrderId: string): string;
  fromVenue(venueId: string): string;
}

const IDENTITY: ClientIdCodec = { toVenue: (id) => id, fromVenue: (id) => id };

const ALPHANUMERIC_ONLY: ClientIdCodec = {
  toVenue: (id) => (/^[a-z0-9-]+$/.test(id) ? id.replaceAll('-', 'Z') : id),
  fromVenue: (id) => (/^[a-z0-9Z]+$/.test(id) && id.includes('Z') ? id.replaceAll('Z', '-') : id),
};

const CODECS: Readonly<Record<string, ClientIdCodec>> = { okx: ALPHANUMERIC_ONLY };

export function clientIdCodec(exchangeId: string): ClientIdCodec {
  return Object.hasOwn(CODECS, exchangeId) ? (CODECS[exchangeId] as ClientIdCodec) : IDENTITY;
}
