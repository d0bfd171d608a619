import { h } from './dom.js';
import { failureMessage } from './editorApi.js';
import type { Locale } from '../../contracts/locale.js';
import type { ArticleSummary, QuestionGroup } from '../../contracts/adminApi.js';
import { periodForm } from './periodForm.js';
import { shortTime, type View, type ViewContext } from './viewContext.js';

/**
 * What visitors asked that went unanswered or unhelped, grouped by similar wording, with a way
 * to add a wording to an article as an alternate question (a new draft revision of it).
 */
export const unansweredView: View = async (context, main, params) => {
  const { t, api } = context;
  const { form, period } = periodForm(context, 'unanswered', params);
  const [report, articles] = await Promise.all([api.unanswered(period), api.listArticles({})]);
  const byLocale = new Map<Locale, ArticleSummary[]>([
    ['en', articles.articles.filter((article) => article.locale === 'en')],
    ['es', articles.articles.filter((article) => article.locale === 'es')],
  ]);
  main.append(h('h1', { tabindex: '-1' }, t('unanswered.title')), h('p', {}, t('unanswered.intro')), form);
  if (report.groups.length === 0) {
    main.append(h('p', {}, t('unanswered.empty')));
    return;
  }
  const header = ['wording', 'language', 'count', 'why', 'dates', 'add'].map((key) =>
    h('th', { scope: 'col' }, t(`unanswered.column.${key}`)),
  );
  main.append(
    h(
      'p',
      { class: 'summary' },
      t('unanswered.total', { count: report.total, groups: report.groups.length }),
    ),
    h('p', { class: 'hint', id: ADD_HINT_ID }, t('unanswered.addHint')),
    h(
      'table',
      { class: 'unanswered' },
      h('caption', { class: 'visually-hidden' }, t('unanswered.title')),
      h('thead', {}, h('tr', {}, ...header)),
      h(
        'tbody',
        {},
        ...report.groups.map((group) => groupRow(context, group, byLocale.get(group.locale) ?? [])),
      ),
    ),
  );
};

/** What every "Add" button does, said once above the table. */
const ADD_HINT_ID = 'unanswered-add-hint';

function groupRow(context: ViewContext, group: QuestionGroup, articles: ArticleSummary[]): HTMLElement {
  const { t } = context;
  const selectId = `add-${group.id}`;
  const choice = h(
    'select',
    { id: selectId },
    h('option', { value: '' }, t('unanswered.chooseArticle')),
    ...articles.map((article) =>
      h(
        'option',
        { value: article.id, selected: group.articleIds[0] === article.id },
        `${article.title} (${article.id})`,
      ),
    ),
  );
  const add = h('button', { type: 'submit', 'aria-describedby': ADD_HINT_ID }, t('unanswered.add'));
  const result = h('p', { class: 'add-result' });
  const addForm = h(
    'form',
    { class: 'add-question' },
    h(
      'label',
      { for: selectId, class: 'visually-hidden' },
      t('unanswered.article', { wording: group.wording }),
    ),
    choice,
    add,
    result,
  );
  addForm.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!choice.value) {
      choice.focus();
      return;
    }
    add.disabled = true;
    context.api
      .addQuestion(group.locale, choice.value, group.wording)
      .then((article) => {
        const message = t('unanswered.added', { title: article.draft.title });
        result.replaceChildren(
          message,
          ' ',
          h(
            'a',
            { href: `#/article/${encodeURIComponent(article.id)}` },
            t('unanswered.openArticle', { title: article.draft.title }),
          ),
        );
        context.announce(message);
      })
      .catch((error: unknown) => {
        result.textContent = failureMessage(t, error);
      })
      .finally(() => {
        add.disabled = false;
      });
  });
  return h(
    'tr',
    {},
    h(
      'th',
      { scope: 'row', lang: group.locale },
      h('span', { class: 'wording' }, group.wording),
      group.examples.length > 0
        ? h(
            'span',
            { class: 'examples' },
            h('span', { lang: context.locale }, ` ${t('unanswered.otherWordings')} `),
            group.examples.join(' · '),
          )
        : null,
    ),
    h('td', {}, t(`locale.${group.locale}`)),
    h('td', {}, String(group.count)),
    h('td', {}, t('unanswered.why', { unanswered: group.unanswered, notHelpful: group.notHelpful })),
    h(
      'td',
      {},
      h('time', { datetime: group.firstAt }, shortTime(group.firstAt)),
      ' – ',
      h('time', { datetime: group.lastAt }, shortTime(group.lastAt)),
    ),
    h('td', {}, addForm),
  );
}
