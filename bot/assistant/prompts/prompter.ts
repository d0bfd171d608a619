import type { Activity, CardAction, TurnContext } from 'botbuilder';
import type { Locale } from '../../../contracts/locale.js';
import type { ArticleCatalog } from '../answerSource.js';
import type { AssistantText } from '../assistantText.js';
import type { ConversationMemory } from '../conversationMemory.js';
import { textReply, valueAction } from '../replyActivity.js';
import type { Prompt, PromptChoice, PromptText } from './prompt.js';

const ASKED_THIS_TURN = Symbol('promptAskedThisTurn');

/**
 * Asks the assistant's questions: renders a `Prompt` in the conversation's language (its buttons
 * included) and keeps it as the conversation's pending prompt until the next reply is read.
 */
export class Prompter {
  constructor(
    private readonly text: AssistantText,
    private readonly catalog: ArticleCatalog,
    private readonly memory: ConversationMemory,
  ) {}

  async ask(context: TurnContext, prompt: Prompt, locale?: Locale): Promise<void> {
    const language = locale ?? (await this.memory.locale(context));
    await context.sendActivity(this.render(language, prompt));
    (await this.memory.data(context)).pendingPrompt = prompt;
    context.turnState.set(ASKED_THIS_TURN, true);
  }

  /** Whether a prompt was asked in this turn (else the previous one is over once no dialog waits). */
  askedThisTurn(context: TurnContext): boolean {
    return context.turnState.get(ASKED_THIS_TURN) === true;
  }

  render(locale: Locale, prompt: Prompt): Partial<Activity> {
    const paragraphs = [...(prompt.lead ?? []), prompt.question].map((part) => this.say(locale, part));
    const actions = prompt.choices.flatMap((choice) => this.button(locale, choice));
    return textReply(locale, paragraphs.join('\n\n'), { actions, outcome: prompt.outcome });
  }

  /** A choice's label in a language ("" when it has none, or its article is gone). */
  label(locale: Locale, choice: PromptChoice): string {
    if (!choice.label) return '';
    if ('key' in choice.label) return this.text.get(locale, choice.label.key);
    return this.catalog.get(choice.label.articleId, locale)?.title ?? '';
  }

  say(locale: Locale, part: PromptText): string {
    const values: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(part.values ?? {})) {
      if (typeof value !== 'object') values[name] = value;
      else values[name] = 'key' in value ? this.text.get(locale, value.key) : value.byLocale[locale];
    }
    return this.text.get(locale, part.key, values);
  }

  private button(locale: Locale, choice: PromptChoice): CardAction[] {
    const title = this.label(locale, choice);
    return title ? [valueAction(title, choice.value)] : [];
  }
}
