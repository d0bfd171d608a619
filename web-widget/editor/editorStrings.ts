import i18next, { type TFunction } from 'i18next';
import en from '../locales/en/editor.json' with { type: 'json' };
import es from '../locales/es/editor.json' with { type: 'json' };

export type ConsoleLocale = 'en' | 'es';
export type { TFunction };

/**
 * The console's labels in English and Spanish, through i18next like the rest of the product's
 * text (locale files under web-widget/locales/). One instance per console; switching the language
 * changes what `t` returns from then on.
 */
export async function createEditorStrings(locale: ConsoleLocale) {
  const instance = i18next.createInstance();
  await instance.init({
    resources: { en: { editor: en }, es: { editor: es } },
    lng: locale,
    fallbackLng: 'en',
    ns: ['editor'],
    defaultNS: 'editor',
    // Text goes into the DOM as text nodes, never as HTML.
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  return {
    get t(): TFunction {
      return instance.t;
    },
    get locale(): ConsoleLocale {
      return instance.language === 'es' ? 'es' : 'en';
    },
    setLocale: async (next: ConsoleLocale) => {
      await instance.changeLanguage(next);
    },
  };
}

export type EditorStrings = Awaited<ReturnType<typeof createEditorStrings>>;
