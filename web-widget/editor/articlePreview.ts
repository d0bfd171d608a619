import type { Locale } from '../../contracts/locale.js';
import { ChatPreview } from './chatPreview.js';
import { h } from './dom.js';
import { failureMessage } from './editorApi.js';
import type { PreviewDraft, RehearsalStep, RehearsalTurn } from '../../contracts/adminApi.js';
import type { ViewContext } from './viewContext.js';

/** Typing pauses this long before the preview is asked for again. */
const REFRESH_DELAY_MS = 350;

/**
 * "Preview, as visitors see it" of one language's version: the reply a widget visitor gets when
 * this article answers them (as when they pick it from a list), rehearsed by the server with the
 * form's text and drawn by the widget's own code. Only what the chat shows is shown: the short
 * answer and its link, "Was this helpful?" and the related topics, and whatever else the assistant
 * sends with an answer. The buttons work as they do in the chat, each press a further turn.
 */
export class ArticlePreview {
  readonly element: HTMLElement;
  private readonly chat: ChatPreview;
  private readonly note = h('p', { class: 'preview-note' });
  private readonly restart: HTMLButtonElement;
  private steps: RehearsalStep[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private latest = 0;

  constructor(
    private readonly context: ViewContext,
    private readonly locale: Locale,
    /** The form's text now, saved or not. */
    private readonly draft: () => PreviewDraft,
    /** "Spanish" as the console says it inside a sentence. */
    language: string,
  ) {
    const { t } = context;
    const titleId = `${locale}-preview-title`;
    this.chat = new ChatPreview({
      locale,
      markdown: context.markdown,
      onStep: (step) => {
        this.steps.push(step);
        this.restart.hidden = false;
        void this.refresh();
      },
    });
    this.restart = h('button', { type: 'button', class: 'secondary', hidden: true }, t('preview.restart'));
    this.restart.addEventListener('click', () => {
      this.steps = [];
      this.restart.hidden = true;
      void this.refresh();
    });
    this.element = h(
      'section',
      { class: 'preview', 'aria-labelledby': titleId, lang: context.locale },
      h('h3', { id: titleId }, t('preview.title', { language })),
      h('p', { class: 'hint' }, t('preview.intro')),
      this.chat.element,
      this.note,
      this.restart,
    );
  }

  /** After an edit: asks again once typing pauses. */
  refreshSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  async refresh(): Promise<void> {
    clearTimeout(this.timer);
    const run = ++this.latest;
    const draft = this.draft();
    // The visitor picks the article (a related topic, a "Did you mean" choice): its answer follows.
    const first: RehearsalStep = { text: draft.title, value: { type: 'article', articleId: draft.id } };
    try {
      const turns = await this.context.api.rehearse({
        locale: this.locale,
        steps: [first, ...this.steps],
        draft,
      });
      if (run !== this.latest) return;
      this.chat.show(turns, { skipFirstVisitor: true });
      this.note.textContent = this.liveAgentNote(turns);
      this.element.dataset.state = 'shown';
    } catch (error) {
      if (run !== this.latest) return;
      this.note.textContent = failureMessage(this.context.t, error);
      this.element.dataset.state = 'failed';
    }
  }

  private liveAgentNote(turns: readonly RehearsalTurn[]): string {
    return turns.at(-1)?.liveAgentRequested ? this.context.t('preview.liveAgent') : '';
  }
}
