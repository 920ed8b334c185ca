// One time policy: times are stored in UTC and always shown with their zone named, in the reader's language.
// A time that belongs to a unit (a due time, a timeline entry) is shown in the unit's zone; a time that
// belongs to no unit (a token's last use, the audit log, a link's expiry) in the reader's own zone.
import { useEffect, useState } from 'react';
import type { Text } from '../api/types';

/** The locale of the console's current language (i18n.language), never a fixed one. */
export const localeOf = (lang: string) => (lang === 'en' ? 'en-GB' : 'vi-VN');

export function pick(text: Text | string | null | undefined, lang: string): string {
  if (!text) return '';
  if (typeof text === 'string') return text;
  return (lang === 'en' ? text.en : text.vi) || text.vi || text.en;
}

// Old IANA names browsers still report (Chromium says "Asia/Saigon" where the service says
// "Asia/Ho_Chi_Minh"): one zone, one name on every screen.
const ZONE_ALIASES: Record<string, string> = {
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Ujung_Pandang': 'Asia/Makassar',
  'Europe/Kiev': 'Europe/Kyiv',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'Pacific/Truk': 'Pacific/Chuuk',
  'Etc/UTC': 'UTC',
  'Etc/GMT': 'UTC',
  'Etc/Universal': 'UTC',
  'Etc/Zulu': 'UTC',
  GMT: 'UTC',
  Universal: 'UTC',
  Zulu: 'UTC',
};

/** A zone's one name (aliases folded), or undefined when the zone is unknown to this browser. */
export function zoneName(z: string | null | undefined): string | undefined {
  if (!z) return undefined;
  const name = ZONE_ALIASES[z] ?? z;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return name;
  } catch {
    return undefined;
  }
}

/** The reader's own zone, as the browser reports it, under its one name. */
export function readerZone(): string {
  return zoneName(Intl.DateTimeFormat().resolvedOptions().timeZone) ?? 'UTC';
}

/**
 * A date and time in `timeZone` (a unit's), with the zone named; without a zone (or an unknown one), in the
 * reader's own zone, named too. `lang` is the console's current language (i18n.language).
 */
export function formatInZone(iso: string | null | undefined, lang: string, timeZone?: string | null): string {
  if (!iso) return '';
  const zone = zoneName(timeZone) ?? readerZone();
  const text = new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(new Date(iso));
  return `${text} (${zone})`;
}

/** A time that belongs to no unit (a token's last use, the audit log, a link's expiry): the reader's zone, named. */
export const formatForReader = (iso: string | null | undefined, lang: string) => formatInZone(iso, lang, readerZone());

/** "3 hours ago" / "in 12 minutes", in the reader's language. */
export function relative(iso: string | null | undefined, lang: string, now: number): string {
  if (!iso) return '';
  const diff = (new Date(iso).getTime() - now) / 1000;
  const rtf = new Intl.RelativeTimeFormat(localeOf(lang), { numeric: 'auto' });
  const abs = Math.abs(diff);
  if (abs < 60) return rtf.format(Math.round(diff), 'second');
  if (abs < 3600) return rtf.format(Math.round(diff / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(diff / 3600), 'hour');
  return rtf.format(Math.round(diff / 86400), 'day');
}

/** A countdown: whole days and "h:mm:ss" (the caller names the days in the reader's language). */
export function countdown(iso: string, now: number): { days: number; hms: string; past: boolean } {
  const ms = new Date(iso).getTime() - now;
  const past = ms < 0;
  let s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return { days: d, hms: `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}`, past };
}

/** The current time, ticking every `ms`; one shared timer per component that shows clocks. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

/** The zone's offset from UTC at `ms`, in minutes (east positive), read from Intl: no hand-kept tables. */
function offsetMinutes(ms: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(ms));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return (Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - Math.floor(ms / 1000) * 1000) / 60_000;
}

/**
 * A wall-clock time typed in a datetime-local field ("2026-12-02T14:30"), read in `zone` (the unit's), as an
 * ISO 8601 instant with its offset; undefined when it is not a date-time. In a DST gap the later offset wins.
 */
export function wallTimeToIso(local: string, zone: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) return undefined;
  const wall = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0));
  let guess = wall - offsetMinutes(wall, zone) * 60_000;
  guess = wall - offsetMinutes(guess, zone) * 60_000;
  const off = offsetMinutes(guess, zone);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  const local2 = new Date(guess + off * 60_000).toISOString().slice(0, 19);
  return `${local2}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
