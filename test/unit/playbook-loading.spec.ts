import { readFileSync } from 'node:fs';
import { contentHash, formatIssue, parseLibrary, parsePlaybook, PlaybookError } from '../../src/core/playbook/parse-playbook.js';
import { shippedPlaybook } from '../support/playbooks.js';

const good = readFileSync('test/fixtures/playbooks/drill.yaml', 'utf8');

function errorsOf(source: string): string[] {
  try {
    parsePlaybook(source, 'broken.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(PlaybookError);
    return (e as Error).message.split('\n');
  }
  throw new Error('expected the playbook to be rejected');
}

describe('playbook loading', () => {
  it('accepts the shipped and fixture playbooks', async () => {
    expect(parsePlaybook(good, 'drill.yaml').key).toBe('drill');
    expect((await shippedPlaybook('covid19-office')).tasks.length).toBeGreaterThan(20);
  });

  it.each([
    ['YAML syntax', good.replace('key: drill', 'key: [drill'), /^broken\.yaml:\d+ \(top\): /],
    ['unknown task kind', good.replace('kind: reporting', 'kind: gossip'), /^broken\.yaml:16 tasks\[0\]\.kind: .*notification/],
    ['bad due duration', good.replace('due: PT30M', 'due: 30 minutes'), /^broken\.yaml:18 tasks\[0\]\.due: expected an ISO 8601 duration/],
    ['unknown role', good.replace('role: drill_lead', 'role: janitor'), /^broken\.yaml:17 tasks\[0\]\.role: unknown role "janitor"; expected one of drill_lead/],
    ['unknown template in an action', good.replace('template: report }', 'template: reprot }'), /machine\.states\.running\.entry\[0\]\.params: unknown task template "reprot"/],
    ['unknown action', good.replace('type: raiseTask', 'type: launchRocket'), /machine\.states\.running\.entry\[0\]\.type: unknown action "launchRocket"; expected one of raiseTask/],
    ['missing action param', good.replace('reason: { vi: Dừng, en: Stopped }', 'why: x'), /machine\.states\.running\.on\.STOP\.actions\[0\]\.params/],
    ['undeclared event', good.replace('STOP:\n', 'HALT:\n'), /machine\.states\.running\.on\.HALT: event "HALT" is not declared under events/],
    ['bad target', good.replace('target: idle', 'target: idel'), /^broken\.yaml:\d+ machine\.states\.running\.on\.STOP\.target: unknown target "idel": no state "idel" beside "running"; expected one of idle, running/],
    ['unknown initial level', good.replace('initial: idle', 'initial: waiting'), /machine\.initial: unknown level "waiting"/],
    ['level without a title', good.replace("meta: { title: { vi: Chờ, en: Idle } }", 'description: idle'), /machine\.states\.idle\.meta\.title: a level needs a bilingual title/],
    ['missing English', good.replace('title: { vi: Báo cáo, en: Report }', 'title: { vi: Báo cáo }'), /tasks\[0\]\.title\.en/],
    ['reserved event', good.replace('type: STOP', 'type: TASK_COMPLETED').replace('STOP:\n', 'TASK_COMPLETED:\n'), /events\[1\]\.type: "TASK_COMPLETED" is sent by the engine itself/],
    ['duplicate template', good.replace('machine:', `  - key: report\n    title: { vi: a, en: b }\n    instructions: { vi: a, en: b }\n    kind: other\n    role: drill_lead\n    due: PT1H\nmachine:`), /tasks\[1\]: duplicate task template "report"/],
  ])('rejects %s with the file, line and path', (_what, source, expected) => {
    const lines = errorsOf(source);
    expect(lines.some((l) => expected.test(l))).toBe(true);
  });

  // Cross-references a schema cannot express, each reported at its path (checkReferences).
  const role = (key: string, extra = '') => `  - key: ${key}\n    title: { vi: b, en: b }${extra}\n`;
  const beforeEvents = (text: string) => good.replace('events:\n', `${text}events:\n`);
  const startTransition = (t: string) => good.replace('on: { START: running }', `on: { START: ${t} }`);
  it.each([
    ['duplicate role', beforeEvents(role('drill_lead')), /roles\[1\]: duplicate role "drill_lead"/],
    ['duplicate party', beforeEvents('parties:\n  - { key: press, title: { vi: a, en: a } }\n  - { key: press, title: { vi: a, en: a } }\n'), /parties\[1\]: duplicate party "press"/],
    ['duplicate event', good.replace('tasks:\n', '  - type: START\n    title: { vi: a, en: a }\ntasks:\n'), /events\[2\]: duplicate event "START"/],
    ['an access role as a playbook role', beforeEvents(role('duty_officer')), /roles\[1\]\.key: "duty_officer" is an access role of the engine/],
    ['unknown superior role', good.replace('en: Drill lead }', 'en: Drill lead }\n    reportsTo: boss'), /roles\[0\]\.reportsTo: unknown role "boss"; expected one of drill_lead$/],
    ['roles reporting in a circle', good.replace('en: Drill lead }', 'en: Drill lead }\n    reportsTo: deputy').replace('events:\n', role('deputy', '\n    reportsTo: drill_lead') + 'events:\n'), /roles\[0\]\.reportsTo: role "drill_lead" reports to itself through drill_lead → deputy$/],
    ['unknown role in an escalation chain', beforeEvents('escalations:\n  up:\n    steps:\n      - { role: nobody, after: PT1H }\n'), /escalations\.up\.steps\[0\]\.role: unknown role "nobody"; expected one of drill_lead$/],
    ['unknown escalation chain, none declared', good.replace('due: PT30M', 'due: PT30M\n    escalation: up'), /tasks\[0\]\.escalation: unknown escalation chain "up"; expected one of \(none declared under escalations\)$/],
    ['unknown escalation chain', beforeEvents('escalations:\n  down:\n    steps:\n      - { role: drill_lead, after: PT1H }\n').replace('due: PT30M', 'due: PT30M\n    escalation: up'), /tasks\[0\]\.escalation: unknown escalation chain "up"; expected one of down$/],
    ['an end date on an undeclared event', beforeEvents('expires: { on: "2021-10-15", event: ENDED }\n'), /expires\.event: event "ENDED" is not declared under events/],
    ['unknown level to cancel', good.replace('levels: [running]', 'levels: [runing]'), /on\.STOP\.actions\[0\]\.params\.levels: unknown level "runing"; expected one of idle, running$/],
    ['unknown party to notify', good.replace('{ type: cancelTasks, params: { levels: [running], reason: { vi: Dừng, en: Stopped } } }', '{ type: notify, params: { party: press, message: { vi: a, en: a } } }'), /on\.STOP\.actions\[0\]\.params\.party: unknown party "press"; expected one of \(none\)$/],
    ['unknown action by name', good.replace('entry: [{ type: raiseTask, params: { template: report } }]', 'entry: launch'), /machine\.states\.running\.entry: unknown action "launch"; expected one of raiseTask, raiseTasks, cancelTasks, notify$/],
    ['unknown action on exit', good.replace('entry: [', 'exit: [{ type: boom }]\n      entry: ['), /machine\.states\.running\.exit\[0\]\.type: unknown action "boom"/],
    ['unknown action after a delay', good.replace('PT2H: idle', 'PT2H: { target: idle, actions: [{ type: boom }] }'), /machine\.states\.running\.after\.PT2H\.actions\[0\]\.type: unknown action "boom"/],
    ['unknown guard', startTransition('{ target: running, guard: lucky }'), /machine\.states\.idle\.on\.START\.guard: unknown guard "lucky"; expected one of tasksDone$/],
    ['unknown guard in a list of transitions', startTransition('[{ target: running, guard: { type: lucky } }]'), /machine\.states\.idle\.on\.START\[0\]\.guard: unknown guard "lucky"/],
    ['a guard without its params', startTransition('{ target: running, guard: { type: tasksDone } }'), /machine\.states\.idle\.on\.START\.guard\.params\.templates: /],
    ['a guard on an unknown template', startTransition('{ target: running, guard: { type: tasksDone, params: { templates: [nope] } } }'), /machine\.states\.idle\.on\.START\.guard\.params\.templates: unknown task template "nope"$/],
    ['an unknown guard on an eventless transition', good.replace('after:\n', 'always: { target: idle, guard: lucky }\n      after:\n'), /machine\.states\.running\.always\.guard: unknown guard "lucky"/],
    ['steps without an initial step', good.replace('after:\n', 'states: { a: {}, b: {} }\n      after:\n'), /machine\.states\.running\.initial: a state with steps needs an initial step$/],
    ['unknown initial step', good.replace('after:\n', 'initial: c\n      states: { a: {}, b: {} }\n      after:\n'), /machine\.states\.running\.initial: unknown step "c"; expected one of a, b$/],
    ['an undeclared event on the machine', good.replace('  initial: idle', '  initial: idle\n  on: { HALT: idle }'), /machine\.on\.HALT: event "HALT" is not declared under events/],
  ])('rejects %s, saying where', (_what, source, expected) => {
    const lines = errorsOf(source);
    expect(lines.some((l) => expected.test(l))).toBe(true);
  });

  it('parallel regions need no initial step', () => {
    const parallel = good.replace('after:\n', 'type: parallel\n      states: { a: {}, b: {} }\n      after:\n');
    expect(parsePlaybook(parallel, 'drill.yaml').machine.states.running.type).toBe('parallel');
  });

  it('reports every problem at once', () => {
    const lines = errorsOf(good.replace('kind: reporting', 'kind: gossip').replace('due: PT30M', 'due: soon'));
    expect(lines).toHaveLength(2);
  });
});

describe('playbook versions', () => {
  it('formatting, comments and key order do not make a new version; any change of content does', () => {
    const hash = contentHash(parsePlaybook(good, 'drill.yaml'));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const reformatted = `# a new comment\n${good.replace('title: { vi: Báo cáo, en: Report }', 'title:\n      en: Report\n      vi: Báo cáo')}`;
    expect(contentHash(parsePlaybook(reformatted, 'drill.yaml'))).toBe(hash);
    expect(contentHash(parsePlaybook(good.replace('due: PT30M', 'due: PT31M'), 'drill.yaml'))).not.toBe(hash);
    expect(contentHash(parsePlaybook(good.replace('en: Report }', 'en: Report it }'), 'drill.yaml'))).not.toBe(hash);
    // Order inside a list is content: the order tasks are raised in.
    const two = good.replace('machine:', '  - { key: brief, title: { vi: a, en: b }, instructions: { vi: a, en: b }, kind: other, role: drill_lead, due: PT1H }\nmachine:');
    const swapped = two.replace('template: report }', 'template: brief }');
    expect(contentHash(parsePlaybook(two, 'drill.yaml'))).not.toBe(contentHash(parsePlaybook(swapped, 'drill.yaml')));
  });
});

describe('libraries a playbook uses', () => {
  const lib = (name: string, yaml: string) => parseLibrary(yaml, `_library/${name}.yaml`, `${name}.yaml`);
  // Parsed inside each test (not when the file loads), so Stryker can tell which tests reach the parser.
  const shelf = () =>
    lib(
      'shelf',
      'roles:\n  - { key: deputy, title: { vi: a, en: Deputy }, reportsTo: drill_lead }\n' +
        'tasks:\n  - { key: brief, title: { vi: a, en: Brief }, instructions: { vi: a, en: a }, kind: other, role: deputy, due: PT1H }\n' +
        '  - { key: spare, title: { vi: a, en: Spare }, instructions: { vi: a, en: a }, kind: other, role: deputy, due: PT1H }\n' +
        'escalations:\n  up:\n    steps:\n      - { role: drill_lead, after: PT1H }\n',
    );
  const libraries = () => new Map([['shelf', shelf()]]);
  const using = (uses: string, source = good) => source.replace('roles:', `uses: ${uses}\nroles:`);

  it('takes the roles, chains and the templates it raises from a library, after its own, and leaves the rest', () => {
    const p = parsePlaybook(using('[shelf]', good.replace('template: report }', 'template: brief }')), 'drill.yaml', libraries());
    expect(p.roles.map((r) => r.key)).toEqual(['drill_lead', 'deputy']);
    // Its own templates stay even when nothing raises them (the checker reports those).
    expect(p.tasks.map((t) => t.key)).toEqual(['report', 'brief']);
    expect(Object.keys(p.escalations)).toEqual(['up']);
    expect((p as unknown as { uses?: unknown }).uses).toBeUndefined();
  });

  it('names an unknown library and lists the known ones, or says there are none', () => {
    expect(() => parsePlaybook(using('[shelve]'), 'drill.yaml', libraries())).toThrow(/^drill\.yaml:\d+ uses\[0\]: unknown library "shelve"; expected one of shelf$/);
    expect(() => parsePlaybook(using('[shelf]'), 'drill.yaml')).toThrow(/uses\[0\]: unknown library "shelf"; expected one of \(none in _library\/\)$/);
    expect(() => parsePlaybook(using('shelf'), 'drill.yaml', libraries())).toThrow(/uses: expected a list of library names$/);
  });

  it('reports a problem in a library entry against the library file', () => {
    // Well formed on its own, but its role is not one this playbook has.
    const broken = lib('broken', 'tasks:\n  - { key: brief, title: { vi: a, en: Brief }, instructions: { vi: a, en: a }, kind: other, role: ghost, due: PT1H }\n');
    expect(() => parsePlaybook(using('[broken]'), 'drill.yaml', new Map([['broken', broken]]))).toThrow(
      /^drill\.yaml tasks\[1\]\.role: unknown role "ghost"; expected one of drill_lead \(in _library\/broken\.yaml tasks\[0\], used by this playbook\)$/,
    );
  });

  it('refuses a library file that is not shaped as one, naming the file', () => {
    expect(() => lib('bad', 'tasks: 3\n')).toThrow(/^_library\/bad\.yaml:1 tasks: /);
    expect(() => lib('bad', 'tasks: [\n')).toThrow(PlaybookError);
  });
});

describe('problem lines', () => {
  it('name the file, the line when known, and the path inside the file', () => {
    expect(formatIssue('a.yaml', { path: ['tasks', 0, 'due'], message: 'bad', line: 7 })).toBe('a.yaml:7 tasks[0].due: bad');
    expect(formatIssue('a.yaml', { path: [], message: 'bad' })).toBe('a.yaml (top): bad');
    expect(formatIssue('a.yaml', { path: [2, 'x'], message: 'bad' })).toBe('a.yaml [2].x: bad');
  });

  it('a key written twice in one mapping is a YAML error at its line', () => {
    expect(errorsOf(good.replace('key: drill\n', 'key: drill\nkey: drill2\n'))).toEqual([expect.stringMatching(/^broken\.yaml:3 \(top\): Map keys must be unique/)]);
  });
});

