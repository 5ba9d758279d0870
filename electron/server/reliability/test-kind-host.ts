/**
 * TEST-ONLY entry: the headless host with the test-only bot kinds named in
 * TRADEWIND_TEST_BOT_KINDS registered first (e.g. `pingpong`). Nothing in a Tradewind build runs
 * this file or reads that variable; tests spawn it (spawnHost's `entry`) to prove that a kind is
 * one registration away from the whole lifecycle, kill -9 included.
 */
import { processBotKinds } from '../../core/bots/kinds/registry';
import { pingPongKind } from '../../core/test-support/ping-pong-kind/ping-pong-kind';

const TEST_KINDS = { [pingPongKind.id]: pingPongKind };

for (const name of (process.env.TRADEWIND_TEST_BOT_KINDS ?? '').split(',').filter(Boolean)) {
  const kind = TEST_KINDS[name];
  if (!kind) throw new Error(`TRADEWIND_TEST_BOT_KINDS names "${name}"; the test kinds are ${Object.keys(TEST_KINDS).join(', ')}.`);
  processBotKinds.register(kind);
}

await import('../index');
