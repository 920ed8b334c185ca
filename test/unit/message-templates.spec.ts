import { readFileSync } from 'node:fs';
import { IncidentMachine } from '../../src/core/engine/incident-machine.js';
import { messageTemplateProblems, renderMessage, type MessageFacts } from '../../src/core/message-template.js';
import { parsePlaybook, PlaybookError } from '../../src/core/playbook/parse-playbook.js';
import { explorePlaybook } from '../../src/core/playbook/explore-playbook.js';

const FILE = 'test/fixtures/message-templates/flood-messages.yaml';
const source = readFileSync(FILE, 'utf8');
const NOW = new Date('2026-03-02T00:30:00Z');

const facts: MessageFacts = {
  unit: { name: 'Xã A', timeZone: 'Asia/Ho_Chi_Minh' },
  level: { title: { vi: 'Cấp độ 3', en: 'Level 3' } },
  at: NOW,
  note: 'cầu & đê <trên>',
  data: { waterLevelCm: 352, station: 'bridge' },
};

describe('rendering a message template', () => {
  it('fills the unit, the level in each language, the local time with its zone, the note and the data, escaping nothing', () => {
    const m = renderMessage({ vi: '{{unit.name}}: {{level.title}} lúc {{at}}; {{note}}; {{data.waterLevelCm}} cm', en: '{{unit.name}}: {{level.title}} at {{at}}; {{note}}; {{data.station}}' }, facts);
    expect(m).toEqual({
      vi: 'Xã A: Cấp độ 3 lúc 2026-03-02 07:30 (Asia/Ho_Chi_Minh); cầu & đê <trên>; 352 cm',
      en: 'Xã A: Level 3 at 2026-03-02 07:30 (Asia/Ho_Chi_Minh); cầu & đê <trên>; bridge',
    });
  });
  it('leaves a message without variables as it is, and renders absent facts as empty', () => {
    const plain = { vi: 'Đã yên {not a variable}', en: 'All clear {not a variable}' };
    expect(renderMessage(plain, facts)).toEqual(plain);
    expect(renderMessage({ vi: '[{{note}}|{{data.station}}|{{level.title}}]', en: 'x' }, { ...facts, note: null, data: null, level: null }).vi).toBe('[||]');
  });
});

describe('checking a message template', () => {
  const fields = new Set(['waterLevelCm']);
  it('accepts the known variables and text without any', () => {
    expect(messageTemplateProblems('{{unit.name}} {{level.title}} {{at}} {{note}} {{data.waterLevelCm}} {{{note}}}', fields)).toEqual([]);
    expect(messageTemplateProblems('no variables', new Set())).toEqual([]);
  });
  it('refuses a template that does not parse, an unknown name, an undeclared field and a section', () => {
    expect(messageTemplateProblems('{{unit.name', fields)[0]).toMatch(/^the message template does not parse: Unclosed tag/);
    expect(messageTemplateProblems('{{unit}}', fields)).toEqual(['"{{unit}}" is not a message variable; expected one of unit.name, level.title, at, note, data.<field>']);
    expect(messageTemplateProblems('{{data.station}}', fields)).toEqual(['"{{data.station}}": no event that can send this message declares the data field "station"; expected one of data.waterLevelCm']);
    expect(messageTemplateProblems('{{#note}}x{{/note}}', fields)[0]).toMatch(/^"\{\{#note\}\}": a message template uses variables only/);
  });
});

describe('the flood-messages fixture', () => {
  let playbook: ReturnType<typeof parsePlaybook>;
  beforeEach(() => {
    playbook = parsePlaybook(source, FILE);
  });
  it('passes the checker with nothing to say', () => {
    expect(explorePlaybook(playbook)).toEqual([]);
  });
  it('keeps the template in the notify effect: it is rendered when the message is queued', () => {
    const m = new IncidentMachine(playbook);
    const step = m.apply(m.open(NOW).snapshot, { type: 'WATER_LEVEL_READ', data: { waterLevelCm: 400, station: 'bridge' } }, NOW);
    if (!step.accepted) throw new Error('the reading was refused');
    expect(step.effects.filter((e) => e.type === 'notify')).toEqual([
      { type: 'notify', party: 'district', message: { vi: '{{unit.name}} chuyển sang {{level.title}} lúc {{at}}', en: '{{unit.name}} moved to {{level.title}} at {{at}}' } },
    ]);
  });

  const broken = (edit: (s: string) => string) => {
    try {
      parsePlaybook(edit(source), FILE);
    } catch (e) {
      return (e as PlaybookError).message;
    }
    throw new Error('expected the playbook to be refused');
  };
  it('names file, line and path of a data field the sending event does not declare', () => {
    expect(broken((s) => s.replace('Trạm {{data.station}}', 'Trạm {{data.stationName}}'))).toMatch(
      /flood-messages\.yaml:43 machine\.states\.watch\.on\.WATER_LEVEL_READ\[1\]\.actions\[0\]\.params\.message\.vi: "\{\{data\.stationName\}\}": no event that can send this message declares the data field "stationName"; expected one of data\.waterLevelCm, data\.station/,
    );
    // ALL_CLEAR carries no data: its message cannot name any.
    expect(broken((s) => s.replace('en: All clear } } }', 'en: "All clear at {{data.station}}" } } }'))).toMatch(
      /machine\.states\.level3\.on\.ALL_CLEAR\.actions\[0\]\.params\.message\.en: "\{\{data\.station\}\}": no event that can send this message declares the data field "station"$/m,
    );
  });
  it('names file, line and path of a template that does not parse and of an unknown name', () => {
    expect(broken((s) => s.replace('at {{at}}"', 'at {{at"'))).toMatch(/flood-messages\.yaml:54 machine\.states\.level3\.entry\[1\]\.params\.message\.en: the message template does not parse/);
    expect(broken((s) => s.replace('{{unit.name}} chuyển', '{{incident.id}} chuyển'))).toMatch(/flood-messages\.yaml:53 machine\.states\.level3\.entry\[1\]\.params\.message\.vi: "\{\{incident\.id\}\}" is not a message variable/);
  });
});
