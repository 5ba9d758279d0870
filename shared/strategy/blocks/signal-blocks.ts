import type { BlockDefinition } from '../block-types';
import { port } from './spec-helpers';

/**
 * Which received signals count: TradingView's `strategy.order.action` (buy / sell, "close" and
 * "exit" words read as a sell) and the Tradewind actions (buy and open are buys; sell and close
 * are sells). start_bot / stop_bot never count.
 */
export const SIGNAL_ACTION_FILTERS = ['buy', 'sell', 'any'] as const;
export type SignalActionFilter = (typeof SIGNAL_ACTION_FILTERS)[number];
export type SignalDirection = 'buy' | 'sell';

/** The direction of a parsed signal action, or null for the actions that are not trades. */
export function signalDirection(action: string): SignalDirection | null {
  if (action === 'buy' || action === 'open') return 'buy';
  if (action === 'sell' || action === 'close') return 'sell';
  return null;
}

/** Markets as the exchange writes them, e.g. BTC/USDT or BTC/USDT:USDT. */
export const MARKET_PATTERN = /^[A-Za-z0-9]{1,20}\/[A-Za-z0-9]{1,20}(:[A-Za-z0-9]{1,20})?$/;
/** Signal source ids as core creates them. */
export const SIGNAL_SOURCE_PATTERN = /^sig_[0-9a-f]{16}$/;

export const signalReceivedBlock: BlockDefinition = {
  type: 'signalReceived',
  category: 'signal',
  title: 'Signal received',
  description:
    "True on the bar during which an accepted signal arrived from the chosen source (a TradingView alert or a Tradewind signal posted to its URL): a signal inside bar t makes the block true when bar t closes, never earlier. Refused signals never count. Backtests replay the source's signal log.",
  inputs: [],
  outputs: [port('value', 'boolean', 'Received', 'True on bars during which a matching signal arrived.')],
  params: [
    {
      name: 'source',
      kind: 'text',
      format: 'signalSource',
      title: 'Source',
      description: 'The signal source (Signals → sources) whose signals this block listens to.',
      default: '',
      optional: false,
    },
    {
      name: 'action',
      kind: 'choice',
      title: 'Action',
      description: 'Which signals count: buys (buy, open, TradingView buy), sells (sell, close, exit) or any trade signal.',
      options: [
        { value: 'buy', title: 'Buy' },
        { value: 'sell', title: 'Sell' },
        { value: 'any', title: 'Buy or sell' },
      ],
      default: 'buy',
    },
    {
      name: 'market',
      kind: 'text',
      format: 'market',
      title: 'Market',
      description: 'Only signals for this market (e.g. BTC/USDT) count; empty: the market the strategy runs on.',
      default: '',
      optional: true,
    },
  ],
};
