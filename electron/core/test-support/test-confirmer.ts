import type { TrustedConfirmer, TrustedRequest, TrustedVerdict } from '../trust/trusted-confirmer';

/**
 * A scripted stand-in for the person at the host's native dialog / terminal, injected through
 * CoreOptions.trustedConfirmer. It records every request so tests can check what was asked.
 * 'timeout' never answers (the gate's time-out decides).
 */
export class TestConfirmer implements TrustedConfirmer {
  readonly requests: TrustedRequest[] = [];

  constructor(public answer: 'approve' | 'deny' | 'timeout' = 'approve') {}

  confirm(request: TrustedRequest): Promise<TrustedVerdict> {
    this.requests.push(request);
    if (this.answer === 'timeout') return new Promise<TrustedVerdict>(() => {});
    if (this.answer === 'deny')
      return Promise.resolve({ approved: false, code: 'confirmation_denied', message: `${request.title} was refused at the host.` });
    return Promise.resolve({ approved: true, how: 'by the test confirmer' });
  }
}
