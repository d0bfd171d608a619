import { field, h, select } from './dom.js';
import { failureMessage } from './editorApi.js';
import type { Locale } from '../../contracts/locale.js';
import type { FieldDiff } from '../../contracts/adminApi.js';
import { shortTime, type View, type ViewContext } from './viewContext.js';

/**
 * One language's revisions, newest first: who, when (UTC), what changed. Two revisions compare
 * field by field; any older revision can be rolled back to, as a new draft revision.
 */
export const historyView: View = async (context, main, params) => {
  const { t, api } = context;
  const locale: Locale = params.get('locale') === 'es' ? 'es' : 'en';
  const id = params.get('id') ?? '';
  const [article, revisions] = await Promise.all([api.getArticle(locale, id), api.history(locale, id)]);
  const language = t(`locale.${locale}`);
  const newest = [...revisions].reverse();

  const rows = newest.map((revision) => {
    const actions: Node[] = [];
    if (revision.revision === article.revision) actions.push(document.createTextNode(t('history.current')));
    else {
      const rollback = h(
        'button',
        { type: 'button' },
        t('history.rollback', { revision: revision.revision }),
      );
      rollback.addEventListener('click', () => {
        api
          .rollback(locale, id, revision.revision, article.revision)
          .then((rolled) => {
            context.announce(
              t('history.rolledBack', { revision: revision.revision, newRevision: rolled.revision }),
            );
            context.navigate(`#/history/${locale}/${encodeURIComponent(id)}?r=${rolled.revision}`);
          })
          .catch((error: unknown) => context.announce(failureMessage(t, error), 'error'));
      });
      actions.push(rollback);
    }
    return h(
      'tr',
      {},
      h('th', { scope: 'row' }, String(revision.revision)),
      h('td', {}, t(`history.action.${revision.action}`, { defaultValue: revision.action })),
      h('td', {}, revision.author),
      h('td', {}, h('time', { datetime: revision.at }, shortTime(revision.at))),
      h('td', {}, revision.note ?? ''),
      h('td', {}, ...actions),
    );
  });
  const header = ['revision', 'action', 'author', 'at', 'note', 'actions'].map((key) =>
    h('th', { scope: 'col' }, t(`history.column.${key}`)),
  );

  const numbers = newest.map((revision): [string, string] => [
    String(revision.revision),
    String(revision.revision),
  ]);
  const from = select(numbers, String(newest[1]?.revision ?? newest[0]?.revision ?? ''));
  const to = select(numbers, String(newest[0]?.revision ?? ''));
  const output = h('div', { class: 'diff', 'aria-live': 'polite' });
  const compare = h(
    'form',
    { class: 'compare', 'aria-labelledby': 'compare-title' },
    h('h2', { id: 'compare-title' }, t('history.compare')),
    field('diff-from', t('history.from'), from),
    field('diff-to', t('history.to'), to),
    h('button', { type: 'submit' }, t('history.show')),
  );
  compare.addEventListener('submit', (event) => {
    event.preventDefault();
    void showDiff(context, output, locale, id, Number(from.value), Number(to.value));
  });

  main.append(
    h('h1', { tabindex: '-1' }, t('history.title', { id, language })),
    h('p', {}, h('a', { href: `#/article/${encodeURIComponent(id)}` }, t('history.back'))),
    h(
      'table',
      { class: 'history' },
      h('caption', {}, t('history.caption')),
      h('thead', {}, h('tr', {}, ...header)),
      h('tbody', {}, ...rows),
    ),
    compare,
    output,
  );
};

async function showDiff(
  context: ViewContext,
  output: HTMLElement,
  locale: Locale,
  id: string,
  from: number,
  to: number,
): Promise<void> {
  const { t } = context;
  const fields = await context.api.diff(locale, id, from, to);
  const title = h('h3', {}, t('history.diffTitle', { from, to }));
  if (fields.length === 0) {
    output.replaceChildren(title, h('p', {}, t('history.noDifferences')));
    return;
  }
  output.replaceChildren(title, ...fields.map((diff) => renderField(context, diff)));
}

/** Added text in <ins>, removed in <del>, each with words for screen readers that do not announce them. */
function renderField(context: ViewContext, diff: FieldDiff): HTMLElement {
  const { t } = context;
  const name = t(`editor.fields.${diff.field}`, { defaultValue: diff.field });
  const marked = (added: boolean, removed: boolean, content: string): Node => {
    if (added)
      return h('ins', {}, h('span', { class: 'visually-hidden' }, ` ${t('history.added')} `), content);
    if (removed)
      return h('del', {}, h('span', { class: 'visually-hidden' }, ` ${t('history.removed')} `), content);
    return document.createTextNode(content);
  };
  if (diff.kind === 'text') {
    return h(
      'section',
      { class: 'diff-field', 'data-field': diff.field },
      h('h4', {}, name),
      h(
        'p',
        { class: 'diff-text' },
        ...diff.parts.map((part) => marked(part.added, part.removed, part.value)),
      ),
    );
  }
  return h(
    'section',
    { class: 'diff-field', 'data-field': diff.field },
    h('h4', {}, name),
    h(
      'ul',
      { class: 'diff-list' },
      ...diff.parts.flatMap((part) =>
        part.value.map((item) => h('li', {}, marked(part.added, part.removed, item))),
      ),
    ),
  );
}
