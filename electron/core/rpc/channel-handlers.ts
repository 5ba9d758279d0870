import type { channelMethods } from '../../../shared/ipc/schemas/channels';
import type { ChannelService } from '../notify-channels/channel-service';
import type { Handlers } from './dispatch';

type ChannelHandlers = Pick<Handlers, keyof typeof channelMethods>;

/** Alert delivery channels (Telegram, webhook, e-mail): settings, send test and the delivery log. */
export function createChannelHandlers(channels: ChannelService): ChannelHandlers {
  return {
    'channels.list': () => channels.list(),
    'channels.create': (input) => channels.create(input),
    'channels.update': (input) => channels.update(input),
    'channels.delete': ({ id }) => channels.delete(id),
    'channels.test': ({ id }) => channels.test(id),
    'channels.deliveries': (filter) => channels.deliveries(filter),
  };
}
