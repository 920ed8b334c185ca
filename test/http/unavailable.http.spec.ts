import { seedDirectory, type Directory } from '../support/people.js';
import { startApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let d: Directory;
beforeAll(async () => {
  t = await startApp();
  d = await seedDirectory(t);
});
afterAll(async () => {
  // Not swallowed: a close that fails would leave the test database (and its folder) behind.
  await t?.close();
});

describe('when the database goes away', () => {
  it('answers 503 with Retry-After, never 500', async () => {
    await t.http.get('/incidents').set(d.as('duty')).expect(200);
    await t.foundations.db.dataSource.destroy();
    const health = await t.http.get('/health').expect(503);
    expect(health.body).toMatchObject({ statusCode: 503, error: 'unavailable' });
    const read = await t.http.get('/incidents').set(d.as('duty'));
    expect(read.status).toBe(503);
    expect(read.headers['retry-after']).toBe('5');
  });
});
