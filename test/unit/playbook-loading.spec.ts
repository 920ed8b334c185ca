import { readFileSync } from 'node:fs';
import { parsePlaybook, PlaybookError } from '../../src/core/playbook/parse-playbook.js';
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
    ['bad target', good.replace('target: idle', 'target: idel'), /^broken\.yaml:\d+ machine\.states\.running: .*'idel' does not exist/],
    ['unknown initial level', good.replace('initial: idle', 'initial: waiting'), /machine\.initial: unknown level "waiting"/],
    ['level without a title', good.replace("meta: { title: { vi: Chờ, en: Idle } }", 'description: idle'), /machine\.states\.idle\.meta\.title: a level needs a bilingual title/],
    ['missing English', good.replace('title: { vi: Báo cáo, en: Report }', 'title: { vi: Báo cáo }'), /tasks\[0\]\.title\.en/],
    ['reserved event', good.replace('type: STOP', 'type: TASK_COMPLETED').replace('STOP:\n', 'TASK_COMPLETED:\n'), /events\[1\]\.type: "TASK_COMPLETED" is sent by the engine itself/],
    ['duplicate template', good.replace('machine:', `  - key: report\n    title: { vi: a, en: b }\n    instructions: { vi: a, en: b }\n    kind: other\n    role: drill_lead\n    due: PT1H\nmachine:`), /tasks\[1\]: duplicate task template "report"/],
  ])('rejects %s with the file, line and path', (_what, source, expected) => {
    const lines = errorsOf(source);
    expect(lines.some((l) => expected.test(l))).toBe(true);
  });

  it('reports every problem at once', () => {
    const lines = errorsOf(good.replace('kind: reporting', 'kind: gossip').replace('due: PT30M', 'due: soon'));
    expect(lines).toHaveLength(2);
  });
});
