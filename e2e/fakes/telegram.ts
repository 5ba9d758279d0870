/**
 * A small fake Telegram Bot API on 127.0.0.1: `POST /bot<token>/sendMessage` records the message
 * when the token is the one it was started with, and can be told to answer 401, 429 (with
 * `retry_after`), 500, or to hang. Waiters (`nextMessage`) resolve when a message arrives, so
 * tests synchronise on the message, never on time.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TelegramMessage {
  token: string;
  chatId: string;
  text: string;
}

export type TelegramFault = { kind: 'status'; status: 401 | 500 } | { kind: 'rate_limited'; retryAfter: number } | { kind: 'hang' };

export interface FakeTelegram {
  url: string;
  messages: TelegramMessage[];
  /** Requests received (answered or not), to count retries. */
  requests: number;
  /** The next `count` requests get this fault (then it answers normally again). */
  fail(fault: TelegramFault, count?: number): void;
  /** Resolves with the `n`-th recorded message (1-based), now or when it arrives. */
  message(n: number): Promise<TelegramMessage>;
  close(): Promise<void>;
}

function answer(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function startFakeTelegram(token: string): Promise<FakeTelegram> {
  const messages: TelegramMessage[] = [];
  const waiters: Array<{ n: number; resolve: (message: TelegramMessage) => void }> = [];
  const faults: TelegramFault[] = [];
  const hanging = new Set<http.ServerResponse>();
  const fake: FakeTelegram = {
    url: '',
    messages,
    requests: 0,
    fail(fault, count = 1) {
      for (let i = 0; i < count; i += 1) faults.push(fault);
    },
    message(n) {
      const found = messages[n - 1];
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
      fake.requests += 1;
      const match = /^\/bot([^/]+)\/sendMessage$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) return answer(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      const fault = faults.shift();
      if (fault?.kind === 'hang') {
        hanging.add(res);
        return;
      }
      if (fault?.kind === 'rate_limited') {
        return answer(res, 429, {
          ok: false,
          error_code: 429,
          description: `Too Many Requests: retry after ${fault.retryAfter}`,
          parameters: { retry_after: fault.retryAfter },
        });
      }
      if (fault?.kind === 'status' && fault.status === 500) {
        return answer(res, 500, { ok: false, error_code: 500, description: 'Internal Server Error' });
      }
      if (fault?.kind === 'status' || decodeURIComponent(match[1]!) !== token) {
        return answer(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
      }
      let body: { chat_id?: unknown; text?: unknown };
      try {
        body = JSON.parse(raw) as typeof body;
      } catch {
        return answer(res, 400, { ok: false, error_code: 400, description: 'Bad Request: can not parse JSON' });
      }
      if (typeof body.text !== 'string' || body.text === '') {
        return answer(res, 400, { ok: false, error_code: 400, description: 'Bad Request: message text is empty' });
      }
      const message = { token: match[1]!, chatId: String(body.chat_id), text: body.text };
      messages.push(message);
      answer(res, 200, { ok: true, result: { message_id: messages.length, text: body.text } });
      for (const waiter of waiters.filter((w) => w.n === messages.length)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
