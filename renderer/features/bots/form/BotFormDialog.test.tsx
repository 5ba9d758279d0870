// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BotInput, BotIssue } from '../../../../shared/ipc/schemas/bots';
import { createRpcClient } from '../../../lib/ipc/client';
import { useStore } from '../../../store';
import { LIVE_ACCOUNT, PAPER_ACCOUNT, market, marketList } from '../../../test-utils/fixtures';
import { MemoryBridge } from '../../../test-utils/memory-bridge';
import { byRole, choose, maybeByRole } from '../../../test-utils/queries';
import { click, flush, render, typeInto, type Rendered } from '../../../test-utils/render';
import { gridBot } from '../test-fixtures';
import { BotFormDialog } from './BotFormDialog';
import { VALIDATE_DEBOUNCE_MS } from './use-bot-validation';

let bridge: MemoryBridge;
let view: Rendered | null = null;
let issuesFor: (input: BotInput) => BotIssue[];
let saved: unknown[];

async function settle() {
  act(() => {
    vi.advanceTimersByTime(VALIDATE_DEBOUNCE_MS);
  });
  await flush();
}

const dialog = () => byRole(document, 'dialog');
const field = (label: string | RegExp) => byRole<HTMLInputElement>(dialog(), 'textbox', label);
/** The issues shown under a setting, found through the input's aria-describedby. */
function issuesOf(input: HTMLElement): string[] {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(/\s+/);
  return ids
    .map((id) => document.getElementById(id))
    .filter((element): element is HTMLElement => element?.dataset.testid === 'field-issues')
    .flatMap((element) => [...element.querySelectorAll('li')].map((item) => item.textContent ?? ''));
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  useStore.setState(useStore.getInitialState(), true);
  useStore.getState().setAccounts([PAPER_ACCOUNT, LIVE_ACCOUNT]);
  issuesFor = () => [];
  saved = [];
  bridge = new MemoryBridge({
    'markets.list': () => marketList([market('BTC/USDT'), market('ETH/USDT')]),
    'strategies.list': () => [{ id: 'st_1', name: 'SMA cross', createdAt: 1, updatedAt: 1, blocks: 4, errors: 0 }],
    'bots.validate': ({ input }) => ({ issues: issuesFor(input), capitalRequired: 1000, ordersPerMinute: 2.5 }),
    'bots.create': (input) => {
      saved.push(input);
      return gridBot({ id: 'bot-new', name: input.name, config: input.config, risk: input.risk });
    },
    'bots.update': ({ id, input }) => {
      saved.push({ id, input });
      return gridBot({ id, name: input.name, config: input.config });
    },
  });
});

afterEach(() => {
  view?.unmount();
  view = null;
  document.body.innerHTML = '';
  vi.useRealTimers();
});

function open(props: Partial<Parameters<typeof BotFormDialog>[0]> = {}) {
  view = render(<BotFormDialog onClose={() => {}} onSaved={() => {}} {...props} />, createRpcClient(bridge));
}

async function fillGrid() {
  typeInto(field('Name'), 'Range');
  typeInto(field(/^Lower price/), '30000');
  typeInto(field(/^Upper price/), '34000');
  typeInto(field('Levels'), '5');
  await settle();
}

