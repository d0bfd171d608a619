import { ChatPreview } from './chatPreview.js';
import { field, h, select } from './dom.js';
import { failureMessage } from './editorApi.js';
import type { Locale } from '../../contracts/locale.js';
import type { RehearsalStep, RehearsalTurn, TryResult } from '../../contracts/adminApi.js';
import type { View, ViewContext } from './viewContext.js';

const SIGNALS = ['bm25', 'coverage', 'questionMatch', 'charMatch', 'classifier'] as const;

/**
 * "Try it": a question asked as a widget visitor would ask it, answered from the drafts. On one
 * side the conversation as the visitor would see it (drawn by the widget's own code, its buttons
 * working as in the chat); beside it why: the engine's decision, confidence and each candidate's
 * signals.
 */
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
  const output = h('div', { class: 'try-result' });
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
    const question = text.value.trim();
    Promise.all([
      context.api.tryQuestion(question, language),
      context.api.rehearse({ locale: language, steps: [{ text: question }] }),
    ])
      .then(([result, turns]) => {
        const conversation = new TriedConversation(context, language, question, turns);
        output.replaceChildren(
          h(
            'div',
            { class: 'try-columns' },
            conversation.element,
            h('div', { class: 'try-why' }, ...renderResult(context, result, language)),
          ),
        );
        context.announce(verdictOf(context, result));
      })
      .catch((error: unknown) =>
        output.replaceChildren(h('p', { class: 'error' }, failureMessage(t, error))),
      );
  });
  main.append(h('h1', { tabindex: '-1' }, t('try.title')), h('p', {}, t('try.intro')), form, output);
};

/**
 * The visitor's side: the conversation the question starts, as the widget draws it. A button
 * pressed in it is the visitor's next step, and the conversation is rehearsed again with it.
 */
class TriedConversation {
  readonly element: HTMLElement;
  private readonly chat: ChatPreview;
  private readonly note = h('p', { class: 'preview-note' });
  private steps: RehearsalStep[];
  private latest = 0;

  constructor(
    private readonly context: ViewContext,
    private readonly language: Locale,
    question: string,
    turns: RehearsalTurn[],
  ) {
    const { t } = context;
    this.steps = [{ text: question }];
    this.chat = new ChatPreview({
      locale: language,
      markdown: context.markdown,
      onStep: (step) => {
        this.steps.push(step);
        void this.rehearse();
      },
    });
    this.element = h(
      'section',
      { class: 'try-chat', 'aria-labelledby': 'try-chat-title' },
      h('h2', { id: 'try-chat-title' }, t('try.conversation')),
      h('p', { class: 'hint' }, t('try.conversationIntro')),
      this.chat.element,
      this.note,
    );
    this.show(turns);
  }

  private async rehearse(): Promise<void> {
    const run = ++this.latest;
    try {
      const turns = await this.context.api.rehearse({ locale: this.language, steps: this.steps });
      if (run === this.latest) this.show(turns);
    } catch (error) {
      if (run === this.latest) this.note.textContent = failureMessage(this.context.t, error);
    }
  }

  private show(turns: RehearsalTurn[]): void {
    this.chat.show(turns);
    this.note.textContent = turns.at(-1)?.liveAgentRequested ? this.context.t('preview.liveAgent') : '';
  }
}

function verdictOf(context: ViewContext, result: TryResult): string {
  const { t } = context;
  return result.decision === 'answer' && result.article
    ? t('try.answer', { title: result.article.title, id: result.article.id })
    : result.decision === 'clarify'
      ? t('try.clarify', { ids: result.alternatives.join(', ') })
      : t('try.none');
}

/** `language`: the articles' language, which their titles and questions are marked with. */
function renderResult(context: ViewContext, result: TryResult, language: Locale): HTMLElement[] {
  const { t } = context;
  const verdict = verdictOf(context, result);
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
    h('h2', {}, t('try.why')),
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
