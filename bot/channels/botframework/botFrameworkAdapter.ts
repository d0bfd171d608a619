import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConversationAccount,
  type ConversationReference,
  type InvokeResponse,
  type ResourceResponse,
  type TurnContext,
} from 'botbuilder';
import type { AppConfig } from '../../config/config.js';
import { channelConversationId, productConversationId } from './conversationIds.js';
import { ReusedConnectorClients } from './reusedConnectorClients.js';

/**
 * botbuilder's CloudAdapter with one public entry point for the HTTP edge. The stock
 * `process(req, res)` writes raw error messages into responses and logs to the console; ours lets
 * the route decide what a client sees (401 or a generic 500) and log through the masked logger.
 *
 * Inside the product a conversation is called by its product id (conversationIds.ts), which is the
 * channel's own id except where that could name a widget conversation; the channel sees its own
 * ids on every activity sent back, replies to a turn and proactive messages alike.
 */
export class BotFrameworkAdapter extends CloudAdapter {
  constructor(settings: AppConfig['botFramework']) {
    super(
      new ReusedConnectorClients(
        new ConfigurationBotFrameworkAuthentication({
          MicrosoftAppId: settings.appId,
          MicrosoftAppPassword: settings.appPassword,
          MicrosoftAppType: settings.appType,
          MicrosoftAppTenantId: settings.tenantId,
        }),
      ),
    );
  }

  /**
   * Authenticates the request (an empty header is accepted only when no app id is configured),
   * runs the turn, and returns the invoke response (for `expectReplies`: the replies).
   */
  async handleActivity(
    authHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    const inbound = activity.conversation?.id
      ? {
          ...activity,
          conversation: { ...activity.conversation, id: productConversationId(activity.conversation.id) },
        }
      : activity;
    const response = await this.processActivity(authHeader, inbound, logic);
    // expectReplies: the replies travel back in the response, not through sendActivities.
    const replies = (response?.body as { activities?: Array<Partial<Activity>> } | undefined)?.activities;
    if (Array.isArray(replies)) replies.forEach((reply, index) => (replies[index] = withChannelId(reply)));
    return response;
  }

  override sendActivities(
    context: TurnContext,
    activities: Array<Partial<Activity>>,
  ): Promise<ResourceResponse[]> {
    return super.sendActivities(context, activities.map(withChannelId));
  }

  override updateActivity(
    context: TurnContext,
    activity: Partial<Activity>,
  ): Promise<ResourceResponse | void> {
    return super.updateActivity(context, withChannelId(activity));
  }

  override deleteActivity(context: TurnContext, reference: Partial<ConversationReference>): Promise<void> {
    return super.deleteActivity(context, withChannelId(reference));
  }
}

/** A copy with the channel's own conversation id (`conversation` is shared with the turn's activity). */
function withChannelId<T extends { conversation?: ConversationAccount }>(activity: T): T {
  if (!activity.conversation?.id) return activity;
  return {
    ...activity,
    conversation: { ...activity.conversation, id: channelConversationId(activity.conversation.id) },
  };
}
