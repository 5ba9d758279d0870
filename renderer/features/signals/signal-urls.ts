import type { SignalSettings, SignalSourceView } from '../../../shared/ipc/schemas/signals';

/**
 * Where senders post: the headless host serves signals on its own origin; the desktop app on
 * its opt-in loopback port (exposed to the internet only through a tunnel the person runs).
 */
export function listenerBase(settings: SignalSettings, origin: string): string | null {
  if (origin.startsWith('http://') || origin.startsWith('https://')) return origin;
  return settings.port === null ? null : `http://127.0.0.1:${settings.port}`;
}

export function signalUrl(base: string | null, source: SignalSourceView): string {
  return base === null ? source.path : `${base}${source.path}`;
}

/** The alert message to paste into TradingView (its placeholders are filled in when the alert fires). */
export function tradingViewTemplate(secret: string): string {
  return JSON.stringify(
    {
      ticker: '{{ticker}}',
      action: '{{strategy.order.action}}',
      contracts: '{{strategy.order.contracts}}',
      close: '{{close}}',
      timenow: '{{timenow}}',
      secret,
    },
    null,
    2,
  );
}
