import { playbookRun, type PlaybookRun } from '../support/playbook-run.js';

// Issue 11, point 7: task kinds declared by the playbook and its library.
let r: PlaybookRun;
beforeEach(async () => {
  r = await playbookRun('flood-kinds', { now: '2026-03-02T00:00:00.000Z', playbooksDir: 'test/fixtures/kinds' });
  await r.open();
});
afterEach(async () => {
  await r?.close();
});

describe('task kinds of the playbook’s own', () => {
  it('are listed with their titles, the library’s after the playbook’s', async () => {
    const p = await r.get('/playbooks/flood-kinds');
    expect(p.kinds).toEqual([
      { key: 'logistics', title: { vi: 'Hậu cần', en: 'Logistics' } },
      { key: 'evacuation', title: { vi: 'Sơ tán', en: 'Evacuation' } },
      { key: 'rescue', title: { vi: 'Cứu hộ cứu nạn', en: 'Search and rescue' } },
    ]);
  });

  it('are the kinds of the tasks raised, beside a built-in one', async () => {
    const flood = await r.send('FLOOD');
    expect(flood.raised.map((t) => [t.template, t.kind])).toEqual([
      ['evacuate', 'evacuation'],
      ['search', 'rescue'],
    ]);
    const open = await r.tasks('open');
    expect(open.map((t) => [t.template, t.kind]).sort()).toEqual([
      ['evacuate', 'evacuation'],
      ['food', 'logistics'],
      ['report', 'reporting'],
      ['search', 'rescue'],
    ]);
  });
});
