/** E-mail over SMTP with nodemailer; the login password comes from the secret store for each send. */
import nodemailer from 'nodemailer';
import type { EMAIL_TLS_MODES } from '../../../../shared/ipc/schemas/channels';
import { DeliveryError, type OutgoingMessage, type Sender } from '../delivery';

export interface EmailSettings {
  host: string;
  port: number;
  tls: (typeof EMAIL_TLS_MODES)[number];
  user: string;
  from: string;
  to: string;
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/** nodemailer's error in words: what the server said and what to check. */
function describe(error: SmtpError, server: string): { message: string; retryable: boolean } {
  const said = error.response ? `: ${error.response}` : error.message ? `: ${error.message}` : '';
  switch (error.code) {
    case 'EAUTH':
      return { message: `The SMTP server ${server} refused the login${said}. Check the user name and password.`, retryable: false };
    case 'ENOAUTH':
      return { message: `The SMTP server ${server} wants a login: fill in the user name and password.`, retryable: false };
    case 'EENVELOPE':
      return { message: `The SMTP server ${server} refused the addresses${said}. Check the from and to addresses.`, retryable: false };
    case 'ETLS':
    case 'ESOCKET':
    case 'ECONNECTION':
    case 'ETIMEDOUT':
    case 'EDNS':
      return { message: `Could not talk to the SMTP server ${server}${said}. Check the host, port and TLS mode.`, retryable: true };
    default: {
      // 5xx answers are permanent refusals; 4xx are the server asking to try later.
      const retryable = error.responseCode === undefined || error.responseCode < 500;
      return { message: `The SMTP server ${server} did not take the message${said}.`, retryable };
    }
  }
}

export class EmailSender implements Sender {
  constructor(
    private readonly settings: EmailSettings,
    private readonly options: { timeoutMs: number },
  ) {}

  async send(message: OutgoingMessage, password: string | undefined): Promise<void> {
    const { host, port, tls, user } = this.settings;
    if (user && !password)
      throw new DeliveryError('No SMTP password is stored for this channel: edit it and set one.', { retryable: false });
    const transport = nodemailer.createTransport({
      host,
      port,
      secure: tls === 'tls',
      requireTLS: tls === 'starttls',
      ignoreTLS: tls === 'none',
      auth: user ? { user, pass: password } : undefined,
      connectionTimeout: this.options.timeoutMs,
      greetingTimeout: this.options.timeoutMs,
      socketTimeout: this.options.timeoutMs,
    });
    const subject = `${message.test ? '[Tradewind test] ' : '[Tradewind] '}${message.title}`;
    try {
      await transport.sendMail({
        from: this.settings.from,
        to: this.settings.to,
        subject,
        text: `${message.body}\n\n${new Date(message.at).toISOString()} · level ${message.level} · id ${message.eventId}\n`,
        messageId: `<${message.eventId}@tradewind.local>`,
      });
    } catch (error) {
      const { message: reason, retryable } = describe(error as SmtpError, `${host}:${port}`);
      throw new DeliveryError(reason, { retryable });
    } finally {
      transport.close();
    }
  }
}
