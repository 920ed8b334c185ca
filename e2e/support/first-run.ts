/**
 * Reads what the service's first run prints (src/directory/demo-seed.ts, firstRunMessage): one line per
 * bearer token, and the one-time console links ("Sign in to the console: <url>"). Kept apart from the
 * process handling so the format it depends on is in one place.
 */

export interface DemoToken {
  who: string;
  email: string;
  token: string;
}

export interface DemoLink {
  /** Whose link it is, as the message names them ("duty officer", "admin"), or the email when only that is given. */
  who: string;
  email?: string;
  url: string;
}

export interface FirstRun {
  tokens: DemoToken[];
  links: DemoLink[];
}

const TOKEN_LINE = /^\s+(.+?)\s{2,}(\S+@\S+)\s+(pbe_\S+)\s*$/;
const LINK = /(https?:\/\/\S+\/app\/link#\S+)/;
const EMAIL = /(\S+@[^\s:]+)/;

/**
 * The tokens and links in the service's output. A link line names its person, or follows the token line
 * of the person it belongs to (whichever the message does): both are read.
 */
export function parseFirstRun(output: string): FirstRun {
  const tokens: DemoToken[] = [];
  const links: DemoLink[] = [];
  let last: DemoToken | undefined;
  for (const line of output.split(/\r?\n/)) {
    const t = TOKEN_LINE.exec(line);
    if (t) {
      last = { who: t[1].trim(), email: t[2], token: t[3] };
      tokens.push(last);
      continue;
    }
    const l = LINK.exec(line);
    if (!l) continue;
    const before = line.slice(0, l.index);
    const named = tokens.find((k) => before.includes(k.email) || before.includes(k.who));
    const email = EMAIL.exec(before)?.[1];
    const who = named?.who ?? (email ? (tokens.find((k) => k.email === email)?.who ?? email) : last?.who);
    if (!who) throw new Error(`a sign-in link names nobody, and follows no token line: ${line}`);
    links.push({ who, email: named?.email ?? email ?? last?.email, url: l[1] });
  }
  return { tokens, links };
}

/** True once the output holds the whole first-run message (its token lines end with a blank line). */
export function firstRunPrinted(output: string): boolean {
  return /First run:/.test(output) && parseFirstRun(output).tokens.length >= 3;
}
