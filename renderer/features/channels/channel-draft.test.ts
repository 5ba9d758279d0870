import { describe, expect, it } from 'vitest';
import type { ChannelView } from '../../../shared/ipc/schemas/channels';
import { draftOf, inputOf, newDraft } from './channel-draft';

describe('channel drafts', () => {
  it('names each wrong field in words a person can act on', () => {
    const draft = { ...newDraft('email'), name: '', host: '', port: '99999', from: 'not-an-address', to: 'me@example.com', user: 'me' };
    expect(inputOf(draft, false)).toEqual({
      problems: {
        name: 'Enter a value.',
        host: 'Enter a value.',
        port: 'At most 65535.',
        from: 'Must be an e-mail address such as me@example.com.',
        secret: 'Enter the SMTP password.',
      },
    });
    const telegram = { ...newDraft('telegram'), chatId: 'my chat', ratePerMinute: '0', quietEnabled: true, quietTimeZone: 'Mars/Base' };
    expect(inputOf(telegram, true)).toEqual({
      problems: {
        chatId: 'Must be a numeric chat id (e.g. 123456789 or -1001234567890) or @channelname.',
        ratePerMinute: 'At least 1.',
        quietTimeZone: 'Is not a time zone this computer knows; use an IANA name such as Europe/London or UTC.',
      },
    });
  });

  it('builds the contract input, keeping a stored secret when none is typed', () => {
    const draft = { ...newDraft('webhook'), name: 'Ops', url: 'https://example.com/hook', quietEnabled: true, quietTimeZone: 'UTC' };
    expect(inputOf(draft, true)).toEqual({
      input: {
        name: 'Ops',
        enabled: true,
        minLevel: 'info',
        ratePerMinute: 20,
        quietHours: { start: '22:00', end: '07:00', timeZone: 'UTC', criticalOverrides: true },
        settings: { kind: 'webhook', url: 'https://example.com/hook' },
      },
    });
    expect(inputOf({ ...draft, url: 'ftp://example.com' }, true)).toEqual({ problems: { url: 'Must start with http:// or https://.' } });
    expect(inputOf({ ...draft, url: 'not a url' }, true)).toEqual({
      problems: { url: 'Must be a full URL such as https://example.com/hook.' },
    });
  });

  it('round-trips a stored channel into the form', () => {
    const channel: ChannelView = {
      id: 'ch-1',
      name: 'Inbox',
      enabled: false,
      minLevel: 'warning',
      ratePerMinute: 5,
      quietHours: null,
      settings: { kind: 'email', host: 'smtp.example.com', port: 465, tls: 'tls', user: 'me', from: 'a@example.com', to: 'b@example.com' },
      hasSecret: true,
      createdAt: 1,
      updatedAt: 1,
      lastOutcome: null,
    };
    const result = inputOf(draftOf(channel), channel.hasSecret);
    expect(result).toEqual({
      input: { name: 'Inbox', enabled: false, minLevel: 'warning', ratePerMinute: 5, quietHours: null, settings: channel.settings },
    });
  });

  it('never sends a webhook’s masked address back: an empty URL keeps the stored one, a new one replaces it', () => {
    const channel: ChannelView = {
      id: 'ch-2',
      name: 'Ops',
      enabled: true,
      minLevel: 'info',
      ratePerMinute: 20,
      quietHours: null,
      settings: { kind: 'webhook', url: 'https://hooks.example.com/••••' },
      hasSecret: true,
      createdAt: 1,
      updatedAt: 1,
      lastOutcome: null,
    };
    const draft = draftOf(channel);
    expect(draft).toMatchObject({ url: '', storedUrl: 'https://hooks.example.com/••••' });
    expect(inputOf(draft, true)).toMatchObject({ input: { settings: { kind: 'webhook' } } });
    expect(inputOf(draft, true)).not.toMatchObject({ input: { settings: { url: expect.anything() } } });
    expect(inputOf({ ...draft, url: 'https://hooks.example.com/new' }, true)).toMatchObject({
      input: { settings: { kind: 'webhook', url: 'https://hooks.example.com/new' } },
    });
    // A new channel has nothing stored: its URL is required.
    expect(inputOf({ ...newDraft('webhook'), secret: 's' }, false)).toEqual({
      problems: { url: 'Must be a full URL such as https://example.com/hook.' },
    });
  });
});
