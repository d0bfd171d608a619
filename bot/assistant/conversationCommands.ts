import type { TurnContext } from 'botbuilder';
import type { Locale } from '../../contracts/locale.js';
import type { AssistantText } from './assistantText.js';
import type { ConversationMemory } from './conversationMemory.js';
import type { LiveAgentAlternatives } from './liveAgentAlternatives.js';
import { textAction, textReply } from './replyActivity.js';
import type { WelcomeMessage } from './welcomeMessage.js';

/**
 * Help, restart and cancel: what they say and what they reset. Used both when no dialog is
 * running and as interruptions in the middle of one (`InterruptibleDialog`).
 */
export class ConversationCommands {
  constructor(
    private readonly text: AssistantText,
    private readonly memory: ConversationMemory,
    private readonly welcome: WelcomeMessage,
    private readonly agentAlternatives: LiveAgentAlternatives,
  ) {}

  async help(context: TurnContext, locale: Locale): Promise<void> {
    const schedule = this.agentAlternatives.schedule(locale);
    const actions = this.text.list(locale, 'help.examples').map(textAction);
    await context.sendActivity(
      textReply(locale, this.text.get(locale, 'help.text', { schedule }), { actions, outcome: 'help' }),
    );
  }

  /** Forgets the conversation's progress (not its language) and greets again. */
  async restart(context: TurnContext, locale: Locale): Promise<void> {
    const data = await this.memory.data(context);
    data.misses = 0;
    data.feedbackPending = false;
    delete data.lastAnswer;
    delete data.lastQuestion;
    delete data.topic;
    delete data.lastReply;
    delete data.recentQuestion;
    delete data.pendingPrompt;
    await context.sendActivities([
      textReply(locale, this.text.get(locale, 'restart.done'), { outcome: 'restart' }),
      this.welcome.build(locale),
    ]);
  }

  async cancel(context: TurnContext, locale: Locale, somethingWasRunning: boolean): Promise<void> {
    const data = await this.memory.data(context);
    data.misses = 0;
    delete data.pendingPrompt;
    await context.sendActivity(
      textReply(locale, this.text.get(locale, somethingWasRunning ? 'cancel.done' : 'cancel.nothing'), {
        outcome: 'cancel',
      }),
    );
  }
}
