import type { Response } from 'supertest';
import { seedDirectory, type Directory, type Who } from '../support/people.js';
import { startApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let d: Directory;
beforeAll(async () => {
  // Behind a proxy on loopback: each test signs in from its own X-Forwarded-For address, so the
  // per-address counters of one test do not slow down another; X-Forwarded-Proto makes req.secure.
  t = await startApp({ TRUST_PROXY: 'loopback' });
  d = await seedDirectory(t);
});
afterAll(async () => {
  await t?.close();
});

const HOUR = 3600_000;
const PASSWORD = 'correct horse battery';
let address = 0;
/** A client address of its own for each caller that needs one. */
const newAddress = () => `10.9.0.${++address}`;

const signIn = (email: string, password: string, from = newAddress()) => t.http.post('/auth/sign-in').set('X-Forwarded-For', from).send({ email, password });
/** `session=<value>` from the answer's Set-Cookie, for the next requests' Cookie header. */
const cookieOf = (res: Response): string => {
  const set = [res.headers['set-cookie'] ?? []].flat() as string[];
  const session = set.find((c) => c.startsWith('session='));
  if (!session) throw new Error(`no session cookie in ${JSON.stringify(res.headers)}`);
  return session.split(';')[0];
};
const tokenOf = (url: string) => url.slice(url.indexOf('#') + 1);

/** An admin makes a link for the person (by bearer token), as the console's admin pages will. */
async function link(who: Who | string, kind: 'invite' | 'reset' = 'invite'): Promise<{ url: string; token: string; expiresAt: string }> {
  const id = who in d.ids ? d.ids[who as Who] : who;
  const res = await t.http.post(`/people/${id}/sign-in-links`).set(d.as('admin')).send({ kind }).expect(201);
  return { ...res.body, token: tokenOf(res.body.url) };
}

/** The person gets a password through an invitation and is signed in by it; answers the session. */
async function withPassword(who: Who | string, password = PASSWORD) {
  const res = await t.http.post('/auth/links/redeem').send({ token: (await link(who)).token, password }).expect(200);
  return { cookie: cookieOf(res), csrf: res.body.csrfToken as string };
}

/** A new person with an email, for tests that change them. */
async function newPerson(name: string) {
  return (await t.http.post('/people').set(d.as('admin')).send({ name, email: `${name}@test` }).expect(201)).body as { id: string; email: string };
}

const incidentCount = async () => (await t.http.get('/incidents?limit=500').set(d.as('admin')).expect(200)).body.length;
const auditActions = async () => ((await t.http.get('/audit?limit=500').set(d.as('admin')).expect(200)).body as { action: string; subject: string }[]);

describe('signing in with email and password', () => {
  it('sets an HttpOnly session cookie that works on GET /me and /incidents, until sign-out revokes it', async () => {
    await withPassword('duty');
    const res = await signIn('duty@test', PASSWORD).expect(200);
    expect(res.body).toEqual({ person: { id: d.ids.duty, name: 'duty', email: 'duty@test', admin: false }, csrfToken: expect.stringMatching(/^[\w-]{43}$/) });
    expect(res.headers['set-cookie']).toEqual([expect.stringMatching(/^session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax$/)]);
    const cookie = cookieOf(res);

    const session = await t.http.get('/auth/session').set('Cookie', cookie).expect(200);
    expect(session.body).toEqual({ person: res.body.person, csrfToken: res.body.csrfToken, expiresAt: new Date(t.clock.now().getTime() + 12 * HOUR).toISOString() });
    expect((await t.http.get('/me').set('Cookie', `theme=dark; ${cookie}`).expect(200)).body).toMatchObject({ id: d.ids.duty, assignments: [{ unitId: 'dept', role: 'duty_officer' }] });
    await t.http.get('/incidents').set('Cookie', cookie).expect(200);

    await t.http.post('/auth/sign-out').set('Cookie', cookie).set('X-CSRF-Token', res.body.csrfToken).expect(204);
    const gone = await t.http.get('/me').set('Cookie', cookie).expect(401);
    expect(gone.body.message).toMatch(/session has ended/);
    await t.http.get('/auth/session').set('Cookie', cookie).expect(401);
    const actions = await auditActions();
    expect(actions.filter((a) => a.subject === `person:${d.ids.duty}`).map((a) => a.action)).toEqual(expect.arrayContaining(['session.sign-in', 'session.sign-out', 'sign-in-link.invite', 'sign-in-link.redeem']));
  });

  it('signing out clears the cookie, needs the CSRF header, and answers 204 without a session too', async () => {
    await withPassword('director');
    const res = await signIn('director@test', PASSWORD).expect(200);
    const cookie = cookieOf(res);
    const refused = await t.http.post('/auth/sign-out').set('Cookie', cookie).expect(403);
    expect(refused.body).toMatchObject({ error: 'csrf_token_invalid', message: expect.stringContaining('X-CSRF-Token') });
    await t.http.get('/me').set('Cookie', cookie).expect(200);
    const out = await t.http.post('/auth/sign-out').set('Cookie', cookie).set('X-CSRF-Token', res.body.csrfToken).expect(204);
    expect(out.headers['set-cookie']).toEqual([expect.stringMatching(/^session=; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax$/)]);
    await t.http.post('/auth/sign-out').set('Cookie', cookie).expect(204);
    await t.http.post('/auth/sign-out').expect(204);
  });

  it('ends the session a browser still held when it signs in again', async () => {
    await withPassword('otherDuty');
    const first = cookieOf(await signIn('otherDuty@test', PASSWORD).expect(200));
    const second = await t.http.post('/auth/sign-in').set('Cookie', first).send({ email: 'otherDuty@test', password: PASSWORD }).expect(200);
    await t.http.get('/me').set('Cookie', first).expect(401);
    await t.http.get('/me').set('Cookie', cookieOf(second)).expect(200);
  });

  it('marks the cookie Secure when the request came over HTTPS (X-Forwarded-Proto from a trusted proxy)', async () => {
    await withPassword('head');
    const res = await t.http.post('/auth/sign-in').set('X-Forwarded-For', newAddress()).set('X-Forwarded-Proto', 'https').send({ email: 'head@test', password: PASSWORD }).expect(200);
    expect(res.headers['set-cookie']).toEqual([expect.stringMatching(/; Secure; SameSite=Lax$/)]);
  });

  it('answers a wrong password, an unknown email, no password yet and a deactivated person alike', async () => {
    await withPassword('monitoring');
    const gone = await newPerson('leaver');
    await withPassword(gone.id);
    await t.http.patch(`/people/${gone.id}`).set(d.as('admin')).send({ active: false }).expect(200);
    const answers = [
      await signIn('monitoring@test', 'not the password'),
      await signIn('nobody.here@test', PASSWORD),
      await signIn('viewer@test', PASSWORD), // has never set a password
      await signIn('leaver@test', PASSWORD), // the right password, but deactivated
    ];
    for (const a of answers) {
      expect(a.status).toBe(401);
      expect(a.body).toEqual({ statusCode: 401, error: 'invalid_credentials', message: 'wrong email or password', path: '/auth/sign-in' });
      expect(a.headers['set-cookie']).toBeUndefined();
    }
  });

  it('takes the email in any case', async () => {
    await withPassword('provinceDuty');
    expect((await signIn('ProvinceDuty@TEST', PASSWORD).expect(200)).body.person.id).toBe(d.ids.provinceDuty);
  });

  it('takes a Vietnamese password typed composed or decomposed', async () => {
    const p = await newPerson('vietnamese');
    await withPassword(p.id, 'mật khẩu của tôi'.normalize('NFD'));
    await signIn('vietnamese@test', 'mật khẩu của tôi'.normalize('NFC')).expect(200);
    await signIn('vietnamese@test', 'mat khau cua toi').expect(401);
  });

  it('refuses bad input with 400 naming the field', async () => {
    const missing = await t.http.post('/auth/sign-in').send({ password: 'x' }).expect(400);
    expect(missing.body.problems).toEqual([{ field: 'email', problems: ['is required'] }]);
    const notEmail = await t.http.post('/auth/sign-in').send({ email: 'duty', password: 'x' }).expect(400);
    expect(notEmail.body.problems).toEqual([{ field: 'email', problems: ['email must be an email address'] }]);
    const noPassword = await t.http.post('/auth/sign-in').send({ email: 'duty@test' }).expect(400);
    expect(noPassword.body.problems).toEqual([{ field: 'password', problems: ['is required'] }]);
  });
});

describe('repeated failures', () => {
  it('per email (any case): the sixth attempt in 15 minutes waits, the wait doubles, a success resets it', async () => {
    await withPassword('chief');
    for (let i = 0; i < 5; i++) await signIn(i % 2 ? 'CHIEF@test' : 'chief@test', `wrong ${i}`).expect(401);
    // Even the right password, and from another address: the email waits.
    const waiting = await signIn('chief@test', PASSWORD).expect(429);
    expect(waiting.headers['retry-after']).toBe('60');
    expect(waiting.body).toMatchObject({ error: 'too_many_attempts', retryAfterSeconds: 60, retryAt: new Date(t.clock.now().getTime() + 60_000).toISOString() });
    expect(waiting.body.message).toMatch(/try again in 60 seconds \(at \d{4}-/);
    t.clock.advance(59_000);
    expect((await signIn('chief@test', PASSWORD).expect(429)).headers['retry-after']).toBe('1');
    t.clock.advance(1_000);
    // A further failure doubles the wait.
    await signIn('chief@test', 'wrong again').expect(401);
    expect((await signIn('chief@test', PASSWORD).expect(429)).headers['retry-after']).toBe('120');
    t.clock.advance(120_000);
    await signIn('chief@test', PASSWORD).expect(200);
    // The success reset the email's count: failures start from zero again.
    for (let i = 0; i < 4; i++) await signIn('chief@test', `wrong ${i}`).expect(401);
    await signIn('chief@test', PASSWORD).expect(200);
  });

  it('per client address, whatever the emails; another address is not slowed', async () => {
    const from = newAddress();
    // 20 free failures per address (an office behind one NAT address), 5 per email.
    for (let i = 0; i < 20; i++) await signIn(`guess${i}@test`, 'password guess', from).expect(401);
    const waiting = await signIn('someone.else@test', 'password guess', from).expect(429);
    expect(waiting.headers['retry-after']).toBe('60');
    await signIn('someone.else@test', 'password guess', newAddress()).expect(401);
  });

  it('forgets a series once 15 minutes pass without a failure', async () => {
    const p = await newPerson('forgetful');
    await withPassword(p.id);
    for (let i = 0; i < 4; i++) await signIn('forgetful@test', 'wrong').expect(401);
    t.clock.advance(15 * 60_000);
    for (let i = 0; i < 4; i++) await signIn('forgetful@test', 'wrong').expect(401);
    await signIn('forgetful@test', PASSWORD).expect(200);
    // Ended series (the earlier tests' guesses) are deleted as failures come, so random emails leave no lasting rows.
    const [old] = await t.foundations.db.read((sql) =>
      sql.rows<{ n: number }>(`SELECT count(*)::int AS n FROM sign_in_failures WHERE greatest(last_failure_at, blocked_until) < $1`, [new Date(t.clock.now().getTime() - 15 * 60_000)]),
    );
    expect(old.n).toBe(0);
  });
});

describe('the session cookie on the API', () => {
  it('needs X-CSRF-Token on requests that change something; a bearer token does not', async () => {
    const { cookie, csrf } = await withPassword('duty', PASSWORD);
    const before = await incidentCount();
    const open = { playbook: 'covid19-office', unit: 'dept', title: 'by cookie' };
    const missing = await t.http.post('/incidents').set('Cookie', cookie).send(open).expect(403);
    expect(missing.body).toMatchObject({ error: 'csrf_token_invalid', message: expect.stringMatching(/^missing X-CSRF-Token header/) });
    const wrong = await t.http.post('/incidents').set('Cookie', cookie).set('X-CSRF-Token', csrf.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))).send(open).expect(403);
    expect(wrong.body.message).toMatch(/does not match this session/);
    expect(await incidentCount()).toBe(before);
    await t.http.post('/incidents').set('Cookie', cookie).set('X-CSRF-Token', csrf).send(open).expect(201);
    // Bearer tokens as before, with or without a cookie beside them.
    await t.http.post('/incidents').set(d.as('duty')).send(open).expect(201);
    await t.http.post('/incidents').set(d.as('duty')).set('Cookie', cookie).send(open).expect(201);
    expect(await incidentCount()).toBe(before + 3);
    // A bad bearer token is refused even with a good cookie: the header is what the caller chose.
    await t.http.get('/me').set('Authorization', 'Bearer pbe_nonsense').set('Cookie', cookie).expect(401);
  });

  it('an unknown cookie is 401', async () => {
    await t.http.get('/me').set('Cookie', 'session=not-a-session').expect(401);
    await t.http.get('/auth/session').expect(401);
  });

  it("stops working at once when the person is deactivated", async () => {
    const p = await newPerson('deactivated-later');
    const { cookie } = await withPassword(p.id);
    await t.http.get('/me').set('Cookie', cookie).expect(200);
    await t.http.patch(`/people/${p.id}`).set(d.as('admin')).send({ active: false }).expect(200);
    await t.http.get('/me').set('Cookie', cookie).expect(401);
    await t.http.get('/auth/session').set('Cookie', cookie).expect(401);
  });

  it('ends after 12 hours idle, and after 7 days however used', async () => {
    const p = await newPerson('sleeper');
    const idle = await withPassword(p.id);
    const busy = cookieOf(await signIn('sleeper@test', PASSWORD).expect(200));
    const signedInAt = t.clock.now().getTime();
    t.clock.advance(11 * HOUR);
    await t.http.get('/me').set('Cookie', busy).expect(200);
    t.clock.advance(HOUR + 1);
    await t.http.get('/me').set('Cookie', idle.cookie).expect(401);
    await t.http.get('/me').set('Cookie', busy).expect(200);
    for (let used = 12 * HOUR; used + 11 * HOUR < 7 * 24 * HOUR; used += 11 * HOUR) {
      t.clock.advance(11 * HOUR);
      await t.http.get('/me').set('Cookie', busy).expect(200);
    }
    const left = (await t.http.get('/auth/session').set('Cookie', busy).expect(200)).body.expiresAt;
    expect(left).toBe(new Date(signedInAt + 7 * 24 * HOUR).toISOString());
    t.clock.advance(Date.parse(left) - t.clock.now().getTime());
    await t.http.get('/me').set('Cookie', busy).expect(401);
  });
});

