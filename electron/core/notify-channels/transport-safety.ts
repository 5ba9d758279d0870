/**
 * Secrets must not cross the network in clear text: the Telegram bot token travels in the API
 * URL's path, and an SMTP password in the login. Plain transports are allowed to loopback only
 * (test fakes, a local relay), as for exchange URL overrides.
 */
import { TradewindError } from '../../../shared/ipc/errors';

export function isLoopbackHost(hostname: string): boolean {
  return /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|::1)$/i.test(hostname);
}

/** The Telegram API base URL from the environment, refused at start-up when it would leak tokens. */
export function checkTelegramApiUrl(url: string): string {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new Error(`TRADEWIND_TELEGRAM_API: '${url.slice(0, 80)}' is not a URL. Unset it to use https://api.telegram.org.`);
  }
  if (target.protocol !== 'https:' && !isLoopbackHost(target.hostname)) {
    throw new Error(
      `TRADEWIND_TELEGRAM_API: ${target.origin} is not https and not loopback; bot tokens would cross the network unencrypted. Use an https URL or a loopback test server.`,
    );
  }
  return url;
}

/** An SMTP login without TLS is refused unless the server is on this machine. */
export function checkSmtpTransport(settings: { host: string; tls: string; user: string }): void {
  if (settings.tls === 'none' && settings.user.trim() !== '' && !isLoopbackHost(settings.host.trim())) {
    throw new TradewindError(
      'invalid_input',
      `Sending the SMTP password to ${settings.host} without encryption would expose it on the network: choose TLS or STARTTLS (or no user name for an unauthenticated local relay).`,
    );
  }
}

/**
 * A webhook URL must be https, except to this machine (a local receiver or a test fake): the
 * notifications, and the token a URL often carries in its path, would otherwise cross the network
 * in clear text.
 */
export function checkWebhookUrl(url: string): void {
  const target = URL.canParse(url) ? new URL(url) : null;
  if (!target) throw new TradewindError('invalid_input', 'The webhook URL is not a full URL such as https://example.com/hook.');
  if (target.protocol === 'https:' || (target.protocol === 'http:' && isLoopbackHost(target.hostname))) return;
  throw new TradewindError(
    'invalid_input',
    `The webhook URL must use https: plain ${target.protocol.replace(':', '')} to ${target.hostname} would send the notifications (and any token in the URL) unencrypted. Use the receiver's https:// address; http is allowed only to this machine (localhost, 127.0.0.1, [::1]).`,
  );
}
