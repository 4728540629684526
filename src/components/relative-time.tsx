// A service timestamp as "3 days ago", with the exact local time on hover (title) and in the datetime attribute.
import { useEffect, useState } from 'react';
import { parseServiceTime } from '../contract/time.ts';
import { useI18n } from '../i18n/i18n.tsx';

const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
  ['second', 1000],
];

export function formatRelative(ms: number, now: number, locale: string): string {
  const diff = ms - now;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(diff) >= size || unit === 'second') return format.format(Math.round(diff / size), unit);
  }
  return '';
}

/** The current time, refreshed every 30 s so relative times stay true. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function RelativeTime({ value }: { value: string | null | undefined }) {
  const { locale } = useI18n();
  const now = useNow();
  const ms = parseServiceTime(value);
  if (Number.isNaN(ms)) return <span>{value ?? '—'}</span>;
  const exact = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(ms);
  return (
    // the native title is the hover text: no popover machinery on every table row
    <time dateTime={new Date(ms).toISOString()} title={exact}>
      {formatRelative(ms, now, locale)}
    </time>
  );
}
