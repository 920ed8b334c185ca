import { readFileSync } from 'node:fs';
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

  it('splits the regions of a parallel level with -- and notes an event that only raises tasks, rather than a loop back', async () => {
    const d = await diagramOf('cao-bang-natural-resources-283');
    const body = d.slice(d.indexOf('state urgent_measures {'));
    const regions = body.slice(0, body.indexOf('\n  }\n'));
    expect(regions.split('\n').filter((l) => l.trim() === '--')).toHaveLength(1);
    expect(regions.indexOf('urgent_measures__returnee_list {')).toBeLessThan(regions.indexOf('--'));
    expect(regions.indexOf('--')).toBeLessThan(regions.indexOf('urgent_measures__tet {'));
    expect(d).toContain('  note right of urgent_measures : handled here without leaving: RETURNEE_OR_ENTRANT_FOUND\n  state urgent_measures {');
    expect(d).not.toContain('urgent_measures --> urgent_measures');
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
        // An event that does not leave the state is a note beside it, not a loop that reads as re-entering.
        '  note right of alert : handled here without leaving: SIGHTING, RETIRE_PATROL, after PT2H',
        '  state "Khẩn cấp / Crisis" as crisis',
        '  state crisis {',
        '    state "sandbagging" as crisis__sandbagging',
        '    state "evacuating" as crisis__evacuating',
        '    state "holding" as crisis__holding',
        '    crisis__holding --> [*]',
        '    [*] --> crisis__sandbagging',
        '  }',
        '  [*] --> calm',
        // The machine's own handlers have no state to sit beside; the engine's own events are not drawn.
        '  %% at every level, handled here without leaving: PING',
        '  calm --> alert : RAISE',
        '  alert --> calm : LOWER',
        '  alert --> crisis : CRISIS',
        '  crisis --> calm : STAND_DOWN',
        '  crisis__sandbagging --> crisis__evacuating : when [tasksDone: sandbag, announce]',
        '  crisis__evacuating --> crisis__holding : after PT30M',
        '',
      ].join('\n'),
    );
  });

  it('draws a condition as what it tests, not as the word condition', async () => {
    const d = await diagramOf('commune-flood');
    expect(d).not.toContain('[condition]');
    expect(d).toMatch(/ \[.*data\.waterLevelCm [≥>] \d+.*\]/);
  });

  it('adds, on request, what each state raises, sends and escalates', () => {
    const p = parsePlaybook(readFileSync('test/fixtures/escalation/chain.yaml', 'utf8'), 'chain.yaml');
    const plain = mermaidDiagram(p, new IncidentMachine(p).machine);
    const detailed = mermaidDiagram(p, new IncidentMachine(p).machine, { details: true });
    expect(plain).not.toContain('raises');
    expect(detailed).toContain(
      '  note right of watch : ALERT: raises sandbags (team, escalates to deputy_head then head then province_command), raises brief_head (deputy_head, escalates to head then province_command)',
    );
    const v = parsePlaybook(readFileSync('test/fixtures/assignment/village.yaml', 'utf8'), 'village.yaml');
    const village = mermaidDiagram(v, new IncidentMachine(v).machine, { details: true });
    expect(village).toContain('  note right of alert : raises: evacuee_list (village_head, each); sign_plan (village_head, all)');
    expect(village).toContain('  %% at every level, PERSON_MISSING: raises search_person (rescue_team, escalates to commander)');
  });
});
