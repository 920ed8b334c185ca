import { readFileSync } from 'node:fs';
import { parseLibrary, parsePlaybook, PlaybookError, type Library } from '../../src/core/playbook/parse-playbook.js';
import { shippedPlaybook } from '../support/playbooks.js';

const DIR = 'test/fixtures/kinds';
const FILE = `${DIR}/flood-kinds.yaml`;
const LIB = `${DIR}/_library/disaster-kinds.yaml`;
const source = readFileSync(FILE, 'utf8');
const library = (text = readFileSync(LIB, 'utf8')): Map<string, Library> => new Map([['disaster-kinds', parseLibrary(text, LIB, 'disaster-kinds')]]);
const refused = (text: string, libs = library()) => {
  try {
    parsePlaybook(text, FILE, libs);
  } catch (e) {
    return (e as PlaybookError).message;
  }
  throw new Error('expected the playbook to be refused');
};

describe('task kinds', () => {
  it('come from the playbook and its library', () => {
    const p = parsePlaybook(source, FILE, library());
    expect(p.kinds!.map((k) => k.key)).toEqual(['logistics', 'evacuation', 'rescue']);
  });

  it('an undeclared kind is named at its line, with what may be used', () => {
    expect(refused(source.replace('kind: logistics', 'kind: logistic'))).toMatch(
      /flood-kinds\.yaml:33 tasks\[2\]\.kind: unknown task kind "logistic"; declare it under kinds \(in the playbook or a library it uses\), or use one of .*logistics, evacuation, rescue$/m,
    );
    // Without the library, its kinds are unknown.
    expect(refused(source.replace('uses: [disaster-kinds]\n', ''), new Map())).toMatch(/tasks\[0\]\.kind: unknown task kind "evacuation"/);
  });

  it('a kind declared twice, or badly, is refused', () => {
    expect(refused(source.replace('\nkinds:\n', '\nkinds:\n  - { key: rescue, title: { vi: Cứu hộ, en: Rescue } }\n'))).toMatch(/flood-kinds\.yaml:7 kinds\[3\]\.key: duplicate task kind "rescue"/);
    expect(refused(source.replace("  - key: logistics\n    title: { vi: Hậu cần, en: Logistics }", '  - key: Logistics'))).toMatch(/flood-kinds\.yaml:7 kinds\[0\]/);
    expect(() => parseLibrary('kinds:\n  - key: rescue\n', LIB, 'x')).toThrow(/disaster-kinds\.yaml:2 kinds\[0\]\.title/);
  });

  it('a playbook that declares none gets no empty list (its content hash, and so its version, stays)', async () => {
    const p = await shippedPlaybook('covid19-office');
    expect('kinds' in p).toBe(false);
  });
});
