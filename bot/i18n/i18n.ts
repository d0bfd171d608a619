import i18next, { type i18n as I18n, type TFunction } from 'i18next';
import type { Locale } from '../../contracts/locale.js';
import enBot from './locales/en/bot.json' with { type: 'json' };
import esBot from './locales/es/bot.json' with { type: 'json' };
import enApi from './locales/en/api.json' with { type: 'json' };
import esApi from './locales/es/api.json' with { type: 'json' };

export type { TFunction, I18n };

/** The agency's default language: for channels that send none, or one the product does not speak. */
export const DEFAULT_LOCALE: Locale = 'en';

/**
 * Every user-visible string of the service comes from these resources. One instance per process,
 * created explicitly (no global singleton) so tests and the server share nothing by accident.
 */
export async function createI18n(): Promise<I18n> {
  const instance = i18next.createInstance();
  await instance.init({
    resources: { en: { bot: enBot, api: enApi }, es: { bot: esBot, api: esApi } },
    supportedLngs: ['en', 'es'],
    fallbackLng: DEFAULT_LOCALE,
    // `bot`: what the assistant says; `api`: error messages of the HTTP API and the consoles' sockets.
    ns: ['bot', 'api'],
    defaultNS: 'bot',
    returnNull: false,
    interpolation: { escapeValue: false },
  });
  return instance;
}

/**
 * Maps a channel locale ("es-US", "es", "en-us", undefined, "fr-FR") to a product locale.
 * Anything that is not Spanish falls back to English, the agency's default.
 */
export function toProductLocale(locale: string | undefined | null): Locale {
  return locale?.trim().toLowerCase().startsWith('es') ? 'es' : DEFAULT_LOCALE;
}
