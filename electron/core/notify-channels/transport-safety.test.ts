import { describe, expect, it } from 'vitest';
import { checkSmtpTransport, checkTelegramApiUrl, checkWebhookUrl } from './transport-safety';

describe('channel transport safety', () => {
  it('takes an https or loopback Telegram API URL and refuses one that would leak bot tokens', () => {
    expect(checkTelegramApiUrl('https://tg-proxy.example.com')).toBe('https://tg-proxy.example.com');
    expect(checkTelegramApiUrl('http://127.0.0.1:8081')).toBe('http://127.0.0.1:8081');
    expect(() => checkTelegramApiUrl('http://tg-proxy.example.com')).toThrow(
      'TRADEWIND_TELEGRAM_API: http://tg-proxy.example.com is not https and not loopback; bot tokens would cross the network unencrypted.',
    );
    expect(() => checkTelegramApiUrl('api.telegram.org')).toThrow("TRADEWIND_TELEGRAM_API: 'api.telegram.org' is not a URL.");
  });

  it('refuses an SMTP login without TLS to another machine, and allows a local relay', () => {
    expect(() => checkSmtpTransport({ host: 'smtp.example.com', tls: 'none', user: 'me' })).toThrow(/without encryption/);
    expect(() => checkSmtpTransport({ host: 'localhost', tls: 'none', user: 'me' })).not.toThrow();
    expect(() => checkSmtpTransport({ host: 'smtp.example.com', tls: 'none', user: '' })).not.toThrow();
    expect(() => checkSmtpTransport({ host: 'smtp.example.com', tls: 'starttls', user: 'me' })).not.toThrow();
  });
});

describe('webhook URL', () => {
  it('takes https anywhere and http only to this machine; refuses plain http to another host, saying what to do', () => {
    expect(() => checkWebhookUrl('https://hooks.slack.com/services/T0/B0/xyz')).not.toThrow();
    expect(() => checkWebhookUrl('http://127.0.0.1:9000/hook')).not.toThrow();
    expect(() => checkWebhookUrl('http://localhost/hook')).not.toThrow();
    expect(() => checkWebhookUrl('http://[::1]:8080/hook')).not.toThrow();
    expect(() => checkWebhookUrl('http://hooks.example.com/T0/secret')).toThrow(
      /The webhook URL must use https: plain http to hooks\.example\.com would send .* unencrypted\. Use the receiver's https:\/\/ address/,
    );
    expect(() => checkWebhookUrl('ftp://files.example.com/x')).toThrow(/must use https/);
  });
});
