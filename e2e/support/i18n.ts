import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The console's own catalogs (web/src/i18n/*.json), so the tests find controls by the names a reader
 * sees in each language without copying the wording here. A key missing from a catalog fails the test:
 * the console would fall back to Vietnamese, which is an untranslated string on an English page.
 */
type Catalog = { [k: string]: string | Catalog };
const catalogs: Record<'vi' | 'en', Catalog> = {
  vi: JSON.parse(readFileSync(fileURLToPath(new URL('../../web/src/i18n/vi.json', import.meta.url)), 'utf8')),
  en: JSON.parse(readFileSync(fileURLToPath(new URL('../../web/src/i18n/en.json', import.meta.url)), 'utf8')),
};

function lookup(c: Catalog, key: string): string | undefined {
  let at: string | Catalog | undefined = c;
  for (const part of key.split('.')) at = typeof at === 'object' ? at[part] : undefined;
  return typeof at === 'string' ? at : undefined;
}

/** i18next's text for a key: `count` picks the plural form (_one / _other), {{x}} is filled in. */
export function text(lang: 'vi' | 'en', key: string, vars: Record<string, string | number> = {}): string {
  const c = catalogs[lang];
  const plural = typeof vars.count === 'number' ? lookup(c, `${key}_${new Intl.PluralRules(lang).select(vars.count)}`) ?? lookup(c, `${key}_other`) : undefined;
  const s = plural ?? lookup(c, key);
  if (s === undefined) throw new Error(`web/src/i18n/${lang}.json has no "${key}"`);
  return s.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => String(vars[k] ?? `{{${k}}}`));
}

export const vi = (key: string, vars?: Record<string, string | number>) => text('vi', key, vars);
export const en = (key: string, vars?: Record<string, string | number>) => text('en', key, vars);

/** A text whose {{placeholders}} may be anything: for messages whose filling is the page's choice. */
export function pattern(lang: 'vi' | 'en', key: string): RegExp {
  const parts = text(lang, key).split(/\{\{\s*\w+\s*\}\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(parts.join('.+?'));
}

/** A text as an exact-match pattern (for names that carry more around them, use a RegExp of your own). */
export function exactly(s: string): RegExp {
  return new RegExp(`^\\s*${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}
