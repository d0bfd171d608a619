import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';

/**
 * Makes every outgoing message say whether it came from an article: `channelData.answer` is
 * `{ articleId, locale, score }` on article replies (set by whoever built them) and `null` on
 * every other message. Analytics, feedback and the evaluation read it, so a reply that forgot
 * it would be silently miscounted; this fills the gap for all of them, whatever code sent them.
 */
export class AnswerChannelDataMiddleware implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.onSendActivities(async (_context, activities, sendNext) => {
      for (const activity of activities) {
        if (activity.type !== ActivityTypes.Message) continue;
        const channelData: unknown = activity.channelData;
        if (channelData === null || typeof channelData !== 'object' || Array.isArray(channelData)) {
          activity.channelData = { answer: null };
        } else if (!('answer' in channelData) || (channelData as { answer?: unknown }).answer === undefined) {
          activity.channelData = { ...channelData, answer: null };
        }
      }
      return sendNext();
    });
    await next();
  }
}
