import { field, h, select } from './dom.js';
import { failureMessage } from './editorApi.js';
import type { Locale } from '../../contracts/locale.js';
import type { TryResult } from '../protocol/adminApi.js';
import type { View, ViewContext } from './viewContext.js';

const SIGNALS = ['bm25', 'coverage', 'questionMatch', 'charMatch', 'classifier'] as const;

/** "Try it": a question against the drafts' index, with the decision and each candidate's signals. */
export const tryItView: View = async (context, main, params) => {
  const { t } = context;
  const text = h('input', { type: 'text', required: true, maxlength: 500, value: params.get('q') ?? '' });
  const locale = select(
    [
      ['en', t('locale.en')],
      ['es', t('locale.es')],
    ],
    params.get('locale') ?? context.locale,
  );
  const output = h('div', { class: 'try-result', 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'try' },
    field('try-text', t('try.question'), text),
    field('try-locale', t('try.language'), locale),
    h('button', { type: 'submit' }, t('try.submit')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!text.value.trim()) {
      text.focus();
      return;
    }
    const language = locale.value === 'es' ? 'es' : 'en';
    context.api
      .tryQuestion(text.value, language)
      .then((result) => output.replaceChildren(...renderResult(context, result, language)))
      .catch((error: unknown) =>
        output.replaceChildren(h('p', { class: 'error' }, failureMessage(t, error))),
      );
  });
  main.append(h('h1', { tabindex: '-1' }, t('try.title')), h('p', {}, t('try.intro')), form, output);
};

/** `language`: the articles' language, which their titles and questions are marked with. */
function renderResult(context: ViewContext, result: TryResult, language: Locale): HTMLElement[] {
  const { t } = context;
  const verdict =
    result.decision === 'answer' && result.article
      ? t('try.answer', { title: result.article.title, id: result.article.id })
      : result.decision === 'clarify'
        ? t('try.clarify', { ids: result.alternatives.join(', ') })
        : t('try.none');
  const header = ['article', 'score', ...SIGNALS, 'matched'].map((key) =>
    h('th', { scope: 'col' }, t(`try.column.${key}`)),
  );
  const rows = result.ranking.map((candidate) =>
    h(
      'tr',
      { 'data-article': candidate.id },
      h('th', { scope: 'row' }, h('span', { lang: language }, candidate.title), ` (${candidate.id})`),
      h('td', {}, candidate.score.toFixed(3)),
      ...SIGNALS.map((signal) => h('td', {}, candidate.signals[signal].toFixed(3))),
      h('td', { lang: language }, candidate.matchedQuestion),
    ),
  );
  return [
    h('p', { class: 'verdict', 'data-decision': result.decision }, verdict),
    h(
      'p',
      {},
      t('try.score', {
        score: result.score.toFixed(3),
        answer: result.thresholds.answer.toFixed(2),
        clarify: result.thresholds.clarify.toFixed(2),
      }),
    ),
    h(
      'p',
      {},
      t('try.terms', { terms: result.queryTerms.join(', ') }),
      ' · ',
      t('try.drafts', { count: result.drafts }),
    ),
    h(
      'div',
      { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': t('try.ranking') },
      h(
        'table',
        {},
        h('caption', {}, t('try.ranking')),
        h('thead', {}, h('tr', {}, ...header)),
        h('tbody', {}, ...rows),
      ),
    ),
  ];
}
