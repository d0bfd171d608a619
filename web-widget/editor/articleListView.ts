import { field, h, select } from './dom.js';
import type { ArticleSummary } from '../../contracts/adminApi.js';
import { localeFilter, shortTime, type View } from './viewContext.js';

const FILTERS = ['q', 'locale', 'status', 'tag'] as const;

/**
 * The article list: search words, language, status and tag filters (kept in the address, so a
 * filtered list can be reloaded or shared), and for each article its status and what needs
 * attention (missing or stale translation, unpublished changes, content problems).
 */
export const articleListView: View = async (context, main, params) => {
  const { t, api } = context;
  const filter = Object.fromEntries(
    FILTERS.flatMap((name) => (params.get(name) ? [[name, params.get(name) as string]] : [])),
  );
  const { articles } = await api.listArticles(filter);

  const search = h('input', { type: 'search', value: filter.q ?? '', maxlength: 200 });
  const tag = h('input', { type: 'text', value: filter.tag ?? '', maxlength: 60 });
  const locale = localeFilter(t, filter.locale);
  const status = select(
    [
      ['', t('status.any')],
      ['draft', t('status.draft')],
      ['published', t('status.published')],
      ['unpublished', t('status.unpublished')],
    ],
    filter.status ?? '',
  );
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': t('list.filters') },
    field('filter-q', t('list.search'), search),
    field('filter-locale', t('list.language'), locale),
    field('filter-status', t('list.status'), status),
    field('filter-tag', t('list.tag'), tag),
    h('button', { type: 'submit' }, t('list.apply')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [name, control] of [
      ['q', search],
      ['locale', locale],
      ['status', status],
      ['tag', tag],
    ] as const) {
      if (control.value.trim()) next.set(name, control.value.trim());
    }
    context.navigate(`#/articles${next.size > 0 ? `?${next.toString()}` : ''}`);
  });

  const missing = articles.filter((article) => article.missingTranslation).length;
  const stale = articles.filter((article) => article.staleTranslation).length;
  main.append(
    h('h1', { tabindex: '-1' }, t('list.title')),
    h('p', {}, h('a', { href: '#/new', class: 'button' }, t('list.newArticle'))),
    form,
    h(
      'p',
      { class: 'summary' },
      t('list.count', { count: articles.length }),
      missing > 0 ? ` · ${t('list.missingCount', { count: missing })}` : '',
      stale > 0 ? ` · ${t('list.staleCount', { count: stale })}` : '',
    ),
    articles.length === 0 ? h('p', {}, t('list.empty')) : articleTable(context.t, articles),
  );
};

function articleTable(t: Parameters<View>[0]['t'], articles: ArticleSummary[]): HTMLElement {
  const header = ['title', 'language', 'status', 'revision', 'flags', 'updated'].map((key) =>
    h('th', { scope: 'col' }, t(`list.column.${key}`)),
  );
  const rows = articles.map((article) => {
    const flags = [
      article.missingTranslation ? t('list.flag.missing') : null,
      article.staleTranslation ? t('list.flag.stale') : null,
      article.unpublishedChanges ? t('list.flag.changes') : null,
      article.problems > 0 ? t('list.flag.problems', { count: article.problems }) : null,
    ].filter((flag): flag is string => flag !== null);
    return h(
      'tr',
      { 'data-article': `${article.locale}:${article.id}` },
      h(
        'th',
        { scope: 'row' },
        h('a', { href: `#/article/${encodeURIComponent(article.id)}`, lang: article.locale }, article.title),
        h('span', { class: 'article-id' }, article.id),
      ),
      h('td', {}, t(`locale.${article.locale}`)),
      h('td', {}, article.deleted ? t('status.deleted') : t(`status.${article.status}`)),
      h('td', {}, String(article.revision)),
      h(
        'td',
        {},
        flags.length === 0
          ? t('list.flag.none')
          : h('ul', { class: 'flags' }, ...flags.map((flag) => h('li', {}, flag))),
      ),
      h('td', {}, t('list.savedBy', { date: shortTime(article.updatedAt), name: article.updatedBy })),
    );
  });
  return h(
    'table',
    { class: 'articles' },
    h('caption', { class: 'visually-hidden' }, t('list.title')),
    h('thead', {}, h('tr', {}, ...header)),
    h('tbody', {}, ...rows),
  );
}
