import i18next, { type TFunction } from 'i18next';
import type { Locale } from '../../contracts/locale.js';

export type { TFunction };

/** One locale file's content (web-widget/locales/<locale>/<namespace>.json). */
type LocaleFile = Record<string, unknown>;

/**
 * A console's labels in English and Spanish, through i18next like the rest of the product's text
 * (locale files under web-widget/locales/). One instance per console; switching the language
 * changes what `t` returns from then on. The console starts in the language chosen last in this
 * browser (`storageKey` in localStorage), else the browser's, and remembers each switch. The
 * visitor widget does not use this: i18next would be a quarter of its size budget (see
 * widget/widgetStrings.ts).
 */
export async function createConsoleText(
  namespace: string,
  files: Record<Locale, LocaleFile>,
  storageKey: string,
) {
  const saved = localStorage.getItem(storageKey);
  const locale: Locale =
    saved === 'en' || saved === 'es'
      ? saved
      : navigator.language.toLowerCase().startsWith('es')
        ? 'es'
        : 'en';
  const instance = i18next.createInstance();
  await instance.init({
    resources: { en: { [namespace]: files.en }, es: { [namespace]: files.es } },
    lng: locale,
    fallbackLng: 'en',
    ns: [namespace],
    defaultNS: namespace,
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
      localStorage.setItem(storageKey, next);
    },
    /** A raw value of one language's file (a list, an object), whatever the console's language. */
    resource(of: Locale, key: string): unknown {
      return instance.getResource(of, namespace, key) as unknown;
    },
  };
}

export type ConsoleText = Awaited<ReturnType<typeof createConsoleText>>;
