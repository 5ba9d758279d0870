import { describe, expect, it, vi } from 'vitest';
import { APP_LINKS, ccxtExchangeLinks, createExternalLinkPolicy, linksOfExchange } from './external-links';

describe('links of one exchange (ccxt urls)', () => {
  it('takes the home pages as sites (without www.) and the API docs as prefixes; https only', () => {
    expect(
      linksOfExchange({
        www: 'https://www.example-exchange.com',
        doc: ['https://docs.example-exchange.com/api', 'http://old-docs.example-exchange.com/', 42],
        referral: 'https://example-exchange.com/ref?code=1',
        api: { public: 'https://api.example-exchange.com' },
      }),
    ).toEqual({ sites: ['example-exchange.com'], docs: ['https://docs.example-exchange.com/api'] });
    expect(linksOfExchange(undefined)).toEqual({ sites: [], docs: [] });
  });
});

describe('external link policy over the real ccxt catalogue', () => {
  const load = vi.fn(() => [APP_LINKS, ccxtExchangeLinks()]);
  const linkToOpen = createExternalLinkPolicy(load);

  it('builds the allowlist only when the first link is opened', () => {
    expect(load).not.toHaveBeenCalled();
    linkToOpen('https://www.binance.com/');
    linkToOpen('https://www.kraken.com/');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it.each([
    'https://www.binance.com/en/my/settings/api-management',
    'https://accounts.binance.com/en/login',
    'https://binance.com/',
    'https://developers.binance.com/en/docs',
    'https://www.kraken.com/u/security/api',
    'https://www.okx.com/account/my-api',
    'https://www.tradingview.com/',
  ])('opens %s', (url) => {
    expect(linkToOpen(url)).toBe(new URL(url).href);
  });

  it.each([
    'http://www.binance.com/',
    'https://binance.com.evil.example/',
    'https://evilbinance.com/',
    'https://user:pw@www.binance.com/',
    'https://phishing.example/binance',
    'https://github.com/attacker/payload',
    'file:///etc/passwd',
    'smb://host/share',
    'javascript:alert(1)',
    'ms-settings:',
    'not a url',
  ])('refuses %s', (url) => {
    expect(linkToOpen(url)).toBeNull();
  });

  it("opens documentation on a shared host only under the exchange's own path", () => {
    const onGithub = ccxtExchangeLinks()
      .docs.map((doc) => new URL(doc))
      .find((doc) => doc.hostname === 'github.com' && doc.pathname.length > 1);
    expect(onGithub, 'ccxt lists some API documentation on github.com').toBeDefined();
    const prefix = (onGithub as URL).href.replace(/\/+$/, '');
    expect(linkToOpen(`${prefix}/README.md`)).toBe(`${prefix}/README.md`);
    expect(linkToOpen(`${prefix}-fork/README.md`)).toBeNull();
  });
});
