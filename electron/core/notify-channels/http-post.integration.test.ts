/**
 * The answer of a receiver is read only up to a cap: a loopback server that answers with a huge
 * body (a broken or hostile webhook receiver) costs core at most the cap, and the delivery log
 * shows its start.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpPost } from './http-post';
import { WEBHOOK_ANSWER_MAX_BYTES } from './senders/webhook';

let server: http.Server;
let url: string;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      // 4 MB in 64 KB chunks; the client stops reading long before the end.
      const chunk = 'x'.repeat(64 * 1024);
      let sent = 0;
      const more = () => {
        while (sent < 64) {
          sent++;
          if (!response.write(chunk)) return void response.once('drain', more);
        }
        response.end();
      };
      response.on('error', () => undefined);
      more();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('httpPost', () => {
  it('reads at most the cap of an answer and marks the cut', async () => {
    const answer = await httpPost(url, '{}', { 'content-type': 'application/json' }, 10_000, 'the test receiver', WEBHOOK_ANSWER_MAX_BYTES);
    expect(answer.status).toBe(500);
    expect(answer.text).toBe(`${'x'.repeat(WEBHOOK_ANSWER_MAX_BYTES)}…`);
  });
});
