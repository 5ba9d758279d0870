// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelView, DeliveryView } from '../../../shared/ipc/schemas/channels';
import { TradewindError } from '../../../shared/ipc/errors';
import { createRpcClient } from '../../lib/ipc/client';
import { useStore } from '../../store';
import { MemoryBridge } from '../../test-utils/memory-bridge';
import { accessibleName, byRole, maybeByRole } from '../../test-utils/queries';
import { byTestId, click, flush, render, typeInto, type Rendered } from '../../test-utils/render';
import { ChannelsDialog } from './ChannelsDialog';

let bridge: MemoryBridge;
let view: Rendered | null = null;
let channels: ChannelView[];
let log: DeliveryView[];

beforeEach(async () => {
  useStore.setState(useStore.getInitialState(), true);
  channels = [];
  log = [];
  bridge = new MemoryBridge({
    'channels.list': () => channels,
    'channels.deliveries': () => log,
    'channels.create': (input) => {
      const { secret, ...fields } = input;
      const channel: ChannelView = {
        ...(fields as Omit<ChannelView, 'id' | 'hasSecret' | 'createdAt' | 'updatedAt' | 'lastOutcome'>),
        id: 'ch-1',
        hasSecret: secret !== undefined,
        createdAt: 1,
        updatedAt: 1,
        lastOutcome: null,
      };
      channels = [channel];
      return channel;
    },
    'channels.test': () => {
      throw new TradewindError('keychain', 'The keychain is locked: unlock it and try again.');
    },
  });
  view = render(<ChannelsDialog onClose={() => {}} />, createRpcClient(bridge));
  await flush();
});

afterEach(() => {
  view?.unmount();
  view = null;
  document.body.innerHTML = '';
});

const input = (name: string) => byRole<HTMLInputElement>(document.body, 'textbox', name);

describe('ChannelsDialog', () => {
  it('says what to do when there are no channels, validates the webhook form, and adds the channel', async () => {
    expect(document.body.textContent).toContain('No channels yet. Add Telegram, a webhook or e-mail');
    click(byRole(document.body, 'button', 'Add Webhook'));
    typeInto(input('URL'), 'ftp://example.com/hook');
    click(byRole(document.body, 'button', 'Add channel'));
    await flush();
    expect(input('URL').getAttribute('aria-invalid')).toBe('true');
    expect(document.body.textContent).toContain('Must start with http:// or https://.');
    expect(document.body.textContent).toContain('Enter the signing secret.');
    expect(bridge.callsOf('channels.create')).toEqual([]);

    typeInto(input('URL'), 'https://example.com/hook');
    typeInto(document.querySelector<HTMLInputElement>('input[type="password"]')!, 'whsec-1');
    click(byRole(document.body, 'button', 'Add channel'));
    await flush();
    expect(bridge.callsOf('channels.create')).toEqual([
      expect.objectContaining({ name: 'Webhook', settings: { kind: 'webhook', url: 'https://example.com/hook' }, secret: 'whsec-1' }),
    ]);
    expect(maybeByRole(document.body, 'form')).toBeNull();
    expect(byRole(document.body, 'list', 'Channels').textContent).toContain('Webhook · example.com');
  });

  it('shows a send test failure and the delivery log with the reason', async () => {
    channels = [
      {
        id: 'ch-1',
        name: 'Phone',
        enabled: true,
        minLevel: 'info',
        ratePerMinute: 20,
        quietHours: null,
        settings: { kind: 'telegram', chatId: '123456789' },
        hasSecret: true,
        createdAt: 1,
        updatedAt: 1,
        lastOutcome: 'failed',
      },
    ];
    log = [
      {
        id: 1,
        channelId: 'ch-1',
        at: 1_000,
        notificationId: 'n1',
        title: 'Buy order filled',
        attempt: 1,
        outcome: 'failed',
        reason: 'Telegram said 401 Unauthorized: the bot token is wrong.',
      },
    ];
    bridge.emit('channels.delivery', log[0]!);
    await flush();
    click(byRole(document.body, 'button', 'Send test to Phone'));
    await flush();
    expect(byRole(document.body, 'alert').textContent).toBe('The keychain is locked: unlock it and try again.');
    const table = byTestId(document.body, 'channel-log');
    expect(table.textContent).toContain('Telegram said 401 Unauthorized: the bot token is wrong.');
    expect(accessibleName(byRole(document.body, 'checkbox', 'Phone enabled'))).toBe('Phone enabled');
  });
});
