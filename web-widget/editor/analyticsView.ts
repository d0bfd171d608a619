import { chatRatingsSection } from './chatRatingsSection.js';
import { h } from './dom.js';
import type { LocaleFigures } from '../../contracts/adminApi.js';
import { lineChart } from './lineChart.js';
import { periodForm } from './periodForm.js';
import { percent, type View, type ViewContext } from './viewContext.js';

/**
 * Answer analytics per language over a period: totals and rates, a chart of questions per day
 * (with the same figures as a table), votes per article, and the CSV export.
 */
export const analyticsView: View = async (context, main, params) => {
  const { t, api } = context;
  const { form, period } = periodForm(context, 'analytics', params);
  const [report, ratings] = await Promise.all([api.analytics(period), api.chatRatings(period)]);
  const download = h('button', { type: 'button' }, t('analytics.download'));
  download.addEventListener('click', () => {
    void api.analyticsCsv(period).then(({ blob, fileName }) => {
      const url = URL.createObjectURL(blob);
      const link = h('a', { href: url, download: fileName });
      document.body.append(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(url);
    });
  });
  main.append(
    h('h1', { tabindex: '-1' }, t('analytics.title')),
    form,
    h('p', {}, download),
    ...report.locales.map((figures) => localeSection(context, figures, report.from, report.to)),
    chatRatingsSection(context, ratings),
  );
};

function localeSection(context: ViewContext, figures: LocaleFigures, from: string, to: string): HTMLElement {
  const { t, locale } = context;
  const language = t(`locale.${figures.locale}`);
  const rate = (count: number, share: number) =>
    t('analytics.rate', { count, percent: percent(share, locale) });
  const summary = h(
    'dl',
    { class: 'figures' },
    ...(
      [
        ['analytics.questions', String(figures.questions)],
        ['analytics.answered', rate(figures.answered, figures.answeredRate)],
        ['analytics.clarified', rate(figures.clarified, figures.clarifiedRate)],
        ['analytics.unanswered', rate(figures.unanswered, figures.unansweredRate)],
        ['analytics.helpful', String(figures.helpful)],
        ['analytics.notHelpful', String(figures.notHelpful)],
        ['analytics.handoffs', String(figures.handoffRequests)],
        ['analytics.caseStatus', String(figures.caseStatusLookups)],
      ] as const
    ).flatMap(([key, value]) => [h('dt', {}, t(key)), h('dd', {}, value)]),
  );
  const series = [
    {
      key: 'answered',
      label: t('analytics.answered'),
      pick: (day: LocaleFigures['days'][number]) => day.answered,
    },
    {
      key: 'clarified',
      label: t('analytics.clarified'),
      pick: (day: LocaleFigures['days'][number]) => day.clarified,
    },
    {
      key: 'unanswered',
      label: t('analytics.unanswered'),
      pick: (day: LocaleFigures['days'][number]) => day.unanswered,
    },
  ];
  const chart = lineChart({
    id: `chart-${figures.locale}`,
    title: t('analytics.chartTitle', { language, from, to }),
    description: t('analytics.chartDescription'),
    labels: figures.days.map((day) => day.date),
    series: series.map((item) => ({ key: item.key, label: item.label, values: figures.days.map(item.pick) })),
  });
  const dayTable = h(
    'table',
    { class: 'figures-table' },
    h('caption', {}, t('analytics.tableCaption', { language })),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t('analytics.date')),
        h('th', { scope: 'col' }, t('analytics.questions')),
        ...series.map((item) => h('th', { scope: 'col' }, item.label)),
      ),
    ),
    h(
      'tbody',
      {},
      ...figures.days.map((day) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, day.date),
          h('td', {}, String(day.questions)),
          ...series.map((item) => h('td', {}, String(item.pick(day)))),
        ),
      ),
    ),
  );
  const articles =
    figures.articles.length === 0
      ? h('p', {}, t('analytics.noArticles'))
      : h(
          'table',
          {},
          h('caption', {}, t('analytics.articles', { language })),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ...[
                'analytics.article',
                'analytics.answeredTimes',
                'analytics.helpful',
                'analytics.notHelpful',
              ].map((key) => h('th', { scope: 'col' }, t(key))),
            ),
          ),
          h(
            'tbody',
            {},
            ...figures.articles.map((article) =>
              h(
                'tr',
                {},
                h(
                  'th',
                  { scope: 'row' },
                  h('a', { href: `#/article/${encodeURIComponent(article.articleId)}` }, article.articleId),
                ),
                h('td', {}, String(article.answered)),
                h('td', {}, String(article.helpful)),
                h('td', {}, String(article.notHelpful)),
              ),
            ),
          ),
        );
  return h(
    'section',
    { class: 'locale-figures', 'aria-labelledby': `figures-${figures.locale}` },
    h('h2', { id: `figures-${figures.locale}` }, t('analytics.summary', { language })),
    summary,
    chart,
    h('details', {}, h('summary', {}, t('analytics.dataTable')), dayTable),
    articles,
  );
}
