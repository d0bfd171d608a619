import type { Locale } from '../../contracts/locale.js';
import type { I18n } from '../i18n/i18n.js';

/**
 * The assistant's words, from the `bot` namespace of the i18n resources. Every reply goes
 * through here so nothing user-visible is written in code.
 */
export class AssistantText {
  /**
   * Texts without values, once looked up: the resources do not change while the service runs, and
   * a turn asks for the same labels and phrases many times.
   */
  private readonly fixed = new Map<string, string>();

  constructor(private readonly i18n: I18n) {}

  get(locale: Locale, key: string, values?: Record<string, string | number>): string {
    if (values !== undefined && Object.keys(values).length > 0) {
      return this.i18n.t(key, { ...values, lng: locale, ns: 'bot' });
    }
    const cacheKey = `${locale}\u0000${key}`;
    let text = this.fixed.get(cacheKey);
    if (text === undefined) {
      text = this.i18n.t(key, { lng: locale, ns: 'bot' });
      this.fixed.set(cacheKey, text);
    }
    return text;
  }

  /** Whether the resources have this key in this language (without falling back to another one). */
  has(locale: Locale, key: string): boolean {
    return this.i18n.getResource(locale, 'bot', key) !== undefined;
  }

  /** A list of strings (button labels, examples); empty when the key is missing or not a list. */
  list(locale: Locale, key: string): string[] {
    const value: unknown = this.i18n.getResource(locale, 'bot', key);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  }

  /** The BCP 47 tag for dates and numbers in this language ("en-US", "es-US"). */
  intlLocale(locale: Locale): string {
    return this.get(locale, 'intlLocale');
  }
}
