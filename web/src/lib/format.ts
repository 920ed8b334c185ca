// Times are stored in UTC and shown in the unit's own zone, with the zone named, in the reader's language.
import { useEffect, useState } from 'react';
import type { Text } from '../api/types';

export const localeOf = (lang: string) => (lang === 'en' ? 'en-GB' : 'vi-VN');

export function pick(text: Text | string | null | undefined, lang: string): string {
  if (!text) return '';
  if (typeof text === 'string') return text;
  return (lang === 'en' ? text.en : text.vi) || text.vi || text.en;
}

export function formatInZone(iso: string | null | undefined, lang: string, timeZone?: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  const zone = safeZone(timeZone);
  const text = new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(d);
  return `${text} (${zone})`;
}

function safeZone(z?: string): string {
  if (!z) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: z });
    return z;
  } catch {
    return 'UTC';
  }
}

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
