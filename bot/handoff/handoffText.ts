import { normalizeText } from '../shared/normalizeText.js';
import type { I18n } from '../i18n/i18n.js';
import { LOCALES, type Locale } from '../../contracts/locale.js';
import type { HandoffEndReason } from './records.js';
import type { QueueStanding } from './handoffEvents.js';

type CommandList = 'leave' | 'leaveMessage';

/**
 * What the handoff says to visitors, from the `handoff` key of the bot resources. Commands
 * ("end chat", "terminar chat") are recognised in either language whatever the conversation's
 * language, since a visitor may type the one they know.
 */
export class HandoffText {
  /** Each command list's phrases in both languages, normalised once (they are read per message). */
  private readonly commands = new Map<CommandList, ReadonlySet<string>>();

  constructor(private readonly i18n: I18n) {}

  get(locale: Locale, key: string, values: Record<string, string | number> = {}): string {
    return this.i18n.t(`handoff.${key}`, { ...values, lng: locale, ns: 'bot' });
  }

  /** Any key of the bot resources (the assistant's alternatives are reused on expiry). */
  bot(locale: Locale, key: string, values: Record<string, string | number> = {}): string {
    return this.i18n.t(key, { ...values, lng: locale, ns: 'bot' });
  }

  /** The canned replies the product starts with, in each language (bot resources, `handoff.cannedDefaults`). */
  cannedDefaults(): Record<Locale, Array<{ title: string; text: string }>> {
    const of = (locale: Locale) => {
      const list: unknown = this.i18n.getResource(locale, 'bot', 'handoff.cannedDefaults');
      return Array.isArray(list)
        ? list.filter(
            (item: unknown): item is { title: string; text: string } =>
              typeof item === 'object' &&
              item !== null &&
              'title' in item &&
              typeof item.title === 'string' &&
              'text' in item &&
              typeof item.text === 'string',
          )
        : [];
    };
    return { en: of('en'), es: of('es') };
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

  private matches(list: CommandList, text: string | undefined): boolean {
    if (!text) return false;
    const said = normalizeText(text);
    return said !== '' && this.phrases(list).has(said);
  }

  private phrases(list: CommandList): ReadonlySet<string> {
    let phrases = this.commands.get(list);
    if (!phrases) {
      phrases = new Set(
        LOCALES.flatMap((locale) => {
          const words: unknown = this.i18n.getResource(locale, 'bot', `handoff.keywords.${list}`);
          return Array.isArray(words)
            ? words.filter((word) => typeof word === 'string').map(normalizeText)
            : [];
        }),
      );
      this.commands.set(list, phrases);
    }
    return phrases;
  }
}
