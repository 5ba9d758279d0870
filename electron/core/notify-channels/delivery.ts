/** What a sender is handed and how it says that a delivery failed. */
import type { ChannelLevel } from '../../../shared/ipc/schemas/channels';

export interface OutgoingMessage {
  /** Unique per notification and channel, the same on every retry (the webhook's dedupe id). */
  eventId: string;
  notificationId: string;
  at: number;
  level: ChannelLevel;
  title: string;
  body: string;
  botId: string | null;
  /** A "send test" from the channels screen. */
  test: boolean;
}

/** One try's failure. `retryable` failures are tried again with backoff; the others are final. */
export class DeliveryError extends Error {
  readonly retryable: boolean;
  /** The service asked us to wait this long (Telegram's `retry_after`, a Retry-After header). */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: { retryable: boolean; retryAfterMs?: number }) {
    super(message);
    this.name = 'DeliveryError';
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
  }
}

export interface Sender {
  /** Resolves when the service accepted the message; throws DeliveryError otherwise. */
  send(message: OutgoingMessage, secret: string | undefined): Promise<void>;
}

/** Anything thrown by a sender as a DeliveryError (an unexpected throw is a retryable failure). */
export function asDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  return new DeliveryError(error instanceof Error ? error.message : String(error), { retryable: true });
}

/** The text of a message on channels that take plain text (Telegram, e-mail). */
export function plainText(message: OutgoingMessage): string {
  return message.body === '' ? message.title : `${message.title}\n${message.body}`;
}
