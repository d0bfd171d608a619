import { ActivityHandler, ActivityTypes, type TurnContext } from 'botbuilder';

export interface EchoBotOptions {
  /** Say "welcome" when a conversation starts (conversationUpdate with the visitor added). */
  greet?: boolean;
  /** Awaited before each reply: tests hold a reply back to make it happen while a client is away. */
  beforeReply?: (text: string) => Promise<void>;
}

/**
 * The bot the channel tests run instead of the assistant, so they depend only on what they
 * control: it echoes text, answers "answer <id>" as an article answer with suggested actions,
 * "long-answer <id>" with an answer taller than any chat panel and then "Was this helpful?",
 * acknowledges feedback, and notices if two turns of one conversation ever overlap.
 */
export class EchoBot extends ActivityHandler {
  /** Every message turn's text, in the order turns ran, per conversation. */
  readonly turns = new Map<string, string[]>();
  private readonly running = new Map<string, number>();
  overlaps = 0;

  constructor(private readonly options: EchoBotOptions = {}) {
    super();
    this.onMessage(async (context, next) => {
      const conversationId = context.activity.conversation.id;
      const active = (this.running.get(conversationId) ?? 0) + 1;
      this.running.set(conversationId, active);
      if (active > 1) this.overlaps += 1;
      try {
        await this.reply(context);
      } finally {
        this.running.set(conversationId, (this.running.get(conversationId) ?? 1) - 1);
      }
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      if (this.options.greet) {
        await context.sendActivity({
          type: ActivityTypes.Message,
          text: 'welcome',
          locale: context.activity.locale,
        });
      }
      await next();
    });
  }

  private async reply(context: TurnContext): Promise<void> {
    const { text = '', locale } = context.activity;
    const value: unknown = context.activity.value;
    const list = this.turns.get(context.activity.conversation.id) ?? [];
    list.push(text);
    this.turns.set(context.activity.conversation.id, list);
    // A little jitter so overlapping turns would interleave if the channel let them.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
    await this.options.beforeReply?.(text);
    if (value && typeof value === 'object' && (value as { type?: unknown }).type === 'feedback') {
      const feedback = value as { articleId: string; helpful: boolean };
      await context.sendActivity({
        type: ActivityTypes.Message,
        text: `feedback ${feedback.articleId} ${feedback.helpful}`,
      });
      return;
    }
    const twoPart = /^answer-and-ask (\S+)$/.exec(text);
    if (twoPart) {
      // The assistant's shape: the answer, then a prompt whose buttons carry feedback values.
      const answer = { articleId: twoPart[1], locale };
      await context.sendActivities([
        { type: ActivityTypes.Message, text: `Answer for ${twoPart[1]}`, locale, channelData: { answer } },
        {
          type: ActivityTypes.Message,
          text: 'Was this helpful? You can also pick a related topic.',
          locale,
          channelData: { answer },
          suggestedActions: {
            to: [],
            actions: [
              { type: 'messageBack', title: 'Yes', value: { type: 'feedback', ...answer, helpful: true } },
              { type: 'messageBack', title: 'No', value: { type: 'feedback', ...answer, helpful: false } },
              {
                type: 'messageBack',
                title: 'Related topic',
                value: { type: 'article', articleId: 'related' },
              },
            ],
          },
        },
      ]);
      return;
    }
    const long = /^long-answer (\S+)$/.exec(text);
    if (long) {
      const answer = { articleId: long[1], locale };
      const paragraphs = Array.from(
        { length: 30 },
        (_, index) =>
          `Paragraph ${index + 1} of the answer about ${long[1]}, long enough to wrap in a chat bubble.`,
      );
      await context.sendActivities([
        {
          type: ActivityTypes.Message,
          text: [`**First line of the answer about ${long[1]}.**`, ...paragraphs].join('\n\n'),
          locale,
          channelData: { answer },
        },
        {
          type: ActivityTypes.Message,
          text: 'Was this helpful?',
          locale,
          channelData: { answer },
          suggestedActions: {
            to: [],
            actions: [
              { type: 'messageBack', title: 'Yes', value: { type: 'feedback', ...answer, helpful: true } },
              { type: 'messageBack', title: 'No', value: { type: 'feedback', ...answer, helpful: false } },
            ],
          },
        },
      ]);
      return;
    }
    const answer = /^answer (\S+)$/.exec(text);
    if (answer) {
      await context.sendActivity({
        type: ActivityTypes.Message,
        text: `**Answer** for ${answer[1]}`,
        locale,
        channelData: { answer: { articleId: answer[1], locale } },
        suggestedActions: {
          to: [],
          actions: [
            { type: 'imBack', title: 'More', value: 'tell me more' },
            { type: 'postBack', title: 'Data', value: { pick: 1 } },
          ],
        },
      });
      return;
    }
    if (text === 'languages') {
      await context.sendActivity({
        type: ActivityTypes.Message,
        text: 'Which language?',
        suggestedActions: {
          to: [],
          actions: [
            { type: 'messageBack', title: 'English', value: { type: 'language', locale: 'en' } },
            { type: 'messageBack', title: 'Español', value: { type: 'language', locale: 'es' } },
          ],
        },
      });
      return;
    }
    if (value && typeof value === 'object' && (value as { type?: unknown }).type === 'language') {
      await context.sendActivity({ type: ActivityTypes.Message, text: `language ${locale}`, locale });
      return;
    }
    if (text === 'fail') throw new Error('the bot failed on purpose');
    await context.sendActivity({
      type: ActivityTypes.Message,
      text: `echo: ${text}`,
      locale,
      channelData: { answer: null },
    });
  }
}
