import i18next, { type TFunction } from 'i18next';
import en from '../locales/en/agent.json' with { type: 'json' };
import es from '../locales/es/agent.json' with { type: 'json' };
import type { Locale } from '../protocol/agentEvents.js';

export type { TFunction };

/** A canned response, in the language of the visitor it is for. */
export interface CannedResponse {
  title: string;
  text: string;
}

/**
 * The console's labels in English and Spanish through i18next (web-widget/locales/*\/agent.json).
 * The console's own language and the visitor's are independent: canned responses come from the
 * visitor's language file, whatever language the console is shown in.
 */
export async function createConsoleStrings(locale: Locale) {
  const instance = i18next.createInstance();
  await instance.init({
    resources: { en: { agent: en }, es: { agent: es } },
    lng: locale,
    fallbackLng: 'en',
    ns: ['agent'],
    defaultNS: 'agent',
    // Text goes into the DOM as text nodes, never as HTML.
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  return {
    get t(): TFunction {
      return instance.t;
    },
    get locale(): Locale {
      return instance.language === 'es' ? 'es' : 'en';
    },
    setLocale: async (next: Locale) => {
      await instance.changeLanguage(next);
    },
    canned(visitorLocale: Locale, agentName: string): CannedResponse[] {
      const list = instance.getResource(visitorLocale, 'agent', 'canned') as unknown;
      if (!Array.isArray(list)) return [];
      return list
        .filter(
          (item): item is CannedResponse => typeof item?.title === 'string' && typeof item?.text === 'string',
        )
        .map((item) => ({ title: item.title, text: item.text.replace('{{name}}', agentName) }));
    },
  };
}

export type ConsoleStrings = Awaited<ReturnType<typeof createConsoleStrings>>;
