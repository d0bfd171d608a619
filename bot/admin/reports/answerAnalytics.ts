import { LOCALES, type Locale } from '../../../contracts/locale.js';
import type {
  AnalyticsReport,
  ArticleFigures,
  DayFigures,
  LocaleFigures,
} from '../../../contracts/adminApi.js';
import type { AnalyticsEvent, FeedbackRecord, Store } from '../../storage/ports.js';
import { toCsv } from './csv.js';
import { questionResult } from './questionResult.js';
import type { ReportPeriod } from './reportPeriod.js';

/**
 * The answer analytics of a period, per locale: how many questions, how many answered, clarified
 * or left unanswered, votes per article, live-agent requests and case status lookups, with a
 * series per day for the charts. Days are UTC days (see reportPeriod).
 */
export async function answerAnalytics(
  store: Pick<Store, 'analytics' | 'feedback'>,
  period: ReportPeriod,
  locale?: Locale,
): Promise<AnalyticsReport> {
  const range = { from: period.fromAt, to: period.toAt, ...(locale ? { locale } : {}) };
  const [events, feedback] = await Promise.all([store.analytics.list(range), store.feedback.list(range)]);
  const locales = locale ? [locale] : [...LOCALES];
  return {
    from: period.from,
    to: period.to,
    locales: locales.map((code) =>
      localeFigures(
        code,
        period,
        events.filter((event) => event.locale === code),
        feedback.filter((record) => record.locale === code),
      ),
    ),
  };
}

function localeFigures(
  locale: Locale,
  period: ReportPeriod,
  events: readonly AnalyticsEvent[],
  feedback: readonly FeedbackRecord[],
): LocaleFigures {
  const days = new Map<string, DayFigures>(period.days.map((date) => [date, emptyDay(date)]));
  const articles = new Map<string, ArticleFigures>();
  const article = (articleId: string): ArticleFigures => {
    const found = articles.get(articleId) ?? { articleId, answered: 0, helpful: 0, notHelpful: 0 };
    articles.set(articleId, found);
    return found;
  };
  const handoffOutcomes = new Map<string, number>();
  const caseStatusOutcomes = new Map<string, number>();
  for (const event of events) {
    const day = days.get(event.at.slice(0, 10));
    if (!day) continue;
    if (event.type === 'question') {
      day.questions += 1;
      const result = questionResult(event);
      if (result === 'answered') {
        day.answered += 1;
        if (event.articleId) article(event.articleId).answered += 1;
      } else if (result === 'clarified') day.clarified += 1;
      else day.unanswered += 1;
    } else if (event.type === 'handoff_request') {
      day.handoffRequests += 1;
      increment(handoffOutcomes, event.outcome ?? 'unknown');
    } else if (event.type === 'case_status') {
      day.caseStatusLookups += 1;
      increment(caseStatusOutcomes, event.outcome ?? 'unknown');
    }
  }
  for (const record of feedback) {
    const day = days.get(record.at.slice(0, 10));
    if (!day) continue;
    if (record.helpful) {
      day.helpful += 1;
      article(record.articleId).helpful += 1;
    } else {
      day.notHelpful += 1;
      article(record.articleId).notHelpful += 1;
    }
  }
  const series = [...days.values()];
  const sum = (pick: (day: DayFigures) => number) => series.reduce((total, day) => total + pick(day), 0);
  const questions = sum((day) => day.questions);
  const rate = (count: number) => (questions === 0 ? 0 : Math.round((count / questions) * 1000) / 1000);
  const answered = sum((day) => day.answered);
  const clarified = sum((day) => day.clarified);
  const unanswered = sum((day) => day.unanswered);
  return {
    locale,
    questions,
    answered,
    clarified,
    unanswered,
    answeredRate: rate(answered),
    clarifiedRate: rate(clarified),
    unansweredRate: rate(unanswered),
    helpful: sum((day) => day.helpful),
    notHelpful: sum((day) => day.notHelpful),
    handoffRequests: sum((day) => day.handoffRequests),
    handoffOutcomes: Object.fromEntries(handoffOutcomes),
    caseStatusLookups: sum((day) => day.caseStatusLookups),
    caseStatusOutcomes: Object.fromEntries(caseStatusOutcomes),
    articles: [...articles.values()].sort(
      (a, b) =>
        b.answered - a.answered || b.notHelpful - a.notHelpful || a.articleId.localeCompare(b.articleId),
    ),
    days: series,
  };
}

/** One row per locale and day, for spreadsheets. */
export function analyticsCsv(report: AnalyticsReport): string {
  return toCsv(
    [
      'date',
      'locale',
      'questions',
      'answered',
      'clarified',
      'unanswered',
      'helpful',
      'not_helpful',
      'handoff_requests',
      'case_status_lookups',
    ],
    report.locales.flatMap((figures) =>
      figures.days.map((day) => [
        day.date,
        figures.locale,
        day.questions,
        day.answered,
        day.clarified,
        day.unanswered,
        day.helpful,
        day.notHelpful,
        day.handoffRequests,
        day.caseStatusLookups,
      ]),
    ),
  );
}

function emptyDay(date: string): DayFigures {
  return {
    date,
    questions: 0,
    answered: 0,
    clarified: 0,
    unanswered: 0,
    helpful: 0,
    notHelpful: 0,
    handoffRequests: 0,
    caseStatusLookups: 0,
  };
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}
