/**
 * A generic webhook: the notification as JSON, signed so the receiver can check it came from us
 * and is fresh. Signature: `X-Tradewind-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`
 * with the timestamp (Unix seconds) in `X-Tradewind-Timestamp`; `X-Tradewind-Event-Id` is the same
 * on every retry, so the receiver can drop duplicates.
 */
import { createHmac } from 'node:crypto';
import { DeliveryError, type OutgoingMessage, type Sender } from '../delivery';
import { httpPost, retryAfterMs } from '../http-post';
import { checkWebhookUrl } from '../transport-safety';

/** Of a receiver's answer only this much is read (the delivery log shows its start). */
export const WEBHOOK_ANSWER_MAX_BYTES = 4 * 1024;

export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function webhookBody(message: OutgoingMessage): string {
  return JSON.stringify({
    id: message.eventId,
    notificationId: message.notificationId,
    at: message.at,
    level: message.level,
    title: message.title,
    body: message.body,
    botId: message.botId,
    test: message.test,
  });
}

export class WebhookSender implements Sender {
  constructor(
    /** Reads the address when sending: it is kept in the keychain, not in the channel's row. */
    private readonly settings: { url: () => Promise<string> },
    private readonly options: { timeoutMs: number; now: () => number },
  ) {}

  async send(message: OutgoingMessage, secret: string | undefined): Promise<void> {
    if (!secret)
      throw new DeliveryError('No signing secret is stored for this webhook: edit the channel and set one.', { retryable: false });
    const url = await this.settings.url();
    try {
      // A channel saved before https was required is not sent to in clear text either.
      checkWebhookUrl(url);
    } catch (error) {
      throw new DeliveryError(error instanceof Error ? error.message : String(error), { retryable: false });
    }
    const body = webhookBody(message);
    const timestamp = String(Math.floor(this.options.now() / 1000));
    // The host only: a webhook URL's path or query often carries its own token.
    const target = `the webhook at ${new URL(url).host}`;
    const answer = await httpPost(
      url,
      body,
      {
        'content-type': 'application/json',
        'user-agent': 'Tradewind',
        'x-tradewind-signature': webhookSignature(secret, timestamp, body),
        'x-tradewind-timestamp': timestamp,
        'x-tradewind-event-id': message.eventId,
      },
      this.options.timeoutMs,
      target,
      WEBHOOK_ANSWER_MAX_BYTES,
    );
    if (answer.status >= 200 && answer.status < 300) return;
    // Client errors are the receiver refusing this request (wrong URL, bad signature): retrying cannot help.
    const retryable = answer.status >= 500 || answer.status === 408 || answer.status === 429;
    const said = answer.text.trim().slice(0, 200);
    throw new DeliveryError(
      `${target[0]!.toUpperCase()}${target.slice(1)} answered ${answer.status} ${answer.statusText}${said ? ` (${said})` : ''}` +
        (retryable ? '; it will be tried again.' : ': check the URL and the secret the receiver expects.'),
      { retryable, retryAfterMs: retryAfterMs(answer.headers, this.options.now()) },
    );
  }
}
