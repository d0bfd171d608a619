import type { Locale } from '../../contracts/locale.js';

/** The BCP 47 tag the product formats dates and numbers with, per language (US English, US Spanish). */
export function localeTag(locale: Locale): string {
  return locale === 'es' ? 'es-US' : 'en-US';
}

/** "3:05 PM" / "3:05 p.m.": the time of day shown beside each chat message. */
export function timeOfDayFormat(locale: Locale): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(localeTag(locale), { hour: 'numeric', minute: '2-digit' });
}

/** An ISO time through `format`; empty for a date that does not parse (never "Invalid Date"). */
export function formatTime(iso: string, format: Intl.DateTimeFormat): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : format.format(date);
}
