import type { ChatRatingReport, RatingFigures } from '../../contracts/adminApi.js';
import { h } from './dom.js';
import type { ViewContext } from './viewContext.js';

/**
 * The analytics page's live-chat part: visitors' ratings of their chats with live agents, per
 * language and per agent (each agent with the split by language), as tables.
 */
export function chatRatingsSection(context: ViewContext, report: ChatRatingReport): HTMLElement {
  const { t } = context;
  const average = (figures: RatingFigures) =>
    figures.average === null
      ? t('ratings.none')
      : new Intl.NumberFormat(context.locale === 'es' ? 'es-US' : 'en-US', {
          minimumFractionDigits: 1,
          maximumFractionDigits: 2,
        }).format(figures.average);
  const cells = (figures: RatingFigures) => [
    h('td', {}, String(figures.ratings)),
    h('td', {}, average(figures)),
    h('td', {}, figures.distribution.join(' / ')),
  ];
  const head = (first: string) =>
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, first),
        h('th', { scope: 'col' }, t('ratings.ratings')),
        h('th', { scope: 'col' }, t('ratings.average')),
        h('th', { scope: 'col' }, t('ratings.distribution')),
      ),
    );
  const byLanguage = h(
    'table',
    {},
    h('caption', {}, t('ratings.byLanguage')),
    head(t('ratings.language')),
    h(
      'tbody',
      {},
      ...report.locales.map((figures) =>
        h('tr', {}, h('th', { scope: 'row' }, t(`locale.${figures.locale}`)), ...cells(figures)),
      ),
    ),
  );
  const agentRows = report.agents.flatMap((agent) => {
    const name = agent.displayName ?? t('ratings.unknownAgent', { id: agent.agentId });
    return [
      h('tr', {}, h('th', { scope: 'row' }, name), ...cells(agent)),
      ...agent.locales
        .filter((figures) => figures.ratings > 0)
        .map((figures) =>
          h(
            'tr',
            { class: 'sub-row' },
            h('th', { scope: 'row' }, `${name} · ${t(`locale.${figures.locale}`)}`),
            ...cells(figures),
          ),
        ),
    ];
  });
  const byAgent =
    report.agents.length === 0
      ? h('p', {}, t('ratings.noAgents'))
      : h(
          'table',
          {},
          h('caption', {}, t('ratings.byAgent')),
          head(t('ratings.agent')),
          h('tbody', {}, ...agentRows),
        );
  return h(
    'section',
    { class: 'chat-ratings', 'aria-labelledby': 'chat-ratings-title' },
    h('h2', { id: 'chat-ratings-title' }, t('ratings.title')),
    h('p', {}, t('ratings.intro')),
    byLanguage,
    byAgent,
  );
}