describe('one-time links', () => {
  it('an invitation: shown without being used, sets a password and signs in, works once', async () => {
    const p = await newPerson('invitee');
    const l = await link(p.id);
    expect(l.url).toMatch(/^http:\/\/127\.0\.0\.1(:\d+)?\/app\/link#[\w-]{43}$/);
    expect(l.expiresAt).toBe(new Date(t.clock.now().getTime() + 7 * 24 * HOUR).toISOString());
    const shown = await t.http.get(`/auth/links/${l.token}`).expect(200);
    expect(shown.body).toEqual({ kind: 'invite', person: { name: 'invitee', email: 'invitee@test' }, expiresAt: l.expiresAt });
    await t.http.get(`/auth/links/${l.token}`).expect(200);

    const noPassword = await t.http.post('/auth/links/redeem').send({ token: l.token }).expect(400);
    expect(noPassword.body.problems).toEqual([{ field: 'password', problems: [expect.stringMatching(/required for an invite link: 10 to 200 characters/)] }]);
    const short = await t.http.post('/auth/links/redeem').send({ token: l.token, password: 'short' }).expect(400);
    expect(short.body.problems).toEqual([{ field: 'password', problems: [expect.stringMatching(/at least 10/)] }]);
    const long = await t.http.post('/auth/links/redeem').send({ token: l.token, password: 'x'.repeat(201) }).expect(400);
    expect(long.body.problems).toEqual([{ field: 'password', problems: [expect.stringMatching(/at most 200/)] }]);

    const redeemed = await t.http.post('/auth/links/redeem').send({ token: l.token, password: 'my new password' }).expect(200);
    expect(redeemed.body).toEqual({ person: { id: p.id, name: 'invitee', email: 'invitee@test', admin: false }, csrfToken: expect.any(String) });
    await t.http.get('/me').set('Cookie', cookieOf(redeemed)).expect(200);
    await signIn('invitee@test', 'my new password').expect(200);

    const again = await t.http.post('/auth/links/redeem').send({ token: l.token, password: 'another password' }).expect(410);
    expect(again.body).toMatchObject({ error: 'link_used', message: expect.stringMatching(/already used/) });
    expect((await t.http.get(`/auth/links/${l.token}`).expect(410)).body.error).toBe('link_used');
    await signIn('invitee@test', 'another password').expect(401);
  });

  it('redeemed twice at once, opens one session', async () => {
    const p = await newPerson('racer');
    const l = await link(p.id);
    const answers = await Promise.all([0, 1, 2].map((i) => t.http.post('/auth/links/redeem').send({ token: l.token, password: `password number ${i}` })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 410, 410]);
    const [sessions] = await t.foundations.db.read((sql) => sql.rows<{ n: number }>('SELECT count(*)::int AS n FROM sessions WHERE person_id = $1', [p.id]));
    expect(sessions.n).toBe(1);
  });

  it('an unknown link is 404; an expired one 410', async () => {
    const unknown = await t.http.get('/auth/links/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA').expect(404);
    expect(unknown.body).toMatchObject({ error: 'link_not_found', message: expect.stringMatching(/no such sign-in link/) });
    await t.http.post('/auth/links/redeem').send({ token: 'AAAA', password: PASSWORD }).expect(404);
    const bad = await t.http.post('/auth/links/redeem').send({ token: 'not a token!', password: PASSWORD }).expect(400);
    expect(bad.body.problems[0].field).toBe('token');

    const p = await newPerson('late');
    const invite = await link(p.id);
    t.clock.advance(7 * 24 * HOUR);
    const expired = await t.http.post('/auth/links/redeem').send({ token: invite.token, password: PASSWORD }).expect(410);
    expect(expired.body).toMatchObject({ error: 'link_expired', message: expect.stringMatching(/expired at .*ask an admin for a new one/) });
    await t.http.get(`/auth/links/${invite.token}`).expect(410);
    await signIn('late@test', PASSWORD).expect(401);
  });

  it('a reset: lasts an hour, replaces the password and ends the other sessions', async () => {
    const p = await newPerson('resetter');
    const old = await withPassword(p.id, 'the old password');
    const reset = await link(p.id, 'reset');
    expect(reset.expiresAt).toBe(new Date(t.clock.now().getTime() + HOUR).toISOString());
    expect((await t.http.get(`/auth/links/${reset.token}`).expect(200)).body.kind).toBe('reset');
    const res = await t.http.post('/auth/links/redeem').send({ token: reset.token, password: 'the new password' }).expect(200);
    await t.http.get('/me').set('Cookie', old.cookie).expect(401);
    await t.http.get('/me').set('Cookie', cookieOf(res)).expect(200);
    await signIn('resetter@test', 'the old password').expect(401);
    await signIn('resetter@test', 'the new password').expect(200);

    const late = await link(p.id, 'reset');
    t.clock.advance(HOUR);
    await t.http.post('/auth/links/redeem').send({ token: late.token, password: 'yet another one' }).expect(410);
  });

  it('only admins make links, for people who can sign in', async () => {
    const p = await newPerson('target');
    const refused = await t.http.post(`/people/${p.id}/sign-in-links`).set(d.as('duty')).send({ kind: 'invite' }).expect(403);
    expect(refused.body.permission).toBe('admin');
    await t.http.post(`/people/${p.id}/sign-in-links`).send({ kind: 'invite' }).expect(401);
    const badKind = await t.http.post(`/people/${p.id}/sign-in-links`).set(d.as('admin')).send({ kind: 'sign-in' }).expect(400);
    expect(badKind.body.problems).toEqual([{ field: 'kind', problems: ['kind must be "invite" or "reset"'] }]);
    await t.http.post('/people/00000000-0000-4000-8000-000000000000/sign-in-links').set(d.as('admin')).send({ kind: 'invite' }).expect(404);
    const service = (await t.http.post('/people').set(d.as('admin')).send({ name: 'a robot', kind: 'service' }).expect(201)).body;
    expect((await t.http.post(`/people/${service.id}/sign-in-links`).set(d.as('admin')).send({ kind: 'invite' }).expect(409)).body.message).toMatch(/service account/);
    const noEmail = (await t.http.post('/people').set(d.as('admin')).send({ name: 'no email' }).expect(201)).body;
    expect((await t.http.post(`/people/${noEmail.id}/sign-in-links`).set(d.as('admin')).send({ kind: 'invite' }).expect(409)).body.message).toMatch(/no email/);

    // An admin signed in at the console makes one with the CSRF header.
    const admin = await withPassword('admin');
    await t.http.post(`/people/${p.id}/sign-in-links`).set('Cookie', admin.cookie).send({ kind: 'invite' }).expect(403);
    await t.http.post(`/people/${p.id}/sign-in-links`).set('Cookie', admin.cookie).set('X-CSRF-Token', admin.csrf).send({ kind: 'invite' }).expect(201);
  });
});
