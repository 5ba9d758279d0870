/** Telegram Bot API `sendMessage`; the bot token comes from the secret store for each send. */
import { DeliveryError, plainText, type OutgoingMessage, type Sender } from '../delivery';
import { httpPost } from '../http-post';

export const TELEGRAM_API = 'https://api.telegram.org';

/** What a Bot API error usually means for the person fixing it. */
function hint(status: number, description: string): string {
  if (status === 401) return 'the bot token is wrong; paste it again from @BotFather';
  if (status === 404) return 'the bot token is wrong or the bot was deleted; paste it again from @BotFather';
  if (status === 403) return 'the bot may not write to this chat; start a chat with it or add it to the group or channel';
  if (status === 400 && /chat not found/i.test(description)) return 'check the chat id, and send the bot a message first';
  if (status === 429) return 'too many messages; Telegram asked us to wait';
  if (status >= 500) return 'Telegram has a problem; it will be tried again';
  return 'check the chat id and the bot token';
}

interface BotApiAnswer {
  ok?: boolean;
  description?: string;
  parameters?: { retry_after?: number };
}

export class TelegramSender implements Sender {
  constructor(
    private readonly settings: { chatId: string },
    private readonly options: { apiUrl: string; timeoutMs: number },
  ) {}

  async send(message: OutgoingMessage, token: string | undefined): Promise<void> {
    if (!token)
      throw new DeliveryError('No bot token is stored for this channel: edit it and paste the token from @BotFather.', {
        retryable: false,
      });
    const url = `${this.options.apiUrl.replace(/\/+$/, '')}/bot${token}/sendMessage`;
    const payload = JSON.stringify({ chat_id: this.settings.chatId, text: plainText(message), disable_web_page_preview: true });
    const answer = await httpPost(url, payload, { 'content-type': 'application/json' }, this.options.timeoutMs, 'Telegram');
    let parsed: BotApiAnswer = {};
    try {
      parsed = JSON.parse(answer.text) as BotApiAnswer;
    } catch {
      // Not JSON (a proxy's error page): the status alone says what happened.
    }
    if (answer.status >= 200 && answer.status < 300 && parsed.ok !== false) return;
    const description = typeof parsed.description === 'string' ? parsed.description : answer.statusText;
    const retryAfter = parsed.parameters?.retry_after;
    const retryable = answer.status === 429 || answer.status >= 500;
    throw new DeliveryError(`Telegram said ${answer.status} ${description}: ${hint(answer.status, description)}.`, {
      retryable,
      retryAfterMs: typeof retryAfter === 'number' && retryAfter >= 0 ? retryAfter * 1000 : undefined,
    });
  }
}