describe('bot form', () => {
  it('shows core’s issues next to their fields, with the capital required and orders per minute', async () => {
    issuesFor = (input) =>
      input.config.kind === 'grid' && input.config.levels > 4
        ? [
            {
              severity: 'error',
              field: 'config.levels',
              message: '5 levels need 5 orders of at least 10 USDT: 50 USDT, more than the investment allows per level.',
            },
            { severity: 'warning', field: 'risk.capitalCap', message: 'The cap is below the investment.' },
            { severity: 'error', field: 'market', message: 'Trading in BTC/USDT is halted.' },
          ]
        : [];
    open();
    await flush();
    await fillGrid();
    const calls = bridge.callsOf('bots.validate') as Array<{ input: BotInput }>;
    expect(calls).toHaveLength(1);
    expect(calls[0]!.input).toMatchObject({
      name: 'Range',
      accountId: PAPER_ACCOUNT.id,
      symbol: 'BTC/USDT',
      mode: 'paper',
      config: { kind: 'grid', lower: 30000, upper: 34000, levels: 5 },
    });

    expect(issuesOf(field('Levels'))).toEqual([
      '5 levels need 5 orders of at least 10 USDT: 50 USDT, more than the investment allows per level.',
    ]);
    expect(field('Levels').getAttribute('aria-invalid')).toBe('true');
    expect(issuesOf(field(/^Capital cap/))).toEqual(['The cap is below the investment.']);
    // An issue no field shows is listed at the top.
    expect(document.querySelector('[data-testid="general-issues"]')?.textContent).toContain('Trading in BTC/USDT is halted.');
    const estimates = document.querySelector('[data-testid="bot-estimates"]')!.textContent;
    expect(estimates).toContain('Capital required1,000.00 USDT');
    expect(estimates).toContain('Orders per minute2.5');
    expect(byRole<HTMLButtonElement>(dialog(), 'button', 'Create bot').disabled).toBe(true);

    typeInto(field('Levels'), '4');
    await settle();
    expect(issuesOf(field('Levels'))).toEqual([]);
    expect(byRole<HTMLButtonElement>(dialog(), 'button', 'Create bot').disabled).toBe(false);
  });

  it('catches what the contract refuses before asking core, naming the field', async () => {
    open();
    await flush();
    await fillGrid();
    const before = bridge.callsOf('bots.validate').length;
    typeInto(field('Levels'), '2');
    typeInto(field(/^Investment/), 'lots');
    typeInto(field(/^Market/), 'DOGE/USDT');
    await settle();
    expect(bridge.callsOf('bots.validate')).toHaveLength(before);
    expect(issuesOf(field('Levels'))).toEqual(['At least 3.']);
    expect(issuesOf(field(/^Investment/))).toEqual(['"lots" is not a number: type digits with an optional decimal point (e.g. 100.5).']);
    expect(issuesOf(field(/^Market/))).toEqual(['DOGE/USDT is not a market of this account; pick one from the list.']);
  });

  it('creates the bot with the typed settings, per kind', async () => {
    const onSaved = vi.fn();
    open({ onSaved });
    await flush();
    expect(document.activeElement).toBe(field('Name'));
    click(byRole(dialog(), 'radio', 'Strategy'));
    typeInto(field('Name'), 'Trend');
    choose(byRole<HTMLSelectElement>(dialog(), 'combobox', 'Strategy'), 'st_1');
    typeInto(field(/^Capital per entry/), '250');
    await settle();
    click(byRole(dialog(), 'button', 'Create bot'));
    await flush();
    expect(saved).toEqual([
      {
        name: 'Trend',
        accountId: PAPER_ACCOUNT.id,
        symbol: 'BTC/USDT',
        timeframe: '5m',
        mode: 'paper',
        config: { kind: 'strategy', strategyId: 'st_1', capital: 250 },
        risk: { capitalCap: 1500, maxOpenOrders: 50, maxDailyLoss: null },
      },
    ]);
    expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ id: 'bot-new', name: 'Trend' }));
    expect(useStore.getState().botsById['bot-new']?.name).toBe('Trend');
  });

  it('says, on a perpetual swap, how shorts, leverage and funding go and that backtests model no liquidation', async () => {
    open();
    await flush();
    click(byRole(dialog(), 'radio', 'Strategy'));
    expect(dialog().querySelector('[data-testid="perpetual-note"]')).toBeNull();
    typeInto(field('Market'), 'btc/usdt:usdt');
    await settle();
    const note = dialog().querySelector('[data-testid="perpetual-note"]')?.textContent ?? '';
    expect(note).toContain('USDT perpetual at 1× leverage');
    expect(note).toContain('“Exit short” buys the whole short back reduce-only');
    expect(note).toContain('Funding is not modelled');
    expect(note).toContain('Backtests model no liquidation.');
    expect(byRole(dialog(), 'textbox', /^Capital per entry/).parentElement?.textContent).toContain('USDT');
  });

  it('edits a stopped bot, and locks the settings of one that is running, saying why', async () => {
    const bot = gridBot();
    useStore.getState().setBots([bot]);
    open({ bot });
    await flush();
    expect(field('Levels').value).toBe('5');
    typeInto(field('Levels'), '7');
    await settle();
    expect((bridge.callsOf('bots.validate') as Array<{ id?: string }>).at(-1)?.id).toBe(bot.id);

    act(() => useStore.getState().applyBotViews([{ ...bot, state: 'running', startedAt: 1 }]));
    expect(byRole(dialog(), 'status', /Stop the bot to change its settings/)).toBeTruthy();
    expect(field('Levels').closest('fieldset')?.disabled).toBe(true);
    expect(byRole<HTMLButtonElement>(dialog(), 'button', 'Save settings').disabled).toBe(true);

    act(() => useStore.getState().applyBotViews([bot]));
    click(byRole(dialog(), 'button', 'Save settings'));
    await flush();
    expect(saved).toEqual([{ id: bot.id, input: expect.objectContaining({ config: expect.objectContaining({ levels: 7 }) }) }]);
    expect(maybeByRole(dialog(), 'alert')).toBeNull();
  });

  it('shows no problems before the person types, then words them for people', async () => {
    issuesFor = () => [{ severity: 'error', field: 'risk.capitalCap', message: 'The cap is too low.' }];
    open();
    await flush();
    await settle();
    // The fresh form has no name yet: nothing red until something was typed.
    expect(issuesOf(field('Name'))).toEqual([]);
    expect(document.querySelectorAll('[data-testid="field-issues"]')).toHaveLength(0);
    typeInto(field('Name'), 'x'.repeat(81));
    await settle();
    expect(issuesOf(field('Name'))).toEqual(['Use at most 80 characters.']);
    typeInto(field('Name'), 'Range');
    typeInto(field(/^Lower price/), '0x10');
    await settle();
    expect(issuesOf(field(/^Lower price/))[0]).toMatch(/"0x10" is not a number/);
    typeInto(field(/^Lower price/), '30000');
    typeInto(field(/^Upper price/), '34000');
    await settle();
    expect(document.querySelector('[data-testid="bot-estimates"]')!.textContent).toContain(
      '1 setting needs changing against the market: see the marked fields.',
    );
  });

  it('asks for a confirmation when core says the grid step does not cover the fees', async () => {
    const loss = 'Grid step 0.065 % is not above the round-trip fee 0.2 %: every cycle loses money.';
    issuesFor = (input) =>
      input.config.kind === 'grid'
        ? [{ severity: input.config.acceptFeeLoss ? 'warning' : 'error', field: 'config.acceptFeeLoss', message: loss }]
        : [];
    open();
    await flush();
    await fillGrid();
    const confirm = byRole<HTMLInputElement>(dialog(), 'checkbox', /accept that every cycle loses money/);
    expect(byRole<HTMLButtonElement>(dialog(), 'button', 'Create bot').disabled).toBe(true);
    expect(document.querySelector('[data-field="config.acceptFeeLoss"]')?.textContent).toContain(loss);
    click(confirm);
    await settle();
    expect(byRole<HTMLButtonElement>(dialog(), 'button', 'Create bot').disabled).toBe(false);
    click(byRole(dialog(), 'button', 'Create bot'));
    await flush();
    expect(saved).toEqual([expect.objectContaining({ config: expect.objectContaining({ acceptFeeLoss: true }) })]);
  });

  it('previews the grid levels', async () => {
    open();
    await flush();
    await fillGrid();
    const preview = document.querySelector('[data-testid="grid-preview"]')!;
    expect([...preview.querySelectorAll('li')].map((item) => item.textContent)).toEqual([
      '34,000.00',
      '33,000.00',
      '32,000.00',
      '31,000.00',
      '30,000.00',
    ]);
  });
});
