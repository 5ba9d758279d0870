import type { copyFeedMethods } from '../../../shared/ipc/schemas/copy-feed';
import type { FeedPublisher } from '../copy/feed/feed-publisher';
import type { Handlers } from './dispatch';

type CopyFeedHandlers = Pick<Handlers, keyof typeof copyFeedMethods>;

/** Signed feeds this host publishes (copy/feed/). */
export function createCopyFeedHandlers(feeds: FeedPublisher): CopyFeedHandlers {
  return {
    'copy.feeds.list': () => feeds.list(),
    'copy.feeds.create': (input) => feeds.create(input),
    'copy.feeds.delete': async ({ id }) => ({ deleted: await feeds.delete(id) }),
  };
}
