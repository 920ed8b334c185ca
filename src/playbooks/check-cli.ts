import { checkPlaybooks } from './check-playbooks.js';

/** `npm run playbooks:check [dir]`: exit 1 with one line per problem, 0 when every playbook is sound. */
const dir = process.argv[2] ?? process.env.PLAYBOOKS_DIR ?? './playbooks';
checkPlaybooks(dir).then(
  ({ checked, problems }) => {
    for (const line of problems) console.log(line);
    if (problems.length) {
      console.error(`${problems.length} problem(s) in ${dir}`);
      process.exit(1);
    }
    console.log(`${checked.length} playbook(s) checked in ${dir}: ${checked.join(', ')}; no problems`);
  },
  (e) => {
    console.error(e);
    process.exit(2);
  },
);
