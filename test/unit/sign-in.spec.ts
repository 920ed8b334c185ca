import { ConfigError, loadConfig } from '../../src/config/app-config.js';
import { firstRunLinkBase } from '../../src/directory/demo-seed.js';
import { csrfMatches, isUnsafe, sessionCookieOf } from '../../src/sign-in/session-cookie.js';
import { linkUrl } from '../../src/sign-in/sign-in-links.js';
import { afterFailure, SLOWDOWN, waitLeft, type FailureCount } from '../../src/sign-in/slowdown.js';

const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);

/** The counts after failures at these times (ms from the start). */
function failures(...times: number[]): FailureCount {
  let c: FailureCount | null = null;
  for (const t of times) c = afterFailure(c, at(t));
  return c!;
}

describe('slowing down repeated sign-in failures', () => {
  it('lets four failures pass, makes the fifth wait a minute, and doubles the wait after that', () => {
    expect(failures(0, 1, 2, 3).blockedUntil).toBeNull();
    expect(failures(0, 1, 2, 3, 4).blockedUntil).toEqual(at(4 + 60_000));
    expect(failures(0, 1, 2, 3, 4, 60_004).blockedUntil).toEqual(at(60_004 + 120_000));
    expect(failures(0, 1, 2, 3, 4, 60_004, 180_004).blockedUntil).toEqual(at(180_004 + 240_000));
  });

  it('caps the wait at an hour', () => {
    let c: FailureCount | null = null;
    let t = 0;
    for (let i = 0; i < 40; i++) {
      c = afterFailure(c, at(t));
      t = c.blockedUntil ? c.blockedUntil.getTime() - at(0).getTime() : t + 1;
    }
    expect(c!.failures).toBe(40);
    expect(c!.blockedUntil!.getTime() - c!.lastFailureAt.getTime()).toBe(SLOWDOWN.MAX_WAIT_MS);
  });

  it('starts a new series after 15 minutes without a failure, counted from the end of the last wait', () => {
    expect(failures(0, 1, 2, 3, SLOWDOWN.WINDOW_MS + 3).failures).toBe(1);
    expect(failures(0, 1, 2, 3, SLOWDOWN.WINDOW_MS + 2).failures).toBe(5);
    // Waiting a minute and then some is still the same series: the next failure doubles.
    const waited = failures(0, 1, 2, 3, 4);
    expect(afterFailure(waited, at(4 + 60_000 + SLOWDOWN.WINDOW_MS - 1)).failures).toBe(6);
    expect(afterFailure(waited, at(4 + 60_000 + SLOWDOWN.WINDOW_MS)).failures).toBe(1);
  });

  it('says how long is left', () => {
    const c = failures(0, 1, 2, 3, 4);
    expect(waitLeft(c, at(4))).toBe(60_000);
    expect(waitLeft(c, at(60_003))).toBe(1);
    expect(waitLeft(c, at(60_004))).toBe(0);
    expect(waitLeft(undefined, at(0))).toBe(0);
  });
});

describe('the session cookie', () => {
  it('is found among other cookies, and only by its exact name', () => {
    expect(sessionCookieOf({ headers: { cookie: 'theme=dark; session=abc_-1; lang=vi' } })).toBe('abc_-1');
    expect(sessionCookieOf({ headers: { cookie: 'mysession=x; session_old=y' } })).toBeUndefined();
    expect(sessionCookieOf({ headers: { cookie: 'session=' } })).toBeUndefined();
    expect(sessionCookieOf({ headers: {} })).toBeUndefined();
  });

  it('needs the CSRF header on every method but GET, HEAD and OPTIONS, compared exactly', () => {
    expect(['POST', 'PUT', 'PATCH', 'DELETE', 'post'].map(isUnsafe)).toEqual([true, true, true, true, true]);
    expect(['GET', 'HEAD', 'OPTIONS'].map(isUnsafe)).toEqual([false, false, false]);
    expect(csrfMatches('abc', 'abc')).toBe(true);
    expect(csrfMatches('abd', 'abc')).toBe(false);
    expect(csrfMatches('ab', 'abc')).toBe(false);
    expect(csrfMatches(['abc', 'abc'], 'abc')).toBe(false);
    expect(csrfMatches(undefined, 'abc')).toBe(false);
  });
});

describe('link addresses', () => {
  it('put the token in the fragment of the console page', () => {
    expect(linkUrl('https://console.example.gov.vn/', 'tok')).toBe('https://console.example.gov.vn/app/link#tok');
    expect(linkUrl('http://10.0.0.5:3000', 'tok')).toBe('http://10.0.0.5:3000/app/link#tok');
  });

  it('point at PUBLIC_URL, else at this machine', () => {
    expect(firstRunLinkBase({ HOST: '0.0.0.0' }, 3000)).toBe('http://127.0.0.1:3000');
    expect(firstRunLinkBase({ HOST: '::' }, 8080)).toBe('http://127.0.0.1:8080');
    expect(firstRunLinkBase({ HOST: '10.1.2.3' }, 3000)).toBe('http://10.1.2.3:3000');
    expect(firstRunLinkBase({ HOST: '::1' }, 3000)).toBe('http://[::1]:3000');
    expect(firstRunLinkBase({ HOST: '0.0.0.0', PUBLIC_URL: 'https://x.example' }, 3000)).toBe('https://x.example');
  });

  it('PUBLIC_URL must be an http(s) URL', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://console.example.gov.vn' }).PUBLIC_URL).toBe('https://console.example.gov.vn');
    expect(loadConfig({ PUBLIC_URL: 'http://10.0.0.5:3000' }).PUBLIC_URL).toBe('http://10.0.0.5:3000');
    expect(loadConfig({}).PUBLIC_URL).toBeUndefined();
    for (const bad of ['console.example.gov.vn', 'ftp://example.gov.vn', 'not a url']) {
      expect(() => loadConfig({ PUBLIC_URL: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ PUBLIC_URL: bad })).toThrow(/PUBLIC_URL=.*must be an http\(s\) URL/);
    }
  });
});
