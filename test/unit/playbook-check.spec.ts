import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPlaybooks } from '../../src/playbooks/check-playbooks.js';

const BROKEN = 'test/fixtures/broken';

describe('npm run playbooks:check', () => {
  it('passes the shipped playbooks', async () => {
    const report = await checkPlaybooks('playbooks');
    expect(report.problems).toEqual([]);
    expect(report.checked.sort()).toEqual(['bac-ninh-admin-centre', 'binh-phuoc-industry-trade', 'cao-bang-city-hq', 'cao-bang-natural-resources-283', 'commune-flood', 'covid19-office', 'quang-ninh-347']);
  });

  // A fixture is a playbook file, or a folder (with its own _library) whose drill.yaml holds the `# expect:` line.
  it.each(readdirSync(BROKEN).filter((f) => f.endsWith('.yaml') || statSync(join(BROKEN, f)).isDirectory()))('rejects %s with the expected line', async (entry) => {
    const folder = statSync(join(BROKEN, entry)).isDirectory();
    const file = folder ? 'drill.yaml' : entry;
    const expected = /^# expect: (.*)$/m.exec(readFileSync(folder ? join(BROKEN, entry, file) : join(BROKEN, file), 'utf8'))![1];
    const dir = mkdtempSync(join(tmpdir(), 'broken-'));
    try {
      cpSync(join(BROKEN, entry), folder ? dir : join(dir, file), { recursive: true });
      const { problems } = await checkPlaybooks(dir);
      expect(problems.some((p) => p.includes(expected))).toBe(true);
      // One clear line per problem, each naming the file.
      for (const p of problems) expect(p).toMatch(new RegExp(`${file}(:\\d+)? `));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
