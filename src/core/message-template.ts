import Mustache from 'mustache';
import { DateTime } from 'luxon';
import type { Text } from './text.js';

/**
 * A `notify` message may name incident data with logic-less mustache variables: `{{unit.name}}`,
 * `{{level.title}}`, `{{at}}`, `{{note}}`, `{{data.<field>}}`. It is rendered once, when the message
 * is queued, so a retry sends the same words. Messages go out as plain text, so nothing is HTML-escaped.
 */
export const MESSAGE_VARIABLES = ['unit.name', 'level.title', 'at', 'note', 'data.<field>'] as const;

export interface MessageFacts {
  unit: { name: string; timeZone: string };
  level: { title?: Text } | null;
  at: Date;
  note: string | null;
  data: Record<string, unknown> | null;
}

const plain = { escape: (v: unknown) => String(v) };

function view(f: MessageFacts, lang: keyof Text) {
  const at = DateTime.fromJSDate(f.at).setZone(f.unit.timeZone);
  return {
    unit: { name: f.unit.name },
    level: { title: f.level?.title?.[lang] ?? '' },
    at: `${at.toFormat('yyyy-MM-dd HH:mm')} (${f.unit.timeZone})`,
    note: f.note ?? '',
    data: f.data ?? {},
  };
}

/** The message with its variables filled in, in each language; a message without `{{` is returned as it is. */
export function renderMessage(message: Text, facts: MessageFacts): Text {
  const one = (lang: keyof Text) => (message[lang].includes('{{') ? Mustache.render(message[lang], view(facts, lang), {}, plain) : message[lang]);
  return { vi: one('vi'), en: one('en') };
}

/**
 * What is wrong with a message template: it does not parse, or it names a variable that cannot exist.
 * `dataFields` are the data fields of the events that can send it.
 */
export function messageTemplateProblems(template: string, dataFields: Set<string>): string[] {
  if (!template.includes('{{')) return [];
  let tokens: unknown[];
  try {
    tokens = Mustache.parse(template);
  } catch (e) {
    return [`the message template does not parse: ${(e as Error).message}`];
  }
  const problems: string[] = [];
  const visit = (list: unknown[]) => {
    for (const t of list as [string, string, number, number, unknown[]?][]) {
      const [kind, name] = t;
      if (kind === 'text') continue;
      if (kind !== 'name' && kind !== '&') {
        problems.push(`"{{${kind}${name}}}": a message template uses variables only (${MESSAGE_VARIABLES.join(', ')}), no sections or partials`);
        continue;
      }
      const problem = variableProblem(name, dataFields);
      if (problem) problems.push(problem);
    }
  };
  visit(tokens);
  return problems;
}

function variableProblem(name: string, dataFields: Set<string>): string | null {
  if (['unit.name', 'level.title', 'at', 'note'].includes(name)) return null;
  if (name.startsWith('data.')) {
    const field = name.slice(5);
    if (dataFields.has(field)) return null;
    return `"{{${name}}}": no event that can send this message declares the data field "${field}"${dataFields.size ? `; expected one of ${[...dataFields].map((f) => `data.${f}`).join(', ')}` : ''}`;
  }
  return `"{{${name}}}" is not a message variable; expected one of ${MESSAGE_VARIABLES.join(', ')}`;
}
