/**
 * How core asks a person to confirm an action that weakens safety, OUTSIDE the renderer (which is
 * treated as potentially compromised). Core defines the interface; each host implements it with
 * something the renderer cannot reach: Electron main a native dialog, the headless host a one-time
 * code printed on its own terminal. Core never imports a host: it gets one through CoreOptions.
 */

/** The weakening actions (see docs/ARCHITECTURE.md, "Trusted confirmations"). */
export type TrustedAction =
  | 'confirmations.off'
  | 'key.withdraw'
  | 'key.unverifiable'
  | 'bot.live_start'
  | 'limits.change'
  | 'backup.restore'
  | 'agent.live_scope'
  | 'copy.live_follow';

export interface TrustedRequest {
  action: TrustedAction;
  /** The account concerned; null while a new account does not exist yet (its key is being added). */
  accountId: string | null;
  /** Short title: "Turn off order confirmations". */
  title: string;
  /** Exactly what is being allowed: account, market, amounts. Shown verbatim by the host. */
  detail: string;
  /**
   * What a confirmation is bound to when `detail` holds a live figure (a grid's capital moves with
   * the price between asking and confirming): a stable identity of the request. Default: title + detail.
   */
  subject?: string;
}

export type TrustedVerdict =
  | { approved: true; how: string }
  | {
      approved: false;
      /** confirmation_code_required: a code was printed and must be typed back; the others refuse. */
      code: 'confirmation_code_required' | 'confirmation_code_invalid' | 'confirmation_denied';
      message: string;
    };

export interface TrustedConfirmer {
  /**
   * Asks the person. `code` is what the caller typed back (headless host); hosts that ask
   * directly (a native dialog) ignore it. Must not throw for a refusal: return a verdict.
   */
  confirm(request: TrustedRequest, code: string | undefined): Promise<TrustedVerdict>;
}

/** Used when a host gave none: every weakening action is refused with what to do. */
export const NO_TRUSTED_CONFIRMER: TrustedConfirmer = {
  confirm: (request) =>
    Promise.resolve({
      approved: false,
      code: 'confirmation_denied',
      message: `${request.title} needs a confirmation from the Tradewind host (a native dialog in the desktop app, or a code printed by "tradewind serve"), and this host has none: it was not done.`,
    }),
};
