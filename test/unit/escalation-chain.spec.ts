import { readFileSync } from 'node:fs';
import { chainSteps } from '../../src/core/escalation-chain.js';
import { IncidentMachine } from '../../src/core/engine/incident-machine.js';
import { parsePlaybook } from '../../src/core/playbook/parse-playbook.js';

const FILE = 'test/fixtures/escalation/chain.yaml';
const NOW = new Date('2026-03-02T00:00:00Z');

describe('escalation chains (escalation-chain.ts)', () => {
  let playbook: ReturnType<typeof parsePlaybook>;
  beforeEach(() => {
    playbook = parsePlaybook(readFileSync(FILE, 'utf8'), FILE);
  });
  const template = (key: string) => playbook.tasks.find((t) => t.key === key)!;

  it('goes up the task role\'s reportsTo line first, then the chain\'s own steps', () => {
    expect(chainSteps(playbook, template('sandbags'))).toEqual([
      { role: 'deputy_head', after: 'PT30M' },
      { role: 'head', after: 'PT30M' },
      { party: 'province_command', after: 'PT1H' },
    ]);
    expect(chainSteps(playbook, template('brief_head'))).toEqual([{ role: 'head', after: 'PT30M' }, { party: 'province_command', after: 'PT1H' }]);
  });

  it('has no steps without a chain, and only its own steps without reportsTo', () => {
    expect(chainSteps(playbook, { ...template('sandbags'), escalation: undefined })).toEqual([]);
    const own = { ...playbook, escalations: { up_the_line: { steps: [{ role: 'head', after: 'PT5M' }] } } };
    expect(chainSteps(own, template('sandbags'))).toEqual([{ role: 'head', after: 'PT5M' }]);
  });

  it('gives the engine each step with the time of the next, and a party step with no role', () => {
    const m = new IncidentMachine(playbook);
    expect(m.escalation('sandbags', 0, NOW)).toEqual({ step: 0, role: 'deputy_head', party: null, nextAt: new Date('2026-03-02T00:30:00Z') });
    expect(m.escalation('sandbags', 1, NOW)).toEqual({ step: 1, role: 'head', party: null, nextAt: new Date('2026-03-02T01:00:00Z') });
    expect(m.escalation('sandbags', 2, NOW)).toEqual({ step: 2, role: null, party: 'province_command', nextAt: null });
    expect(m.escalation('sandbags', 3, NOW)).toBeNull();
    // The first step fires its `after` past the due time.
    const raised = m.apply(m.open(NOW).snapshot, { type: 'ALERT' }, NOW);
    expect(raised.accepted && raised.effects.find((e) => e.type === 'task.raise' && e.template === 'sandbags')).toMatchObject({
      dueAt: '2026-03-02T01:00:00.000Z',
      escalateAt: '2026-03-02T01:30:00.000Z',
    });
  });
});
