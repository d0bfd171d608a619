import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { AppConfig } from '../../config/config.js';

/**
 * botbuilder's CloudAdapter with one public entry point for the HTTP edge. The stock
 * `process(req, res)` writes raw error messages into responses and logs to the console; ours lets
 * the route decide what a client sees (401 or a generic 500) and log through the masked logger.
 */
export class BotFrameworkAdapter extends CloudAdapter {
  constructor(settings: AppConfig['botFramework']) {
    super(
      new ConfigurationBotFrameworkAuthentication({
        MicrosoftAppId: settings.appId,
        MicrosoftAppPassword: settings.appPassword,
        MicrosoftAppType: settings.appType,
        MicrosoftAppTenantId: settings.tenantId,
      }),
    );
  }

  /**
   * Authenticates the request (an empty header is accepted only when no app id is configured),
   * runs the turn, and returns the invoke response (for `expectReplies`: the replies).
   */
  handleActivity(
    authHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}
