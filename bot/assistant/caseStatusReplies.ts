import type { Activity } from 'botbuilder';
import type { Locale } from '../../contracts/locale.js';
import {
  CASE_DATA_TIME_ZONE,
  type CaseDetails,
  type CaseStatusKind,
  caseStatusKindOf,
  type CaseStatusResult,
  type CaseStatusText,
  maskReceiptNumber,
} from '../cases/index.js';
import type { AssistantText } from './assistantText.js';
import { textReply, valueAction } from './replyActivity.js';

/**
 * A case's history as the dialog keeps it between turns until the visitor asks for it: plain
 * JSON (dates as ISO strings) and the receipt number only in its masked form.
 */
export interface KeptCaseHistory {
  maskedReceipt: string;
  entries: { date: string | null; en: string; es: string | null }[];
}

/**
 * A case as the conversation keeps it while it is the topic (for "what does that mean?", the
 * history, and saying it again in the other language): both languages' texts as the source gave
 * them, the receipt number masked everywhere.
 */
export interface KeptCaseStatus {
  maskedReceipt: string;
  formType: string;
  /** ISO date of the last change, or null. */
  lastChanged: string | null;
  kind: CaseStatusKind;
  en: CaseStatusText;
  es: CaseStatusText | null;
  history: KeptCaseHistory;
}

export type CaseStatusFailure = Exclude<CaseStatusResult['kind'], 'found'>;

/**
 * The case-status replies in the visitor's language: the status title (the official title may be
 * English only, and then says so), what it means and what happens next (always in the visitor's
 * language, from the resources), the official description, form type, date of the last change,
 * and the history on request. The receipt number is only ever shown masked, also inside
 * descriptions (the Case Status API repeats it there).
 */
export class CaseStatusReplies {
  private readonly dateFormats = new Map<string, Intl.DateTimeFormat>();

  constructor(private readonly text: AssistantText) {}

  /** What the conversation keeps of a case: masked, both languages. */
  keep(details: CaseDetails): KeptCaseStatus {
    const masked = maskReceiptNumber(details.receiptNumber);
    const hide = (status: CaseStatusText): CaseStatusText => ({
      title: status.title,
      description: hideReceipt(status.description, details.receiptNumber, masked),
    });
    return {
      maskedReceipt: masked,
      formType: details.formType,
      lastChanged: details.lastChanged ? details.lastChanged.toISOString() : null,
      kind: caseStatusKindOf(details.status.en.title),
      en: hide(details.status.en),
      es: details.status.es ? hide(details.status.es) : null,
      history: this.keepHistory(details),
    };
  }

  found(locale: Locale, kept: KeptCaseStatus): Partial<Activity> {
    const translated = locale === 'es' ? kept.es : kept.en;
    const status = translated ?? kept.en;
    const parts = [
      translated
        ? this.text.get(locale, 'caseStatus.found', { title: status.title, description: status.description })
        : this.text.get(locale, 'caseStatus.foundEnglishOnly', {
            title: status.title,
            description: status.description,
          }),
      this.meaning(locale, kept.kind),
      this.text.get(locale, 'caseStatus.details', {
        receipt: kept.maskedReceipt,
        formType: kept.formType || this.text.get(locale, 'caseStatus.unknownForm'),
        date: kept.lastChanged
          ? this.date(locale, new Date(kept.lastChanged))
          : this.text.get(locale, 'caseStatus.unknownDate'),
      }),
    ];
    if (!translated) parts.push(this.text.get(locale, 'caseStatus.englishOnly'));
    const actions = [
      valueAction(this.text.get(locale, 'caseStatus.historyAction'), { type: 'case_history' }),
    ];
    return textReply(locale, parts.join('\n\n'), { actions, outcome: 'caseStatus' });
  }

  /** "What does that mean?" after a status: what it means and what happens next, in the visitor's language. */
  explain(locale: Locale, kept: KeptCaseStatus): Partial<Activity> {
    const title = (locale === 'es' ? kept.es : kept.en)?.title ?? kept.en.title;
    return textReply(
      locale,
      [
        this.text.get(locale, 'caseStatus.explainLead', { title, receipt: kept.maskedReceipt }),
        this.meaning(locale, kept.kind),
      ].join('\n\n'),
      { outcome: 'caseStatus' },
    );
  }

