import { ConfigError, loadConfig } from '../../src/config/app-config.js';
import { trustProxySetting } from '../../src/config/trust-proxy.js';
import { startApp, type TestApp } from '../support/test-app.js';

/** Requests from three clients behind one proxy on loopback (supertest's address), two allowed a minute each. */
async function statusesBehindProxy(t: TestApp): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = {};
  for (const client of ['203.0.113.7', '203.0.113.7', '203.0.113.7', '198.51.100.9', '198.51.100.9']) {
    // /me without a token answers 401, which still counts: the limiter runs first.
    const res = await t.http.get('/me').set('X-Forwarded-For', client);
    (out[client] ??= []).push(res.status);
  }
  return out;
}

describe('the rate limit behind a reverse proxy', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('with TRUST_PROXY, keys on the client X-Forwarded-For names', async () => {
    t = await startApp({ RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: 'loopback' });
    expect(await statusesBehindProxy(t)).toEqual({ '203.0.113.7': [401, 401, 429], '198.51.100.9': [401, 401] });
  });

  it('with a number of hops, takes the address that many proxies in', async () => {
    t = await startApp({ RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: '1' });
    expect(await statusesBehindProxy(t)).toEqual({ '203.0.113.7': [401, 401, 429], '198.51.100.9': [401, 401] });
  });

  it('without TRUST_PROXY, ignores X-Forwarded-For: every client behind the proxy shares its limit', async () => {
    t = await startApp({ RATE_LIMIT_PER_MINUTE: '2' });
    expect(await statusesBehindProxy(t)).toEqual({ '203.0.113.7': [401, 401, 429], '198.51.100.9': [429, 429] });
  });
});

describe('TRUST_PROXY', () => {
  it('takes booleans, hop counts and lists of addresses, subnets and range names', () => {
    expect(trustProxySetting('false')).toBe(false);
    expect(trustProxySetting('true')).toBe(true);
    expect(trustProxySetting('2')).toBe(2);
    expect(trustProxySetting('loopback, 10.0.0.0/8,fd00::/8, 192.168.0.0/255.255.0.0')).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8', '192.168.0.0/255.255.0.0']);
    for (const ok of ['loopback', '1', 'false', '10.1.2.3', '10.0.0.0/8,uniquelocal']) expect(loadConfig({ TRUST_PROXY: ok }).TRUST_PROXY).toBe(ok);
  });

  it('refuses anything else at start, naming the bad entry', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'loopbak' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: 'loopbak' })).toThrow(/TRUST_PROXY="loopbak": "loopbak" is not an address/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/"10.0.0.0\/33": the mask/);
    expect(() => loadConfig({ TRUST_PROXY: '-1' })).toThrow(/TRUST_PROXY/);
  });
});
