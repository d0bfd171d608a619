import { LOCALES, type Locale } from '../../../contracts/locale.js';
import type {
  AgentRatingFigures,
  ChatRatingReport,
  LocaleRatingFigures,
  RatingFigures,
} from '../../../contracts/adminApi.js';
import type { ChatRating, Store } from '../../storage/ports.js';
import type { ReportPeriod } from './reportPeriod.js';

/**
 * Visitors' ratings of live-agent chats given in a period: per language, and per agent (with the
 * same split by language), for whoever follows up on the live chat's quality. Days are UTC days.
 */
export async function chatRatingReport(
  store: Pick<Store, 'chatRatings' | 'users'>,
  period: ReportPeriod,
  locale?: Locale,
): Promise<ChatRatingReport> {
  const ratings = await store.chatRatings.list({
    from: period.fromAt,
    to: period.toAt,
    ...(locale ? { locale } : {}),
  });
  const locales = locale ? [locale] : [...LOCALES];
  const byAgent = new Map<string, ChatRating[]>();
  for (const rating of ratings) byAgent.set(rating.agentId, [...(byAgent.get(rating.agentId) ?? []), rating]);
  const names = new Map((await store.users.list()).map((user) => [user.id, user.displayName]));
  const agents: AgentRatingFigures[] = [...byAgent].map(([agentId, own]) => ({
    agentId,
    displayName: names.get(agentId) ?? null,
    ...figures(own),
    locales: perLocale(own, locales),
  }));
  agents.sort(
    (a, b) => b.ratings - a.ratings || (a.displayName ?? a.agentId).localeCompare(b.displayName ?? b.agentId),
  );
  return { from: period.from, to: period.to, locales: perLocale(ratings, locales), agents };
}

function perLocale(ratings: readonly ChatRating[], locales: readonly Locale[]): LocaleRatingFigures[] {
  return locales.map((code) => ({
    locale: code,
    ...figures(ratings.filter((item) => item.locale === code)),
  }));
}

function figures(ratings: readonly ChatRating[]): RatingFigures {
  const distribution = [0, 0, 0, 0, 0];
  let sum = 0;
  for (const { rating } of ratings) {
    distribution[rating - 1] = (distribution[rating - 1] ?? 0) + 1;
    sum += rating;
  }
  return {
    ratings: ratings.length,
    average: ratings.length === 0 ? null : Math.round((sum / ratings.length) * 100) / 100,
    distribution,
  };
}
