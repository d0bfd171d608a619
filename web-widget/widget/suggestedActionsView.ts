import type { Locale } from '../../contracts/locale.js';
import type { SuggestedAction } from '../../contracts/visitorEvents.js';
import { h } from '../shared/dom.js';
import { isFeedbackAction } from './feedbackView.js';
import type { Translate } from './widgetStrings.js';

/**
 * The bot's reply buttons under its newest message, as in Web Chat. Each carries
 * `data-act="suggest"` and its index among the message's actions, for the message log's one click
 * listener. Feedback actions are left out: they are drawn as the feedback group. Null when none is left.
 */
export function renderSuggestedActions(
  doc: Document,
  t: Translate,
  actions: SuggestedAction[],
  /** The language the buttons' titles are written in (the message's). */
  lang: Locale | null,
): HTMLElement | null {
  const shown = actions
    .map((action, index) => ({ action, index }))
    .filter(({ action }) => !isFeedbackAction(action));
  if (shown.length === 0) return null;
  return h(
    doc,
    'div',
    { class: 'va-actions', role: 'group', 'aria-label': t('actions.label') },
    ...shown.map(({ action, index }) =>
      h(
        doc,
        'button',
        { type: 'button', 'data-act': 'suggest', 'data-index': index, lang: lang ?? undefined },
        action.title,
      ),
    ),
  );
}

/** The language a suggested action switches to, when it is the bot's own "English / Español" button. */
export function languageOf(value: unknown): Locale | null {
  if (typeof value !== 'object' || value === null || (value as { type?: unknown }).type !== 'language')
    return null;
  const locale = (value as { locale?: unknown }).locale;
  return locale === 'en' || locale === 'es' ? locale : null;
}