  keepHistory(details: CaseDetails): KeptCaseHistory {
    const masked = maskReceiptNumber(details.receiptNumber);
    return {
      maskedReceipt: masked,
      entries: details.history.map((entry) => ({
        date: entry.date ? entry.date.toISOString() : null,
        en: hideReceipt(entry.en, details.receiptNumber, masked),
        es: entry.es === null ? null : hideReceipt(entry.es, details.receiptNumber, masked),
      })),
    };
  }

  history(locale: Locale, kept: KeptCaseHistory): Partial<Activity> {
    if (kept.entries.length === 0)
      return textReply(locale, this.text.get(locale, 'caseStatus.historyEmpty'), { outcome: 'caseStatus' });
    let englishOnly = false;
    const lines = kept.entries.map((entry) => {
      const translated = locale === 'es' ? entry.es : entry.en;
      if (translated === null) englishOnly = true;
      return this.text.get(locale, 'caseStatus.historyEntry', {
        date: entry.date
          ? this.date(locale, new Date(entry.date))
          : this.text.get(locale, 'caseStatus.unknownDate'),
        text: translated ?? entry.en,
      });
    });
    const parts = [
      this.text.get(locale, 'caseStatus.history', { receipt: kept.maskedReceipt }),
      lines.join('\n'),
    ];
    if (englishOnly) parts.push(this.text.get(locale, 'caseStatus.englishOnly'));
    return textReply(locale, parts.join('\n\n'), { outcome: 'caseStatus' });
  }

  failure(locale: Locale, kind: CaseStatusFailure, receiptNumber: string): Partial<Activity> {
    const receipt = maskReceiptNumber(receiptNumber);
    const reply = (key: string, actions = false) =>
      textReply(locale, this.text.get(locale, key, { receipt }), {
        outcome: 'caseStatus',
        ...(actions
          ? { actions: [valueAction(this.text.get(locale, 'agentOffer.action'), { type: 'agent_request' })] }
          : {}),
      });
    switch (kind) {
      case 'not_found':
        return reply('caseStatus.notFound');
      case 'invalid':
        return reply('caseStatus.invalid');
      case 'daily_limit':
        return reply('caseStatus.dailyLimit');
      case 'visitor_limit':
        return reply('caseStatus.visitorLimit');
      case 'unavailable':
        return reply('caseStatus.unavailable', true);
    }
  }

  /** "What it means: … What happens next: …" for a kind of status. */
  private meaning(locale: Locale, kind: CaseStatusKind): string {
    const known = this.text.has(locale, `caseStatusMeaning.${kind}.means`) ? kind : 'other';
    return this.text.get(locale, 'caseStatus.meaning', {
      means: this.text.get(locale, `caseStatusMeaning.${known}.means`),
      next: this.text.get(locale, `caseStatusMeaning.${known}.next`),
    });
  }

  /** "May 9, 2023" / "9 de mayo de 2023", on the agency's calendar (dates alone are midnight Eastern). */
  private date(locale: Locale, date: Date): string {
    if (Number.isNaN(date.getTime())) return this.text.get(locale, 'caseStatus.unknownDate');
    return this.dateFormat(this.text.intlLocale(locale)).format(date);
  }

  /** Building an Intl formatter costs far more than formatting with it: one per language, kept. */
  private dateFormat(intlLocale: string): Intl.DateTimeFormat {
    let format = this.dateFormats.get(intlLocale);
    if (!format) {
      format = new Intl.DateTimeFormat(intlLocale, { dateStyle: 'long', timeZone: CASE_DATA_TIME_ZONE });
      this.dateFormats.set(intlLocale, format);
    }
    return format;
  }
}

function hideReceipt(text: string, receiptNumber: string, masked: string): string {
  return text.split(receiptNumber).join(masked);
}
