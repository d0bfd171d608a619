import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';

type TurnLogic = (context: TurnContext) => Promise<void>;

/**
 * A botbuilder adapter that keeps the bot's messages in memory instead of sending them anywhere:
 * the channel of a rehearsal. Typing indicators and delays are dropped (a rehearsal shows the
 * messages, not their pacing); a rehearsal has no proactive messages.
 */
export class RehearsalAdapter extends BotAdapter {
  private sent: Partial<Activity>[] = [];

  process(activity: Partial<Activity>, logic: TurnLogic): Promise<void> {
    return this.runMiddleware(new TurnContext(this, activity), logic);
  }

  /** The messages sent since the last call, in order. */
  take(): Partial<Activity>[] {
    const taken = this.sent;
    this.sent = [];
    return taken;
  }

  async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    for (const activity of activities) if (activity.type === ActivityTypes.Message) this.sent.push(activity);
    return activities.map(() => ({ id: '' }));
  }

  updateActivity(): Promise<void> {
    return Promise.reject(new Error('A rehearsal cannot change a message already sent.'));
  }

  deleteActivity(): Promise<void> {
    return Promise.reject(new Error('A rehearsal cannot delete a message already sent.'));
  }

  continueConversation(_reference: Partial<ConversationReference>, _logic: TurnLogic): Promise<void> {
    return Promise.reject(new Error('A rehearsal has no proactive messages.'));
  }
}
