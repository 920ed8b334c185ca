/** Every human-facing string in a playbook is bilingual: Vietnamese as written in the seed, English beside it. */
export interface Text {
  vi: string;
  en: string;
}
