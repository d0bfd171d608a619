import type { I18n } from '../i18n/i18n.js';
import type { HandoffEndReason, Locale } from '../storage/ports.js';
import type { QueueStanding } from './handoffEvents.js';

const LOCALES: readonly Locale[] = ['en', 'es'];

/** Lower case, no accents, no punctuation, single spaces: "¡Terminar  chat!" → "terminar chat". */
function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * What the handoff says to visitors, from the `handoff` key of the bot resources. Commands
 * ("end chat", "terminar chat") are recognised in either language whatever the conversation's
 * language, since a visitor may type the one they know.
 */
export class HandoffText {
  constructor(private readonly i18n: I18n) {}

  get(locale: Locale, key: string, values: Record<string, string | number> = {}): string {
    return this.i18n.t(`handoff.${key}`, { ...values, lng: locale, ns: 'bot' });
  }

  /** Any key of the bot resources (the assistant's alternatives are reused on expiry). */
  bot(locale: Locale, key: string, values: Record<string, string | number> = {}): string {
    return this.i18n.t(key, { ...values, lng: locale, ns: 'bot' });
  }

  /** "You are number 2 in line. The estimated wait is about 4 minutes." */
  standing(
    locale: Locale,
    standing: QueueStanding,
    key: 'queued' | 'position' | 'requeued' | 'stillQueued',
  ): string {
    const parts = [this.get(locale, key, { position: standing.position })];
    if (standing.estimatedWaitMinutes !== null) {
      parts.push(this.get(locale, 'estimate', { count: standing.estimatedWaitMinutes }));
    }
    return parts.join(' ');
  }

  ended(locale: Locale, reason: HandoffEndReason): string {
    return this.get(locale, `ended.${reason}`);
  }

  isLeaveCommand(text: string | undefined): boolean {
    return this.matches('leave', text);
  }

  isLeaveMessageCommand(text: string | undefined): boolean {
    return this.matches('leaveMessage', text);
  }

  private matches(list: string, text: string | undefined): boolean {
    if (!text) return false;
    const said = normalize(text);
    if (said === '') return false;
    return LOCALES.some((locale) => {
      const words: unknown = this.i18n.getResource(locale, 'bot', `handoff.keywords.${list}`);
      return (
        Array.isArray(words) && words.some((word) => typeof word === 'string' && normalize(word) === said)
      );
    });
  }
}
