import { field, h } from './dom.js';
import type { PeriodQuery } from '../../contracts/adminApi.js';
import { localeFilter, type ViewContext } from './viewContext.js';

/**
 * The period and language filter of the reports, kept in the address (`?from=…&to=…&locale=…`)
 * so a report can be reloaded or shared. Empty dates: the API's default (the last 30 days).
 */
export function periodForm(
  context: ViewContext,
  page: string,
  params: URLSearchParams,
): {
  form: HTMLFormElement;
  period: PeriodQuery;
} {
  const { t } = context;
  const period: PeriodQuery = {
    ...(params.get('from') ? { from: params.get('from') as string } : {}),
    ...(params.get('to') ? { to: params.get('to') as string } : {}),
    ...(params.get('locale') === 'en' || params.get('locale') === 'es'
      ? { locale: params.get('locale') as 'en' | 'es' }
      : {}),
  };
  const from = h('input', { type: 'date', value: period.from ?? '' });
  const to = h('input', { type: 'date', value: period.to ?? '' });
  const locale = localeFilter(t, period.locale);
  const form = h(
    'form',
    { class: 'filters' },
    h(
      'fieldset',
      {},
      h('legend', {}, t('period.legend')),
      field(`${page}-from`, t('period.from'), from),
      field(`${page}-to`, t('period.to'), to),
      field(`${page}-locale`, t('period.language'), locale),
      h('button', { type: 'submit' }, t('period.show')),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (from.value) next.set('from', from.value);
    if (to.value) next.set('to', to.value);
    if (locale.value) next.set('locale', locale.value);
    context.navigate(`#/${page}${next.size > 0 ? `?${next.toString()}` : ''}`);
  });
  return { form, period };
}
