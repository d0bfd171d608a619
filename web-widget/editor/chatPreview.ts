import type { Locale } from '../../contracts/locale.js';
import type { RehearsalStep, RehearsalTurn } from '../../contracts/adminApi.js';
import type { SuggestedAction } from '../../contracts/visitorEvents.js';
import type { MarkdownRenderer } from '../shared/renderMarkdown.js';
import { ConversationLog } from '../widget/conversationLog.js';
import { MessageLogView, type MessageLogActions } from '../widget/messageLogView.js';
import { WidgetContext } from '../widget/widgetContext.js';
import { adoptWidgetStyles } from '../widget/widgetStyles.js';
import { h } from './dom.js';

/** The frame around the widget's conversation: what its panel looks like, without the panel. */
const FRAME_CSS = `
.va-root { display: block; max-width: 400px; border: 1px solid #71767a; border-radius: 8px; background: #fff; }
.va-log { overflow: visible; }
`;

/**
 * A conversation drawn by the visitor widget's own code: its message list (MessageLogView, with
 * the widget's bubbles, reply buttons and "Was this helpful?"), in the widget's language and with
 * its stylesheet, inside a shadow root as on the agency's pages. What the editors' preview and
 * "Try it" show is therefore exactly what a visitor gets. A button pressed here does what it does
 * in the widget: it becomes the visitor's next step (`onStep`), which the page rehearses.
 */
export class ChatPreview {
  readonly element: HTMLElement;
  private readonly context: WidgetContext;
  private log = new ConversationLog();
  private view: MessageLogView;
  private readonly root: HTMLDivElement;

  constructor(options: {
    /** The widget's language: its labels, and the visitor's. */
    locale: Locale;
    markdown: MarkdownRenderer;
    onStep: (step: RehearsalStep) => void;
  }) {
    this.element = h('div', { class: 'chat-preview' });
    const shadow = this.element.attachShadow({ mode: 'open' });
    adoptWidgetStyles(shadow, window);
    shadow.append(h('style', {}, FRAME_CSS));
    this.context = new WidgetContext(document, options.markdown, () => undefined, options.locale);
    this.root = h('div', { class: 'va-root', lang: options.locale });
    shadow.append(this.root);
    const actions: MessageLogActions = {
      retry: () => undefined,
      // What the widget sends for a button: its text, and its value when it has one.
      suggest: (_entry, action: SuggestedAction) =>
        options.onStep({
          text: action.text ?? '',
          ...(action.value !== null ? { value: action.value } : {}),
        }),
      feedback: (entry, helpful) => {
        if (!entry.answer) return;
        const { articleId, locale } = entry.answer;
        options.onStep({ text: '', value: { type: 'feedback', articleId, locale, helpful } });
      },
      // In the widget focus goes back to the message box; here, to the conversation.
      focusComposer: () => this.view.element.focus(),
    };
    this.view = new MessageLogView(this.context, this.log, actions);
    this.view.applyStrings();
    this.root.append(this.view.element);
  }

  /** Draws these turns, replacing what was shown. `skipFirstVisitor`: the first step is not something the visitor wrote. */
  show(turns: readonly RehearsalTurn[], options: { skipFirstVisitor?: boolean } = {}): void {
    this.log.reset();
    turns.forEach((turn, index) => {
      if (!(options.skipFirstVisitor && index === 0)) this.log.upsert(turn.visitor);
      for (const reply of turn.replies) this.log.upsert(reply);
    });
    this.view.forgetFeedback();
    this.view.renderAll();
  }
}
