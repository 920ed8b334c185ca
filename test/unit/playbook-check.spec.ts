import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPlaybooks } from '../../src/playbooks/check-playbooks.js';

const BROKEN = 'test/fixtures/broken';

describe('npm run playbooks:check', () => {
  it('passes the shipped playbooks', async () => {
    const report = await checkPlaybooks('playbooks');
    expect(report.problems).toEqual([]);
    expect(report.checked).toContain('covid19-office');
  });

  it.each(readdirSync(BROKEN).filter((f) => f.endsWith('.yaml')))('rejects %s with the expected line', async (file) => {
    const expected = /^# expect: (.*)$/m.exec(readFileSync(join(BROKEN, file), 'utf8'))![1];
    const dir = mkdtempSync(join(tmpdir(), 'broken-'));
    try {
      cpSync(join(BROKEN, file), join(dir, file));
      const { problems } = await checkPlaybooks(dir);
      expect(problems.some((p) => p.includes(expected))).toBe(true);
      // One clear line per problem, each naming the file.
      for (const p of problems) expect(p).toMatch(new RegExp(`${file}(:\\d+)? `));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
