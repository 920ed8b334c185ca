import { IncidentMachine } from '../../src/core/engine/incident-machine.js';
import { mermaidDiagram } from '../../src/core/playbook/diagram.js';
import { parsePlaybook } from '../../src/core/playbook/parse-playbook.js';
import { shippedPlaybook } from '../support/playbooks.js';
import { WATCH_YAML } from './support/watch-playbook.js';

const diagramOf = async (key: string) => {
  const p = await shippedPlaybook(key);
  return mermaidDiagram(p, new IncidentMachine(p).machine);
};

describe('Mermaid diagrams', () => {
  it('draws levels, steps, events and guards', async () => {
    const d = await diagramOf('covid19-office');
    expect(d.startsWith('stateDiagram-v2\n')).toBe(true);
    expect(d).toContain('state "Cấp độ 3: Phát hiện COVID-19 trong cơ quan / Level 3: COVID-19 confirmed in the agency" as confirmed_case');
    expect(d).toContain('no_case --> suspected_case : SUSPECTED_CASE_REPORTED');
    expect(d).toMatch(/confirmed_case__step1_notify --> confirmed_case__step2_disinfect_room : when \[tasksDone: notify_department_of_health, /);
    expect(d).toMatch(/confirmed_case --> no_case : ALL_CLEAR \[tasksDone: disinfect_patient_room, spray_premises\]/);
  });

  it('splits the regions of a parallel level with -- and loops an event that only raises tasks back to its state', async () => {
    const d = await diagramOf('cao-bang-natural-resources-283');
    const body = d.slice(d.indexOf('state urgent_measures {'));
    const regions = body.slice(0, body.indexOf('\n  }\n'));
    expect(regions.split('\n').filter((l) => l.trim() === '--')).toHaveLength(1);
    expect(regions.indexOf('urgent_measures__returnee_list {')).toBeLessThan(regions.indexOf('--'));
    expect(regions.indexOf('--')).toBeLessThan(regions.indexOf('urgent_measures__tet {'));
    expect(d).toContain('urgent_measures --> urgent_measures : RETURNEE_OR_ENTRANT_FOUND');
  });

  it('draws every kind of transition of a small playbook, exactly', () => {
    // A final step, and double quotes (which would end a Mermaid label) in the titles.
    const yaml = WATCH_YAML.replace('en: Flood watch', 'en: Flood "watch"').replace('en: Alert }', `en: '"Red" alert' }`).replace('holding: {}', 'holding: { type: final }');
    const p = parsePlaybook(yaml, 'watch.yaml');
    expect(mermaidDiagram(p, new IncidentMachine(p).machine)).toBe(
      [
        'stateDiagram-v2',
        "  %% watch: Flood 'watch'",
        '  state "Bình thường / Calm" as calm',
        `  state "Báo động / 'Red' alert" as alert`,
        '  state "Khẩn cấp / Crisis" as crisis',
        '  state crisis {',
        '    state "sandbagging" as crisis__sandbagging',
        '    state "evacuating" as crisis__evacuating',
        '    state "holding" as crisis__holding',
        '    crisis__holding --> [*]',
        '    [*] --> crisis__sandbagging',
        '  }',
        '  [*] --> calm',
        // The engine's own events (task completed, recurrence) are not drawn; targetless transitions loop.
        '  calm --> alert : RAISE',
        '  alert --> calm : LOWER',
        '  alert --> crisis : CRISIS',
        '  alert --> alert : SIGHTING',
        '  alert --> alert : RETIRE_PATROL',
        '  alert --> alert : after PT2H',
        '  crisis --> calm : STAND_DOWN',
        '  crisis__sandbagging --> crisis__evacuating : when [tasksDone: sandbag, announce]',
        '  crisis__evacuating --> crisis__holding : after PT30M',
        '',
      ].join('\n'),
    );
  });
});
