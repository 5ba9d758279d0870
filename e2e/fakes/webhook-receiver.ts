/**
 * A webhook receiver on 127.0.0.1 that checks Tradewind's signature with the shared secret
 * (HMAC-SHA256 of "<timestamp>.<body>") and records each verified delivery. It can be told to
 * fail (500), to hang (time out the sender) and then to recover; `delivery(n)` resolves when the
 * n-th verified delivery arrives.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebhookDelivery {
  eventId: string;
  timestamp: string;
  body: Record<string, unknown>;
  raw: string;
}

export interface WebhookReceiver {
  url: string;
  deliveries: WebhookDelivery[];
  /** Requests that reached it (signed or not, answered or not). */
  requests: number;
  /** Requests refused because the signature did not match. */
  badSignatures: number;
  /** The next `count` requests get this (then it answers 204 again). */
  fail(mode: 'error' | 'hang', count?: number): void;
  delivery(n: number): Promise<WebhookDelivery>;
  close(): Promise<void>;
}

function signatureOk(secret: string, timestamp: string, raw: string, header: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest('hex')}`);
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  const waiters: Array<{ n: number; resolve: (delivery: WebhookDelivery) => void }> = [];
  const modes: Array<'error' | 'hang'> = [];
  const hanging = new Set<http.ServerResponse>();
  const receiver: WebhookReceiver = {
    url: '',
    deliveries: [],
    requests: 0,
    badSignatures: 0,
    fail(mode, count = 1) {
      for (let i = 0; i < count; i += 1) modes.push(mode);
    },
    delivery(n) {
      const found = receiver.deliveries[n - 1];
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => waiters.push({ n, resolve }));
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      receiver.requests += 1;
      const mode = modes.shift();
      if (mode === 'hang') {
        hanging.add(res);
        return;
      }
      if (mode === 'error') {
        res.writeHead(500, { 'content-type': 'text/plain' }).end('receiver is down');
        return;
      }
      const timestamp = String(req.headers['x-tradewind-timestamp'] ?? '');
      const signature = String(req.headers['x-tradewind-signature'] ?? '');
      if (!signatureOk(secret, timestamp, raw, signature)) {
        receiver.badSignatures += 1;
        res.writeHead(401, { 'content-type': 'text/plain' }).end('bad signature');
        return;
      }
      const delivery = {
        eventId: String(req.headers['x-tradewind-event-id'] ?? ''),
        timestamp,
        body: JSON.parse(raw) as Record<string, unknown>,
        raw,
      };
      receiver.deliveries.push(delivery);
      res.writeHead(204).end();
      for (const waiter of waiters.filter((w) => w.n === receiver.deliveries.length)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(delivery);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/tradewind`;
  return receiver;
}
