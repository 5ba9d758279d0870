import { describe, expect, it } from 'vitest';
import type { TrustedRequest } from '../core/trust/trusted-confirmer';
import { HostCodeConfirmer } from './host-code-confirmer';

const OFF: TrustedRequest = {
  action: 'confirmations.off',
  accountId: 'binance-1',
  title: 'Turn off order confirmations',
  detail: 'orders on "Main"',
};
const LIMITS: TrustedRequest = {
  action: 'limits.change',
  accountId: 'binance-1',
  title: 'Change limits',
  detail: 'per order 1,000 USD → 5,000 USD',
};

function setup() {
  const printed: string[] = [];
  let now = 1_000_000;
  const confirmer = new HostCodeConfirmer({ print: (line) => printed.push(line), now: () => now });
  const lastCode = () =>
    /CONFIRMATION CODE (\d{3})-(\d{3})/
      .exec(printed.at(-1) ?? '')!
      .slice(1)
      .join('');
  return { confirmer, printed, lastCode, advance: (ms: number) => (now += ms) };
}

describe('HostCodeConfirmer', () => {
  it('prints a 6-digit code naming the request and approves it once', async () => {
    const { confirmer, printed, lastCode } = setup();
    expect(await confirmer.confirm(OFF, undefined)).toMatchObject({ approved: false, code: 'confirmation_code_required' });
    expect(printed).toEqual([
      expect.stringMatching(
        /^tradewind serve: CONFIRMATION CODE \d{3}-\d{3} — Turn off order confirmations: orders on "Main"\. Valid 2 min, once\./,
      ),
    ]);
    const code = lastCode();
    expect(await confirmer.confirm(OFF, `${code.slice(0, 3)} ${code.slice(3)}`)).toEqual({
      approved: true,
      how: 'with the code printed by the headless host',
    });
    expect(await confirmer.confirm(OFF, code)).toMatchObject({ approved: false, code: 'confirmation_code_invalid' });
  });

  it('binds the code to the exact request and lets it expire', async () => {
    const { confirmer, lastCode, advance } = setup();
    await confirmer.confirm(OFF, undefined);
    const code = lastCode();
    expect(await confirmer.confirm(LIMITS, code)).toMatchObject({ approved: false, code: 'confirmation_code_invalid' });
    expect(await confirmer.confirm({ ...OFF, detail: 'orders on "Other"' }, code)).toMatchObject({
      approved: false,
      code: 'confirmation_code_invalid',
    });
    advance(2 * 60_000);
    expect(await confirmer.confirm(OFF, code)).toMatchObject({ approved: false, message: expect.stringContaining('No valid code') });
  });

  it('binds to the subject when the wording holds a live figure (a capital that moved with the price)', async () => {
    const { confirmer, lastCode } = setup();
    const start: TrustedRequest = {
      action: 'bot.live_start',
      accountId: 'binance-1',
      title: 'Start the live bot "G"',
      detail: 'with up to 995.10 USDT',
      subject: 'bot-1|settings',
    };
    await confirmer.confirm(start, undefined);
    const code = lastCode();
    expect(await confirmer.confirm({ ...start, detail: 'with up to 995.20 USDT', subject: 'bot-2|settings' }, code)).toMatchObject({
      approved: false,
    });
    expect(await confirmer.confirm({ ...start, detail: 'with up to 995.20 USDT' }, code)).toMatchObject({ approved: true });
  });

  it('voids a code after 5 wrong tries and caps wrong tries and new codes per minute', async () => {
    const { confirmer, lastCode, advance } = setup();
    await confirmer.confirm(OFF, undefined);
    const code = lastCode();
    const wrong = code === '000000' ? '111111' : '000000';
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await confirmer.confirm(OFF, wrong));
    expect(answers.map((a) => (a.approved ? 'ok' : a.message))).toEqual([
      'That is not the code the host printed for "Turn off order confirmations" (4 tries left).',
      'That is not the code the host printed for "Turn off order confirmations" (3 tries left).',
      'That is not the code the host printed for "Turn off order confirmations" (2 tries left).',
      'That is not the code the host printed for "Turn off order confirmations" (1 tries left).',
      'Wrong code 5 times: that code is void. Try again without a code to get a new one.',
    ]);
    expect(await confirmer.confirm(OFF, code)).toMatchObject({ approved: false, code: 'confirmation_code_invalid' });

    // Five more wrong tries on a new code: the host-wide cap of 10 a minute is reached, even the right code waits.
    await confirmer.confirm(OFF, undefined);
    const second = lastCode();
    const wrong2 = second === '000000' ? '111111' : '000000';
    for (let i = 0; i < 4; i++) await confirmer.confirm(OFF, wrong2);
    await confirmer.confirm(LIMITS, undefined);
    await confirmer.confirm(LIMITS, lastCode() === '222222' ? '333333' : '222222');
    expect(await confirmer.confirm(OFF, second)).toMatchObject({
      approved: false,
      message: expect.stringContaining('Too many wrong confirmation codes'),
    });
    advance(60_000);
    expect(await confirmer.confirm(OFF, second)).toMatchObject({ approved: true });

    for (let i = 0; i < 10; i++) await confirmer.confirm({ ...OFF, detail: `n${i}` }, undefined);
    expect(await confirmer.confirm(OFF, undefined)).toMatchObject({
      approved: false,
      code: 'confirmation_code_invalid',
      message: expect.stringContaining('Too many confirmation codes'),
    });
  });
});
