import type { AddressInfo } from 'node:net';
import createClient from 'openapi-fetch';
import { ApiError, sessionAndErrors, setCsrfToken } from '../../web/src/api/client.js';
import type { paths } from '../../web/src/api/schema.js';
import { seedDirectory, type Directory } from '../support/people.js';
import { startApp, type TestApp } from '../support/test-app.js';

// The console's typed client (web/src/api/client.ts) against the real service on a real port: errors
// come back as ApiErrors carrying the ErrorBody, and the CSRF token goes out on unsafe methods, which
// the service's session check then accepts.

let t: TestApp;
let d: Directory;
let base: string;
beforeAll(async () => {
  t = await startApp();
  d = await seedDirectory(t);
  await t.app.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
});
afterAll(async () => {
  setCsrfToken(null);
  await t?.close();
});

/** The console's client, but with an absolute base: there is no page origin here. */
function client(headers: Record<string, string>) {
  const c = createClient<paths>({ baseUrl: base, headers });
  c.use(sessionAndErrors);
  return c;
}

it('answers 2xx as data', async () => {
  const { data } = await client(d.as('chief')).GET('/me');
  expect(data).toMatchObject({ id: d.ids.chief, name: 'chief' });
});

it('throws a non-2xx answer as an ApiError with status, code, message and the error body', async () => {
  const id = '00000000-0000-4000-8000-000000000000';
  const refused = await client(d.as('duty')).GET('/incidents/{id}', { params: { path: { id } } }).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(ApiError);
  expect(refused).toMatchObject({ status: 404, code: 'not_found', message: `no incident with id "${id}"`, body: { statusCode: 404, path: `/incidents/${id}` } });
  const invalid = await client(d.as('duty')).POST('/incidents', { body: { playbook: 'covid19-office', unit: '' } }).catch((e: unknown) => e);
  expect(invalid).toMatchObject({ status: 400, code: 'bad_request', body: { problems: [{ field: 'unit' }] } });
});

it('throws an ApiError with status 0 when the service cannot be reached', async () => {
  const c = createClient<paths>({ baseUrl: 'http://127.0.0.1:1' });
  c.use(sessionAndErrors);
  await expect(c.GET('/health')).rejects.toMatchObject({ name: 'ApiError', status: 0, code: 'network' });
});

it('sends the CSRF token set by the sign-in code on unsafe methods, and the service accepts it', async () => {
  const link = await t.http.post(`/people/${d.ids.chief}/sign-in-links`).set(d.as('admin')).send({ kind: 'invite' }).expect(201);
  const token = new URL(link.body.url).hash.slice(1);
  const redeemed = await t.http.post('/auth/links/redeem').send({ token, password: 'a long enough password' }).expect(200);
  const cookie = (redeemed.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
  const signedIn = client({ cookie });
  const { data: session } = await signedIn.GET('/auth/session');
  // Without the token, signing out is refused (a cross-site form could not send it either).
  setCsrfToken(null);
  await expect(signedIn.POST('/auth/sign-out')).rejects.toMatchObject({ status: 403 });
  setCsrfToken(session!.csrfToken);
  await signedIn.POST('/auth/sign-out');
  await expect(signedIn.GET('/auth/session')).rejects.toMatchObject({ status: 401 });
});
