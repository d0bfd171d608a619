import type { Locale } from '../../../contracts/locale.js';
import { maskPersonalData } from '../../privacy/personalData.js';
import type { UnansweredReport } from '../../../contracts/adminApi.js';
import type { Store } from '../../storage/ports.js';
import { toCsv } from './csv.js';
import { questionResult } from './questionResult.js';
import { engineTerms, groupQuestions, type UnansweredItem } from './questionClusters.js';
import type { ReportPeriod } from './reportPeriod.js';

/**
 * What visitors asked that the assistant could not answer (the reply was a fallback, or the
 * topic's article did not say it; `questionResult`) or answered
 * unhelpfully (a "no" on "Was this helpful?"), grouped by similar wording and language. The text
 * was masked when it was stored; it is masked again here, as every report does.
 */
export async function unansweredQuestions(
  store: Pick<Store, 'analytics' | 'feedback'>,
  period: ReportPeriod,
  locale?: Locale,
): Promise<UnansweredReport> {
  const range = { from: period.fromAt, to: period.toAt, ...(locale ? { locale } : {}) };
  const [questions, feedback] = await Promise.all([
    store.analytics.list({ ...range, type: 'question' }),
    store.feedback.list(range),
  ]);
  const items: UnansweredItem[] = [
    ...questions
      .filter((event) => questionResult(event) === 'unanswered' && event.text)
      .map((event) => ({
        locale: event.locale,
        text: maskPersonalData(event.text ?? ''),
        at: event.at,
        source: 'none' as const,
        articleId: null,
      })),
    ...feedback
      .filter((record) => !record.helpful && record.question.trim() !== '')
      .map((record) => ({
        locale: record.locale,
        text: maskPersonalData(record.question),
        at: record.at,
        source: 'not_helpful' as const,
        articleId: record.articleId,
      })),
  ];
  return {
    from: period.from,
    to: period.to,
    locale: locale ?? null,
    total: items.length,
    groups: groupQuestions(items, engineTerms()),
  };
}

export function unansweredCsv(report: UnansweredReport): string {
  return toCsv(
    [
      'locale',
      'count',
      'unanswered',
      'not_helpful',
      'first_seen',
      'last_seen',
      'wording',
      'other_wordings',
      'articles',
    ],
    report.groups.map((group) => [
      group.locale,
      group.count,
      group.unanswered,
      group.notHelpful,
      group.firstAt,
      group.lastAt,
      group.wording,
      group.examples.join(' | '),
      group.articleIds.join(' '),
    ]),
  );
}
