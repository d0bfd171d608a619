import type { Activity } from 'botbuilder';
import type { Locale } from '../../knowledge/content/article.js';
import type { CaseDetails, CaseStatusResult } from '../cases/caseStatusProvider.js';
import { CASE_DATA_TIME_ZONE } from '../cases/parseCaseDate.js';
import { maskReceiptNumber } from '../cases/receiptNumber.js';
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

export type CaseStatusFailure = Exclude<CaseStatusResult['kind'], 'found'>;

/**
 * The case-status replies in the visitor's language: the status title and description (English
 * with a note when the source has no Spanish), form type, date of the last change, and the
 * history on request. The receipt number is only ever shown masked, also inside descriptions
 * (the Case Status API repeats it there).
 */
export class CaseStatusReplies {
  constructor(private readonly text: AssistantText) {}

  found(locale: Locale, details: CaseDetails): Partial<Activity> {
    const masked = maskReceiptNumber(details.receiptNumber);
    const translated = locale === 'es' ? details.status.es : details.status.en;
    const status = translated ?? details.status.en;
    const parts = [
      this.text.get(locale, 'caseStatus.found', {
        title: status.title,
        description: hideReceipt(status.description, details.receiptNumber, masked),
      }),
      this.text.get(locale, 'caseStatus.details', {
        receipt: masked,
        formType: details.formType || this.text.get(locale, 'caseStatus.unknownForm'),
        date: details.lastChanged
          ? this.date(locale, details.lastChanged)
          : this.text.get(locale, 'caseStatus.unknownDate'),
      }),
    ];
    if (!translated) parts.push(this.text.get(locale, 'caseStatus.englishOnly'));
    const actions = [
      valueAction(this.text.get(locale, 'caseStatus.historyAction'), { type: 'case_history' }),
    ];
    return textReply(locale, parts.join('\n\n'), { actions });
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
    if (kept.entries.length === 0) return textReply(locale, this.text.get(locale, 'caseStatus.historyEmpty'));
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
    return textReply(locale, parts.join('\n\n'));
  }

  failure(locale: Locale, kind: CaseStatusFailure, receiptNumber: string): Partial<Activity> {
    const receipt = maskReceiptNumber(receiptNumber);
    switch (kind) {
      case 'not_found':
        return textReply(locale, this.text.get(locale, 'caseStatus.notFound', { receipt }));
      case 'invalid':
        return textReply(locale, this.text.get(locale, 'caseStatus.invalid', { receipt }));
      case 'daily_limit':
        return textReply(locale, this.text.get(locale, 'caseStatus.dailyLimit'));
      case 'visitor_limit':
        return textReply(locale, this.text.get(locale, 'caseStatus.visitorLimit'));
      case 'unavailable':
        return textReply(locale, this.text.get(locale, 'caseStatus.unavailable'), {
          actions: [valueAction(this.text.get(locale, 'agentOffer.action'), { type: 'agent_request' })],
        });
    }
  }

  /** "May 9, 2023" / "9 de mayo de 2023", on the agency's calendar (dates alone are midnight Eastern). */
  private date(locale: Locale, date: Date): string {
    if (Number.isNaN(date.getTime())) return this.text.get(locale, 'caseStatus.unknownDate');
    return new Intl.DateTimeFormat(this.text.intlLocale(locale), {
      dateStyle: 'long',
      timeZone: CASE_DATA_TIME_ZONE,
    }).format(date);
  }
}

function hideReceipt(text: string, receiptNumber: string, masked: string): string {
  return text.split(receiptNumber).join(masked);
}
