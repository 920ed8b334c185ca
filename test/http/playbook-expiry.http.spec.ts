import { playbookRun } from '../support/playbook-run.js';

// A directive with an end date (quang-ninh-347: in force until 15 Oct 2021) takes no new incident after it.

describe('a playbook past its end date', () => {
  it('refuses to open a new incident on a directive no longer in force, saying until when it ran', async () => {
    const late = await playbookRun('quang-ninh-347', { now: '2021-10-15T17:00:00.000Z' }); // 16 Oct, 00:00 local
    try {
      expect((await late.get('/playbooks/quang-ninh-347')).expires).toEqual({ on: '2021-10-15', event: 'DIRECTIVE_ENDED' });
      const res = await late.t.http.post('/incidents').set(late.dutyHeader()).send({ playbook: 'quang-ninh-347', unit: 'unit' });
      expect(res.status).toBe(409);
      expect(res.body.message).toMatch(/no longer in force.*2021-10-15 \(Asia\/Ho_Chi_Minh\)/);
      expect((await late.t.http.get('/incidents').set(late.dutyHeader())).body).toEqual([]);
    } finally {
      await late.close();
    }
  });
});
